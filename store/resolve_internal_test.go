package store

import (
	"context"
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
