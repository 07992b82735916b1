package store

import (
	"bufio"
	"encoding/binary"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// A spill keeps a copy of the node records a writer committed, in an
// unlinked temporary file read back with pread, so that merging a record
// again does not look it up in Badger.
//
// The writer keeps hubs and recent people in memory, but talks are too
// many for that (856,000 at 100,000 recaps) and a talk covered by
// several recaps is merged again much later in the load. Reading such a
// record back from Badger searched every level-0 table whose Bloom filter
// admitted the key, through the tables' memory maps: 20 s of a 100k load's
// CPU, and, since this kernel maps a whole page-cache folio on each fault,
// hundreds of MB of table pages in the resident set. A pread copies one
// record out of the page cache and maps nothing.
//
// The index is an open-addressing table of 8-byte slots, a 32-bit
// fingerprint of the id and the record's offset in 8-byte words: the
// 958,000 records of a 100k load take 16 MB. Every record in the file carries its id,
// and a lookup whose record turns out to be another id's (two ids with the
// same fingerprint share a slot, the later one winning) answers "unknown",
// so the writer reads Badger as before: a spill can be incomplete, never
// wrong. Any error writing or reading it turns it off the same way. The
// file only grows by appending; compact rewrites it with the live records
// when it reaches four times their size (see compactAt).
type spill struct {
	dir    string
	f      *os.File
	linked bool   // f still has a name in dir (it could not be removed)
	off    int64  // bytes in f
	live   int64  // bytes the last compaction kept
	buf    []byte // records of the commit being written, from off
	slots  []uint64
	used   int
	// pend holds the slots of the records in buf, applied once both the
	// Badger commit and the write of buf succeed.
	pend   []spillPend
	hash   func(string) uint64 // tests replace it to force collisions
	broken bool                // f is unusable: stop spilling
	rbuf   []byte
}

type spillPend struct {
	h   uint64
	pos uint64 // offset in 8-byte words
}

// spillState is what a spill knows of a record.
type spillState int

const (
	spillUnknown spillState = iota // not spilled: ask Badger
	spillGone                      // deleted by a commit of this writer
	spillFound
)

// spillMaxOff is the largest file a spill indexes (offsets are 32-bit
// counts of 8-byte words); spillRead is how much a lookup reads first.
const (
	spillPattern = "kg-spill-*"
	spillMaxOff  = 8 << 32
	spillRead    = 512
)

// spillCompactMin is the least file size at which a spill compacts (tests
// lower it).
var spillCompactMin int64 = 1 << 30

// newSpill makes the spill of a writer of the database in dir (a temporary
// directory for an in-memory database). A spill file is unlinked once made,
// so one still in dir was left by a process killed in between: the writer
// holds the database's lock, and removes it.
func newSpill(dir string) *spill {
	if dir == "" {
		dir = os.TempDir()
	} else if old, _ := filepath.Glob(filepath.Join(dir, spillPattern)); len(old) > 0 {
		for _, f := range old {
			os.Remove(f)
		}
	}
	seed := maphash.MakeSeed()
	return &spill{dir: dir, hash: func(id string) uint64 { return maphash.String(seed, id) }}
}

// A record is its id's length and bytes, a value field (0 for a deleted
// record, else the value's length plus one) and the value, padded to 8
// bytes; appendHead appends all but the value and padding.
func appendHead[S string | []byte](b []byte, id S, vfield uint64) []byte {
	b = binary.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	return binary.AppendUvarint(b, vfield)
}

// add appends a record (nil value: deleted) to the commit being written.
func (s *spill) add(id string, v []byte) {
	if s.broken {
		return
	}
	pos := s.off + int64(len(s.buf))
	if pos+int64(len(id)+len(v)+24) > spillMaxOff {
		s.disable()
		return
	}
	vfield := uint64(0) // deleted
	if v != nil {
		vfield = uint64(len(v)) + 1
	}
	s.buf = appendHead(s.buf, id, vfield)
	s.buf = append(s.buf, v...)
	for len(s.buf)%8 != 0 {
		s.buf = append(s.buf, 0)
	}
	s.pend = append(s.pend, spillPend{h: s.hash(id), pos: uint64(pos / 8)})
}

// commit writes the records added since the last commit and indexes them;
// drop forgets them instead (their Badger commit failed).
func (s *spill) commit() {
	defer func() { s.buf, s.pend = s.buf[:0], s.pend[:0] }()
	if s.broken || len(s.buf) == 0 {
		return
	}
	if s.f == nil {
		if s.f, s.linked = s.create(); s.f == nil {
			s.disable()
			return
		}
	}
	if _, err := s.f.WriteAt(s.buf, s.off); err != nil {
		s.disable()
		return
	}
	s.off += int64(len(s.buf))
	for _, p := range s.pend {
		s.put(p.h, p.pos)
	}
	if s.off > s.compactAt() {
		s.compact()
	}
}

// create makes a spill file, unlinked at once so that it goes with the
// process however it ends; linked reports a file that could not be removed
// (close removes it).
func (s *spill) create() (f *os.File, linked bool) {
	f, err := os.CreateTemp(s.dir, spillPattern)
	if err != nil {
		return nil, false
	}
	return f, os.Remove(f.Name()) != nil
}

// compactAt is the file size at which compact runs: every commit appends
// the records it changed, so the file grows with the load (~110 MB for
// 10,000 recaps, ~1.1 GB for 100,000) while the live records, the last of
// each id, are about a fifth of that. Compacting when the file is four times its
// live records, and not below 1 GB (spillCompactMin), bounds the disk it takes
// at a few times the node records' share of the database, for a copy of
// the live records each time.
func (s *spill) compactAt() int64 { return max(spillCompactMin, 4*s.live) }

// compact rewrites the file with only the records the index points to.
func (s *spill) compact() {
	nf, linked := s.create()
	if nf == nil {
		s.disable()
		return
	}
	size, err := s.copyLive(nf)
	if err != nil {
		nf.Close()
		if linked {
			os.Remove(nf.Name())
		}
		s.disable() // the index may point into nf already
		return
	}
	s.close()
	s.f, s.linked, s.off, s.live = nf, linked, size, size
}

// copyLive copies the records the index points to into nf, in one
// sequential pass over the file, points the index at their copies and
// returns nf's size.
func (s *spill) copyLive(nf *os.File) (int64, error) {
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.off), 1<<20)
	var out, id []byte
	var pos, npos, written int64
	for pos < s.off {
		il, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, err
		}
		id = slices.Grow(id[:0], int(il))[:il]
		if _, err := io.ReadFull(r, id); err != nil {
			return 0, err
		}
		vfield, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, err
		}
		head := uvarintLen(il) + int(il) + uvarintLen(vfield)
		size := head
		if vfield > 0 {
			size += int(vfield - 1)
		}
		size = (size + 7) &^ 7
		slot := s.find(string(id))
		live := slot >= 0 && int64(s.slots[slot]&0xFFFFFFFF)*8 == pos
		pos += int64(size)
		if !live { // replaced by a later record, or by another id's
			if _, err := r.Discard(size - head); err != nil {
				return 0, err
			}
			continue
		}
		out = appendHead(out, id, vfield)
		n := len(out)
		out = slices.Grow(out, size-head)[:n+size-head]
		if _, err := io.ReadFull(r, out[n:]); err != nil {
			return 0, err
		}
		s.slots[slot] = s.slots[slot]&^0xFFFFFFFF | uint64(npos/8)
		npos += int64(size)
		if len(out) >= 4<<20 {
			if _, err := nf.WriteAt(out, written); err != nil {
				return 0, err
			}
			written += int64(len(out))
			out = out[:0]
		}
	}
	_, err := nf.WriteAt(out, written)
	return npos, err
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

func (s *spill) drop() { s.buf, s.pend = s.buf[:0], s.pend[:0] }

func fingerprint(h uint64) uint64 {
	fp := h >> 32
	if fp == 0 {
		fp = 1
	}
	return fp
}

func (s *spill) put(h, pos uint64) {
	if s.used >= len(s.slots)/4*3 {
		s.grow()
	}
	fp := fingerprint(h)
	mask := uint64(len(s.slots) - 1)
	for i := slotHome(fp) & mask; ; i = (i + 1) & mask {
		sl := s.slots[i]
		if sl == 0 {
			s.used++
		} else if sl>>32 != fp {
			continue
		}
		s.slots[i] = fp<<32 | pos
		return
	}
}

// grow doubles the table. A slot keeps only the fingerprint, so probing
// starts from a hash of the fingerprint (slotHome), which moving a slot
// to a larger table can compute again.
func (s *spill) grow() {
	old := s.slots
	n := 1 << 16
	if len(old) > 0 {
		n = 2 * len(old)
	}
	s.slots = make([]uint64, n)
	mask := uint64(n - 1)
	for _, sl := range old {
		if sl == 0 {
			continue
		}
		for i := slotHome(sl>>32) & mask; ; i = (i + 1) & mask {
			if s.slots[i] == 0 {
				s.slots[i] = sl
				break
			}
		}
	}
}

// slotHome is where probing for a fingerprint starts.
func slotHome(fp uint64) uint64 { return fp * 0x9E3779B97F4A7C15 >> 16 }

// get looks id up.
func (s *spill) get(id string) ([]byte, spillState) {
	if s.broken || s.used == 0 {
		return nil, spillUnknown
	}
	i := s.find(id)
	if i < 0 {
		return nil, spillUnknown
	}
	return s.read(id, int64(s.slots[i]&0xFFFFFFFF)*8)
}

// find returns the slot of id's fingerprint, or -1.
func (s *spill) find(id string) int {
	if len(s.slots) == 0 {
		return -1
	}
	fp := fingerprint(s.hash(id))
	mask := uint64(len(s.slots) - 1)
	for i := slotHome(fp) & mask; ; i = (i + 1) & mask {
		sl := s.slots[i]
		if sl == 0 {
			return -1
		}
		if sl>>32 == fp {
			return int(i)
		}
	}
}

// read reads the record at off and checks it is id's.
func (s *spill) read(id string, off int64) ([]byte, spillState) {
	if cap(s.rbuf) < spillRead {
		s.rbuf = make([]byte, spillRead)
	}
	b := s.rbuf[:spillRead]
	n, err := s.f.ReadAt(b, off)
	if err != nil && err != io.EOF {
		s.disable()
		return nil, spillUnknown
	}
	b = b[:n]
	il, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < il || string(b[k:k+int(il)]) != id {
		return nil, spillUnknown
	}
	b = b[k+int(il):]
	vl, k := binary.Uvarint(b)
	if k <= 0 {
		return nil, spillUnknown
	}
	if vl == 0 {
		return nil, spillGone
	}
	if vl > 1<<31 {
		return nil, spillUnknown
	}
	start := off + int64(n-len(b)+k)
	v := make([]byte, vl-1)
	have := copy(v, b[k:])
	if have < len(v) {
		if _, err := s.f.ReadAt(v[have:], start+int64(have)); err != nil {
			s.disable()
			return nil, spillUnknown
		}
	}
	return v, spillFound
}

// disable stops spilling and forgets everything spilled.
func (s *spill) disable() {
	s.broken = true
	s.slots, s.used, s.buf, s.pend = nil, 0, nil, nil
	s.close()
}

// reset forgets what was spilled (the writer's view of the store may be
// stale) but keeps spilling.
func (s *spill) reset() {
	for i := range s.slots {
		s.slots[i] = 0
	}
	s.used = 0
	s.drop()
	if s.f != nil && s.f.Truncate(0) == nil {
		s.off, s.live = 0, 0
	}
}

func (s *spill) close() {
	if s.f == nil {
		return
	}
	s.f.Close()
	if s.linked {
		os.Remove(s.f.Name())
	}
	s.f, s.linked = nil, false
}
