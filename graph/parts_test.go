package graph_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// Rows named in parallel: every index once, whatever n, on several cores.
func TestInPartsCoversEachIndexOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, 2047, 4096, 9314, 100001} {
		seen := make([]int32, n)
		var calls atomic.Int32
		graph.InPartsForTest(n, func(lo, hi int) {
			calls.Add(1)
			for i := lo; i < hi; i++ {
				atomic.AddInt32(&seen[i], 1)
			}
		})
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: index %d visited %d times", n, i, c)
			}
		}
		if n >= 4*2048 && calls.Load() < 2 {
			t.Errorf("n=%d: one part; want one per core", n)
		}
	}
}
