package store

import (
	"testing"

	"github.com/kg-tool/kg/graph"
)

// revGroupOf reads only keys of exactly three known fields: any other
// key under the reverse prefix names no expected group.
func TestRevGroupOf(t *testing.T) {
	c := &checker{ids: map[string]int32{}}
	want := revGroupKey{c.intern("project:cilium"), c.intern("mentions"), c.intern("b0000000001")}
	c.intern("x")
	if rk, ok := c.revGroupOf(revKey("project:cilium", graph.Mentions, "b0000000001")); !ok || rk != want {
		t.Errorf("the group's own key: %v %v, want %v", rk, ok, want)
	}
	for _, k := range [][]byte{
		key(pRev, "project:cilium", "mentions", "b0000000001", "x"),
		key(pRev, "project:cilium", "mentions"),
		key(pRev, "project:cilium", "mentions", "b0000000002"),
		key(pRev, "project:hubble", "mentions", "b0000000001"),
		key(pRev, "project:cilium", "part_of", "b0000000001"),
		key(pRev, "", "", ""),
	} {
		if rk, ok := c.revGroupOf(k); ok {
			t.Errorf("%q read as %v", k, rk)
		}
	}
	if c.revName(want) != string(revKey("project:cilium", graph.Mentions, "b0000000001")) {
		t.Errorf("revName %q", c.revName(want))
	}
}
