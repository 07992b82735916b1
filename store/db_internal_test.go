package store

import (
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/kg-tool/kg/graph"
)

// TestBulkOptions checks the memtables and level-0 limits of the load
// kinds: a large bulk load lets twice as many level-0 tables pile up.
func TestBulkOptions(t *testing.T) {
	for _, c := range []struct {
		o      Options
		mt     int64
		l0, st int
	}{
		{Options{}, memTableSize, 8, 20},
		{Options{Bulk: true}, memTableSize, bulkL0, 2 * bulkL0},
		{Options{Bulk: true, Large: true}, memTableSize, bulkL0Large, 2 * bulkL0Large},
		{Options{Large: true}, memTableSize, 8, 20},
	} {
		bo := badgerOptions(t.TempDir(), c.o)
		if bo.MemTableSize != c.mt || bo.NumLevelZeroTables != c.l0 || bo.NumLevelZeroTablesStall != c.st {
			t.Errorf("%+v: memtable %d, level 0 %d (stall %d); want %d, %d (%d)", c.o,
				bo.MemTableSize, bo.NumLevelZeroTables, bo.NumLevelZeroTablesStall, c.mt, c.l0, c.st)
		}
	}
}

// Compact merges level 0 too, into tables of compactTableSize without
// Bloom filters.
func TestCompactOptions(t *testing.T) {
	bo := compactOptions(t.TempDir(), nil)
	if bo.NumLevelZeroTables != 1 || bo.BloomFalsePositive != 0 || bo.BaseTableSize != compactTableSize {
		t.Errorf("level 0 %d, Bloom %v, tables %d", bo.NumLevelZeroTables, bo.BloomFalsePositive, bo.BaseTableSize)
	}
	if bo.MemTableSize != compactMemTableSize || bo.BlockCacheSize != 0 || bo.IndexCacheSize != 0 {
		t.Errorf("memtable %d, block cache %d, index cache %d", bo.MemTableSize, bo.BlockCacheSize, bo.IndexCacheSize)
	}
}

// Compact's merge runs with the releaser's short period, and the usual one
// is back afterwards.
func TestCompactReleasesOften(t *testing.T) {
	if !canRelease {
		t.Skip("no releaser on this platform")
	}
	db, err := Open(t.TempDir(), Options{Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.bdb.Update(func(txn *badger.Txn) error { return txn.Set([]byte("k"), []byte("v")) }); err != nil {
		t.Fatal(err)
	}
	var during time.Duration
	testHookFlatten = func(db *DB) { during = db.rel.period() }
	defer func() { testHookFlatten = nil }()
	if err := db.Compact(); err != nil {
		t.Fatal(err)
	}
	if during != compactReleaseEvery {
		t.Errorf("the merge released every %v, want %v", during, compactReleaseEvery)
	}
	if got := db.rel.period(); got != releaseEvery {
		t.Errorf("after Compact the releaser runs every %v, want %v", got, releaseEvery)
	}
}

// The writer's kept records stay within two generations, and a record
// looked up again survives the generation that drops the others.
func TestKeptRecsGenerations(t *testing.T) {
	k := keptRecs{max: 3}
	rec := func() *nodeRec { return &nodeRec{Kind: graph.Person, Support: 1} }
	a := rec()
	k.put("a", a)
	k.put("b", rec())
	k.put("c", rec())
	k.put("d", rec()) // a, b, c become the old generation
	if r, ok := k.get("a"); !ok || r != a {
		t.Fatal("a record of the old generation was lost")
	}
	k.put("e", rec())
	k.put("f", rec()) // d, a, e become old; b and c go
	for _, id := range []string{"b", "c"} {
		if _, ok := k.get(id); ok {
			t.Errorf("%s was kept through two generations without a lookup", id)
		}
	}
	for _, id := range []string{"a", "d", "e", "f"} {
		if _, ok := k.get(id); !ok {
			t.Errorf("%s was dropped", id)
		}
	}
	if n := len(k.cur) + len(k.old); n > 2*k.max {
		t.Errorf("%d records kept, want at most %d", n, 2*k.max)
	}
	k.drop("a")
	if _, ok := k.get("a"); ok {
		t.Error("a dropped record is still kept")
	}
}
