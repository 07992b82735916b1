package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// MermaidMaxEdges is Mermaid's default maxEdges: a diagram with more edges
// does not render, so Mermaid refuses such graphs.
const MermaidMaxEdges = 500

// mermaidClasses styles node kinds; colours match DOT's.
var mermaidClasses = map[graph.NodeKind]string{
	graph.Event:   "fill:#f4cccc,stroke:#990000",
	graph.Talk:    "fill:#fff2cc,stroke:#bf9000",
	graph.Person:  "fill:#cfe2f3,stroke:#0b5394",
	graph.Org:     "fill:#d9d2e9,stroke:#351c75",
	graph.Project: "fill:#d9ead3,stroke:#38761d",
	graph.Topic:   "fill:#fce5cd,stroke:#b45f06",
	graph.Source:  "fill:#eeeeee,stroke:#666666",
}

// mermaidText escapes s for a quoted Mermaid label. Mermaid reads "#name;"
// and "#123;" as entity codes and hands labels to HTML, so the characters
// that could end the label, start an entity or make markup are written as
// entity codes; line breaks and control characters become spaces.
func mermaidText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString("#quot;")
		case r == '#':
			b.WriteString("#35;")
		case r == '&':
			b.WriteString("#amp;")
		case r == '<':
			b.WriteString("#lt;")
		case r == '>':
			b.WriteString("#gt;")
		case r == '`':
			b.WriteString("#96;")
		case r == '|':
			b.WriteString("#124;")
		case r == ';':
			b.WriteString("#59;")
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MermaidTooBig is Mermaid's error for a graph of edges edges ("1234", or
// "more than 500" when the caller stopped counting).
func MermaidTooBig(edges string) error {
	return fmt.Errorf("export: mermaid: %w: %s edges, Mermaid draws at most %d; "+
		"export a part of it, e.g. --focus NAME --depth 1", ErrTooBig, edges, MermaidMaxEdges)
}

// Mermaid writes g as a Mermaid flowchart ("graph LR"). Node ids are
// n0, n1 ... in sorted id order (ends of edges that are not nodes of g come
// after the nodes), labelled with the escaped name; each kind has a
// classDef and each node a class line. It returns an error wrapping
// ErrTooBig, and writes nothing, when g has more than MermaidMaxEdges edges.
func Mermaid(w io.Writer, g *graph.Graph) error {
	if g != nil && len(g.Edges) > MermaidMaxEdges {
		return MermaidTooBig(strconv.Itoa(len(g.Edges)))
	}
	g = prepare(g)
	short := make(map[string]string, len(g.Nodes))
	for i, n := range g.Nodes {
		short[n.ID] = fmt.Sprintf("n%d", i)
	}
	var dangling []string
	for _, e := range g.Edges {
		for _, id := range []string{e.Source, e.Target} {
			if _, ok := short[id]; !ok {
				short[id] = ""
				dangling = append(dangling, id)
			}
		}
	}
	slices.Sort(dangling)
	for i, id := range dangling {
		short[id] = fmt.Sprintf("n%d", len(g.Nodes)+i)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("graph LR\n")
	for _, n := range g.Nodes {
		label := n.Name
		if label == "" {
			label = n.ID
		}
		fmt.Fprintf(bw, "  %s[\"%s\"]\n", short[n.ID], mermaidText(label))
	}
	for _, id := range dangling {
		fmt.Fprintf(bw, "  %s[\"%s\"]\n", short[id], mermaidText(id))
	}
	for _, e := range g.Edges {
		fmt.Fprintf(bw, "  %s -->|%s| %s\n", short[e.Source], mermaidText(string(e.Kind)), short[e.Target])
	}
	present := make(map[graph.NodeKind]bool)
	for _, n := range g.Nodes {
		present[n.Kind] = true
	}
	for _, k := range graph.NodeKinds {
		if present[k] {
			fmt.Fprintf(bw, "  classDef %s %s;\n", k, mermaidClasses[k])
		}
	}
	for _, n := range g.Nodes {
		if _, ok := mermaidClasses[n.Kind]; ok {
			fmt.Fprintf(bw, "  class %s %s;\n", short[n.ID], n.Kind)
		}
	}
	return flush(bw, "mermaid")
}
