package store

import "testing"

// TestBulkOptions checks the memtables and level-0 limits of the load
// kinds: a large bulk load trades heap for half as many level-0 tables.
func TestBulkOptions(t *testing.T) {
	for _, c := range []struct {
		o      Options
		mt     int64
		l0, st int
	}{
		{Options{}, memTableSize, 8, 20},
		{Options{Bulk: true}, memTableSize, bulkL0, 2 * bulkL0},
		{Options{Bulk: true, Large: true}, 2 * memTableSize, bulkL0 / 2, bulkL0},
		{Options{Large: true}, memTableSize, 8, 20},
	} {
		bo := badgerOptions(t.TempDir(), c.o)
		if bo.MemTableSize != c.mt || bo.NumLevelZeroTables != c.l0 || bo.NumLevelZeroTablesStall != c.st {
			t.Errorf("%+v: memtable %d, level 0 %d (stall %d); want %d, %d (%d)", c.o,
				bo.MemTableSize, bo.NumLevelZeroTables, bo.NumLevelZeroTablesStall, c.mt, c.l0, c.st)
		}
	}
}
