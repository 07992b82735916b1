package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// Load reads the whole graph from s, sorted as CONTRACT.md requires.
func Load(ctx context.Context, s Store) (*Graph, error) { return LoadFrom(ctx, s) }

// LoadFrom reads the graph w walks, sorted like Load's.
func LoadFrom(ctx context.Context, w Walker) (*Graph, error) {
	g := &Graph{}
	err := w.Walk(ctx, func(n Node) error {
		g.Nodes = append(g.Nodes, n)
		return nil
	}, func(e Edge) error {
		g.Edges = append(g.Edges, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	g.Sort()
	return g, nil
}

// Neighborhood reads the nodes within depth hops of id (following edges in
// both directions) and the edges among them, reading only those nodes'
// adjacency: the cost follows the size of the neighbourhood, not the graph.
// A node with more than maxFan edges is not expanded further (0: no cap),
// so a hub such as Kubernetes does not pull in the whole graph.
func Neighborhood(ctx context.Context, s Store, id string, depth, maxFan int) (*Graph, error) {
	seen := map[string]int{id: 0}
	frontier := []string{id}
	edges := map[[3]string]Edge{}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for _, cur := range frontier {
			for _, dir := range []Direction{Out, In} {
				es, err := s.Edges(ctx, cur, dir, "")
				if err != nil {
					return nil, err
				}
				if maxFan > 0 && len(es) > maxFan && cur != id {
					continue
				}
				for _, e := range es {
					other := e.Target
					if dir == In {
						other = e.Source
					}
					if _, ok := seen[other]; !ok {
						seen[other] = d + 1
						next = append(next, other)
					}
					edges[[3]string{e.Source, string(e.Kind), e.Target}] = e
				}
			}
		}
		frontier = next
	}
	g := &Graph{}
	ids := make([]string, 0, len(seen))
	for n := range seen {
		ids = append(ids, n)
	}
	sort.Strings(ids)
	for _, n := range ids {
		nd, err := s.Node(ctx, n)
		if err != nil {
			return nil, err
		}
		g.Nodes = append(g.Nodes, nd)
	}
	for _, e := range edges {
		if _, ok := seen[e.Source]; !ok {
			continue
		}
		if _, ok := seen[e.Target]; !ok {
			continue
		}
		g.Edges = append(g.Edges, e)
	}
	g.Sort()
	return g, nil
}

// LoadSelection returns what Select(Load(s), sel) returns for a selection
// by event (sel.Event set, no Focus), reading only the event's part of the
// graph: its talks through their held_at edges, their neighbours, their
// speakers' organisations, and the edges among those nodes through each
// one's outgoing edges. Memory and time follow the event, not the graph
// (a whole 10k graph is ~600 MB in memory). Kinds and MinMentions apply as
// in Select; MinMentions counts a node's mentions in the whole graph.
func LoadSelection(ctx context.Context, s Store, sel Selection) (*Graph, error) {
	if sel.Event == "" || sel.Focus != "" {
		return nil, fmt.Errorf("graph: LoadSelection needs an event and no focus")
	}
	out := &Graph{Nodes: []Node{}, Edges: []Edge{}}
	ev, err := s.Node(ctx, sel.Event)
	if errors.Is(err, ErrNotFound) {
		return out, nil
	} else if err != nil {
		return nil, err
	}
	// The same parts as eventPart, from the store.
	part := map[string]bool{ev.ID: true}
	held, err := s.Neighbors(ctx, ev.ID, In, HeldAt)
	if err != nil {
		return nil, err
	}
	speakers := map[string]bool{}
	for _, t := range held {
		part[t] = true
		for _, dir := range []Direction{Out, In} {
			es, err := s.Edges(ctx, t, dir, "")
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				part[e.Source], part[e.Target] = true, true
				if dir == In && e.Kind == Presented {
					speakers[e.Source] = true
				}
			}
		}
	}
	for p := range speakers {
		orgs, err := s.Neighbors(ctx, p, Out, WorksFor)
		if err != nil {
			return nil, err
		}
		for _, o := range orgs {
			part[o] = true
		}
	}
	keep := func(id string) bool {
		return part[id] && (len(sel.Kinds) == 0 || slices.Contains(sel.Kinds, IDKind(id)))
	}
	ids := make([]string, 0, len(part))
	for id := range part {
		if !keep(id) {
			continue
		}
		if sel.MinMentions > 0 {
			switch IDKind(id) {
			case Project, Topic, Org, Person:
				by, err := s.Neighbors(ctx, id, In, Mentions)
				if err != nil {
					return nil, err
				}
				if len(by) < sel.MinMentions {
					delete(part, id)
					continue
				}
			}
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n, err := s.Node(ctx, id)
		if errors.Is(err, ErrNotFound) {
			delete(part, id) // an edge's end that is no node: Select keeps only nodes
			continue
		} else if err != nil {
			return nil, err
		}
		out.Nodes = append(out.Nodes, n)
	}
	for _, n := range out.Nodes {
		es, err := s.Edges(ctx, n.ID, Out, "")
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if part[e.Target] && keep(e.Target) {
				out.Edges = append(out.Edges, e)
			}
		}
	}
	out.Sort()
	return out, nil
}
