package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
)

// Edge groups. A source's edges are stored as one forward group per node
// they leave (fwdKey: kind, other end and evidence of each edge) and one
// reverse group per node and kind they enter (revKey: the other ends),
// rather than as two keys per edge: a recap states ~116 edges among ~75
// nodes, and every Badger entry costs about 5 µs of CPU from the write to
// the final merge, so grouping takes a 10k-recap load from ~2.45 million
// edge entries to ~1.3 million. A group belongs to exactly one source and
// is only ever written or deleted whole, with that source.
//
// A forward group value is a marker byte, the number of edges, then per
// edge, in (kind, other end) order: the kind and the other end's id, each
// as a length and bytes, and the evidence as appendEvidence writes it. A
// reverse group value is the marker, the number of edges and the other
// ends' ids in order, each as a length and bytes.
const edgeGroupV1 = 0x01

// groupEdge is one edge of a group being written.
type groupEdge struct {
	kind  graph.EdgeKind
	other string
	ev    []graph.Evidence // forward groups only
}

func compareGroupEdges(a, b groupEdge) int {
	if c := strings.Compare(string(a.kind), string(b.kind)); c != 0 {
		return c
	}
	return strings.Compare(a.other, b.other)
}

// encodeGroup sorts es and encodes them: with their kinds and evidence if
// fwd, else (a reverse group, all of one kind) their other ends only. An
// edge listed twice is stored once, with the evidence of both.
func encodeGroup(es []groupEdge, fwd bool) []byte {
	slices.SortFunc(es, compareGroupEdges)
	for i := 1; i < len(es); i++ {
		if compareGroupEdges(es[i-1], es[i]) == 0 {
			es[i-1].ev = append(es[i-1].ev[:len(es[i-1].ev):len(es[i-1].ev)], es[i].ev...)
			es = slices.Delete(es, i, i+1)
			i--
		}
	}
	n := 1 + binary.MaxVarintLen32
	for _, e := range es {
		n += 2*binary.MaxVarintLen32 + len(e.kind) + len(e.other)
		if fwd {
			n += binary.MaxVarintLen32
			for _, v := range e.ev {
				n += 2*binary.MaxVarintLen32 + len(v.Text)
			}
		}
	}
	b := make([]byte, 0, n)
	b = append(b, edgeGroupV1)
	b = binary.AppendUvarint(b, uint64(len(es)))
	for _, e := range es {
		if fwd {
			b = appendBytes(b, string(e.kind))
		}
		b = appendBytes(b, e.other)
		if fwd {
			b = appendEvidence(b, e.ev)
		}
	}
	return b
}

func appendBytes(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errCorruptGroup = errors.New("corrupt edge group")

// eachGroupEdge calls fn for every edge of a group value, in the value's
// order, with slices of v: the kind, the other end and the encoded
// evidence of a forward group; the other end alone of a reverse one (its
// kind is in its key). It checks the whole value before the first call, so
// a corrupt group yields an error and no edges.
func eachGroupEdge(v []byte, fwd bool, fn func(kind, other, ev []byte) error) error {
	if err := checkGroup(v, fwd); err != nil {
		return err
	}
	n, k := binary.Uvarint(v[1:])
	b := v[1+k:]
	for i := uint64(0); i < n; i++ {
		var kind, ev []byte
		rest := b
		if fwd {
			kind, rest, _ = readBytes(rest)
		}
		other, rest, _ := readBytes(rest)
		if fwd {
			l, _ := evidenceLen(rest)
			ev, rest = rest[:l], rest[l:]
		}
		b = rest
		if err := fn(kind, other, ev); err != nil {
			return err
		}
	}
	return nil
}

// checkGroup reports whether v is a well-formed group value: the marker,
// as many edges as it says, no empty kind or id, no separator byte in
// one, edges in strictly increasing (kind, other end) order, and nothing
// after the last.
func checkGroup(v []byte, fwd bool) error {
	if len(v) < 2 || v[0] != edgeGroupV1 {
		return errCorruptGroup
	}
	n, k := binary.Uvarint(v[1:])
	if k <= 0 || n == 0 || n > uint64(len(v)) {
		return errCorruptGroup
	}
	b := v[1+k:]
	var lastKind, lastOther []byte
	for i := uint64(0); i < n; i++ {
		var kind []byte
		rest, ok := b, true
		if fwd {
			kind, rest, ok = readBytes(rest)
			if !ok || len(kind) == 0 || bytes.IndexByte(kind, sep) >= 0 {
				return errCorruptGroup
			}
		}
		other, rest, ok := readBytes(rest)
		if !ok || len(other) == 0 || bytes.IndexByte(other, sep) >= 0 {
			return errCorruptGroup
		}
		if i > 0 {
			c := bytes.Compare(kind, lastKind)
			if c < 0 || c == 0 && bytes.Compare(other, lastOther) <= 0 {
				return errCorruptGroup
			}
		}
		lastKind, lastOther = kind, other
		if fwd {
			l, ok := evidenceLen(rest)
			if !ok {
				return errCorruptGroup
			}
			rest = rest[l:]
		}
		b = rest
	}
	if len(b) != 0 {
		return errCorruptGroup
	}
	return nil
}

// readBytes reads a length and that many bytes.
func readBytes(b []byte) (field, rest []byte, ok bool) {
	l, k := binary.Uvarint(b)
	if k <= 0 || l > uint64(len(b)-k) {
		return nil, nil, false
	}
	return b[k : k+int(l)], b[k+int(l):], true
}

// evidenceLen returns the length of the evidence encoded at the start of b.
func evidenceLen(b []byte) (int, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return 0, false
	}
	pos := k
	for i := uint64(0); i < n; i++ {
		_, k := binary.Uvarint(b[pos:])
		if k <= 0 {
			return 0, false
		}
		pos += k
		_, rest, ok := readBytes(b[pos:])
		if !ok {
			return 0, false
		}
		pos = len(b) - len(rest)
	}
	return pos, true
}

// groupEvidence finds the edge (kind, other) in a forward group value and
// decodes its evidence as stated by src.
func groupEvidence(v []byte, kind graph.EdgeKind, other, src string) ([]graph.Evidence, bool, error) {
	var out []graph.Evidence
	found := false
	err := eachGroupEdge(v, true, func(k, o, ev []byte) error {
		if found || string(k) != string(kind) || string(o) != other {
			return nil
		}
		found = true
		var err error
		out, err = decodeEvidence(ev, src)
		return err
	})
	return out, found, err
}

// revGroup names a reverse group of one source: the node and the kind.
type revGroup struct {
	to   string
	kind graph.EdgeKind
}

// sourceGroups splits the edges of one source's facts into its forward
// groups (by the node they leave) and reverse groups (by the node they
// enter and their kind).
func sourceGroups(edges []graph.Edge) (fwd map[string][]groupEdge, rev map[revGroup][]groupEdge) {
	fwd, rev = map[string][]groupEdge{}, map[revGroup][]groupEdge{}
	for _, e := range edges {
		fwd[e.Source] = append(fwd[e.Source], groupEdge{kind: e.Kind, other: e.Target, ev: e.Evidence})
		g := revGroup{e.Target, e.Kind}
		rev[g] = append(rev[g], groupEdge{kind: e.Kind, other: e.Source})
	}
	return fwd, rev
}

// regroupLegacyEdges rewrites the keys kg/1 and kg/2 stored per edge and
// source (legacyEdgeKey, and its reverse) as forward edge groups, and
// deletes the legacy reverse keys: Check then writes the reverse groups.
// It returns how many legacy forward keys it regrouped. An edge whose
// evidence does not decode is left as it is, for Check to report and
// drop. Running it again after an interruption finishes the job: a group
// written before keeps the edges that have no legacy key left.
func (db *DB) regroupLegacyEdges() (int, error) {
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	n := 0
	err := db.bdb.View(func(txn *badger.Txn) error {
		var from string
		groups := map[string][]groupEdge{}
		flush := func() error {
			for src, es := range groups {
				k := fwdKey(from, src)
				if err := keepGrouped(txn, k, src, &es); err != nil {
					return err
				}
				if err := wb.Set(k, encodeGroup(es, true)); err != nil {
					return err
				}
			}
			clear(groups)
			return nil
		}
		prefix := []byte{pFwd, sep}
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: prefix})
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			f := splitKey(it.Item().Key())
			if len(f) != 4 || f[0] == "" || f[1] == "" || f[2] == "" || f[3] == "" {
				continue
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			ev, err := decodeEvidence(v, f[3])
			if err != nil {
				continue
			}
			if f[0] != from {
				if err := flush(); err != nil {
					return err
				}
				from = f[0]
			}
			groups[f[3]] = append(groups[f[3]], groupEdge{kind: graph.EdgeKind(f[1]), other: f[2], ev: ev})
			if err := wb.Delete(it.Item().KeyCopy(nil)); err != nil {
				return err
			}
			n++
		}
		if err := flush(); err != nil {
			return err
		}
		prefix = []byte{pRev, sep}
		rit := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer rit.Close()
		for rit.Seek(prefix); rit.ValidForPrefix(prefix); rit.Next() {
			if len(splitKey(rit.Item().Key())) == 4 { // kg/3's have 3 fields
				if err := wb.Delete(rit.Item().KeyCopy(nil)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, wb.Flush()
}

// keepGrouped adds to es the edges of the stored group k (if any) that es
// lacks. A group that does not decode is ignored.
func keepGrouped(txn *badger.Txn, k []byte, src string, es *[]groupEdge) error {
	item, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return err
	}
	legacy := len(*es)
	err = eachGroupEdge(v, true, func(kind, other, ev []byte) error {
		for _, e := range (*es)[:legacy] {
			if string(e.kind) == string(kind) && e.other == string(other) {
				return nil
			}
		}
		evs, err := decodeEvidence(ev, src)
		*es = append(*es, groupEdge{kind: graph.EdgeKind(kind), other: string(other), ev: evs})
		return err
	})
	if err != nil { // a damaged group: the legacy edges replace it
		*es = (*es)[:legacy]
	}
	return nil
}
