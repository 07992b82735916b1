package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

const testRecaps = "../../extract/testdata/recaps"

// recapFiles lists the recaps of dirs, skipping a directory that is not
// there (the shared corpus lives outside the repository).
func recapFiles(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if recapExt[strings.ToLower(filepath.Ext(e.Name()))] {
				out = append(out, filepath.Join(d, e.Name()))
			}
		}
	}
	if len(out) < 2 {
		t.Skip("no recaps to ingest")
	}
	return out
}

func exportJSON(t *testing.T, db string) string {
	t.Helper()
	return mustRun(t, "--db", db, "export", "--format", "json")
}

func ingestInto(t *testing.T, db string, paths ...string) string {
	t.Helper()
	return mustRun(t, append([]string{"--db", db, "ingest", "-q"}, paths...)...)
}

func shuffled(rng *rand.Rand, s []string) []string {
	out := append([]string(nil), s...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestOrderIndependent: the same files in any order, in one ingest or in
// several, give a byte-identical export.
func TestOrderIndependent(t *testing.T) {
	files := recapFiles(t, corpusDir, testRecaps, examples)
	want := exportJSON(t, func() string {
		db := filepath.Join(t.TempDir(), "db")
		ingestInto(t, db, files...)
		return db
	}())
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 6; i++ {
		order := shuffled(rng, files)
		t.Run("shuffle "+strconv.Itoa(i), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "db")
			if i%2 == 0 {
				ingestInto(t, db, order...)
			} else { // in three ingests: different commits, same graph
				third := len(order) / 3
				ingestInto(t, db, order[:third]...)
				ingestInto(t, db, order[third:2*third]...)
				ingestInto(t, db, order[2*third:]...)
			}
			if got := exportJSON(t, db); got != want {
				t.Errorf("order %v:\n%s", order, firstDifference([]byte(got), []byte(want)))
			}
		})
	}
}

// TestIdempotent: ingesting the same files again, by another spelling of
// their paths, stores nothing and changes nothing.
func TestIdempotent(t *testing.T) {
	files := recapFiles(t, testRecaps, examples)
	db := filepath.Join(t.TempDir(), "db")
	ingestInto(t, db, files...)
	want := exportJSON(t, db)
	var abs []string
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		abs = append(abs, a)
	}
	for _, again := range [][]string{files, abs, {testRecaps, examples}} {
		out := ingestInto(t, db, again...)
		if !strings.HasPrefix(out, "0 sources stored") {
			t.Errorf("ingest again stored something: %s", out)
		}
		if got := exportJSON(t, db); got != want {
			t.Errorf("ingest again changed the export:\n%s", firstDifference([]byte(got), []byte(want)))
		}
	}
}

// TestReplace: a changed file replaces what its earlier version
// contributed; changing it back gives the first graph again.
func TestReplace(t *testing.T) {
	files := recapFiles(t, testRecaps)
	dir := t.TempDir()
	p := filepath.Join(dir, "recap.md")
	a, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	others := files[2:]
	exportWith := func(content []byte) string {
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(t.TempDir(), "db")
		ingestInto(t, db, append([]string{p}, others...)...)
		return exportJSON(t, db)
	}
	wantA, wantB := exportWith(a), exportWith(b)

	db := filepath.Join(t.TempDir(), "db")
	for i, c := range [][]byte{a, b, a, b} {
		if err := os.WriteFile(p, c, 0o644); err != nil {
			t.Fatal(err)
		}
		out := mustRun(t, "--db", db, "ingest", p)
		if i > 0 && !strings.Contains(out, "replaced source:recap") {
			t.Errorf("step %d: %s", i, out)
		}
		if i == 0 {
			ingestInto(t, db, others...)
		}
		want := wantA
		if i%2 == 1 {
			want = wantB
		}
		if got := exportJSON(t, db); got != want {
			t.Errorf("step %d: export differs from a clean ingest of that version:\n%s", i, firstDifference([]byte(got), []byte(want)))
		}
	}
}

type exportGraph struct {
	Nodes []graph.Node `json:"nodes"`
	Edges []graph.Edge `json:"edges"`
}

func parseExport(t *testing.T, s string) exportGraph {
	t.Helper()
	var g exportGraph
	if err := json.Unmarshal([]byte(s), &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestForget: forgetting a source (by id, relative or absolute path)
// removes all it contributed and nothing that another source supports.
func TestForget(t *testing.T) {
	files := recapFiles(t, corpusDir, examples)
	for i, f := range files {
		abs, _ := filepath.Abs(f)
		src := "source:" + graph.Slug(strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)))
		arg := []string{f, abs, src}[i%3]
		t.Run(filepath.Base(f), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "db")
			ingestInto(t, db, files...)
			before := parseExport(t, exportJSON(t, db))
			out := mustRun(t, "--db", db, "forget", arg)
			if !strings.HasPrefix(out, "forgot "+src+" (") {
				t.Errorf("forget %s: %q", arg, out)
			}
			after := parseExport(t, exportJSON(t, db))
			alone := func() exportGraph { // what the source gives on its own
				d := filepath.Join(t.TempDir(), "alone")
				ingestInto(t, d, f)
				return parseExport(t, exportJSON(t, d))
			}()
			nodes := map[string]bool{}
			for _, n := range after.Nodes {
				nodes[n.ID] = true
				if n.ID == src {
					t.Errorf("the source node %s is still there", src)
				}
			}
			for _, e := range after.Edges {
				for _, ev := range e.Evidence {
					if ev.Source == src {
						t.Fatalf("edge %s %s %s keeps evidence from %s", e.Source, e.Kind, e.Target, src)
					}
				}
				if !nodes[e.Source] || !nodes[e.Target] {
					t.Errorf("dangling edge %s %s %s", e.Source, e.Kind, e.Target)
				}
			}
			// A node the other sources support stays.
			supported := map[string]bool{}
			for _, e := range before.Edges {
				for _, ev := range e.Evidence {
					if ev.Source != src {
						supported[e.Source], supported[e.Target] = true, true
					}
				}
			}
			for _, n := range before.Nodes {
				if supported[n.ID] && !nodes[n.ID] && n.ID != src {
					t.Errorf("node %s, supported by another source, was removed", n.ID)
				}
			}
			if len(after.Nodes) >= len(before.Nodes) || len(alone.Nodes) == 0 {
				t.Errorf("forget removed no node (%d before, %d after)", len(before.Nodes), len(after.Nodes))
			}
			if _, errs, code := kgRun(t, "", "--db", db, "check"); code != 0 {
				t.Errorf("check after forget: exit %d: %s", code, errs)
			}
		})
	}
}

// TestForgetAll: forgetting every source leaves an empty graph.
func TestForgetAll(t *testing.T) {
	files := recapFiles(t, examples)
	db := filepath.Join(t.TempDir(), "db")
	ingestInto(t, db, files...)
	mustRun(t, append([]string{"--db", db, "forget"}, files...)...)
	if g := parseExport(t, exportJSON(t, db)); len(g.Nodes) != 0 || len(g.Edges) != 0 {
		t.Errorf("after forgetting all: %d nodes, %d edges", len(g.Nodes), len(g.Edges))
	}
	ingestInto(t, db, files...)
	want := func() string {
		d := filepath.Join(t.TempDir(), "db")
		ingestInto(t, d, files...)
		return exportJSON(t, d)
	}()
	if got := exportJSON(t, db); got != want {
		t.Errorf("ingest after forgetting all differs from a fresh ingest:\n%s", firstDifference([]byte(got), []byte(want)))
	}
}

func TestForgetErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	ingestInto(t, db, examples)
	before := exportJSON(t, db)
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown id", []string{"source:nope"}, "kg: no source source:nope"},
		{"unknown path", []string{"/no/such/recap.md"}, "kg: no source /no/such/recap.md"},
		{"one of several unknown", []string{filepath.Join(examples, "ebpf-summit-2023.md"), "nope"}, "kg: no source nope"},
		{"no argument", nil, "kg: forget needs a SOURCE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := kgRun(t, "", append([]string{"--db", db, "forget"}, c.args...)...)
			if code != 2 || !strings.HasPrefix(errs, c.stderr) || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, c.stderr)
			}
			if exportJSON(t, db) != before {
				t.Error("a refused forget changed the graph")
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "none")
	if _, errs, code := kgRun(t, "", "--db", missing, "forget", "source:x"); code != 2 || !strings.HasPrefix(errs, "kg: no source source:x") {
		t.Errorf("forget without a database: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("forget created a database")
	}
}

// rawDamage changes a closed database with Badger directly.
func rawDamage(t *testing.T, dir string, fn func(txn *badger.Txn) error) {
	t.Helper()
	bdb, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// rawFirstKey returns the first key with a prefix.
func rawFirstKey(t *testing.T, dir, prefix string) []byte {
	t.Helper()
	var k []byte
	rawDamage(t, dir, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		defer it.Close()
		it.Rewind()
		if it.Valid() {
			k = it.Item().KeyCopy(nil)
		}
		return nil
	})
	if k == nil {
		t.Fatalf("no key with prefix %q", prefix)
	}
	return k
}

// groupsOf counts the distinct (from, source) and (to, kind, source) of
// the edges kg export lists: the edge groups the database should hold.
func groupsOf(t *testing.T, db string) (fwd, rev int) {
	t.Helper()
	var g struct {
		Edges []graph.Edge `json:"edges"`
	}
	if err := json.Unmarshal([]byte(exportJSON(t, db)), &g); err != nil {
		t.Fatal(err)
	}
	// The examples are stored in one commit, whose reverse groups hold
	// every source's edges into a node of one kind.
	f, r := map[[2]string]bool{}, map[[2]string]bool{}
	for _, e := range g.Edges {
		for _, ev := range e.Evidence {
			f[[2]string{e.Source, ev.Source}] = true
			r[[2]string{e.Target, string(e.Kind)}] = true
		}
	}
	return len(f), len(r)
}

func TestCheckCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	ingestInto(t, db, examples)
	want := exportJSON(t, db)
	out := mustRun(t, "--db", db, "check")
	if !strings.Contains(out, "no problems") {
		t.Fatalf("check of a fresh database: %s", out)
	}
	// --space lists keys and bytes by kind of record; a source has a
	// forward edge group per node its edges leave, and a commit a reverse
	// one per node and kind they enter.
	if out := mustRun(t, "--db", db, "check", "--space"); !strings.Contains(out, "edge groups (reverse)") || !strings.Contains(out, "KEY MB") {
		t.Errorf("check --space: %s", out)
	}
	var fresh store.Report
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "check", "--format", "json")), &fresh); err != nil {
		t.Fatal(err)
	}
	keys := map[string]int{}
	for _, ks := range fresh.Space {
		keys[ks.Name] = ks.Keys
	}
	nfwd, nrev := groupsOf(t, db)
	if keys["edge groups (forward, with evidence)"] != nfwd || keys["edge groups (reverse)"] != nrev || keys["node records"] != fresh.Nodes {
		t.Errorf("space %v does not match %d forward and %d reverse groups and %d nodes", keys, nfwd, nrev, fresh.Nodes)
	}

	rev := rawFirstKey(t, db, "b\x00")
	alias := rawFirstKey(t, db, "a\x00")
	rawDamage(t, db, func(txn *badger.Txn) error {
		if err := txn.Delete(rev); err != nil {
			return err
		}
		if err := txn.Delete(alias); err != nil {
			return err
		}
		return txn.Set([]byte("a\x00ghost\x00project:ghost"), nil)
	})
	out, errs, code := kgRun(t, "", "--db", db, "check")
	if code != 1 || !strings.HasPrefix(errs, "kg: check found 3 problems") {
		t.Errorf("check of a damaged database: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{store.ProblemMissingRev, store.ProblemMissingAlias, store.ProblemStaleAlias, "a|ghost|project:ghost"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	js, _, code := kgRun(t, "", "--db", db, "check", "--format", "json")
	var rep store.Report
	if err := json.Unmarshal([]byte(js), &rep); err != nil || code != 1 || rep.Total != 3 {
		t.Errorf("check --format json: exit %d, %v, %+v", code, err, rep)
	}

	out = mustRun(t, "--db", db, "check", "--repair")
	if !strings.Contains(out, "repaired: 3 keys") || !strings.Contains(out, "no problems") {
		t.Errorf("check --repair: %s", out)
	}
	if out := mustRun(t, "--db", db, "check"); !strings.Contains(out, "no problems") {
		t.Errorf("check after repair: %s", out)
	}
	if got := exportJSON(t, db); got != want {
		t.Errorf("repair changed the graph:\n%s", firstDifference([]byte(got), []byte(want)))
	}
	if _, errs, code := kgRun(t, "", "--db", db, "check", "extra"); code != 2 || !strings.HasPrefix(errs, "kg: check takes no arguments") {
		t.Errorf("check extra: exit %d, %q", code, errs)
	}
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestBackupRestore(t *testing.T) {
	tmp := t.TempDir()
	db := filepath.Join(tmp, "db")
	ingestInto(t, db, examples)
	want := exportJSON(t, db)
	file := filepath.Join(tmp, "kg.backup")
	out := mustRun(t, "--db", db, "backup", file)
	if !strings.HasPrefix(out, "backed up "+db+" to "+file) {
		t.Errorf("backup: %s", out)
	}
	noTempFiles(t, tmp)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	to := filepath.Join(tmp, "restored")
	if out := mustRun(t, "--db", to, "restore", file); !strings.HasPrefix(out, "restored ") {
		t.Errorf("restore: %s", out)
	}
	if got := exportJSON(t, to); got != want {
		t.Errorf("restored export differs:\n%s", firstDifference([]byte(got), []byte(want)))
	}

	// Over a graph: refused without --force, replaced with it.
	other := filepath.Join(tmp, "other")
	ingestInto(t, other, testRecaps)
	otherExport := exportJSON(t, other)
	_, errs, code := kgRun(t, "", "--db", other, "restore", file)
	if code != 2 || errs != "kg: database "+other+" already holds a graph; kg restore --force replaces it\n" {
		t.Errorf("restore over a graph: exit %d, %q", code, errs)
	}
	if exportJSON(t, other) != otherExport {
		t.Error("refused restore changed the database")
	}
	mustRun(t, "--db", other, "restore", "--force", file)
	if got := exportJSON(t, other); got != want {
		t.Errorf("forced restore:\n%s", firstDifference([]byte(got), []byte(want)))
	}

	// Bad files change nothing and leave no database behind.
	bad := map[string][]byte{
		"half":  good[:len(good)/2],
		"empty": nil,
		"text":  []byte("this is not a backup\n"),
		"json":  []byte(want),
	}
	for name, b := range bad {
		p := filepath.Join(tmp, name+".backup")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, target := range []string{to, filepath.Join(tmp, "new-"+name)} {
			_, errs, code := kgRun(t, "", "--db", target, "restore", "--force", p)
			if code != 2 || !strings.HasPrefix(errs, "kg: "+p+": not a kg backup: ") || strings.Count(errs, "\n") != 1 {
				t.Errorf("%s into %s: exit %d, %q", name, target, code, errs)
			}
		}
		if got := exportJSON(t, to); got != want {
			t.Errorf("%s: a refused restore changed the database", name)
		}
		if _, err := os.Stat(filepath.Join(tmp, "new-"+name)); err == nil {
			t.Errorf("%s: a refused restore left a new database", name)
		}
	}

	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"restore missing file", []string{"--db", to, "restore", filepath.Join(tmp, "nope")}, 2, "kg: " + filepath.Join(tmp, "nope") + ": no such file or directory"},
		{"restore a directory", []string{"--db", to, "restore", tmp}, 2, "kg: " + tmp + ": not a regular file"},
		{"backup into a missing directory", []string{"--db", db, "backup", filepath.Join(tmp, "no", "x")}, 2, "kg: cannot write " + filepath.Join(tmp, "no", "x") + ": no such file or directory"},
		{"backup onto a directory", []string{"--db", db, "backup", tmp}, 2, "kg: cannot write " + tmp + ": not a regular file"},
		{"backup of no database", []string{"--db", filepath.Join(tmp, "none"), "backup", file}, 2, "kg: no database at"},
		{"backup without a file", []string{"--db", db, "backup"}, 2, "kg: backup needs one FILE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := kgRun(t, "", c.args...)
			if code != c.code || !strings.HasPrefix(errs, c.stderr) {
				t.Errorf("exit %d, %q; want %d, %q", code, errs, c.code, c.stderr)
			}
		})
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, good) {
		t.Error("a failed backup changed the existing backup file")
	}

	// An interrupted backup leaves the old file as it was.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"kg", "--db", db, "backup", file}, strings.NewReader(""), &stdout, &stderr); code == 0 {
		t.Error("backup with a cancelled context succeeded")
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, good) {
		t.Error("an interrupted backup changed the backup file")
	}
	noTempFiles(t, tmp)

	// Backup to stdout is the same stream.
	if out := mustRun(t, "--db", db, "backup", "-"); len(out) < len(good)/2 {
		t.Errorf("backup to stdout: %d bytes", len(out))
	}
}

// TestLockedDatabase: every command that writes gets exit 3 while another
// process holds the database; queries side by side are fine.
func TestLockedDatabase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	ingestInto(t, dir, examples)
	file := filepath.Join(t.TempDir(), "kg.backup")
	mustRun(t, "--db", dir, "backup", file)

	bin := e2eBinary(t)
	var cmds []*exec.Cmd
	for i := 0; i < 2; i++ {
		cmds = append(cmds, exec.Command(bin, "--db", dir, "talks", "--format", "json"))
	}
	var outs [2]bytes.Buffer
	for i, c := range cmds {
		c.Stdout = &outs[i]
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("concurrent query %d: %v", i, err)
		}
	}
	if outs[0].String() != outs[1].String() || outs[0].Len() == 0 {
		t.Error("concurrent queries gave different answers")
	}

	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := "kg: database " + dir + " is in use by another kg process\n"
	for _, args := range [][]string{
		{"forget", "source:ebpf-summit-2023"},
		{"check", "--repair"},
		{"check"},
		{"restore", "--force", file},
		{"backup", filepath.Join(t.TempDir(), "b")},
		{"ingest", examples},
	} {
		_, errs, code := kgRun(t, "", append([]string{"--db", dir}, args...)...)
		if code != 3 || errs != want {
			t.Errorf("kg %s while locked: exit %d, %q; want 3, %q", strings.Join(args, " "), code, errs, want)
		}
	}
}

// TestInterruptIngest sends SIGINT to kg while it ingests thousands of
// recaps: it stops after the current source, stores every source it
// reported and nothing partial, and says how many it stored.
func TestInterruptIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short")
	}
	python, err := exec.LookPath("python3")
	gen := "../../../shared/bench/gen_corpus.py"
	if _, serr := os.Stat(gen); err != nil || serr != nil {
		t.Skip("python3 or gen_corpus.py not available")
	}
	tmp := t.TempDir()
	recaps := filepath.Join(tmp, "recaps")
	if out, err := exec.Command(python, gen, "--out", recaps, "--docs", "3000").CombinedOutput(); err != nil {
		t.Fatalf("gen_corpus: %v\n%s", err, out)
	}
	dir := filepath.Join(tmp, "db")
	cmd := exec.Command(e2eBinary(t), "--db", dir, "ingest", recaps)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	added := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "added ") {
			added++
			if added == 50 {
				cmd.Process.Signal(os.Interrupt)
			}
		}
	}
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("interrupted ingest: %v, want exit 1; stderr %s", err, stderr.String())
	}
	m := regexp.MustCompile(`^kg: interrupted: (\d+) sources stored, the rest not touched\n$`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("stderr %q", stderr.String())
	}
	n, _ := strconv.Atoi(m[1])
	if n < 50 || n >= 3000 || n != added {
		t.Errorf("%d sources stored, %d reported added; want the same, at least 50 and not all", n, added)
	}
	db, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srcs, err := db.Sources(context.Background())
	if err != nil || len(srcs) != n {
		t.Errorf("database holds %d sources (%v), kg said %d", len(srcs), err, n)
	}
	rep, err := db.Check(context.Background(), false)
	if err != nil || !rep.Clean() {
		t.Errorf("check after interrupt: %v %+v", err, rep.Problems)
	}
}

// TestBadDatabase: directories kg cannot use give a clear one-line
// message and exit 2; nothing panics and nothing in them is changed.
func TestBadDatabase(t *testing.T) {
	fresh := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "db")
		ingestInto(t, dir, examples)
		return dir
	}
	cases := []struct {
		name   string
		setup  func(t *testing.T) string
		stderr string // a regular expression
	}{
		{"not a kg database", func(t *testing.T) string {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, `^kg: .* is not a kg database \(it has files but no Badger MANIFEST\)\n$`},
		{"a file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "file")
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, `^kg: .* is not a directory`},
		{"another program's Badger database", func(t *testing.T) string {
			dir := t.TempDir()
			rawDamage(t, dir, func(txn *badger.Txn) error { return txn.Set([]byte("hello"), []byte("world")) })
			return dir
		}, `^kg: .* is a Badger database but not a kg database`},
		{"newer schema", func(t *testing.T) string {
			dir := fresh(t)
			rawDamage(t, dir, func(txn *badger.Txn) error { return txn.Set([]byte("m\x00schema"), []byte("kg/5")) })
			return dir
		}, `^kg: database .* has schema "kg/5"; this kg understands "kg/4" \(upgrade kg\)`},
		{"empty MANIFEST", func(t *testing.T) string {
			dir := fresh(t)
			if err := os.Truncate(filepath.Join(dir, "MANIFEST"), 0); err != nil {
				t.Fatal(err)
			}
			return dir
		}, `^kg: .*manifest has bad magic`},
		{"truncated MANIFEST", func(t *testing.T) string {
			dir := fresh(t)
			if err := os.Truncate(filepath.Join(dir, "MANIFEST"), 10); err != nil {
				t.Fatal(err)
			}
			return dir
		}, `^kg: database .* is damaged: its MANIFEST \(truncated\?\) does not list 1 table file`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := c.setup(t)
			before := dirState(t, dir)
			for _, args := range [][]string{{"check"}, {"talks"}, {"ingest", examples}, {"export"}} {
				_, errs, code := kgRun(t, "", append([]string{"--db", dir}, args...)...)
				if code != 2 || !regexp.MustCompile(c.stderr).MatchString(errs) || strings.Count(errs, "\n") != 1 {
					t.Errorf("kg %s: exit %d, stderr %q; want 2 and %s", args[0], code, errs, c.stderr)
				}
				if f := changedFile(before, dirState(t, dir)); f != "" {
					t.Fatalf("kg %s changed or removed %s: %v -> %v", args[0], f, before, dirState(t, dir))
				}
			}
		})
	}
}

// dirState lists a directory's files and sizes (or describes a file).
func dirState(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() {
		return map[string]int64{"": fi.Size()}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = info.Size()
	}
	return out
}

// changedFile names a file of before that is gone or has another size.
// Badger may add files (an empty value log) when it opens a database, and
// replace a value log that holds no value (its 20-byte header alone).
func changedFile(before, after map[string]int64) string {
	for name, size := range before {
		if strings.HasSuffix(name, ".vlog") && size <= 20 {
			continue
		}
		if s, ok := after[name]; !ok || s != size {
			return name
		}
	}
	return ""
}

// TestTruncatedValueLogCommand: source records lost from the value log are
// named by the commands that need them; check lists them, repair drops
// them, and ingesting the files again gives back the graph.
func TestTruncatedValueLogCommand(t *testing.T) {
	files := recapFiles(t, corpusDir, testRecaps)
	dir := filepath.Join(t.TempDir(), "db")
	ingestInto(t, dir, files...)
	want := exportJSON(t, dir)
	vlogs, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	for _, v := range vlogs {
		if err := os.Truncate(v, 100); err != nil {
			t.Fatal(err)
		}
	}
	_, errs, code := kgRun(t, "", "--db", dir, "sources")
	if code == 0 {
		t.Skip("no source record was in the value log")
	}
	if !regexp.MustCompile(`^kg: .*source:\S+`).MatchString(errs) || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "panic") {
		t.Errorf("sources: exit %d, %q; want one line naming the source", code, errs)
	}
	out, errs, code := kgRun(t, "", "--db", dir, "check")
	if code != 1 || !strings.Contains(out, store.ProblemBadSource) {
		t.Errorf("check: exit %d, %s%s", code, out, errs)
	}
	mustRun(t, "--db", dir, "check", "--repair")
	ingestInto(t, dir, files...)
	if got := exportJSON(t, dir); got != want {
		t.Errorf("after repair and ingest:\n%s", firstDifference([]byte(got), []byte(want)))
	}
	if out := mustRun(t, "--db", dir, "check"); !strings.Contains(out, "no problems") {
		t.Errorf("check: %s", out)
	}
}
