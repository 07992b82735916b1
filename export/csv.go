package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// CSVArrayDelimiter separates the aliases in nodes.csv; pass it to
// neo4j-admin as --array-delimiter (";" is its default).
const CSVArrayDelimiter = ";"

// CSV writes g into directory dir (created if missing) as the two files
// `neo4j-admin database import full` reads: nodes.csv with header
// id:ID,name,kind,aliases:string[],:LABEL and edges.csv with header
// :START_ID,:END_ID,:TYPE,evidence_count:int,evidence, where evidence is
// the first evidence text. Aliases are joined by CSVArrayDelimiter; a ";"
// inside an alias becomes "," since neo4j-admin cannot escape it. Names
// and evidence may span lines: import with --multiline-fields=true.
func CSV(dir string, g *graph.Graph) error {
	g = prepare(g)
	s, err := NewCSVStream(dir)
	if err != nil {
		return err
	}
	for _, n := range g.Nodes {
		s.Node(n)
	}
	for _, e := range g.Edges {
		s.Edge(e)
	}
	return s.Close()
}

// CSVStream writes what CSV writes one node or edge at a time, for graphs
// too big to hold in memory, in the order Stream needs. It writes to
// nodes.csv.partial and edges.csv.partial and renames them when closed
// without error, so a failed export leaves an earlier one in place.
type CSVStream struct {
	files [2]*os.File // nodes.csv, edges.csv
	bufs  [2]*bufio.Writer
	csvs  [2]*csv.Writer
	names [2]string
}

// NewCSVStream creates directory dir if missing and starts nodes.csv and
// edges.csv in it, replacing them.
func NewCSVStream(dir string) (*CSVStream, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: csv: %w", err)
	}
	s := &CSVStream{}
	headers := [2][]string{
		{"id:ID", "name", "kind", "aliases:string[]", ":LABEL"},
		{":START_ID", ":END_ID", ":TYPE", "evidence_count:int", "evidence"},
	}
	for i, name := range []string{"nodes.csv", "edges.csv"} {
		s.names[i] = filepath.Join(dir, name)
		f, err := os.Create(s.names[i] + ".partial")
		if err != nil {
			s.Abort()
			return nil, fmt.Errorf("export: csv: %w", err)
		}
		s.files[i], s.bufs[i] = f, bufio.NewWriter(f)
		s.csvs[i] = csv.NewWriter(s.bufs[i])
		s.csvs[i].Write(headers[i]) // errors surface at Close
	}
	return s, nil
}

// Node writes one node's row; write errors are reported by Close.
func (s *CSVStream) Node(n graph.Node) error {
	aliases := make([]string, len(n.Aliases))
	for i, a := range n.Aliases {
		aliases[i] = strings.ReplaceAll(a, CSVArrayDelimiter, ",")
	}
	s.csvs[0].Write([]string{n.ID, n.Name, string(n.Kind), strings.Join(aliases, CSVArrayDelimiter), kindLabel(n.Kind)})
	return nil
}

// Edge writes one edge's row; write errors are reported by Close.
func (s *CSVStream) Edge(e graph.Edge) error {
	s.csvs[1].Write([]string{e.Source, e.Target, strings.ToUpper(string(e.Kind)), strconv.Itoa(len(e.Evidence)), firstText(e)})
	return nil
}

// Close flushes and closes both files and gives them their names, or
// removes them and returns the first error.
func (s *CSVStream) Close() error {
	var first error
	for i, f := range s.files {
		s.csvs[i].Flush()
		err := s.csvs[i].Error()
		if err == nil {
			err = s.bufs[i].Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil && first == nil {
			first = fmt.Errorf("export: csv: write %s: %w", s.names[i], err)
		}
	}
	for i := range s.files {
		if first == nil {
			if err := os.Rename(s.files[i].Name(), s.names[i]); err != nil {
				first = fmt.Errorf("export: csv: %w", err)
			}
		} else {
			os.Remove(s.files[i].Name())
		}
	}
	return first
}

// Abort closes and removes what the stream wrote, leaving any earlier
// nodes.csv and edges.csv as they were.
func (s *CSVStream) Abort() {
	for _, f := range s.files {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
}
