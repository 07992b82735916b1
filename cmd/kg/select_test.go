package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// TestLoadSelectionMatchesSelect: reading an event's part of the graph from
// the store gives exactly what selecting it from the whole graph gives, for
// every event of the examples and the extractor's test recaps, alone and
// with kinds and a least number of mentions.
func TestLoadSelectionMatchesSelect(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", db, "ingest", "-q", examples, "../../extract/testdata/recaps", "../../extract/testdata/styles")
	s, whole := openLoaded(t, db)
	ctx := context.Background()
	var events []string
	for _, n := range whole.Nodes {
		if n.Kind == graph.Event {
			events = append(events, n.ID)
		}
	}
	if len(events) < 10 {
		t.Fatalf("only %d events: %v", len(events), events)
	}
	variants := []graph.Selection{
		{},
		{Kinds: []graph.NodeKind{graph.Talk, graph.Person, graph.Org}},
		{MinMentions: 2},
		{Kinds: []graph.NodeKind{graph.Project, graph.Talk}, MinMentions: 3},
	}
	edges := 0
	for _, ev := range append(events, "event:no-such-event") {
		for _, v := range variants {
			v.Event = ev
			want := graph.Select(whole, v)
			got, err := graph.LoadSelection(ctx, s, v)
			if err != nil {
				t.Fatalf("%+v: %v", v, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%+v: LoadSelection gives %d nodes, %d edges; Select %d nodes, %d edges",
					v, len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
			}
			edges += len(got.Edges)
		}
	}
	if edges == 0 {
		t.Error("no selection has an edge")
	}
	if _, err := graph.LoadSelection(ctx, s, graph.Selection{Focus: "project:cilium", Event: events[0]}); err == nil {
		t.Error("LoadSelection with a focus: no error")
	}
}

// openLoaded opens the database at db read-only for the rest of the test
// and loads its whole graph.
func openLoaded(t *testing.T, db string) (*store.DB, *graph.Graph) {
	t.Helper()
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	g, err := graph.Load(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return s, g
}

// TestMermaidWholeGraphLimit: a whole graph of at most 500 edges is drawn;
// a larger one is refused (exit 2) after counting 501 edges, not loaded.
func TestMermaidWholeGraphLimit(t *testing.T) {
	small := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", small, "ingest", "-q", "../../examples/kcd-munich-2023.txt")
	if out := mustRun(t, "--db", small, "export", "--format", "mermaid"); !strings.HasPrefix(out, "graph LR\n") {
		t.Errorf("mermaid of a small graph:\n%.200s", out)
	}
	big := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", big, "ingest", "-q", examples, "../../extract/testdata/recaps")
	out, errs, code := kgRun(t, "", "--db", big, "export", "--format", "mermaid")
	if code != 2 || out != "" || !strings.Contains(errs, "more than 500 edges") || strings.Count(errs, "\n") != 1 {
		t.Errorf("mermaid of a big graph: exit %d, stdout %.80q, stderr %q", code, out, errs)
	}
}

// TestStreamDOTMatchesDOT: the whole graph streamed as DOT is, byte for
// byte, what DOT writes for the loaded graph, and it is what export writes;
// clusters and hub caps, which need the whole graph, are refused.
func TestStreamDOTMatchesDOT(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", db, "ingest", "-q", examples, "../../extract/testdata/recaps")
	cli := mustRun(t, "--db", db, "export", "--format", "dot")
	cliNone := mustRun(t, "--db", db, "export", "--format", "dot", "--cluster", "none")
	s, g := openLoaded(t, db)
	ctx := context.Background()
	for _, opts := range []export.DOTOptions{{}, {Layout: "neato"}, {Cluster: "none", Layout: "dot"}} {
		var want, got bytes.Buffer
		if err := export.DOT(&want, g, opts); err != nil {
			t.Fatal(err)
		}
		if err := export.StreamDOT(ctx, &got, s, opts); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%+v: StreamDOT differs from DOT (%d against %d bytes)", opts, got.Len(), want.Len())
		}
		if opts == (export.DOTOptions{}) && (cli != want.String() || cliNone != want.String()) {
			t.Errorf("kg export --format dot differs from DOT of the loaded graph")
		}
	}
	if !strings.Contains(cli, "layout=sfdp") || strings.Count(cli, " -> ") != len(g.Edges) {
		t.Errorf("%d edges in the DOT of a graph of %d", strings.Count(cli, " -> "), len(g.Edges))
	}
	for _, opts := range []export.DOTOptions{{Cluster: "event"}, {MaxDegree: 5}} {
		if err := export.StreamDOT(ctx, io.Discard, s, opts); !errors.Is(err, export.ErrBadOption) {
			t.Errorf("%+v: err %v, want ErrBadOption", opts, err)
		}
	}
	// The options that need the whole graph still work from the command line.
	if out := mustRun(t, "--db", db, "export", "--format", "dot", "--cluster", "event", "--max-degree", "5"); !strings.Contains(out, "subgraph \"cluster_event:") || !strings.Contains(out, "more\"") {
		t.Errorf("dot with clusters and caps:\n%.300s", out)
	}
}

// TestSelectWalkerMatchesSelect: a selection by kinds and mentions applied
// while the store is walked gives what Select gives on the whole graph,
// and export writes it, in every format, as it writes that graph.
func TestSelectWalkerMatchesSelect(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	mustRun(t, "--db", db, "ingest", "-q", examples, "../../extract/testdata/recaps")
	sels := []struct {
		sel  graph.Selection
		args []string
	}{
		{graph.Selection{Kinds: []graph.NodeKind{graph.Project, graph.Topic}}, []string{"--kinds", "project,topic"}},
		{graph.Selection{MinMentions: 2}, []string{"--min-mentions", "2"}},
		{graph.Selection{Kinds: []graph.NodeKind{graph.Talk, graph.Person, graph.Project}, MinMentions: 3},
			[]string{"--kinds", "talk, person,project", "--min-mentions", "3"}},
	}
	type run struct {
		sel  graph.Selection
		args []string
		out  map[string]string
	}
	var runs []run
	for _, sc := range sels {
		r := run{sc.sel, sc.args, map[string]string{}}
		for _, f := range []string{"json", "jsonl", "dot", "graphml", "nquads", "cypher", "mermaid"} {
			out, errs, code := kgRun(t, "", append([]string{"--db", db, "export", "--format", f}, sc.args...)...)
			if code != 0 {
				out = "exit " + errs
			}
			r.out[f] = out
		}
		r.out["dot clusters"] = mustRun(t, append([]string{"--db", db, "export", "--format", "dot", "--cluster", "event", "--max-degree", "4"}, sc.args...)...)
		csvDir := filepath.Join(dir, "csv")
		mustRun(t, append([]string{"--db", db, "export", "--format", "csv", "-o", csvDir}, sc.args...)...)
		r.out["csv"] = readCSVDir(t, csvDir)
		runs = append(runs, r)
	}
	s, whole := openLoaded(t, db)
	ctx := context.Background()
	for _, r := range runs {
		want := graph.Select(whole, r.sel)
		w, err := graph.SelectWalker(ctx, s, r.sel)
		if err != nil {
			t.Fatal(err)
		}
		got, err := graph.LoadFrom(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: walked %d nodes, %d edges; Select %d nodes, %d edges", r.args, len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
		}
		if len(want.Edges) == 0 {
			t.Errorf("%v: selects no edge", r.args)
		}
		for f, out := range r.out {
			var buf bytes.Buffer
			var err error
			switch f {
			case "csv":
				csvDir := filepath.Join(dir, "want-csv")
				if err = export.CSV(csvDir, want); err == nil {
					buf.WriteString(readCSVDir(t, csvDir))
				}
			case "dot clusters":
				err = export.DOT(&buf, want, export.DOTOptions{Cluster: "event", MaxDegree: 4})
			default:
				err = export.Write(&buf, f, want, export.Options{})
			}
			if err != nil {
				buf.Reset()
				buf.WriteString("exit kg: " + err.Error())
			}
			if f == "mermaid" && errors.Is(err, export.ErrTooBig) {
				if !strings.Contains(out, "graph too big") {
					t.Errorf("%v mermaid: %.200q, want it refused", r.args, out)
				}
				continue
			}
			if out != buf.String() {
				t.Errorf("%v %s: export differs from writing Select's graph (%d against %d bytes)", r.args, f, len(out), buf.Len())
			}
		}
	}
}

func readCSVDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	for _, name := range []string{"nodes.csv", "edges.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(name + "\n")
		b.Write(data)
	}
	return b.String()
}
