package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
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
// edge entries to ~1.3 million. A forward group belongs to exactly one
// source and is only ever written or deleted whole, with that source; a
// reverse group holds the edges of all the sources of one commit (see
// revBatchV3 below), or of one source as kg/3 wrote them.
//
// A reverse group value is a marker byte (edgeGroupV1), the number of
// edges and the other ends' ids in order, each as a length and bytes. A
// forward group value is a marker byte (edgeGroupV2), a table of the
// evidence texts of its edges, each once (their number, then each as a
// length and bytes), the number of edges, then per edge, in (kind, other
// end) order: the kind and the other end's id, each as a length and
// bytes, and its evidence as a count of (line, text index) pairs. A
// recap's line often backs several edges from one node (a talk's mentions
// in one sentence; a speaker's talk and organisation), and sharing the
// text took the forward values of a 10k load from 132 to ~103 MB. Forward
// groups with marker edgeGroupV1 (written before the table) hold each
// edge's evidence as appendEvidence writes it, and still read.
const (
	edgeGroupV1 = 0x01
	edgeGroupV2 = 0x02
)

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
	n := 1 + 2*binary.MaxVarintLen32
	var texts []string
	var index map[string]int
	// textOf numbers a text, each once: a group's texts are few (a talk's
	// edges mostly share the line that states them), so a short list is
	// searched and only a long one gets a map.
	textOf := func(t string) int {
		if index != nil {
			if i, ok := index[t]; ok {
				return i
			}
		} else if i := slices.Index(texts, t); i >= 0 {
			return i
		}
		if index == nil && len(texts) == maxListedTexts {
			index = make(map[string]int, 2*len(texts))
			for i, t := range texts {
				index[t] = i
			}
		}
		if index != nil {
			index[t] = len(texts)
		}
		texts = append(texts, t)
		n += binary.MaxVarintLen32 + len(t)
		return len(texts) - 1
	}
	if fwd {
		for _, e := range es {
			for _, v := range e.ev {
				textOf(v.Text)
				n += 2 * binary.MaxVarintLen32
			}
		}
	}
	for _, e := range es {
		n += 3*binary.MaxVarintLen32 + len(e.kind) + len(e.other)
	}
	b := make([]byte, 0, n)
	if fwd {
		b = append(b, edgeGroupV2)
		b = binary.AppendUvarint(b, uint64(len(texts)))
		for _, t := range texts {
			b = appendBytes(b, t)
		}
	} else {
		b = append(b, edgeGroupV1)
	}
	b = binary.AppendUvarint(b, uint64(len(es)))
	for _, e := range es {
		if fwd {
			b = appendBytes(b, string(e.kind))
		}
		b = appendBytes(b, e.other)
		if fwd {
			b = binary.AppendUvarint(b, uint64(len(e.ev)))
			for _, v := range e.ev {
				b = binary.AppendUvarint(b, uint64(v.Line))
				b = binary.AppendUvarint(b, uint64(textOf(v.Text)))
			}
		}
	}
	return b
}

// maxListedTexts is the most texts encodeGroup searches in a list.
const maxListedTexts = 16

func appendBytes(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errCorruptGroup = errors.New("corrupt edge group")

// evidenceRef is one edge's evidence in a forward group value, decoded on
// demand: in a table group, (line, text index) pairs and the table.
type evidenceRef struct {
	b      []byte // v1: as appendEvidence writes it; v2: count, then pairs
	texts  []byte // v2: the group's text table after its count
	ntexts uint64
	table  bool
}

// decode returns the evidence, stated by src. It copies what it keeps.
func (e evidenceRef) decode(src string) ([]graph.Evidence, error) {
	if !e.table {
		return decodeEvidence(e.b, src)
	}
	return decodeEvidenceWith(e.b, src, e.tableText)
}

// tableText reads a text index from b and returns that text of the table.
func (e evidenceRef) tableText(b []byte) (text, rest []byte, ok bool) {
	ti, k := binary.Uvarint(b)
	if k <= 0 || ti >= e.ntexts {
		return nil, nil, false
	}
	t := e.texts
	for j := uint64(0); j <= ti; j++ {
		if text, t, ok = readBytes(t); !ok {
			return nil, nil, false
		}
	}
	return text, b[k:], true
}

// groupLayout is what checkGroup learnt of a value: where the edges start
// and, for a table group, the table.
type groupLayout struct {
	n      uint64 // edges
	edges  []byte
	texts  []byte
	ntexts uint64
	table  bool
}

// eachGroupEdge calls fn for every edge of a group value, in the value's
// order, with slices of v: the kind, the other end and the evidence of a
// forward group; the other end alone of a reverse one (its kind is in
// its key). It checks the whole value before the first call, so a corrupt
// group yields an error and no edges.
func eachGroupEdge(v []byte, fwd bool, fn func(kind, other []byte, ev evidenceRef) error) error {
	l, err := checkGroup(v, fwd)
	if err != nil {
		return err
	}
	b := l.edges
	for i := uint64(0); i < l.n; i++ {
		var kind []byte
		var ev evidenceRef
		rest := b
		if fwd {
			kind, rest, _ = readBytes(rest)
		}
		other, rest, _ := readBytes(rest)
		if fwd {
			n, _ := evidenceLen(rest, l)
			ev = evidenceRef{b: rest[:n], texts: l.texts, ntexts: l.ntexts, table: l.table}
			rest = rest[n:]
		}
		b = rest
		if err := fn(kind, other, ev); err != nil {
			return err
		}
	}
	return nil
}

// checkGroup reports whether v is a well-formed group value: the marker,
// a readable text table, as many edges as it says, no empty kind or id,
// no separator byte in one, edges in strictly increasing (kind, other end)
// order, text indexes within the table, and nothing after the last edge.
func checkGroup(v []byte, fwd bool) (groupLayout, error) {
	var l groupLayout
	if len(v) < 2 || v[0] != edgeGroupV1 && !(fwd && v[0] == edgeGroupV2) {
		return l, errCorruptGroup
	}
	b := v[1:]
	if v[0] == edgeGroupV2 {
		nt, k := binary.Uvarint(b)
		if k <= 0 || nt > uint64(len(b)) {
			return l, errCorruptGroup
		}
		b = b[k:]
		l.texts, l.ntexts, l.table = b, nt, true
		for i := uint64(0); i < nt; i++ {
			var ok bool
			if _, b, ok = readBytes(b); !ok {
				return l, errCorruptGroup
			}
		}
	}
	n, k := binary.Uvarint(b)
	if k <= 0 || n == 0 || n > uint64(len(b)) {
		return l, errCorruptGroup
	}
	b = b[k:]
	l.n, l.edges = n, b
	var lastKind, lastOther []byte
	for i := uint64(0); i < n; i++ {
		var kind []byte
		rest, ok := b, true
		if fwd {
			kind, rest, ok = readBytes(rest)
			if !ok || len(kind) == 0 || bytes.IndexByte(kind, sep) >= 0 {
				return l, errCorruptGroup
			}
		}
		other, rest, ok := readBytes(rest)
		if !ok || len(other) == 0 || bytes.IndexByte(other, sep) >= 0 {
			return l, errCorruptGroup
		}
		if i > 0 {
			c := bytes.Compare(kind, lastKind)
			if c < 0 || c == 0 && bytes.Compare(other, lastOther) <= 0 {
				return l, errCorruptGroup
			}
		}
		lastKind, lastOther = kind, other
		if fwd {
			n, ok := evidenceLen(rest, l)
			if !ok {
				return l, errCorruptGroup
			}
			rest = rest[n:]
		}
		b = rest
	}
	if len(b) != 0 {
		return l, errCorruptGroup
	}
	return l, nil
}

// readBytes reads a length and that many bytes.
func readBytes(b []byte) (field, rest []byte, ok bool) {
	l, k := binary.Uvarint(b)
	if k <= 0 || l > uint64(len(b)-k) {
		return nil, nil, false
	}
	return b[k : k+int(l)], b[k+int(l):], true
}

// evidenceLen returns the length of one edge's evidence at the start of b,
// in the form of the group l describes.
func evidenceLen(b []byte, l groupLayout) (int, bool) {
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
		if l.table {
			ti, k := binary.Uvarint(b[pos:])
			if k <= 0 || ti >= l.ntexts {
				return 0, false
			}
			pos += k
			continue
		}
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
	err := eachGroupEdge(v, true, func(k, o []byte, ev evidenceRef) error {
		if found || string(k) != string(kind) || string(o) != other {
			return nil
		}
		found = true
		var err error
		out, err = ev.decode(src)
		return err
	})
	return out, found, err
}

// revGroup names a reverse group of one source: the node and the kind.
type revGroup struct {
	to   string
	kind graph.EdgeKind
}

// edgeGroup is one group of a source's edges: those leaving one node (a
// forward group, key.to empty) or entering one node with one kind (a
// reverse group).
type edgeGroup struct {
	key revGroup // the node and, for a reverse group, the kind
	es  []groupEdge
}

// sourceGroups splits the edges of one source's facts into its forward
// groups (by the node they leave) and reverse groups (by the node they
// enter and their kind), each list in key order and each group's edges in
// the order of edges. It sorts positions instead of filling maps of
// growing slices, which was a third of what writing a source allocated.
func sourceGroups(edges []graph.Edge) (fwd, rev []edgeGroup) {
	if len(edges) == 0 {
		return nil, nil
	}
	order := make([]int32, len(edges))
	all := make([]groupEdge, 2*len(edges))
	split := func(cmp func(a, b *graph.Edge) int, ge func(e *graph.Edge) (revGroup, groupEdge), out []groupEdge) []edgeGroup {
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortStableFunc(order, func(a, b int32) int { return cmp(&edges[a], &edges[b]) })
		n := 1
		for j := 1; j < len(order); j++ {
			if cmp(&edges[order[j-1]], &edges[order[j]]) != 0 {
				n++
			}
		}
		groups := make([]edgeGroup, 0, n)
		for j, i := range order {
			k, g := ge(&edges[i])
			out[j] = g
			if j == 0 || cmp(&edges[order[j-1]], &edges[i]) != 0 {
				groups = append(groups, edgeGroup{key: k})
			}
			last := &groups[len(groups)-1]
			last.es = out[j-len(last.es) : j+1 : j+1]
		}
		return groups
	}
	fwd = split(func(a, b *graph.Edge) int { return strings.Compare(a.Source, b.Source) },
		func(e *graph.Edge) (revGroup, groupEdge) {
			return revGroup{to: e.Source}, groupEdge{kind: e.Kind, other: e.Target, ev: e.Evidence}
		}, all[:len(edges)])
	rev = split(func(a, b *graph.Edge) int {
		if c := strings.Compare(a.Target, b.Target); c != 0 {
			return c
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	}, func(e *graph.Edge) (revGroup, groupEdge) {
		return revGroup{e.Target, e.Kind}, groupEdge{kind: e.Kind, other: e.Source}
	}, all[len(edges):])
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
	err = eachGroupEdge(v, true, func(kind, other []byte, ev evidenceRef) error {
		for _, e := range (*es)[:legacy] {
			if string(e.kind) == string(kind) && e.other == string(other) {
				return nil
			}
		}
		evs, err := ev.decode(src)
		*es = append(*es, groupEdge{kind: graph.EdgeKind(kind), other: string(other), ev: evs})
		return err
	})
	if err != nil { // a damaged group: the legacy edges replace it
		*es = (*es)[:legacy]
	}
	return nil
}

// Reverse groups by commit. A writer's commit gathers the reverse edges of
// all its sources into one group per node and kind (revKey with a group
// name for the source, batchGroup): a commit of ~60 recaps enters each
// project, topic and event many times, and a group per source took about
// 940,000 of a 10k-recap load's 2.2 million Badger entries (about 450,000
// by commit). The value is a marker byte (revBatchV3), the number of
// sources, then per source in id order its id and its part as a group of
// its own would hold it (a reverse group value, edgeGroupV1). A source
// record names its group (sourceRec.Group); records without one (written
// before) have a group of their own, keyed by the source id. Removing a
// source rewrites the groups of its commit without it.
const revBatchV3 = 0x03

// batchGroup names the group of commit n; source ids never start with '#'.
func batchGroup(n uint64) string { return fmt.Sprintf("#%010d", n) }

func isBatchGroup(g []byte) bool { return len(g) > 0 && g[0] == '#' }

// revPart is one source's part of a reverse group by commit.
type revPart struct {
	src string
	v   []byte // a reverse group value: edgeGroupV1
}

// encodeRevBatch encodes the parts, sorting them by source.
func encodeRevBatch(parts []revPart) []byte {
	slices.SortFunc(parts, func(a, b revPart) int { return strings.Compare(a.src, b.src) })
	n := 1 + binary.MaxVarintLen32
	for _, p := range parts {
		n += 2*binary.MaxVarintLen32 + len(p.src) + len(p.v)
	}
	b := make([]byte, 0, n)
	b = append(b, revBatchV3)
	b = binary.AppendUvarint(b, uint64(len(parts)))
	for _, p := range parts {
		b = appendBytes(b, p.src)
		b = appendBytes(b, string(p.v))
	}
	return b
}

// eachRevPart calls fn with each source's part of a reverse group by
// commit, in source order, after checking the value's frame: sources in
// strictly increasing order, each with a part. The parts themselves are
// checked by whoever reads them (eachGroupEdge checks a group before it
// gives an edge), not twice.
func eachRevPart(v []byte, fn func(src, part []byte) error) error {
	if len(v) < 2 || v[0] != revBatchV3 {
		return errCorruptGroup
	}
	n, k := binary.Uvarint(v[1:])
	if k <= 0 || n == 0 || n > uint64(len(v)) {
		return errCorruptGroup
	}
	b := v[1+k:]
	start := b
	var last []byte
	for i := uint64(0); i < n; i++ {
		src, rest, ok := readBytes(b)
		if !ok || len(src) == 0 || bytes.IndexByte(src, sep) >= 0 || isBatchGroup(src) ||
			i > 0 && bytes.Compare(src, last) <= 0 {
			return errCorruptGroup
		}
		if _, rest, ok = readBytes(rest); !ok {
			return errCorruptGroup
		}
		last, b = src, rest
	}
	if len(b) != 0 {
		return errCorruptGroup
	}
	b = start
	for i := uint64(0); i < n; i++ {
		src, rest, _ := readBytes(b)
		part, rest, _ := readBytes(rest)
		b = rest
		if err := fn(src, part); err != nil {
			return err
		}
	}
	return nil
}

// withoutSource returns a reverse group by commit without src's part, or
// nil if nothing else is left.
func withoutSource(v []byte, src string) ([]byte, error) {
	var parts []revPart
	err := eachRevPart(v, func(s, part []byte) error {
		if string(s) == src {
			return nil
		}
		if _, err := checkGroup(part, false); err != nil {
			return err
		}
		parts = append(parts, revPart{string(s), part})
		return nil
	})
	if err != nil || len(parts) == 0 {
		return nil, err
	}
	return encodeRevBatch(parts), nil
}
