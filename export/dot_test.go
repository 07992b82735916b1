package export_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// renderSVG runs the DOT text through `dot -Tsvg`, fails on any stderr
// output and checks the SVG is well-formed XML.
func renderSVG(t *testing.T, src []byte) []byte {
	t.Helper()
	dot := tool(t, "dot", "graphviz")
	svg, stderr := run(t, src, dot, "-Tsvg")
	if len(stderr) > 0 {
		t.Fatalf("dot wrote to stderr:\n%s\ninput:\n%s", stderr, src)
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("dot -Tsvg output is not XML: %v", err)
		}
	}
	return svg
}

func TestDOTRendersWithGraphviz(t *testing.T) {
	tests := []struct {
		name string
		g    *graph.Graph
		opts export.DOTOptions
	}{
		{"fixture", fixture(), export.DOTOptions{}},
		{"cluster event", fixture(), export.DOTOptions{Cluster: "event"}},
		{"cluster org", fixture(), export.DOTOptions{Cluster: "org"}},
		{"cluster none capped", fixture(), export.DOTOptions{Cluster: "none", MaxDegree: 1}},
		{"hostile", hostile(), export.DOTOptions{}},
		{"hostile cluster event", hostile(), export.DOTOptions{Cluster: "event", MaxDegree: 2}},
		{"hostile cluster org", hostile(), export.DOTOptions{Cluster: "org"}},
		{"large", star(400), export.DOTOptions{}},
		{"large capped", star(400), export.DOTOptions{MaxDegree: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.DOT(&buf, tt.g, tt.opts); err != nil {
				t.Fatal(err)
			}
			svg := renderSVG(t, buf.Bytes())
			if bytes.Contains(svg, []byte("<script")) {
				t.Errorf("a name became markup in the SVG")
			}
		})
	}
}

func TestDOTHostileLabelsSurvive(t *testing.T) {
	var buf bytes.Buffer
	if err := export.DOT(&buf, hostile(), export.DOTOptions{}); err != nil {
		t.Fatal(err)
	}
	svg := renderSVG(t, buf.Bytes())
	// Graphviz writes each label line as one <text> element; the escaped
	// text must come back as written.
	for _, want := range []string{
		`He said "hi" \ back\`,
		`&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &amp;amp; #quot;`,
		"Zoë 東京 🚀",
	} {
		if !strings.Contains(unescapeQuot(string(svg)), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

// unescapeQuot undoes the one escape Graphviz adds in SVG text that the
// test strings do not carry.
func unescapeQuot(s string) string { return strings.ReplaceAll(s, "&quot;", `"`) }

// star returns a graph of one talk mentioning n-1 projects.
func star(n int) *graph.Graph {
	g := &graph.Graph{Nodes: []graph.Node{{ID: "talk:e/hub", Kind: graph.Talk, Name: "Hub"}}}
	for i := 1; i < n; i++ {
		id := fmt.Sprintf("project:p%03d", i)
		g.Nodes = append(g.Nodes, graph.Node{ID: id, Kind: graph.Project, Name: fmt.Sprintf("P%03d", i)})
		g.Edges = append(g.Edges, graph.Edge{Source: "talk:e/hub", Target: id, Kind: graph.Mentions,
			Evidence: []graph.Evidence{ev("source:s", i, fmt.Sprintf("P%03d is used", i))}})
	}
	return g
}

func TestDOTLayout(t *testing.T) {
	tests := []struct {
		name    string
		nodes   int
		layout  string
		want    []string
		notWant []string
	}{
		{"small graph uses dot", 300, "", nil, []string{"layout=", "overlap="}},
		{"large graph uses sfdp", 301, "", []string{"  layout=sfdp;\n", "  overlap=prism;\n"}, nil},
		{"layout option overrides", 301, "circo", []string{"  layout=\"circo\";\n"}, []string{"sfdp", "overlap"}},
		{"layout option on small graph", 3, "neato", []string{"  layout=\"neato\";\n", "  overlap=prism;\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.DOT(&buf, star(tt.nodes), export.DOTOptions{Layout: tt.layout}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(buf.String(), w) {
					t.Errorf("output has %q", w)
				}
			}
		})
	}
}

func TestDOTHubCapping(t *testing.T) {
	var buf bytes.Buffer
	if err := export.DOT(&buf, star(11), export.DOTOptions{MaxDegree: 3}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if got := strings.Count(out, `"talk:e/hub" -> "project:`); got != 3 {
		t.Errorf("hub keeps %d edges, want 3", got)
	}
	for _, want := range []string{
		`"talk:e/hub" -> "project:p001"`, `"talk:e/hub" -> "project:p003"`,
		`[label="+7 more"`, `"talk:e/hub" -> "more:talk:e/hub"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if strings.Contains(out, `"project:p004" [`) {
		t.Errorf("a folded neighbour is still drawn")
	}
	if strings.Count(out, "more\"") != 1 {
		t.Errorf("want exactly one fold node:\n%s", out)
	}

	buf.Reset()
	if err := export.DOT(&buf, star(11), export.DOTOptions{MaxDegree: 10}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "more") {
		t.Errorf("a node with MaxDegree edges was capped")
	}
}

func TestDOTClusters(t *testing.T) {
	tests := []struct {
		cluster string
		want    []string
	}{
		{"event", []string{
			"  subgraph \"cluster_event:kcd-zurich-2023\" {\n    label=\"Kubernetes Community Days Zurich 2023\";",
			"    \"talk:kcd-zurich-2023/ebpf-for-security\" [",
			"    \"event:kubecon-eu-2023\" [",
		}},
		{"org", []string{
			"  subgraph \"cluster_org:isovalent\" {\n    label=\"Isovalent\";",
			"    \"person:liz-rice\" [",
			"    \"org:chainguard\" [",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.cluster, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.DOT(&buf, fixture(), export.DOTOptions{Cluster: tt.cluster}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
}

func TestDOTBadCluster(t *testing.T) {
	var buf bytes.Buffer
	err := export.DOT(&buf, fixture(), export.DOTOptions{Cluster: "city"})
	if !errors.Is(err, export.ErrBadOption) {
		t.Errorf("err = %v, want ErrBadOption", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes before failing", buf.Len())
	}
}
