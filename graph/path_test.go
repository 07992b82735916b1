package graph_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// hasEdge reports whether g has the edge that hop h walks.
func hasEdge(g *graph.Graph, h graph.Hop) bool {
	from, to := h.From.ID, h.To.ID
	if h.Direction == "in" {
		from, to = to, from
	} else if h.Direction != "out" {
		return false
	}
	for _, e := range g.Edges {
		if e.Source == from && e.Target == to && e.Kind == h.Kind {
			return slices.Contains(e.Evidence, h.Evidence)
		}
	}
	return false
}

func TestPaths(t *testing.T) {
	g := conference()
	cases := []struct {
		name     string
		opt      graph.ProjectionOptions
		from, to string
		k        int
		lengths  []int
		first    []graph.EdgeKind // kinds of the hops of the first path
	}{
		{"colleagues", graph.ProjectionOptions{}, "person:alice", "person:bob", 3, []int{2, 4, 4},
			[]graph.EdgeKind{graph.WorksFor, graph.WorksFor}},
		{"one path", graph.ProjectionOptions{}, "person:alice", "person:bob", 1, []int{2}, nil},
		{"all paths of a small graph", graph.ProjectionOptions{Kinds: []graph.NodeKind{graph.Talk, graph.Project}},
			"project:tetragon", "project:hubble", 10, []int{2, 3, 3, 4},
			[]graph.EdgeKind{graph.PartOf, graph.PartOf}},
		{"without sources", graph.ProjectionOptions{}, "person:alice", "talk:kcd/t3", 1, []int{3}, nil},
		{"via sources", graph.ProjectionOptions{ViaSources: true}, "person:alice", "talk:kcd/t3", 1, []int{2},
			[]graph.EdgeKind{graph.Authored, graph.Covers}},
		{"not connected", graph.ProjectionOptions{Kinds: []graph.NodeKind{graph.Person}}, "person:alice", "person:bob", 3, nil, nil},
		{"same node", graph.ProjectionOptions{}, "person:alice", "person:alice", 3, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			paths, err := graph.Paths(graph.NewProjection(g, c.opt), c.from, c.to, c.k)
			if err != nil {
				t.Fatal(err)
			}
			var lengths []int
			for i, p := range paths {
				lengths = append(lengths, p.Length)
				if len(p.Hops) != p.Length || p.Hops[0].From.ID != c.from || p.Hops[len(p.Hops)-1].To.ID != c.to {
					t.Errorf("path %d does not lead from %s to %s: %+v", i, c.from, c.to, p)
				}
				for j, h := range p.Hops {
					if j > 0 && h.From != p.Hops[j-1].To {
						t.Errorf("path %d hop %d starts at %s, not %s", i, j, h.From.ID, p.Hops[j-1].To.ID)
					}
					if h.Evidence.Source == "" || h.Evidence.Line < 1 || h.Evidence.Text == "" {
						t.Errorf("path %d hop %d has no evidence: %+v", i, j, h)
					}
					if !hasEdge(g, h) {
						t.Errorf("path %d hop %d is not an edge of the graph: %+v", i, j, h)
					}
				}
			}
			if !slices.Equal(lengths, c.lengths) {
				t.Errorf("path lengths %v, want %v", lengths, c.lengths)
			}
			if c.first != nil {
				var kinds []graph.EdgeKind
				for _, h := range paths[0].Hops {
					kinds = append(kinds, h.Kind)
				}
				if !slices.Equal(kinds, c.first) {
					t.Errorf("first path walks %v, want %v", kinds, c.first)
				}
			}
		})
	}
}

func TestPathsDirection(t *testing.T) {
	paths, err := graph.Paths(graph.NewProjection(conference(), graph.ProjectionOptions{}), "person:alice", "person:bob", 1)
	if err != nil || len(paths) != 1 {
		t.Fatalf("%v %v", paths, err)
	}
	if d := []string{paths[0].Hops[0].Direction, paths[0].Hops[1].Direction}; !slices.Equal(d, []string{"out", "in"}) {
		t.Errorf("alice -works_for-> isovalent <-works_for- bob walked as %v", d)
	}
}

func TestPathsUnknownNode(t *testing.T) {
	p := graph.NewProjection(conference(), graph.ProjectionOptions{})
	for _, ends := range [][2]string{{"source:recap", "person:bob"}, {"person:alice", "person:nobody"}} {
		if _, err := graph.Paths(p, ends[0], ends[1], 1); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("%v: %v, want ErrNotFound", ends, err)
		}
	}
}

func TestFirstEvidence(t *testing.T) {
	cat := graph.Evidence{Source: "source:a", Line: 0, Text: "X is part of Y (catalog)"}
	text := graph.Evidence{Source: "source:b", Line: 7, Text: "X, part of Y"}
	cases := []struct {
		name string
		ev   []graph.Evidence
		want graph.Evidence
		ok   bool
	}{
		{"none", nil, graph.Evidence{}, false},
		{"catalog only", []graph.Evidence{cat}, cat, true},
		{"text beats catalog", []graph.Evidence{cat, text}, text, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := graph.FirstEvidence(c.ev)
			if got != c.want || ok != c.ok {
				t.Errorf("FirstEvidence = %v, %v; want %v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	s := storeOf(t, conference())
	// A second source supports t1 mentions cilium again.
	more := &graph.Facts{Source: graph.SourceInfo{ID: "source:more", Path: "more.md", Hash: "m"},
		Nodes: []graph.Node{{ID: "source:more", Kind: graph.Source, Name: "more.md"},
			{ID: "talk:kcd/t1", Kind: graph.Talk, Name: "Talk t1"}, {ID: "project:cilium", Kind: graph.Project, Name: "Cilium"}},
		Edges: []graph.Edge{{Source: "talk:kcd/t1", Kind: graph.Mentions, Target: "project:cilium",
			Evidence: []graph.Evidence{{Source: "source:more", Line: 3, Text: "Cilium again"}}}}}
	if _, err := s.PutSource(ctx, more); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name               string
		evidence, perGroup int
		groups             []string // kind/direction:count:links
		t1Evidence         int
	}{
		{"first evidence", 1, 0, []string{"mentions/in:3:3", "part_of/in:2:2", "maintained_by/out:1:1"}, 1},
		{"all evidence", 0, 0, []string{"mentions/in:3:3", "part_of/in:2:2", "maintained_by/out:1:1"}, 2},
		{"one per group", 1, 1, []string{"mentions/in:3:1", "part_of/in:2:1", "maintained_by/out:1:1"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := graph.Describe(ctx, s, "project:cilium", c.evidence, c.perGroup)
			if err != nil {
				t.Fatal(err)
			}
			if d.Node.Name != "Cilium" {
				t.Errorf("node %+v", d.Node)
			}
			var groups []string
			for _, g := range d.Groups {
				groups = append(groups, fmt.Sprintf("%s/%s:%d:%d", g.Kind, g.Direction, g.Count, len(g.Links)))
				for _, l := range g.Links {
					if len(l.Evidence) == 0 || l.Kind != g.Kind || l.Direction != g.Direction {
						t.Errorf("link %+v in group %s/%s", l, g.Kind, g.Direction)
					}
				}
			}
			if !slices.Equal(groups, c.groups) {
				t.Errorf("groups %v, want %v", groups, c.groups)
			}
			t1 := d.Groups[0].Links[0]
			if t1.Node.ID != "talk:kcd/t1" || len(t1.Evidence) != c.t1Evidence || t1.EvidenceCount != 2 {
				t.Errorf("first mention: %+v", t1)
			}
		})
	}
	if _, err := graph.Describe(ctx, s, "project:nothing", 1, 0); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown node: %v", err)
	}
}

func TestReach(t *testing.T) {
	s := storeOf(t, conference())
	cases := []struct {
		name string
		from string
		opt  graph.ReachOptions
		want []string // id@depth<-from
	}{
		{"one hop", "person:alice", graph.ReachOptions{Depth: 1},
			[]string{"talk:kcd/t1@1<-person:alice", "org:isovalent@1<-person:alice"}},
		{"depth 0 counts as 1", "person:alice", graph.ReachOptions{},
			[]string{"talk:kcd/t1@1<-person:alice", "org:isovalent@1<-person:alice"}},
		{"via sources", "person:alice", graph.ReachOptions{Depth: 1, ViaSources: true},
			[]string{"talk:kcd/t1@1<-person:alice", "org:isovalent@1<-person:alice", "source:recap@1<-person:alice"}},
		{"sources asked for", "person:alice", graph.ReachOptions{Depth: 2, Kinds: []graph.NodeKind{graph.Source}},
			[]string{"source:recap@1<-person:alice"}},
		{"projects two hops away", "person:alice", graph.ReachOptions{Depth: 2, Kinds: []graph.NodeKind{graph.Project}},
			[]string{"project:cilium@2<-talk:kcd/t1", "project:tetragon@2<-talk:kcd/t1"}},
		{"people three hops away", "project:hubble", graph.ReachOptions{Depth: 3, Kinds: []graph.NodeKind{graph.Person}},
			[]string{"person:alice@3<-talk:kcd/t1", "person:bob@3<-talk:kcd/t2"}},
		{"none two hops away", "project:hubble", graph.ReachOptions{Depth: 2, Kinds: []graph.NodeKind{graph.Person}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := graph.Reach(context.Background(), s, c.from, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, fmt.Sprintf("%s@%d<-%s", r.ID, r.Depth, r.From))
				if r.Name == "" || r.Via == "" {
					t.Errorf("row %+v", r)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	s := storeOf(t, conference())
	cases := []struct {
		text  string
		kinds []graph.NodeKind
		first string // id:how, "" for no match
		n     int    // number of matches, -1 to skip
	}{
		{"cilium", nil, "project:cilium:exact", 1},
		{"CILIUM", nil, "project:cilium:exact", 1},
		{"cilum", nil, "project:cilium:fuzzy", 1},
		{"tetragn", nil, "project:tetragon:fuzzy", 1},
		{"archer", nil, "person:alice:word", 1},
		{"ali", nil, "person:alice:prefix", 1},
		{"lice", nil, "person:alice:substring", 1},
		{"talk", []graph.NodeKind{graph.Talk}, "talk:kcd/t1:word", 4},
		{"talk", []graph.NodeKind{graph.Project}, "", 0},
		{"zzzz", nil, "", 0},
		{"  ", nil, "", 0},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%v", c.text, c.kinds), func(t *testing.T) {
			got, err := graph.Search(context.Background(), s, c.text, c.kinds...)
			if err != nil {
				t.Fatal(err)
			}
			first := ""
			if len(got) > 0 {
				first = got[0].ID + ":" + got[0].How
			}
			if first != c.first || c.n >= 0 && len(got) != c.n {
				t.Errorf("first %q of %d, want %q of %d: %+v", first, len(got), c.first, c.n, got)
			}
			for i := 1; i < len(got); i++ {
				if got[i].Score > got[i-1].Score {
					t.Errorf("not best first: %+v", got)
				}
			}
		})
	}
}

func TestPathsDeterministic(t *testing.T) {
	first, _ := graph.Paths(graph.NewProjection(conference(), graph.ProjectionOptions{}), "person:alice", "project:falco", 5)
	for range 20 {
		again, _ := graph.Paths(graph.NewProjection(conference(), graph.ProjectionOptions{}), "person:alice", "project:falco", 5)
		if !reflect.DeepEqual(again, first) {
			t.Fatalf("paths differ between runs:\n%+v\n%+v", first, again)
		}
	}
}

func ExamplePaths() {
	p := graph.NewProjection(conference(), graph.ProjectionOptions{})
	paths, err := graph.Paths(p, "person:alice", "person:bob", 1)
	if err != nil {
		panic(err)
	}
	for _, h := range paths[0].Hops {
		fmt.Printf("%s -%s (%s)- %s, line %d: %s\n", h.From.Name, h.Kind, h.Direction, h.To.Name, h.Evidence.Line, h.Evidence.Text)
	}
	// Output:
	// Alice Archer -works_for (out)- Isovalent, line 13: person:alice works_for org:isovalent
	// Isovalent -works_for (in)- Bob Baker, line 14: person:bob works_for org:isovalent
}

// Search over more nodes than one batch of its matchers finds each match
// once, in its order, whichever matcher took it.
func TestSearchManyNodes(t *testing.T) {
	g, add, _ := graphBuilder("source:recap")
	add(graph.Source, "source:recap", "recap.md")
	for i := 0; i < 3000; i++ {
		word := "beta"
		if i%3 == 0 {
			word = "alpha"
		}
		add(graph.Project, fmt.Sprintf("project:p%04d", i), fmt.Sprintf("Proj %04d %s", i, word))
	}
	g.Sort()
	ms, err := graph.Search(context.Background(), storeIn(t, t.TempDir(), g), "alpha")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1000 {
		t.Fatalf("%d matches, want 1000", len(ms))
	}
	for i, m := range ms {
		if want := fmt.Sprintf("project:p%04d", 3*i); m.ID != want || m.How != "word" {
			t.Fatalf("match %d is %s (%s), want %s by word", i, m.ID, m.How, want)
		}
	}
}
