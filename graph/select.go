package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
)

// Selection says which part of a graph to keep. The zero Selection keeps
// everything. Set fields combine: a node is kept only if every set field
// keeps it.
type Selection struct {
	// Focus is a node id. With it, Select keeps the nodes at most Depth hops
	// away from Focus, following edges in either direction.
	Focus string
	// Depth is the number of hops from Focus; 0 keeps Focus alone. Negative
	// values count as 0. It is ignored without Focus.
	Depth int
	// Event is an event id. With it, Select keeps the event, its talks (the
	// talks with a held_at edge to it), every node one hop from those talks
	// in either direction (speakers, mentioned things, covering sources),
	// and the orgs the speakers of those talks work for.
	Event string
	// Kinds, if not empty, keeps only nodes of these kinds.
	Kinds []NodeKind
	// MinMentions, if above 0, keeps a project, topic, org or person node
	// only if it has at least MinMentions incoming mentions edges in the
	// whole input graph. Nodes of other kinds are not affected.
	MinMentions int
}

// Select returns the part of g that s selects: the kept nodes and the edges
// whose two ends are both kept. It does not modify g; the result is sorted
// (see Graph.Sort) and shares no memory with g except the values held in
// Attrs. A Focus or Event that is not a node of g selects an empty graph.
//
// Select costs O(V + E) time apart from sorting, and Focus walks a breadth
// first search bounded by Depth.
func Select(g *Graph, s Selection) *Graph {
	out := &Graph{Nodes: []Node{}, Edges: []Edge{}}
	if g == nil {
		return out
	}
	keep := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		keep[n.ID] = true
	}
	if s.Focus != "" {
		intersect(keep, within(g, s.Focus, max(s.Depth, 0)))
	}
	if s.Event != "" {
		intersect(keep, eventPart(g, s.Event))
	}
	if len(s.Kinds) > 0 {
		for _, n := range g.Nodes {
			if !slices.Contains(s.Kinds, n.Kind) {
				delete(keep, n.ID)
			}
		}
	}
	if s.MinMentions > 0 {
		dropRarelyMentioned(g, keep, s.MinMentions)
	}
	for _, n := range g.Nodes {
		if keep[n.ID] {
			out.Nodes = append(out.Nodes, cloneNode(n))
		}
	}
	for _, e := range g.Edges {
		if keep[e.Source] && keep[e.Target] {
			e.Evidence = slices.Clone(e.Evidence)
			out.Edges = append(out.Edges, e)
		}
	}
	out.Sort()
	return out
}

// intersect removes from keep every id that is not in other.
func intersect(keep, other map[string]bool) {
	for id := range keep {
		if !other[id] {
			delete(keep, id)
		}
	}
}

// undirected returns, for every node id that has edges, the ids at the other
// end of its edges in either direction.
func undirected(g *Graph) map[string][]string {
	adj := make(map[string][]string)
	for _, e := range g.Edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
	}
	return adj
}

// within returns the ids of the nodes of g at most depth hops from focus,
// ignoring edge direction. It is empty if focus is not a node of g.
func within(g *Graph, focus string, depth int) map[string]bool {
	seen := make(map[string]bool)
	if !hasNode(g, focus) {
		return seen
	}
	adj := undirected(g)
	seen[focus] = true
	frontier := []string{focus}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			for _, nb := range adj[id] {
				if !seen[nb] {
					seen[nb] = true
					next = append(next, nb)
				}
			}
		}
		frontier = next
	}
	return seen
}

// eventPart returns the ids Selection.Event keeps for event id ev.
func eventPart(g *Graph, ev string) map[string]bool {
	part := make(map[string]bool)
	if !hasNode(g, ev) {
		return part
	}
	part[ev] = true
	talks := make(map[string]bool)
	for _, e := range g.Edges {
		if e.Kind == HeldAt && e.Target == ev {
			talks[e.Source] = true
		}
	}
	speakers := make(map[string]bool)
	for _, e := range g.Edges {
		if talks[e.Source] {
			part[e.Source], part[e.Target] = true, true
		}
		if talks[e.Target] {
			part[e.Source], part[e.Target] = true, true
			if e.Kind == Presented {
				speakers[e.Source] = true
			}
		}
	}
	for _, e := range g.Edges {
		if e.Kind == WorksFor && speakers[e.Source] {
			part[e.Target] = true
		}
	}
	return part
}

// dropRarelyMentioned removes from keep the project, topic, org and person
// nodes of g with fewer than least incoming mentions edges.
func dropRarelyMentioned(g *Graph, keep map[string]bool, least int) {
	count := make(map[string]int)
	for _, e := range g.Edges {
		if e.Kind == Mentions {
			count[e.Target]++
		}
	}
	for _, n := range g.Nodes {
		switch n.Kind {
		case Project, Topic, Org, Person:
			if count[n.ID] < least {
				delete(keep, n.ID)
			}
		}
	}
}

// hasNode reports whether g has a node with this id.
func hasNode(g *Graph, id string) bool {
	for _, n := range g.Nodes {
		if n.ID == id {
			return true
		}
	}
	return false
}

// cloneNode returns n with its own Aliases slice and Attrs map.
func cloneNode(n Node) Node {
	n.Aliases = slices.Clone(n.Aliases)
	n.Attrs = maps.Clone(n.Attrs)
	return n
}

// Walker walks a graph as Store.Walk does.
type Walker interface {
	Walk(ctx context.Context, fn func(Node) error, fe func(Edge) error) error
}

// SelectWalker returns a Walker over the part of s that a selection by
// Kinds and MinMentions keeps (sel must have no Focus or Event): the nodes
// Select(Load(s), sel) keeps and the edges between them, in the same order,
// without holding the graph. MinMentions counts come from one walk over the
// links first. Like Select it drops edges with an end that is not kept; an
// end that is no node at all (which kg check reports) is kept if its kind is.
func SelectWalker(ctx context.Context, s Store, sel Selection) (Walker, error) {
	if sel.Focus != "" || sel.Event != "" {
		return nil, fmt.Errorf("graph: SelectWalker takes kinds and mentions only")
	}
	var mentions map[string]int
	if sel.MinMentions > 0 {
		mentions = map[string]int{}
		err := s.WalkLinks(ctx, func(_ string, k EdgeKind, to string) error {
			if k == Mentions {
				mentions[to]++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	keep := func(id string) bool {
		k := IDKind(id)
		if len(sel.Kinds) > 0 && !slices.Contains(sel.Kinds, k) {
			return false
		}
		switch k {
		case Project, Topic, Org, Person:
			return sel.MinMentions <= 0 || mentions[id] >= sel.MinMentions
		}
		return true
	}
	return selectedWalker{s, keep}, nil
}

type selectedWalker struct {
	s    Store
	keep func(id string) bool
}

func (w selectedWalker) Walk(ctx context.Context, fn func(Node) error, fe func(Edge) error) error {
	var nf func(Node) error
	if fn != nil {
		nf = func(n Node) error {
			if !w.keep(n.ID) {
				return nil
			}
			return fn(n)
		}
	}
	var ef func(Edge) error
	if fe != nil {
		ef = func(e Edge) error {
			if !w.keep(e.Source) || !w.keep(e.Target) {
				return nil
			}
			return fe(e)
		}
	}
	return w.s.Walk(ctx, nf, ef)
}
