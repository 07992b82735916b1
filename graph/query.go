package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// NameError says why a name did not resolve to one node: nothing matched
// (Suggestions may hold close spellings) or several did (Candidates).
type NameError struct {
	Name        string
	Kinds       []NodeKind
	Suggestions []string
	Candidates  []Node
}

func (e *NameError) Error() string {
	if len(e.Candidates) > 1 {
		var parts []string
		for _, c := range e.Candidates {
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", c.Name, c.Kind, c.ID))
		}
		return fmt.Sprintf("%q is ambiguous: %s; use an id", e.Name, strings.Join(parts, ", "))
	}
	kinds := "node"
	if len(e.Kinds) > 0 {
		var ks []string
		for _, k := range e.Kinds {
			ks = append(ks, string(k))
		}
		kinds = strings.Join(ks, ", ")
	}
	msg := fmt.Sprintf("no %s named %q", kinds, e.Name)
	if len(e.Suggestions) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestions[0])
	}
	return msg
}

// Is makes a NameError match ErrNotFound.
func (e *NameError) Is(target error) bool { return target == ErrNotFound }

// Resolve finds the one node a user means by name, among kinds (all kinds
// if none are given): an exact id, then a spelling with the same Key (the
// alias index), then a fuzzy match of the names and aliases. It returns a
// *NameError when nothing or several nodes match.
func Resolve(ctx context.Context, s Store, name string, kinds ...NodeKind) (Node, error) {
	name = strings.TrimSpace(name)
	ok := func(k NodeKind) bool {
		if len(kinds) == 0 {
			return true
		}
		for _, x := range kinds {
			if x == k {
				return true
			}
		}
		return false
	}
	if name == "" {
		return Node{}, &NameError{Name: name, Kinds: kinds}
	}
	ids, err := s.Lookup(ctx, name)
	if err != nil {
		return Node{}, err
	}
	var cands []Node
	for _, id := range ids {
		if id == name {
			n, err := s.Node(ctx, id)
			if err == nil && ok(n.Kind) {
				return n, nil
			}
		}
	}
	for _, id := range ids {
		n, err := s.Node(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return Node{}, err
		}
		if ok(n.Kind) {
			cands = append(cands, n)
		}
	}
	if len(cands) == 1 {
		return cands[0], nil
	}
	if len(cands) > 1 {
		// A catalog-like kind beats a talk or source that shares the name.
		best := preferred(cands)
		if len(best) == 1 {
			return best[0], nil
		}
		return Node{}, &NameError{Name: name, Kinds: kinds, Candidates: best}
	}
	sugg, err := Suggest(ctx, s, name, 3, kinds...)
	if err != nil {
		return Node{}, err
	}
	return Node{}, &NameError{Name: name, Kinds: kinds, Suggestions: sugg}
}

// preferred keeps the candidates of the most specific kind.
func preferred(c []Node) []Node {
	rank := map[NodeKind]int{Project: 0, Topic: 1, Person: 2, Org: 3, Event: 4, Talk: 5, Source: 6}
	best := 99
	for _, n := range c {
		best = min(best, rank[n.Kind])
	}
	var out []Node
	for _, n := range c {
		if rank[n.Kind] == best {
			out = append(out, n)
		}
	}
	return out
}

// Suggest returns up to n names of nodes (of kinds) whose name or alias is
// close to name, closest first. It reads every node of those kinds: O(V).
func Suggest(ctx context.Context, s Store, name string, n int, kinds ...NodeKind) ([]string, error) {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	target := Fold(name)
	maxD := 1 + len([]rune(target))/4
	visit := func(nd Node) error {
		best := maxD + 1
		for _, a := range append([]string{nd.Name}, nd.Aliases...) {
			d := editDistance(target, Fold(a), maxD)
			if pa := Fold(a); len(target) >= 4 && strings.Contains(pa, target) && len(pa) <= 2*len(target) {
				d = min(d, 1)
			}
			best = min(best, d)
		}
		if best <= maxD {
			cs = append(cs, cand{nd.Name, best})
		}
		return nil
	}
	if len(kinds) == 0 {
		if err := s.Nodes(ctx, "", visit); err != nil {
			return nil, err
		}
	}
	for _, k := range kinds {
		if err := s.Nodes(ctx, k, visit); err != nil {
			return nil, err
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].name < cs[j].name
	})
	var out []string
	for _, c := range cs {
		if len(out) == n {
			break
		}
		if len(out) == 0 || out[len(out)-1] != c.name {
			out = append(out, c.name)
		}
	}
	return out, nil
}

// Things are the kinds a talk can mention that users ask about.
var Things = []NodeKind{Project, Topic, Org, Person}

// TalkFilter selects talks; empty fields do not restrict. Ids are resolved
// node ids. Unless Exact, a project also stands for its parts (part_of):
// talks that mention Tetragon count for Cilium.
type TalkFilter struct {
	Mentions, Speaker, Event, Org string
	Exact                         bool
	// NoEvidence skips reading the evidence of the mentions filter, for
	// callers that only need the talks.
	NoEvidence bool
}

// TalkRow is one talk with its event and speakers, and the evidence of the
// filter that selected it.
type TalkRow struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Event    string     `json:"event,omitempty"`
	EventID  string     `json:"event_id,omitempty"`
	Speakers []string   `json:"speakers"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// WithParts returns id and, recursively, every project that is part_of it.
func WithParts(ctx context.Context, s Store, id string) ([]string, error) {
	seen := map[string]bool{id: true}
	queue := []string{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		kids, err := s.Neighbors(ctx, cur, In, PartOf)
		if err != nil {
			return nil, err
		}
		for _, k := range kids {
			if !seen[k] {
				seen[k] = true
				queue = append(queue, k)
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

// FindTalks returns the talks that pass f, ordered by event then title.
// Each filter is a prefix scan from the named node, so the cost follows the
// number of matching edges, not the size of the graph.
func FindTalks(ctx context.Context, s Store, f TalkFilter) ([]TalkRow, error) {
	ids, err := talkIDs(ctx, s, f)
	if err != nil {
		return nil, err
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	// Read the talks together, then their speakers and events together:
	// two passes over the node records instead of a lookup per row, per
	// speaker and per event.
	rows := make([]TalkRow, 0, len(ids))
	var speakers [][]string
	var events [][]string // a row's candidate events, in order of preference
	// others lists each speaker and event once: rows share a few events
	// and many speakers, and sorting the repeats was a tenth of a large
	// query.
	var others []string
	seen := map[string]bool{}
	addOther := func(ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				others = append(others, id)
			}
		}
	}
	err = EachNodeLinks(ctx, s, list, func(n Node, ls Links) error {
		row := TalkRow{ID: n.ID, Title: n.Name}
		// A talk's id is scoped by its event ("talk:kcd-zurich-2023/..."),
		// so the event is usually the scope's; otherwise held_at says.
		cand := []string{"event:" + TalkScope(n.ID)}
		if len(ls.Events) > 0 {
			cand = append(cand, ls.Events[0])
		}
		ev := ids[n.ID]
		SortEvidence(ev)
		row.Evidence = ev
		rows = append(rows, row)
		speakers = append(speakers, ls.Speakers)
		events = append(events, cand)
		addOther(ls.Speakers)
		addOther(cand)
		return nil
	})
	if err != nil {
		return nil, err
	}
	name, err := names(ctx, s, others)
	if err != nil {
		return nil, err
	}
	inParts(len(rows), 2048, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			rows[i].Speakers = namesOf(speakers[i], name)
			for _, e := range events[i] {
				if nm, ok := name[e]; ok {
					rows[i].Event, rows[i].EventID = nm, e
					break
				}
			}
		}
	})
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Event != rows[j].Event {
			return rows[i].Event < rows[j].Event
		}
		if rows[i].Title != rows[j].Title {
			return rows[i].Title < rows[j].Title
		}
		return rows[i].ID < rows[j].ID
	})
	return rows, nil
}

// talkIDs returns the ids of the talks that pass f, with the evidence of
// the mentions filter.
func talkIDs(ctx context.Context, s Store, f TalkFilter) (map[string][]Evidence, error) {
	var sets []map[string][]Evidence
	if f.Mentions != "" {
		ids := []string{f.Mentions}
		if !f.Exact {
			var err error
			if ids, err = WithParts(ctx, s, f.Mentions); err != nil {
				return nil, err
			}
		}
		m := map[string][]Evidence{}
		for _, id := range ids {
			if f.NoEvidence {
				talks, err := s.Neighbors(ctx, id, In, Mentions)
				if err != nil {
					return nil, err
				}
				for _, t := range talks {
					if IDKind(t) == Talk {
						m[t] = nil
					}
				}
				continue
			}
			edges, err := s.Edges(ctx, id, In, Mentions)
			if err != nil {
				return nil, err
			}
			for _, e := range edges {
				if IDKind(e.Source) == Talk {
					m[e.Source] = append(m[e.Source], e.Evidence...)
				}
			}
		}
		sets = append(sets, m)
	}
	if f.Speaker != "" {
		m, err := idSet(ctx, s, f.Speaker, Out, Presented)
		if err != nil {
			return nil, err
		}
		sets = append(sets, m)
	}
	if f.Event != "" {
		m, err := idSet(ctx, s, f.Event, In, HeldAt)
		if err != nil {
			return nil, err
		}
		sets = append(sets, m)
	}
	if f.Org != "" {
		people, err := s.Neighbors(ctx, f.Org, In, WorksFor)
		if err != nil {
			return nil, err
		}
		m := map[string][]Evidence{}
		for _, p := range people {
			talks, err := s.Neighbors(ctx, p, Out, Presented)
			if err != nil {
				return nil, err
			}
			for _, t := range talks {
				m[t] = nil
			}
		}
		sets = append(sets, m)
	}
	var ids map[string][]Evidence
	if len(sets) == 0 {
		ids = map[string][]Evidence{}
		if err := s.Nodes(ctx, Talk, func(n Node) error { ids[n.ID] = nil; return nil }); err != nil {
			return nil, err
		}
	} else {
		ids = sets[0]
		for _, other := range sets[1:] {
			for id := range ids {
				if _, ok := other[id]; !ok {
					delete(ids, id)
				}
			}
		}
	}
	return ids, nil
}

func idSet(ctx context.Context, s Store, id string, dir Direction, k EdgeKind) (map[string][]Evidence, error) {
	ids, err := s.Neighbors(ctx, id, dir, k)
	m := make(map[string][]Evidence, len(ids))
	for _, x := range ids {
		m[x] = nil
	}
	return m, err
}

// names returns the display names of those of ids that are nodes, read in
// one pass.
func names(ctx context.Context, s Store, ids []string) (map[string]string, error) {
	m := make(map[string]string, len(ids))
	err := EachNodeName(ctx, s, ids, func(n Node) error {
		m[n.ID] = n.Name
		return nil
	})
	return m, err
}

// inParts calls fn over [0, n) split into one range per processor, in
// parallel, each of at least minPart items, so that the parts pay for
// their goroutines: naming and sorting the speakers of 9,000 rows took
// 10 ms of a 100k query's 85 (minPart 2048 there); scoring a related thing
// reads its talks (minPart 32).
func inParts(n, minPart int, fn func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), n/minPart)
	if parts < 2 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(p*n/parts, (p+1)*n/parts)
	}
	wg.Wait()
}

// namesOf returns the names m has for ids, sorted; never nil, so that an
// empty list prints as [] in JSON.
func namesOf(ids []string, m map[string]string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if nm, ok := m[id]; ok {
			out = append(out, nm)
		}
	}
	sort.Strings(out)
	return out
}

// SpeakerFilter selects people who presented talks. Tech selects speakers
// of talks that mention a project or topic (and, unless Exact, its parts).
type SpeakerFilter struct {
	Tech, Event, Org string
	Exact            bool
}

// SpeakerRow is a person with their organisations and talks.
type SpeakerRow struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Orgs  []string `json:"orgs"`
	Talks []string `json:"talks"`
}

// FindSpeakers returns the people who presented a talk passing f, by name.
func FindSpeakers(ctx context.Context, s Store, f SpeakerFilter) ([]SpeakerRow, error) {
	ids, err := talkIDs(ctx, s, TalkFilter{Mentions: f.Tech, Event: f.Event, Exact: f.Exact, NoEvidence: true})
	if err != nil {
		return nil, err
	}
	var orgPeople map[string]bool
	if f.Org != "" {
		ids, err := s.Neighbors(ctx, f.Org, In, WorksFor)
		if err != nil {
			return nil, err
		}
		orgPeople = map[string]bool{}
		for _, id := range ids {
			orgPeople[id] = true
		}
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	// The talks together, then their speakers together (see FindTalks).
	titles := map[string][]string{} // person -> titles of their talks
	var people []string
	err = EachNodeLinks(ctx, s, list, func(t Node, tl Links) error {
		for _, p := range tl.Speakers {
			if orgPeople != nil && !orgPeople[p] {
				continue
			}
			if _, ok := titles[p]; !ok {
				people = append(people, p)
			}
			titles[p] = append(titles[p], t.Name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Then the people together, then their organisations together.
	rows := []SpeakerRow{}
	var orgs [][]string
	var allOrgs []string
	seenOrg := map[string]bool{}
	err = EachNodeLinks(ctx, s, people, func(n Node, pl Links) error {
		rows = append(rows, SpeakerRow{ID: n.ID, Name: n.Name, Talks: titles[n.ID]})
		orgs = append(orgs, pl.Orgs)
		for _, o := range pl.Orgs {
			if !seenOrg[o] {
				seenOrg[o] = true
				allOrgs = append(allOrgs, o)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	orgName, err := names(ctx, s, allOrgs)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].Orgs = namesOf(orgs[i], orgName)
		sort.Strings(rows[i].Talks)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Name != rows[j].Name {
			return rows[i].Name < rows[j].Name
		}
		return rows[i].ID < rows[j].ID
	})
	return rows, nil
}
