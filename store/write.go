package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
)

// Writer stores many sources with few commits. Sources are applied to one
// Badger transaction until it nears Badger's size limit, then committed; a
// commit only ever holds whole sources, so a crash or kill leaves every
// source fully present or fully absent.
//
// A Writer is not safe for concurrent use; kg has one writer per database.
type Writer struct {
	db *DB
	// reread: Put replaces a source whose content is unchanged too, for
	// a reading by a newer extractor or catalog (SetReread).
	reread bool
	txn    *badger.Txn
	snap   *badger.Txn // read view as of the last commit, for prefix scans

	count, size int64 // entries and bytes pending in txn
	scratch     sourceScratch
	nodes       map[string]*nodeRec // merged records read or changed in txn
	// hubs keeps the records of events, projects, topics and orgs across
	// commits: every source touches a few of them, and kg has one writer
	// per database, so a record kept here stays what is stored. Records
	// changed by a discarded transaction are dropped.
	hubs map[string]*nodeRec
	// kept keeps people's records across commits the same way, within a
	// bound: a recap's speakers have usually spoken before, and reading
	// their records back from Badger, through every level-0 table of a
	// large load, was most of the writer's reads (107,000 of 10,000
	// recaps') and faulted the tables' pages back in.
	kept keptRecs
	// spill keeps a copy of the records this writer committed in a
	// file, read back instead of Badger (see spill.go).
	spill *spill
	// people holds the display names of committed, alive person records:
	// a recap's speakers are compared with every other speaker of the
	// same talk, and reading each of those from Badger was most of the
	// load's resolution time at 100k recaps. Commit keeps it in step.
	people map[string]string
	// dirtyNames and speakersOf answer personName and talkSpeakers for
	// records this transaction changed, until it changes them again:
	// every presented edge of a recap asks for the speakers of its talk
	// and each of their names, and working them out of the records again
	// was most of resolving a 100k load (10 of 14 s).
	dirtyNames map[string]string
	speakersOf map[string][]string
	dirty      map[string]bool     // merged records to write at commit
	redirects  map[string]string   // every committed redirect
	newRedirs  map[string]string   // redirects written in txn
	series     map[string][]string // series key -> events created in txn
	// seriesDone holds, by series key, the events the series index had at
	// the last commit: resolving every recap's event scanned it again,
	// and a scan opens an iterator on every table (9 s of a 100k load).
	// Keys whose index entries the transaction changes (seriesTouched)
	// are dropped from it at commit.
	seriesDone    map[string][]string
	seriesTouched map[string]bool
	pending       int // sources applied since the last commit
	committed     int // sources committed by this writer
	// known holds every id that may have a stored node record, and every
	// source and path key that may be stored, once the writer has stored
	// enough sources for it to pay (see buildKnown).
	known *bloom
	puts  int // sources stored by this writer
	// rev holds the reverse edges of the sources applied since the last
	// commit, by node and kind, each source's part encoded: Commit writes
	// them as one group per node and kind (see revBatchV3).
	rev map[revGroup][]revPart
	// ts is translate's scratch.
	ts translateScratch
	// group is the number of the commit's reverse groups (0 until a
	// source needs it); lastGroup the last one committed (groupKey).
	group, lastGroup uint64
}

// groupKey is the meta key holding the number of the last commit's
// reverse groups.
var groupKey = key(pMeta, "group")

// NewWriter starts a writer. It fails with graph.ErrReadOnly on a read-only
// database.
// SetReread makes Put replace what a source contributed even when its
// content is unchanged: what kg reads from a recap also depends on the
// extractor and the catalog, which may have changed since.
func (w *Writer) SetReread(on bool) { w.reread = on }

func (db *DB) NewWriter() (*Writer, error) {
	if db.readOnly {
		return nil, graph.ErrReadOnly
	}
	w := &Writer{db: db, redirects: map[string]string{}, spill: newSpill(db.dir)}
	w.forgetCaches()
	// Redirects are few (one per merge) and every node of every source
	// is looked up in them, so they are read once instead of probed.
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pRedir, sep}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			w.redirects[string(it.Item().Key()[2:])] = string(v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read redirects: %w", err)
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(groupKey)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			n, err := strconv.ParseUint(string(v), 10, 64)
			w.lastGroup = n
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: read the last group number: %w", err)
	}
	w.begin()
	return w, nil
}

func (w *Writer) begin() {
	w.txn = w.db.bdb.NewTransaction(true)
	if w.snap != nil {
		w.snap.Discard()
	}
	w.snap = w.db.bdb.NewTransaction(false)
	w.count, w.size, w.pending = 0, 0, 0
	w.nodes = map[string]*nodeRec{}
	w.dirty = map[string]bool{}
	w.dirtyNames = map[string]string{}
	w.speakersOf = map[string][]string{}
	w.series = map[string][]string{}
	w.seriesTouched = map[string]bool{}
	w.newRedirs = map[string]string{}
	w.rev = map[revGroup][]revPart{}
	w.group = 0
}

// groupName names the reverse groups of the commit being built.
func (w *Writer) groupName() string {
	if w.group == 0 {
		w.group = w.lastGroup + 1
	}
	return batchGroup(w.group)
}

// bloomAfter is how many sources a writer stores before it builds its
// filter of known node ids: reading every node key once costs about what
// a few hundred recaps' lookups of new nodes save, so an ingest of a few
// files into a large database does without.
var bloomAfter = 200

// buildKnown fills the filter with the ids of the stored node records and
// of those pending in this transaction.
func (w *Writer) buildKnown() {
	opt := badger.IteratorOptions{Prefix: []byte{pNode, sep}}
	n := 0
	it := w.snap.NewIterator(opt)
	for it.Rewind(); it.Valid(); it.Next() {
		n++
	}
	it.Close()
	b := newBloom(4 * n)
	it = w.snap.NewIterator(opt)
	for it.Rewind(); it.Valid(); it.Next() {
		b.addBytes(it.Item().Key()[2:])
	}
	it.Close()
	for id := range w.nodes {
		b.add(id)
	}
	// Source and path keys too, whole (so that none reads as a node id),
	// with this transaction's: a load asks for the source and path of
	// every recap, nearly all new, and each lookup of an absent key
	// searched every level-0 table that might hold it (4.5 s of a
	// 100k-recap load's CPU against 0.1 s at 10k).
	addKeys(b, w.txn, pSource)
	addKeys(b, w.txn, pPath)
	w.known = b
}

// maybeStored reports whether k, a source or path key, may be stored: the
// known filter, once made, holds every such key stored or set.
func (w *Writer) maybeStored(k []byte) bool {
	return w.known == nil || w.known.hasBytes(k)
}

// maxHubs bounds the writer's cache of hub records, maxPeople its cache of
// person names, maxKept each generation of its cache of person records
// (so at most 32,768 records are kept).
const (
	maxHubs   = 20_000
	maxPeople = 500_000
	maxKept   = 16_384
)

// forgetCaches drops what the writer keeps across commits.
func (w *Writer) forgetCaches() {
	w.spill.reset()
	w.hubs = map[string]*nodeRec{}
	w.kept = keptRecs{max: maxKept}
	w.people = map[string]string{}
	w.seriesDone = map[string][]string{}
}

func hubKind(k graph.NodeKind) bool {
	return k == graph.Event || k == graph.Project || k == graph.Topic || k == graph.Org
}

// Commit writes every source applied so far in one Badger commit.
func (w *Writer) Commit() error {
	if w.pending == 0 && len(w.dirty) == 0 && w.count == 0 {
		return nil
	}
	ids := make([]string, 0, len(w.dirty))
	for id := range w.dirty {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if err := w.writeRev(); err != nil {
		w.forgetCaches()
		return err
	}
	for _, id := range ids {
		r := w.nodes[id]
		var err error
		if r.Support > 0 {
			if w.known != nil {
				w.known.add(id)
			}
			v := encodeNode(r)
			w.spill.add(id, v)
			err = w.txn.Set(nodeKey(id), v)
		} else {
			w.spill.add(id, nil)
			err = w.txn.Delete(nodeKey(id))
		}
		if err != nil {
			w.forgetCaches()
			return fmt.Errorf("store: write node %s: %w", id, err)
		}
	}
	if err := w.txn.Commit(); err != nil {
		w.forgetCaches() // they may hold what did not commit
		return fmt.Errorf("store: commit: %w", err)
	}
	w.spill.commit()
	for _, id := range ids {
		if r := w.nodes[id]; r.Kind == graph.Person {
			if r.Support > 0 {
				w.people[id] = r.name()
			} else {
				delete(w.people, id)
			}
		}
	}
	if len(w.people) > maxPeople {
		w.people = map[string]string{}
	}
	for sk := range w.seriesTouched {
		delete(w.seriesDone, sk)
	}
	w.committed += w.pending
	if w.group != 0 {
		w.lastGroup = w.group
	}
	for from, to := range w.newRedirs {
		w.redirects[from] = to
	}
	for id, r := range w.nodes {
		switch {
		case hubKind(r.Kind):
			w.hubs[id] = r
		case r.Kind != graph.Person:
		case r.Support > 0:
			w.kept.put(id, r)
		default:
			w.kept.drop(id)
		}
	}
	if len(w.hubs) > maxHubs {
		w.hubs = map[string]*nodeRec{}
	}
	w.begin()
	return nil
}

// writeRev writes the commit's reverse groups and its group number.
func (w *Writer) writeRev() error {
	if w.group == 0 {
		return nil
	}
	g := batchGroup(w.group)
	for rg, parts := range w.rev {
		if len(parts) == 0 {
			continue
		}
		if err := w.txn.Set(revKey(rg.to, rg.kind, g), encodeRevBatch(parts)); err != nil {
			return fmt.Errorf("store: write reverse group: %w", err)
		}
	}
	if err := w.txn.Set(groupKey, strconv.AppendUint(nil, w.group, 10)); err != nil {
		return fmt.Errorf("store: write reverse group: %w", err)
	}
	return nil
}

// Close commits what is pending and releases the writer's transactions.
func (w *Writer) Close() error {
	err := w.Commit()
	w.Discard()
	return err
}

// Discard drops what was applied since the last commit.
func (w *Writer) Discard() {
	w.forgetCaches()
	w.spill.close()
	w.nodes, w.dirty, w.rev, w.known = nil, nil, nil, nil
	if w.txn != nil {
		w.txn.Discard()
		w.txn = nil
	}
	if w.snap != nil {
		w.snap.Discard()
		w.snap = nil
	}
}

// Committed returns how many sources this writer has committed.
func (w *Writer) Committed() int { return w.committed }

// PutSource stores one source in its own commit. See Writer.Put.
func (db *DB) PutSource(ctx context.Context, f *graph.Facts) (graph.PutResult, error) {
	w, err := db.NewWriter()
	if err != nil {
		return graph.PutResult{}, err
	}
	defer w.Discard()
	res, err := w.Put(ctx, f)
	if err != nil {
		return res, err
	}
	return res, w.Commit()
}

// RemoveSource removes what one source contributed, in one commit.
func (db *DB) RemoveSource(ctx context.Context, id string) error {
	w, err := db.NewWriter()
	if err != nil {
		return err
	}
	defer w.Discard()
	if err := w.Remove(ctx, id); err != nil {
		return err
	}
	return w.Commit()
}

// Remove removes what source id contributed; it returns graph.ErrNotFound if
// no such source is stored.
func (w *Writer) Remove(ctx context.Context, id string) error {
	if _, err := w.sourceRec(id); err != nil {
		return err
	}
	if err := w.makeRoom(1000, 0); err != nil {
		return err
	}
	if err := w.removeSource(id); err != nil {
		return err
	}
	w.pending++
	return nil
}

// Put applies the facts of one source, replacing what an earlier version of
// the same path contributed; it is stored at the next commit. Ids are
// resolved against what is stored: redirects of merged nodes are followed, a
// year-less event joins the one event of its series and city that has a
// year, and a speaker whose name is one letter off a speaker of the same
// talk becomes that person (the smaller id wins, so the result does not
// depend on the order sources arrive in).
func (w *Writer) Put(ctx context.Context, f *graph.Facts) (graph.PutResult, error) {
	if err := ctx.Err(); err != nil {
		return graph.PutResult{}, err
	}
	path := absPath(f.Source.Path)
	res := graph.PutResult{Source: f.Source.ID}
	for _, n := range f.Nodes {
		// Nodes of one kind are listed by their ids' prefix (kindPrefix).
		if k := graph.IDKind(n.ID); k != n.Kind {
			return res, fmt.Errorf("store: node %q has kind %q but its id says %q", n.ID, n.Kind, k)
		}
	}
	old, err := w.sourceByPath(path)
	switch {
	case err == nil && old.Info.Hash == f.Source.Hash && !w.reread:
		res.Source, res.Unchanged = old.Info.ID, true
		return res, nil
	case err == nil:
		res.Replaced = true
		res.Source = old.Info.ID
	case errors.Is(err, graph.ErrNotFound):
		res.Source, err = w.uniqueSourceID(f.Source.ID, path)
		if err != nil {
			return res, err
		}
	default:
		return res, err
	}
	est := int64(8 + 4*len(f.Nodes) + 3*len(f.Edges))
	if err := w.makeRoom(est, factBytes(f)); err != nil {
		return res, err
	}
	p, err := w.resolve(f, res.Source)
	if err != nil {
		return res, err
	}
	if len(p.reput) > 0 && w.pending > 0 {
		// Finding the sources to re-put scans committed keys only.
		if err := w.Commit(); err != nil {
			return res, err
		}
		if p, err = w.resolve(f, res.Source); err != nil {
			return res, err
		}
	}
	if res.Replaced {
		if err := w.removeSource(res.Source); err != nil {
			return res, err
		}
	}
	for from, to := range p.redirects {
		if err := w.set(key(pRedir, from), []byte(to)); err != nil {
			return res, err
		}
		w.newRedirs[from] = to
	}
	if err := w.reput(p.reput); err != nil {
		return res, err
	}
	tf := translate(f, p.trans, &w.ts)
	tf.Source.ID, tf.Source.Path = res.Source, path
	if err := w.write(tf); err != nil {
		if errors.Is(err, badger.ErrTxnTooBig) && w.pending == 0 {
			// Alone in its transaction (makeRoom saw to that): drop it,
			// nothing else is lost.
			for id := range w.dirty {
				delete(w.hubs, id)
				delete(w.people, id)
				w.kept.drop(id)
			}
			w.txn.Discard()
			w.begin()
			return res, fmt.Errorf("%w (%d nodes, %d edges)", ErrTooLarge, len(tf.Nodes), len(tf.Edges))
		}
		return res, err
	}
	w.pending++
	if w.puts++; w.puts == bloomAfter {
		w.buildKnown()
	}
	res.Nodes, res.Edges = len(tf.Nodes), len(tf.Edges)
	return res, nil
}

// ErrTooLarge is returned by Put for a source whose facts do not fit in one
// Badger transaction. Nothing of it is stored, and nothing else is lost:
// the sources applied before it were committed first.
var ErrTooLarge = errors.New("too many facts to store as one source")

// makeRoom commits first when est more entries, of about size bytes, might
// not fit, or when they are so many that the source may not fit alone.
func (w *Writer) makeRoom(est, size int64) error {
	maxCount, maxSize := w.db.bdb.MaxBatchCount(), w.db.bdb.MaxBatchSize()
	pendingCount := w.count + int64(len(w.dirty))
	big := est > maxCount/4 || size > maxSize/4
	if w.pending > 0 && (big || pendingCount+est > maxCount/2 || w.size+max(est*200, size) > maxSize/2) {
		return w.Commit()
	}
	return nil
}

// factBytes estimates the bytes that storing f writes.
func factBytes(f *graph.Facts) int64 {
	n := int64(0)
	for _, nd := range f.Nodes {
		n += int64(3*len(nd.ID)+4*len(nd.Name)) + 200
	}
	for _, e := range f.Edges {
		n += int64(2*(len(e.Source)+len(e.Target)+len(f.Source.ID))) + 100
		for _, ev := range e.Evidence {
			n += int64(len(ev.Text)) + 8
		}
	}
	return n
}

func (w *Writer) set(k, v []byte) error {
	w.count++
	w.size += int64(len(k) + len(v) + 32)
	if err := w.txn.Set(k, v); err != nil {
		if errors.Is(err, badger.ErrTxnTooBig) {
			return fmt.Errorf("store: source too large for one transaction: %w", err)
		}
		return fmt.Errorf("store: set: %w", err)
	}
	return nil
}

func (w *Writer) del(k []byte) error {
	w.count++
	w.size += int64(len(k) + 32)
	if err := w.txn.Delete(k); err != nil {
		return fmt.Errorf("store: delete: %w", err)
	}
	return nil
}

// get reads a key through the write transaction (seeing pending writes).
func (w *Writer) get(k []byte) ([]byte, error) {
	if (k[0] == pSource || k[0] == pPath) && !w.maybeStored(k) {
		return nil, graph.ErrNotFound
	}
	item, err := w.txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, graph.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func (w *Writer) node(id string) (*nodeRec, error) {
	if r, ok := w.nodes[id]; ok {
		return r, nil
	}
	if r, ok := w.hubs[id]; ok {
		w.nodes[id] = r
		return r, nil
	}
	if r, ok := w.kept.get(id); ok {
		w.nodes[id] = r
		return r, nil
	}
	r := &nodeRec{Names: map[string]int{}, Attrs: map[string]int{}}
	if v, st := w.spill.get(id); st != spillUnknown {
		if st == spillFound {
			var err error
			if r, err = decodeNode(v); err != nil {
				return nil, fmt.Errorf("store: node %s: %w", id, err)
			}
		}
		w.nodes[id] = r
		return r, nil
	}
	if w.known != nil && !w.known.has(id) {
		w.nodes[id] = r // certainly new: no read
		return r, nil
	}
	v, err := w.get(nodeKey(id))
	if err == nil {
		if r, err = decodeNode(v); err != nil {
			return nil, fmt.Errorf("store: node %s: %w", id, err)
		}
	} else if !errors.Is(err, graph.ErrNotFound) {
		return nil, err
	}
	w.nodes[id] = r
	return r, nil
}

// keptRecs holds committed records in two generations of at most max
// each: a lookup moves a record from the old generation to the current
// one, and a full current generation becomes the old one, so the records
// a load keeps using stay and the others go.
type keptRecs struct {
	cur, old map[string]*nodeRec
	max      int
}

func (k *keptRecs) get(id string) (*nodeRec, bool) {
	if r, ok := k.cur[id]; ok {
		return r, true
	}
	r, ok := k.old[id]
	if ok {
		delete(k.old, id)
		k.put(id, r)
	}
	return r, ok
}

func (k *keptRecs) put(id string, r *nodeRec) {
	if k.cur == nil {
		k.cur = map[string]*nodeRec{}
	}
	if _, ok := k.cur[id]; !ok && len(k.cur) >= k.max {
		k.old, k.cur = k.cur, map[string]*nodeRec{}
	}
	k.cur[id] = r
	delete(k.old, id)
}

func (k *keptRecs) drop(id string) {
	delete(k.cur, id)
	delete(k.old, id)
}

func (w *Writer) alive(id string) bool {
	r, err := w.node(id)
	return err == nil && r.Support > 0
}

func (w *Writer) sourceRec(id string) (*sourceRec, error) {
	v, err := w.get(key(pSource, id))
	if err != nil {
		if errors.Is(err, graph.ErrNotFound) {
			return nil, fmt.Errorf("no source %q: %w", id, graph.ErrNotFound)
		}
		return nil, err
	}
	rec := &sourceRec{}
	if err := decodeSource(v, rec); err != nil {
		return nil, fmt.Errorf("store: source %s: %w", id, err)
	}
	return rec, nil
}

func (w *Writer) sourceByPath(path string) (*sourceRec, error) {
	v, err := w.get(key(pPath, path))
	if err != nil {
		return nil, err
	}
	id, _ := splitPathValue(v)
	return w.sourceRec(id)
}

// uniqueSourceID returns want, or want with a suffix from the path's hash if
// another path already uses want.
func (w *Writer) uniqueSourceID(want, path string) (string, error) {
	if want == "" {
		want = "source:" + graph.Slug(path)
	}
	rec, err := w.sourceRec(want)
	if errors.Is(err, graph.ErrNotFound) {
		return want, nil
	}
	if err != nil {
		return "", err
	}
	if rec.Info.Path == path {
		return want, nil
	}
	h := sha256.Sum256([]byte(path))
	return want + "-" + hex.EncodeToString(h[:3]), nil
}

// write adds the contributions of already-translated facts.
func (w *Writer) write(f *graph.Facts) error {
	src := f.Source.ID
	rec := sourceRec{Info: f.Source, Nodes: f.Nodes, Warnings: f.Warnings, Group: w.groupName()}
	for _, n := range f.Nodes {
		if err := w.addNode(n, 1); err != nil {
			return err
		}
	}
	rec.Edges = make([]edgeRef, 0, len(f.Edges))
	for _, e := range f.Edges {
		if err := w.link(e.Source, e.Kind, e.Target, 1); err != nil {
			return err
		}
		rec.Edges = append(rec.Edges, edgeRef{e.Source, e.Kind, e.Target})
	}
	fwd, rev := sourceGroups(f.Edges)
	for _, g := range fwd {
		if err := w.set(fwdKey(g.key.to, src), encodeGroup(g.es, true)); err != nil {
			return err
		}
	}
	for _, g := range rev {
		// Written at commit, with the other sources' parts; counted now,
		// as a group of its own would be, which is more than its part.
		v := encodeGroup(g.es, false)
		w.count++
		w.size += int64(len(g.key.to)+len(g.key.kind)+len(src)+4) + int64(len(v)) + 32
		w.rev[g.key] = append(w.rev[g.key], revPart{src, v})
	}
	if w.count >= w.db.bdb.MaxBatchCount() || w.size >= w.db.bdb.MaxBatchSize() {
		return fmt.Errorf("store: source too large for one transaction: %w", badger.ErrTxnTooBig)
	}
	b, err := w.scratch.encode(&rec)
	if err != nil {
		return fmt.Errorf("store: encode source %s: %w", src, err)
	}
	for _, k := range [][]byte{key(pSource, src), key(pPath, f.Source.Path)} {
		if w.known != nil {
			w.known.addBytes(k)
		}
	}
	if err := w.set(key(pSource, src), b); err != nil {
		return err
	}
	return w.set(key(pPath, f.Source.Path), pathValue(src, f.Source.Hash))
}

// addNode adds (delta 1) or removes (delta -1) one contribution to a node,
// keeping the alias and series indexes in step.
func (w *Writer) addNode(n graph.Node, delta int) error {
	r, err := w.node(n.ID)
	if err != nil {
		return err
	}
	wasAlive := r.Support > 0
	seriesBefore := ""
	if r.Kind == graph.Event && wasAlive {
		seriesBefore = graph.EventSeriesKey(r.node(n.ID))
	}
	if delta > 0 && r.Support+delta > 0 {
		// A contribution that leaves the node alive can only add its own
		// spellings: index those that were not there, without listing
		// every spelling of the record twice.
		var buf [8]string
		cand := appendUnique(buf[:0], n.Name)
		for _, a := range n.Aliases {
			if a != n.Name && a != "" {
				cand = appendUnique(cand, a)
			}
		}
		var had [8]bool
		was := had[:0]
		for _, sp := range cand {
			was = append(was, r.hasSpelling(sp))
		}
		r.add(n, delta)
		w.dirty[n.ID] = true
		delete(w.dirtyNames, n.ID)
		for i, sp := range cand {
			if !was[i] && r.hasSpelling(sp) {
				if err := w.set(aliasKey(sp, n.ID), nil); err != nil {
					return err
				}
			}
		}
	} else if err := w.changeSpellings(r, n, delta); err != nil {
		return err
	}
	alive := r.Support > 0
	if n.Kind == graph.Event {
		seriesAfter := ""
		if alive {
			seriesAfter = graph.EventSeriesKey(r.node(n.ID))
		}
		if seriesAfter != seriesBefore {
			if seriesBefore != "" {
				w.seriesTouched[seriesBefore] = true
				if err := w.del(key(pSeries, seriesBefore, n.ID)); err != nil {
					return err
				}
			}
			if seriesAfter != "" {
				w.seriesTouched[seriesAfter] = true
				if err := w.set(key(pSeries, seriesAfter, n.ID), nil); err != nil {
					return err
				}
				w.series[seriesAfter] = append(w.series[seriesAfter], n.ID)
			}
		}
	}
	return nil
}

// changeSpellings applies a contribution to r and brings the alias index
// in step with every spelling that appeared or went.
func (w *Writer) changeSpellings(r *nodeRec, n graph.Node, delta int) error {
	before := r.spellings()
	r.add(n, delta)
	w.dirty[n.ID] = true
	delete(w.dirtyNames, n.ID)
	after := r.spellings()
	if r.Support <= 0 {
		r.Support = 0
		after = nil
	}
	for s := range after {
		if !before[s] {
			if err := w.set(aliasKey(s, n.ID), nil); err != nil {
				return err
			}
		}
	}
	for s := range before {
		if !after[s] && !sameKey(after, s) {
			if err := w.del(aliasKey(s, n.ID)); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// link keeps the edge counts of node records (nodeRec.Links) in step.
func (w *Writer) link(from string, k graph.EdgeKind, to string, delta int) error {
	owner, other := linkOwner(from, k, to)
	if owner == "" {
		return nil
	}
	r, err := w.node(owner)
	if err != nil {
		return err
	}
	r.link(k, other, delta)
	w.dirty[owner] = true
	delete(w.speakersOf, owner)
	return nil
}

// sameKey reports whether another remaining spelling shares s's alias key.
func sameKey(spellings map[string]bool, s string) bool {
	k := graph.Key(s)
	for o := range spellings {
		if graph.Key(o) == k {
			return true
		}
	}
	return false
}

// removeSource takes back everything source id contributed.
func (w *Writer) removeSource(id string) error {
	rec, err := w.sourceRec(id)
	if err != nil {
		return err
	}
	for _, n := range rec.Nodes {
		if err := w.addNode(n, -1); err != nil {
			return err
		}
	}
	froms, tos := map[string]bool{}, map[revGroup]bool{}
	for _, e := range rec.Edges {
		if err := w.link(e.From, e.Kind, e.To, -1); err != nil {
			return err
		}
		if !froms[e.From] {
			froms[e.From] = true
			if err := w.del(fwdKey(e.From, id)); err != nil {
				return err
			}
		}
		if g := (revGroup{e.To, e.Kind}); !tos[g] {
			tos[g] = true
			if err := w.removeRev(g, rec.Group, id); err != nil {
				return err
			}
		}
	}
	if err := w.del(key(pSource, id)); err != nil {
		return err
	}
	return w.del(key(pPath, rec.Info.Path))
}

// removeRev takes source id's part out of its reverse group of node and
// kind g: group is the commit's group the source record names, or "" for
// a group of the source's own.
func (w *Writer) removeRev(g revGroup, group, id string) error {
	switch {
	case group == "":
		return w.del(revKey(g.to, g.kind, id))
	case w.group != 0 && group == batchGroup(w.group):
		// Applied since the last commit: not written yet.
		w.rev[g] = slices.DeleteFunc(w.rev[g], func(p revPart) bool { return p.src == id })
		return nil
	}
	k := revKey(g.to, g.kind, group)
	v, err := w.get(k)
	if errors.Is(err, graph.ErrNotFound) {
		return nil // lost: Check reports and rebuilds it
	}
	if err != nil {
		return err
	}
	nv, err := withoutSource(v, id)
	switch {
	case err != nil:
		return fmt.Errorf("store: reverse group %s: %w", printable(k), err)
	case nv == nil:
		return w.del(k)
	}
	return w.set(k, nv)
}

// factsOf rebuilds the facts a stored source contributed, evidence included.
func (w *Writer) factsOf(id string) (*graph.Facts, error) {
	rec, err := w.sourceRec(id)
	if err != nil {
		return nil, err
	}
	return withEvidence(rec, id, w.get)
}
