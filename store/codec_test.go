package store

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strconv"
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

// atoiBytes reads what strconv.Atoi reads, and 0 where Atoi fails.
func TestAtoiBytes(t *testing.T) {
	for _, s := range []string{"", "0", "7", "-1", "+3", "12", "-", "+", "1x", "x1", " 1", "007",
		"123456789012345678", "1234567890123456789", "99999999999999999999", "-9223372036854775808"} {
		want, _ := strconv.Atoi(s)
		if got := atoiBytes([]byte(s)); got != want {
			t.Errorf("atoiBytes(%q) = %d, want %d", s, got, want)
		}
	}
}

// decodeRow agrees with the full decode on names and links, for records
// with ties between spellings and qualities, and refuses what it refuses.
func TestDecodeRowMatchesFullDecode(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	spellings := []string{"Cilium", "cilium", "CILIUM", "Cilium Mesh", "Liz Rice", "liz rice", "Émile", "a"}
	kinds := []graph.EdgeKind{graph.Presented, graph.HeldAt, graph.WorksFor, graph.Mentions}
	nodeKinds := append(slices.Clone(graph.NodeKinds), "widget")
	qualities := []int{-1, 0, 1, 2, 12}
	for i := 0; i < 2000; i++ {
		r := &nodeRec{Kind: nodeKinds[rng.Intn(len(nodeKinds))], Support: rng.Intn(5) + 1, Names: map[string]int{}, Attrs: map[string]int{}, Links: map[string]int{}}
		// Up to 16 spellings: more than decodeRow keeps on its stack.
		for j := rng.Intn(16) + 1; j > 0; j-- {
			r.Names[fmt.Sprintf("%d\x00%s", qualities[rng.Intn(len(qualities))], spellings[rng.Intn(len(spellings))])] += rng.Intn(3) + 1
		}
		for j := rng.Intn(3); j > 0; j-- {
			r.Attrs[fmt.Sprintf("k%d\x00%d", j, rng.Intn(9))] = rng.Intn(3) + 1
		}
		for j := rng.Intn(6); j > 0; j-- {
			r.Links[string(kinds[rng.Intn(len(kinds))])+"\x00person:p"+fmt.Sprint(rng.Intn(20))] = rng.Intn(3) + 1
		}
		b := encodeNode(r)
		n, ls, err := decodeRow(b, "person:x", true)
		want := r.node("person:x")
		wl := r.graphLinks()
		if err != nil || n.Name != want.Name || n.Kind != want.Kind || n.ID != "person:x" ||
			!slices.Equal(ls.Speakers, wl.Speakers) || !slices.Equal(ls.Events, wl.Events) || !slices.Equal(ls.Orgs, wl.Orgs) {
			t.Fatalf("record %+v: row %+v %+v %v; want %q %+v", r, n, ls, err, want.Name, wl)
		}
		if n2, ls2, err := decodeRow(b, "person:x", false); err != nil || n2.Name != n.Name || n2.Kind != n.Kind || ls2.Speakers != nil || ls2.Events != nil || ls2.Orgs != nil {
			t.Fatalf("record %+v without links: %+v %+v %v", r, n2, ls2, err)
		}
		if i%100 == 0 {
			for k := 0; k < len(b); k++ {
				if _, _, err := decodeRow(b[:k], "person:x", k%2 == 0); err == nil {
					t.Fatalf("truncated to %d bytes: no error", k)
				}
			}
			// A JSON record (kg/1) reads through the full decode.
			old, _ := json.Marshal(r)
			if n, _, err := decodeRow(old, "person:x", true); err != nil || n.Name != want.Name {
				t.Fatalf("JSON record: %q, %v", n.Name, err)
			}
		}
	}
}

// attrJSON writes what json.Marshal writes.
func TestAttrJSONMatchesMarshal(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	vals := []any{"", "Zurich", "https://cilium.io/", "a<b>&c", `quote"d`, `back\slash`, "tab\there",
		"ünïcode", "\u2028", "\x7f", "~", 0, 7, -3, 1 << 40, true, false, 2.5, 1e21, nil,
		[]any{"x", 1}, map[string]any{"b": 1, "a": "y"}}
	for i := 0; i < 500; i++ {
		b := make([]byte, rng.Intn(12))
		for j := range b {
			b[j] = byte(rng.Intn(130))
		}
		vals = append(vals, string(b))
	}
	for _, v := range vals {
		want, err := json.Marshal(v)
		got, ok := attrJSON(v)
		if ok != (err == nil) || got != string(want) {
			t.Errorf("attrJSON(%#v) = %q, %v; json.Marshal: %q, %v", v, got, ok, want, err)
		}
	}
}

// A record's name, computed alone, is the name of its node.
func TestNodeRecNameMatchesNode(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	spellings := []string{"Liz Rice", "liz rice", "L. Rice", "Elizabeth Rice", "Rice", "Łukasz", "Lukasz", ""}
	for i := 0; i < 5000; i++ {
		r := &nodeRec{Kind: graph.Person, Names: map[string]int{}, Attrs: map[string]int{"role\x00\"x\"": 1}}
		for n := 1 + rng.Intn(12); n > 0; n-- {
			k := strconv.Itoa(rng.Intn(4)) + "\x00" + spellings[rng.Intn(len(spellings))]
			r.Names[k] += 1 + rng.Intn(3)
		}
		if got, want := r.name(), r.node("person:x").Name; got != want {
			t.Fatalf("names %v: name() = %q, node().Name = %q", r.Names, got, want)
		}
	}
}
