package store

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
)

// SetSpillCompactMinForTest lowers the size at which writers' spill files
// compact, and returns a function restoring it.
func SetSpillCompactMinForTest(n int64) func() {
	old := spillCompactMin
	spillCompactMin = n
	return func() { spillCompactMin = old }
}

// SetMetaForTest writes a meta key, for tests of schema checks.
func SetMetaForTest(db *DB, k, v string) error { return db.setMeta(k, v) }

// DowngradeToSchema2ForTest rewrites db as schema kg/2 wrote it: a key
// per edge and source, forward with its evidence and reverse without,
// instead of edge groups.
func DowngradeToSchema2ForTest(db *DB) error {
	return downgrade(db, "kg/2", groupsPerSource, legacyEdges, kindIndex)
}

// DowngradeToSchema3ForTest rewrites db as schema kg/3 wrote it: with a
// kind index, and a reverse group per source, node and kind.
func DowngradeToSchema3ForTest(db *DB) error {
	return downgrade(db, "kg/3", groupsPerSource, kindIndex)
}

// downgrade applies the steps and writes the schema version, in one
// transaction.
func downgrade(db *DB, version string, steps ...func(*badger.Txn) error) error {
	txn := db.bdb.NewTransaction(true)
	defer txn.Discard()
	for _, step := range steps {
		if err := step(txn); err != nil {
			return err
		}
	}
	if err := txn.Set(schemaKey, []byte(version)); err != nil {
		return err
	}
	return txn.Commit()
}

// groupsPerSource splits every reverse group by commit into a group per
// source, and takes the group's name out of the source records.
func groupsPerSource(txn *badger.Txn) error {
	var sets []kv
	var dels [][]byte
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pRev, sep}})
	for it.Rewind(); it.Valid(); it.Next() {
		f := splitKey(it.Item().Key())
		if !isBatchGroup([]byte(f[2])) {
			continue
		}
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			it.Close()
			return err
		}
		dels = append(dels, it.Item().KeyCopy(nil))
		err = eachRevPart(v, func(src, part []byte) error {
			sets = append(sets, kv{revKey(f[0], graph.EdgeKind(f[1]), string(src)), slices.Clone(part)})
			return nil
		})
		if err != nil {
			it.Close()
			return err
		}
	}
	it.Close()
	it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pSource, sep}})
	for it.Rewind(); it.Valid(); it.Next() {
		rec, ok, err := readSourceRec(it.Item())
		if err != nil || !ok {
			it.Close()
			return fmt.Errorf("source record %s: %v", it.Item().Key(), err)
		}
		rec.Group = ""
		b, err := encodeSource(rec)
		if err != nil {
			it.Close()
			return err
		}
		sets = append(sets, kv{it.Item().KeyCopy(nil), b})
	}
	it.Close()
	if err := apply(txn, dels, sets); err != nil {
		return err
	}
	return txn.Delete(groupKey)
}

// RevBatchForTest encodes a reverse group by commit with one part: src's
// edges of kind into the others.
func RevBatchForTest(src, kind string, others ...string) []byte {
	var kindOther []string
	for _, o := range others {
		kindOther = append(kindOther, kind, o)
	}
	return encodeRevBatch([]revPart{{src, GroupValueForTest(false, kindOther...)}})
}

// kindIndex writes the kind index kg/1 to kg/3 kept: k|kind|id per node.
func kindIndex(txn *badger.Txn) error {
	var keys [][]byte
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pNode, sep}})
	for it.Rewind(); it.Valid(); it.Next() {
		id := string(it.Item().Key()[2:])
		keys = append(keys, key(pKind, string(graph.IDKind(id)), id))
	}
	it.Close()
	for _, k := range keys {
		if err := txn.Set(k, nil); err != nil {
			return err
		}
	}
	return nil
}

func legacyEdges(txn *badger.Txn) error {
	var sets []kv
	var dels [][]byte
	for _, p := range []byte{pFwd, pRev} {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{p, sep}})
		for it.Rewind(); it.Valid(); it.Next() {
			f := splitKey(it.Item().Key())
			node, src, rk := f[0], f[len(f)-1], ""
			if p == pRev {
				rk = f[1]
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				it.Close()
				return err
			}
			err = eachGroupEdge(v, p == pFwd, func(kind, other []byte, ev evidenceRef) error {
				if p == pFwd {
					evs, err := ev.decode(src)
					if err != nil {
						return err
					}
					sets = append(sets, kv{legacyEdgeKey(node, graph.EdgeKind(kind), string(other), src), appendEvidence(nil, evs)})
				} else {
					sets = append(sets, kv{key(pRev, node, rk, string(other), src), nil})
				}
				return nil
			})
			if err != nil {
				it.Close()
				return err
			}
			dels = append(dels, it.Item().KeyCopy(nil))
		}
		it.Close()
	}
	return apply(txn, dels, sets)
}

type kv struct{ k, v []byte }

// apply deletes dels, then sets sets.
func apply(txn *badger.Txn, dels [][]byte, sets []kv) error {
	for _, k := range dels {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	for _, s := range sets {
		if err := txn.Set(s.k, s.v); err != nil {
			return err
		}
	}
	return nil
}

// DowngradeForTest rewrites db as schema kg/1 wrote it: node records
// without edge counts, and a key per edge and source.
func DowngradeForTest(db *DB) error {
	return downgrade(db, "kg/1", groupsPerSource, legacyEdges, kindIndex, withoutLinks)
}

// withoutLinks rewrites every node record without its edge counts.
func withoutLinks(txn *badger.Txn) error {
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
	return nil
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

// GroupValueForTest encodes an edge group of (kind, other end) pairs; in
// a forward group each edge has one line of evidence.
func GroupValueForTest(fwd bool, kindOther ...string) []byte {
	var es []groupEdge
	for i := 0; i+1 < len(kindOther); i += 2 {
		e := groupEdge{kind: graph.EdgeKind(kindOther[i]), other: kindOther[i+1]}
		if fwd {
			e.ev = []graph.Evidence{{Line: 1, Text: "x"}}
		}
		es = append(es, e)
	}
	return encodeGroup(es, fwd)
}

// RegroupForTest decodes a forward group, lets edit change its (kind,
// other end) pairs and encodes it again; the edges kept keep their
// evidence, and those edit adds get one line.
func RegroupForTest(v []byte, edit func([][2]string) [][2]string) ([]byte, error) {
	evs := map[[2]string][]graph.Evidence{}
	var pairs [][2]string
	err := eachGroupEdge(v, true, func(kind, other []byte, ev evidenceRef) error {
		p := [2]string{string(kind), string(other)}
		e, err := ev.decode("")
		evs[p] = e
		pairs = append(pairs, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	var es []groupEdge
	for _, p := range edit(pairs) {
		ev, ok := evs[p]
		if !ok {
			ev = []graph.Evidence{{Line: 1, Text: "x"}}
		}
		es = append(es, groupEdge{kind: graph.EdgeKind(p[0]), other: p[1], ev: ev})
	}
	return encodeGroup(es, true), nil
}

// RawViewForTest reads the database with Badger directly.
func (db *DB) RawViewForTest(fn func(txn *badger.Txn) error) error { return db.bdb.View(fn) }
