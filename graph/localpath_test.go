package graph_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/kg-tool/kg/graph"
)

// randomConference is a graph of the kinds and edges kg stores, with
// random talks, speakers, mentions and employers, one source covering it
// all and one project on its own.
func randomConference(seed int64) *graph.Graph {
	rng := rand.New(rand.NewSource(seed))
	const src = "source:recap"
	g, addNamed, link := graphBuilder(src)
	add := func(k graph.NodeKind, id string) { addNamed(k, id, id) }
	add(graph.Source, src)
	pick := func(prefix string, n int) string { return fmt.Sprintf("%s%d", prefix, rng.Intn(n)) }
	for i := 0; i < 6; i++ {
		add(graph.Org, fmt.Sprintf("org:o%d", i))
	}
	for i := 0; i < 4; i++ {
		add(graph.Event, fmt.Sprintf("event:e%d", i))
	}
	for i := 0; i < 25; i++ {
		id := fmt.Sprintf("project:p%d", i)
		add(graph.Project, id)
		if rng.Intn(3) == 0 {
			link(id, graph.MaintainedBy, pick("org:o", 6))
		}
		if i > 0 && rng.Intn(6) == 0 {
			link(id, graph.PartOf, pick("project:p", i))
		}
	}
	add(graph.Project, "project:alone")
	// a component of its own with one path between its projects
	add(graph.Project, "project:pair-a")
	add(graph.Project, "project:pair-b")
	add(graph.Talk, "talk:pair")
	link("talk:pair", graph.Mentions, "project:pair-a")
	link("talk:pair", graph.Mentions, "project:pair-b")
	for i := 0; i < 30; i++ {
		id := fmt.Sprintf("person:u%d", i)
		add(graph.Person, id)
		if rng.Intn(2) == 0 {
			link(id, graph.WorksFor, pick("org:o", 6))
		}
	}
	for i := 0; i < 40; i++ {
		id := fmt.Sprintf("talk:t%d", i)
		add(graph.Talk, id)
		link(src, graph.Covers, id)
		link(id, graph.HeldAt, pick("event:e", 4))
		for n := rng.Intn(2) + 1; n > 0; n-- {
			sp := pick("person:u", 30)
			link(sp, graph.Presented, id)
			if rng.Intn(2) == 0 {
				link(id, graph.Mentions, sp) // two kinds join them
			}
		}
		for n := rng.Intn(3); n > 0; n-- {
			link(id, graph.Mentions, pick("project:p", 25))
		}
	}
	g.Sort()
	// repeated random picks made duplicate edges: keep one of each
	g.Edges = slices.CompactFunc(g.Edges, func(a, b graph.Edge) bool {
		return a.Source == b.Source && a.Kind == b.Kind && a.Target == b.Target
	})
	return g
}

// LocalPaths finds paths of the same lengths as Paths over the whole
// graph, for random pairs, numbers of paths, with and without sources, and
// also when its neighbourhoods are too large and it reads the whole graph;
// every hop is an edge of the graph with its evidence, of the most telling
// kind between its two nodes.
func TestLocalPathsMatchWholeGraph(t *testing.T) {
	ctx := context.Background()
	for seed := int64(1); seed <= 3; seed++ {
		g := randomConference(seed)
		s := storeOf(t, g)
		ids := []string{}
		for _, n := range g.Nodes {
			if n.Kind != graph.Source {
				ids = append(ids, n.ID)
			}
		}
		rng := rand.New(rand.NewSource(seed))
		found := 0
		for i := 0; i < 60; i++ {
			from, to := ids[rng.Intn(len(ids))], ids[rng.Intn(len(ids))]
			k, via := 1+rng.Intn(5), i%5 == 0
			p, err := graph.LoadProjection(ctx, s, graph.ProjectionOptions{ViaSources: via})
			if err != nil {
				t.Fatal(err)
			}
			want, err := graph.Paths(p, from, to, k)
			if err != nil {
				t.Fatal(err)
			}
			most := 200_000
			if i%6 == 0 {
				most = 3 // the neighbourhoods overflow: the whole graph is read
			}
			restore := graph.SetLocalPathMaxForTest(most)
			got, err := graph.LocalPaths(ctx, s, from, to, k, via)
			restore()
			if err != nil {
				t.Fatalf("%s to %s: %v", from, to, err)
			}
			lengths := func(ps []graph.Path) (ls []int) {
				for _, p := range ps {
					ls = append(ls, p.Length)
				}
				return ls
			}
			if !slices.Equal(lengths(got), lengths(want)) {
				t.Fatalf("%s to %s, k %d, via %v: lengths %v, the whole graph gives %v", from, to, k, via, lengths(got), lengths(want))
			}
			for _, pt := range got {
				found++
				if pt.Hops[0].From.ID != from || pt.Hops[len(pt.Hops)-1].To.ID != to || len(pt.Hops) != pt.Length {
					t.Fatalf("%s to %s: path %+v does not join them", from, to, pt)
				}
				for j, h := range pt.Hops {
					if !hasEdge(g, h) || j > 0 && h.From != pt.Hops[j-1].To || h.From.Name == "" {
						t.Fatalf("%s to %s: hop %+v is not an edge of the graph", from, to, h)
					}
					for _, e := range g.Edges {
						if (e.Source == h.From.ID && e.Target == h.To.ID || e.Source == h.To.ID && e.Target == h.From.ID) &&
							slices.Index(graph.EdgeKinds, e.Kind) < slices.Index(graph.EdgeKinds, h.Kind) {
							t.Fatalf("hop %+v: %s is the more telling edge", h, e.Kind)
						}
					}
				}
			}
		}
		if found < 50 {
			t.Fatalf("seed %d: only %d paths found: the test proves little", seed, found)
		}
	}
}

func TestLocalPathsEdgeCases(t *testing.T) {
	ctx := context.Background()
	s := storeOf(t, randomConference(1))
	// Searches that end only once a neighbourhood runs out, under a
	// deadline so that a search that never ends fails instead of hanging.
	for _, c := range []struct {
		from, to string
		want     int
	}{{"project:alone", "project:p1", 0}, {"project:p1", "project:alone", 0}, {"project:pair-a", "project:pair-b", 1}} {
		done := make(chan struct{})
		var ps []graph.Path
		var err error
		go func() {
			ps, err = graph.LocalPaths(ctx, s, c.from, c.to, 3, false)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s to %s: no answer in 10 s", c.from, c.to)
		}
		if err != nil || len(ps) != c.want {
			t.Errorf("%s to %s: %d paths (%v), want %d", c.from, c.to, len(ps), err, c.want)
		}
	}
	if ps, err := graph.LocalPaths(ctx, s, "project:p1", "project:p1", 3, false); err != nil || len(ps) != 0 {
		t.Errorf("a node to itself: %v, %v", ps, err)
	}
	for _, ends := range [][2]string{{"project:p1", "project:nope"}, {"source:recap", "project:p1"}} {
		if _, err := graph.LocalPaths(ctx, s, ends[0], ends[1], 1, false); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("%v: %v, want ErrNotFound", ends, err)
		}
	}
	if ps, err := graph.LocalPaths(ctx, s, "source:recap", "project:p1", 1, true); err != nil || len(ps) != 1 {
		t.Errorf("a source with sources walked: %v, %v", ps, err)
	}
}
