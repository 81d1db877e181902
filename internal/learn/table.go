package learn

import "slices"

// Table maps feature hashes to K weights each. Tagging looks up every
// feature of every token, so the table is laid out for that: one flat
// array of slots probed linearly (a look-up touches one slot, then the
// weights), and all weights in one slice. A Go map of slices costs a
// string of pointer hops per feature and was the largest single cost of
// the entity and quote stages.
type Table struct {
	k     int
	shift uint // slot of f: (f * golden) >> shift
	slots []slot
	vals  []float32 // K per feature, in insertion order
}

// slot holds a key and 1 + the index of its weights; 0 marks an empty
// slot, so every key (0 included) can be stored.
type slot struct {
	key uint64
	idx uint32
}

const golden = 0x9E3779B97F4A7C15 // spreads keys that differ in low bits only

// NewTable returns a table for k weights per feature, sized for about n
// features (it grows past that).
func NewTable(k, n int) *Table {
	t := &Table{k: k}
	t.alloc(n)
	return t
}

// alloc sizes the slots so that n features fill at most half of them.
func (t *Table) alloc(n int) {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	t.shift = 64 - bits
	t.slots = make([]slot, 1<<bits)
}

// K is the number of weights per feature.
func (t *Table) K() int { return t.k }

// Len is the number of features.
func (t *Table) Len() int { return len(t.vals) / t.k }

// Get returns f's weights, or nil when f has none. The slice aliases the
// table.
func (t *Table) Get(f uint64) []float32 {
	mask := uint64(len(t.slots) - 1)
	for i := (f * golden) >> t.shift; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.idx == 0 {
			return nil
		}
		if s.key == f {
			off := int(s.idx-1) * t.k
			return t.vals[off : off+t.k : off+t.k]
		}
	}
}

// Put returns f's weights for writing, adding zero weights when f is new.
// The slice is valid until the next Put (which may move the weights).
func (t *Table) Put(f uint64) []float32 {
	if w := t.Get(f); w != nil {
		return w
	}
	if 2*(t.Len()+1) > len(t.slots) {
		t.grow()
	}
	idx := t.Len()
	t.vals = append(t.vals, make([]float32, t.k)...)
	t.place(f, uint32(idx+1))
	off := idx * t.k
	return t.vals[off : off+t.k : off+t.k]
}

func (t *Table) place(f uint64, idx uint32) {
	mask := uint64(len(t.slots) - 1)
	i := (f * golden) >> t.shift
	for t.slots[i].idx != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = slot{key: f, idx: idx}
}

func (t *Table) grow() {
	old := t.slots
	t.alloc(2 * max(t.Len(), 8))
	for _, s := range old {
		if s.idx != 0 {
			t.place(s.key, s.idx)
		}
	}
}

// Keys returns the features in increasing order (for writing a model the
// same way every time).
func (t *Table) Keys() []uint64 {
	keys := make([]uint64, 0, t.Len())
	for _, s := range t.slots {
		if s.idx != 0 {
			keys = append(keys, s.key)
		}
	}
	slices.Sort(keys)
	return keys
}
