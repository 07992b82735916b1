package store

import (
	"bytes"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// encodeGroupV1 writes a forward group as kg/3 first did: each edge's
// evidence inline, without the text table.
func encodeGroupV1(es []groupEdge) []byte {
	b := []byte{edgeGroupV1}
	b = appendUvarint(b, len(es))
	for _, e := range es {
		b = appendBytes(b, string(e.kind))
		b = appendBytes(b, e.other)
		b = appendEvidence(b, e.ev)
	}
	return b
}

func appendUvarint(b []byte, n int) []byte {
	for n >= 0x80 {
		b = append(b, byte(n)|0x80)
		n >>= 7
	}
	return append(b, byte(n))
}

func readGroup(t *testing.T, v []byte, fwd bool) []groupEdge {
	t.Helper()
	var out []groupEdge
	err := eachGroupEdge(v, fwd, func(kind, other []byte, ev evidenceRef) error {
		e := groupEdge{kind: graph.EdgeKind(kind), other: string(other)}
		if fwd {
			evs, err := ev.decode("source:x")
			if err != nil {
				return err
			}
			e.ev = evs
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatalf("read group: %v", err)
	}
	return out
}

// TestGroupRoundTrip encodes random groups whose edges share lines of
// evidence and reads them back; a forward group stores each text once,
// and groups in the first kg/3 form read the same.
func TestGroupRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	lines := []string{"Cilium and Hubble on stage", "by Liz Rice (Isovalent)", "ünïcode — line", strings.Repeat("long ", 60)}
	kinds := []graph.EdgeKind{graph.Mentions, graph.Covers, graph.HeldAt, graph.Presented}
	for i := 0; i < 300; i++ {
		var es []groupEdge
		seen := map[[2]string]bool{}
		for j := 0; j < 1+rnd.Intn(12); j++ {
			e := groupEdge{kind: kinds[rnd.Intn(len(kinds))], other: "project:p" + string(rune('a'+rnd.Intn(20)))}
			if seen[[2]string{string(e.kind), e.other}] {
				continue
			}
			seen[[2]string{string(e.kind), e.other}] = true
			for k := 0; k < 1+rnd.Intn(3); k++ {
				e.ev = append(e.ev, graph.Evidence{Source: "source:x", Line: rnd.Intn(500), Text: lines[rnd.Intn(len(lines))]})
			}
			es = append(es, e)
		}
		want := append([]groupEdge(nil), es...)
		v := encodeGroup(es, true)
		got := readGroup(t, v, true)
		if !reflect.DeepEqual(got, es) { // encodeGroup sorted es in place
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, es)
		}
		for _, l := range lines {
			if c := bytes.Count(v, []byte(l)); c > 1 {
				t.Fatalf("text %q stored %d times", l, c)
			}
		}
		if old := readGroup(t, encodeGroupV1(es), true); !reflect.DeepEqual(old, es) {
			t.Fatalf("first kg/3 form reads %+v, want %+v", old, es)
		}
		for j := range want {
			want[j].ev = nil
			want[j].kind = graph.Mentions
		}
		rev := readGroup(t, encodeGroup(want, false), false)
		for j := range rev {
			if rev[j].other != want[j].other {
				t.Fatalf("reverse group: %+v, want %+v", rev, want)
			}
		}
	}
}

// TestGroupCorrupt: damaged values are refused, never read past their end.
func TestGroupCorrupt(t *testing.T) {
	es := []groupEdge{
		{kind: graph.Mentions, other: "project:cilium", ev: []graph.Evidence{{Line: 3, Text: "Cilium and Hubble"}}},
		{kind: graph.Mentions, other: "project:hubble", ev: []graph.Evidence{{Line: 3, Text: "Cilium and Hubble"}}},
	}
	v := encodeGroup(es, true)
	bad := map[string][]byte{
		"empty":                    nil,
		"unknown marker":           append([]byte{9}, v[1:]...),
		"cut short":                v[:len(v)-1],
		"trailing byte":            append(append([]byte(nil), v...), 0),
		"text index past":          append(append([]byte(nil), v[:len(v)-1]...), 5),
		"table in a reverse group": v,
	}
	for name, b := range bad {
		fwd := name != "table in a reverse group"
		if err := eachGroupEdge(b, fwd, func([]byte, []byte, evidenceRef) error { return nil }); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for i := range v {
		// no prefix of a value panics
		_ = eachGroupEdge(v[:i], true, func(_, _ []byte, ev evidenceRef) error {
			_, err := ev.decode("s")
			return err
		})
	}
}
