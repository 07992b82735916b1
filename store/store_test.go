package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

func open(t *testing.T, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return db
}

func ev(src string, line int, text string) []graph.Evidence {
	return []graph.Evidence{{Source: src, Line: line, Text: text}}
}

// recap builds the facts of a small source: one talk at an event, given by
// speaker, mentioning the things.
func recap(src, path, hash, event string, year int, talk, speaker string, things ...string) *graph.Facts {
	f := &graph.Facts{Source: graph.SourceInfo{ID: src, Path: path, Hash: hash}}
	eid := "event:" + graph.Slug(event)
	if year > 0 {
		eid = "event:" + graph.Slug(event) + "-" + itoa(year)
	}
	attrs := map[string]any{"series": "kcd", "city": "Zurich"}
	if year > 0 {
		attrs["year"] = year
	}
	tid := graph.TalkID(eid, talk)
	pid := graph.NodeID(graph.Person, speaker)
	f.Nodes = append(f.Nodes,
		graph.Node{ID: src, Kind: graph.Source, Name: path},
		graph.Node{ID: eid, Kind: graph.Event, Name: event, Attrs: attrs},
		graph.Node{ID: tid, Kind: graph.Talk, Name: talk},
		graph.Node{ID: pid, Kind: graph.Person, Name: speaker})
	f.Edges = append(f.Edges,
		graph.Edge{Source: src, Kind: graph.Covers, Target: eid, Evidence: ev(src, 1, event)},
		graph.Edge{Source: tid, Kind: graph.HeldAt, Target: eid, Evidence: ev(src, 2, talk)},
		graph.Edge{Source: pid, Kind: graph.Presented, Target: tid, Evidence: ev(src, 3, "Speaker: "+speaker)})
	for i, th := range things {
		id := graph.NodeID(graph.Project, th)
		f.Nodes = append(f.Nodes, graph.Node{ID: id, Kind: graph.Project, Name: th})
		f.Edges = append(f.Edges, graph.Edge{Source: tid, Kind: graph.Mentions, Target: id, Evidence: ev(src, 4+i, th+" is great")})
	}
	return f
}

func itoa(n int) string {
	return string(rune('0'+n/1000)) + string(rune('0'+n/100%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

func put(t *testing.T, db *store.DB, f *graph.Facts) graph.PutResult {
	t.Helper()
	res, err := db.PutSource(context.Background(), f)
	if err != nil {
		t.Fatalf("put %s: %v", f.Source.ID, err)
	}
	return res
}

// putAll puts facts through one Writer, committing after every n.
func putAll(t *testing.T, db *store.DB, facts []*graph.Facts, n int) {
	t.Helper()
	w, err := db.NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range facts {
		if _, err := w.Put(context.Background(), f); err != nil {
			t.Fatal(err)
		}
		if i%n == n-1 {
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func dump(t *testing.T, db *store.DB) *graph.Graph {
	t.Helper()
	g, err := graph.Load(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestPutGetAndReverse(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir())
	defer db.Close()
	put(t, db, recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "eBPF for Security", "Liz Rice", "Cilium", "Tetragon"))

	n, err := db.Node(ctx, "project:cilium")
	if err != nil || n.Name != "Cilium" || n.Kind != graph.Project {
		t.Fatalf("node = %+v, %v", n, err)
	}
	if _, err := db.Node(ctx, "project:nope"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("missing node: err = %v, want ErrNotFound", err)
	}
	talks, err := db.Neighbors(ctx, "project:cilium", graph.In, graph.Mentions)
	if err != nil || !reflect.DeepEqual(talks, []string{"talk:kcd-zurich-2023/ebpf-for-security"}) {
		t.Errorf("talks mentioning cilium = %v, %v", talks, err)
	}
	speakers, _ := db.Neighbors(ctx, "talk:kcd-zurich-2023/ebpf-for-security", graph.In, graph.Presented)
	if !reflect.DeepEqual(speakers, []string{"person:liz-rice"}) {
		t.Errorf("speakers = %v", speakers)
	}
	edges, _ := db.Edges(ctx, "project:cilium", graph.In, graph.Mentions)
	if len(edges) != 1 || len(edges[0].Evidence) != 1 || edges[0].Evidence[0].Line != 4 || edges[0].Evidence[0].Source != "source:a" {
		t.Errorf("evidence = %+v", edges)
	}
	for _, name := range []string{"cilium", "CILIUM", "Cilium"} {
		ids, _ := db.Lookup(ctx, name)
		if !reflect.DeepEqual(ids, []string{"project:cilium"}) {
			t.Errorf("Lookup(%q) = %v", name, ids)
		}
	}
}

// Edges, in both directions, with and without a kind, returns what the
// full walk has at that end, one edge per (source, kind, target) with the
// evidence of every recap that stated it.
func TestEdgesMatchWalk(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir())
	defer db.Close()
	put(t, db, recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium", "Hubble"))
	put(t, db, recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	put(t, db, recap("source:c", "/r/c.txt", "h3", "KCD Zurich", 2023, "Talk Two", "Liz Rice", "Cilium", "Falco"))
	g := dump(t, db)
	shared := 0
	for _, nd := range g.Nodes {
		for _, dir := range []graph.Direction{graph.Out, graph.In} {
			var want []graph.Edge
			for _, e := range g.Edges {
				if (dir == graph.Out && e.Source == nd.ID) || (dir == graph.In && e.Target == nd.ID) {
					want = append(want, e)
					if len(e.Evidence) > 1 {
						shared++
					}
				}
			}
			got, err := db.Edges(ctx, nd.ID, dir, "")
			if err != nil {
				t.Fatal(err)
			}
			sort.Slice(got, func(i, j int) bool { return graph.EdgeLess(got[i], got[j]) })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %v: %+v\nwant %+v", nd.ID, dir, got, want)
			}
			// Neighbors of every kind: the other ends by kind, then id.
			var all [][2]string
			for _, e := range want {
				if dir == graph.Out {
					all = append(all, [2]string{string(e.Kind), e.Target})
				} else {
					all = append(all, [2]string{string(e.Kind), e.Source})
				}
			}
			slices.SortFunc(all, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
			var allEnds []string
			for _, a := range all {
				allEnds = append(allEnds, a[1])
			}
			if nb, err := db.Neighbors(ctx, nd.ID, dir, ""); err != nil || !slices.Equal(nb, allEnds) {
				t.Errorf("Neighbors %s %v = %v, %v; want %v", nd.ID, dir, nb, err, allEnds)
			}
			for _, k := range graph.EdgeKinds {
				got, err := db.Edges(ctx, nd.ID, dir, k)
				if err != nil {
					t.Fatal(err)
				}
				var wk []graph.Edge
				for _, e := range want {
					if e.Kind == k {
						wk = append(wk, e)
					}
				}
				sort.Slice(got, func(i, j int) bool { return graph.EdgeLess(got[i], got[j]) })
				if !reflect.DeepEqual(got, wk) {
					t.Errorf("%s %v %s: %+v\nwant %+v", nd.ID, dir, k, got, wk)
				}
				// Neighbors: the other ends of those edges, in key order.
				var ends []string
				for _, e := range wk {
					if dir == graph.Out {
						ends = append(ends, e.Target)
					} else {
						ends = append(ends, e.Source)
					}
				}
				slices.Sort(ends)
				nb, err := db.Neighbors(ctx, nd.ID, dir, k)
				if err != nil || !slices.Equal(nb, ends) {
					t.Errorf("Neighbors %s %v %s = %v, %v; want %v", nd.ID, dir, k, nb, err, ends)
				}
			}
		}
	}
	if shared == 0 {
		t.Fatal("no edge with evidence from two sources")
	}
}

func TestIdempotentAndReplace(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir())
	defer db.Close()
	put(t, db, recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	before := dump(t, db)
	if res := put(t, db, recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium")); !res.Unchanged {
		t.Errorf("same content again: %+v, want Unchanged", res)
	}
	if !reflect.DeepEqual(before, dump(t, db)) {
		t.Error("re-put of unchanged source changed the graph")
	}
	res := put(t, db, recap("source:a", "/r/a.txt", "h2", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Falco"))
	if !res.Replaced {
		t.Errorf("changed content: %+v, want Replaced", res)
	}
	if _, err := db.Node(ctx, "project:cilium"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("cilium should be gone after replace, err = %v", err)
	}
	if ids, _ := db.Lookup(ctx, "cilium"); len(ids) != 0 {
		t.Errorf("alias index still has cilium: %v", ids)
	}
	if _, err := db.Node(ctx, "project:falco"); err != nil {
		t.Errorf("falco missing: %v", err)
	}
}

func TestRemoveKeepsSharedFacts(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir())
	defer db.Close()
	put(t, db, recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium", "Hubble"))
	put(t, db, recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	if err := db.RemoveSource(ctx, "source:a"); err != nil {
		t.Fatal(err)
	}
	edges, _ := db.Edges(ctx, "project:cilium", graph.In, graph.Mentions)
	if len(edges) != 1 || len(edges[0].Evidence) != 1 || edges[0].Evidence[0].Source != "source:b" {
		t.Errorf("shared edge should keep only b's evidence: %+v", edges)
	}
	if _, err := db.Node(ctx, "project:hubble"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("hubble only a had: err = %v", err)
	}
	if err := db.RemoveSource(ctx, "source:a"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("second remove: %v, want ErrNotFound", err)
	}
	if err := db.RemoveSource(ctx, "source:b"); err != nil {
		t.Fatal(err)
	}
	if g := dump(t, db); len(g.Nodes) != 0 || len(g.Edges) != 0 {
		t.Errorf("empty after removing all: %d nodes %d edges", len(g.Nodes), len(g.Edges))
	}
}

func TestReopenAndSchema(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	put(t, db, recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	want := dump(t, db)
	db.Close()

	ro, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, ro); !reflect.DeepEqual(got, want) {
		t.Error("graph differs after reopen")
	}
	if _, err := ro.NewWriter(); !errors.Is(err, graph.ErrReadOnly) {
		t.Errorf("writer on read-only db: %v", err)
	}
	ro.Close()

	db = open(t, dir)
	if err := store.SetMetaForTest(db, "schema", "kg/99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := store.Open(dir, store.Options{}); !errors.Is(err, graph.ErrSchema) {
		t.Errorf("unknown schema: err = %v, want ErrSchema", err)
	}
}

func TestNotADatabase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(dir, store.Options{}); !errors.Is(err, graph.ErrSchema) {
		t.Errorf("directory with other files: err = %v, want ErrSchema", err)
	}
	if _, err := store.Open(filepath.Join(dir, "missing"), store.Options{ReadOnly: true}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("read-only open of missing dir: err = %v, want ErrNotFound", err)
	}
}

func TestSecondWriterLocked(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	defer db.Close()
	_, err := store.Open(dir, store.Options{})
	if !errors.Is(err, graph.ErrLocked) {
		t.Fatalf("second writer: err = %v, want ErrLocked", err)
	}
}

// TestResolutionOrderIndependent: a year-less recap of an event joins the
// edition with a year, and a one-letter misspelling of a speaker of the same
// talk joins that speaker, whatever order the sources arrive in.
func TestResolutionOrderIndependent(t *testing.T) {
	a := recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Demystifying eBPF", "Filip Nikolic", "eBPF")
	b := recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 0, "Demystifying eBPF", "Filip Nicolic", "Cilium")
	c := recap("source:c", "/r/c.txt", "h3", "KCD Zurich", 2023, "Other Talk", "Liz Rice")
	orders := [][]*graph.Facts{{a, b, c}, {b, a, c}, {c, b, a}, {b, c, a}}
	var first *graph.Graph
	for i, order := range orders {
		db, err := store.Open("", store.Options{InMemory: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range order {
			put(t, db, f)
		}
		g := dump(t, db)
		db.Close()
		people, events := 0, 0
		for _, n := range g.Nodes {
			switch n.Kind {
			case graph.Person:
				people++
			case graph.Event:
				events++
			}
		}
		if people != 2 || events != 1 {
			t.Errorf("order %d: %d people, %d events; want 2, 1", i, people, events)
		}
		if first == nil {
			first = g
		} else if !reflect.DeepEqual(first, g) {
			t.Errorf("order %d gives a different graph", i)
		}
	}
}

// A source too large for one transaction is refused whole, and nothing of
// it survives in the writer's caches: the records it touched (an event and
// a project every source shares, and a speaker of the sources before and
// after it) are written later exactly as if it had never come.
func TestTooLargeLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	huge := recap("source:big", "/r/big.txt", "hb", "KCD Zurich", 2023, "Big Talk", "Liz Rice", "Cilium")
	for i := 0; i < 60000; i++ {
		tid := graph.TalkID("event:kcd-zurich-2023", fmt.Sprintf("Talk %d", i))
		huge.Nodes = append(huge.Nodes, graph.Node{ID: tid, Kind: graph.Talk, Name: fmt.Sprintf("Talk %d", i)})
		huge.Edges = append(huge.Edges,
			graph.Edge{Source: tid, Kind: graph.HeldAt, Target: "event:kcd-zurich-2023", Evidence: ev("source:big", i+10, strings.Repeat("long evidence ", 12))},
			graph.Edge{Source: tid, Kind: graph.Mentions, Target: "project:cilium", Evidence: ev("source:big", i+10, strings.Repeat("long evidence ", 12))})
	}
	a := recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium")
	c := recap("source:c", "/r/c.txt", "h3", "KCD Zurich", 2023, "Talk Three", "Liz Rice", "Cilium")

	db := open(t, t.TempDir())
	defer db.Close()
	w, err := db.NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*graph.Facts{a, huge, c} {
		if _, err := w.Put(ctx, f); err != nil && !(f == huge && errors.Is(err, store.ErrTooLarge)) {
			t.Fatalf("put %s: %v", f.Source.ID, err)
		} else if f == huge && err == nil {
			t.Fatal("the huge source fit in one transaction; make it bigger")
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := open(t, t.TempDir())
	defer want.Close()
	put(t, want, a)
	put(t, want, c)
	if got, exp := dump(t, db), dump(t, want); !reflect.DeepEqual(got, exp) {
		t.Errorf("graph after a refused source differs from the graph without it")
	}
	if rep, err := db.Check(ctx, false); err != nil || !rep.Clean() {
		t.Errorf("check: %+v, %v", rep.Problems, err)
	}
}

// The writer's filter of known ids only skips reads of records that do not
// exist: the graph is the same whether it is built early or never.
func TestKnownIDFilterChangesNothing(t *testing.T) {
	ctx := context.Background()
	facts := []*graph.Facts{
		recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium", "Hubble"),
		recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"),
		recap("source:c", "/r/c.txt", "h3", "KCD Zurich", 0, "Demystifying eBPF", "Filip Nicolic", "eBPF"),
		recap("source:d", "/r/d.txt", "h4", "KCD Zurich", 2023, "Demystifying eBPF", "Filip Nikolic", "Falco"),
		recap("source:d", "/r/d.txt", "h6", "KCD Zurich", 2023, "Demystifying eBPF", "Filip Nikolic", "Falco", "Kyverno"),
	}
	for i := 0; i < 30; i++ {
		facts = append(facts, recap("source:x"+itoa(i), "/r/x"+itoa(i)+".txt", "hx"+itoa(i), "KCD Zurich", 2023,
			"Talk "+itoa(i%7), "Speaker "+itoa(i%5), "Project "+itoa(i%3)))
	}
	// The first source was not committed when a filter built after it was
	// made; replacing it tells whether the filter holds its path.
	facts = append(facts, recap(srcA, "/r/a.txt", "h5", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium", "Envoy"))
	// A second load, through a writer whose filter starts from what the
	// first stored: it replaces a stored path, gives a stored source's id
	// to another path, and does both to sources of its own, committed and
	// not yet committed.
	later := []*graph.Facts{
		recap(srcA, "/r/a.txt", "h7", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Tetragon"),
		recap("source:b", "/r/b2.txt", "h8", "KCD Zurich", 2023, "Talk Nine", "Anna Schmidt", "Falco"),
		recap("source:y", "/r/y.txt", "h9", "KCD Zurich", 2023, "Talk Ten", "Anna Schmidt", "Falco"),
		recap("source:y", "/r/y2.txt", "h10", "KCD Zurich", 2023, "Talk Ten", "Anna Schmidt", "Kyverno"),
		recap("source:y", "/r/y.txt", "h11", "KCD Zurich", 2023, "Talk Ten", "Anna Schmidt", "Argo"),
		recap("source:z", "/r/z.txt", "h12", "KCD Zurich", 2023, "Talk Ten", "Anna Schmidt", "Flux"),
		recap("source:z", "/r/z.txt", "h13", "KCD Zurich", 2023, "Talk Ten", "Anna Schmidt", "Istio"),
		recap("source:x3", "/r/x3b.txt", "h14", "KCD Zurich", 2023, "Talk 3", "Speaker 3", "Linkerd"),
	}
	build := func(after int) *graph.Graph {
		defer store.SetBloomAfterForTest(after)()
		db := open(t, t.TempDir())
		defer db.Close()
		putAll(t, db, facts, 4)
		putAll(t, db, later, 3)
		if srcs, err := db.Sources(ctx); err != nil || len(srcs) != 4+30+5 {
			t.Errorf("after=%d: %d sources (%v), want %d", after, len(srcs), err, 4+30+5)
		}
		if rep, err := db.Check(ctx, false); err != nil || !rep.Clean() {
			t.Errorf("after=%d: check %+v, %v", after, rep.Problems, err)
		}
		return dump(t, db)
	}
	if a, b := build(1), build(1<<30); !reflect.DeepEqual(a, b) {
		t.Error("the graph depends on when the writer built its filter")
	}
}

// What one writer keeps across commits (hub records, the names of people)
// changes nothing: a load through one writer builds the graph that storing
// each source with its own writer builds, through fuzzy speaker merges,
// replaced sources and events without a year.
func TestWriterCachesChangeNothing(t *testing.T) {
	ctx := context.Background()
	spellings := []string{"Filip Nikolic", "Filip Nicolic", "Filip Nikolić", "Anna Schmidt", "Anna Schmitt", "Liz Rice"}
	var facts []*graph.Facts
	for i := 0; i < 60; i++ {
		talk := "Talk " + itoa(i%4)
		year := 2023
		if i%7 == 3 { // a recap that does not say the year joins the one that does
			year = 0
		}
		f := recap("source:s"+itoa(i%25), "/r/s"+itoa(i%25)+".txt", "h"+itoa(i), "KCD Zurich", year,
			talk, spellings[(i*7)%len(spellings)], "Cilium")
		if i%5 == 0 { // a second speaker on the same talk
			p := graph.NodeID(graph.Person, spellings[(i+1)%len(spellings)])
			f.Nodes = append(f.Nodes, graph.Node{ID: p, Kind: graph.Person, Name: spellings[(i+1)%len(spellings)]})
			f.Edges = append(f.Edges, graph.Edge{Source: p, Kind: graph.Presented, Target: f.Nodes[2].ID,
				Evidence: ev(f.Source.ID, 9, "with "+spellings[(i+1)%len(spellings)])})
		}
		facts = append(facts, f) // i >= 25 replaces the source of i-25
	}
	one := open(t, t.TempDir())
	defer one.Close()
	putAll(t, one, facts, 3)
	each := open(t, t.TempDir())
	defer each.Close()
	for _, f := range facts {
		put(t, each, f)
	}
	for _, db := range []*store.DB{one, each} {
		if rep, err := db.Check(ctx, false); err != nil || !rep.Clean() {
			t.Errorf("check %+v, %v", rep.Problems, err)
		}
	}
	a, b := dump(t, one), dump(t, each)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("one writer: %d nodes %d edges; a writer each: %d nodes %d edges", len(a.Nodes), len(a.Edges), len(b.Nodes), len(b.Edges))
	}
	people := 0
	for _, n := range a.Nodes {
		if n.Kind == graph.Person {
			people++
		}
	}
	if people >= 5 { // five ids among the spellings; merges leave three
		t.Errorf("%d people: the near spellings were not merged", people)
	}
}

// Records that one writer deletes (their last source replaced) and later
// stores again start afresh, as with a writer per source: the writer's
// copy of what it committed (its spill) must forget the deleted ones.
func TestWriterRecordsDeletedAndRevived(t *testing.T) {
	ctx := context.Background()
	var facts []*graph.Facts
	for i := 0; i < 12; i++ {
		// Each source is replaced by the next one of its path, which
		// drops its talk and speaker; a later source brings them back
		// spelled differently.
		spelling := []string{"Talk ONE", "Talk One", "talk one"}[i%3]
		speaker := []string{"Liz Rice", "Thomas Graf", "Duffie Cooley"}[i%3]
		talk := spelling
		if i%2 == 1 {
			talk = "Other Talk " + itoa(i)
		}
		facts = append(facts, recap("source:r"+itoa(i%2), "/r/r"+itoa(i%2)+".txt", "h"+itoa(i), "KCD Zurich", 2023,
			talk, speaker, "Cilium"))
	}
	each := open(t, t.TempDir())
	defer each.Close()
	for _, f := range facts {
		put(t, each, f)
	}
	want := dump(t, each)
	// Also with the spill compacting after almost every commit.
	for _, compactMin := range []int64{1 << 30, 1} {
		restore := store.SetSpillCompactMinForTest(compactMin)
		one := open(t, t.TempDir())
		putAll(t, one, facts, 1)
		restore()
		for _, db := range []*store.DB{one, each} {
			if rep, err := db.Check(ctx, false); err != nil || !rep.Clean() {
				t.Errorf("compact at %d: check %+v, %v", compactMin, rep.Problems, err)
			}
		}
		if got := dump(t, one); !reflect.DeepEqual(got, want) {
			t.Errorf("compact at %d: one writer: %+v\na writer each: %+v", compactMin, got.Nodes, want.Nodes)
		}
		one.Close()
	}
}

// A bulk load defers compaction to Compact, which leaves one level; the
// graph is the one a normal load builds, and a bulk database closed
// without Compact loses nothing.
func TestBulkLoadAndCompact(t *testing.T) {
	ctx := context.Background()
	defer store.SetMemTableSizeForTest(512 << 10)()
	var facts []*graph.Facts
	for i := 0; i < 1500; i++ {
		talk := fmt.Sprintf("A rather long talk title about observability number %d", i)
		facts = append(facts, recap(fmt.Sprintf("source:bulk-%d", i), fmt.Sprintf("/r/bulk-%d.txt", i), fmt.Sprintf("h%d", i),
			"KubeCon Europe", 2024, talk, fmt.Sprintf("Speaker Number %d", i%400), "Cilium", fmt.Sprintf("Project %d", i%50)))
	}
	load := func(dir string, bulk bool) *store.DB {
		db, err := store.Open(dir, store.Options{Bulk: bulk})
		if err != nil {
			t.Fatal(err)
		}
		putAll(t, db, facts, 50)
		return db
	}
	normal := load(t.TempDir(), false)
	want := dump(t, normal)
	normal.Close()

	dir := t.TempDir()
	db := load(dir, true)
	if lv := store.TablesPerLevelForTest(db); lv[0] < 3 {
		t.Fatalf("a bulk load should leave level-0 tables to Compact, got %v", lv)
	}
	if err := db.Compact(); err != nil {
		t.Fatal(err)
	}
	used := 0
	lv := store.TablesPerLevelForTest(db)
	for _, n := range lv {
		if n > 0 {
			used++
		}
	}
	if used != 1 || lv[0] != 0 {
		t.Errorf("after Compact the tables are on %d levels: %v", used, store.TablesPerLevelForTest(db))
	}
	if got := dump(t, db); !reflect.DeepEqual(got, want) {
		t.Error("bulk load and Compact changed the graph")
	}
	if rep, err := db.Check(ctx, false); err != nil || !rep.Clean() {
		t.Errorf("check: %+v, %v", rep.Problems, err)
	}
	db.Close()

	// Closed mid-way (no Compact): a normal open reads everything.
	dir2 := t.TempDir()
	load(dir2, true).Close()
	db2 := open(t, dir2)
	defer db2.Close()
	if got := dump(t, db2); !reflect.DeepEqual(got, want) {
		t.Error("a bulk database closed without Compact lost facts")
	}
}

// Hashes answers from the snapshot it was taken at, for many goroutines at
// once, and without waiting for the writer's commits.
func TestHashesSnapshot(t *testing.T) {
	db := open(t, t.TempDir())
	defer db.Close()
	put(t, db, recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	h, err := db.Hashes()
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 2023, "Talk Two", "Liz Rice", "Cilium"))
	done := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			if got, err := h.Of("/r/a.txt"); err != nil || got != "h1" {
				done <- fmt.Errorf("a: %q, %v", got, err)
				return
			}
			if _, err := h.Of("/r/b.txt"); !errors.Is(err, graph.ErrNotFound) {
				done <- fmt.Errorf("b was stored after the snapshot, got %v", err)
				return
			}
			done <- nil
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	h.Close()
	h.Close()
	if _, err := h.Of("/r/a.txt"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("after Close: %v", err)
	}
	h2, _ := db.Hashes()
	defer h2.Close()
	if got, err := h2.Of("/r/b.txt"); err != nil || got != "h2" {
		t.Errorf("a new snapshot sees b: %q, %v", got, err)
	}
	// A snapshot is renewed after a number of checks, so that it never
	// keeps compaction from dropping what a long load overwrote: then it
	// sees what was stored since.
	put(t, db, recap("source:c", "/r/c.txt", "h3", "KCD Zurich", 2023, "Talk Three", "Liz Rice", "Cilium"))
	seen := false
	for i := 0; i <= store.HashesRenewForTest(); i++ {
		if got, err := h2.Of("/r/c.txt"); err == nil && got == "h3" {
			seen = true
			break
		}
	}
	if !seen {
		t.Errorf("after %d checks the snapshot still does not see c", store.HashesRenewForTest()+1)
	}
}

// In a bulk load, Hashes answers from a filter of the stored paths once
// its first snapshot is renewed: a path stored before still reads its hash,
// an absent one reads as not stored, and a path stored after the filter
// was made reads as not stored too, as in a snapshot.
func TestHashesBulkFilter(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var facts []*graph.Facts
	for i := 0; i < 40; i++ {
		facts = append(facts, recap("source:p"+itoa(i), "/r/p"+itoa(i)+".txt", "h"+itoa(i), "KCD Zurich", 2023, "Talk "+itoa(i), "Liz Rice", "Cilium"))
	}
	putAll(t, db, facts, 16)
	h, err := db.Hashes()
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for i := 0; i <= store.HashesRenewForTest()+len(facts); i++ {
		j := i % len(facts)
		if got, err := h.Of("/r/p" + itoa(j) + ".txt"); err != nil || got != "h"+itoa(j) {
			t.Fatalf("check %d: p%d reads %q, %v", i, j, got, err)
		}
		if _, err := h.Of("/r/absent" + itoa(i) + ".txt"); !errors.Is(err, graph.ErrNotFound) {
			t.Fatalf("check %d: an absent path reads %v", i, err)
		}
	}
	put(t, db, recap("source:late", "/r/late.txt", "hl", "KCD Zurich", 2023, "Talk Late", "Liz Rice", "Cilium"))
	for i := 0; i <= store.HashesRenewForTest(); i++ {
		if got, err := h.Of("/r/late.txt"); !errors.Is(err, graph.ErrNotFound) {
			t.Fatalf("a path stored after the filter reads %q, %v", got, err)
		}
	}
}
