package export

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"

	"github.com/kg-tool/kg/graph"
)

// Stream writes a graph one node or edge at a time, in one of
// StreamFormats, for graphs too big to hold in memory. Callers must pass
// every node before any edge, nodes sorted by id and edges by source,
// kind, target (the order graph.Store.Walk gives); the bytes are then
// exactly those the format's writer gives for the same graph.
type Stream struct {
	w      *bufio.Writer
	format string
	rows   *rowWriter // the formats written a node or edge at a time
	lines  bool       // JSONL
	nodes  int
	edges  int
	inEdge bool
	buf    bytes.Buffer
}

// StreamFormats are the formats a Stream writes. The others need the
// whole graph first: DOT and Mermaid group and style nodes by their
// edges; CSV writes two files (see CSVStream).
var StreamFormats = []string{"json", "jsonl", "graphml", "nquads", "cypher"}

// rowWriter is a format whose nodes and edges are written one by one
// between a header and a footer, by the pieces its in-memory writer uses.
type rowWriter struct {
	header, footer func(*bufio.Writer)
	node           func(*bufio.Writer, graph.Node)
	edge           func(bw *bufio.Writer, i int, e graph.Edge) // the i-th edge
}

var rowWriters = map[string]*rowWriter{
	"graphml": {header: writeGMLHeader, footer: writeGMLFooter, node: writeGMLNode, edge: writeGMLEdge},
	"nquads": {node: writeRDFNode,
		edge: func(bw *bufio.Writer, _ int, e graph.Edge) { writeRDFEdge(bw, e, true) }},
	"cypher": {header: writeCypherHeader, node: writeCypherNode,
		edge: func(bw *bufio.Writer, _ int, e graph.Edge) { writeCypherEdge(bw, e) }},
}

// NewStream starts a stream in one of StreamFormats.
func NewStream(w io.Writer, format string) (*Stream, error) {
	if !slices.Contains(StreamFormats, format) {
		return nil, fmt.Errorf("export: stream %q: %w", format, ErrUnknownFormat)
	}
	s := &Stream{w: bufio.NewWriterSize(w, 1<<16), format: format, rows: rowWriters[format], lines: format == "jsonl"}
	if s.rows != nil && s.rows.header != nil {
		s.rows.header(s.w)
	}
	return s, nil
}

func (s *Stream) encode(v any, prefix string) ([]byte, error) {
	s.buf.Reset()
	enc := newJSONEncoder(&s.buf)
	if !s.lines {
		enc.SetIndent(prefix, "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("export: json: %w", err)
	}
	return bytes.TrimRight(s.buf.Bytes(), "\n"), nil
}

// Node writes one node.
func (s *Stream) Node(n graph.Node) error {
	if s.inEdge {
		return fmt.Errorf("export: stream: node %s after edges", n.ID)
	}
	if s.rows != nil {
		s.rows.node(s.w, n)
		return nil
	}
	if n.Aliases == nil {
		n.Aliases = []string{}
	}
	if s.lines {
		b, err := s.encode(jsonNode{Type: "node", Node: n}, "")
		if err != nil {
			return err
		}
		s.w.Write(b)
		return s.w.WriteByte('\n')
	}
	b, err := s.encode(n, "    ")
	if err != nil {
		return err
	}
	if s.nodes == 0 {
		s.w.WriteString("{\n  \"nodes\": [\n    ")
	} else {
		s.w.WriteString(",\n    ")
	}
	s.nodes++
	_, err = s.w.Write(b)
	return err
}

// Edge writes one edge.
func (s *Stream) Edge(e graph.Edge) error {
	if s.rows != nil {
		s.inEdge = true
		s.rows.edge(s.w, s.edges, e)
		s.edges++
		return nil
	}
	if e.Evidence == nil {
		e.Evidence = []graph.Evidence{}
	}
	if s.lines {
		b, err := s.encode(jsonEdge{Type: "edge", Edge: e}, "")
		if err != nil {
			return err
		}
		s.w.Write(b)
		return s.w.WriteByte('\n')
	}
	if !s.inEdge {
		s.closeNodes()
		s.inEdge = true
	}
	b, err := s.encode(e, "    ")
	if err != nil {
		return err
	}
	if s.edges == 0 {
		s.w.WriteString("  \"edges\": [\n    ")
	} else {
		s.w.WriteString(",\n    ")
	}
	s.edges++
	_, err = s.w.Write(b)
	return err
}

func (s *Stream) closeNodes() {
	if s.nodes == 0 {
		s.w.WriteString("{\n  \"nodes\": [],\n")
	} else {
		s.w.WriteString("\n  ],\n")
	}
}

// Close ends the document and flushes it.
func (s *Stream) Close() error {
	if s.rows != nil {
		if s.rows.footer != nil {
			s.rows.footer(s.w)
		}
		return flush(s.w, s.format)
	}
	if !s.lines {
		if !s.inEdge {
			s.closeNodes()
		}
		if s.edges == 0 {
			s.w.WriteString("  \"edges\": []\n}\n")
		} else {
			s.w.WriteString("\n  ]\n}\n")
		}
	}
	return flush(s.w, "json")
}
