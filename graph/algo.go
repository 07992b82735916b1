package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// ErrTooLarge is returned when an algorithm is asked to run on a graph
// larger than it can handle in reasonable time or memory.
var ErrTooLarge = errors.New("graph too large")

// RankKinds are the node kinds that Rank and Communities work on by
// default: the talks and what talks are about. Events and sources are left
// out because they join everything they contain and hide the structure.
var RankKinds = []NodeKind{Talk, Project, Topic, Person, Org}

// NodeRef names a node in query results.
type NodeRef struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Kind NodeKind `json:"kind"`
}

// Ref returns the reference to n.
func (n Node) Ref() NodeRef { return NodeRef{ID: n.ID, Name: n.Name, Kind: n.Kind} }

// ProjectionOptions says which part of a graph a Projection keeps.
type ProjectionOptions struct {
	// Kinds are the node kinds kept. Empty keeps every kind but source.
	Kinds []NodeKind
	// ViaSources keeps source nodes and their edges (covers, authored and
	// source mentions) even when Kinds does not name source. Sources join
	// every talk and name of a document, so paths through them say little.
	ViaSources bool
	// NoEvidence leaves the edges without evidence (ranking and
	// communities need none), so that the edges are read from their keys
	// alone.
	NoEvidence bool
	// NoLinks keeps which vertices are joined, not the edges that join
	// them: Links returns nil. Ranking and communities need no more, and
	// the edges were most of their memory (PageRank of the 10k graph: 134
	// of 345 MB allocated).
	NoLinks bool
}

func (o ProjectionOptions) keeps(k NodeKind) bool {
	if k == Source && o.ViaSources {
		return true
	}
	if len(o.Kinds) == 0 {
		return k != Source
	}
	return slices.Contains(o.Kinds, k)
}

// Projection is the undirected simple graph over part of a Graph that
// gonum's algorithms run on: one vertex per kept node and one edge per pair
// of kept nodes joined by at least one edge, whatever its kind or direction.
//
// Vertex ids are the positions of the node ids in sorted order, and Nodes
// and From iterate in id order, so every algorithm over a Projection gives
// the same result on every run (gonum's simple graphs iterate maps).
// *Projection implements gonum's graph.Undirected.
type Projection struct {
	nodes []NodeRef
	index map[string]int64
	adj   [][]int64
	links map[[2]int64][]Edge // the edges of each vertex pair, lower id first
}

// NewProjection returns the projection of g that opt selects. The edges it keeps
// share their evidence with g. It costs O(V + E log E).
func NewProjection(g *Graph, opt ProjectionOptions) *Projection {
	b := newProjector(opt)
	for _, n := range g.Nodes {
		b.node(n)
	}
	b.index()
	for _, e := range g.Edges {
		b.edge(e)
	}
	return b.done()
}

// LoadProjection reads the projection that opt selects from s, keeping one
// evidence record per edge (the first from text, if any), so that it holds
// much less memory than Load.
func LoadProjection(ctx context.Context, s Store, opt ProjectionOptions) (*Projection, error) {
	b := newProjector(opt)
	err := s.Walk(ctx, func(n Node) error {
		b.node(Node{ID: n.ID, Kind: n.Kind, Name: n.Name})
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	b.index()
	if opt.NoEvidence {
		err = s.WalkLinks(ctx, func(from string, k EdgeKind, to string) error {
			b.edge(Edge{Source: from, Kind: k, Target: to})
			return nil
		})
	} else {
		err = s.Walk(ctx, nil, func(e Edge) error {
			if ev, ok := FirstEvidence(e.Evidence); ok {
				e.Evidence = []Evidence{ev}
			}
			b.edge(e)
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	return b.done(), nil
}

// FirstEvidence returns the first evidence record read from text (line
// above 0), or else the first record. ok is false if ev is empty.
func FirstEvidence(ev []Evidence) (first Evidence, ok bool) {
	for _, e := range ev {
		if e.Line > 0 {
			return e, true
		}
	}
	if len(ev) == 0 {
		return Evidence{}, false
	}
	return ev[0], true
}

type projector struct {
	opt ProjectionOptions
	p   *Projection
}

func newProjector(opt ProjectionOptions) *projector {
	p := &Projection{index: map[string]int64{}}
	if !opt.NoLinks {
		p.links = map[[2]int64][]Edge{}
	}
	return &projector{opt: opt, p: p}
}

func (b *projector) node(n Node) {
	if b.opt.keeps(n.Kind) {
		b.p.nodes = append(b.p.nodes, n.Ref())
	}
}

func (b *projector) index() {
	p := b.p
	sort.Slice(p.nodes, func(i, j int) bool { return p.nodes[i].ID < p.nodes[j].ID })
	p.nodes = slices.CompactFunc(p.nodes, func(a, b NodeRef) bool { return a.ID == b.ID })
	for i, n := range p.nodes {
		p.index[n.ID] = int64(i)
	}
	p.adj = make([][]int64, len(p.nodes))
}

func (b *projector) edge(e Edge) {
	p := b.p
	u, ok1 := p.index[e.Source]
	v, ok2 := p.index[e.Target]
	if !ok1 || !ok2 || u == v {
		return
	}
	if p.links == nil {
		// without links, done drops the repeats
		p.adj[u] = append(p.adj[u], v)
		p.adj[v] = append(p.adj[v], u)
		return
	}
	key := [2]int64{min(u, v), max(u, v)}
	if _, ok := p.links[key]; !ok {
		p.adj[u] = append(p.adj[u], v)
		p.adj[v] = append(p.adj[v], u)
	}
	p.links[key] = append(p.links[key], e)
}

func (b *projector) done() *Projection {
	for i, a := range b.p.adj {
		slices.Sort(a)
		if b.p.links == nil {
			b.p.adj[i] = slices.Clip(slices.Compact(a))
		}
	}
	for _, es := range b.p.links {
		sort.Slice(es, func(i, j int) bool { return linkLess(es[i], es[j]) })
	}
	return b.p
}

// linkLess orders the edges of one vertex pair by the order of EdgeKinds,
// so a hop shows the most telling relation (presented before mentions).
func linkLess(a, b Edge) bool {
	ia, ib := slices.Index(EdgeKinds, a.Kind), slices.Index(EdgeKinds, b.Kind)
	if ia != ib {
		return ia < ib
	}
	return EdgeLess(a, b)
}

// Len returns the number of vertices.
func (p *Projection) Len() int { return len(p.nodes) }

// EdgeCount returns the number of vertex pairs joined by an edge.
func (p *Projection) EdgeCount() int {
	if p.links == nil {
		n := 0
		for _, a := range p.adj {
			n += len(a)
		}
		return n / 2
	}
	return len(p.links)
}

// Vertex returns the gonum id of node id, and whether the projection has it.
func (p *Projection) Vertex(id string) (int64, bool) {
	v, ok := p.index[id]
	return v, ok
}

// Ref returns the node of gonum id v. It panics if v is out of range.
func (p *Projection) Ref(v int64) NodeRef { return p.nodes[v] }

// Links returns the edges of the graph between the nodes of gonum ids u
// and v, in either direction, most telling kind first (nil if the
// projection was made with NoLinks).
func (p *Projection) Links(u, v int64) []Edge { return p.links[[2]int64{min(u, v), max(u, v)}] }

// Degree returns the number of neighbours of vertex v.
func (p *Projection) Degree(v int64) int { return len(p.adj[v]) }

// Node implements gonum's graph.Graph.
func (p *Projection) Node(id int64) gg.Node {
	if id < 0 || id >= int64(len(p.nodes)) {
		return nil
	}
	return simple.Node(id)
}

// Nodes implements gonum's graph.Graph, in id order.
func (p *Projection) Nodes() gg.Nodes {
	ns := make([]gg.Node, len(p.nodes))
	for i := range ns {
		ns[i] = simple.Node(i)
	}
	return iterator.NewOrderedNodes(ns)
}

// From implements gonum's graph.Graph: the neighbours of id, in id order.
func (p *Projection) From(id int64) gg.Nodes {
	if id < 0 || id >= int64(len(p.adj)) || len(p.adj[id]) == 0 {
		return gg.Empty
	}
	ns := make([]gg.Node, len(p.adj[id]))
	for i, v := range p.adj[id] {
		ns[i] = simple.Node(v)
	}
	return iterator.NewOrderedNodes(ns)
}

// HasEdgeBetween implements gonum's graph.Graph.
func (p *Projection) HasEdgeBetween(x, y int64) bool {
	if p.links == nil {
		if x < 0 || x >= int64(len(p.adj)) {
			return false
		}
		_, ok := slices.BinarySearch(p.adj[x], y)
		return ok && x != y
	}
	_, ok := p.links[[2]int64{min(x, y), max(x, y)}]
	return ok && x != y
}

// Edge implements gonum's graph.Graph.
func (p *Projection) Edge(u, v int64) gg.Edge { return p.EdgeBetween(u, v) }

// EdgeBetween implements gonum's graph.Undirected.
func (p *Projection) EdgeBetween(x, y int64) gg.Edge {
	if !p.HasEdgeBetween(x, y) {
		return nil
	}
	return simple.Edge{F: simple.Node(x), T: simple.Node(y)}
}

// Measure is a centrality measure for Rank.
type Measure string

// Measures understood by Rank.
const (
	ByDegree      Measure = "degree"      // number of distinct neighbours
	ByPageRank    Measure = "pagerank"    // PageRank of the symmetric graph, damping 0.85
	ByBetweenness Measure = "betweenness" // Brandes betweenness, each pair counted once
)

// MaxBetweenness is the largest projection, in vertices, that Rank computes
// betweenness on: Brandes' algorithm costs O(V·E) time and gonum's takes
// about 20 s at 3,000 vertices and 30,000 edges.
const MaxBetweenness = 5000

// MaxCommunities is the largest projection, in vertices, that kg
// communities runs Louvain on by default (see Communities).
const MaxCommunities = 70000

// Score is a node with its centrality.
type Score struct {
	Rank   int      `json:"rank"`
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Kind   NodeKind `json:"kind"`
	Score  float64  `json:"score"`
	Degree int      `json:"degree"`
}

// Rank scores every vertex of p by m and returns the nodes of kinds (every
// kind if none is given), highest score first, ties by id. PageRank costs
// O(E) per iteration (network.PageRankSparse; the dense network.PageRank
// would need V² memory). Betweenness returns an error wrapping ErrTooLarge
// when p has more than MaxBetweenness vertices.
func Rank(p *Projection, m Measure, kinds ...NodeKind) ([]Score, error) {
	var score func(v int64) float64
	switch m {
	case ByDegree:
		score = func(v int64) float64 { return float64(p.Degree(v)) }
	case ByPageRank:
		pr := pageRank(p, 0.85, 1e-12)
		score = func(v int64) float64 { return math.Round(pr[v]*1e9) / 1e9 }
	case ByBetweenness:
		if p.Len() > MaxBetweenness {
			return nil, fmt.Errorf("betweenness on %d nodes (at most %d): %w", p.Len(), MaxBetweenness, ErrTooLarge)
		}
		bc := network.Betweenness(p)
		// Brandes counts each unordered pair from both ends.
		score = func(v int64) float64 { return math.Round(bc[v]/2*1e6) / 1e6 }
	default:
		return nil, fmt.Errorf("unknown measure %q (use degree, pagerank or betweenness)", m)
	}
	var out []Score
	for v, n := range p.nodes {
		if len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
			continue
		}
		out = append(out, Score{ID: n.ID, Name: n.Name, Kind: n.Kind, Score: score(int64(v)), Degree: p.Degree(int64(v))})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out, nil
}

// pageRank is PageRank with damping d of p taken as a symmetric graph (each
// link both ways), by power iteration from the uniform vector until the
// scores move by less than tol in sum. gonum's network.PageRankSparse
// computes the same but starts from a random vector, so two runs could
// round a score differently and order tied nodes differently; this is
// deterministic, and a plain loop over adjacency lists.
func pageRank(p *Projection, d, tol float64) []float64 {
	n := len(p.adj)
	if n == 0 {
		return nil
	}
	r, next := make([]float64, n), make([]float64, n)
	for i := range r {
		r[i] = 1 / float64(n)
	}
	for iter := 0; iter < 1000; iter++ {
		dangling := 0.0
		for u, a := range p.adj {
			if len(a) == 0 {
				dangling += r[u]
			}
		}
		base := (1-d)/float64(n) + d*dangling/float64(n)
		for v := range next {
			next[v] = base
		}
		for u, a := range p.adj {
			if len(a) == 0 {
				continue
			}
			share := d * r[u] / float64(len(a))
			for _, v := range a {
				next[v] += share
			}
		}
		diff := 0.0
		for i := range r {
			diff += math.Abs(next[i] - r[i])
		}
		r, next = next, r
		if diff < tol {
			break
		}
	}
	return r
}

// Community is one group of densely connected nodes found by Communities.
type Community struct {
	ID    int              `json:"id"`
	Size  int              `json:"size"`
	Kinds map[NodeKind]int `json:"kinds"`
	// Top are the most central members of the listed kinds: the highest
	// degree within the community, then overall degree, then id.
	Top []Member `json:"top"`
}

// Member is a node of a community with its degree inside the community.
type Member struct {
	NodeRef
	Degree int `json:"degree"`
}

// Partition is the result of Communities.
type Partition struct {
	Modularity  float64     `json:"modularity"`
	Communities []Community `json:"communities"`
}

// Communities splits p with the Louvain method (community.Modularize at
// resolution 1) and returns the communities of at least minSize nodes,
// largest first, each with up to top members of kinds (every kind if none
// is given). The random source is seeded with seed and p iterates in id
// order, so the same graph and seed give the same partition.
//
// Louvain costs about O(E log V) per level in theory; gonum's took 2-3 s on
// 14,000-16,000 vertices, 8 s on 43,000 and 26 s on 61,000, but more than
// 4 minutes on 134,000 (talks and things of 1,000, 3,000, 5,000 and 10,000
// synthetic recaps), so project only what matters; kg communities refuses
// projections above MaxCommunities unless asked.
func Communities(p *Projection, seed uint64, minSize, top int, kinds ...NodeKind) Partition {
	if p.Len() == 0 || p.EdgeCount() == 0 {
		return Partition{Communities: []Community{}}
	}
	r := community.Modularize(p, 1, rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	groups := r.Communities()
	q := community.Q(p, groups, 1)
	of := make([]int, p.Len())
	for i, g := range groups {
		for _, n := range g {
			of[n.ID()] = i
		}
	}
	var out []Community
	for i, g := range groups {
		if len(g) < max(minSize, 1) {
			continue
		}
		c := Community{Size: len(g), Kinds: map[NodeKind]int{}}
		first := int64(math.MaxInt64)
		var ms []Member
		for _, n := range g {
			v := n.ID()
			first = min(first, v)
			ref := p.Ref(v)
			c.Kinds[ref.Kind]++
			if len(kinds) > 0 && !slices.Contains(kinds, ref.Kind) {
				continue
			}
			in := 0
			for _, w := range p.adj[v] {
				if of[w] == i {
					in++
				}
			}
			ms = append(ms, Member{NodeRef: ref, Degree: in})
		}
		sort.Slice(ms, func(a, b int) bool {
			if ms[a].Degree != ms[b].Degree {
				return ms[a].Degree > ms[b].Degree
			}
			da, db := p.Degree(p.index[ms[a].ID]), p.Degree(p.index[ms[b].ID])
			if da != db {
				return da > db
			}
			return ms[a].ID < ms[b].ID
		})
		if top > 0 && len(ms) > top {
			ms = ms[:top]
		}
		c.Top = append([]Member{}, ms...)
		c.ID = int(first) // until numbered below: breaks ties of size
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Size != out[j].Size {
			return out[i].Size > out[j].Size
		}
		return out[i].ID < out[j].ID
	})
	for i := range out {
		out[i].ID = i + 1
	}
	if out == nil {
		out = []Community{}
	}
	return Partition{Modularity: math.Round(q*1e6) / 1e6, Communities: out}
}

// Relation is a node related to another by Related.
type Relation struct {
	NodeRef
	// Talks is the number of talks that mention (or, for a person, were
	// given by) both nodes.
	Talks int `json:"talks"`
	// Score is the cosine similarity of the two nodes' contexts, in [0, 1].
	Score float64 `json:"score"`
	// Links are the kinds of the edges that join the two nodes directly.
	Links []EdgeKind `json:"links,omitempty"`
}

// RelatedOptions tunes Related.
type RelatedOptions struct {
	// Kinds are the kinds returned; empty means Things.
	Kinds []NodeKind
	// TalksOnly scores by talks alone, ignoring direct edges.
	TalksOnly bool
}

// linkKinds are the edges that join two things directly.
var linkKinds = []EdgeKind{PartOf, MaintainedBy, WorksFor}

// Related returns the things mentioned in the same talks as node id (and,
// unless opt.TalksOnly, the things joined to it by part_of, maintained_by
// or works_for), most similar first. The speakers of those talks are not
// candidates unless a talk mentions them.
//
// The similarity is the cosine of context sets, as in structural
// clustering: the context of a thing is the talks that mention it (or that
// a person gave), the thing itself and the things it is directly joined
// to. Counting the thing and its direct links lets Hubble, a part of
// Cilium named in one talk with it, rank above a name that shares one talk
// by chance. With TalksOnly the context is the talks alone.
//
// It reads the index of id, of its talks and of every candidate: the cost
// follows the size of the two-hop neighbourhood, not the graph.
func Related(ctx context.Context, s Store, id string, opt RelatedOptions) ([]Relation, error) {
	kinds := opt.Kinds
	if len(kinds) == 0 {
		kinds = Things
	}
	cx, err := contextOf(ctx, s, id, opt.TalksOnly)
	if err != nil {
		return nil, err
	}
	cands := map[string]bool{}
	for t := range cx.talks {
		ids, err := s.Neighbors(ctx, t, Out, Mentions)
		if err != nil {
			return nil, err
		}
		for _, o := range ids {
			cands[o] = true
		}
	}
	for o := range cx.links {
		cands[o] = true
	}
	delete(cands, id)
	var list []string
	for o := range cands {
		if slices.Contains(kinds, IDKind(o)) {
			list = append(list, o)
		}
	}
	slices.Sort(list)
	// Scoring reads each candidate's talks, most of the work (~2,000
	// candidates for a project of the 100k benchmark): on every core.
	scored := make([]*Relation, len(list))
	var mu sync.Mutex
	var firstErr error
	inParts(len(list), 32, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			r, ok, err := relation(ctx, s, id, list[i], cx, opt.TalksOnly)
			if err != nil {
				mu.Lock()
				firstErr = cmp.Or(firstErr, err)
				mu.Unlock()
				return
			}
			if ok {
				scored[i] = &r
			}
		}
	})
	if firstErr != nil {
		return nil, firstErr
	}
	var out []Relation
	for _, r := range scored {
		if r != nil {
			out = append(out, *r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Talks != b.Talks {
			return a.Talks > b.Talks
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return out, nil
}

// relation scores candidate o against id, whose context is cx; ok is false
// when they share nothing.
func relation(ctx context.Context, s Store, id, o string, cx thingContext, talksOnly bool) (Relation, bool, error) {
	co, err := contextOf(ctx, s, o, talksOnly)
	if err != nil {
		return Relation{}, false, err
	}
	r := Relation{Links: cx.links[o]}
	for t := range co.talks {
		if cx.talks[t] {
			r.Talks++
		}
	}
	common := r.Talks
	if !talksOnly {
		// Closed neighbourhoods: id is in its own context, o in its.
		for z := range co.links {
			if cx.links[z] != nil || z == id {
				common++
			}
		}
		if cx.links[o] != nil {
			common++
		}
	}
	if common == 0 {
		return Relation{}, false, nil
	}
	r.Score = math.Round(float64(common)/math.Sqrt(float64(cx.size()*co.size()))*1e4) / 1e4
	n, err := s.Node(ctx, o)
	if err != nil {
		return Relation{}, false, err
	}
	r.NodeRef = n.Ref()
	return r, true, nil
}

// thingContext is what Related compares: a thing's talks and the things it
// is joined to directly (with the kinds of the joining edges).
type thingContext struct {
	talks     map[string]bool
	links     map[string][]EdgeKind
	talksOnly bool
}

// size counts the context: the talks, and unless talksOnly the thing itself
// and its links.
func (c thingContext) size() int {
	if c.talksOnly {
		return len(c.talks)
	}
	return len(c.talks) + 1 + len(c.links)
}

func contextOf(ctx context.Context, s Store, id string, talksOnly bool) (thingContext, error) {
	c := thingContext{talks: map[string]bool{}, links: map[string][]EdgeKind{}, talksOnly: talksOnly}
	ids, err := s.Neighbors(ctx, id, In, Mentions)
	if err != nil {
		return c, err
	}
	if IDKind(id) == Person {
		given, err := s.Neighbors(ctx, id, Out, Presented)
		if err != nil {
			return c, err
		}
		ids = append(ids, given...)
	}
	for _, t := range ids {
		if IDKind(t) == Talk {
			c.talks[t] = true
		}
	}
	if talksOnly {
		return c, nil
	}
	for _, k := range linkKinds {
		for _, dir := range []Direction{Out, In} {
			ids, err := s.Neighbors(ctx, id, dir, k)
			if err != nil {
				return c, err
			}
			for _, o := range ids {
				if o != id && !slices.Contains(c.links[o], k) {
					c.links[o] = append(c.links[o], k)
				}
			}
		}
	}
	return c, nil
}
