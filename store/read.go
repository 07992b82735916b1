package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
)

func (db *DB) view(fn func(txn *badger.Txn) error) error {
	if db.bdb == nil {
		return errors.New("store: database is closed")
	}
	if db.snap != nil {
		return fn(db.snap)
	}
	return db.bdb.View(fn)
}

func getNode(txn *badger.Txn, id string) (graph.Node, error) {
	r, err := getRec(txn, id)
	if err != nil {
		return graph.Node{}, err
	}
	return r.node(id), nil
}

func getRec(txn *badger.Txn, id string) (*nodeRec, error) {
	item, err := txn.Get(nodeKey(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, fmt.Errorf("node %s: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: get node %s: %w", id, err)
	}
	return itemRec(item, id)
}

// itemRec decodes the node record in item.
func itemRec(item *badger.Item, id string) (*nodeRec, error) {
	var r *nodeRec
	err := item.Value(func(v []byte) error {
		var err error
		r, err = decodeNode(v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: node %s: %w", id, err)
	}
	return r, nil
}

// EachNodeLinks calls fn for each of ids (sorted, unique) that is a node,
// in order. It walks one iterator over the node records: a few Next steps
// reach a target that is close, a Seek one that is far, so many ids cost
// one pass over their part of the key range instead of a lookup each. The
// number of Next steps adapts: sparse ids (a project's talks among all
// talks) soon try one step before seeking, dense ones (their speakers)
// up to eight.
func (db *DB) EachNodeLinks(ctx context.Context, ids []string, fn func(graph.Node, graph.Links) error) error {
	return db.eachRow(ctx, ids, true, fn)
}

// EachNodeName is EachNodeLinks without the links.
func (db *DB) EachNodeName(ctx context.Context, ids []string, fn func(graph.Node) error) error {
	return db.eachRow(ctx, ids, false, func(n graph.Node, _ graph.Links) error { return fn(n) })
}

// rowsPerPart is the fewest ids eachRow gives a goroutine of its own.
var rowsPerPart = 256

// eachRow reads the rows of ids. Many ids are read in parts, one goroutine
// and iterator each, on as many cores as Go may use: a query process has
// nothing else to do meanwhile, and most of a row's cost is the Seek and
// the page faults of reading its block. fn still sees the rows in order.
func (db *DB) eachRow(ctx context.Context, ids []string, links bool, fn func(graph.Node, graph.Links) error) error {
	parts := min(runtime.GOMAXPROCS(0), len(ids)/rowsPerPart, 8)
	return db.view(func(txn *badger.Txn) error {
		if parts <= 1 {
			return readRows(ctx, txn, ids, links, fn)
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type row struct {
			n  graph.Node
			ls graph.Links
		}
		size := (len(ids) + parts - 1) / parts
		rows := make([][]row, parts)
		errs := make([]error, parts)
		var wg sync.WaitGroup
		for p := 1; p < parts; p++ {
			part := ids[min(p*size, len(ids)):min((p+1)*size, len(ids))]
			wg.Add(1)
			go func() {
				defer wg.Done()
				rows[p] = make([]row, 0, len(part))
				errs[p] = readRows(ctx, txn, part, links, func(n graph.Node, ls graph.Links) error {
					rows[p] = append(rows[p], row{n, ls})
					return nil
				})
			}()
		}
		err := readRows(ctx, txn, ids[:size], links, fn)
		if err != nil {
			cancel()
		}
		wg.Wait()
		if err != nil {
			return err
		}
		for p := 1; p < parts; p++ {
			if errs[p] != nil {
				return errs[p]
			}
			for _, r := range rows[p] {
				if err := fn(r.n, r.ls); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// readRows reads the rows of ids (sorted) with one iterator.
func readRows(ctx context.Context, txn *badger.Txn, ids []string, links bool, fn func(graph.Node, graph.Links) error) error {
	const maxSteps = 8
	steps := maxSteps // Next calls to try before a Seek
	prefix := []byte{pNode, sep}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	started := false
	for i, id := range ids {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		want := nodeKey(id)
		found := false
		for n := 0; started && n < steps && it.Valid(); n++ {
			c := bytes.Compare(it.Item().Key(), want)
			if c >= 0 {
				found = c == 0
				break
			}
			it.Next()
		}
		if !found && (!started || !it.Valid() || bytes.Compare(it.Item().Key(), want) < 0) {
			if started {
				steps = max(1, steps/2)
			}
			it.Seek(want)
			started = true
		} else {
			steps = min(maxSteps, steps*2)
		}
		if !it.Valid() || !bytes.Equal(it.Item().Key(), want) {
			continue
		}
		var n graph.Node
		var ls graph.Links
		err := it.Item().Value(func(v []byte) error {
			var err error
			n, ls, err = decodeRow(v, id, links)
			return err
		})
		if err != nil {
			return fmt.Errorf("store: node %s: %w", id, err)
		}
		if err := fn(n, ls); err != nil {
			return err
		}
	}
	return nil
}

// Node returns one node, or an error wrapping graph.ErrNotFound.
func (db *DB) Node(ctx context.Context, id string) (graph.Node, error) {
	var n graph.Node
	err := db.view(func(txn *badger.Txn) error {
		var err error
		n, err = getNode(txn, id)
		return err
	})
	return n, err
}

// Lookup returns the ids of nodes with a spelling whose graph.Key equals
// that of name, sorted; a redirected (merged) id resolves to its target.
func (db *DB) Lookup(ctx context.Context, name string) ([]string, error) {
	k := graph.Key(name)
	if k == "" {
		return nil, nil
	}
	var ids []string
	err := db.view(func(txn *badger.Txn) error {
		if err := scanKeys(txn, prefixKey(pAlias, k), func(key []byte) {
			f := splitKey(key)
			ids = append(ids, f[len(f)-1])
		}); err != nil {
			return err
		}
		// An exact id, or an id that was merged into another.
		id := name
		for i := 0; i < 8; i++ {
			item, err := txn.Get(key(pRedir, id))
			if err != nil {
				break
			}
			v, _ := item.ValueCopy(nil)
			id = string(v)
		}
		if _, err := txn.Get(nodeKey(id)); err == nil {
			ids = append(ids, id)
		}
		return nil
	})
	return dedupe(ids), err
}

// Nodes calls fn for every node of kind k ("" for all) in id order.
func (db *DB) Nodes(ctx context.Context, k graph.NodeKind, fn func(graph.Node) error) error {
	return db.view(func(txn *badger.Txn) error {
		if k == "" {
			return scanNodes(ctx, txn, []byte{pNode, sep}, fn)
		}
		return scanNodes(ctx, txn, kindPrefix(k), func(n graph.Node) error {
			if n.Kind != k {
				return nil // Check reports it
			}
			return fn(n)
		})
	})
}

// scanNodes calls fn for every node whose key starts with prefix.
func scanNodes(ctx context.Context, txn *badger.Txn, prefix []byte, fn func(graph.Node) error) error {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: prefix})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		id := string(it.Item().Key()[2:])
		r, err := itemRec(it.Item(), id)
		if err != nil {
			return err
		}
		if err := fn(r.node(id)); err != nil {
			return err
		}
	}
	return nil
}

// Edges returns the edges of id in direction dir (of kind, unless ""), with
// evidence from every supporting source, sorted.
func (db *DB) Edges(ctx context.Context, id string, dir graph.Direction, kind graph.EdgeKind) ([]graph.Edge, error) {
	var out []graph.Edge
	err := db.view(func(txn *badger.Txn) error {
		var err error
		out, err = edgesOf(txn, id, dir, kind)
		return err
	})
	return out, err
}

// Neighbors returns the ids at the other end of id's edges, without reading
// any evidence.
func (db *DB) Neighbors(ctx context.Context, id string, dir graph.Direction, kind graph.EdgeKind) ([]string, error) {
	var out []string
	err := db.view(func(txn *badger.Txn) error {
		if kind != "" {
			var err error
			out, err = neighbors(txn, id, dir, kind)
			return err
		}
		return eachEdge(txn, id, dir, kind, func(_ graph.EdgeKind, other, _ []byte, newEdge bool, _ evidenceRef) error {
			if newEdge {
				out = append(out, string(other))
			}
			return nil
		})
	})
	return out, err
}

// neighbors is Neighbors for one kind of edge: the other ends, sorted,
// each once. A hub's reverse groups hold thousands of edges, so rather
// than copying and sorting every entry as eachEdge does, it reads each
// group in place and makes a string once per distinct id.
func neighbors(txn *badger.Txn, id string, dir graph.Direction, kind graph.EdgeKind) ([]string, error) {
	fwd := dir != graph.In
	prefix := prefixKey(pRev, id, string(kind))
	if fwd {
		prefix = prefixKey(pFwd, id)
	}
	seen := map[string]bool{}
	var out []string
	err := eachGroup(txn, prefix, false, func(_, _, v []byte) error {
		return eachGroupEdge(v, fwd, func(k, other []byte, _ evidenceRef) error {
			if fwd && string(k) != string(kind) || seen[string(other)] {
				return nil
			}
			o := string(other)
			seen[o] = true
			out = append(out, o)
			return nil
		})
	})
	sort.Strings(out)
	return out, err
}

// groupEntry is one edge of id's groups as eachEdge reads it: slices of
// the copied group values and keys.
type groupEntry struct {
	kind       graph.EdgeKind
	other, src []byte
	ev         evidenceRef // forward groups only
}

func compareEntries(a, b groupEntry) int {
	if c := strings.Compare(string(a.kind), string(b.kind)); c != 0 {
		return c
	}
	if c := bytes.Compare(a.other, b.other); c != 0 {
		return c
	}
	return bytes.Compare(a.src, b.src)
}

// eachEdge calls fn for each of id's edges in direction dir, of kind kind
// or (kind "") of every kind, once per edge and source, ordered by kind,
// other end and source: the order in which kg/2 stored them as keys. An
// edge's sources come one after the other; newEdge is true for the first,
// so that callers make strings once per edge rather than once per source.
// ev is the evidence of a forward edge (the zero value for dir In). The
// slices are valid until eachEdge returns.
func eachEdge(txn *badger.Txn, id string, dir graph.Direction, kind graph.EdgeKind,
	fn func(ek graph.EdgeKind, other, src []byte, newEdge bool, ev evidenceRef) error) error {
	fwd := dir != graph.In
	var prefix []byte
	switch {
	case fwd:
		prefix = prefixKey(pFwd, id)
	case kind != "":
		prefix = prefixKey(pRev, id, string(kind))
	default:
		prefix = prefixKey(pRev, id)
	}
	var ents []groupEntry
	var buf []byte
	// A reverse group's key holds its kind, after the prefix unless the
	// prefix holds it.
	kindInKey := !fwd && kind == ""
	err := eachGroup(txn, prefix, kindInKey, func(kb, src, v []byte) error {
		rk := kind
		if kindInKey {
			rk = internEdgeKind(kb)
		}
		start := len(buf)
		buf = append(buf, src...)
		src = buf[start:len(buf):len(buf)]
		start = len(buf)
		buf = append(buf, v...)
		v = buf[start:len(buf):len(buf)]
		return eachGroupEdge(v, fwd, func(k, other []byte, ev evidenceRef) error {
			ek := rk
			if fwd {
				ek = internEdgeKind(k)
			}
			if kind == "" || ek == kind {
				ents = append(ents, groupEntry{kind: ek, other: other, src: src, ev: ev})
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	slices.SortFunc(ents, compareEntries)
	for i, e := range ents {
		newEdge := i == 0 || e.kind != ents[i-1].kind || !bytes.Equal(e.other, ents[i-1].other)
		if err := fn(e.kind, e.other, e.src, newEdge, e.ev); err != nil {
			return err
		}
	}
	return nil
}

// eachGroup calls fn with the kind (if kindInKey: the key's field after
// prefix), the source (the key's last field) and the value of every edge
// group whose key starts with prefix, skipping keys of any other shape. A
// reverse group by commit (batchGroup) gives one call per source, with
// that source's part.
// All are valid only during the call; an error fn returns is wrapped with
// the group's key.
func eachGroup(txn *badger.Txn, prefix []byte, kindInKey bool, fn func(kind, src, v []byte) error) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		var kind []byte
		src := item.Key()[len(prefix):]
		if kindInKey {
			i := bytes.IndexByte(src, sep)
			if i <= 0 {
				continue
			}
			kind, src = src[:i], src[i+1:]
		}
		if len(src) == 0 || bytes.IndexByte(src, sep) >= 0 {
			continue
		}
		err := item.Value(func(v []byte) error {
			if prefix[0] == pRev && isBatchGroup(src) {
				// A commit's group: each source's part as its own group.
				return eachRevPart(v, func(s, part []byte) error { return fn(kind, s, part) })
			}
			return fn(kind, src, v)
		})
		if err != nil {
			return fmt.Errorf("store: edges of %s: %w", printable(item.Key()), err)
		}
	}
	return nil
}

// internEdgeKind returns the edge kind spelt by b.
func internEdgeKind(b []byte) graph.EdgeKind {
	for _, k := range graph.EdgeKinds {
		if string(k) == string(b) {
			return k
		}
	}
	return graph.EdgeKind(b)
}

// edgesOf returns id's edges in direction dir (of kind kind, or all), each
// with the evidence of every source that stated it.
func edgesOf(txn *badger.Txn, id string, dir graph.Direction, kind graph.EdgeKind) ([]graph.Edge, error) {
	var out []graph.Edge
	err := eachEdge(txn, id, dir, kind, func(ek graph.EdgeKind, other, src []byte, newEdge bool, evb evidenceRef) error {
		if newEdge {
			e := graph.Edge{Source: id, Kind: ek, Target: string(other)}
			if dir == graph.In {
				e.Source, e.Target = e.Target, id
			}
			out = append(out, e)
		}
		e, source := &out[len(out)-1], string(src)
		var ev []graph.Evidence
		var err error
		if dir == graph.In { // the evidence is in the forward group
			ev, err = inEvidence(txn, e, source)
		} else {
			ev, err = evb.decode(source) // copies what it keeps
		}
		if err != nil {
			return fmt.Errorf("store: evidence of %s %s %s: %w", e.Source, e.Kind, e.Target, err)
		}
		e.Evidence = append(e.Evidence, ev...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		graph.SortEvidence(out[i].Evidence)
	}
	return out, nil
}

// inEvidence reads the evidence of edge e stated by src from e's forward
// group.
func inEvidence(txn *badger.Txn, e *graph.Edge, src string) ([]graph.Evidence, error) {
	item, err := txn.Get(fwdKey(e.Source, src))
	if err != nil {
		return nil, err
	}
	var ev []graph.Evidence
	found := false
	err = item.Value(func(v []byte) error {
		ev, found, err = groupEvidence(v, e.Kind, e.Target, src)
		return err
	})
	if err == nil && !found {
		err = graph.ErrNotFound
	}
	return ev, err
}

// Walk calls fn for every node in id order and then fe for every edge in
// (source, kind, target) order, each with all its evidence.
func (db *DB) Walk(ctx context.Context, fn func(graph.Node) error, fe func(graph.Edge) error) error {
	return db.view(func(txn *badger.Txn) error {
		if fn != nil {
			if err := scanNodes(ctx, txn, []byte{pNode, sep}, fn); err != nil {
				return err
			}
		}
		if fe == nil {
			return nil
		}
		return walkEdges(ctx, txn, func(from string, ents []groupEntry) error {
			var cur graph.Edge
			for i, e := range ents {
				if i == 0 || e.kind != ents[i-1].kind || !bytes.Equal(e.other, ents[i-1].other) {
					if i > 0 {
						graph.SortEvidence(cur.Evidence)
						if err := fe(cur); err != nil {
							return err
						}
					}
					cur = graph.Edge{Source: from, Kind: e.kind, Target: string(e.other)}
				}
				ev, err := e.ev.decode(string(e.src))
				if err != nil {
					return fmt.Errorf("store: edge %s %s %s: %w", from, e.kind, e.other, err)
				}
				cur.Evidence = append(cur.Evidence, ev...)
			}
			graph.SortEvidence(cur.Evidence)
			return fe(cur)
		})
	})
}

// walkEdges calls fn for every node with outgoing edges, in id order, with
// the edges of all its forward groups ordered by kind, other end and
// source. The entries are valid only during the call.
func walkEdges(ctx context.Context, txn *badger.Txn, fn func(from string, ents []groupEntry) error) error {
	prefix := []byte{pFwd, sep}
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: prefix})
	defer it.Close()
	var from []byte
	var ents []groupEntry
	var buf []byte
	flush := func() error {
		if len(ents) == 0 {
			return nil
		}
		slices.SortFunc(ents, compareEntries)
		err := fn(string(from), ents)
		ents, buf = ents[:0], buf[:0]
		return err
	}
	n := 0
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		item := it.Item()
		k := item.Key()[2:]
		i := bytes.IndexByte(k, sep)
		if i <= 0 || i == len(k)-1 || bytes.IndexByte(k[i+1:], sep) >= 0 {
			continue // not a group key
		}
		if !bytes.Equal(k[:i], from) {
			if err := flush(); err != nil {
				return err
			}
			from = append(from[:0], k[:i]...)
		}
		start := len(buf)
		buf = append(buf, k[i+1:]...)
		src := buf[start:len(buf):len(buf)]
		err := item.Value(func(v []byte) error {
			start := len(buf)
			buf = append(buf, v...)
			v = buf[start:len(buf):len(buf)]
			return eachGroupEdge(v, true, func(kind, other []byte, ev evidenceRef) error {
				ents = append(ents, groupEntry{kind: internEdgeKind(kind), other: other, src: src, ev: ev})
				return nil
			})
		})
		if err != nil {
			return fmt.Errorf("store: edges of %s: %w", printable(item.Key()), err)
		}
	}
	return flush()
}

// WalkLinks calls fn once for every edge in (source, kind, target) order,
// without decoding evidence.
func (db *DB) WalkLinks(ctx context.Context, fn func(from string, k graph.EdgeKind, to string) error) error {
	return db.view(func(txn *badger.Txn) error {
		return walkEdges(ctx, txn, func(from string, ents []groupEntry) error {
			for i, e := range ents {
				if i > 0 && e.kind == ents[i-1].kind && bytes.Equal(e.other, ents[i-1].other) {
					continue // the same edge from another source
				}
				if err := fn(from, e.kind, string(e.other)); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// Sources lists the stored sources ordered by id.
func (db *DB) Sources(ctx context.Context) ([]graph.SourceInfo, error) {
	var out []graph.SourceInfo
	err := db.view(func(txn *badger.Txn) error {
		prefix := []byte{pSource, sep}
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: prefix})
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			var rec struct {
				Info graph.SourceInfo `json:"info"`
			}
			err := it.Item().Value(func(v []byte) error { return decodeSource(v, &rec) })
			if err != nil {
				return fmt.Errorf("store: source %s: %w", it.Item().Key()[2:], err)
			}
			out = append(out, rec.Info)
		}
		return nil
	})
	return out, err
}

// SourceByPath returns the source ingested from path (made absolute).
func (db *DB) SourceByPath(ctx context.Context, path string) (graph.SourceInfo, error) {
	var info graph.SourceInfo
	err := db.view(func(txn *badger.Txn) error {
		id, _, err := pathRecord(txn, path)
		if err != nil {
			return err
		}
		item, err := txn.Get(key(pSource, id))
		if err != nil {
			return fmt.Errorf("store: source %s of %s: %w", id, path, err)
		}
		var rec struct {
			Info graph.SourceInfo `json:"info"`
		}
		if err := item.Value(func(v []byte) error { return decodeSource(v, &rec) }); err != nil {
			return fmt.Errorf("store: source %s: %w", id, err)
		}
		info = rec.Info
		return nil
	})
	return info, err
}

// Hashes is a snapshot of the stored sources' content hashes. Ingest's
// extraction workers check files against it: Badger makes every new
// transaction wait for the commits in flight, so asking the database
// directly stalled the workers at each of the writer's commits (2.3 s of
// waiting in a 4 s ingest). It is safe for concurrent use; Close releases
// it, after which every path reads as not stored.
//
// The snapshot is renewed every hashesRenew checks: a read transaction
// keeps every version written after it from being dropped by compaction,
// and one held for a whole load left a tenth of the merged database as
// dead versions of rewritten node records.
//
// In a bulk load (Options.Bulk), from its first renewal on, it also holds
// a filter of the stored paths, and a path the filter does not hold reads
// as not stored without a look into Badger: in a load, most paths are
// new, and each lookup of an absent key searched every level-0 table that
// might hold it, so that the lookups grew with the tables (2.75 s of a
// 100k-recap load's CPU against 0.02 s at 10k). A path stored after the
// filter was made therefore reads as not stored, as it did in the first
// snapshot. Other loads do without: reading every path of a database much
// larger than the load costs more than the lookups it spares.
type Hashes struct {
	mu     sync.Mutex
	db     *badger.DB
	txn    *badger.Txn
	checks int    // since the snapshot was taken
	filter bool   // make stored at the first renewal
	stored *bloom // path keys stored when the first snapshot was renewed
}

// hashesRenew is how many checks a Hashes snapshot serves.
var hashesRenew = 256

// Hashes takes a snapshot of the stored sources' content hashes.
func (db *DB) Hashes() (*Hashes, error) {
	if db.bdb == nil {
		return nil, errors.New("store: database is closed")
	}
	return &Hashes{db: db.bdb, txn: db.bdb.NewTransaction(false), filter: db.bulk}, nil
}

// Of returns the content hash stored for the source ingested from path, or
// an error wrapping graph.ErrNotFound.
func (h *Hashes) Of(path string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.txn == nil {
		return "", fmt.Errorf("no source ingested from %s: %w", path, graph.ErrNotFound)
	}
	if h.checks++; h.checks > hashesRenew {
		h.txn.Discard()
		h.txn, h.checks = h.db.NewTransaction(false), 1
		if h.filter && h.stored == nil {
			h.stored = keyFilter(h.txn, pPath)
		}
	}
	if h.stored != nil && !h.stored.hasBytes(key(pPath, absPath(path))) {
		return "", fmt.Errorf("no source ingested from %s: %w", path, graph.ErrNotFound)
	}
	_, hash, err := pathRecord(h.txn, path)
	return hash, err
}

// keyFilter returns a filter of the keys with prefix p that txn sees.
func keyFilter(txn *badger.Txn, p byte) *bloom {
	opt := badger.IteratorOptions{Prefix: []byte{p, sep}}
	n := 0
	it := txn.NewIterator(opt)
	for it.Rewind(); it.Valid(); it.Next() {
		n++
	}
	it.Close()
	b := newBloomAtLeast(n, 1024) // it never grows
	addKeys(b, txn, p)
	return b
}

// addKeys adds to b the keys with prefix p that txn sees, whole.
func addKeys(b *bloom, txn *badger.Txn, p byte) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{p, sep}})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		b.addBytes(it.Item().Key())
	}
}

// Close releases the snapshot; it may be called more than once.
func (h *Hashes) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.txn != nil {
		h.txn.Discard()
		h.txn = nil
	}
}

func pathRecord(txn *badger.Txn, path string) (id, hash string, err error) {
	item, err := txn.Get(key(pPath, absPath(path)))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return "", "", fmt.Errorf("no source ingested from %s: %w", path, graph.ErrNotFound)
	}
	if err != nil {
		return "", "", err
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return "", "", err
	}
	id, hash = splitPathValue(v)
	return id, hash, nil
}

// SourceFacts returns what a source contributed, with evidence.
func (db *DB) SourceFacts(ctx context.Context, id string) (*graph.Facts, error) {
	var f *graph.Facts
	err := db.view(func(txn *badger.Txn) error {
		var err error
		f, err = sourceFacts(txn, id)
		return err
	})
	return f, err
}

func sourceFacts(txn *badger.Txn, id string) (*graph.Facts, error) {
	item, err := txn.Get(key(pSource, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, fmt.Errorf("no source %q: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	rec := &sourceRec{}
	if err := item.Value(func(v []byte) error { return decodeSource(v, rec) }); err != nil {
		return nil, fmt.Errorf("store: source %s: %w", id, err)
	}
	return withEvidence(rec, id, func(k []byte) ([]byte, error) {
		item, err := txn.Get(k)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil, graph.ErrNotFound
		}
		if err != nil {
			return nil, err
		}
		return item.ValueCopy(nil)
	})
}

// withEvidence returns the facts of source record rec of source id, with
// the evidence of each edge read from its forward group through get.
func withEvidence(rec *sourceRec, id string, get func(k []byte) ([]byte, error)) (*graph.Facts, error) {
	f := &graph.Facts{Source: rec.Info, Nodes: rec.Nodes, Warnings: rec.Warnings}
	// Each forward group is read and decoded once, for all its edges.
	type edge struct{ from, kind, to string }
	evidence := map[edge][]graph.Evidence{}
	read := map[string]bool{}
	for _, e := range rec.Edges {
		if !read[e.From] {
			read[e.From] = true
			v, err := get(fwdKey(e.From, id))
			if err != nil {
				return nil, fmt.Errorf("store: edges from %s of %s: %w", e.From, id, err)
			}
			err = eachGroupEdge(v, true, func(kind, other []byte, ev evidenceRef) error {
				evs, err := ev.decode(id)
				evidence[edge{e.From, string(kind), string(other)}] = evs
				return err
			})
			if err != nil {
				return nil, fmt.Errorf("store: edges from %s of %s: %w", e.From, id, err)
			}
		}
		ev, ok := evidence[edge{e.From, string(e.Kind), e.To}]
		if !ok {
			return nil, fmt.Errorf("store: edge %s %s %s of %s: %w", e.From, e.Kind, e.To, id, graph.ErrNotFound)
		}
		f.Edges = append(f.Edges, graph.Edge{Source: e.From, Kind: e.Kind, Target: e.To, Evidence: ev})
	}
	return f, nil
}

// Catalog returns the catalog entries stored in the database, by id.
func (db *DB) Catalog(ctx context.Context) ([]graph.CatalogEntry, error) {
	var out []graph.CatalogEntry
	err := db.view(func(txn *badger.Txn) error {
		prefix := []byte{pCatalog, sep}
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: prefix})
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			var e graph.CatalogEntry
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
				return fmt.Errorf("store: catalog %s: %w", it.Item().Key()[2:], err)
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// PutCatalog adds or replaces catalog entries, in commits of whole entries.
func (db *DB) PutCatalog(ctx context.Context, entries []graph.CatalogEntry) error {
	if db.readOnly {
		return graph.ErrReadOnly
	}
	sorted := append([]graph.CatalogEntry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	for _, e := range sorted {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if err := wb.Set(key(pCatalog, e.ID), b); err != nil {
			return fmt.Errorf("store: catalog %s: %w", e.ID, err)
		}
	}
	return wb.Flush()
}
