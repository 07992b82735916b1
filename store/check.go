package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
)

// Kinds of Problem that Check reports. The primary records are the source
// records (what each source contributed) and the forward edge groups (the
// edges from one node stated by one source, with their evidence);
// everything else is derived from them. Problems with one edge name it by
// the key kg/2 stored per edge and source: f|from|kind|to|source.
const (
	ProblemMissingRev      = "missing reverse key"            // an edge its reverse group lacks
	ProblemStaleRev        = "reverse key without edge"       // a reverse group, or an edge in one, without its forward edge
	ProblemWrongKind       = "node kind differs from its id"  // not repaired: a source states it so
	ProblemGroupCounter    = "group number behind its groups" // a writer would reuse a commit's group name
	ProblemMissingAlias    = "missing alias key"
	ProblemStaleAlias      = "stale alias key" // no such node, or not one of its spellings
	ProblemMissingSeries   = "missing series key"
	ProblemStaleSeries     = "stale series key"
	ProblemMissingNode     = "missing node record" // a source contributes the node, no n-key
	ProblemStaleNode       = "node without source" // n-key no source contributes
	ProblemWrongNode       = "node record differs from its sources"
	ProblemMissingPath     = "missing path key"
	ProblemStalePath       = "stale path key"
	ProblemDangling        = "dangling edge"       // an end is not a node
	ProblemOrphanEdge      = "edge without source" // forward group of a source with no record
	ProblemUnlistedEdge    = "edge not in its source record"
	ProblemMissingEdge     = "missing edge key" // the source record lists it, no forward group has it
	ProblemBadSource       = "unreadable source record"
	ProblemBadEvidence     = "unreadable evidence" // a forward group that does not decode
	ProblemBadValue        = "unreadable value"
	ProblemMalformedKey    = "malformed key"
	ProblemUnknownKeyspace = "unknown key"
)

// maxProblems bounds the problems a Report lists; Counts has them all.
const maxProblems = 1000

// Problem is one inconsistency found by Check.
type Problem struct {
	Kind string `json:"kind"`
	// Key is the key concerned, its fields joined by '|'
	// ("b|project:cilium|mentions|source:a"), or for one edge the key kg/2 stored
	// for it ("f|talk:x/y|mentions|project:cilium|source:a").
	Key string `json:"key"`
}

// Report is what Check read, found and, when repairing, changed.
type Report struct {
	Keys      int            `json:"keys"`      // keys read
	Sources   int            `json:"sources"`   // source records
	Nodes     int            `json:"nodes"`     // nodes the source records support
	Edges     int            `json:"edges"`     // edges, counted once per edge and source
	Redirects int            `json:"redirects"` // ids merged into another
	Problems  []Problem      `json:"problems"`  // the first 1000 problems, in the order found
	Counts    map[string]int `json:"counts"`    // problems by kind
	Total     int            `json:"total"`     // problems found
	Repaired  int            `json:"repaired"`  // keys written or deleted by the repair
	Space     []KeySpace     `json:"space"`     // keys and bytes by kind of record
}

// KeySpace is what one kind of record takes: how many keys, and the bytes
// of their keys and values (as stored, before Badger's own overhead).
type KeySpace struct {
	Name       string `json:"name"`
	Keys       int    `json:"keys"`
	KeyBytes   int64  `json:"key_bytes"`
	ValueBytes int64  `json:"value_bytes"`
}

// keySpaceNames names the key prefixes for Report.Space.
var keySpaceNames = map[byte]string{
	pMeta: "meta", pSource: "source records", pPath: "paths", pNode: "node records",
	pAlias: "alias index", pSeries: "series index",
	pFwd: "edge groups (forward, with evidence)", pRev: "edge groups (reverse)", pRedir: "redirects", pCatalog: "catalog",
}

// Clean reports whether Check found nothing wrong.
func (r Report) Clean() bool { return r.Total == 0 }

// Check verifies that the derived keys agree with the primary records:
// every forward edge is in its reverse group and the reverse, every live
// node its kind key, an alias key per spelling and its series key, no index
// key names a missing node, both ends of every edge are nodes, every node
// record is what its sources contribute, and every source record matches
// the forward edge groups of that source.
//
// With repair, Check then rebuilds the derived keys (kind, alias, series,
// reverse and path keys, and the merged node records) from the source
// records and forward edge groups. Edges that no source record can explain
// (their source is gone, their group is unreadable, or an end is no node)
// are deleted, a source record is made to list exactly the edges of its
// groups and loses its file's hash, and an unreadable source record is
// deleted with its edges, so that ingesting the files again restores
// what was lost. Repair writes in batches, not in one transaction; if it
// is interrupted, running it again finishes it. It fails with
// graph.ErrReadOnly on a read-only database.
//
// Check reads every key: its time and memory grow with the database.
func (db *DB) Check(ctx context.Context, repair bool) (Report, error) {
	if repair && db.readOnly {
		return Report{}, graph.ErrReadOnly
	}
	c := &checker{ctx: ctx, rep: Report{Counts: map[string]int{}}, srcs: map[string]bool{},
		nodes: map[string]*nodeRec{}, fwd: map[edgeKey]int32{}, want: map[string][]byte{},
		drop: map[string][]edgeRef{}, add: map[string][]edgeRef{}, ids: map[string]int32{},
		badGroups: map[string]bool{}, regroup: map[string]bool{}, revWant: map[revGroupKey]*[]int32{},
		groups: map[string]string{}}
	err := db.view(func(txn *badger.Txn) error {
		if err := c.readSources(txn); err != nil {
			return err
		}
		if err := c.readEdges(txn); err != nil {
			return err
		}
		c.expect()
		if err := c.compare(txn); err != nil {
			return err
		}
		if err := c.rewriteGroups(txn); err != nil {
			return err
		}
		return c.rewriteSources(txn)
	})
	if err != nil {
		return c.rep, fmt.Errorf("store: check: %w", err)
	}
	if !repair || len(c.fixes) == 0 {
		return c.rep, nil
	}
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	for _, f := range c.fixes {
		if f.del {
			err = wb.Delete(f.key)
		} else {
			err = wb.Set(f.key, f.val)
		}
		if err != nil {
			return c.rep, fmt.Errorf("store: repair %s: %w", printable(f.key), err)
		}
	}
	if err := wb.Flush(); err != nil {
		return c.rep, fmt.Errorf("store: repair: %w", err)
	}
	c.rep.Repaired = len(c.fixes)
	return c.rep, nil
}

type fix struct {
	key, val []byte
	del      bool
}

// What Check knows of one edge of one source.
const (
	fwdListed   = 1 << iota // its source record lists it
	fwdPresent              // its forward group has it
	fwdDangling             // an end is no node
)

// checker holds what one Check learns. It keeps no source record and no
// evidence in memory: the edges with a few bits each, the reverse groups
// they call for (as indices of those edges), the node records as the
// sources give them and the other derived keys. An edge is four numbers,
// its ends, kind and source interned: with each edge's kg/2 key as a
// string, copied into the list of present edges and split into every
// expected reverse group entry, checking a 100k-recap database held 16.8
// GB; with the key held once, 9.9 GB, of which the edges were 2 GB.
type checker struct {
	ctx       context.Context
	rep       Report
	srcs      map[string]bool          // readable source records
	nodes     map[string]*nodeRec      // node records as the sources give them
	ids       map[string]int32         // interned ids, kinds and group names
	strs      []string                 // and back
	edges     []edgeState              // edges listed or present, by index
	fwd       map[edgeKey]int32        // edge -> index in edges
	order     []int32                  // present edges, in group key order
	badGroups map[string]bool          // forward groups that do not decode
	regroup   map[string]bool          // forward groups with a dangling edge
	want      map[string][]byte        // derived keys expected, but reverse groups
	revWant   map[revGroupKey]*[]int32 // reverse groups expected: their edges
	groups    map[string]string        // sources' reverse groups by commit (sourceRec.Group)
	counter   uint64                   // the stored number of the last commit's groups
	maxGroup  uint64                   // the largest group number in use
	drop      map[string][]edgeRef     // edges to take out of a source record
	add       map[string][]edgeRef     // edges to add to a source record
	fixes     []fix
}

// edgeKey is an edge of one source, its strings interned (checker.ids).
// Int32s suffice: two billion edges would not fit in memory anyway.
type edgeKey struct{ from, kind, to, src int32 }

// edgeState is an edge and what Check knows of it (fwdListed...).
type edgeState struct {
	key   edgeKey
	flags uint8
}

// revGroupKey is a reverse group's key (revKey), its fields interned.
type revGroupKey struct{ to, kind, group int32 }

// intern returns the number of s, adding it if it is new.
func (c *checker) intern(s string) int32 {
	if i, ok := c.ids[s]; ok {
		return i
	}
	c.strs = append(c.strs, s)
	c.ids[s] = int32(len(c.strs) - 1)
	return int32(len(c.strs) - 1)
}

// edge returns the index of an edge, adding it if it is new.
func (c *checker) edge(from string, k graph.EdgeKind, to, src string) int32 {
	key := edgeKey{c.intern(from), c.intern(string(k)), c.intern(to), c.intern(src)}
	if i, ok := c.fwd[key]; ok {
		return i
	}
	c.edges = append(c.edges, edgeState{key: key})
	c.fwd[key] = int32(len(c.edges) - 1)
	return int32(len(c.edges) - 1)
}

// edgeIndex returns the index of an edge Check has seen, if any.
func (c *checker) edgeIndex(from string, k graph.EdgeKind, to, src string) (int32, bool) {
	f, ok1 := c.ids[from]
	kind, ok2 := c.ids[string(k)]
	t, ok3 := c.ids[to]
	s, ok4 := c.ids[src]
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return 0, false
	}
	i, ok := c.fwd[edgeKey{f, kind, t, s}]
	return i, ok
}

// fields returns the ends, kind and source of edge i.
func (c *checker) fields(i int32) (from string, k graph.EdgeKind, to, src string) {
	e := c.edges[i].key
	return c.strs[e.from], graph.EdgeKind(c.strs[e.kind]), c.strs[e.to], c.strs[e.src]
}

// edgeName is edge i's kg/2 key (legacyEdgeKey), its name in reports.
func (c *checker) edgeName(i int32) []byte {
	from, k, to, src := c.fields(i)
	return legacyEdgeKey(from, k, to, src)
}

// revName is the key of reverse group rk.
func (c *checker) revName(rk revGroupKey) string {
	return string(revKey(c.strs[rk.to], graph.EdgeKind(c.strs[rk.kind]), c.strs[rk.group]))
}

// revGroupOf reads reverse group key k into interned fields; ok is false
// when it has not three fields or a field Check has not seen, so that no
// group is expected under it.
func (c *checker) revGroupOf(k []byte) (rk revGroupKey, ok bool) {
	rest := k[2:]
	for j, n := range [...]*int32{&rk.to, &rk.kind, &rk.group} {
		f, after, found := bytes.Cut(rest, []byte{sep})
		if found == (j == 2) {
			return rk, false
		}
		if *n, ok = c.ids[string(f)]; !ok {
			return rk, false
		}
		rest = after
	}
	return rk, true
}

// revEntries returns the reverse group entries of edges idx.
func (c *checker) revEntries(idx []int32) []revEntry {
	out := make([]revEntry, len(idx))
	for j, i := range idx {
		from, k, _, src := c.fields(i)
		out[j] = revEntry{src, groupEdge{kind: k, other: from}}
	}
	return out
}

func (c *checker) problem(kind string, k []byte) {
	c.rep.Total++
	c.rep.Counts[kind]++
	if len(c.rep.Problems) < maxProblems {
		c.rep.Problems = append(c.rep.Problems, Problem{kind, printable(k)})
	}
}

func (c *checker) set(k, v []byte) { c.fixes = append(c.fixes, fix{key: k, val: v}) }
func (c *checker) del(k []byte)    { c.fixes = append(c.fixes, fix{key: k, del: true}) }

// scan calls fn for every key with prefix p (values are read on demand).
func (c *checker) scan(txn *badger.Txn, p []byte, fn func(k []byte, item *badger.Item) error) error {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		if c.rep.Keys%4096 == 0 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
		c.rep.Keys++
		if err := fn(it.Item().KeyCopy(nil), it.Item()); err != nil {
			return err
		}
	}
	return nil
}

// readSourceRec decodes a source record; ok is false when it does not
// decode, such as when Badger, which returns an empty value rather than an
// error when the value log no longer holds it, gives nothing.
func readSourceRec(item *badger.Item) (rec *sourceRec, ok bool, err error) {
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, false, err
	}
	rec = &sourceRec{}
	return rec, decodeSource(v, rec) == nil, nil
}

// readSources reads the source records and adds up what they contribute.
func (c *checker) readSources(txn *badger.Txn) error {
	return c.scan(txn, []byte{pSource, sep}, func(k []byte, item *badger.Item) error {
		rec, ok, err := readSourceRec(item)
		if err != nil {
			return err
		}
		if !ok {
			c.problem(ProblemBadSource, k)
			c.del(k)
			return nil
		}
		id := string(k[2:])
		c.srcs[id] = true
		if rec.Group != "" {
			c.groups[id] = rec.Group
		}
		c.rep.Sources++
		for _, n := range rec.Nodes {
			r := c.nodes[n.ID]
			if r == nil {
				r = &nodeRec{Names: map[string]int{}, Attrs: map[string]int{}}
				c.nodes[n.ID] = r
			}
			r.add(n, 1)
		}
		for _, e := range rec.Edges {
			c.edges[c.edge(e.From, e.Kind, e.To, id)].flags |= fwdListed
		}
		c.want[string(key(pPath, rec.Info.Path))] = pathValue(id, rec.Info.Hash)
		return nil
	})
}

// readEdges reads the forward edge groups and matches their edges with
// the source records.
func (c *checker) readEdges(txn *badger.Txn) error {
	err := c.scan(txn, []byte{pFwd, sep}, func(k []byte, item *badger.Item) error {
		f := splitKey(k)
		if len(f) != 2 || f[0] == "" || f[1] == "" {
			c.problem(ProblemMalformedKey, k)
			c.del(k)
			return nil
		}
		from, src := f[0], f[1]
		if !c.srcs[src] {
			c.problem(ProblemOrphanEdge, k)
			c.del(k)
			return nil
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		var edges []edgeRef
		err = eachGroupEdge(v, true, func(kind, other []byte, ev evidenceRef) error {
			if _, err := ev.decode(src); err != nil {
				return err
			}
			edges = append(edges, edgeRef{from, graph.EdgeKind(kind), string(other)})
			return nil
		})
		if err != nil {
			c.problem(ProblemBadEvidence, k)
			c.del(k)
			c.badGroups[string(k)] = true
			return nil
		}
		for _, e := range edges {
			i := c.edge(e.From, e.Kind, e.To, src)
			if c.edges[i].flags&fwdListed == 0 {
				c.problem(ProblemUnlistedEdge, c.edgeName(i))
				c.add[src] = append(c.add[src], e)
			}
			c.edges[i].flags |= fwdPresent
			c.order = append(c.order, i)
		}
		return nil
	})
	if err != nil {
		return err
	}
	type named struct {
		name string
		i    int32
	}
	var missing []named
	for i, e := range c.edges {
		if e.flags&fwdPresent == 0 {
			missing = append(missing, named{string(c.edgeName(int32(i))), int32(i)})
		}
	}
	sort.Slice(missing, func(a, b int) bool { return missing[a].name < missing[b].name })
	for _, m := range missing {
		from, k, to, src := c.fields(m.i)
		if !c.badGroups[string(fwdKey(from, src))] { // else reported with its group
			c.problem(ProblemMissingEdge, []byte(m.name))
		}
		c.drop[src] = append(c.drop[src], edgeRef{from, k, to})
		delete(c.fwd, c.edges[m.i].key)
	}
	return nil
}

func (c *checker) alive(id string) bool {
	r := c.nodes[id]
	return r != nil && r.Support > 0
}

// expect drops dangling edges and computes the derived keys, other than
// reverse keys, that the primary records call for.
func (c *checker) expect() {
	for _, i := range c.order {
		from, k, to, src := c.fields(i)
		if !c.alive(from) || !c.alive(to) {
			c.problem(ProblemDangling, c.edgeName(i))
			c.regroup[string(fwdKey(from, src))] = true
			e := edgeRef{from, k, to}
			if c.edges[i].flags&fwdListed != 0 {
				c.drop[src] = append(c.drop[src], e)
			} else {
				c.add[src] = slices.DeleteFunc(c.add[src], func(x edgeRef) bool { return x == e })
			}
			c.edges[i].flags |= fwdDangling
			continue
		}
		c.rep.Edges++
		g := src
		if cg := c.groups[g]; cg != "" {
			g = cg
		}
		rk := revGroupKey{c.edges[i].key.to, c.edges[i].key.kind, c.intern(g)}
		rev := c.revWant[rk]
		if rev == nil {
			rev = new([]int32)
			c.revWant[rk] = rev
		}
		*rev = append(*rev, i)
		if owner, other := linkOwner(from, k, to); owner != "" {
			c.nodes[owner].link(k, other, 1)
		}
	}
	for id, r := range c.nodes {
		if r.Support <= 0 {
			continue
		}
		c.rep.Nodes++
		c.want[string(nodeKey(id))] = encodeNode(r)
		if graph.IDKind(id) != r.Kind {
			// Its sources give it another kind than its id: listed under
			// the wrong kind, or not at all. The writer refuses such nodes.
			c.problem(ProblemWrongKind, nodeKey(id))
		}
		for s := range r.spellings() {
			c.want[string(aliasKey(s, id))] = nil
		}
		if r.Kind == graph.Event {
			if sk := graph.EventSeriesKey(r.node(id)); sk != "" {
				c.want[string(key(pSeries, sk, id))] = nil
			}
		}
	}
}

// rewriteSources makes each source record list exactly the edges of its
// forward groups, and clears its file's hash.
func (c *checker) rewriteSources(txn *badger.Txn) error {
	ids := make([]string, 0, len(c.drop)+len(c.add))
	for id := range c.drop {
		ids = append(ids, id)
	}
	for id := range c.add {
		if _, ok := c.drop[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		k := key(pSource, id)
		item, err := txn.Get(k)
		if err != nil {
			return err
		}
		rec, ok, err := readSourceRec(item)
		if err != nil || !ok {
			return fmt.Errorf("source %s changed during the check: %v", id, err)
		}
		drop := c.drop[id]
		rec.Edges = slices.DeleteFunc(rec.Edges, func(e edgeRef) bool { return slices.Contains(drop, e) })
		rec.Edges = append(rec.Edges, c.add[id]...)
		// The record no longer says what its file says: with no hash,
		// the next ingest of the file reads it again and replaces it.
		rec.Info.Hash = ""
		b, err := encodeSource(rec)
		if err != nil {
			return err
		}
		c.set(k, b)
		c.set(key(pPath, rec.Info.Path), pathValue(id, ""))
	}
	return nil
}

// derived names the derived key spaces, with the problems of a key that
// should not be there and of one that is missing.
var derived = map[byte][2]string{
	pAlias:  {ProblemStaleAlias, ProblemMissingAlias},
	pRev:    {ProblemStaleRev, ProblemMissingRev},
	pSeries: {ProblemStaleSeries, ProblemMissingSeries},
	pNode:   {ProblemStaleNode, ProblemMissingNode},
	pPath:   {ProblemStalePath, ProblemMissingPath},
}

// compare reads every key other than the primary ones and compares the
// derived keys with what is expected.
func (c *checker) compare(txn *badger.Txn) error {
	space := map[byte]*KeySpace{}
	defer func() {
		for p, ks := range space {
			if ks.Name = keySpaceNames[p]; ks.Name == "" {
				ks.Name = "unknown"
			}
			c.rep.Space = append(c.rep.Space, *ks)
		}
		sort.Slice(c.rep.Space, func(i, j int) bool {
			return c.rep.Space[i].KeyBytes+c.rep.Space[i].ValueBytes > c.rep.Space[j].KeyBytes+c.rep.Space[j].ValueBytes
		})
	}()
	err := c.scan(txn, nil, func(k []byte, item *badger.Item) error {
		if len(k) > 0 {
			ks := space[k[0]]
			if ks == nil {
				ks = &KeySpace{}
				space[k[0]] = ks
			}
			ks.Keys++
			ks.KeyBytes += int64(len(k))
			ks.ValueBytes += item.ValueSize()
		}
		if len(k) < 2 || k[1] != sep {
			c.problem(ProblemUnknownKeyspace, k)
			c.del(k)
			return nil
		}
		switch k[0] {
		case pSource, pFwd:
			c.rep.Keys-- // counted by the first passes
			return nil
		case pMeta:
			if string(k) == string(groupKey) {
				return c.checkValue(k, item, func(v []byte) bool {
					n, err := strconv.ParseUint(string(v), 10, 64)
					c.counter = n
					return err == nil
				})
			}
			return nil
		case pRedir:
			c.rep.Redirects++
			return c.checkValue(k, item, func(v []byte) bool { return len(v) > 0 })
		case pCatalog:
			return c.checkValue(k, item, func(v []byte) bool { return json.Valid(v) })
		case pRev:
			return c.reverse(k, item)
		}
		probs, ok := derived[k[0]]
		if !ok {
			c.problem(ProblemUnknownKeyspace, k)
			c.del(k)
			return nil
		}
		want, ok := c.want[string(k)]
		if !ok {
			c.problem(probs[0], k)
			c.del(k)
			return nil
		}
		delete(c.want, string(k))
		if k[0] != pNode && k[0] != pPath {
			return nil
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if !sameValue(k[0], v, want) {
			if k[0] == pNode {
				c.problem(ProblemWrongNode, k)
			} else {
				c.problem(ProblemStalePath, k)
			}
			c.set(k, want)
		}
		return nil
	})
	if err != nil {
		return err
	}
	type named struct {
		name string
		rk   revGroupKey
	}
	revs := make([]named, 0, len(c.revWant))
	for rk := range c.revWant {
		k := c.revName(rk)
		revs = append(revs, named{k, rk})
		c.noteGroup([]byte(k))
	}
	if c.counter < c.maxGroup {
		c.problem(ProblemGroupCounter, groupKey)
		c.set(groupKey, strconv.AppendUint(nil, c.maxGroup, 10))
	}
	sort.Slice(revs, func(a, b int) bool { return revs[a].name < revs[b].name })
	for _, r := range revs {
		c.problem(ProblemMissingRev, []byte(r.name))
		c.set([]byte(r.name), encodeWant(r.name, c.revEntries(*c.revWant[r.rk])))
	}
	missing := make([]string, 0, len(c.want))
	for k := range c.want {
		missing = append(missing, k)
	}
	sort.Strings(missing)
	for _, ks := range missing {
		k := []byte(ks)
		c.problem(derived[k[0]][1], k)
		c.set(k, c.want[ks])
	}
	return nil
}

// reverse checks one reverse group against the forward edges.
func (c *checker) reverse(k []byte, item *badger.Item) error {
	c.noteGroup(k)
	rk, ok := c.revGroupOf(k)
	var idx *[]int32
	if ok {
		idx = c.revWant[rk]
	}
	if idx == nil {
		c.problem(ProblemStaleRev, k)
		c.del(k)
		return nil
	}
	delete(c.revWant, rk)
	want := c.revEntries(*idx)
	v, err := item.ValueCopy(nil)
	if err != nil {
		return err
	}
	wantV := encodeWant(string(k), want)
	if string(v) == string(wantV) {
		return nil
	}
	// Name the damage: edges the group lacks, or more than that.
	type edge struct{ src, other string }
	has := map[edge]bool{}
	f := splitKey(k)
	group := []byte(f[len(f)-1])
	part := func(src, v []byte) error {
		return eachGroupEdge(v, false, func(_, other []byte, _ evidenceRef) error {
			has[edge{string(src), string(other)}] = true
			return nil
		})
	}
	var bad error
	if isBatchGroup(group) {
		bad = eachRevPart(v, part)
	} else {
		bad = part(group, v)
	}
	stale := bad != nil
	for _, e := range want {
		delete(has, edge{e.src, e.other})
	}
	if stale || len(has) > 0 {
		c.problem(ProblemStaleRev, k)
	} else {
		c.problem(ProblemMissingRev, k)
	}
	c.set(k, wantV)
	return nil
}

// noteGroup keeps the largest number of a reverse group by commit.
func (c *checker) noteGroup(k []byte) {
	g := k[bytes.LastIndexByte(k, sep)+1:]
	if !isBatchGroup(g) {
		return
	}
	if n, err := strconv.ParseUint(string(g[1:]), 10, 64); err == nil && n > c.maxGroup {
		c.maxGroup = n
	}
}

// revEntry is one edge a reverse group should hold: its source and its
// other end.
type revEntry struct {
	src string
	groupEdge
}

// encodeWant encodes the reverse group k should be: a group by commit
// (batchGroup) with each source's part, or a group of one source's own.
func encodeWant(k string, want []revEntry) []byte {
	f := splitKey([]byte(k))
	if !isBatchGroup([]byte(f[len(f)-1])) {
		es := make([]groupEdge, len(want))
		for i, e := range want {
			es[i] = e.groupEdge
		}
		return encodeGroup(es, false)
	}
	bySrc := map[string][]groupEdge{}
	for _, e := range want {
		bySrc[e.src] = append(bySrc[e.src], e.groupEdge)
	}
	parts := make([]revPart, 0, len(bySrc))
	for src, es := range bySrc {
		parts = append(parts, revPart{src, encodeGroup(es, false)})
	}
	return encodeRevBatch(parts)
}

// rewriteGroups writes again each forward group that holds a dangling
// edge, without it.
func (c *checker) rewriteGroups(txn *badger.Txn) error {
	keys := make([]string, 0, len(c.regroup))
	for k := range c.regroup {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, ks := range keys {
		f := splitKey([]byte(ks))
		from, src := f[0], f[1]
		item, err := txn.Get([]byte(ks))
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		var keep []groupEdge
		err = eachGroupEdge(v, true, func(kind, other []byte, ev evidenceRef) error {
			if i, ok := c.edgeIndex(from, graph.EdgeKind(kind), string(other), src); ok && c.edges[i].flags&fwdDangling != 0 {
				return nil
			}
			evs, err := ev.decode(src)
			keep = append(keep, groupEdge{kind: graph.EdgeKind(kind), other: string(other), ev: evs})
			return err
		})
		if err != nil {
			return fmt.Errorf("group %s changed during the check: %v", printable([]byte(ks)), err)
		}
		if len(keep) == 0 {
			c.del([]byte(ks))
		} else {
			c.set([]byte(ks), encodeGroup(keep, true))
		}
	}
	return nil
}

func (c *checker) checkValue(k []byte, item *badger.Item, ok func([]byte) bool) error {
	v, err := item.ValueCopy(nil)
	if err != nil {
		return err
	}
	if !ok(v) {
		c.problem(ProblemBadValue, k)
		c.del(k)
	}
	return nil
}

// sameValue compares a stored value with the expected one: node records
// by content, so that an equal record in another encoding passes.
func sameValue(prefix byte, got, want []byte) bool {
	if prefix != pNode {
		return string(got) == string(want)
	}
	a, err := decodeNode(got)
	if err != nil {
		return false
	}
	b, _ := decodeNode(want)
	return reflect.DeepEqual(a, b)
}

// printable renders a key for a report: the prefix and the fields joined by
// '|', with invalid UTF-8 replaced.
func printable(k []byte) string {
	s := strings.ReplaceAll(string(k), "\x00", "|")
	return strings.ToValidUTF8(s, "\uFFFD")
}

// CheckFiles looks at the Badger files in dir before the database is
// opened, for damage that opening it would make worse: Badger deletes every
// table file that its MANIFEST does not list, so a truncated MANIFEST costs
// the tables it no longer names. CheckFiles returns an error wrapping
// graph.ErrSchema if the MANIFEST cannot be read, or if it lists fewer
// tables than the directory holds while its tail is cut off (or it lists
// none) and no memtable log could explain the difference (tables written
// by a flush that a crash interrupted, which Badger may delete safely). A
// directory without a MANIFEST passes: Open tells a new database from
// another program's directory, and so does a dir that is no directory.
func CheckFiles(dir string) error {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil // Open says what is wrong with it
	}
	mf, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("database %s: %w", dir, err)
	}
	defer mf.Close()
	fi, err := mf.Stat()
	if err != nil {
		return fmt.Errorf("database %s: %w", dir, err)
	}
	m, end, err := badger.ReplayManifestFile(mf, 0, badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		return fmt.Errorf("database %s is damaged: MANIFEST: %s (restore it from a backup): %w", dir, firstLine(err.Error()), graph.ErrSchema)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("database %s: %w", dir, err)
	}
	var unlisted []string
	memLog := false
	for _, e := range entries {
		name := e.Name()
		switch filepath.Ext(name) {
		case ".mem":
			memLog = true
		case ".sst":
			id, err := strconv.ParseUint(strings.TrimSuffix(name, ".sst"), 10, 64)
			if err != nil {
				continue
			}
			if _, ok := m.Tables[id]; !ok {
				unlisted = append(unlisted, name)
			}
		}
	}
	cut := end < fi.Size() || len(m.Tables) == 0
	if len(unlisted) > 0 && cut && !memLog {
		return fmt.Errorf("database %s is damaged: its MANIFEST (truncated?) does not list %d table file(s) (%s); "+
			"not opened, because Badger would delete them (restore from a backup): %w",
			dir, len(unlisted), strings.Join(unlisted, ", "), graph.ErrSchema)
	}
	return nil
}
