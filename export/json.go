package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kg-tool/kg/graph"
)

// jsonDoc is the top level of CONTRACT.md's graph JSON.
type jsonDoc struct {
	Nodes []graph.Node `json:"nodes"`
	Edges []graph.Edge `json:"edges"`
}

// jsonNode is a JSONL node record.
type jsonNode struct {
	Type string `json:"type"`
	graph.Node
}

// jsonEdge is a JSONL edge record.
type jsonEdge struct {
	Type string `json:"type"`
	graph.Edge
}

// normalize makes the arrays CONTRACT.md requires present even when empty:
// nodes, edges, every node's aliases and every edge's evidence.
func normalize(g *graph.Graph) {
	if g.Nodes == nil {
		g.Nodes = []graph.Node{}
	}
	if g.Edges == nil {
		g.Edges = []graph.Edge{}
	}
	for i := range g.Nodes {
		if g.Nodes[i].Aliases == nil {
			g.Nodes[i].Aliases = []string{}
		}
	}
	for i := range g.Edges {
		if g.Edges[i].Evidence == nil {
			g.Edges[i].Evidence = []graph.Evidence{}
		}
	}
}

// newJSONEncoder returns an encoder that leaves <, > and & alone: the
// output is data for programs and diffs, not for an HTML page.
func newJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// JSON writes g in CONTRACT.md's format: one object with "nodes" sorted by
// id and "edges" sorted by source, kind, target, indented by two spaces and
// ending in a newline. "aliases" and "evidence" are always arrays, "attrs"
// is left out when empty. Attrs values must be JSON-encodable.
func JSON(w io.Writer, g *graph.Graph) error {
	g = prepare(g)
	normalize(g)
	bw := bufio.NewWriter(w)
	enc := newJSONEncoder(bw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{Nodes: g.Nodes, Edges: g.Edges}); err != nil {
		return fmt.Errorf("export: json: %w", err)
	}
	return flush(bw, "json")
}

// JSONL writes g as JSON Lines: one record a line, first every node as
// {"type":"node", ...the fields of a JSON node}, then every edge as
// {"type":"edge", ...the fields of a JSON edge}, in JSON's order. Records
// are written as they are encoded, so a reader can start before the end.
func JSONL(w io.Writer, g *graph.Graph) error {
	g = prepare(g)
	normalize(g)
	bw := bufio.NewWriter(w)
	enc := newJSONEncoder(bw)
	for _, n := range g.Nodes {
		if err := enc.Encode(jsonNode{Type: "node", Node: n}); err != nil {
			return fmt.Errorf("export: jsonl: node %s: %w", n.ID, err)
		}
	}
	for _, e := range g.Edges {
		if err := enc.Encode(jsonEdge{Type: "edge", Edge: e}); err != nil {
			return fmt.Errorf("export: jsonl: edge %s %s %s: %w", e.Source, e.Kind, e.Target, err)
		}
	}
	return flush(bw, "jsonl")
}
