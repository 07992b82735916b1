package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// networkxScript reads a GraphML file and prints what networkx made of it.
const networkxScript = `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "labels": {n: d.get("label") for n, d in g.nodes(data=True)},
    "kinds": sorted({d.get("kind") for _, _, d in g.edges(data=True)}),
    "years": sorted({d["year"] for _, d in g.nodes(data=True) if "year" in d}),
}))
`

// networkxView is the JSON networkxScript prints.
type networkxView struct {
	Directed bool              `json:"directed"`
	Nodes    int               `json:"nodes"`
	Edges    int               `json:"edges"`
	Labels   map[string]string `json:"labels"`
	Kinds    []string          `json:"kinds"`
	Years    []int             `json:"years"`
}

// xmlSafe is what XML 1.0 can hold of s: GraphML turns the rest into U+FFFD.
func xmlSafe(s string) string { return strings.ReplaceAll(s, "\a", "\uFFFD") }

func TestGraphMLReadByNetworkx(t *testing.T) {
	py := pythonWithNetworkx(t)
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.GraphML(&buf, g); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "g.graphml")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _ := run(t, nil, py, "-c", networkxScript, path)
			var got networkxView
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v in %s", err, out)
			}
			if !got.Directed || got.Nodes != len(g.Nodes) || got.Edges != len(g.Edges) {
				t.Errorf("networkx read directed=%v %d nodes %d edges, want directed %d nodes %d edges",
					got.Directed, got.Nodes, got.Edges, len(g.Nodes), len(g.Edges))
			}
			for _, n := range g.Nodes {
				if l, want := got.Labels[xmlSafe(n.ID)], xmlSafe(n.Name); l != want {
					t.Errorf("node %q: label %q, want %q", n.ID, l, want)
				}
			}
			kinds := map[string]bool{}
			for _, e := range g.Edges {
				kinds[string(e.Kind)] = true
			}
			if len(got.Kinds) != len(kinds) {
				t.Errorf("edge kinds %v, want %d kinds", got.Kinds, len(kinds))
			}
			if name == "fixture" && (len(got.Years) != 1 || got.Years[0] != 2023) {
				t.Errorf("years %v, want [2023] as integers", got.Years)
			}
		})
	}
}
