package export_test

import (
	"bytes"
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
