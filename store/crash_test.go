package store_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

const genCorpus = "../../shared/bench/gen_corpus.py"

// crashKit is what the crash test needs from outside the package: python3
// with the corpus generator, and the kg binary built from ../cmd/kg.
func crashKit(t *testing.T) (kg, python string) {
	t.Helper()
	if testing.Short() {
		t.Skip("crash test skipped with -short")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	if _, err := os.Stat(genCorpus); err != nil {
		t.Skipf("corpus generator %s not available", genCorpus)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	kg = filepath.Join(t.TempDir(), "kg")
	if out, err := exec.Command(goBin, "build", "-o", kg, "../cmd/kg").CombinedOutput(); err != nil {
		t.Fatalf("build kg: %v\n%s", err, out)
	}
	return kg, python
}

// generate writes n recaps made with seed into dir and returns their bytes
// by file name.
func generate(t *testing.T, python, dir string, n, seed int) map[string][]byte {
	t.Helper()
	out, err := exec.Command(python, genCorpus, "--out", dir, "--docs", itoa(n), "--seed", itoa(seed)).CombinedOutput()
	if err != nil {
		t.Fatalf("gen_corpus: %v\n%s", err, out)
	}
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); ext == ".md" || ext == ".txt" {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = b
		}
	}
	return files
}

func writeAll(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sourceFacts reads every stored source's facts, with the ingest time
// cleared so that two ingests of one file compare equal.
func sourceFacts(t *testing.T, db *store.DB) map[string]*graph.Facts {
	t.Helper()
	ctx := context.Background()
	srcs, err := db.Sources(ctx)
	if err != nil {
		t.Fatalf("sources: %v", err)
	}
	out := map[string]*graph.Facts{}
	for _, s := range srcs {
		f, err := db.SourceFacts(ctx, s.ID)
		if err != nil {
			t.Fatalf("facts of %s: %v", s.ID, err)
		}
		f.Source.Ingested = time.Time{}
		out[s.ID] = f
	}
	return out
}

func runKG(t *testing.T, kg string, args ...string) []byte {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(kg, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kg %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// TestCrashIngest kills kg with SIGKILL at random moments while it ingests
// a folder, alternating between two versions of the same 40 files so that
// every run replaces what the last one stored. After each kill the
// database must pass Check and every stored source must be exactly one
// version of its file, as a clean ingest of that version stores it: whole
// or absent, never a mixture. At the end, a run that is let finish must
// give the same export as a clean ingest.
func TestCrashIngest(t *testing.T) {
	kg, python := crashKit(t)
	tmp := t.TempDir()
	versions := [2]map[string][]byte{
		generate(t, python, filepath.Join(tmp, "gen1"), 40, 1),
		generate(t, python, filepath.Join(tmp, "gen2"), 40, 2),
	}
	work := filepath.Join(tmp, "recaps")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}

	// Reference: each version ingested cleanly from the same paths.
	var want [2]map[string]*graph.Facts
	var export [2][]byte
	var slowest time.Duration
	for v := range versions {
		writeAll(t, work, versions[v])
		ref := filepath.Join(tmp, "ref"+itoa(v))
		start := time.Now()
		runKG(t, kg, "--db", ref, "ingest", "-q", work)
		slowest = max(slowest, time.Since(start))
		export[v] = runKG(t, kg, "--db", ref, "export", "--format", "json")
		db, err := store.Open(ref, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		want[v] = sourceFacts(t, db)
		db.Close()
		if len(want[v]) != 40 {
			t.Fatalf("reference %d holds %d sources, want 40", v, len(want[v]))
		}
	}

	// A run replaces the sources; the kills are spread over the time a run
	// takes, so that some land in a commit and in Close. That time is
	// measured again whenever a run ends before its kill, and widened after
	// each kill, as the work left and the load on the machine change.
	dir := filepath.Join(tmp, "db")
	scratch := filepath.Join(tmp, "scratch")
	runKG(t, kg, "--db", scratch, "ingest", "-q", work)
	writeAll(t, work, versions[0])
	start := time.Now()
	runKG(t, kg, "--db", scratch, "ingest", "-q", work)
	full := max(time.Since(start), slowest)

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills, runs := 0, 0
	counts := [2]int{}
	for kills < 20 && runs < 50 {
		v := 0 // the version less of the database holds
		if counts[0] > counts[1] {
			v = 1
		}
		runs++
		writeAll(t, work, versions[v])
		cmd := exec.Command(kg, "--db", dir, "ingest", "-q", work)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		at := full/8 + time.Duration(rng.Int63n(int64(full*7/8)))
		what := "finished"
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d ended by itself with %v", runs, err)
			}
			full = time.Since(start)
		case <-time.After(at):
			cmd.Process.Kill()
			if err := <-done; err != nil {
				kills++
				what = "killed at " + at.Round(time.Millisecond).String()
			}
			full += full / 4 // the run may have had more to do: widen

		}

		db, err := store.Open(dir, store.Options{})
		if err != nil && strings.Contains(err.Error(), "Create a new file") {
			// Badger fails the first open after a kill that left an
			// empty memtable log: TestOpenAfterKillInOpen covers it.
			t.Logf("run %d: first open failed: %v", runs, err)
			db, err = store.Open(dir, store.Options{})
		}
		if err != nil {
			t.Fatalf("run %d: open after kill: %v", runs, err)
		}
		rep, err := db.Check(context.Background(), false)
		if err != nil || !rep.Clean() {
			db.Close()
			t.Fatalf("run %d: check after kill: %v %+v", runs, err, rep.Problems)
		}
		got := sourceFacts(t, db)
		db.Close()
		counts = [2]int{}
		for id, f := range got {
			switch {
			case reflect.DeepEqual(f, want[0][id]):
				counts[0]++
			case reflect.DeepEqual(f, want[1][id]):
				counts[1]++
			default:
				t.Fatalf("run %d: source %s is neither version as a clean ingest stores it", runs, id)
			}
		}
		t.Logf("run %d (version %d, %s): %d sources of version 1, %d of version 2",
			runs, v+1, what, counts[0], counts[1])
	}
	if kills < 20 {
		t.Errorf("only %d of %d runs were killed before they finished", kills, runs)
	}

	v := 0
	if counts[0] > counts[1] {
		v = 1
	}
	writeAll(t, work, versions[v])
	runKG(t, kg, "--db", dir, "ingest", "-q", work)
	if got := runKG(t, kg, "--db", dir, "export", "--format", "json"); !bytes.Equal(got, export[v]) {
		t.Errorf("after the kills, a finished ingest of version %d exports differently from a clean one", v+1)
	}
	t.Logf("%d runs, %d killed", runs, kills)
}

// TestConcurrentReaders: any number of read-only opens query side by side;
// a writer is refused with ErrLocked while they are open.
func TestConcurrentReaders(t *testing.T) {
	dir := t.TempDir()
	db := checkDB(t, dir)
	want := dump(t, db)
	db.Close()

	var readers []*store.DB
	for i := 0; i < 2; i++ {
		ro, err := store.Open(dir, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("read-only open %d: %v", i, err)
		}
		defer ro.Close()
		readers = append(readers, ro)
	}
	if _, err := store.Open(dir, store.Options{}); !errors.Is(err, graph.ErrLocked) {
		t.Errorf("writer beside readers: err = %v, want ErrLocked", err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for _, ro := range readers {
		for j := 0; j < 4; j++ {
			wg.Add(1)
			go func(ro *store.DB) {
				defer wg.Done()
				for n := 0; n < 20; n++ {
					g, err := graph.Load(context.Background(), ro)
					if err != nil {
						errs <- err
						return
					}
					if !reflect.DeepEqual(g, want) {
						errs <- errors.New("a concurrent reader saw another graph")
						return
					}
				}
			}(ro)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestOpenAfterKillInOpen: a kill between Badger creating a memtable log
// and giving it its size leaves an empty .mem file. Badger's next open
// reads it as a file to create, sizes it and fails ("Create a new file");
// only the open after that works. store.Open must hide this: retry once.
func TestOpenAfterKillInOpen(t *testing.T) {
	for _, ro := range []bool{false, true} {
		dir := t.TempDir()
		db := checkDB(t, dir)
		want := dump(t, db)
		db.Close()
		if err := os.WriteFile(filepath.Join(dir, "00007.mem"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(dir, store.Options{ReadOnly: ro})
		if err != nil {
			t.Errorf("read-only %v: open after a kill in open: %v", ro, err)
			continue
		}
		if !reflect.DeepEqual(dump(t, db), want) {
			t.Errorf("read-only %v: graph differs", ro)
		}
		db.Close()
	}
}
