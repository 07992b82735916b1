package store

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Badger reads and writes its tables, value log and memtable logs through
// shared memory maps, and every page of them the process touches counts in
// its resident set until the kernel reclaims it, which it does only under
// memory pressure. A load writes each table through its map, so a 10k-recap
// ingest held 300-460 MB of such pages, as much as its whole Go heap, and a
// 100k-recap one several GB: the resident set grew with the database
// rather than with the work in hand.
//
// A releaser bounds that. Every releaseEvery it lists the process's maps
// of the database's files (/proc/self/maps) and drops their pages from the
// process (see resident_linux.go):
//
//   - A table's data blocks are dropped with MADV_DONTNEED: they stay in
//     the page cache, and a later read maps them again with a minor fault.
//     The table's index (block offsets and Bloom filter), which every lookup
//     reads, sits at the end of the file and is kept. MADV_DONTNEED zeroes
//     private memory, so it must never meet a range that Badger unmapped
//     after the maps were read and that was reused for other memory: the
//     releaser first pins the tables with an iterator (which holds a
//     reference to every table, and Badger unmaps a table only when its
//     last reference goes), and advises only tables that were in the LSM
//     tree both before and after the iterator was made, which are the ones
//     it pinned.
//   - Tables that are not pinned (a compaction's output until it is
//     installed, which is the whole database during Compact's final merge)
//     and the value log and memtable logs (which cannot be pinned: Badger
//     remaps a log when it truncates it) get MADV_PAGEOUT, which never
//     loses data whatever the range holds: dirty pages stay in the page
//     cache until written back, clean ones leave it.
//
// Paging tables out (MADV_PAGEOUT) instead was tried: it also evicts them
// from the page cache, so the writer's lookups read the same blocks back
// from disk again and again, and a 100k load spent twice its user time in
// the kernel.
//
// Read-only opens run a releaser too: a query is done long before its
// first round, but a check, an export or a ranking reads the whole
// database, and a 10k-recap one held ~300 MB of its pages (a 100k one
// several GB). A read-only Badger never compacts, truncates or remaps a
// file until it is closed, which stops the releaser first, so every range
// it maps stays that file's: its logs get MADV_DONTNEED as well, which
// keeps them in the page cache for the next process. Several read-only
// opens of one directory in a process map the same files, and a round
// reads every map of the directory: so a read-only round and the opening
// or closing of a read-only database (which map and unmap its files)
// exclude each other (unmapping), lest a round advise a range another
// database has just unmapped and the process reused.

// unmapping is held by read-only releasers' rounds and while a read-only
// database is opened or closed (see above).
var unmapping sync.Mutex

// releaseEvery is how often a releaser runs: a load writes its tables at
// up to ~100 MB/s, so ~25 MB can pile up between two runs.
var releaseEvery = 250 * time.Millisecond

// compactReleaseEvery is how often it runs during Compact's merge, which
// reads and writes tables several times as fast as a load.
const compactReleaseEvery = 60 * time.Millisecond

// releaser runs releaseMapped for one database directory until stopped.
type releaser struct {
	stop chan struct{}
	done sync.WaitGroup
	dir  string
	// mu guards bdb, the open Badger database (nil while Compact reopens
	// it): a round runs under mu, so Badger is not closed under it.
	mu  sync.Mutex
	bdb *badger.DB
	// dataLen caches the data length of each table file by path.
	dataLen map[string]uintptr
	// readOnly: the database is open read-only (see above).
	readOnly bool
	// every is the time between two rounds, in nanoseconds.
	every atomic.Int64
}

// startReleaser starts a releaser for bdb, whose files are in dir and
// which is open read-only or not, or returns nil where the platform has no
// way to release mapped pages.
func startReleaser(dir string, bdb *badger.DB, readOnly bool) *releaser {
	if !canRelease {
		return nil
	}
	prefix, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if p, err := filepath.EvalSymlinks(prefix); err == nil {
		prefix = p
	}
	r := &releaser{stop: make(chan struct{}), dir: prefix, bdb: bdb, dataLen: make(map[string]uintptr), readOnly: readOnly}
	r.every.Store(int64(releaseEvery))
	r.done.Add(1)
	go func() {
		defer r.done.Done()
		t := time.NewTimer(r.period())
		defer t.Stop()
		for {
			select {
			case <-r.stop:
				return
			case <-t.C:
				if !r.round() {
					return
				}
				t.Reset(r.period())
			}
		}
	}()
	return r
}

// setDB tells the releaser which Badger database is open (nil: none, for
// now); nil r is a no-op.
func (r *releaser) setDB(bdb *badger.DB) {
	if r != nil {
		r.mu.Lock()
		r.bdb = bdb
		r.mu.Unlock()
	}
}

// setEvery sets the time between rounds from the next round on; nil r is
// a no-op.
func (r *releaser) setEvery(d time.Duration) {
	if r != nil {
		r.every.Store(int64(d))
	}
}

func (r *releaser) period() time.Duration { return time.Duration(r.every.Load()) }

// Stop ends the releaser and waits for it; nil is a no-op.
func (r *releaser) Stop() {
	if r == nil {
		return
	}
	close(r.stop)
	r.done.Wait()
}

// round releases what it can once; it returns false if the platform turned
// out not to support it.
func (r *releaser) round() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.readOnly {
		unmapping.Lock()
		defer unmapping.Unlock()
	}
	var pinned map[uint64]bool
	if r.bdb != nil && !r.bdb.IsClosed() {
		before := r.bdb.Tables()
		txn := r.bdb.NewTransaction(false)
		it := txn.NewIterator(badger.IteratorOptions{})
		defer txn.Discard()
		defer it.Close()
		in := make(map[uint64]bool, len(before))
		for _, t := range before {
			in[t.ID] = true
		}
		pinned = make(map[uint64]bool, len(before))
		for _, t := range r.bdb.Tables() {
			if in[t.ID] {
				pinned[t.ID] = true
			}
		}
	}
	return releaseMapped(r.dir, pinned, r.dataLen, r.readOnly)
}

// mapping is an address range of a mapped file, mapped from offset 0.
type mapping struct {
	start, end uintptr
	path       string
}

// tableRange returns the range of a table's map to drop: its data blocks,
// whose length comes from the table's trailer (index, index length,
// checksum, checksum length). The length of an installed table (pinned)
// is cached by path, since such a table never changes; one still being
// written may not have its trailer yet. It returns an empty range for a
// table whose trailer cannot be read.
func tableRange(m mapping, pinned bool, dataLen map[string]uintptr) (uintptr, uintptr) {
	n, ok := dataLen[m.path]
	if !ok {
		if n = tableDataLen(m.path); n == 0 {
			return 0, 0
		}
		if pinned {
			dataLen[m.path] = n
		}
	}
	end := m.start + n&^(pageSize-1)
	if end > m.end {
		end = m.end
	}
	return m.start, end
}

// tableID returns the id in a table file's name (000042.sst: 42).
func tableID(path string) (uint64, bool) {
	id, err := strconv.ParseUint(strings.TrimSuffix(filepath.Base(path), ".sst"), 10, 64)
	return id, err == nil
}

var pageSize = uintptr(os.Getpagesize())

// tableDataLen returns the length of the data blocks of the Badger table
// file at path, or 0 if its trailer is not (yet) valid.
func tableDataLen(path string) uintptr {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0
	}
	size := fi.Size()
	var b [4]byte
	if _, err := f.ReadAt(b[:], size-4); err != nil {
		return 0
	}
	pos := size - 4 - int64(binary.BigEndian.Uint32(b[:])) - 4
	if pos <= 0 || pos == size-8 {
		return 0
	}
	if _, err := f.ReadAt(b[:], pos); err != nil {
		return 0
	}
	idx := int64(binary.BigEndian.Uint32(b[:]))
	if idx == 0 || idx >= pos {
		return 0
	}
	return uintptr(pos - idx)
}

// badgerMappings returns the ranges of maps (the text of /proc/PID/maps)
// that map a table, value-log or memtable file directly inside dir. A
// deleted file's map is listed with " (deleted)" after its path; its pages
// are released too.
func badgerMappings(maps []byte, dir string) []mapping {
	var out []mapping
	for len(maps) > 0 {
		line := maps
		if i := bytes.IndexByte(maps, '\n'); i >= 0 {
			line, maps = maps[:i], maps[i+1:]
		} else {
			maps = nil
		}
		// start-end perms offset dev inode path: the path begins at the
		// first '/' (paths may hold spaces).
		slash := bytes.IndexByte(line, '/')
		dash := bytes.IndexByte(line, '-')
		sp := bytes.IndexByte(line, ' ')
		if slash < 0 || dash < 0 || sp < dash {
			continue
		}
		path := string(bytes.TrimSuffix(line[slash:], []byte(" (deleted)")))
		if filepath.Dir(path) != dir {
			continue
		}
		switch filepath.Ext(path) {
		case ".sst", ".vlog", ".mem":
		default:
			continue
		}
		if f := bytes.Fields(line[sp:slash]); len(f) < 2 || string(f[1]) != "00000000" {
			continue
		}
		start, err1 := strconv.ParseUint(string(line[:dash]), 16, 64)
		end, err2 := strconv.ParseUint(string(line[dash+1:sp]), 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		out = append(out, mapping{uintptr(start), uintptr(end), path})
	}
	return out
}
