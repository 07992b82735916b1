package store

import (
	"os"
	"path/filepath"
	"syscall"
)

const canRelease = true

// madvPageout is Linux's MADV_PAGEOUT (5.4 and later): reclaim the pages of
// a range now. Unlike MADV_DONTNEED it never discards data, whatever the
// range holds by the time it is advised (anonymous memory without swap is
// left alone). Kernels without it answer EINVAL, and releasing then stops.
const madvPageout = 21

// releaseMapped drops from this process the resident pages of the database
// files in dir that it maps: the data blocks of the tables in pinned
// (MADV_DONTNEED), and those of other tables and the logs (MADV_PAGEOUT,
// or MADV_DONTNEED when the database is open read-only); see resident.go.
// It returns false when the kernel cannot (no /proc, or no MADV_PAGEOUT),
// so that the releaser stops trying.
func releaseMapped(dir string, pinned map[uint64]bool, dataLen map[string]uintptr, readOnly bool) bool {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return false
	}
	seen := make(map[string]bool)
	for _, m := range badgerMappings(maps, dir) {
		start, end, advice := m.start, m.end, uintptr(madvPageout)
		if readOnly {
			advice = syscall.MADV_DONTNEED
		}
		if filepath.Ext(m.path) == ".sst" {
			seen[m.path] = true
			id, ok := tableID(m.path)
			pin := ok && pinned[id]
			start, end = tableRange(m, pin, dataLen)
			if pin {
				advice = syscall.MADV_DONTNEED
			} else {
				advice = madvPageout // not pinned: the range may be reused
			}
		}
		if end <= start {
			continue
		}
		_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, advice)
		if errno == syscall.EINVAL && advice == madvPageout {
			return false
		}
	}
	for p := range dataLen {
		if !seen[p] {
			delete(dataLen, p)
		}
	}
	return true
}
