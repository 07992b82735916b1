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
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	nodes := [][]string{{"id:ID", "name", "kind", "aliases:string[]", ":LABEL"}}
	for _, n := range g.Nodes {
		aliases := make([]string, len(n.Aliases))
		for i, a := range n.Aliases {
			aliases[i] = strings.ReplaceAll(a, CSVArrayDelimiter, ",")
		}
		nodes = append(nodes, []string{n.ID, n.Name, string(n.Kind),
			strings.Join(aliases, CSVArrayDelimiter), kindLabel(n.Kind)})
	}
	edges := [][]string{{":START_ID", ":END_ID", ":TYPE", "evidence_count:int", "evidence"}}
	for _, e := range g.Edges {
		edges = append(edges, []string{e.Source, e.Target, strings.ToUpper(string(e.Kind)),
			strconv.Itoa(len(e.Evidence)), firstText(e)})
	}
	if err := writeCSV(filepath.Join(dir, "nodes.csv"), nodes); err != nil {
		return err
	}
	return writeCSV(filepath.Join(dir, "edges.csv"), edges)
}

// writeCSV writes records to the file at path, replacing it.
func writeCSV(path string, records [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	bw := bufio.NewWriter(f)
	cw := csv.NewWriter(bw)
	if err := cw.WriteAll(records); err != nil {
		f.Close()
		return fmt.Errorf("export: csv: write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("export: csv: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: csv: close %s: %w", path, err)
	}
	return nil
}
