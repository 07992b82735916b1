package graph_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// selectFixture is a small conference graph:
//
//	kcd:   t1 (alice, bob presented; mentions cilium, ebpf), t2 (carol; mentions cilium)
//	kubecon: t3 (alice; mentions sigstore)
//	alice works_for isovalent, carol works_for acme; tetragon part_of cilium,
//	cilium maintained_by isovalent; src covers kcd and mentions ebpf; dave authored src.
func selectFixture() *graph.Graph {
	node := func(k graph.NodeKind, id, name string) graph.Node {
		return graph.Node{ID: id, Kind: k, Name: name, Aliases: []string{name}}
	}
	edge := func(s string, k graph.EdgeKind, t string) graph.Edge {
		return graph.Edge{Source: s, Target: t, Kind: k,
			Evidence: []graph.Evidence{{Source: "source:src", Line: 1, Text: s + " " + string(k) + " " + t}}}
	}
	g := &graph.Graph{
		Nodes: []graph.Node{
			node(graph.Event, "event:kcd", "KCD"),
			node(graph.Event, "event:kubecon", "KubeCon"),
			node(graph.Talk, "talk:kcd/t1", "T1"),
			node(graph.Talk, "talk:kcd/t2", "T2"),
			node(graph.Talk, "talk:kubecon/t3", "T3"),
			node(graph.Person, "person:alice", "Alice"),
			node(graph.Person, "person:bob", "Bob"),
			node(graph.Person, "person:carol", "Carol"),
			node(graph.Person, "person:dave", "Dave"),
			node(graph.Org, "org:isovalent", "Isovalent"),
			node(graph.Org, "org:acme", "Acme"),
			node(graph.Project, "project:cilium", "Cilium"),
			node(graph.Project, "project:tetragon", "Tetragon"),
			node(graph.Project, "project:sigstore", "Sigstore"),
			node(graph.Topic, "topic:ebpf", "eBPF"),
			node(graph.Source, "source:src", "src.md"),
		},
		Edges: []graph.Edge{
			edge("talk:kcd/t1", graph.HeldAt, "event:kcd"),
			edge("talk:kcd/t2", graph.HeldAt, "event:kcd"),
			edge("talk:kubecon/t3", graph.HeldAt, "event:kubecon"),
			edge("person:alice", graph.Presented, "talk:kcd/t1"),
			edge("person:bob", graph.Presented, "talk:kcd/t1"),
			edge("person:carol", graph.Presented, "talk:kcd/t2"),
			edge("person:alice", graph.Presented, "talk:kubecon/t3"),
			edge("talk:kcd/t1", graph.Mentions, "project:cilium"),
			edge("talk:kcd/t1", graph.Mentions, "topic:ebpf"),
			edge("talk:kcd/t2", graph.Mentions, "project:cilium"),
			edge("talk:kubecon/t3", graph.Mentions, "project:sigstore"),
			edge("person:alice", graph.WorksFor, "org:isovalent"),
			edge("person:carol", graph.WorksFor, "org:acme"),
			edge("project:tetragon", graph.PartOf, "project:cilium"),
			edge("project:cilium", graph.MaintainedBy, "org:isovalent"),
			edge("source:src", graph.Covers, "event:kcd"),
			edge("source:src", graph.Mentions, "topic:ebpf"),
			edge("person:dave", graph.Authored, "source:src"),
		},
	}
	g.Sort()
	return g
}

func ids(g *graph.Graph) []string {
	out := []string{}
	for _, n := range g.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

func TestSelectNodes(t *testing.T) {
	all := ids(selectFixture())
	tests := []struct {
		name string
		sel  graph.Selection
		want []string
	}{
		{"zero keeps all", graph.Selection{}, all},
		{"focus depth 0", graph.Selection{Focus: "project:cilium"}, []string{"project:cilium"}},
		{"focus negative depth", graph.Selection{Focus: "project:cilium", Depth: -3}, []string{"project:cilium"}},
		{"focus depth 1 both directions", graph.Selection{Focus: "project:cilium", Depth: 1},
			sorted("project:cilium", "talk:kcd/t1", "talk:kcd/t2", "project:tetragon", "org:isovalent")},
		{"focus depth 2", graph.Selection{Focus: "org:acme", Depth: 2},
			sorted("org:acme", "person:carol", "talk:kcd/t2")},
		{"focus unknown", graph.Selection{Focus: "project:nope", Depth: 3}, []string{}},
		{"event", graph.Selection{Event: "event:kcd"},
			sorted("event:kcd", "talk:kcd/t1", "talk:kcd/t2", "person:alice", "person:bob", "person:carol",
				"project:cilium", "topic:ebpf", "org:isovalent", "org:acme")},
		{"event without covering source of the event", graph.Selection{Event: "event:kubecon"},
			sorted("event:kubecon", "talk:kubecon/t3", "person:alice", "project:sigstore", "org:isovalent")},
		{"event unknown", graph.Selection{Event: "event:nope"}, []string{}},
		{"kinds", graph.Selection{Kinds: []graph.NodeKind{graph.Event, graph.Org}},
			sorted("event:kcd", "event:kubecon", "org:acme", "org:isovalent")},
		{"min mentions 1", graph.Selection{MinMentions: 1},
			sorted("event:kcd", "event:kubecon", "talk:kcd/t1", "talk:kcd/t2", "talk:kubecon/t3",
				"project:cilium", "project:sigstore", "topic:ebpf", "source:src")},
		{"min mentions 2", graph.Selection{MinMentions: 2},
			sorted("event:kcd", "event:kubecon", "talk:kcd/t1", "talk:kcd/t2", "talk:kubecon/t3",
				"project:cilium", "topic:ebpf", "source:src")},
		{"focus and kinds", graph.Selection{Focus: "project:cilium", Depth: 1, Kinds: []graph.NodeKind{graph.Talk}},
			sorted("talk:kcd/t1", "talk:kcd/t2")},
		{"event and min mentions", graph.Selection{Event: "event:kcd", MinMentions: 2},
			sorted("event:kcd", "talk:kcd/t1", "talk:kcd/t2", "project:cilium", "topic:ebpf")},
		{"focus and event intersect", graph.Selection{Focus: "person:alice", Depth: 1, Event: "event:kubecon"},
			sorted("person:alice", "talk:kubecon/t3", "org:isovalent")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(graph.Select(selectFixture(), tt.sel))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("nodes\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestSelectEdgesNeedBothEnds(t *testing.T) {
	tests := []struct {
		name string
		sel  graph.Selection
		want []string
	}{
		{"focus depth 1", graph.Selection{Focus: "org:isovalent", Depth: 1}, []string{
			"person:alice works_for org:isovalent",
			"project:cilium maintained_by org:isovalent",
		}},
		{"kinds person and org", graph.Selection{Kinds: []graph.NodeKind{graph.Person, graph.Org}}, []string{
			"person:alice works_for org:isovalent",
			"person:carol works_for org:acme",
		}},
		{"kinds without edges", graph.Selection{Kinds: []graph.NodeKind{graph.Topic}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, e := range graph.Select(selectFixture(), tt.sel).Edges {
				got = append(got, e.Source+" "+string(e.Kind)+" "+e.Target)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("edges\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestSelectDoesNotModifyInput(t *testing.T) {
	g := selectFixture()
	before := selectFixture()
	out := graph.Select(g, graph.Selection{})
	if !reflect.DeepEqual(out, before) {
		t.Fatalf("zero selection changed the graph")
	}
	out.Nodes[0].Aliases[0] = "changed"
	out.Edges[0].Evidence[0].Text = "changed"
	if !reflect.DeepEqual(g, before) {
		t.Errorf("Select result shares memory with its input")
	}
}

func TestSelectNil(t *testing.T) {
	out := graph.Select(nil, graph.Selection{Focus: "x"})
	if out == nil || len(out.Nodes) != 0 || len(out.Edges) != 0 {
		t.Errorf("Select(nil) = %+v, want an empty graph", out)
	}
}

func ExampleSelect() {
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "project:cilium", Kind: graph.Project, Name: "Cilium"},
			{ID: "project:tetragon", Kind: graph.Project, Name: "Tetragon"},
			{ID: "topic:ebpf", Kind: graph.Topic, Name: "eBPF"},
		},
		Edges: []graph.Edge{
			{Source: "project:tetragon", Target: "project:cilium", Kind: graph.PartOf},
		},
	}
	part := graph.Select(g, graph.Selection{Focus: "project:tetragon", Depth: 1})
	for _, n := range part.Nodes {
		fmt.Println(n.Name)
	}
	fmt.Println(len(part.Edges), "edge")
	// Output:
	// Cilium
	// Tetragon
	// 1 edge
}
