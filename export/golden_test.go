package export_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// writer is one way of exporting a graph to a stream.
type writer struct {
	golden string
	write  func(io.Writer, *graph.Graph) error
}

func dotWith(opts export.DOTOptions) func(io.Writer, *graph.Graph) error {
	return func(w io.Writer, g *graph.Graph) error { return export.DOT(w, g, opts) }
}

// writers are the streaming exports with their golden files.
var writers = []writer{
	{"fixture.json.golden", export.JSON},
	{"fixture.jsonl.golden", export.JSONL},
	{"fixture.dot.golden", dotWith(export.DOTOptions{})},
	{"fixture-cluster-event.dot.golden", dotWith(export.DOTOptions{Cluster: "event"})},
	{"fixture-cluster-org.dot.golden", dotWith(export.DOTOptions{Cluster: "org"})},
	{"fixture-maxdegree.dot.golden", dotWith(export.DOTOptions{MaxDegree: 2, Cluster: "event"})},
	{"fixture.graphml.golden", export.GraphML},
	{"fixture.nq.golden", export.NQuads},
	{"fixture-dgraph.rdf.golden", export.DgraphRDF},
	{"fixture.cypher.golden", export.Cypher},
	{"fixture.mmd.golden", export.Mermaid},
}

func TestGolden(t *testing.T) {
	for _, wr := range writers {
		t.Run(wr.golden, func(t *testing.T) {
			in := fixture()
			var first, second bytes.Buffer
			if err := wr.write(&first, in); err != nil {
				t.Fatal(err)
			}
			if err := wr.write(&second, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Fatal("exporting twice gave different bytes")
			}
			if !reflect.DeepEqual(in, fixture()) {
				t.Fatal("exporting modified the graph")
			}
			checkGolden(t, wr.golden, first.Bytes())
		})
	}
}

func TestGoldenDgraphSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := export.DgraphSchema(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "dgraph.schema.golden", buf.Bytes())
}

func TestGoldenCSV(t *testing.T) {
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b", "c")}
	for _, dir := range dirs {
		if err := export.CSV(dir, fixture()); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"nodes.csv", "edges.csv"} {
		a, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: exporting twice gave different bytes", name)
		}
		checkGolden(t, "fixture-"+name+".golden", a)
	}
}

func TestWriteDispatches(t *testing.T) {
	direct := map[string]func(io.Writer, *graph.Graph) error{
		"json": export.JSON, "jsonl": export.JSONL, "graphml": export.GraphML,
		"nquads": export.NQuads, "cypher": export.Cypher, "mermaid": export.Mermaid,
		"dot": dotWith(export.DOTOptions{Cluster: "org", MaxDegree: 3}),
	}
	for _, f := range export.Formats {
		t.Run(f, func(t *testing.T) {
			var got bytes.Buffer
			err := export.Write(&got, f, fixture(), export.Options{DOT: export.DOTOptions{Cluster: "org", MaxDegree: 3}})
			if f == "csv" {
				if !errors.Is(err, export.ErrUnknownFormat) {
					t.Fatalf("Write csv: err = %v, want ErrUnknownFormat", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := direct[f](&want, fixture()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("Write(%q) differs from the format's own function", f)
			}
		})
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := export.Write(io.Discard, "xlsx", fixture(), export.Options{})
	if !errors.Is(err, export.ErrUnknownFormat) || !strings.Contains(err.Error(), "xlsx") {
		t.Errorf("err = %v, want ErrUnknownFormat naming xlsx", err)
	}
}

func TestEmptyGraph(t *testing.T) {
	for _, g := range []*graph.Graph{nil, {}} {
		for _, f := range export.Formats {
			if f == "csv" {
				continue
			}
			if err := export.Write(io.Discard, f, g, export.Options{}); err != nil {
				t.Errorf("%s of an empty graph: %v", f, err)
			}
		}
	}
	var buf bytes.Buffer
	if err := export.JSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "{\n  \"nodes\": [],\n  \"edges\": []\n}\n"; got != want {
		t.Errorf("JSON(nil) = %q, want %q", got, want)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorsReturned(t *testing.T) {
	for _, f := range export.Formats {
		if f == "csv" {
			continue
		}
		err := export.Write(failWriter{}, f, fixture(), export.Options{})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: err = %v, want the writer's error", f, err)
		}
	}
}
