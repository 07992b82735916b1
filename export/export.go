package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// Errors that callers test with errors.Is. cmd/kg reports ErrUnknownFormat,
// ErrBadOption and ErrTooBig as bad usage, ErrNoGraphviz as a missing tool.
var (
	// ErrUnknownFormat is returned for a format name not in Formats, or one
	// that Write cannot stream (csv).
	ErrUnknownFormat = errors.New("unknown export format")
	// ErrBadOption is returned for an option value a writer does not know,
	// such as DOTOptions.Cluster "city".
	ErrBadOption = errors.New("bad export option")
	// ErrTooBig is returned when a graph is too big for a format's consumer
	// to display (Mermaid).
	ErrTooBig = errors.New("graph too big")
	// ErrNoGraphviz is returned by Render when the Graphviz binary is not on
	// PATH.
	ErrNoGraphviz = errors.New("graphviz not found")
)

// Formats lists the export format names, in the order help text shows them.
// Every one but "csv" streams to an io.Writer through Write; "csv" writes
// two files into a directory through CSV.
var Formats = []string{"json", "jsonl", "dot", "graphml", "nquads", "cypher", "mermaid", "csv"}

// Options holds the options of the formats that have some.
type Options struct {
	// DOT is used by the "dot" format.
	DOT DOTOptions
}

// Write writes g to w in format, one of Formats except "csv". It returns an
// error wrapping ErrUnknownFormat for any other name, and whatever the
// format's writer returns (ErrBadOption, ErrTooBig, a write error).
func Write(w io.Writer, format string, g *graph.Graph, opts Options) error {
	switch format {
	case "json":
		return JSON(w, g)
	case "jsonl":
		return JSONL(w, g)
	case "dot":
		return DOT(w, g, opts.DOT)
	case "graphml":
		return GraphML(w, g)
	case "nquads":
		return NQuads(w, g)
	case "cypher":
		return Cypher(w, g)
	case "mermaid":
		return Mermaid(w, g)
	case "csv":
		return fmt.Errorf("export: %w: csv writes a directory, not a stream", ErrUnknownFormat)
	}
	return fmt.Errorf("export: %w %q (want one of %s)", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

// prepare returns a sorted copy of g that shares no slice with it, so that
// sorting never modifies the caller's graph. A nil g is an empty graph.
func prepare(g *graph.Graph) *graph.Graph {
	out := &graph.Graph{}
	if g == nil {
		return out
	}
	out.Nodes = slices.Clone(g.Nodes)
	out.Edges = slices.Clone(g.Edges)
	for i := range out.Edges {
		out.Edges[i].Evidence = slices.Clone(out.Edges[i].Evidence)
	}
	out.Sort()
	return out
}

// flush flushes bw and wraps the first write error for format.
func flush(bw *bufio.Writer, format string) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return nil
}

// kindLabel returns the type name of a node kind: "Project" for project.
// It is the Neo4j label and the RDF class.
func kindLabel(k graph.NodeKind) string {
	s := string(k)
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return "Node"
	}
	return strings.ToUpper(string(r)) + s[size:]
}

// firstText returns the text of the first evidence of e that has one.
func firstText(e graph.Edge) string {
	for _, ev := range e.Evidence {
		if ev.Text != "" {
			return ev.Text
		}
	}
	return ""
}

// evidenceSources returns the distinct non-empty evidence sources of e, in
// order.
func evidenceSources(e graph.Edge) []string {
	var out []string
	for _, ev := range e.Evidence {
		if ev.Source != "" && !slices.Contains(out, ev.Source) {
			out = append(out, ev.Source)
		}
	}
	return out
}

// attrString returns attribute key of n if it is a non-empty string.
func attrString(n graph.Node, key string) (string, bool) {
	s, ok := n.Attrs[key].(string)
	return s, ok && s != ""
}

// attrInt returns attribute key of n as an integer. Attrs read back from
// JSON hold float64, those built in Go hold int; both are accepted, as is a
// string of digits.
func attrInt(n graph.Node, key string) (int64, bool) {
	switch v := n.Attrs[key].(type) {
	case int:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v), true
		}
	case string:
		if i, err := strconv.ParseInt(v, 10, 64); err == nil {
			return i, true
		}
	}
	return 0, false
}

// attrBool returns attribute key of n if it is a bool.
func attrBool(n graph.Node, key string) (value, ok bool) {
	value, ok = n.Attrs[key].(bool)
	return value, ok
}
