package store

import (
	"encoding/json"

	"github.com/dgraph-io/badger/v4"
)

// SetMetaForTest writes a meta key, for tests of schema checks.
func SetMetaForTest(db *DB, k, v string) error { return db.setMeta(k, v) }

// DowngradeForTest rewrites db as schema kg/1 wrote it: node records
// without edge counts.
func DowngradeForTest(db *DB) error {
	txn := db.bdb.NewTransaction(true)
	defer txn.Discard()
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pNode, sep}})
	var fixes [][2][]byte
	for it.Rewind(); it.Valid(); it.Next() {
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			it.Close()
			return err
		}
		r, err := decodeNode(v)
		if err != nil {
			it.Close()
			return err
		}
		r.Links = nil
		fixes = append(fixes, [2][]byte{it.Item().KeyCopy(nil), encodeNode(r)})
	}
	it.Close()
	for _, f := range fixes {
		if err := txn.Set(f[0], f[1]); err != nil {
			return err
		}
	}
	if err := txn.Set(schemaKey, []byte("kg/1")); err != nil {
		return err
	}
	return txn.Commit()
}

// SourceJSONForTest returns a stored source record as JSON.
func SourceJSONForTest(v []byte) ([]byte, error) {
	var rec sourceRec
	if err := decodeSource(v, &rec); err != nil {
		return nil, err
	}
	return json.Marshal(rec)
}

// SourceValueForTest encodes a source record given as JSON for storing.
func SourceValueForTest(j []byte) ([]byte, error) {
	var rec sourceRec
	if err := json.Unmarshal(j, &rec); err != nil {
		return nil, err
	}
	return encodeSource(&rec)
}

// SetBloomAfterForTest sets how many sources a writer stores before it
// builds its filter of known ids, and returns a function restoring it.
func SetBloomAfterForTest(n int) func() {
	old := bloomAfter
	bloomAfter = n
	return func() { bloomAfter = old }
}

// SetMemTableSizeForTest sets the memtable size of later opens and returns
// a function that restores it.
func SetMemTableSizeForTest(n int64) func() {
	old := memTableSize
	memTableSize = n
	return func() { memTableSize = old }
}

// TablesPerLevelForTest returns the number of tables in each LSM level.
func TablesPerLevelForTest(db *DB) []int {
	n := make([]int, 7)
	for _, t := range db.bdb.Tables() {
		n[t.Level]++
	}
	return n
}

// HashesRenewForTest returns how many checks a Hashes snapshot serves.
func HashesRenewForTest() int { return hashesRenew }

// SetRowsPerPartForTest sets the fewest ids a row-reading goroutine gets
// and returns a function restoring it.
func SetRowsPerPartForTest(n int) func() {
	old := rowsPerPart
	rowsPerPart = n
	return func() { rowsPerPart = old }
}
