// Package dedup finds near-duplicate articles (wire copies, re-posts,
// updated versions) with MinHash signatures over word shingles and
// locality-sensitive hashing: each article is compared only with those
// that share a band of its signature, so the cost grows with the number of
// articles, not with the number of pairs.
package dedup

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// Options tune the detector.
type Options struct {
	// Shingle is the number of words in a shingle.
	Shingle int
	// Bands × Rows is the signature length. With b bands of r rows, pairs
	// become candidates around Jaccard (1/b)^(1/r).
	Bands, Rows int
	// Threshold is the estimated Jaccard similarity of shingle sets above
	// which two articles are near-duplicates.
	Threshold float64
	// MinShingles: shorter texts are too short to judge.
	MinShingles int
}

// DefaultOptions: 5-word shingles, 16 bands of 8 rows (candidates from
// about 0.7), duplicates from 0.7.
func DefaultOptions() Options {
	return Options{Shingle: 5, Bands: 16, Rows: 8, Threshold: 0.7, MinShingles: 10}
}

// Signature is a MinHash signature.
type Signature []uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is a 64-bit finaliser (splitmix64): a different permutation per
// seed, cheap enough for 128 per shingle.
func mix(x, seed uint64) uint64 {
	x += seed * 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Sign computes the MinHash signature of text: words are lower-cased runs
// of letters and digits; a shingle is Shingle consecutive words. It
// returns nil when the text has fewer than MinShingles shingles.
func Sign(text string, opt Options) Signature {
	n := opt.Bands * opt.Rows
	// Word hashes, computed without building strings.
	var words []uint64
	h, in := uint64(fnvOffset), false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			h ^= uint64(r)
			h *= fnvPrime
			in = true
			continue
		}
		if in {
			words = append(words, h)
			h, in = fnvOffset, false
		}
	}
	if in {
		words = append(words, h)
	}
	k := max(opt.Shingle, 1)
	if len(words)-k+1 < opt.MinShingles {
		return nil
	}
	sig := make(Signature, n)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for i := 0; i+k <= len(words); i++ {
		sh := uint64(fnvOffset)
		for _, w := range words[i : i+k] {
			sh = (sh ^ w) * fnvPrime
		}
		for j := range sig {
			if v := mix(sh, uint64(j)+1); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of two signatures' shingle
// sets: the share of positions where they agree.
func Similarity(a, b Signature) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// Item is one article to check.
type Item struct {
	Text string
	// Order decides which copy is the original: the lowest (the earliest
	// published, say).
	Order string
}

// Match links a near-duplicate to its original.
type Match struct {
	Dup, Of    int
	Similarity float64
}

// Find returns, for each article that near-duplicates an earlier one, the
// link to the earliest article of its group. Candidates come from LSH
// buckets; each is confirmed on the estimated Jaccard similarity.
func Find(items []Item, opt Options) []Match {
	sigs := make([]Signature, len(items))
	for i, it := range items {
		sigs[i] = Sign(it.Text, opt)
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].Order < items[order[b]].Order })
	// Union-find over confirmed pairs; the root is the earliest.
	parent := make([]int, len(items))
	rank := make([]int, len(items)) // position in order
	for i := range parent {
		parent[i] = i
	}
	for pos, i := range order {
		rank[i] = pos
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	best := map[int]float64{}
	buckets := make([]map[uint64][]int, opt.Bands)
	for b := range buckets {
		buckets[b] = map[uint64][]int{}
	}
	for _, i := range order {
		s := sigs[i]
		if s == nil {
			continue
		}
		checked := map[int]bool{}
		for b := 0; b < opt.Bands; b++ {
			key := uint64(fnvOffset)
			for _, v := range s[b*opt.Rows : (b+1)*opt.Rows] {
				key = (key ^ v) * fnvPrime
			}
			for _, j := range buckets[b][key] {
				if checked[j] {
					continue
				}
				checked[j] = true
				if sim := Similarity(s, sigs[j]); sim >= opt.Threshold {
					ri, rj := root(i), root(j)
					if ri != rj {
						if rank[ri] < rank[rj] {
							parent[rj] = ri
						} else {
							parent[ri] = rj
						}
					}
					if sim > best[i] {
						best[i] = sim
					}
				}
			}
			buckets[b][key] = append(buckets[b][key], i)
		}
	}
	var out []Match
	for _, i := range order {
		if r := root(i); r != i {
			out = append(out, Match{Dup: i, Of: r, Similarity: best[i]})
		}
	}
	return out
}
