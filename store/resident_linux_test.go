package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/dgraph-io/badger/v4"
)

// TestReleaseKeepsPageCache checks that releasing a pinned table drops its
// pages from the process but not from the page cache, so that the writer's
// next lookup of it is a minor fault rather than a read from disk.
func TestReleaseKeepsPageCache(t *testing.T) {
	db, abs := residentTables(t)
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skip("no /proc/self/maps")
	}
	r := &releaser{dir: abs, bdb: db.bdb, dataLen: make(map[string]uintptr)}
	if !r.round() {
		t.Skip("this kernel cannot release pages")
	}
	if residentKB(t, abs) > 1024 {
		t.Fatalf("%d KB of tables still resident after a round", residentKB(t, abs))
	}
	tables := 0
	for _, m := range badgerMappings(maps, abs) {
		if filepath.Ext(m.path) != ".sst" {
			continue
		}
		start, end := tableRange(m, true, r.dataLen)
		if end <= start {
			t.Fatalf("%s: no data range", m.path)
		}
		vec := make([]byte, (end-start+pageSize-1)/pageSize)
		if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, start, end-start, uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
			t.Fatalf("mincore: %v", e)
		}
		cached := 0
		for _, b := range vec {
			cached += int(b & 1)
		}
		if cached < len(vec)*3/4 {
			t.Errorf("%s: %d of %d data pages still in the page cache after release", m.path, cached, len(vec))
		}
		tables++
	}
	if tables < 2 {
		t.Fatalf("only %d tables mapped", tables)
	}
}

// TestReadOnlyRelease: a read-only open releases the pages of tables and
// value log it read, as a writer does, and leaves the value log in the
// page cache (a writer pages it out), since no read-only Badger remaps it.
func TestReadOnlyRelease(t *testing.T) {
	dir := t.TempDir()
	db := writeTables(t, dir)
	big := bytes.Repeat([]byte("v"), 6000) // above the value threshold: in the log
	err := db.bdb.Update(func(txn *badger.Txn) error {
		for i := 0; i < 1000; i++ {
			if err := txn.Set([]byte(fmt.Sprintf("big-%04d", i)), big); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if ro.rel == nil {
		t.Fatal("a read-only open runs no releaser")
	}
	ro.rel.Stop()
	ro.rel = nil
	readBig := func() {
		err := ro.bdb.View(func(txn *badger.Txn) error {
			for i := 0; i < 1000; i++ {
				item, err := txn.Get([]byte(fmt.Sprintf("big-%04d", i)))
				if err != nil {
					return err
				}
				if err := item.Value(func(v []byte) error {
					if !bytes.Equal(v, big) {
						return fmt.Errorf("big-%04d changed", i)
					}
					return nil
				}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	readAll(t, ro)
	readBig()
	abs, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	tables, logs := residentKB(t, abs), residentFilesKB(t, abs, ".vlog")
	if tables < 4<<10 || logs < 4<<10 {
		t.Skipf("only %d KB of tables and %d KB of log resident; nothing to measure", tables, logs)
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skip("no /proc/self/maps")
	}
	r := &releaser{dir: abs, bdb: ro.bdb, dataLen: make(map[string]uintptr), readOnly: true}
	if !r.round() {
		t.Skip("this kernel cannot release pages")
	}
	if after := residentKB(t, abs); after > tables/4 {
		t.Errorf("tables: %d KB resident before release, %d KB after", tables, after)
	}
	if after := residentFilesKB(t, abs, ".vlog"); after > logs/4 {
		t.Errorf("value log: %d KB resident before release, %d KB after", logs, after)
	}
	for _, m := range badgerMappings(maps, abs) {
		if filepath.Ext(m.path) != ".vlog" {
			continue
		}
		vec := make([]byte, (m.end-m.start+pageSize-1)/pageSize)
		if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, m.start, m.end-m.start, uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
			t.Fatalf("mincore: %v", e)
		}
		cached := 0
		for _, b := range vec {
			cached += int(b & 1)
		}
		if cached*1024 < logs*3/4*int(pageSize/1024) {
			t.Errorf("%s: %d pages in the page cache after release, of %d KB read", m.path, cached, logs)
		}
	}
	readAll(t, ro)
	readBig()
}

// TestReadOnlyReleasersSideBySide: read-only opens of one directory come
// and go while the others' releasers run every millisecond; every read
// stays right and nothing deadlocks.
func TestReadOnlyReleasersSideBySide(t *testing.T) {
	dir := t.TempDir()
	if err := writeTables(t, dir).Close(); err != nil {
		t.Fatal(err)
	}
	old := releaseEvery
	releaseEvery = time.Millisecond
	defer func() { releaseEvery = old }()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				db, err := Open(dir, Options{ReadOnly: true})
				if err != nil {
					errs <- err
					return
				}
				err = readRange(db, i*200, i*200+200)
				if cerr := db.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
