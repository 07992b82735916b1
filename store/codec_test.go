package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kg-tool/kg/graph"
)

func TestNodeRecordCodec(t *testing.T) {
	r := &nodeRec{Kind: "talk", Support: 3,
		Names: map[string]int{"2\x00Cilium Mesh": 2, "0\x00cilium mesh": 1},
		Attrs: map[string]int{"year\x002023": 3},
		Links: map[string]int{"presented\x00person:liz-rice": 2, "held_at\x00event:kcd-zurich-2023": 3}}
	got, err := decodeNode(encodeNode(r))
	if err != nil || !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip: %+v, %v; want %+v", got, err, r)
	}
	// Records kg/1 wrote are JSON and still read.
	old, _ := json.Marshal(r)
	if got, err := decodeNode(old); err != nil || !reflect.DeepEqual(got, r) {
		t.Fatalf("JSON record: %+v, %v", got, err)
	}
	// Equal records encode to equal bytes, whatever the map order.
	if a, b := encodeNode(r), encodeNode(got); string(a) != string(b) {
		t.Error("encoding depends on map order")
	}
	// Every truncation is an error, never a panic or a wrong record.
	b := encodeNode(r)
	for i := 0; i < len(b); i++ {
		if _, err := decodeNode(b[:i]); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
}

func TestSourceRecordCodec(t *testing.T) {
	rec := &sourceRec{Info: graph.SourceInfo{ID: "source:a", Path: "/r/a.txt", Hash: "h"},
		Nodes: []graph.Node{{ID: "project:cilium", Kind: "project", Name: "Cilium", Attrs: map[string]any{"url": "https://cilium.io"}}},
		Edges: []edgeRef{{From: "talk:x/y", Kind: "mentions", To: "project:cilium"}}}
	b, err := encodeSource(rec)
	if err != nil {
		t.Fatal(err)
	}
	var got sourceRec
	if err := decodeSource(b, &got); err != nil || !reflect.DeepEqual(&got, rec) {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	old, _ := json.Marshal(rec) // as kg/1 wrote it
	got = sourceRec{}
	if err := decodeSource(old, &got); err != nil || !reflect.DeepEqual(&got, rec) {
		t.Fatalf("JSON record: %+v, %v", got, err)
	}
	for i := 0; i < len(b); i++ {
		if err := decodeSource(b[:i], &sourceRec{}); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
}
