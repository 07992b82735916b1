package store

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// The writer remembers speakers' names and talks' speakers within a
// transaction; each answer must stay what the record says as later
// sources of the same transaction change it.
func TestResolveMemosFollowRecords(t *testing.T) {
	db, err := Open("", Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, err := db.NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	tid := graph.TalkID("event:kcd-zurich-2023", "Demystifying eBPF")
	talkBy := func(src string, quality int, speakers ...string) *graph.Facts {
		f := &graph.Facts{Source: graph.SourceInfo{ID: src, Path: "/r/" + src, Hash: src}}
		f.Nodes = append(f.Nodes, graph.Node{ID: src, Kind: graph.Source, Name: src},
			graph.Node{ID: tid, Kind: graph.Talk, Name: "Demystifying eBPF"})
		for _, s := range speakers {
			pid := graph.NodeID(graph.Person, s)
			f.Nodes = append(f.Nodes, graph.Node{ID: pid, Kind: graph.Person, Name: s, Attrs: map[string]any{"quality": quality}})
			f.Edges = append(f.Edges, graph.Edge{Source: pid, Kind: graph.Presented, Target: tid,
				Evidence: []graph.Evidence{{Source: src, Line: 1, Text: "Speaker: " + s}}})
		}
		return f
	}
	pid := graph.NodeID(graph.Person, "Jose Garcia")
	agree := func(step string) {
		t.Helper()
		r, err := w.node(pid)
		if err != nil {
			t.Fatal(err)
		}
		if name, _, _ := w.personName(pid); name != r.name() {
			t.Errorf("%s: personName %q, the record says %q", step, name, r.name())
		}
		tr, err := w.node(tid)
		if err != nil {
			t.Fatal(err)
		}
		if sp, _ := w.talkSpeakers(tid); !slices.Equal(sp, tr.links(graph.Presented)) {
			t.Errorf("%s: talkSpeakers %v, the record says %v", step, sp, tr.links(graph.Presented))
		}
	}
	for i, f := range []*graph.Facts{
		talkBy("source:a", graph.QualityLine, "Jose Garcia"),
		talkBy("source:b", graph.QualityCatalog, "José García", "Ann Lee"),
		talkBy("source:c", graph.QualityCatalog+1, "JOSE GARCIA", "Liz Rice"),
	} {
		if _, err := w.Put(context.Background(), f); err != nil {
			t.Fatal(err)
		}
		agree(f.Source.ID)
		if i == 0 {
			if name, _, _ := w.personName(pid); name != "Jose Garcia" {
				t.Fatalf("first name %q", name)
			}
		}
	}
	if name, _, _ := w.personName(pid); name != "JOSE GARCIA" {
		t.Errorf("after the best spelling came: %q", name)
	}
}

// TestTranslateScratchReuse: translating sources one after another with a
// writer's scratch maps gives what fresh maps give, even where nodes and
// edges merge, and the maps keep no ids between sources; an outsized
// source's maps are dropped.
func TestTranslateScratchReuse(t *testing.T) {
	rnd := rand.New(rand.NewSource(5))
	var shared translateScratch
	for i := 0; i < 300; i++ {
		f := &graph.Facts{Source: graph.SourceInfo{ID: "source:s"}}
		size := 1 + rnd.Intn(30)
		if i%50 == 49 {
			size = maxScratchEntries + 10
		}
		for j := 0; j < size; j++ {
			f.Nodes = append(f.Nodes, graph.Node{ID: fmt.Sprintf("project:p%d", rnd.Intn(size)), Kind: graph.Project, Name: fmt.Sprint(j)})
			f.Edges = append(f.Edges, graph.Edge{
				Source: fmt.Sprintf("talk:t%d", rnd.Intn(1+size/4)), Kind: graph.Mentions,
				Target:   fmt.Sprintf("project:p%d", rnd.Intn(size)),
				Evidence: []graph.Evidence{{Line: j, Text: fmt.Sprint(rnd.Intn(3))}},
			})
		}
		// Every third project becomes another, so nodes and edges merge.
		fn := func(id string) string {
			var n int
			if _, err := fmt.Sscanf(id, "project:p%d", &n); err == nil && n%3 == 1 {
				return fmt.Sprintf("project:p%d", n-1)
			}
			return id
		}
		got := translateFunc(f, fn, &shared)
		want := translateFunc(f, fn, &translateScratch{})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("source %d: with reused maps\n%+v\nwant\n%+v", i, got, want)
		}
		if size > maxScratchEntries {
			if shared.nodes != nil || shared.edges != nil {
				t.Fatalf("source %d: maps of %d entries kept", i, size)
			}
		} else if len(shared.nodes) != 0 || len(shared.edges) != 0 {
			t.Fatalf("source %d: maps keep %d nodes and %d edges", i, len(shared.nodes), len(shared.edges))
		}
	}
}
