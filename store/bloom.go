package store

import "hash/maphash"

// bloom is a Bloom filter of node ids or keys: the writer asks it before
// looking a node record, a source record or a path up, so that the ids and
// paths a recap introduces (most of its talks, many of its people, its own
// source and path) cost no read. A false positive only costs the read it
// would have made anyway.
type bloom struct {
	bits []uint64
	seed maphash.Seed
}

const bloomHashes = 5

// newBloom sizes a filter for about n ids at 32 bits each (about 1 false
// positive in 5,000), at least for a million: a writer's filter keeps
// growing after it is made.
func newBloom(n int) *bloom { return newBloomAtLeast(n, 1<<20) }

// newBloomAtLeast sizes a filter for about max(n, least) ids.
func newBloomAtLeast(n, least int) *bloom {
	words := (max(n, least)*32 + 63) / 64
	return &bloom{bits: make([]uint64, words), seed: maphash.MakeSeed()}
}

// Bit positions come from one 64-bit hash h as h1 + i*h2 (Kirsch and
// Mitzenmacher).
func (b *bloom) set(h uint64) {
	m := uint64(len(b.bits) * 64)
	h2 := h>>32 | h<<32 | 1
	for i := uint64(0); i < bloomHashes; i++ {
		p := (h + i*h2) % m
		b.bits[p/64] |= 1 << (p % 64)
	}
}

func (b *bloom) test(h uint64) bool {
	m := uint64(len(b.bits) * 64)
	h2 := h>>32 | h<<32 | 1
	for i := uint64(0); i < bloomHashes; i++ {
		p := (h + i*h2) % m
		if b.bits[p/64]&(1<<(p%64)) == 0 {
			return false
		}
	}
	return true
}

func (b *bloom) add(s string)      { b.set(maphash.String(b.seed, s)) }
func (b *bloom) addBytes(s []byte) { b.set(maphash.Bytes(b.seed, s)) }
func (b *bloom) has(s string) bool { return b.test(maphash.String(b.seed, s)) }
func (b *bloom) hasBytes(s []byte) bool {
	return b.test(maphash.Bytes(b.seed, s))
}
