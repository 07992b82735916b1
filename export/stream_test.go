package export_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// TestStreamMatchesJSON: streaming gives the same bytes as the format's
// writer (JSON, JSONL, GraphML, N-Quads), for the fixture, an empty graph
// and a graph with nodes but no edges.
func TestStreamMatchesJSON(t *testing.T) {
	full := fixture()
	full.Sort()
	nodesOnly := &graph.Graph{Nodes: full.Nodes}
	for name, g := range map[string]*graph.Graph{"fixture": full, "empty": {}, "nodes only": nodesOnly} {
		for _, format := range export.StreamFormats {
			t.Run(name+"/"+format, func(t *testing.T) {
				var want, got bytes.Buffer
				if err := export.Write(&want, format, g, export.Options{}); err != nil {
					t.Fatal(err)
				}
				s, err := export.NewStream(&got, format)
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range g.Nodes {
					if err := s.Node(n); err != nil {
						t.Fatal(err)
					}
				}
				for _, e := range g.Edges {
					if err := s.Edge(e); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(want.Bytes(), got.Bytes()) {
					t.Errorf("stream differs from %s:\n%s\n---\n%s", format, got.String(), want.String())
				}
			})
		}
	}
}

// TestCSVStreamMatchesCSV: CSVStream fed nodes and edges in the store's
// order writes the files CSV writes for the graph (CSV sorts it first and
// uses a CSVStream; the golden test checks the files' content), for the
// fixture, an empty graph and a graph with nodes but no edges; and a
// directory that cannot be made is an error.
func TestCSVStreamMatchesCSV(t *testing.T) {
	full := fixture()
	full.Sort()
	for name, g := range map[string]*graph.Graph{"fixture": full, "empty": {}, "nodes only": {Nodes: full.Nodes}} {
		want, got := t.TempDir(), filepath.Join(t.TempDir(), "new")
		if err := export.CSV(want, g); err != nil {
			t.Fatal(err)
		}
		s, err := export.NewCSVStream(got)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range g.Nodes {
			s.Node(n)
		}
		for _, e := range g.Edges {
			s.Edge(e)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"nodes.csv", "edges.csv"} {
			a, _ := os.ReadFile(filepath.Join(want, f))
			b, err := os.ReadFile(filepath.Join(got, f))
			if err != nil || !bytes.Equal(a, b) || len(a) == 0 {
				t.Errorf("%s %s: stream differs (%v):\n%s\n---\n%s", name, f, err, b, a)
			}
		}
	}
	if s, err := export.NewCSVStream(filepath.Join(t.TempDir(), "f", "x")); err != nil {
		t.Fatalf("nested directory: %v", err)
	} else {
		s.Close()
	}
	// an aborted stream leaves the files of an earlier export in place
	dir := t.TempDir()
	if err := export.CSV(dir, full); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "edges.csv"))
	s, err := export.NewCSVStream(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Node(full.Nodes[0])
	s.Abort()
	after, _ := os.ReadFile(filepath.Join(dir, "edges.csv"))
	if entries, _ := os.ReadDir(dir); !bytes.Equal(before, after) || len(entries) != 2 {
		t.Errorf("an aborted stream changed the directory: %d entries", len(entries))
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := export.NewCSVStream(filepath.Join(file, "x")); err == nil {
		t.Error("a directory under a file was accepted")
	}
}
