package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// TestTruthOfGeneratedCorpus generates 300 recaps with the benchmark
// generator (four styles) and checks kg's answers against its truth file:
// the talks found, and the talks that mention common projects.
func TestTruthOfGeneratedCorpus(t *testing.T) {
	gen := "../../../shared/bench/gen_corpus.py"
	land := "../../../shared/data/cncf-landscape.yml"
	if _, err := os.Stat(gen); err != nil {
		t.Skip("no ../shared/bench/gen_corpus.py")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if out, err := exec.Command("python3", gen, "--out", corpus, "--docs", "300", "--landscape", land).CombinedOutput(); err != nil {
		t.Fatalf("gen_corpus: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "db")
	mustRun(t, "--db", db, "catalog", "import", land)
	mustRun(t, "--db", db, "ingest", "-q", corpus)

	f, err := os.Open(filepath.Join(corpus, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Recaps of the same event that describe a talk with the same title
	// describe one talk: kg merges them (the talk id is event + title).
	talks, byProject := map[string]bool{}, map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct {
			Event struct {
				Name string `json:"name"`
			} `json:"event"`
			Talks []struct {
				Title    string   `json:"title"`
				Projects []string `json:"projects"`
			} `json:"talks"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for _, tk := range rec.Talks {
			talks[rec.Event.Name+"/"+graph.Slug(tk.Title)] = true
			for _, p := range tk.Projects {
				byProject[p]++
			}
		}
	}
	var stats struct {
		Nodes map[string]int `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "stats", "--format", "json")), &stats); err != nil {
		t.Fatal(err)
	}
	// Only recaps that name no city of a Rejekts fall short: kg cannot
	// tell that edition's talks from another city's (4,043 of 4,045; with
	// every Rejekts of a year one event, 4,027).
	if got, want := stats.Nodes["talk"], len(talks); got < want*998/1000 || got > want {
		t.Errorf("talks: kg %d, truth %d distinct talks (want at least 99.8%%, never more)", got, want)
	}
	checked := 0
	for _, p := range []string{"Kubernetes", "Cilium", "Prometheus", "Helm", "Falco", "Argo", "Envoy", "Harbor"} {
		want := byProject[p]
		if want == 0 {
			continue
		}
		checked++
		var rows []map[string]any
		js := mustRun(t, "--db", db, "talks", "--mentions", p, "--exact", "--format", "json")
		if err := json.Unmarshal([]byte(js), &rows); err != nil {
			t.Fatal(err)
		}
		if got := len(rows); got > want || got < want*95/100 {
			t.Errorf("talks mentioning %s: kg %d, truth %d", p, got, want)
		}
	}
	if checked == 0 {
		t.Error("no project of the list is in the generated corpus")
	}
}
