package store

import (
	"encoding/json"
	"reflect"
	"testing"
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
