// Package learn is an averaged perceptron over hashed features, for the
// project's sequence taggers: small, fast to apply, and trained by the
// project's own commands from public data. The taggers share its trainer,
// its model file (format.go) and its decoders (decode.go): greedy left to
// right, for features that read earlier decisions, and first-order
// Viterbi.
package learn

import "slices"

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// Seed is the starting hash of a feature template ("w=", "prev+w=").
func Seed(template string) uint64 { return Str(offset64, template) }

// Str continues hash h over s (FNV-1a), without allocating: a feature is
// Str(Seed("w="), word), or a chain of Str calls for conjunctions.
func Str(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// Scorer adds up the weights of a bag of features for each class: a
// trained Model, or a Trainer while it learns (the decoders take either).
type Scorer interface {
	Scores(feats []uint64, out []float32)
}

// Model scores K classes from a bag of hashed features.
type Model struct {
	K int
	w *Table
	// quantised: the weights came from a model file, so they already are
	// the few values Save writes, and Save keeps them exactly.
	quantised bool
}

// Scores adds into out (length K) the weights of feats.
func (m *Model) Scores(feats []uint64, out []float32) { scores(m.w, feats, out) }

// scores sets out (length K) to the sum of the weights of feats in w.
func scores(w *Table, feats []uint64, out []float32) {
	for i := range out {
		out[i] = 0
	}
	for _, f := range feats {
		ws := w.Get(f)
		if ws == nil {
			continue
		}
		o := out[:len(ws)] // one bounds check, not one per class
		for k, x := range ws {
			o[k] += x
		}
	}
}

// Features is the number of features with weights.
func (m *Model) Features() int { return m.w.Len() }

// Trainer accumulates perceptron updates and their running averages. The
// current weights are in a Table, as a Model's are: decoding while
// training reads them for every feature of every position, while the
// running totals are touched only by updates.
type Trainer struct {
	K    int
	step int
	w    *Table
	acc  map[uint64]*acc
}

// acc is a feature's running total per class (the sum over steps of the
// weight, brought up to date at stamp), and how many times Adjust was
// given the feature.
type acc struct {
	total []float32
	stamp []int
	count int
}

// NewTrainer returns a trainer for k classes.
func NewTrainer(k int) *Trainer {
	return &Trainer{K: k, w: NewTable(k, 1024), acc: map[uint64]*acc{}}
}

// Scores gives the current (not averaged) scores, for decoding while
// training.
func (t *Trainer) Scores(feats []uint64, out []float32) { scores(t.w, feats, out) }

// accOf returns f's running totals, adding them when f is new.
func (t *Trainer) accOf(f uint64) *acc {
	a := t.acc[f]
	if a == nil {
		a = &acc{total: make([]float32, t.K), stamp: make([]int, t.K)}
		t.acc[f] = a
	}
	return a
}

func (t *Trainer) add(f uint64, a *acc, k int, v float32) {
	w := t.w.Put(f)
	a.total[k] += float32(t.step-a.stamp[k]) * w[k]
	a.stamp[k] = t.step
	w[k] += v
}

// Step counts one training example (for averaging); call it once per
// example before Adjust.
func (t *Trainer) Step() { t.step++ }

// Adjust adds v to the weight of class k for feats (a structured update
// moves the gold path's features up and the predicted path's down).
func (t *Trainer) Adjust(feats []uint64, k int, v float32) {
	for _, f := range feats {
		a := t.accOf(f)
		a.count++
		t.add(f, a, k, v)
	}
}

// Model returns the averaged model, keeping the features with a non-zero
// weight that Adjust was given at least minCount times.
func (t *Trainer) Model(minCount int) *Model {
	return t.Average(func(f uint64, w []float32) bool {
		return t.acc[f].count >= minCount && slices.ContainsFunc(w, func(x float32) bool { return x != 0 })
	})
}

// Average returns the averaged model, keeping the features for which keep
// says yes given their averaged weights (a tagger's own pruning rule: how
// often a feature was seen, how small a weight is worth keeping).
func (t *Trainer) Average(keep func(f uint64, w []float32) bool) *Model {
	m := &Model{K: t.K, w: NewTable(t.K, len(t.acc))}
	w := make([]float32, t.K)
	for f, a := range t.acc {
		cur := t.w.Get(f)
		for k := range w {
			total := a.total[k] + float32(t.step-a.stamp[k])*cur[k]
			w[k] = total / float32(max(t.step, 1))
		}
		if keep(f, w) {
			copy(m.w.Put(f), w)
		}
	}
	return m
}
