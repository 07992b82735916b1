package export_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// readCSV reads a whole CSV file with encoding/csv.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return records
}

// crlf returns row as encoding/csv reads it back: \r\n inside a quoted
// field comes back as \n.
func crlf(row []string) []string {
	for i := range row {
		row[i] = strings.ReplaceAll(row[i], "\r\n", "\n")
	}
	return row
}

func TestCSVReadBack(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := export.CSV(dir, g); err != nil {
				t.Fatal(err)
			}
			want := sortedCopy(g)
			nodes := readCSV(t, filepath.Join(dir, "nodes.csv"))
			if !reflect.DeepEqual(nodes[0], []string{"id:ID", "name", "kind", "aliases:string[]", ":LABEL"}) {
				t.Errorf("nodes header %q", nodes[0])
			}
			if len(nodes)-1 != len(want.Nodes) {
				t.Fatalf("%d node rows, want %d", len(nodes)-1, len(want.Nodes))
			}
			for i, n := range want.Nodes {
				row := nodes[i+1]
				var aliases []string
				for _, a := range n.Aliases {
					aliases = append(aliases, strings.ReplaceAll(a, ";", ","))
				}
				wantRow := crlf([]string{n.ID, n.Name, string(n.Kind), strings.Join(aliases, ";"),
					strings.ToUpper(string(n.Kind[:1])) + string(n.Kind[1:])})
				if !reflect.DeepEqual(row, wantRow) {
					t.Errorf("node row\n%q\nwant\n%q", row, wantRow)
				}
				if got := strings.Split(row[3], ";"); row[3] != "" && len(got) != len(n.Aliases) {
					t.Errorf("aliases split into %d, want %d", len(got), len(n.Aliases))
				}
			}
			edges := readCSV(t, filepath.Join(dir, "edges.csv"))
			if !reflect.DeepEqual(edges[0], []string{":START_ID", ":END_ID", ":TYPE", "evidence_count:int", "evidence"}) {
				t.Errorf("edges header %q", edges[0])
			}
			if len(edges)-1 != len(want.Edges) {
				t.Fatalf("%d edge rows, want %d", len(edges)-1, len(want.Edges))
			}
			for i, e := range want.Edges {
				row := edges[i+1]
				first := ""
				for _, ev := range e.Evidence {
					if ev.Text != "" {
						first = ev.Text
						break
					}
				}
				wantRow := crlf([]string{e.Source, e.Target, strings.ToUpper(string(e.Kind)), strconv.Itoa(len(e.Evidence)), first})
				if !reflect.DeepEqual(row, wantRow) {
					t.Errorf("edge row\n%q\nwant\n%q", row, wantRow)
				}
			}
		})
	}
}

func TestCSVBadDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := export.CSV(filepath.Join(file, "sub"), fixture()); err == nil {
		t.Error("CSV under a regular file succeeded")
	}
}
