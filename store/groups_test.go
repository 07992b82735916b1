package store

import (
	"bytes"
	"fmt"
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
	// Every other group draws from many texts, more than encodeGroup
	// searches in a list (maxListedTexts).
	many := append([]string(nil), lines...)
	for i := 0; len(many) < 3*maxListedTexts; i++ {
		many = append(many, fmt.Sprintf("line %d of the recap", i))
	}
	for i := 0; i < 300; i++ {
		var es []groupEdge
		seen := map[[2]string]bool{}
		lines, size := lines, 12
		if i%2 == 1 {
			lines, size = many, 40
		}
		for j := 0; j < 1+rnd.Intn(size); j++ {
			e := groupEdge{kind: kinds[rnd.Intn(len(kinds))], other: "project:p" + string(rune('a'+rnd.Intn(size+8)))}
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

// TestSourceGroupsSplit compares sourceGroups with grouping by maps on
// random edge lists: the same groups, each group's edges in the order of
// the list, the groups in key order.
func TestSourceGroupsSplit(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	kinds := []graph.EdgeKind{graph.Mentions, graph.Covers, graph.HeldAt, graph.Presented}
	for i := 0; i < 500; i++ {
		var edges []graph.Edge
		for j := 0; j < rnd.Intn(60); j++ {
			e := graph.Edge{
				Source: fmt.Sprintf("talk:t%d", rnd.Intn(1+i%9)),
				Kind:   kinds[rnd.Intn(len(kinds))],
				Target: fmt.Sprintf("project:p%d", rnd.Intn(1+i%13)),
			}
			e.Evidence = []graph.Evidence{{Line: j}}
			edges = append(edges, e)
		}
		wantFwd, wantRev := map[string][]groupEdge{}, map[revGroup][]groupEdge{}
		for _, e := range edges {
			wantFwd[e.Source] = append(wantFwd[e.Source], groupEdge{kind: e.Kind, other: e.Target, ev: e.Evidence})
			g := revGroup{e.Target, e.Kind}
			wantRev[g] = append(wantRev[g], groupEdge{kind: e.Kind, other: e.Source})
		}
		fwd, rev := sourceGroups(edges)
		gotFwd, gotRev := map[string][]groupEdge{}, map[revGroup][]groupEdge{}
		for j, g := range fwd {
			if j > 0 && fwd[j-1].key.to >= g.key.to {
				t.Fatalf("forward groups out of order: %q before %q", fwd[j-1].key.to, g.key.to)
			}
			gotFwd[g.key.to] = g.es
		}
		for j, g := range rev {
			if j > 0 {
				p := rev[j-1].key
				if p.to > g.key.to || p.to == g.key.to && p.kind >= g.key.kind {
					t.Fatalf("reverse groups out of order: %v before %v", p, g.key)
				}
			}
			gotRev[g.key] = g.es
		}
		if len(edges) == 0 {
			wantFwd, wantRev = map[string][]groupEdge{}, map[revGroup][]groupEdge{}
		}
		if !reflect.DeepEqual(gotFwd, wantFwd) || !reflect.DeepEqual(gotRev, wantRev) {
			t.Fatalf("edges %+v:\nforward %+v\nwant %+v\nreverse %+v\nwant %+v", edges, gotFwd, wantFwd, gotRev, wantRev)
		}
		// Encoding one group (which sorts it in place) leaves the others.
		if len(fwd) > 1 {
			encodeGroup(fwd[0].es, true)
			if !reflect.DeepEqual(fwd[1].es, wantFwd[fwd[1].key.to]) {
				t.Fatalf("encoding group %q changed group %q", fwd[0].key.to, fwd[1].key.to)
			}
		}
	}
}
