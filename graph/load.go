package graph

import (
	"context"
	"sort"
)

// Load reads the whole graph from s, sorted as CONTRACT.md requires.
func Load(ctx context.Context, s Store) (*Graph, error) {
	g := &Graph{}
	err := s.Walk(ctx, func(n Node) error {
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
