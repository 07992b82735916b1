package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/kg-tool/kg/graph"
)

// Options configure Open.
type Options struct {
	// ReadOnly opens the database for queries. Any number of read-only
	// opens coexist; they fail with ErrLocked while a writer holds it.
	ReadOnly bool
	// Log receives Badger's log lines; nil keeps Badger silent.
	Log io.Writer
	// InMemory keeps everything in memory (tests); dir is ignored.
	InMemory bool
	// Bulk is for a load that writes much more than the database holds:
	// compaction only once many level-0 tables have piled up (bulkL0),
	// for Compact to merge at the end. Lookups meanwhile check the Bloom
	// filter of every level-0 table; a bulk database closed without
	// Compact is compacted by the next read-write open instead.
	Bulk bool
	// Large is for a bulk load of hundreds of MB: twice as many level-0
	// tables pile up before level 0 is compacted (bulkL0Large), so that a
	// 100k-recap load (~110 tables of 32 MB) reaches Compact without
	// rewriting its lower level. Large loads used 64 MB memtables instead,
	// for fewer flushes, which cost ~280 MB of Go heap at 100k recaps (two
	// memtable arenas of 83 MB and the flushing table's builder, 112 MB):
	// with 32 MB memtables and the larger level 0 its peak is 442-445 MB
	// against 687-723 MB, for 0-13 % more time in three alternating pairs
	// (more, smaller tables to flush and merge).
	Large bool
}

// DB is a kg graph in a Badger directory. It implements graph.Store.
type DB struct {
	bdb      *badger.DB
	dir      string
	readOnly bool
	inMemory bool
	bulk     bool // opened for a load much larger than the database
	log      io.Writer
	// snap is the one read transaction of a read-only database: nothing
	// can write while it is open, so every query reads the same snapshot
	// without paying for a transaction per lookup.
	snap *badger.Txn
	// rel releases the resident pages of Badger's mapped files while the
	// database is open (see resident.go).
	rel *releaser
}

var _ graph.Store = (*DB)(nil)

// bulkL0 is the number of level-0 tables a bulk load lets pile up before
// compacting them into the levels below: 3 GB of 32 MB tables (6 GB in a
// large load, bulkL0Large). Each compaction of level 0 rewrites the whole
// lower level, since every level-0 table spans all keys, and Compact
// rewrites everything once more at the end: a 100k-recap load (~55 tables
// of 64 MB) that compacted level 0 when it reached 48 tables spent its
// last 45 s doing so, collecting garbage every ~50 ms under the builders'
// heap, and took 172-181 s instead of 152 s. Lookups check every level-0
// table's Bloom filter, which is what limits the pile: before the writer
// kept its committed records in a spill file (spill.go), its lookups of
// talk records went through the tables, and with no limit a 100k load
// took longer than with normal compaction. The memtables stay at 32 MB
// in every load: 64 MB ones were no faster on 10k recaps and kept ~140 MB
// more of Go heap (two memtable arenas and the builder of the table being
// flushed), which a 400 MB budget for the whole process cannot spare.
var bulkL0 = 96

// bulkL0Large is bulkL0 for a large load (see Options.Large).
var bulkL0Large = 2 * bulkL0

// compactTableSize is the size of the tables Compact merges into.
const compactTableSize = 32 << 20

// compactOptions are Badger's options for Compact's merge (see Compact).
// The merge writes no memtable and reads no block twice, so the memtable is
// Badger's smallest useful one and there are no caches: the 32 MB memtable
// Badger allocates at every open was 41 MB of the merge's heap, which with
// the table builders' 64 MB each held the heap at the load's soft limit,
// and the collector ran ~350 times in the merge's 1.5 s (10k recaps).
func compactOptions(dir string, log io.Writer) badger.Options {
	return badgerOptions(dir, Options{Log: log}).WithNumLevelZeroTables(1).
		WithBloomFalsePositive(0).WithBaseTableSize(compactTableSize).
		WithMemTableSize(compactMemTableSize).WithBlockCacheSize(0).WithIndexCacheSize(0)
}

// compactMemTableSize is the memtable of Compact's open. Badger refuses
// one whose batches (15 % of it) could not hold a value of the value
// threshold.
const compactMemTableSize = 1 << 20

// memTableSize is Badger's memtable size; tests lower it to make many
// level-0 tables out of little data.
var memTableSize int64 = 32 << 20

// badgerOptions are chosen for a command-line tool: bounded memory (two 32 MB
// memtables, small caches), no conflict detection (kg has one writer),
// values up to 4 KB kept in the LSM tree so lookups need no value-log read,
// and no block compression: blocks are then read straight from the memory
// map, which made a cold "kg talks --mentions" several times faster than
// Snappy at the cost of a larger directory. A bulk ingest is mostly new
// keys, so compaction is what it waits for: eight level-0 tables before
// compacting (stall at 20), 8 MB tables and a 64 MB base level rewrite
// each key fewer times than Badger's defaults (10k recaps: 37 s -> 27-31 s,
// system time halved, for about 200 MB more peak RSS), and leave fewer,
// larger tables for queries to open.
func badgerOptions(dir string, o Options) badger.Options {
	bo := badger.DefaultOptions(dir).
		WithLogger(quietLogger(o.Log)).
		WithMemTableSize(memTableSize).
		WithNumMemtables(2).
		WithNumLevelZeroTables(8).
		WithBaseTableSize(8 << 20).
		WithBaseLevelSize(64 << 20).
		WithNumLevelZeroTablesStall(20).
		WithBlockCacheSize(32 << 20).
		WithIndexCacheSize(16 << 20).
		WithValueThreshold(4 << 10).
		WithValueLogFileSize(64 << 20).
		WithNumCompactors(2).
		WithDetectConflicts(false).
		WithCompression(options.None).
		// A table's index has an entry per block and is checksummed at
		// every open: 16 KB blocks make it a quarter of 4 KB ones'.
		WithBlockSize(16 << 10).
		WithMetricsEnabled(false)
	if o.Bulk && !o.ReadOnly {
		// Level-0 tables pile up (see bulkL0) and Compact merges them
		// once, instead of rewriting the lower levels as each few arrive.
		l0 := bulkL0
		if o.Large {
			l0 = bulkL0Large
		}
		bo = bo.WithNumLevelZeroTables(l0).WithNumLevelZeroTablesStall(2 * l0)
	}
	if o.ReadOnly {
		// A query lives for milliseconds: tables' indexes are used
		// straight from the memory map instead of copied into a cache.
		bo = bo.WithReadOnly(true).WithIndexCacheSize(0).WithBlockCacheSize(0)
	}
	if o.InMemory {
		bo = bo.WithInMemory(true).WithDir("").WithValueDir("")
	}
	return bo
}

// Open opens (creating if needed, unless read-only) the kg database in dir.
// It returns an error wrapping graph.ErrLocked if another process holds the
// directory, graph.ErrSchema if the directory is not a kg database or was
// written by an unknown version, and graph.ErrNotFound if a read-only open
// finds no database.
func Open(dir string, o Options) (*DB, error) {
	if !o.InMemory {
		if err := checkDir(dir, o.ReadOnly); err != nil {
			return nil, err
		}
		// Badger deletes the table files its MANIFEST does not list, so a
		// damaged MANIFEST must be caught before Badger sees it.
		if err := CheckFiles(dir); err != nil {
			return nil, err
		}
	}
	bdb, err := openMapped(badgerOptions(dir, o))
	if err != nil && o.ReadOnly && !isLockErr(err) {
		// A database left by a crash has a log to replay, which a read-only
		// open cannot do: recover it with one read-write open.
		if rw, rerr := openBadger(badgerOptions(dir, Options{Log: o.Log})); rerr == nil {
			rw.Close()
			bdb, err = openMapped(badgerOptions(dir, o))
		}
	}
	if err != nil {
		return nil, openError(dir, err)
	}
	db := &DB{bdb: bdb, dir: dir, readOnly: o.ReadOnly, inMemory: o.InMemory, bulk: o.Bulk, log: o.Log}
	if err := db.checkSchema(); errors.Is(err, errUpgrade) {
		// An older schema: upgrade it with one read-write open, then
		// open again as asked.
		closeMapped(bdb)
		rw, err := Open(dir, Options{Log: o.Log})
		if err != nil {
			return nil, err
		}
		if err := rw.Close(); err != nil {
			return nil, err
		}
		return Open(dir, o)
	} else if err != nil {
		closeMapped(bdb)
		return nil, err
	}
	if o.ReadOnly {
		db.snap = bdb.NewTransaction(false)
	}
	if !o.InMemory {
		db.rel = startReleaser(dir, bdb, o.ReadOnly)
	}
	return db, nil
}

// checkDir refuses directories that hold something other than Badger files,
// so that kg never writes its files into, say, a user's home directory.
func checkDir(dir string, readOnly bool) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if readOnly {
			return fmt.Errorf("no database at %s (run kg ingest first): %w", dir, graph.ErrNotFound)
		}
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory: %w", dir, graph.ErrSchema)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		if readOnly {
			return fmt.Errorf("no database at %s (run kg ingest first): %w", dir, graph.ErrNotFound)
		}
		return nil
	}
	for _, e := range entries {
		if e.Name() == "MANIFEST" {
			return nil
		}
	}
	return fmt.Errorf("%s is not a kg database (it has files but no Badger MANIFEST): %w", dir, graph.ErrSchema)
}

// openBadger opens Badger, once more if the first attempt met an empty
// memtable log left by a kill while Badger created it: the failed attempt
// sizes the file, and the second one opens it. (Deleting the empty log
// before opening would race with a live writer that is creating one.)
func openBadger(bo badger.Options) (*badger.DB, error) {
	bdb, err := badger.Open(bo)
	if err != nil && strings.Contains(err.Error(), "Create a new file") {
		bdb, err = badger.Open(bo)
	}
	return bdb, err
}

func isLockErr(err error) bool {
	return err != nil && strings.Contains(err.Error(), "Cannot acquire directory lock")
}

func openError(dir string, err error) error {
	switch {
	case isLockErr(err):
		return fmt.Errorf("database %s is in use by another kg process: %w", dir, graph.ErrLocked)
	case strings.Contains(err.Error(), "permission denied"):
		return fmt.Errorf("cannot open database %s: permission denied", dir)
	}
	return fmt.Errorf("cannot open database %s: %s: %w", dir, firstLine(err.Error()), graph.ErrSchema)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// checkSchema writes the schema version into an empty database and refuses
// a database whose version is unknown or missing.
func (db *DB) checkSchema() error {
	var version string
	empty := true
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false})
		defer it.Close()
		it.Rewind()
		empty = !it.Valid()
		item, err := txn.Get(schemaKey)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		version = string(v)
		return err
	})
	if err != nil {
		return fmt.Errorf("read schema of %s: %w", db.dir, err)
	}
	switch {
	case version == schemaVersion:
		return nil
	case upgradable[version] && db.readOnly:
		return errUpgrade
	case upgradable[version]:
		return db.upgrade(version)
	case version != "":
		return fmt.Errorf("database %s has schema %q; this kg understands %q (upgrade kg): %w",
			db.dir, version, schemaVersion, graph.ErrSchema)
	case !empty:
		return fmt.Errorf("%s is a Badger database but not a kg database (no schema key): %w", db.dir, graph.ErrSchema)
	case db.readOnly:
		return nil
	}
	return db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(schemaKey, []byte(schemaVersion))
	})
}

// errUpgrade tells Open that a read-only open met an older schema (a
// read-write open upgrades it at once).
var errUpgrade = errors.New("database needs an upgrade")

// upgrade brings a database of an older schema to schemaVersion: the kind
// index goes; from kg/1 and kg/2, the per-edge keys also become edge
// groups and Check rebuilds every derived record from the source records
// and the forward groups. Then the new version is written. An interrupted
// upgrade leaves the old version, so the next open runs it again.
func (db *DB) upgrade(from string) error {
	if err := db.bdb.DropPrefix([]byte{pKind, sep}); err != nil {
		return fmt.Errorf("upgrade %s from %s: drop the kind index: %w", db.dir, from, err)
	}
	msg := "kind index dropped"
	if legacyGroups[from] {
		n, err := db.regroupLegacyEdges()
		if err != nil {
			return fmt.Errorf("upgrade %s from %s: %w", db.dir, from, err)
		}
		rep, err := db.Check(context.Background(), true)
		if err != nil {
			return fmt.Errorf("upgrade %s from %s: %w", db.dir, from, err)
		}
		msg = fmt.Sprintf("%d edge keys regrouped, %d records rewritten", n, rep.Repaired)
	}
	if db.log != nil {
		fmt.Fprintf(db.log, "kg: upgraded %s from schema %s to %s (%s)\n", db.dir, from, schemaVersion, msg)
	}
	return db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(schemaKey, []byte(schemaVersion))
	})
}

// Close closes the database. It must be called exactly once.
func (db *DB) Close() error {
	if db.bdb == nil {
		return nil
	}
	if db.snap != nil {
		db.snap.Discard()
		db.snap = nil
	}
	db.rel.Stop()
	db.rel = nil
	err := closeMapped(db.bdb)
	db.bdb = nil
	return err
}

// openMapped is openBadger for Open, and closeMapped closes what it
// opened: a read-only Badger maps and unmaps its files only then, and not
// while a releaser of another read-only open of the same files is
// advising their maps (see resident.go).
func openMapped(o badger.Options) (*badger.DB, error) {
	if o.ReadOnly {
		unmapping.Lock()
		defer unmapping.Unlock()
	}
	return openBadger(o)
}

func closeMapped(bdb *badger.DB) error {
	if bdb.Opts().ReadOnly {
		unmapping.Lock()
		defer unmapping.Unlock()
	}
	return bdb.Close()
}

// Compact merges the database into one level of Badger's LSM tree, so a
// lookup reads one table instead of one per level and per level-0 table:
// queries on the 10k benchmark took a third less time. It rewrites the
// whole database (about 3 s for 400 MB), so ingest calls it after a bulk
// load only. It reopens Badger to flush the memtable and leave bulk mode,
// so no Writer may be open.
func (db *DB) Compact() error {
	if db.readOnly {
		return fmt.Errorf("store: compact: database %s is open read-only", db.dir)
	}
	if !db.inMemory {
		db.rel.setDB(nil)
		// The load's garbage (the writer's caches, the extractors'
		// buffers) goes back to the system first: reopening maps part of
		// every table at once, and that moment was a load's peak.
		debug.FreeOSMemory()
		if err := db.bdb.Close(); err != nil {
			db.bdb = nil
			return fmt.Errorf("store: compact: %w", err)
		}
		db.bdb = nil
		// A level-0 limit of one table makes Flatten merge level 0 too.
		// The merged tables carry no Bloom filters: a filter only spares
		// a lookup of an absent key the tables that cannot hold it, and in
		// one level that is all but one anyway, while every query process
		// reads and checksums every table's filter when it opens the
		// database (a third of the index bytes at 100k recaps).
		// The merged tables are 32 MB rather than the 8 MB of the level
		// they land in, since a query opens every table: 8 tables instead
		// of 32 at 10k recaps made "talks --mentions" 15.8 -> 13.8 ms;
		// 71 instead of 284 at 100k, 88 -> 74 ms. Each table builder
		// holds twice its table, so the merge's peak grows (100k: ~790 ->
		// ~900 MB; 10k: unchanged at ~330 MB).
		bdb, err := openBadger(compactOptions(db.dir, db.log))
		if err != nil {
			return openError(db.dir, err)
		}
		db.bdb = bdb
		db.rel.setDB(bdb)
		// The merge streams every table through its map, reading and
		// writing ~300 MB/s: released every 250 ms, 100-190 MB of their
		// pages piled up between two rounds, the load's peak.
		db.rel.setEvery(compactReleaseEvery)
		defer db.rel.setEvery(releaseEvery)
	}
	if testHookFlatten != nil {
		testHookFlatten(db)
	}
	if err := db.bdb.Flatten(2); err != nil {
		return fmt.Errorf("store: compact: %w", err)
	}
	return nil
}

// testHookFlatten, if set, runs in Compact just before the merge.
var testHookFlatten func(*DB)

// DiskSize returns the bytes of the table files in dir (the value log and
// memtable files are preallocated, so their sizes say little), 0 if there
// are none.
func DiskSize(dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".sst" {
			if fi, err := e.Info(); err == nil {
				n += fi.Size()
			}
		}
	}
	return n
}

// Dir returns the directory the database lives in.
func (db *DB) Dir() string { return db.dir }

// setMeta writes a meta key (tests use it to fake a schema version).
func (db *DB) setMeta(k, v string) error {
	return db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(key(pMeta, k), []byte(v))
	})
}

type logger struct{ l *log.Logger }

func quietLogger(w io.Writer) badger.Logger {
	if w == nil {
		return nil
	}
	return &logger{log.New(w, "badger: ", 0)}
}

func (l *logger) Errorf(f string, a ...any)   { l.l.Printf("ERROR: "+f, a...) }
func (l *logger) Warningf(f string, a ...any) { l.l.Printf("WARNING: "+f, a...) }
func (l *logger) Infof(f string, a ...any)    { l.l.Printf(f, a...) }
func (l *logger) Debugf(f string, a ...any)   {}

// absPath returns the cleaned absolute form of a source path ("-" is kept).
func absPath(p string) string {
	if p == "-" || p == "" {
		return p
	}
	if a, err := filepath.Abs(p); err == nil {
		p = a
	} else {
		p = filepath.Clean(p)
	}
	// The source record keeps the path in JSON, which cannot hold invalid
	// UTF-8: key the path record by the same repaired string.
	return strings.ToValidUTF8(p, "\uFFFD")
}
