package graph_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// conference is a small graph: one source covering one event with four
// talks, two speakers of one org, and projects and topics mentioned.
//
//	t1 (alice) mentions cilium, tetragon, ebpf, alice
//	t2 (bob)   mentions cilium, ebpf
//	t3         mentions cilium, hubble, falco
//	t4         mentions falco, ebpf
//	tetragon, hubble part_of cilium; cilium maintained_by isovalent
//	alice, bob works_for isovalent; alice authored the source
//
// graphBuilder returns an empty graph, a function adding a node to it and
// one adding an edge whose evidence is the next line of source src.
func graphBuilder(src string) (*graph.Graph, func(k graph.NodeKind, id, name string), func(from string, k graph.EdgeKind, to string)) {
	g := &graph.Graph{}
	add := func(k graph.NodeKind, id, name string) {
		g.Nodes = append(g.Nodes, graph.Node{ID: id, Kind: k, Name: name, Aliases: []string{name}})
	}
	line := 0
	link := func(from string, k graph.EdgeKind, to string) {
		line++
		g.Edges = append(g.Edges, graph.Edge{Source: from, Kind: k, Target: to,
			Evidence: []graph.Evidence{{Source: src, Line: line, Text: fmt.Sprintf("%s %s %s", from, k, to)}}})
	}
	return g, add, link
}

func conference() *graph.Graph {
	const src = "source:recap"
	g, add, link := graphBuilder(src)
	add(graph.Source, src, "recap.md")
	add(graph.Event, "event:kcd", "KCD")
	for _, t := range []string{"t1", "t2", "t3", "t4"} {
		add(graph.Talk, "talk:kcd/"+t, "Talk "+t)
		link("talk:kcd/"+t, graph.HeldAt, "event:kcd")
		link(src, graph.Covers, "talk:kcd/"+t)
	}
	add(graph.Person, "person:alice", "Alice Archer")
	add(graph.Person, "person:bob", "Bob Baker")
	add(graph.Org, "org:isovalent", "Isovalent")
	add(graph.Project, "project:cilium", "Cilium")
	add(graph.Project, "project:tetragon", "Tetragon")
	add(graph.Project, "project:hubble", "Hubble")
	add(graph.Project, "project:falco", "Falco")
	add(graph.Topic, "topic:ebpf", "eBPF")
	link(src, graph.Covers, "event:kcd")
	link("person:alice", graph.Authored, src)
	link("person:alice", graph.Presented, "talk:kcd/t1")
	link("person:bob", graph.Presented, "talk:kcd/t2")
	link("person:alice", graph.WorksFor, "org:isovalent")
	link("person:bob", graph.WorksFor, "org:isovalent")
	for _, m := range [][2]string{
		{"t1", "project:cilium"}, {"t1", "project:tetragon"}, {"t1", "topic:ebpf"}, {"t1", "person:alice"},
		{"t2", "project:cilium"}, {"t2", "topic:ebpf"},
		{"t3", "project:cilium"}, {"t3", "project:hubble"}, {"t3", "project:falco"},
		{"t4", "project:falco"}, {"t4", "topic:ebpf"},
	} {
		link("talk:kcd/"+m[0], graph.Mentions, m[1])
	}
	link("project:tetragon", graph.PartOf, "project:cilium")
	link("project:hubble", graph.PartOf, "project:cilium")
	link("project:cilium", graph.MaintainedBy, "org:isovalent")
	g.Sort()
	return g
}

// storeOf puts g into a fresh in-memory Badger store as one source.
func storeOf(t *testing.T, g *graph.Graph) graph.Store {
	return storeIn(t, "", g)
}

// storeIn puts g into a fresh Badger store in dir (in memory if dir is
// empty, where a source record must stay under 4 KB) as one source.
func storeIn(t *testing.T, dir string, g *graph.Graph) graph.Store {
	t.Helper()
	db, err := store.Open(dir, store.Options{InMemory: dir == ""})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &graph.Facts{Source: graph.SourceInfo{ID: "source:recap", Path: "recap.md", Hash: "h", Format: "markdown"}}
	f.Nodes, f.Edges = g.Nodes, g.Edges
	if _, err := db.PutSource(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return db
}

func neighbours(p *graph.Projection, id string) []string {
	v, ok := p.Vertex(id)
	if !ok {
		return nil
	}
	var out []string
	it := p.From(v)
	for it.Next() {
		out = append(out, p.Ref(it.Node().ID()).ID)
	}
	return out
}

func TestNewProjection(t *testing.T) {
	g := conference()
	cases := []struct {
		name       string
		opt        graph.ProjectionOptions
		nodes      int
		edges      int
		of         string
		neighbours []string
	}{
		{"default leaves out sources", graph.ProjectionOptions{}, 13, 21, "person:alice",
			[]string{"org:isovalent", "talk:kcd/t1"}},
		{"via sources", graph.ProjectionOptions{ViaSources: true}, 14, 27, "person:alice",
			[]string{"org:isovalent", "source:recap", "talk:kcd/t1"}},
		{"rank kinds leave out events", graph.ProjectionOptions{Kinds: graph.RankKinds}, 12, 17, "talk:kcd/t1",
			[]string{"person:alice", "project:cilium", "project:tetragon", "topic:ebpf"}},
		{"talks and projects", graph.ProjectionOptions{Kinds: []graph.NodeKind{graph.Talk, graph.Project}}, 8, 9, "project:cilium",
			[]string{"project:hubble", "project:tetragon", "talk:kcd/t1", "talk:kcd/t2", "talk:kcd/t3"}},
		{"no such kind", graph.ProjectionOptions{Kinds: []graph.NodeKind{"nothing"}}, 0, 0, "project:cilium", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := graph.NewProjection(g, c.opt)
			if p.Len() != c.nodes || p.EdgeCount() != c.edges {
				t.Errorf("%d nodes, %d edges; want %d, %d", p.Len(), p.EdgeCount(), c.nodes, c.edges)
			}
			for v := 1; v < p.Len(); v++ {
				if p.Ref(int64(v-1)).ID >= p.Ref(int64(v)).ID {
					t.Fatalf("vertex %d is not in id order", v)
				}
			}
			if got := neighbours(p, c.of); !slices.Equal(got, c.neighbours) {
				t.Errorf("neighbours of %s = %v, want %v", c.of, got, c.neighbours)
			}
			// Without links: the same vertices, neighbours and pairs.
			opt := c.opt
			opt.NoLinks = true
			q := graph.NewProjection(g, opt)
			if q.Len() != p.Len() || q.EdgeCount() != p.EdgeCount() {
				t.Errorf("NoLinks: %d nodes, %d edges; want %d, %d", q.Len(), q.EdgeCount(), p.Len(), p.EdgeCount())
			}
			for u := range int64(p.Len()) {
				if got, want := neighbours(q, p.Ref(u).ID), neighbours(p, p.Ref(u).ID); !slices.Equal(got, want) {
					t.Errorf("NoLinks: neighbours of %s = %v, want %v", p.Ref(u).ID, got, want)
				}
				for v := range int64(p.Len()) {
					if q.HasEdgeBetween(u, v) != p.HasEdgeBetween(u, v) || q.Links(u, v) != nil {
						t.Errorf("NoLinks: %s-%s joined %v (links %v), want %v", p.Ref(u).ID, p.Ref(v).ID,
							q.HasEdgeBetween(u, v), q.Links(u, v), p.HasEdgeBetween(u, v))
					}
				}
			}
		})
	}
}

func TestProjectionLinksPreferTellingKinds(t *testing.T) {
	p := graph.NewProjection(conference(), graph.ProjectionOptions{})
	a, _ := p.Vertex("person:alice")
	t1, _ := p.Vertex("talk:kcd/t1")
	var kinds []graph.EdgeKind
	for _, e := range p.Links(t1, a) {
		kinds = append(kinds, e.Kind)
		if len(e.Evidence) == 0 {
			t.Errorf("%s %s %s lost its evidence", e.Source, e.Kind, e.Target)
		}
	}
	if want := []graph.EdgeKind{graph.Presented, graph.Mentions}; !slices.Equal(kinds, want) {
		t.Errorf("links between alice and t1: %v, want %v", kinds, want)
	}
}

func TestLoadProjectionMatchesNewProjection(t *testing.T) {
	g := conference()
	s := storeOf(t, g)
	for _, opt := range []graph.ProjectionOptions{{}, {ViaSources: true}, {Kinds: graph.RankKinds},
		{Kinds: graph.RankKinds, NoEvidence: true, NoLinks: true}} {
		want := graph.NewProjection(g, opt)
		got, err := graph.LoadProjection(context.Background(), s, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got.Len() != want.Len() || got.EdgeCount() != want.EdgeCount() {
			t.Fatalf("%+v: loaded %d/%d, built %d/%d", opt, got.Len(), got.EdgeCount(), want.Len(), want.EdgeCount())
		}
		for v := range want.Len() {
			if got.Ref(int64(v)) != want.Ref(int64(v)) {
				t.Errorf("%+v: vertex %d is %v, want %v", opt, v, got.Ref(int64(v)), want.Ref(int64(v)))
			}
		}
	}
}

// hubGraph is a talk graph where Kubernetes is mentioned by every talk and
// Falco by one.
func hubGraph() *graph.Graph {
	g := &graph.Graph{}
	ev := []graph.Evidence{{Source: "source:s", Line: 1, Text: "x"}}
	g.Nodes = append(g.Nodes,
		graph.Node{ID: "project:kubernetes", Kind: graph.Project, Name: "Kubernetes"},
		graph.Node{ID: "project:falco", Kind: graph.Project, Name: "Falco"},
		graph.Node{ID: "project:helm", Kind: graph.Project, Name: "Helm"},
		graph.Node{ID: "topic:security", Kind: graph.Topic, Name: "security"})
	for i := range 5 {
		id := fmt.Sprintf("talk:e/t%d", i)
		g.Nodes = append(g.Nodes, graph.Node{ID: id, Kind: graph.Talk, Name: id})
		g.Edges = append(g.Edges, graph.Edge{Source: id, Kind: graph.Mentions, Target: "project:kubernetes", Evidence: ev})
	}
	g.Edges = append(g.Edges,
		graph.Edge{Source: "talk:e/t0", Kind: graph.Mentions, Target: "project:falco", Evidence: ev},
		graph.Edge{Source: "talk:e/t0", Kind: graph.Mentions, Target: "topic:security", Evidence: ev},
		graph.Edge{Source: "talk:e/t1", Kind: graph.Mentions, Target: "project:helm", Evidence: ev},
		graph.Edge{Source: "talk:e/t2", Kind: graph.Mentions, Target: "project:helm", Evidence: ev})
	g.Sort()
	return g
}

func TestRank(t *testing.T) {
	p := graph.NewProjection(hubGraph(), graph.ProjectionOptions{Kinds: graph.RankKinds})
	cases := []struct {
		by    graph.Measure
		kinds []graph.NodeKind
		want  []string
		score []float64 // of the first entries, when exact
	}{
		{graph.ByPageRank, []graph.NodeKind{graph.Project}, []string{"project:kubernetes", "project:helm", "project:falco"}, nil},
		{graph.ByDegree, []graph.NodeKind{graph.Project}, []string{"project:kubernetes", "project:helm", "project:falco"}, []float64{5, 2, 1}},
		{graph.ByDegree, nil, []string{"project:kubernetes", "talk:e/t0", "project:helm"}, []float64{5, 3, 2}},
		// Kubernetes lies on the shortest paths of 22 pairs and on one of the
		// two between t1 and t2, which Helm shares: each pair counts once.
		{graph.ByBetweenness, []graph.NodeKind{graph.Topic}, []string{"topic:security"}, []float64{0}},
		{graph.ByBetweenness, []graph.NodeKind{graph.Project}, []string{"project:kubernetes", "project:helm", "project:falco"}, []float64{22.5, 0.5, 0}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%v", c.by, c.kinds), func(t *testing.T) {
			got, err := graph.Rank(p, c.by, c.kinds...)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for i, s := range got {
				if s.Rank != i+1 {
					t.Errorf("%s has rank %d at position %d", s.ID, s.Rank, i+1)
				}
				if len(c.kinds) > 0 && !slices.Contains(c.kinds, s.Kind) {
					t.Errorf("%s is not of kinds %v", s.ID, c.kinds)
				}
				ids = append(ids, s.ID)
			}
			if len(ids) > len(c.want) {
				ids = ids[:len(c.want)]
			}
			if !slices.Equal(ids, c.want) {
				t.Errorf("order %v, want %v", ids, c.want)
			}
			for i, w := range c.score {
				if math.Abs(got[i].Score-w) > 1e-9 {
					t.Errorf("%s scores %v, want %v", got[i].ID, got[i].Score, w)
				}
			}
		})
	}
}

func TestRankPageRankSumsToOne(t *testing.T) {
	p := graph.NewProjection(hubGraph(), graph.ProjectionOptions{})
	got, err := graph.Rank(p, graph.ByPageRank)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, s := range got {
		sum += s.Score
	}
	if math.Abs(sum-1) > 1e-6 {
		t.Errorf("PageRank sums to %v", sum)
	}
}

func TestRankRefusesBetweennessOnLargeGraphs(t *testing.T) {
	g := &graph.Graph{}
	for i := range graph.MaxBetweenness + 1 {
		g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("talk:x/%05d", i), Kind: graph.Talk})
	}
	p := graph.NewProjection(g, graph.ProjectionOptions{})
	if _, err := graph.Rank(p, graph.ByBetweenness); !errors.Is(err, graph.ErrTooLarge) {
		t.Errorf("betweenness on %d nodes: %v, want ErrTooLarge", p.Len(), err)
	}
	if _, err := graph.Rank(p, graph.ByPageRank); err != nil {
		t.Errorf("pagerank: %v", err)
	}
	if _, err := graph.Rank(p, "closeness"); err == nil {
		t.Error("unknown measure accepted")
	}
}

// twoClusters is two groups of three talks that each mention the same three
// projects, joined by one mention.
func twoClusters() *graph.Graph {
	g := &graph.Graph{}
	for _, c := range []string{"a", "b"} {
		for i := range 3 {
			g.Nodes = append(g.Nodes,
				graph.Node{ID: fmt.Sprintf("talk:e/%s%d", c, i), Kind: graph.Talk, Name: fmt.Sprintf("talk %s%d", c, i)},
				graph.Node{ID: fmt.Sprintf("project:%s%d", c, i), Kind: graph.Project, Name: fmt.Sprintf("project %s%d", c, i)})
		}
		for i := range 3 {
			for j := range 3 {
				g.Edges = append(g.Edges, graph.Edge{Source: fmt.Sprintf("talk:e/%s%d", c, i), Kind: graph.Mentions, Target: fmt.Sprintf("project:%s%d", c, j)})
			}
		}
	}
	g.Edges = append(g.Edges, graph.Edge{Source: "talk:e/a0", Kind: graph.Mentions, Target: "project:b0"})
	g.Nodes = append(g.Nodes, graph.Node{ID: "project:alone", Kind: graph.Project, Name: "alone"})
	g.Sort()
	return g
}

func TestCommunities(t *testing.T) {
	p := graph.NewProjection(twoClusters(), graph.ProjectionOptions{})
	first := graph.Communities(p, 1, 2, 2, graph.Project)
	if len(first.Communities) != 2 {
		t.Fatalf("%d communities, want 2: %+v", len(first.Communities), first)
	}
	for i, c := range first.Communities {
		if c.ID != i+1 || c.Size != 6 || c.Kinds[graph.Talk] != 3 || c.Kinds[graph.Project] != 3 || len(c.Top) != 2 {
			t.Errorf("community %d: %+v", i+1, c)
		}
		for _, m := range c.Top {
			if m.Kind != graph.Project || m.Degree != 3 {
				t.Errorf("community %d member %+v", i+1, m)
			}
		}
	}
	if got := first.Communities[0].Top[0].ID; got != "project:a0" {
		t.Errorf("first community led by %s, want project:a0 (ties by id)", got)
	}
	if first.Modularity <= 0.3 {
		t.Errorf("modularity %v", first.Modularity)
	}
	for i := range 20 {
		again := graph.Communities(graph.NewProjection(twoClusters(), graph.ProjectionOptions{}), 1, 2, 2, graph.Project)
		if !reflect.DeepEqual(again, first) {
			t.Fatalf("run %d differs:\n%+v\n%+v", i, again, first)
		}
	}
	// Singletons are left out unless asked for.
	if all := graph.Communities(p, 1, 1, 0); len(all.Communities) != 3 || all.Communities[2].Size != 1 {
		t.Errorf("with min size 1: %+v", all.Communities)
	}
}

func TestCommunitiesOfEmptyGraph(t *testing.T) {
	got := graph.Communities(graph.NewProjection(&graph.Graph{}, graph.ProjectionOptions{}), 1, 2, 5)
	if got.Communities == nil || len(got.Communities) != 0 {
		t.Errorf("empty graph: %+v", got)
	}
}

func TestRelated(t *testing.T) {
	s := storeOf(t, conference())
	cases := []struct {
		name string
		id   string
		opt  graph.RelatedOptions
		want []string // id:talks:score
	}{
		{"context with links", "project:cilium", graph.RelatedOptions{}, []string{
			// |context of cilium| = 3 talks + itself + tetragon, hubble, isovalent = 7
			"project:hubble:1:0.6547",   // {t3, hubble, cilium}: 3 shared
			"project:tetragon:1:0.6547", // {t1, tetragon, cilium}
			"person:alice:1:0.4364",     // {t1, alice, isovalent}: t1 and isovalent shared
			"topic:ebpf:2:0.3780",       // {t1, t2, t4, ebpf}: t1, t2 shared
			"org:isovalent:0:0.3780",    // {isovalent, cilium, alice, bob}
			"project:falco:1:0.2182"}},
		{"talks only", "project:cilium", graph.RelatedOptions{TalksOnly: true}, []string{
			"topic:ebpf:2:0.6667", "person:alice:1:0.5774",
			"project:hubble:1:0.5774", "project:tetragon:1:0.5774", "project:falco:1:0.4082"}},
		{"projects only", "project:cilium", graph.RelatedOptions{Kinds: []graph.NodeKind{graph.Project}}, []string{
			"project:hubble:1:0.6547", "project:tetragon:1:0.6547", "project:falco:1:0.2182"}},
		// Bob is not mentioned, so he is nobody's candidate, but his own
		// context holds the talk he gave.
		{"a person counts the talks given", "person:bob", graph.RelatedOptions{TalksOnly: true}, []string{
			"project:cilium:1:0.5774", "topic:ebpf:1:0.5774"}},
		{"nothing shared", "project:falco", graph.RelatedOptions{Kinds: []graph.NodeKind{graph.Org}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := graph.Related(context.Background(), s, c.id, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, fmt.Sprintf("%s:%d:%.4f", r.ID, r.Talks, r.Score))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// PageRank does not depend on chance: two runs give the same scores to the
// last bit, so tied nodes keep their order.
func TestRankPageRankDeterministic(t *testing.T) {
	p := graph.NewProjection(conference(), graph.ProjectionOptions{})
	a, err := graph.Rank(p, graph.ByPageRank)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		b, _ := graph.Rank(p, graph.ByPageRank)
		if !reflect.DeepEqual(a, b) {
			t.Fatal("two PageRank runs differ")
		}
	}
}

// On a star of one hub and four leaves, PageRank (damping 0.85, links both
// ways) has a closed form: leaf = 0.036375/0.2775, hub = 0.03 + 3.4 leaf.
func TestRankPageRankStar(t *testing.T) {
	g := &graph.Graph{Nodes: []graph.Node{{ID: "project:hub", Kind: graph.Project, Name: "Hub"}}}
	for _, l := range []string{"a", "b", "c", "d"} {
		id := "talk:e/" + l
		g.Nodes = append(g.Nodes, graph.Node{ID: id, Kind: graph.Talk, Name: l})
		g.Edges = append(g.Edges, graph.Edge{Source: id, Kind: graph.Mentions, Target: "project:hub"})
	}
	got, err := graph.Rank(graph.NewProjection(g, graph.ProjectionOptions{}), graph.ByPageRank)
	if err != nil {
		t.Fatal(err)
	}
	leaf := 0.036375 / 0.2775
	want := map[string]float64{"project:hub": 0.03 + 3.4*leaf, "talk:e/a": leaf}
	for _, s := range got {
		if w, ok := want[s.ID]; ok && math.Abs(s.Score-w) > 1e-8 {
			t.Errorf("%s: %v, want %v", s.ID, s.Score, w)
		}
	}
	if got[0].ID != "project:hub" {
		t.Errorf("first is %s", got[0].ID)
	}
}
