package store

import (
	"errors"
	"slices"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
)

// plan is what resolving one source against the store decided.
type plan struct {
	trans     map[string]string // id in the facts -> id to store under
	redirects map[string]string // merges to record
	reput     []string          // stored nodes whose sources must be re-put
}

func (p *plan) final(id string) string {
	for i := 0; i < 8; i++ {
		t, ok := p.trans[id]
		if !ok || t == id {
			return id
		}
		id = t
	}
	return id
}

// redirect follows stored redirects from id, including the redirect of a
// talk's event.
func (w *Writer) redirect(id string) (string, error) {
	for i := 0; i < 8; i++ {
		to, ok := w.newRedirs[id]
		if !ok {
			if to, ok = w.redirects[id]; !ok {
				break
			}
		}
		id = to
	}
	if scope := graph.TalkScope(id); scope != "" {
		ev := "event:" + scope
		to, err := w.redirect(ev)
		if err != nil {
			return "", err
		}
		if to != ev {
			return graph.RetargetTalk(id, ev, to), nil
		}
	}
	return id, nil
}

// resolve decides the ids one source's facts are stored under.
func (w *Writer) resolve(f *graph.Facts, src string) (*plan, error) {
	p := &plan{trans: map[string]string{}, redirects: map[string]string{}}
	if f.Source.ID != src {
		p.trans[f.Source.ID] = src
	}
	for _, n := range f.Nodes {
		t, err := w.redirect(n.ID)
		if err != nil {
			return nil, err
		}
		if t != n.ID {
			p.trans[n.ID] = t
		}
	}
	if err := w.resolveEvents(f, p); err != nil {
		return nil, err
	}
	for _, n := range f.Nodes {
		if n.Kind != graph.Talk {
			continue
		}
		t := p.final(n.ID)
		ev := "event:" + graph.TalkScope(t)
		if to := p.final(ev); to != ev {
			p.trans[t] = graph.RetargetTalk(t, ev, to)
		}
	}
	if err := w.resolvePeople(f, p); err != nil {
		return nil, err
	}
	return p, nil
}

// resolveEvents joins a year-less event with the one event of the same
// series and city that has a year, in either arrival order.
func (w *Writer) resolveEvents(f *graph.Facts, p *plan) error {
	for _, n := range f.Nodes {
		if n.Kind != graph.Event {
			continue
		}
		sk := graph.EventSeriesKey(n)
		if sk == "" {
			continue
		}
		e := p.final(n.ID)
		cands, err := w.seriesEvents(sk)
		if err != nil {
			return err
		}
		var withYear, yearless []string
		for _, c := range cands {
			if c == e {
				continue
			}
			r, err := w.node(c)
			if err != nil {
				return err
			}
			if graph.EventYear(r.node(c)) > 0 {
				withYear = append(withYear, c)
			} else {
				yearless = append(yearless, c)
			}
		}
		if graph.EventYear(n) == 0 {
			if len(withYear) == 1 {
				p.trans[e] = withYear[0]
				p.redirects[e] = withYear[0]
				if w.alive(e) {
					p.reput = append(p.reput, e)
				}
			}
			continue
		}
		if len(withYear) == 0 {
			for _, y := range yearless {
				p.redirects[y] = e
				p.reput = append(p.reput, y)
			}
		}
	}
	return nil
}

// resolvePeople merges a speaker with a differently spelled speaker of the
// same talk (graph.SamePerson); the smaller id is kept.
func (w *Writer) resolvePeople(f *graph.Facts, p *plan) error {
	names := map[string]string{}
	for _, n := range f.Nodes {
		if n.Kind == graph.Person {
			names[p.final(n.ID)] = n.Name
		}
	}
	for _, e := range f.Edges {
		if e.Kind != graph.Presented {
			continue
		}
		person, talk := p.final(e.Source), p.final(e.Target)
		others, err := w.talkSpeakers(talk)
		if err != nil {
			return err
		}
		// The same talk stored under an event that is being merged into
		// this one ("talk:kcd-zurich/x" for "talk:kcd-zurich-2023/x").
		ev := "event:" + graph.TalkScope(talk)
		for from, to := range p.redirects {
			if to == ev && graph.IDKind(from) == graph.Event {
				more, err := w.talkSpeakers(graph.RetargetTalk(talk, ev, from))
				if err != nil {
					return err
				}
				others = append(others, more...)
			}
		}
		for _, q := range others {
			if q == person {
				continue
			}
			name, alive, err := w.personName(q)
			if err != nil {
				return err
			}
			if !alive || !graph.SamePerson(names[person], name) {
				continue
			}
			if q < person {
				p.trans[person] = q
				p.redirects[person] = q
				names[q] = names[person]
				person = q
			} else {
				p.redirects[q] = person
				p.reput = append(p.reput, q)
			}
		}
	}
	return nil
}

// personName returns the display name of a person record and whether it
// is alive, from the record this transaction changed, else the names of
// committed records the writer keeps, else the database.
func (w *Writer) personName(id string) (string, bool, error) {
	dirty := w.dirty[id]
	if !dirty {
		if name, ok := w.people[id]; ok {
			return name, true, nil
		}
	} else if name, ok := w.dirtyNames[id]; ok {
		return name, true, nil
	}
	r, err := w.node(id)
	if err != nil {
		return "", false, err
	}
	if r.Support <= 0 {
		return "", false, nil
	}
	name := r.name()
	if dirty {
		w.dirtyNames[id] = name
	} else {
		w.people[id] = name
	}
	return name, true, nil
}

// seriesEvents lists the events of one series and city, committed or
// written in this transaction.
func (w *Writer) seriesEvents(sk string) ([]string, error) {
	committed, ok := w.seriesDone[sk]
	if !ok {
		err := scanKeys(w.snap, prefixKey(pSeries, sk), func(k []byte) {
			f := splitKey(k)
			committed = append(committed, f[len(f)-1])
		})
		if err != nil {
			return nil, err
		}
		w.seriesDone[sk] = committed
	}
	ids := append(append([]string(nil), w.series[sk]...), committed...)
	return dedupe(ids), nil
}

// talkSpeakers lists the people who presented a talk, committed or
// written in this transaction: the talk's record counts them.
// The caller must not change the list.
func (w *Writer) talkSpeakers(talk string) ([]string, error) {
	if sp, ok := w.speakersOf[talk]; ok {
		return sp, nil
	}
	r, err := w.node(talk)
	if err != nil {
		return nil, err
	}
	sp := slices.Clip(r.links(graph.Presented))
	w.speakersOf[talk] = sp
	return sp, nil
}

// reput re-stores every committed source that contributed one of the nodes,
// so that it picks up redirects recorded since.
func (w *Writer) reput(nodes []string) error {
	var srcs []string
	for _, id := range nodes {
		err := scanKeys(w.snap, prefixKey(pFwd, id), func(k []byte) {
			f := splitKey(k)
			srcs = append(srcs, f[len(f)-1])
		})
		if err != nil {
			return err
		}
		// A reverse group by commit names its sources in its value.
		err = eachGroup(w.snap, prefixKey(pRev, id), true, func(_, src, _ []byte) error {
			srcs = append(srcs, string(src))
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, s := range dedupe(srcs) {
		f, err := w.factsOf(s)
		if errors.Is(err, graph.ErrNotFound) {
			continue // replaced by the source being stored
		}
		if err != nil {
			return err
		}
		if err := w.removeSource(s); err != nil {
			return err
		}
		var ferr error
		tf := translateFunc(f, func(id string) string {
			t, err := w.redirect(id)
			if err != nil {
				ferr = err
				return id
			}
			return t
		}, &w.ts)
		if ferr != nil {
			return ferr
		}
		if err := w.write(tf); err != nil {
			return err
		}
	}
	return nil
}

func scanKeys(txn *badger.Txn, prefix []byte, fn func(k []byte)) error {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefix})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		fn(it.Item().Key())
	}
	return nil
}

func dedupe(ids []string) []string {
	sort.Strings(ids)
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// translate maps the ids of f through a plan.
func translate(f *graph.Facts, trans map[string]string, sc *translateScratch) *graph.Facts {
	p := &plan{trans: trans}
	return translateFunc(f, p.final, sc)
}

// translateScratch holds the maps translateFunc indexes a source's nodes
// and edges with, kept by a writer from one source to the next: made anew
// for each source, they were 3 % of what a load allocated.
type translateScratch struct {
	nodes map[string]int
	edges map[[3]string]int
}

// reset empties the maps, so that they keep no ids alive, and drops them
// after an outsized source rather than keep their room.
func (sc *translateScratch) reset() {
	if len(sc.nodes) > maxScratchEntries || len(sc.edges) > maxScratchEntries {
		sc.nodes, sc.edges = nil, nil
		return
	}
	clear(sc.nodes)
	clear(sc.edges)
}

// maxScratchEntries is the most entries a translateScratch map keeps room
// for (a recap states ~75 nodes and ~120 edges).
const maxScratchEntries = 4096

// translateFunc returns a copy of f with every id mapped by fn, nodes that
// became one merged, duplicate edges joined and self-loops dropped.
func translateFunc(f *graph.Facts, fn func(string) string, sc *translateScratch) *graph.Facts {
	// Everything is sized once: a load translates every recap, and growing
	// these from nothing was a tenth of what a load allocated.
	out := &graph.Facts{Source: f.Source, Warnings: f.Warnings}
	if len(f.Nodes) > 0 {
		out.Nodes = make([]graph.Node, 0, len(f.Nodes))
	}
	out.Source.ID = fn(f.Source.ID)
	if sc.nodes == nil {
		sc.nodes, sc.edges = map[string]int{}, map[[3]string]int{}
	}
	nodes, edges := sc.nodes, sc.edges
	defer sc.reset()
	for _, n := range f.Nodes {
		n.ID = fn(n.ID)
		if i, ok := nodes[n.ID]; ok {
			out.Nodes[i] = mergeNode(out.Nodes[i], n)
			continue
		}
		nodes[n.ID] = len(out.Nodes)
		out.Nodes = append(out.Nodes, n)
	}
	if len(f.Edges) > 0 {
		out.Edges = make([]graph.Edge, 0, len(f.Edges))
	}
	// The edges' evidence is copied into one array; each edge's slice of
	// it is capped at its length, so merging appends into an array of its
	// own and never into a neighbour's or f's.
	n := 0
	for _, e := range f.Edges {
		n += len(e.Evidence)
	}
	evidence := make([]graph.Evidence, 0, n)
	for _, e := range f.Edges {
		e.Source, e.Target = fn(e.Source), fn(e.Target)
		if e.Source == e.Target {
			continue
		}
		k := [3]string{e.Source, string(e.Kind), e.Target}
		if i, ok := edges[k]; ok {
			out.Edges[i].Evidence = mergeEvidence(out.Edges[i].Evidence, e.Evidence)
			continue
		}
		edges[k] = len(out.Edges)
		start := len(evidence)
		evidence = append(evidence, e.Evidence...)
		e.Evidence = evidence[start:len(evidence):len(evidence)]
		if len(e.Evidence) == 0 {
			e.Evidence = nil
		}
		out.Edges = append(out.Edges, e)
	}
	return out
}

func mergeNode(a, b graph.Node) graph.Node {
	if quality(b) > quality(a) {
		a, b = b, a
	}
	seen := map[string]bool{}
	var aliases []string
	for _, s := range append(append(append([]string{}, a.Aliases...), b.Name), b.Aliases...) {
		if !seen[s] && s != a.Name {
			seen[s] = true
			aliases = append(aliases, s)
		}
	}
	a.Aliases = aliases
	if len(b.Attrs) > 0 {
		attrs := map[string]any{}
		for k, v := range b.Attrs {
			attrs[k] = v
		}
		for k, v := range a.Attrs {
			attrs[k] = v
		}
		a.Attrs = attrs
	}
	return a
}

func mergeEvidence(a, b []graph.Evidence) []graph.Evidence {
	for _, e := range b {
		dup := false
		for _, x := range a {
			if x.Line == e.Line && x.Text == e.Text {
				dup = true
				break
			}
		}
		if !dup {
			a = append(a, e)
		}
	}
	return a
}
