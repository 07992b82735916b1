package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "read recaps (files, directories, - for stdin) into the graph",
		ArgsUsage: "PATH...",
		Flags: []cli.Flag{
			&cli.Int64Flag{Name: "max-size", Value: 16, Usage: "largest file to read, in `MB`"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only errors and the summary"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "parallel extraction `N`"},
			&cli.BoolFlag{Name: "force", Usage: "read unchanged files again too, replacing what they said (after upgrading kg or changing the catalog)"},
		},
		Action: ingest,
	}
}

// input is one file to read; explicit inputs were named on the command line,
// so a problem with them is an error rather than a skipped file.
type input struct {
	path     string
	explicit bool
}

// result is what reading and extracting one input gave.
type result struct {
	in        input
	facts     *graph.Facts
	unchanged bool
	size      int64
	err       error
}

func ingest(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("ingest needs at least one PATH (a file, a directory or - for stdin)")
	}
	maxSize := c.Int64("max-size") << 20
	if maxSize <= 0 {
		return usagef("--max-size must be positive")
	}
	inputs, warnings, err := collectInputs(c.Args().Slice())
	for _, w := range warnings {
		fmt.Fprintln(c.App.ErrWriter, "kg: warning: "+w)
	}
	if err != nil {
		return err
	}
	o := storeOptions(c, false)
	size := inputSize(inputs)
	o.Bulk = isBulk(size, dbDir(c))
	o.Large = o.Bulk && size >= largeInput
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit makes the collector work harder as the heap nears
		// it, instead of letting it double between collections. Badger's
		// two 32 MB memtables and the builder of a flushing table hold
		// ~130 MB and a 10k load's live heap stays under ~180 MB, so 256 MB
		// costs ~2% of CPU in collections and keeps the process under
		// 400 MB with the mapped pages the store keeps resident. A large
		// load gets 320 MB: its live heap is 125-140 MB after most
		// collections (a memtable arena, the flush builder Badger keeps,
		// the writer's caches and spill index), up to ~170 MB during a
		// flush, and collections cost more time than they save memory
		// there: 256 MB took a 100k load from 130 to 148 s (380 against
		// 436 MB), GOGC=50 from 133 to 140 s (398 against 433-437 MB).
		limit := int64(256 << 20)
		if o.Large {
			limit = 320 << 20
		}
		debug.SetMemoryLimit(limit)
	}
	db, err := store.Open(dbDir(c), o)
	if err != nil {
		return err
	}
	defer db.Close()
	cat, err := loadCatalog(c.Context, db)
	if err != nil {
		return err
	}
	w, err := db.NewWriter()
	if err != nil {
		return err
	}
	defer w.Discard()
	w.SetReread(c.Bool("force"))

	ctx := c.Context
	var hashes *store.Hashes // nil: no file counts as unchanged
	if !c.Bool("force") {
		if hashes, err = db.Hashes(); err != nil {
			return err
		}
		defer hashes.Close()
	}
	results := extractAll(ctx, hashes, cat, inputs, maxSize, c.Int("jobs"), c.App.Reader)
	prog := newProgress(c.App.ErrWriter, len(inputs), c.Bool("quiet"))
	var stored, unchanged, failed, badExplicit int
	var talks, nodes, edges int
	for r := range results {
		prog.add(r.size)
		if ctx.Err() != nil {
			break
		}
		if r.err != nil {
			failed++
			if r.in.explicit {
				badExplicit++
				prog.println(c.App.ErrWriter, "kg: "+oneLine(r.err.Error()))
			} else {
				prog.println(c.App.ErrWriter, "kg: warning: skipped "+oneLine(r.err.Error()))
			}
			continue
		}
		if r.unchanged {
			unchanged++
			if c.Bool("verbose") {
				prog.println(c.App.Writer, "unchanged "+r.in.path)
			}
			continue
		}
		for _, wmsg := range r.facts.Warnings {
			prog.println(c.App.ErrWriter, "kg: warning: "+wmsg)
		}
		res, err := w.Put(ctx, r.facts)
		if errors.Is(err, store.ErrTooLarge) {
			failed++
			if r.in.explicit {
				badExplicit++
				prog.println(c.App.ErrWriter, "kg: "+r.in.path+": "+oneLine(err.Error()))
			} else {
				prog.println(c.App.ErrWriter, "kg: warning: skipped "+r.in.path+": "+oneLine(err.Error()))
			}
			continue
		}
		if err != nil {
			if errors.Is(err, context.Canceled) {
				break
			}
			return fmt.Errorf("store %s: %w", r.in.path, err)
		}
		if res.Unchanged {
			unchanged++
			continue
		}
		stored++
		nt := countKind(r.facts, graph.Talk)
		talks += nt
		nodes += res.Nodes
		edges += res.Edges
		if !c.Bool("quiet") {
			verb := "added"
			if res.Replaced {
				verb = "replaced"
			}
			prog.println(c.App.Writer, fmt.Sprintf("%s %s (%s): %d talks, %d nodes, %d edges",
				verb, res.Source, r.in.path, nt, res.Nodes, res.Edges))
		}
	}
	prog.done()
	if err := w.Commit(); err != nil {
		return err
	}
	// Their transactions end before Compact reopens Badger.
	w.Discard()
	if hashes != nil {
		hashes.Close()
	}
	if o.Bulk && stored > 0 && ctx.Err() == nil {
		prog.status("merging the database's tables (once, after a large load)")
		err := db.Compact()
		prog.done()
		if err != nil {
			return err
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintf(c.App.ErrWriter, "kg: interrupted: %d sources stored, the rest not touched\n", w.Committed())
		return &exitError{1}
	}
	fmt.Fprintf(c.App.Writer, "%d sources stored (%d talks, %d nodes, %d edges), %d unchanged, %d failed\n",
		stored, talks, nodes, edges, unchanged, failed)
	if badExplicit > 0 {
		return &exitError{2}
	}
	return nil
}

// bulkMinInput is the least input for a bulk load: below it the memtable
// holds most of the load and compaction hardly runs anyway.
var bulkMinInput int64 = 16 << 20

// largeInput is the least input for a large bulk load (store.Options.Large).
var largeInput int64 = 256 << 20

// inputSize returns the bytes of the input files (stdin counts as none).
func inputSize(inputs []input) int64 {
	var n int64
	for _, in := range inputs {
		if in.path == "-" {
			continue
		}
		if fi, err := os.Stat(in.path); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// isBulk reports whether n bytes of input are large against the database
// in dir: at least a quarter of its table bytes (stored facts take about
// six times the text), so that merging everything once at the end
// (store.Compact) costs less than compacting level by level while loading.
func isBulk(n int64, dir string) bool {
	return n >= bulkMinInput && 4*n >= store.DiskSize(dir)
}

func countKind(f *graph.Facts, k graph.NodeKind) int {
	n := 0
	for _, x := range f.Nodes {
		if x.Kind == k {
			n++
		}
	}
	return n
}

// recapExt lists the extensions read inside directories. Notes kept as
// reStructuredText, AsciiDoc, Org or wiki files are read as plain text
// (a MediaWiki page through its markup): their headings, bullets and
// labelled lines are what the text rules follow.
var recapExt = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true,
	".mdown": true, ".mkd": true, ".html": true, ".htm": true, ".xhtml": true,
	".rst": true, ".adoc": true, ".asciidoc": true, ".org": true, ".wiki": true, ".mediawiki": true, ".gmi": true, ".gemini": true}

// collectInputs expands the command-line paths: directories recursively
// (their recap files only, hidden entries skipped, symbolic links to
// directories not followed), in sorted order, each path once.
func collectInputs(args []string) ([]input, []string, error) {
	var out []input
	var warnings []string
	seen := map[string]bool{}
	add := func(p string, explicit bool) {
		key := p
		if p != "-" {
			if a, err := filepath.Abs(p); err == nil {
				key = a
			}
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, input{p, explicit})
		}
	}
	for _, a := range args {
		if a == "-" {
			add(a, true)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, warnings, usagef("%s", pathError(a, err))
		}
		if !fi.IsDir() {
			add(a, true)
			continue
		}
		var files []string
		root := a
		if real, err := filepath.EvalSymlinks(a); err == nil {
			root = real // a symbolic link to a folder is followed, links inside it are not
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				warnings = append(warnings, pathError(p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !recapExt[strings.ToLower(filepath.Ext(name))] || projectDoc(name) {
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			return nil, warnings, err
		}
		sort.Strings(files)
		for _, f := range files {
			add(f, false)
		}
	}
	return out, warnings, nil
}

// projectDoc reports whether a file in a folder of recaps documents the
// folder rather than being a recap (README.md, LICENSE.txt, CHANGELOG.md);
// named explicitly, such a file is still read.
func projectDoc(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "CODE_OF_CONDUCT", "NOTICE", "SECURITY", "AUTHORS":
		return true
	}
	return false
}

// pathError words a file-system error for the user.
func pathError(p string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(p); lerr == nil {
			return p + ": broken symbolic link"
		}
		return p + ": no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return p + ": permission denied"
	case strings.Contains(err.Error(), "too many levels of symbolic links"):
		return p + ": symbolic link loop"
	}
	return p + ": " + err.Error()
}

// extractAll reads and extracts inputs with a bounded pool of workers and
// delivers results in input order, so output is deterministic. What it
// holds follows the files in flight, not the number of inputs: each
// dispatched file gets its own result channel, queued in input order (a
// channel and a Stat per input, made up front, were 25 MB of a 100k-file
// load's heap).
func extractAll(ctx context.Context, hashes *store.Hashes, cat *extract.Catalog, inputs []input, maxSize int64, jobs int, stdin io.Reader) <-chan result {
	if jobs < 1 {
		jobs = 1
	}
	type job struct {
		i  int
		fi fs.FileInfo // nil: look it up
		ch chan result
	}
	type pending struct {
		ch     chan result
		weight int64
	}
	out := make(chan result, jobs)
	work := make(chan job)
	// ahead bounds how far extraction runs ahead of the writer, so memory
	// stays flat however many files there are.
	ahead := newBudget(aheadFiles*jobs, aheadBytes)
	order := make(chan pending, aheadFiles*jobs)
	var wg sync.WaitGroup
	for j := 0; j < jobs; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range work {
				w.ch <- readOne(ctx, hashes, cat, inputs[w.i], w.fi, maxSize, stdin)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(work)
		for i, in := range inputs {
			// The file's size weighs it; its worker reads it with the
			// same Stat, so a file is not looked up twice.
			w := job{i: i, ch: make(chan result, 1)}
			weight := maxSize
			if in.path != "-" {
				if fi, err := os.Stat(in.path); err == nil {
					w.fi, weight = fi, min(fi.Size(), maxSize)
				}
			}
			if !ahead.acquire(ctx, weight) {
				return
			}
			select {
			case order <- pending{w.ch, weight}:
			case <-ctx.Done():
				return
			}
			select {
			case work <- w:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		defer close(out)
		for p := range order {
			select {
			case r := <-p.ch:
				ahead.release(p.weight)
				out <- r
			case <-ctx.Done():
				wg.Wait()
				return
			}
		}
		wg.Wait()
	}()
	return out
}

// readOne reads, checks and extracts one input; fi is its Stat, or nil to
// look it up.
func readOne(ctx context.Context, hashes *store.Hashes, cat *extract.Catalog, in input, fi fs.FileInfo, maxSize int64, stdin io.Reader) result {
	r := result{in: in}
	var data []byte
	name := in.path
	if in.path == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, maxSize+1))
		if err != nil {
			r.err = &extract.InputError{Name: "stdin", Reason: err.Error()}
			return r
		}
		data, name = b, "stdin"
	} else {
		var b []byte
		var err error
		if fi != nil {
			b, err = readStatted(in.path, fi, maxSize)
		} else {
			b, err = readFile(in.path, maxSize)
		}
		if err != nil {
			r.err = err
			return r
		}
		data = b
	}
	r.size = int64(len(data))
	if int64(len(data)) > maxSize {
		r.err = &extract.InputError{Name: name, Reason: fmt.Sprintf("larger than the %d MB limit (use --max-size)", maxSize>>20)}
		return r
	}
	info := sourceInfo(in.path, name, data)
	if in.path != "-" && hashes != nil {
		if h, err := hashes.Of(info.Path); err == nil && h == info.Hash {
			r.unchanged = true
			return r
		}
	}
	dec, err := extract.DecodeBytes(data, name)
	if err != nil {
		r.err = err
		return r
	}
	r.facts, r.err = extractSafely(dec, name, cat, info)
	return r
}

// extractHook, when set (by tests), runs before a source is extracted.
var extractHook func(name string)

// extractSafely parses and extracts one decoded source. A panic in the
// extractor is a bug, but it fails that source alone, with its name, and
// leaves the rest of the load and what is stored untouched.
func extractSafely(dec extract.Decoded, name string, cat *extract.Catalog, info graph.SourceInfo) (facts *graph.Facts, err error) {
	defer func() {
		if p := recover(); p != nil {
			facts, err = nil, &extract.InputError{Name: name, Reason: fmt.Sprintf("kg could not read it (an internal error, please report it: %v)", p)}
		}
	}()
	if extractHook != nil {
		extractHook(name)
	}
	doc := extract.Parse(dec, name)
	info.Format = string(doc.Format)
	info.Ingested = time.Now().UTC().Truncate(time.Second)
	return extract.Extract(doc, cat, info), nil
}

// sourceInfo describes the source of data read from path ("-": stdin) and
// shown as name: its id, absolute path, hash and size. The format and time
// of ingest are left to the caller.
func sourceInfo(path, name string, data []byte) graph.SourceInfo {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	info := graph.SourceInfo{ID: extract.SourceID(name), Path: path, Hash: hash, Size: int64(len(data))}
	if path == "-" {
		info.ID = "source:stdin-" + hash[:12]
		info.Path = "stdin:" + hash[:12]
	} else if a, err := filepath.Abs(path); err == nil {
		info.Path = a
	}
	return info
}

// readFile reads a regular file of at most max bytes (one more is read to
// detect a larger file), refusing devices, FIFOs and directories.
func readFile(p string, max int64) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, &extract.InputError{Name: p, Reason: strings.TrimPrefix(pathError(p, err), p+": ")}
	}
	return readStatted(p, fi, max)
}

// readStatted is readFile for a file whose Stat is fi.
func readStatted(p string, fi fs.FileInfo, max int64) ([]byte, error) {
	if !fi.Mode().IsRegular() {
		what := "not a regular file"
		switch {
		case fi.IsDir():
			what = "a directory"
		case fi.Mode()&fs.ModeNamedPipe != 0:
			what = "a named pipe (FIFO), not a regular file"
		case fi.Mode()&fs.ModeDevice != 0:
			what = "a device, not a regular file"
		case fi.Mode()&fs.ModeSocket != 0:
			what = "a socket, not a regular file"
		}
		return nil, &extract.InputError{Name: p, Reason: what}
	}
	if fi.Size() > max {
		return nil, &extract.InputError{Name: p, Reason: fmt.Sprintf("%d MB is larger than the %d MB limit (use --max-size)", fi.Size()>>20, max>>20)}
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, &extract.InputError{Name: p, Reason: strings.TrimPrefix(pathError(p, err), p+": ")}
	}
	defer f.Close()
	// Read into a buffer of the size Stat gave (one more byte to see a file
	// that grew): io.ReadAll's doubling from 512 bytes was 4% of a load's
	// extraction time.
	b := make([]byte, 0, min(fi.Size(), max)+1)
	b, err = readAllInto(b, io.LimitReader(f, max+1))
	if err != nil {
		return nil, &extract.InputError{Name: p, Reason: "cannot read: " + err.Error()}
	}
	return b, nil
}

// readAllInto is io.ReadAll appending to b.
func readAllInto(b []byte, r io.Reader) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// progress draws a one-line progress bar on stderr when it is a terminal
// and the ingest takes more than a second.
type progress struct {
	w       io.Writer
	on      bool
	total   int
	n       int
	bytes   int64
	start   time.Time
	last    time.Time
	visible bool
}

func newProgress(w io.Writer, total int, quiet bool) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.on = true
	}
	return p
}

func (p *progress) add(n int64) {
	p.n++
	p.bytes += n
	if !p.on || time.Since(p.start) < time.Second || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	el := time.Since(p.start).Seconds()
	mbs := float64(p.bytes) / 1e6 / el
	eta := time.Duration(float64(p.total-p.n) * el / float64(p.n) * float64(time.Second)).Round(time.Second)
	width := 30
	done := width * p.n / max(p.total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d files  %.1f MB/s  ETA %s ", strings.Repeat("#", done),
		strings.Repeat(".", width-done), p.n, p.total, mbs, eta)
	p.visible = true
}

// println prints a line without garbling the bar.
func (p *progress) println(w io.Writer, s string) {
	if p.visible {
		fmt.Fprint(p.w, "\r\033[K")
		p.visible = false
	}
	fmt.Fprintln(w, s)
}

// status shows msg in place of the bar while a long last step runs.
func (p *progress) status(msg string) {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K"+msg)
		p.visible = true
	}
}

func (p *progress) done() {
	if p.visible {
		fmt.Fprint(p.w, "\r\033[K")
		p.visible = false
	}
}

// Extraction runs ahead of the writer by up to aheadFiles files per
// worker and aheadBytes of input. A commit waits ~40 ms for Badger to take
// its ~70 recaps; with only a few files ahead the workers stopped within
// 5 ms and a core idled for the rest (a 10k load used 170% of two cores;
// with 32 files per worker, 190%, and 10% less wall time). The byte bound
// keeps a folder of large files from holding hundreds of MB of facts.
const (
	aheadFiles = 32
	aheadBytes = 32 << 20
)

// budget is a counting semaphore over files and bytes for one acquirer
// (the goroutine handing out work in input order) and one releaser (the
// one delivering results in the same order), so the oldest file always
// gets through: a file larger than the byte bound is admitted alone.
type budget struct {
	mu       sync.Mutex
	files    int
	bytes    int64
	maxFiles int
	maxBytes int64
	freed    chan struct{}
}

func newBudget(files int, bytes int64) *budget {
	return &budget{maxFiles: files, maxBytes: bytes, freed: make(chan struct{}, 1)}
}

// acquire waits until n more bytes fit, or nothing is held; it returns
// false if ctx ends first.
func (b *budget) acquire(ctx context.Context, n int64) bool {
	for {
		b.mu.Lock()
		if b.files == 0 || b.files < b.maxFiles && b.bytes+n <= b.maxBytes {
			b.files++
			b.bytes += n
			b.mu.Unlock()
			return true
		}
		b.mu.Unlock()
		select {
		case <-b.freed:
		case <-ctx.Done():
			return false
		}
	}
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.files--
	b.bytes -= n
	b.mu.Unlock()
	select {
	case b.freed <- struct{}{}:
	default:
	}
}
