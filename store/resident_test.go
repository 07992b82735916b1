package store

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func TestBadgerMappings(t *testing.T) {
	maps := strings.Join([]string{
		"00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/kg",
		"7f0000000000-7f0002000000 rw-s 00000000 fd:01 1001 /data/kg db/000001.sst",
		"7f0002000000-7f0004000000 rw-s 00000000 fd:01 1002 /data/kg db/000002.sst (deleted)",
		"7f0004000000-7f000c000000 rw-s 00000000 fd:01 1003 /data/kg db/000001.vlog",
		"7f000c000000-7f0010000000 rw-s 00000000 fd:01 1004 /data/kg db/00005.mem",
		"7f0010000000-7f0010001000 rw-s 00000000 fd:01 1005 /data/kg db/MANIFEST",
		"7f0010001000-7f0010002000 rw-s 00000000 fd:01 1006 /data/kg db/sub/000003.sst",
		"7f0010002000-7f0010003000 rw-s 00000000 fd:01 1007 /data/other/000004.sst",
		"7f0010003000-7f0010004000 rw-s 00001000 fd:01 1008 /data/kg db/000005.sst",
		"7f0010004000-7f0010005000 rw-p 00000000 00:00 0 ",
		"7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]",
		"garbage line",
		"",
	}, "\n")
	got := badgerMappings([]byte(maps), "/data/kg db")
	want := []mapping{
		{0x7f0000000000, 0x7f0002000000, "/data/kg db/000001.sst"},
		{0x7f0002000000, 0x7f0004000000, "/data/kg db/000002.sst"},
		{0x7f0004000000, 0x7f000c000000, "/data/kg db/000001.vlog"},
		{0x7f000c000000, 0x7f0010000000, "/data/kg db/00005.mem"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

// TestTableDataLen reads the trailer of real tables: the data blocks end
// where Badger's index begins, and a table not yet written has no length.
func TestTableDataLen(t *testing.T) {
	dir := t.TempDir()
	db := writeTables(t, dir)
	defer db.Close()
	infos := db.bdb.Tables()
	if len(infos) < 2 {
		t.Fatalf("want several tables, got %d", len(infos))
	}
	for _, ti := range infos {
		path := filepath.Join(dir, fmt.Sprintf("%06d.sst", ti.ID))
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		n := int64(tableDataLen(path))
		// After the index: its length, the checksum and the checksum's
		// length (a few bytes of protobuf).
		if tail := fi.Size() - n - int64(ti.IndexSz); n <= 0 || tail < 8 || tail > 40 {
			t.Errorf("%s: data length %d, index %d, file %d", path, n, ti.IndexSz, fi.Size())
		}
	}
	empty := filepath.Join(t.TempDir(), "000099.sst")
	if err := os.WriteFile(empty, make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := tableDataLen(empty); n != 0 {
		t.Errorf("a table of zeros (being written) has data length %d, want 0", n)
	}
	if n := tableDataLen(filepath.Join(dir, "nonexistent.sst")); n != 0 {
		t.Errorf("a missing table has data length %d", n)
	}
}

// TestReleaseMapped checks on this kernel that the pages of the tables a
// load wrote leave the process's resident set, all but their indexes.
func TestReleaseMapped(t *testing.T) {
	if !canRelease {
		t.Skip("no page release on this platform")
	}
	db, abs := residentTables(t)
	before := residentKB(t, abs)
	if before < 4<<10 {
		t.Skipf("only %d KB of tables resident before release; nothing to measure", before)
	}
	r := &releaser{dir: abs, bdb: db.bdb, dataLen: make(map[string]uintptr)}
	if !r.round() {
		t.Fatal("a round failed")
	}
	after := residentKB(t, abs)
	if after > before/4 {
		t.Fatalf("resident table pages %d KB before release, %d KB after", before, after)
	}
	if len(r.dataLen) != len(db.bdb.Tables()) {
		t.Fatalf("data lengths of %d tables cached, want %d", len(r.dataLen), len(db.bdb.Tables()))
	}
	// Reads still see every value.
	readAll(t, db)
}

// readAll reads every value writeTables wrote, and checks it.
func readAll(t *testing.T, db *DB) {
	t.Helper()
	if err := readRange(db, 0, 4000); err != nil {
		t.Fatal(err)
	}
}

// readRange reads and checks the values writeTables wrote for keys from
// up to to.
func readRange(db *DB, from, to int) error {
	return db.bdb.View(func(txn *badger.Txn) error {
		for i := from; i < to; i++ {
			item, err := txn.Get([]byte(fmt.Sprintf("key-%06d", i)))
			if err != nil {
				return err
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			if !bytes.Equal(v, value(i)) {
				return fmt.Errorf("key %d: value changed", i)
			}
		}
		return nil
	})
}

func value(i int) []byte {
	return bytes.Repeat([]byte{byte('a' + i%26)}, 2000)
}

// residentTables returns a database of several tables, all complete and
// read once (so their pages are resident), with no releaser running, and
// the resolved path of its directory.
func residentTables(t *testing.T) (*DB, string) {
	t.Helper()
	dir := t.TempDir()
	if err := writeTables(t, dir).Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened, the tables are all written and none is being flushed.
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.rel.Stop()
	db.rel = nil
	readAll(t, db)
	abs, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return db, abs
}

// writeTables writes ~8 MB into a database with 1 MB memtables, so that
// it has several level-0 tables.
func writeTables(t *testing.T, dir string) *DB {
	t.Helper()
	old := memTableSize
	memTableSize = 1 << 20
	defer func() { memTableSize = old }()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b < 4000; b += 50 {
		err := db.bdb.Update(func(txn *badger.Txn) error {
			for i := b; i < b+50; i++ {
				if err := txn.Set([]byte(fmt.Sprintf("key-%06d", i)), value(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// residentKB sums the resident pages of this process's maps of table files
// in dir.
func residentKB(t *testing.T, dir string) int { return residentFilesKB(t, dir, ".sst") }

// residentFilesKB sums the resident pages of this process's maps of the
// files in dir whose names end in ext.
func residentFilesKB(t *testing.T, dir, ext string) int {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if strings.Contains(fields[0], "-") && len(fields) >= 5 {
			in = len(fields) >= 6 && filepath.Dir(fields[5]) == dir && strings.HasSuffix(fields[5], ext)
			continue
		}
		if in && fields[0] == "Rss:" {
			n, _ := strconv.Atoi(fields[1])
			total += n
		}
	}
	return total
}
