package export_test

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// rapperCount parses N-Quads with rapper and returns the statement count
// it reports, failing on any error or warning.
func rapperCount(t *testing.T, src []byte) int {
	t.Helper()
	rapper := tool(t, "rapper", "raptor2-utils")
	_, stderr := run(t, src, rapper, "-i", "nquads", "-c", "-I", export.IDBase, "-")
	m := regexp.MustCompile(`returned (\d+) (triples|statements)`).FindSubmatch(stderr)
	if m == nil || bytes.Contains(stderr, []byte("Error")) || bytes.Contains(stderr, []byte("Warning")) {
		t.Fatalf("rapper:\n%s", stderr)
	}
	var n int
	fmt.Sscan(string(m[1]), &n)
	return n
}

// wantQuads counts the statements NQuads writes for g.
func wantQuads(g *graph.Graph) int {
	n := 0
	for _, node := range g.Nodes {
		n += 3 + len(node.Aliases)
		for _, k := range []string{"year", "city", "url", "discovered"} {
			if _, ok := node.Attrs[k]; ok {
				n++
			}
		}
	}
	for _, e := range g.Edges {
		sources := map[string]bool{}
		for _, ev := range e.Evidence {
			if ev.Source != "" {
				sources[ev.Source] = true
			}
		}
		n += max(len(sources), 1)
	}
	return n
}

func TestNQuadsParsedByRapper(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		for _, f := range []struct {
			name  string
			write func(io.Writer, *graph.Graph) error
			want  int
		}{
			{"nquads", export.NQuads, wantQuads(g)},
			{"dgraph", export.DgraphRDF, wantQuads(g)},
		} {
			t.Run(name+" "+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := f.write(&buf, g); err != nil {
					t.Fatal(err)
				}
				got := rapperCount(t, buf.Bytes())
				if f.name == "dgraph" {
					if regexp.MustCompile(`(?m)^<[^>]*> <[^>]*> <[^>]*> <[^>]*> \.$`).Match(buf.Bytes()) {
						t.Errorf("DgraphRDF wrote a graph label")
					}
					f.want = strings.Count(buf.String(), " .\n")
				}
				if got != f.want {
					t.Errorf("rapper counted %d statements, want %d", got, f.want)
				}
			})
		}
	}
}

func TestNQuadsProvenance(t *testing.T) {
	var buf bytes.Buffer
	if err := export.NQuads(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// an edge found in two sources is one quad per source
		"<https://kg.dev/id/talk:kcd-zurich-2023/ebpf-for-security> <https://kg.dev/schema#mentions> <https://kg.dev/id/project:cilium> <https://kg.dev/id/source:kcd-zurich-2023-feedback> .\n",
		"<https://kg.dev/id/talk:kcd-zurich-2023/ebpf-for-security> <https://kg.dev/schema#mentions> <https://kg.dev/id/project:cilium> <https://kg.dev/id/source:kubecon-eu-2023-recap> .\n",
		// catalog evidence has no source: the default graph
		"<https://kg.dev/id/project:tetragon> <https://kg.dev/schema#part_of> <https://kg.dev/id/project:cilium> .\n",
		"<https://kg.dev/id/talk:kcd-zurich-2023/ebpf-for-security> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kg.dev/schema#Talk> .\n",
		"<https://kg.dev/id/person:raphael-ber> <https://kg.dev/schema#name> \"Raphaël Bér\" .\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestNodeIRI(t *testing.T) {
	tests := []struct{ id, want string }{
		{"project:cilium", "https://kg.dev/id/project:cilium"},
		{"talk:kcd-2023/ebpf", "https://kg.dev/id/talk:kcd-2023/ebpf"},
		{"person:zoë <x> \"q\"", "https://kg.dev/id/person:zo%C3%AB%20%3Cx%3E%20%22q%22"},
		{"org:a#b?c%d", "https://kg.dev/id/org:a%23b%3Fc%25d"},
	}
	for _, tt := range tests {
		if got := export.NodeIRI(tt.id); got != tt.want {
			t.Errorf("NodeIRI(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}
