package store

import "hash/maphash"

// bloom is a Bloom filter of node ids: the writer asks it before looking a
// node record up, so that the ids a recap introduces (most of its talks
// and many of its people) cost no read. A false positive only costs the
// read it would have made anyway.
type bloom struct {
	bits []uint64
	seed maphash.Seed
}

const bloomHashes = 5

// newBloom sizes a filter for about n ids at 32 bits each (about 1 false
// positive in 5,000), at least for a million.
func newBloom(n int) *bloom {
	words := max(n, 1<<20) * 32 / 64
	return &bloom{bits: make([]uint64, words), seed: maphash.MakeSeed()}
}

// positions derives bloomHashes bit positions from one 64-bit hash
// (Kirsch and Mitzenmacher: h1 + i*h2).
func (b *bloom) positions(s string, fn func(word int, bit uint64)) {
	h := maphash.String(b.seed, s)
	h1, h2 := h, h>>32|h<<32|1
	m := uint64(len(b.bits) * 64)
	for i := uint64(0); i < bloomHashes; i++ {
		p := (h1 + i*h2) % m
		fn(int(p/64), 1<<(p%64))
	}
}

func (b *bloom) add(s string) {
	b.positions(s, func(w int, bit uint64) { b.bits[w] |= bit })
}

func (b *bloom) has(s string) bool {
	all := true
	b.positions(s, func(w int, bit uint64) {
		if b.bits[w]&bit == 0 {
			all = false
		}
	})
	return all
}
