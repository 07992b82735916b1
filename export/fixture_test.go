package export_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kg-tool/kg/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// ev is one evidence record.
func ev(source string, line int, text string) graph.Evidence {
	return graph.Evidence{Source: source, Line: line, Text: text}
}

// fixture is a small graph with every node kind, every edge kind, edges
// supported by one and by two sources, and an edge from the catalog. It
// is deliberately unsorted: the writers must sort.
func fixture() *graph.Graph {
	const (
		feedback = "source:kcd-zurich-2023-feedback"
		recap    = "source:kubecon-eu-2023-recap"
	)
	return &graph.Graph{
		Nodes: []graph.Node{
			{ID: "project:tetragon", Kind: graph.Project, Name: "Tetragon", Aliases: []string{"Tetragon"},
				Attrs: map[string]any{"url": "https://tetragon.io", "discovered": true}},
			{ID: "event:kcd-zurich-2023", Kind: graph.Event, Name: "Kubernetes Community Days Zurich 2023",
				Aliases: []string{"KCD Zurich 2023", "Kubernetes Community Days Zurich 2023"},
				Attrs:   map[string]any{"year": 2023, "city": "Zurich"}},
			{ID: "event:kubecon-eu-2023", Kind: graph.Event, Name: "KubeCon + CloudNativeCon Europe 2023",
				Aliases: []string{"KubeCon EU 2023"}, Attrs: map[string]any{"year": float64(2023), "city": "Amsterdam"}},
			{ID: "talk:kcd-zurich-2023/ebpf-for-security", Kind: graph.Talk, Name: "eBPF for Security",
				Aliases: []string{"eBPF for Security"}},
			{ID: "talk:kubecon-eu-2023/sigstore-at-scale", Kind: graph.Talk, Name: "Sigstore at Scale",
				Aliases: []string{"Sigstore at Scale"}},
			{ID: "person:liz-rice", Kind: graph.Person, Name: "Liz Rice", Aliases: []string{"Liz Rice", "Elizabeth Rice"}},
			{ID: "person:dan-lorenc", Kind: graph.Person, Name: "Dan Lorenc", Aliases: []string{"Dan Lorenc"}},
			{ID: "person:raphael-ber", Kind: graph.Person, Name: "Raphaël Bér", Aliases: []string{"Raphaël Bér", "Raphael Ber"}},
			{ID: "org:isovalent", Kind: graph.Org, Name: "Isovalent", Aliases: []string{"Isovalent"}},
			{ID: "org:chainguard", Kind: graph.Org, Name: "Chainguard", Aliases: nil},
			{ID: "project:cilium", Kind: graph.Project, Name: "Cilium", Aliases: []string{"Cilium"},
				Attrs: map[string]any{"url": "https://cilium.io", "maturity": "graduated"}},
			{ID: "project:sigstore", Kind: graph.Project, Name: "Sigstore", Aliases: []string{"Sigstore", "sigstore"}},
			{ID: "project:fulcio", Kind: graph.Project, Name: "Fulcio", Aliases: []string{"Fulcio"}},
			{ID: "topic:ebpf", Kind: graph.Topic, Name: "eBPF", Aliases: []string{"eBPF", "ebpf"}},
			{ID: feedback, Kind: graph.Source, Name: "kcd-zurich-2023-feedback.md", Aliases: []string{},
				Attrs: map[string]any{"path": "recaps/kcd-zurich-2023-feedback.md"}},
			{ID: recap, Kind: graph.Source, Name: "kubecon-eu-2023-recap.html", Aliases: []string{}},
		},
		Edges: []graph.Edge{
			{Source: "talk:kcd-zurich-2023/ebpf-for-security", Target: "project:cilium", Kind: graph.Mentions,
				Evidence: []graph.Evidence{ev(recap, 40, "Liz also showed Cilium."), ev(feedback, 214, "Cilium and Tetragon were demoed.")}},
			{Source: "person:liz-rice", Target: "talk:kcd-zurich-2023/ebpf-for-security", Kind: graph.Presented,
				Evidence: []graph.Evidence{ev(feedback, 212, "Speaker: Liz Rice")}},
			{Source: "talk:kcd-zurich-2023/ebpf-for-security", Target: "event:kcd-zurich-2023", Kind: graph.HeldAt,
				Evidence: []graph.Evidence{ev(feedback, 1, "# KCD Zurich 2023 feedback")}},
			{Source: "talk:kcd-zurich-2023/ebpf-for-security", Target: "project:tetragon", Kind: graph.Mentions,
				Evidence: []graph.Evidence{ev(feedback, 214, "Cilium and Tetragon were demoed.")}},
			{Source: "talk:kcd-zurich-2023/ebpf-for-security", Target: "topic:ebpf", Kind: graph.Mentions,
				Evidence: []graph.Evidence{ev(feedback, 213, "A tour of eBPF-based runtime security.")}},
			{Source: "person:dan-lorenc", Target: "talk:kubecon-eu-2023/sigstore-at-scale", Kind: graph.Presented,
				Evidence: []graph.Evidence{ev(recap, 12, "Dan Lorenc (Chainguard) on Sigstore at Scale")}},
			{Source: "talk:kubecon-eu-2023/sigstore-at-scale", Target: "event:kubecon-eu-2023", Kind: graph.HeldAt,
				Evidence: []graph.Evidence{ev(recap, 3, "Our KubeCon EU 2023 recap")}},
			{Source: "talk:kubecon-eu-2023/sigstore-at-scale", Target: "project:sigstore", Kind: graph.Mentions,
				Evidence: []graph.Evidence{ev(recap, 12, "Dan Lorenc (Chainguard) on Sigstore at Scale")}},
			{Source: "talk:kubecon-eu-2023/sigstore-at-scale", Target: "project:fulcio", Kind: graph.Mentions,
				Evidence: []graph.Evidence{ev(recap, 14, "Fulcio issues short-lived certificates.")}},
			{Source: "person:liz-rice", Target: "org:isovalent", Kind: graph.WorksFor,
				Evidence: []graph.Evidence{ev(feedback, 212, "Liz Rice, Isovalent")}},
			{Source: "person:dan-lorenc", Target: "org:chainguard", Kind: graph.WorksFor,
				Evidence: []graph.Evidence{ev(recap, 12, "Dan Lorenc (Chainguard) on Sigstore at Scale")}},
			{Source: "project:tetragon", Target: "project:cilium", Kind: graph.PartOf,
				Evidence: []graph.Evidence{ev("", 0, "")}},
			{Source: "project:fulcio", Target: "project:sigstore", Kind: graph.PartOf, Evidence: nil},
			{Source: "project:cilium", Target: "org:isovalent", Kind: graph.MaintainedBy,
				Evidence: []graph.Evidence{ev(recap, 41, "Cilium, created by Isovalent"), ev("", 0, "")}},
			{Source: "person:raphael-ber", Target: recap, Kind: graph.Authored,
				Evidence: []graph.Evidence{ev(recap, 2, "By Raphaël Bér")}},
			{Source: feedback, Target: "event:kcd-zurich-2023", Kind: graph.Covers,
				Evidence: []graph.Evidence{ev(feedback, 1, "# KCD Zurich 2023 feedback")}},
			{Source: recap, Target: "talk:kubecon-eu-2023/sigstore-at-scale", Kind: graph.Covers,
				Evidence: []graph.Evidence{ev(recap, 12, "Dan Lorenc (Chainguard) on Sigstore at Scale")}},
			{Source: recap, Target: "topic:ebpf", Kind: graph.Mentions,
				Evidence: []graph.Evidence{ev(recap, 60, "eBPF was everywhere.")}},
		},
	}
}

// hostileText is every character that has broken an exporter somewhere.
const hostileText = "He said \"hi\" \\ back\\\nnew line\r\n<script>alert('x')</script> & &amp; " +
	"#quot; `tick` |pipe| ;semi; {brace} [x] (y) -- */ ]]> $x %s \t tab " +
	"Zoë 東京 🚀 مرحبا \u0007bell"

// hostile returns a graph whose names, aliases, ids and evidence carry
// hostileText, one node of every kind and one edge of every kind.
func hostile() *graph.Graph {
	g := &graph.Graph{}
	id := map[graph.NodeKind]string{}
	for i, k := range graph.NodeKinds {
		id[k] = fmt.Sprintf("%s:evil-%d \"q\" \\ <b>&'/x\n%s", k, i, "ü")
		g.Nodes = append(g.Nodes, graph.Node{
			ID: id[k], Kind: k, Name: string(k) + " " + hostileText,
			Aliases: []string{hostileText, "alias;with;semicolons", "'single'"},
			Attrs:   map[string]any{"url": "https://example.com/?a=1&b=<2>\"", "city": hostileText, "year": 2024},
		})
	}
	add := func(from graph.NodeKind, k graph.EdgeKind, to graph.NodeKind) {
		g.Edges = append(g.Edges, graph.Edge{Source: id[from], Target: id[to], Kind: k,
			Evidence: []graph.Evidence{ev(id[graph.Source], 7, "evidence: "+hostileText), ev("source:other\"<>", 9, "\\")}})
	}
	add(graph.Person, graph.Presented, graph.Talk)
	add(graph.Talk, graph.HeldAt, graph.Event)
	add(graph.Talk, graph.Mentions, graph.Project)
	add(graph.Talk, graph.Mentions, graph.Topic)
	add(graph.Person, graph.WorksFor, graph.Org)
	add(graph.Project, graph.PartOf, graph.Topic)
	add(graph.Project, graph.MaintainedBy, graph.Org)
	add(graph.Person, graph.Authored, graph.Source)
	add(graph.Source, graph.Covers, graph.Event)
	return g
}

// sortedCopy returns g sorted without touching g.
func sortedCopy(g *graph.Graph) *graph.Graph {
	c := &graph.Graph{Nodes: append([]graph.Node(nil), g.Nodes...), Edges: append([]graph.Edge(nil), g.Edges...)}
	for i := range c.Edges {
		c.Edges[i].Evidence = append([]graph.Evidence(nil), c.Edges[i].Evidence...)
	}
	c.Sort()
	return c
}

// checkGolden compares got with testdata/name, rewriting it under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./export -update after checking the diff)\n got:\n%s", path, got)
	}
}

// tool returns the path of an external program, skipping the test when it
// is not installed.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (apt-get install %s)", name, pkg)
	}
	return p
}

// pythonWithNetworkx returns a Python that imports networkx, or skips.
func pythonWithNetworkx(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if err := exec.Command(p, "-c", "import networkx").Run(); err == nil {
			return p
		}
	}
	t.Skip("python3 with networkx not installed (apt-get install python3-networkx)")
	return ""
}

// run runs prog with stdin and returns stdout and stderr.
func run(t *testing.T, stdin []byte, prog string, args ...string) (stdout, stderr []byte) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(prog, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\nstderr:\n%s", prog, args, err, errb.Bytes())
	}
	return out.Bytes(), errb.Bytes()
}
