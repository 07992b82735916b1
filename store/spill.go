package store

import (
	"encoding/binary"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
)

// A spill keeps a copy of the node records a writer committed, in an
// unlinked temporary file read back with pread, so that merging a record
// again does not look it up in Badger.
//
// The writer keeps hubs and recent people in memory, but talks are too
// many for that (1.39 million at 100,000 recaps) and a talk covered by
// several recaps is merged again much later in the load. Reading such a
// record back from Badger searched every level-0 table whose Bloom filter
// admitted the key, through the tables' memory maps: 20 s of a 100k load's
// CPU, and, since this kernel maps a whole page-cache folio on each fault,
// hundreds of MB of table pages in the resident set. A pread copies one
// record out of the page cache and maps nothing.
//
// The index is an open-addressing table of 8-byte slots, a 32-bit
// fingerprint of the id and the record's offset in 8-byte words, so 1.4
// million records take 16-32 MB. Every record in the file carries its id,
// and a lookup whose record turns out to be another id's (two ids with the
// same fingerprint share a slot, the later one winning) answers "unknown",
// so the writer reads Badger as before: a spill can be incomplete, never
// wrong. Any error writing or reading it turns it off the same way.
type spill struct {
	dir   string
	f     *os.File
	off   int64  // bytes in f
	buf   []byte // records of the commit being written, from off
	slots []uint64
	used  int
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
	s.buf = binary.AppendUvarint(s.buf, uint64(len(id)))
	s.buf = append(s.buf, id...)
	if v == nil {
		s.buf = append(s.buf, 0)
	} else {
		s.buf = binary.AppendUvarint(s.buf, uint64(len(v))+1)
		s.buf = append(s.buf, v...)
	}
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
		f, err := os.CreateTemp(s.dir, spillPattern)
		if err != nil {
			s.disable()
			return
		}
		// Unlinked at once: the file goes with the process, however it
		// ends. (Where an open file cannot be removed, Close removes it.)
		if os.Remove(f.Name()) == nil {
			s.dir = ""
		}
		s.f = f
	}
	if _, err := s.f.WriteAt(s.buf, s.off); err != nil {
		s.disable()
		return
	}
	s.off += int64(len(s.buf))
	for _, p := range s.pend {
		s.put(p.h, p.pos)
	}
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
	fp := fingerprint(s.hash(id))
	mask := uint64(len(s.slots) - 1)
	for i := slotHome(fp) & mask; ; i = (i + 1) & mask {
		sl := s.slots[i]
		if sl == 0 {
			return nil, spillUnknown
		}
		if sl>>32 == fp {
			return s.read(id, int64(sl&0xFFFFFFFF)*8)
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
}

func (s *spill) close() {
	if s.f == nil {
		return
	}
	s.f.Close()
	if s.dir != "" {
		os.Remove(s.f.Name())
	}
	s.f = nil
}
