package graph

import (
	"sort"
	"time"
)

// Evidence is where a fact was read: the source id, the 1-based line and the
// sentence or line it was read from. Line 0 marks a fact that came from the
// catalog rather than from text.
type Evidence struct {
	Source string `json:"source"`
	Line   int    `json:"line"`
	Text   string `json:"text"`
}

// Node is one thing in the graph. Name is the canonical display name and
// Aliases every spelling seen or known (the canonical name included). Attrs
// holds kind-specific values: an event's "year" (an int) and "city", a
// project's "url", "maturity", "discovered" (a bool), a source's "path".
type Node struct {
	ID      string         `json:"id"`
	Kind    NodeKind       `json:"kind"`
	Name    string         `json:"name"`
	Aliases []string       `json:"aliases"`
	Attrs   map[string]any `json:"attrs,omitempty"`
}

// Edge is a typed, directed relation with the evidence that supports it.
type Edge struct {
	Source   string     `json:"source"`
	Target   string     `json:"target"`
	Kind     EdgeKind   `json:"kind"`
	Evidence []Evidence `json:"evidence"`
}

// SourceInfo describes one ingested document.
type SourceInfo struct {
	ID       string    `json:"id"`
	Path     string    `json:"path"`
	Hash     string    `json:"hash"` // hex SHA-256 of the raw bytes
	Size     int64     `json:"size"`
	Format   string    `json:"format"` // text, markdown or html
	Title    string    `json:"title,omitempty"`
	Ingested time.Time `json:"ingested,omitzero"` // zero: not ingested (kg extract)
}

// Facts is everything one source contributes: the nodes it names (with the
// spelling and attributes it gives) and the edges it supports, each edge with
// evidence from this source only.
type Facts struct {
	Source   SourceInfo `json:"source"`
	Nodes    []Node     `json:"nodes"`
	Edges    []Edge     `json:"edges"`
	Warnings []string   `json:"warnings,omitempty"`
}

// Quality ranks how a spelling was read, so that the canonical name of a
// node prefers structured sources ("Speaker: Filip Nikolic") over prose.
// It is stored in Node.Attrs["quality"] of a contribution.
const (
	QualityProse   = 1
	QualityLine    = 2
	QualityCatalog = 3
)

// Graph is a whole graph in memory, as exported.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Sort orders g as CONTRACT.md requires: nodes by id, edges by source, kind,
// target, and each edge's evidence by source then line.
func (g *Graph) Sort() {
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	sort.Slice(g.Edges, func(i, j int) bool { return EdgeLess(g.Edges[i], g.Edges[j]) })
	for i := range g.Edges {
		SortEvidence(g.Edges[i].Evidence)
	}
}

// EdgeLess orders edges by source, kind, target.
func EdgeLess(a, b Edge) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	return a.Target < b.Target
}

// SortEvidence orders evidence by source, line and text.
func SortEvidence(ev []Evidence) {
	sort.Slice(ev, func(i, j int) bool {
		a, b := ev[i], ev[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Text < b.Text
	})
}
