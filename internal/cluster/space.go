package cluster

import (
	"math"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/textvec"
)

// The grouping compares every article with a few centroids and keeps
// centroids up to date as articles join them. With string-keyed maps
// those cosines hashed and compared every term, and centroids that grow
// with their storylines made each look-up slower (the cost per article
// doubled from 10k to 100k articles). Here terms are interned once to
// integer ids, in sorted order of the terms, so that ordering ids orders
// terms and ties break exactly as before; an article is a sorted slice of
// (id, weight), and a centroid a map from id to weight.

// Vectors are the documents' weighted, normalised feature vectors over
// one vocabulary, as FeatureBuilder makes them.
type Vectors struct {
	vecs  []textvec.Sparse
	tops  [][]int32 // each document's top terms, best first
	terms []string  // by id, sorted
	free  *postings // an index to reuse (so Cluster is not for concurrent use on one Vectors)
}

// postings is an inverted index from term ids to groups.
type postings struct {
	lists [][]int
	used  []int32 // terms with a list, to empty them for reuse
}

func (p *postings) add(term int32, g int) {
	if len(p.lists[term]) == 0 {
		p.used = append(p.used, term)
	}
	p.lists[term] = append(p.lists[term], g)
}

// index returns an empty inverted index over the vocabulary.
func (s *Vectors) index() *postings {
	if p := s.free; p != nil {
		s.free = nil
		return p
	}
	return &postings{lists: make([][]int, len(s.terms))}
}

// release empties p and keeps it for the next call to index.
func (s *Vectors) release(p *postings) {
	for _, t := range p.used {
		p.lists[t] = p.lists[t][:0]
	}
	p.used = p.used[:0]
	s.free = p
}

// topTerms is how many of an article's terms index and look up groups.
const topTerms = 20

// vocab interns terms while documents are read; build then renumbers
// them in sorted order.
type vocab struct{ textvec.Interner }

// build weights raw counts (sub-linear TF times smoothed IDF, L2
// normalised) and renumbers terms in sorted order.
func (v *vocab) build(counts []textvec.Sparse) *Vectors {
	// Sorted order of terms: ids then compare as terms do.
	vterms := v.Terms()
	order := make([]int32, len(vterms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(vterms[a], vterms[b]) })
	rank := make([]int32, len(order))
	terms := make([]string, len(order))
	for r, id := range order {
		rank[id] = int32(r)
		terms[r] = vterms[id]
	}
	textvec.WeightAll(counts, len(order))
	out := &Vectors{vecs: counts, tops: make([][]int32, len(counts)), terms: terms}
	for i, c := range counts {
		for k := range c {
			c[k].ID = rank[c[k].ID]
		}
		slices.SortFunc(c, func(a, b textvec.Entry) int { return int(a.ID - b.ID) })
		out.tops[i] = topOf(c, topTerms)
	}
	return out
}

// dotMap is the dot product of a sorted vector and a centroid.
func dotMap(a textvec.Sparse, m *idMap) float64 {
	var s float64
	for _, e := range a {
		s += float64(e.W) * m.get(e.ID)
	}
	return s
}

// topOf returns the ids of v's k highest weights, highest first; ties go
// to the lower id, which is the term first in sorted order.
func topOf(v textvec.Sparse, k int) []int32 {
	b := textvec.NewBest(k)
	for _, e := range v {
		b.Push(e)
	}
	return b.IDs()
}

// topOfMap is topOf for a centroid.
func topOfMap(m *idMap, k int) []int32 {
	b := textvec.NewBest(k)
	m.each(func(id int32, w float64) { b.Push(textvec.Entry{ID: id, W: float32(w)}) })
	return b.IDs()
}

// signature is m cut to its k top terms, normalised, as a sorted vector.
func signature(m *idMap, k int) textvec.Sparse {
	ids := topOfMap(m, k)
	sig := make(textvec.Sparse, len(ids))
	var n float64
	for i, id := range ids {
		w := m.get(id)
		sig[i] = textvec.Entry{ID: id, W: float32(w)}
		n += w * w
	}
	if n = math.Sqrt(n); n > 0 {
		for i := range sig {
			sig[i].W = float32(float64(sig[i].W) / n)
		}
	}
	slices.SortFunc(sig, func(a, b textvec.Entry) int { return int(a.ID - b.ID) })
	return sig
}

// idMap is a centroid: term id to weight, in open addressing with linear
// probing. Centroids take an add per article and a look-up per term of
// each article compared with them; a Go map spent most of that time
// probing its groups, and a flat table of small keys stays in cache.
type idMap struct {
	slots []idSlot
	n     int
	shift uint
}

// idSlot keeps a key beside its weight: a probe reads one cache line.
type idSlot struct {
	key int32 // id+1; 0 marks an empty slot
	w   float64
}

func newIDMap(n int) *idMap {
	m := &idMap{}
	m.alloc(n)
	return m
}

// alloc makes room for n ids in at most three quarters of the slots:
// linear probing over small integer keys stays short at that load, and
// smaller tables keep more centroids in cache.
func (m *idMap) alloc(n int) {
	bits := uint(3)
	for 3<<bits < 4*n {
		bits++
	}
	m.slots = make([]idSlot, 1<<bits)
	m.shift = 32 - bits
}

func (m *idMap) slot(id int32) uint32 { return (uint32(id) * 0x9E3779B1) >> m.shift }

// get is the weight of id, 0 when absent.
func (m *idMap) get(id int32) float64 {
	mask := uint32(len(m.slots) - 1)
	for i := m.slot(id); ; i = (i + 1) & mask {
		switch s := &m.slots[i]; s.key {
		case id + 1:
			return s.w
		case 0:
			return 0
		}
	}
}

// add adds x to id's weight.
func (m *idMap) add(id int32, x float64) {
	mask := uint32(len(m.slots) - 1)
	for i := m.slot(id); ; i = (i + 1) & mask {
		switch s := &m.slots[i]; s.key {
		case id + 1:
			s.w += x
			return
		case 0:
			if 4*(m.n+1) > 3*len(m.slots) {
				m.grow()
				m.add(id, x)
				return
			}
			s.key, s.w = id+1, x
			m.n++
			return
		}
	}
}

func (m *idMap) grow() {
	old := m.slots
	m.alloc(len(old)) // twice the slots
	m.n = 0
	for _, s := range old {
		if s.key != 0 {
			m.add(s.key-1, s.w)
		}
	}
}

// each calls f for every id and weight (in no particular order).
func (m *idMap) each(f func(id int32, w float64)) {
	for _, s := range m.slots {
		if s.key != 0 {
			f(s.key-1, s.w)
		}
	}
}
