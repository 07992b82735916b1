//go:build !linux

package store

const canRelease = false

func releaseMapped(dir string, pinned map[uint64]bool, dataLen map[string]uintptr, readOnly bool) bool {
	return false
}
