// Package textvec turns token spans into sparse TF-IDF vectors of content
// terms for the cross-document stages (clustering, timelines, summaries).
package textvec

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/doc"
)

// Stopwords are English function words and news boilerplate verbs.
var Stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if then than that this these those there here it its he she they we i you him her them us our
their his my your me who whom whose which what when where why how all any both each few more most other some such no nor not only own same so too
very can will just should now also is are was were be been being have has had having do does did doing would could might must shall may of at by for
with about against between into through during before after above below to from up down in out on off over under again further once said says say
told according one two three new last first year years day days week weeks month months time since while as upon amid among per via mr mrs ms
however still even already yet around because although though whether including like unlike onto within without across along toward towards
whose whom itself themselves himself herself ago being get got make made many much well back way ever never`) {
		Stopwords[w] = true
	}
}

// Term normalises a word into a term: lower case, a plural "s" dropped.
// It returns "" for stopwords, numbers and punctuation.
func Term(w string) string {
	lw := strings.ToLower(w)
	if len(lw) < 3 || Stopwords[lw] {
		return ""
	}
	letters := 0
	for _, r := range lw {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	lw = strings.TrimSuffix(strings.TrimSuffix(lw, "'s"), "’s")
	switch {
	case strings.HasSuffix(lw, "ies") && len(lw) > 4:
		lw = lw[:len(lw)-3] + "y"
	case strings.HasSuffix(lw, "ss"):
	case strings.HasSuffix(lw, "s") && len(lw) > 4:
		lw = lw[:len(lw)-1]
	}
	return lw
}

// Terms returns the terms of the tokens in span s of d.
func Terms(d *doc.Doc, s doc.Span) []string {
	var out []string
	for _, t := range d.TokensIn(s) {
		if x := Term(d.Text[t.Start:t.End]); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Vec is a sparse vector.
type Vec map[string]float64

// Counts turns terms into a count vector.
func Counts(terms []string) Vec {
	v := Vec{}
	for _, t := range terms {
		v[t]++
	}
	return v
}

// Jaccard similarity of two term lists.
func Jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	sa := map[string]bool{}
	for _, t := range a {
		sa[t] = true
	}
	sb := map[string]bool{}
	inter := 0
	for _, t := range b {
		if !sb[t] {
			sb[t] = true
			if sa[t] {
				inter++
			}
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// Entry is one term of a Sparse vector: a term id (numbered by the
// caller) and its weight. Eight bytes, not sixteen: clustering holds one
// vector per document, and at 100,000 documents those were 300 MB.
// Products and sums are taken in float64.
type Entry struct {
	ID int32
	W  float32
}

// Sparse is a vector as a slice sorted by term id. Products of two are a
// merge of two short slices, with no hashing: the cross-document stages
// compare many more pairs than they build vectors, so they intern terms
// once and compare these.
type Sparse []Entry

// Dot is the dot product of two sparse vectors (the cosine when both are
// normalised).
func Dot(a, b Sparse) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].ID < b[j].ID:
			i++
		case a[i].ID > b[j].ID:
			j++
		default:
			s += float64(a[i].W) * float64(b[j].W)
			i++
			j++
		}
	}
	return s
}

// Interner numbers terms in the order it first sees them.
type Interner struct {
	ids   map[string]int32
	terms []string
}

// ID returns t's number, giving it the next one when t is new.
func (in *Interner) ID(t string) int32 {
	if id, ok := in.ids[t]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]int32{}
	}
	id := int32(len(in.terms))
	in.ids[t] = id
	in.terms = append(in.terms, t)
	return id
}

// Terms returns the interned terms, by number.
func (in *Interner) Terms() []string { return in.terms }

// Counts interns terms (in their order, so numbering is reproducible) and
// returns their counts as a sparse vector.
func (in *Interner) Counts(terms []string) Sparse {
	out := make(Sparse, 0, len(terms))
	for _, t := range terms {
		out = append(out, Entry{in.ID(t), 1})
	}
	return Compact(out)
}

// Compact sorts entries by id and adds up the weights of repeated ids.
func Compact(v Sparse) Sparse {
	slices.SortFunc(v, func(a, b Entry) int { return int(a.ID - b.ID) })
	out := v[:0]
	for _, e := range v {
		if n := len(out); n > 0 && out[n-1].ID == e.ID {
			out[n-1].W += e.W
			continue
		}
		out = append(out, e)
	}
	return out
}

// WeightAll turns count vectors over nTerms term ids into TF-IDF vectors
// in place: sub-linear TF (1 + ln count), smoothed IDF over vs
// (ln((n+1)/(df+1)) + 1), L2 normalised. The sums run in id order, so the
// weights are the same on every run.
func WeightAll(vs []Sparse, nTerms int) {
	df := make([]int32, nTerms)
	for _, v := range vs {
		for _, e := range v {
			df[e.ID]++
		}
	}
	n := float64(len(vs))
	for _, v := range vs {
		var norm float64
		for k, e := range v {
			w := (1 + math.Log(float64(e.W))) * (math.Log((n+1)/(float64(df[e.ID])+1)) + 1)
			v[k].W = float32(w)
			norm += w * w
		}
		if norm = math.Sqrt(norm); norm > 0 {
			for k := range v {
				v[k].W = float32(float64(v[k].W) / norm)
			}
		}
	}
}

// Best keeps the k entries of highest weight among those pushed (ties go
// to the lower id), in a heap whose root is the weakest of them: one pass
// over a vector or a centroid, never a sort of it. Clustering takes the top
// terms of every article and every group.
type Best struct {
	k int
	h []Entry
}

// NewBest keeps the k best.
func NewBest(k int) *Best { return &Best{k: k} }

func worse(a, b Entry) bool { return a.W < b.W || a.W == b.W && a.ID > b.ID }

// Push offers e.
func (b *Best) Push(e Entry) {
	if b.k <= 0 {
		return
	}
	h := b.h
	if len(h) < b.k {
		h = append(h, e)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(h[i], h[p]) {
				break
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
		b.h = h
		return
	}
	if !worse(h[0], e) {
		return
	}
	h[0] = e
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(h) && worse(h[l], h[m]) {
			m = l
		}
		if r := l + 1; r < len(h) && worse(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// IDs returns the ids kept, best first.
func (b *Best) IDs() []int32 {
	slices.SortFunc(b.h, func(x, y Entry) int {
		switch {
		case worse(y, x):
			return -1
		case worse(x, y):
			return 1
		}
		return 0
	})
	out := make([]int32, len(b.h))
	for i, e := range b.h {
		out[i] = e.ID
	}
	return out
}
