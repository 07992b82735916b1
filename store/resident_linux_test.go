package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"
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
