package graph

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Finding nodes and walking from them: fuzzy search over names (Search),
// one hop with evidence (Describe), a breadth-first search over the store's
// indexes (Reach), and the k shortest paths between two nodes over a
// Projection (Paths).

// Link is one edge seen from one of its ends: the node at the other end,
// and the direction of the edge ("out": from this node to Node; "in": from
// Node to this node).
type Link struct {
	Node      NodeRef    `json:"node"`
	Kind      EdgeKind   `json:"kind"`
	Direction string     `json:"direction"`
	Evidence  []Evidence `json:"evidence"`
	// EvidenceCount is the number of evidence records the edge has, which
	// is more than len(Evidence) when Describe was asked for fewer.
	EvidenceCount int `json:"evidence_count"`
}

// LinkGroup is the edges of one kind and direction of a node.
type LinkGroup struct {
	Kind      EdgeKind `json:"kind"`
	Direction string   `json:"direction"`
	Count     int      `json:"count"`
	Links     []Link   `json:"links"`
}

// Detail is a node with its edges grouped by kind and direction.
type Detail struct {
	Node   Node        `json:"node"`
	Groups []LinkGroup `json:"edges"`
}

// dirName is the name of a direction in results.
func dirName(d Direction) string {
	if d == In {
		return "in"
	}
	return "out"
}

// Describe returns node id with its edges in both directions, grouped by
// kind (in the order of EdgeKinds, outgoing first) and sorted by the name
// at the other end. Each edge keeps at most evidence records (the first
// from text first; all if evidence <= 0), and each group at most perGroup
// edges (all if perGroup <= 0), though Count says how many there are. It
// reads only the node's adjacency. It returns ErrNotFound if there is no
// such node.
func Describe(ctx context.Context, s Store, id string, evidence, perGroup int) (Detail, error) {
	n, err := s.Node(ctx, id)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Node: n, Groups: []LinkGroup{}}
	for _, k := range EdgeKinds {
		for _, dir := range []Direction{Out, In} {
			es, err := s.Edges(ctx, id, dir, k)
			if err != nil {
				return Detail{}, err
			}
			if len(es) == 0 {
				continue
			}
			g := LinkGroup{Kind: k, Direction: dirName(dir), Count: len(es)}
			for _, e := range es {
				other := e.Target
				if dir == In {
					other = e.Source
				}
				on, err := s.Node(ctx, other)
				if err != nil {
					return Detail{}, err
				}
				g.Links = append(g.Links, Link{Node: on.Ref(), Kind: k, Direction: g.Direction,
					Evidence: pickEvidence(e.Evidence, evidence), EvidenceCount: len(e.Evidence)})
			}
			sort.SliceStable(g.Links, func(i, j int) bool {
				a, b := g.Links[i].Node, g.Links[j].Node
				if a.Name != b.Name {
					return a.Name < b.Name
				}
				return a.ID < b.ID
			})
			if perGroup > 0 && len(g.Links) > perGroup {
				g.Links = g.Links[:perGroup]
			}
			d.Groups = append(d.Groups, g)
		}
	}
	return d, nil
}

// pickEvidence returns up to n records of ev (all if n <= 0), the first
// from text first.
func pickEvidence(ev []Evidence, n int) []Evidence {
	if n <= 0 || n >= len(ev) {
		return slices.Clone(ev)
	}
	first, _ := FirstEvidence(ev)
	out := []Evidence{first}
	for _, e := range ev {
		if len(out) == n {
			break
		}
		if e != first {
			out = append(out, e)
		}
	}
	return out
}

// Reached is a node found by Reach: its distance from the start and the
// edge it was first reached through.
type Reached struct {
	NodeRef
	Depth     int      `json:"depth"`
	From      string   `json:"from"`
	Via       EdgeKind `json:"via"`
	Direction string   `json:"direction"` // of the edge, seen from From
}

// ReachOptions bounds Reach.
type ReachOptions struct {
	// Depth is the number of hops; below 1 counts as 1.
	Depth int
	// Kinds are the node kinds returned (all if empty). Nodes of other
	// kinds are still walked through.
	Kinds []NodeKind
	// ViaSources walks through source nodes. Without it sources are
	// returned only if Kinds names source, and never walked through: a
	// source joins everything its document names.
	ViaSources bool
}

// Reach returns the nodes within opt.Depth hops of id, following edges in
// both directions, nearest first, then by kind and name. It reads the
// neighbours (Store.Neighbors, without evidence) of the nodes it walks through,
// so it costs time in proportion to the edges of the neighbourhood, which
// grows fast with depth around hubs.
func Reach(ctx context.Context, s Store, id string, opt ReachOptions) ([]Reached, error) {
	depth := max(opt.Depth, 1)
	visitSource := opt.ViaSources || slices.Contains(opt.Kinds, Source)
	seen := map[string]bool{id: true}
	var found []Reached
	frontier := []string{id}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, cur := range frontier {
			if IDKind(cur) == Source && cur != id && !opt.ViaSources {
				continue
			}
			for _, st := range edgeSteps(IDKind(cur)) {
				ids, err := s.Neighbors(ctx, cur, st.dir, st.kind)
				if err != nil {
					return nil, err
				}
				for _, o := range ids {
					if seen[o] || (IDKind(o) == Source && !visitSource) {
						continue
					}
					seen[o] = true
					next = append(next, o)
					found = append(found, Reached{NodeRef: NodeRef{ID: o}, Depth: d, From: cur, Via: st.kind, Direction: dirName(st.dir)})
				}
			}
		}
		frontier = next
	}
	out := make([]Reached, 0, len(found))
	for _, r := range found {
		n, err := s.Node(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		if len(opt.Kinds) > 0 && !slices.Contains(opt.Kinds, n.Kind) {
			continue
		}
		r.NodeRef = n.Ref()
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Depth != b.Depth {
			return a.Depth < b.Depth
		}
		if a.Kind != b.Kind {
			return slices.Index(NodeKinds, a.Kind) < slices.Index(NodeKinds, b.Kind)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return out, nil
}

type step struct {
	dir  Direction
	kind EdgeKind
}

// edgeSteps returns the (direction, edge kind) pairs a node of kind k can
// have, so that Reach scans only indexes that may hold something.
func edgeSteps(k NodeKind) []step {
	var out []step
	for _, ek := range EdgeKinds {
		for _, other := range NodeKinds {
			if k == "" || ek.Allows(k, other) {
				out = append(out, step{Out, ek})
				break
			}
		}
		for _, other := range NodeKinds {
			if k == "" || ek.Allows(other, k) {
				out = append(out, step{In, ek})
				break
			}
		}
	}
	return out
}

// Hop is one step of a path: an edge of the graph, the direction it is
// walked in ("out": the edge goes From -> To; "in": To -> From), and the
// evidence that supports it.
type Hop struct {
	From      NodeRef  `json:"from"`
	To        NodeRef  `json:"to"`
	Kind      EdgeKind `json:"kind"`
	Direction string   `json:"direction"`
	Evidence  Evidence `json:"evidence"`
}

// Path is a walk from one node to another.
type Path struct {
	Length int   `json:"length"`
	Hops   []Hop `json:"hops"`
}

// Paths returns up to k shortest loopless paths from node from to node to
// in p (gonum's YenKShortestPaths, every edge costing 1), shortest first.
// Each hop is the most telling edge between its two nodes (see EdgeKinds)
// with its first evidence. It returns no paths, and no error, when the
// nodes are not connected, and an error wrapping ErrNotFound when either is
// not in p. Yen's algorithm runs up to k·L shortest-path searches for paths
// of L hops, each O(E + V log V).
func Paths(p *Projection, from, to string, k int) ([]Path, error) {
	u, ok := p.Vertex(from)
	if !ok {
		return nil, fmt.Errorf("%s is not in the graph searched: %w", from, ErrNotFound)
	}
	v, ok := p.Vertex(to)
	if !ok {
		return nil, fmt.Errorf("%s is not in the graph searched: %w", to, ErrNotFound)
	}
	out := []Path{}
	if u == v {
		return out, nil
	}
	for _, ns := range path.YenKShortestPaths(p, max(k, 1), math.Inf(1), simple.Node(u), simple.Node(v)) {
		pt := Path{Length: len(ns) - 1}
		for i := 1; i < len(ns); i++ {
			a, b := ns[i-1].ID(), ns[i].ID()
			pt.Hops = append(pt.Hops, hopOf(p.Ref(a), p.Ref(b), p.Links(a, b)[0]))
		}
		out = append(out, pt)
	}
	return out, nil
}

// hopOf is the hop from one node to the next along edge e (in either
// direction), with e's first evidence.
func hopOf(from, to NodeRef, e Edge) Hop {
	h := Hop{From: from, To: to, Kind: e.Kind, Direction: "out"}
	if e.Source != from.ID {
		h.Direction = "in"
	}
	h.Evidence, _ = FirstEvidence(e.Evidence)
	return h
}

// Match is a node found by Search.
type Match struct {
	NodeRef
	// Matched is the name or alias that matched.
	Matched string `json:"matched"`
	// How is exact (same Key), word (whole words of the spelling), prefix
	// (the start of the spelling or of a word), substring, or fuzzy (within
	// Distance edits of the spelling or of some of its words).
	How      string  `json:"how"`
	Distance int     `json:"distance"`
	Score    float64 `json:"score"`
}

// Search returns the nodes of kinds (every kind if none) whose name or an
// alias matches text, best first: an exact match (same Key), whole words,
// a prefix, a substring, then spellings within max(1, len/4) edits (for
// text of three letters or more). Comparison ignores case and diacritics;
// among equal scores the shorter spelling comes first. It reads every node
// of those kinds: O(V).
func Search(ctx context.Context, s Store, text string, kinds ...NodeKind) ([]Match, error) {
	q := Fold(strings.Join(strings.Fields(text), " "))
	if q == "" {
		return []Match{}, nil
	}
	qm := newQueryMatcher(q)
	// Matching is most of the work (a million spellings at 100k recaps):
	// the store's scan hands batches of nodes to a matcher per core.
	workers := runtime.GOMAXPROCS(0)
	batches := make(chan []Node, workers)
	found := make([][]Match, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range batches {
				for _, n := range batch {
					if m, ok := qm.best(n); ok {
						found[w] = append(found[w], m)
					}
				}
			}
		}()
	}
	var batch []Node
	visit := func(n Node) error {
		if batch = append(batch, n); len(batch) == 512 {
			batches <- batch
			batch = nil
		}
		return nil
	}
	if len(kinds) == 0 {
		kinds = []NodeKind{""}
	}
	var err error
	for _, k := range kinds {
		if err = s.Nodes(ctx, k, visit); err != nil {
			break
		}
	}
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	out := slices.Concat(found...)
	if out == nil {
		out = []Match{}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if la, lb := len(a.Matched), len(b.Matched); la != lb {
			return la < lb
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return out, nil
}

// queryMatcher matches one folded query against spellings; what depends
// on the query alone is worked out once, not for each of a database's
// million spellings.
type queryMatcher struct {
	q, joined string
	key       string
	qw        []string
	n, maxD   int
}

func newQueryMatcher(q string) queryMatcher {
	qw := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	n := len([]rune(q))
	return queryMatcher{q: q, joined: strings.Join(qw, " "), key: Key(q), qw: qw, n: n, maxD: max(1, n/4)}
}

// best returns the best match of the query among n's name and aliases
// (the shorter spelling among equal scores), and whether there is one.
func (qm queryMatcher) best(n Node) (Match, bool) {
	var best Match
	for _, a := range append([]string{n.Name}, n.Aliases...) {
		m := qm.match(a)
		if m.Score > best.Score || m.Score == best.Score && len(m.Matched) < len(best.Matched) {
			best = m
		}
	}
	if best.Score == 0 {
		return Match{}, false
	}
	best.NodeRef = n.Ref()
	return best, true
}

// match matches the query against one spelling; a zero Score means no
// match.
func (qm queryMatcher) match(spelling string) Match {
	q, qw, joined := qm.q, qm.qw, qm.joined
	a := Fold(spelling)
	m := Match{Matched: spelling}
	words := strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	runs := func(fn func(run string) bool) bool { // runs of len(qw) words of a
		for i := 0; i+len(qw) <= len(words); i++ {
			if fn(strings.Join(words[i:i+len(qw)], " ")) {
				return true
			}
		}
		return false
	}
	switch {
	case Key(a) == qm.key && qm.key != "":
		m.How, m.Score = "exact", 1
	case len(qw) > 0 && runs(func(r string) bool { return r == joined }):
		m.How, m.Score = "word", 0.9
	case strings.HasPrefix(a, q) || len(qw) > 0 && runs(func(r string) bool { return strings.HasPrefix(r, joined) }):
		m.How, m.Score = "prefix", 0.8
	case strings.Contains(a, q):
		m.How, m.Score = "substring", 0.7
	default:
		if qm.n < 3 {
			return m
		}
		maxD := qm.maxD
		d := editDistance(q, a, maxD)
		m.Score = 0.6
		if d > maxD {
			// Some words of the spelling: "tomas graf" in "Thomas Graf
			// (Isovalent)" scores a little lower than the whole.
			runs(func(r string) bool { d = min(d, editDistance(joined, r, maxD)); return false })
			m.Score = 0.55
		}
		if d > maxD {
			return Match{}
		}
		m.How, m.Distance = "fuzzy", d
		m.Score = math.Round((m.Score-0.1*float64(d-1))*100) / 100
	}
	return m
}
