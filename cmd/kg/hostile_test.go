//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// Hostile and broken input. Each case is one file, ingested on its own
// (exit 2 and one "kg: FILE: reason" line when it is refused) and inside a
// directory (a "kg: warning: skipped FILE: reason" line and exit 0). The
// graph stored before must be there after: unchanged when the file is
// refused, and exactly restored by kg forget when it is accepted.

type hostile struct {
	// make creates the file in dir and returns its path.
	make func(t *testing.T, dir string) string
	// reason is the message after "FILE: "; empty when the file is
	// accepted.
	reason string
	// warning is a regular expression for a warning an accepted file
	// gives ("" for none).
	warning string
	// explicitOnly: the file cannot be put in a directory (a device).
	explicitOnly bool
}

func hostileFile(name string, b []byte) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// baseDB is a database holding the examples, with its export.
func baseDB(t *testing.T) (string, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "db")
	ingestInto(t, db, examples)
	return db, exportJSON(t, db)
}

// runWithin runs kg in-process and fails the test if it has not finished
// within d (a FIFO must never block an ingest).
func runWithin(t *testing.T, d time.Duration, args ...string) (string, string, int) {
	t.Helper()
	type result struct {
		out, errs string
		code      int
	}
	done := make(chan result, 1)
	go func() {
		var out, errs bytes.Buffer
		code := run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(""), &out, &errs)
		done <- result{out.String(), errs.String(), code}
	}()
	select {
	case r := <-done:
		return r.out, r.errs, r.code
	case <-time.After(d):
		t.Fatalf("kg %s did not finish within %v", strings.Join(args, " "), d)
	}
	return "", "", 0
}

func testHostile(t *testing.T, h hostile) {
	t.Run("explicit", func(t *testing.T) {
		db, before := baseDB(t)
		p := h.make(t, t.TempDir())
		_, errs, code := runWithin(t, 30*time.Second, "--db", db, "ingest", "-q", p)
		checkHostile(t, h, db, before, p, errs, code, false)
	})
	if h.explicitOnly {
		return
	}
	t.Run("in a directory", func(t *testing.T) {
		db, before := baseDB(t)
		dir := t.TempDir()
		p := h.make(t, dir)
		good := filepath.Join(dir, "good.md")
		recap, err := os.ReadFile(filepath.Join(examples, "ebpf-summit-2023.md"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(good, recap, 0o644); err != nil {
			t.Fatal(err)
		}
		_, errs, code := runWithin(t, 30*time.Second, "--db", db, "ingest", "-q", dir)
		if !strings.Contains(mustRun(t, "--db", db, "sources", "--format", "json"), good) {
			t.Errorf("the good file next to %s was not stored", p)
		}
		mustRun(t, "--db", db, "forget", good)
		checkHostile(t, h, db, before, p, errs, code, true)
	})
}

func checkHostile(t *testing.T, h hostile, db, before, p, errs string, code int, inDir bool) {
	t.Helper()
	if strings.Contains(errs, "panic") {
		t.Fatalf("panic: %s", errs)
	}
	if h.reason != "" {
		want, wantCode := "kg: "+p+": "+h.reason+"\n", 2
		if inDir {
			want, wantCode = "kg: warning: skipped "+p+": "+h.reason+"\n", 0
		}
		if code != wantCode || errs != want {
			t.Errorf("exit %d, stderr %q; want %d, %q", code, errs, wantCode, want)
		}
		if got := exportJSON(t, db); got != before {
			t.Errorf("a refused file changed the graph:\n%s", firstDifference([]byte(got), []byte(before)))
		}
		return
	}
	if code != 0 {
		t.Fatalf("exit %d, stderr %q; want the file accepted", code, errs)
	}
	if h.warning == "" && errs != "" || h.warning != "" && !regexp.MustCompile(`^kg: warning: `+regexp.QuoteMeta(p)+`: `+h.warning+`\n$`).MatchString(errs) {
		t.Errorf("stderr %q; want warning %q", errs, h.warning)
	}
	if !strings.Contains(mustRun(t, "--db", db, "sources", "--format", "json"), p) {
		t.Fatalf("%s was not stored", p)
	}
	mustRun(t, "--db", db, "forget", p)
	if got := exportJSON(t, db); got != before {
		t.Errorf("after forgetting the file the graph differs:\n%s", firstDifference([]byte(got), []byte(before)))
	}
}

func TestHostileEmptyFile(t *testing.T) {
	testHostile(t, hostile{make: hostileFile("empty.md", nil), reason: "empty file"})
}

func TestHostileBlankFile(t *testing.T) {
	testHostile(t, hostile{make: hostileFile("blank.txt", []byte(" \n\t\n\n")), reason: "empty file"})
}

func TestHostileBinaryFile(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	testHostile(t, hostile{make: hostileFile("program.txt", b[:64<<10]), reason: "binary file, not a text recap"})
}

func TestHostileInvalidUTF8(t *testing.T) {
	b := []byte("# KCD Munich 2023\n\n## Securing Supply Chains with Sigstore\n\nPresented by Priya Wadhwa \xff\xfe from Chainguard.\n\nCosign was \xc3\x28 demoed.\n")
	testHostile(t, hostile{make: hostileFile("latin.md", b), warning: regexp.QuoteMeta("invalid UTF-8 repaired (bad bytes replaced by U+FFFD)")})
}

// TestHostileUTF16 also checks that the converted text is read as the
// UTF-8 original is: the same graph.
func TestHostileUTF16(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(examples, "kcd-munich-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, big := range []bool{false, true} {
		u := utf16.Encode([]rune(string(src)))
		b := []byte{0xFF, 0xFE}
		if big {
			b = []byte{0xFE, 0xFF}
		}
		for _, c := range u {
			if big {
				b = append(b, byte(c>>8), byte(c))
			} else {
				b = append(b, byte(c), byte(c>>8))
			}
		}
		name := map[bool]string{false: "little endian", true: "big endian"}[big]
		t.Run(name, func(t *testing.T) {
			testHostile(t, hostile{make: hostileFile("munich.txt", b), warning: "converted from UTF-16"})
			dir := t.TempDir()
			utf8db, utf16db := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			p := hostileFile("munich.txt", src)(t, dir)
			ingestInto(t, utf8db, p)
			hostileFile("munich.txt", b)(t, dir)
			mustRun(t, "--db", utf16db, "ingest", "-q", p)
			if a, b := exportJSON(t, utf8db), exportJSON(t, utf16db); a != b || !strings.Contains(a, `"kind": "talk"`) {
				t.Errorf("UTF-16 file read differently from its UTF-8 original:\n%s", firstDifference([]byte(b), []byte(a)))
			}
		})
	}
}

func TestHostileHugeFile(t *testing.T) {
	testHostile(t, hostile{make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "huge.md")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(100 << 20); err != nil { // sparse: no 100 MB written
			t.Fatal(err)
		}
		return p
	}, reason: "100 MB is larger than the 16 MB limit (use --max-size)"})
}

// TestHostileLongLine: a 10 MB file on one line, dense with names, is
// read; it must take seconds, not minutes (the time is logged; a minute
// means something grew quadratically). It runs the binary so that a
// runaway extraction can be stopped.
func TestHostileLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short")
	}
	var b strings.Builder
	b.WriteString("KCD Zurich 2023 recap. ")
	for b.Len() < 10<<20 {
		b.WriteString("Liz Rice from Isovalent showed Cilium and Tetragon; Anna Schmidt demoed eBPF with Falco. ")
	}
	dir := t.TempDir()
	p := hostileFile("line.txt", []byte(b.String()))(t, dir)
	db, before := baseDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBinary(t), "--db", db, "ingest", "-q", p)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("ingest of a 10 MB line did not finish in %v: extract does work that grows with the block for each match", took.Round(time.Second))
	}
	t.Logf("ingest of a 10 MB single line took %v", took.Round(time.Millisecond))
	checkHostile(t, hostile{}, db, before, p, stderr.String(), cmd.ProcessState.ExitCode(), false)
	if err != nil && cmd.ProcessState.ExitCode() == 0 {
		t.Error(err)
	}
}

func TestHostileDeepHTML(t *testing.T) {
	const depth = 100000
	html := "<html><body>" + strings.Repeat("<div>", depth) +
		"<h2>eBPF for Security</h2><p>Speaker: Liz Rice</p><p>Cilium and Tetragon at KCD Zurich 2023.</p>" +
		strings.Repeat("</div>", depth) + "</body></html>"
	testHostile(t, hostile{make: hostileFile("deep.html", []byte(html))})
	unclosed := "<html><body>" + strings.Repeat("<div><p><b><i><span>", depth/5) + "KCD Zurich 2023 with Cilium"
	testHostile(t, hostile{make: hostileFile("unclosed.html", []byte(unclosed))})
}

// TestHostileFrontMatter: malformed front matter is reported and skipped;
// the rest of the file is read.
func TestHostileFrontMatter(t *testing.T) {
	md := "---\ntitle: [unclosed\nauthor: : :\n---\n# KCD Zurich 2023\n\n## Securing the Kernel with Tetragon\n\nSpeaker: Liz Rice (Isovalent)\n\nTetragon builds on Cilium.\n"
	testHostile(t, hostile{make: hostileFile("fm.md", []byte(md)), warning: `malformed front matter ignored \(yaml: .*\)`})
	db := filepath.Join(t.TempDir(), "db")
	p := hostileFile("fm.md", []byte(md))(t, t.TempDir())
	mustRun(t, "--db", db, "ingest", "-q", p)
	if out := mustRun(t, "--db", db, "talks", "--mentions", "Tetragon"); !strings.Contains(out, "Securing the Kernel with Tetragon") {
		t.Errorf("the body after malformed front matter was not read: %s", out)
	}
	unclosed := "---\ntitle: x\n# KCD Zurich 2023\n\nCilium everywhere.\n"
	testHostile(t, hostile{make: hostileFile("open.md", []byte(unclosed)), warning: `front matter is not closed; read as text`})
}

func TestHostileUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	testHostile(t, hostile{make: func(t *testing.T, dir string) string {
		p := hostileFile("secret.md", []byte("# KCD Zurich 2023\n\nCilium.\n"))(t, dir)
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		return p
	}, reason: "permission denied"})
}

func TestHostileBrokenSymlink(t *testing.T) {
	testHostile(t, hostile{make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "gone.md")
		if err := os.Symlink(filepath.Join(dir, "nowhere.md"), p); err != nil {
			t.Fatal(err)
		}
		return p
	}, reason: "broken symbolic link"})
}

func TestHostileSymlinkLoop(t *testing.T) {
	testHostile(t, hostile{make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "loop.md")
		if err := os.Symlink("loop.md", p); err != nil {
			t.Fatal(err)
		}
		return p
	}, reason: "symbolic link loop"})
}

// TestHostileDirectoryLoop: a link from a directory to itself is not
// followed, so the walk ends.
func TestHostileDirectoryLoop(t *testing.T) {
	db, _ := baseDB(t)
	dir := t.TempDir()
	if err := os.Symlink(dir, filepath.Join(dir, "again")); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.md")
	recap, err := os.ReadFile(filepath.Join(examples, "ebpf-summit-2023.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, recap, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runWithin(t, 30*time.Second, "--db", db, "ingest", dir)
	if code != 0 || errs != "" || !strings.Contains(out, "1 sources stored") {
		t.Errorf("a directory linking to itself: exit %d, %q, %q", code, out, errs)
	}
}

func TestHostileFIFO(t *testing.T) {
	testHostile(t, hostile{make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "pipe.md")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip(err)
		}
		return p
	}, reason: "a named pipe (FIFO), not a regular file"})
}

func TestHostileDevice(t *testing.T) {
	for _, dev := range []string{"/dev/null", "/dev/zero"} {
		if _, err := os.Stat(dev); err != nil {
			continue
		}
		t.Run(dev, func(t *testing.T) {
			testHostile(t, hostile{make: func(*testing.T, string) string { return dev },
				reason: "a device, not a regular file", explicitOnly: true})
			// A recap-named link to the device inside a directory.
			testHostile(t, hostile{make: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, filepath.Base(dev)+".txt")
				if err := os.Symlink(dev, p); err != nil {
					t.Fatal(err)
				}
				return p
			}, reason: "a device, not a regular file"})
		})
	}
}

// TestHostileTooManyFacts: a recap with more facts than one Badger
// transaction holds (4,000 talks) is stored or refused on its own: one line
// naming it, exit 2 when named on the command line, a warning inside a
// directory whose other files are stored, and nothing stored before lost.
func TestHostileTooManyFacts(t *testing.T) {
	var b strings.Builder
	b.WriteString("# KubeCon + CloudNativeCon Europe 2024 recap\n\n")
	first := []string{"Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas"}
	projects := []string{"Cilium", "Falco", "Tetragon", "Prometheus", "Grafana", "Envoy", "Istio", "Linkerd", "Flux", "Helm"}
	for i := 0; i < 4000; i++ {
		p := projects[i%len(projects)]
		fmt.Fprintf(&b, "## Talk %d: Scaling %s number %d\n\nSpeaker: %s Kowalski%d (Org%d Labs)\n\nThey showed %s, %s and %s in production.\n\n",
			i, p, i, first[i%len(first)], i, i, p, projects[(i+3)%len(projects)], projects[(i+7)%len(projects)])
	}
	reason := regexp.MustCompile(`^(too many facts|.*too large)`)
	for _, inDir := range []bool{false, true} {
		db, before := baseDB(t)
		dir := t.TempDir()
		p := hostileFile("schedule.md", []byte(b.String()))(t, dir)
		target := p
		if inDir {
			hostileFile("zz-after.md", []byte("# KCD Munich 2023\n\n## Securing Supply Chains with Sigstore\n\nPresented by Priya Wadhwa.\n"))(t, dir)
			target = dir
		}
		_, errs, code := runWithin(t, 60*time.Second, "--db", db, "ingest", "-q", target)
		srcs := mustRun(t, "--db", db, "sources", "--format", "json")
		if inDir && !strings.Contains(srcs, "zz-after.md") {
			t.Errorf("in a directory: the file after the big one was not stored (exit %d, %q)", code, errs)
		}
		if strings.Contains(srcs, p) { // stored: fine, if whole
			mustRun(t, "--db", db, "forget", p)
		} else {
			prefix, wantCode := "kg: "+p+": ", 2
			if inDir {
				prefix, wantCode = "kg: warning: skipped "+p+": ", 0
			}
			if code != wantCode || !strings.HasPrefix(errs, prefix) || !reason.MatchString(strings.TrimPrefix(errs, prefix)) || strings.Count(errs, "\n") != 1 {
				t.Errorf("in a directory %v: exit %d, stderr %q; want %d and one line %q...", inDir, code, errs, wantCode, prefix)
			}
		}
		if inDir && strings.Contains(srcs, "zz-after.md") {
			mustRun(t, "--db", db, "forget", filepath.Join(dir, "zz-after.md"))
		}
		if got := exportJSON(t, db); got != before {
			t.Errorf("in a directory %v: the graph stored before changed:\n%s", inDir, firstDifference([]byte(got), []byte(before)))
		}
		if out := mustRun(t, "--db", db, "check"); !strings.Contains(out, "no problems") {
			t.Errorf("check: %s", out)
		}
	}
}

// TestHostileFileNameNotUTF8: a file whose name is not valid UTF-8 is
// stored consistently: check passes, ingesting it again changes nothing,
// and it can be forgotten by its path.
func TestHostileFileNameNotUTF8(t *testing.T) {
	db, before := baseDB(t)
	dir := t.TempDir()
	recap, err := os.ReadFile(filepath.Join(examples, "kcd-munich-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := hostileFile("caf\xe9-notes.txt", recap)(t, dir)
	if _, errs, code := runWithin(t, 30*time.Second, "--db", db, "ingest", "-q", dir); code != 0 || errs != "" {
		t.Fatalf("exit %d, %q", code, errs)
	}
	if out, errs, code := kgRun(t, "", "--db", db, "check"); code != 0 {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	if out := ingestInto(t, db, dir); !strings.HasPrefix(out, "0 sources stored") {
		t.Errorf("ingest again: %s", out)
	}
	mustRun(t, "--db", db, "forget", p)
	if got := exportJSON(t, db); got != before {
		t.Errorf("after forget:\n%s", firstDifference([]byte(got), []byte(before)))
	}
}

// TestDirectoryReadsRecapFilesOnly: inside a directory kg reads the
// extensions people keep notes in (reStructuredText, AsciiDoc, Org, wiki and Gemini
// too) and leaves images, data files and the project documents alone.
func TestDirectoryReadsRecapFilesOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	dir := t.TempDir()
	recap, err := os.ReadFile(filepath.Join(examples, "kcd-munich-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"day1.rst", "day2.adoc", "day3.asciidoc", "journal.org", "notes.md", "page.wiki", "capsule.gmi",
		"README.md", "LICENSE.txt", "photo.png", "talks.json", "slides.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, name), recap, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := mustRun(t, "--db", db, "ingest", dir)
	for _, name := range []string{"day1.rst", "day2.adoc", "day3.asciidoc", "journal.org", "notes.md", "page.wiki", "capsule.gmi"} {
		if !strings.Contains(out, filepath.Join(dir, name)) {
			t.Errorf("%s not read:\n%s", name, out)
		}
	}
	if !strings.Contains(out, "7 sources stored") {
		t.Errorf("want 7 sources stored:\n%s", out)
	}
}

// TestExtractorPanicFailsOneSource: a bug that makes the extractor panic on
// one file fails that file alone, named in one line, with the exit code of
// bad input (a warning for a file found in a folder); the other files of
// the load are stored.
func TestExtractorPanicFailsOneSource(t *testing.T) {
	dir := t.TempDir()
	recap, err := os.ReadFile(filepath.Join(examples, "kcd-munich-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"good.txt", "boom.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), recap, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	extractHook = func(name string) {
		if strings.HasSuffix(name, "boom.txt") {
			panic("index out of range")
		}
	}
	defer func() { extractHook = nil }()
	db := filepath.Join(t.TempDir(), "db")
	out, errs, code := kgRun(t, "", "--db", db, "ingest", filepath.Join(dir, "good.txt"), filepath.Join(dir, "boom.txt"))
	if code != 2 || !strings.Contains(errs, "boom.txt") || !strings.Contains(errs, "internal error") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	if !strings.Contains(out, "1 sources stored") || !strings.Contains(out, "1 failed") {
		t.Errorf("summary: %s", out)
	}
}
