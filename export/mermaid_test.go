package export_test

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

func TestMermaidRefusesBigGraphs(t *testing.T) {
	tests := []struct {
		edges   int
		refused bool
	}{
		{export.MermaidMaxEdges, false},
		{export.MermaidMaxEdges + 1, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.edges), func(t *testing.T) {
			var buf bytes.Buffer
			err := export.Mermaid(&buf, star(tt.edges+1))
			if !tt.refused {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, export.ErrTooBig) {
				t.Fatalf("err = %v, want ErrTooBig", err)
			}
			if !strings.Contains(err.Error(), "--focus NAME --depth 1") {
				t.Errorf("error %q does not suggest --focus NAME --depth 1", err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before refusing", buf.Len())
			}
		})
	}
}

// mermaidLine is every line shape Mermaid may write; a label is quoted and
// holds no quote, no markup and no raw '#' outside an entity code.
var (
	mermaidLabel = `"(?:[^"<>#\x60|;\n]|#[a-z0-9]+;)*"`
	mermaidLines = []*regexp.Regexp{
		regexp.MustCompile(`^graph LR$`),
		regexp.MustCompile(`^  n\d+\[(` + mermaidLabel + `)\]$`),
		regexp.MustCompile(`^  n\d+ -->\|[a-z_]+\| n\d+$`),
		regexp.MustCompile(`^  classDef [a-z]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6};$`),
		regexp.MustCompile(`^  class n\d+ [a-z]+;$`),
	}
)

// mermaidDecode undoes Mermaid's entity codes (#quot; #35; ...).
func mermaidDecode(s string) string {
	return html.UnescapeString(regexp.MustCompile(`#([a-z0-9]+);`).ReplaceAllStringFunc(s, func(m string) string {
		if m[1] >= '0' && m[1] <= '9' {
			return "&#" + m[1:]
		}
		return "&" + m[1:]
	}))
}

func TestMermaidLabelsStayLabels(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.Mermaid(&buf, g); err != nil {
				t.Fatal(err)
			}
			var labels []string
			for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
				ok := false
				for i, re := range mermaidLines {
					if m := re.FindStringSubmatch(line); m != nil {
						ok = true
						if i == 1 {
							labels = append(labels, mermaidDecode(m[1][1:len(m[1])-1]))
						}
					}
				}
				if !ok {
					t.Errorf("unexpected line %q", line)
				}
			}
			want := sortedCopy(g)
			if len(labels) != len(want.Nodes) {
				t.Fatalf("%d labels, want %d", len(labels), len(want.Nodes))
			}
			flatten := strings.NewReplacer("\r", " ", "\n", " ", "\t", " ", "\a", " ")
			for i, n := range want.Nodes {
				if labels[i] != flatten.Replace(n.Name) {
					t.Errorf("label n%d = %q, want %q", i, labels[i], flatten.Replace(n.Name))
				}
			}
		})
	}
}

func TestMermaidIDsFollowSortedIDs(t *testing.T) {
	var buf bytes.Buffer
	if err := export.Mermaid(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"  n0[\"Kubernetes Community Days Zurich 2023\"]\n",
		"  n15[\"eBPF\"]\n",
		"  classDef project fill:#d9ead3,stroke:#38761d;\n",
		"  class n7 project;\n",
		"  n10 -->|part_of| n7\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
