package store

import (
	"bytes"
	"hash/fnv"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// spillModel checks a spill against what was committed: a lookup may say
// "unknown" (the writer then reads Badger), but what it does say must be
// the last committed record of that id.
type spillModel struct {
	t         *testing.T
	s         *spill
	committed map[string][]byte // nil value: deleted
	pending   map[string][]byte
}

func (m *spillModel) add(id string, v []byte) {
	m.s.add(id, v)
	m.pending[id] = v
}

func (m *spillModel) commit() {
	m.s.commit()
	for id, v := range m.pending {
		m.committed[id] = v
	}
	clear(m.pending)
}

func (m *spillModel) drop() {
	m.s.drop()
	clear(m.pending)
}

// check looks every committed id up and returns how many were unknown.
func (m *spillModel) check() int {
	m.t.Helper()
	unknown := 0
	for id, want := range m.committed {
		v, st := m.s.get(id)
		switch {
		case st == spillUnknown:
			unknown++
		case want == nil && st != spillGone:
			m.t.Fatalf("%s was deleted, the spill has %q (state %d)", id, v, st)
		case want != nil && (st != spillFound || !bytes.Equal(v, want)):
			m.t.Fatalf("%s: spill has %q (state %d), committed %q", id, v, st, want)
		}
	}
	return unknown
}

func spillValue(r *rand.Rand, id string, gen int) []byte {
	n := 1 + r.Intn(40)
	if r.Intn(20) == 0 {
		n = spillRead + r.Intn(3*spillRead) // longer than a lookup's first read
	}
	v := bytes.Repeat([]byte(id+"/"+strconv.Itoa(gen)+";"), n/len(id)+1)
	return v[:n]
}

func runSpill(t *testing.T, s *spill, ids, rounds, perRound int) *spillModel {
	m := &spillModel{t: t, s: s, committed: map[string][]byte{}, pending: map[string][]byte{}}
	r := rand.New(rand.NewSource(int64(ids)))
	for round := 0; round < rounds; round++ {
		for i := 0; i < perRound; i++ {
			id := "talk:kcd/" + strconv.Itoa(r.Intn(ids))
			if r.Intn(10) == 0 {
				m.add(id, nil)
			} else {
				m.add(id, spillValue(r, id, round))
			}
		}
		if r.Intn(8) == 0 {
			m.drop() // a failed Badger commit
		} else {
			m.commit()
		}
		if round%20 == 0 {
			m.check()
		}
	}
	return m
}

// Every committed record is found as committed, through growth of the
// index, long records, deletions and dropped commits.
func TestSpillHasWhatWasCommitted(t *testing.T) {
	s := newSpill(t.TempDir())
	defer s.close()
	s.hash = func(id string) uint64 { // fixed, so the same ids collide every run
		h := fnv.New64a()
		h.Write([]byte(id))
		return h.Sum64()
	}
	m := runSpill(t, s, 120000, 300, 500)
	// ~80,000 ids among 2^32 fingerprints: about one pair shares one.
	if n := m.check(); n > 2 {
		t.Errorf("%d of %d committed records unknown to the spill", n, len(m.committed))
	}
	if len(s.slots) <= 1<<16 {
		t.Errorf("the index never grew (%d slots)", len(s.slots))
	}
}

// Compaction keeps every live record and only those: with a low threshold
// the file is rewritten many times, every committed record is still found
// as committed, and the file stays within its bound.
func TestSpillCompactionKeepsLiveRecords(t *testing.T) {
	defer SetSpillCompactMinForTest(256 << 10)()
	s := newSpill(t.TempDir())
	defer s.close()
	compactions, maxOff := 0, int64(0)
	m := &spillModel{t: t, s: s, committed: map[string][]byte{}, pending: map[string][]byte{}}
	r := rand.New(rand.NewSource(7))
	for round := 0; round < 1200; round++ {
		for i := 0; i < 100; i++ {
			id := "talk:kcd/" + strconv.Itoa(r.Intn(3000))
			if r.Intn(10) == 0 {
				m.add(id, nil)
			} else {
				m.add(id, spillValue(r, id, round))
			}
		}
		before := s.off
		if r.Intn(8) == 0 {
			m.drop()
		} else {
			m.commit()
		}
		if s.off < before {
			compactions++
		}
		maxOff = max(maxOff, s.off)
		if round%100 == 0 {
			if n := m.check(); n > 0 {
				t.Fatalf("round %d: %d records lost", round, n)
			}
		}
	}
	if n := m.check(); n > 0 {
		t.Errorf("%d of %d committed records unknown after %d compactions", n, len(m.committed), compactions)
	}
	if compactions < 5 {
		t.Errorf("only %d compactions", compactions)
	}
	// The live records of 3,000 ids take well under the threshold's
	// multiple of them plus one commit's records.
	if limit := max(spillCompactMin, 4*s.live) + 1<<20; maxOff > limit {
		t.Errorf("file grew to %d bytes (bound %d)", maxOff, limit)
	}
	if s.broken {
		t.Error("the spill turned itself off")
	}
}

// Ids that share a fingerprint are never confused: the spill may forget
// one of them, never answer with the other's record.
func TestSpillCollisionsAreUnknownNotWrong(t *testing.T) {
	s := newSpill(t.TempDir())
	defer s.close()
	real := s.hash
	s.hash = func(id string) uint64 { return real(id) & (7 << 32) } // eight fingerprints
	m := runSpill(t, s, 300, 200, 50)
	if n := m.check(); n == 0 || n == len(m.committed) {
		t.Errorf("%d of %d unknown: expected some, not all, ids to be lost to collisions", n, len(m.committed))
	}
}

// The file is unlinked as soon as it exists, and reset forgets everything.
func TestSpillFileAndReset(t *testing.T) {
	dir := t.TempDir()
	s := newSpill(dir)
	defer s.close()
	s.add("talk:a/b", []byte("record"))
	s.commit()
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("spill file left in the directory: %v", ents)
	}
	if v, st := s.get("talk:a/b"); st != spillFound || string(v) != "record" {
		t.Fatalf("get = %q, %d", v, st)
	}
	s.reset()
	if _, st := s.get("talk:a/b"); st != spillUnknown {
		t.Errorf("after reset: state %d", st)
	}
	s.add("talk:a/c", []byte("again"))
	s.commit()
	if v, st := s.get("talk:a/c"); st != spillFound || string(v) != "again" {
		t.Errorf("after reset, a new record: %q, %d", v, st)
	}
}

// A spill file left by a killed process is removed by the next writer.
func TestSpillRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, "kg-spill-123")
	if err := os.WriteFile(left, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(dir, "000001.sst")
	if err := os.WriteFile(keep, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	newSpill(dir).close()
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("%s: %v", left, err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("another file was removed: %v", err)
	}
}
