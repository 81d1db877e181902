package learn

import (
	"math/rand"
	"slices"
	"testing"
)

// randomModel has one feature per (position, kind) with random weights:
// feature 2i+kind, kind 0 for emission and 1 for transition.
func randomModel(rng *rand.Rand, k, n int, kind uint64) *Model {
	m := &Model{K: k, w: NewTable(k, n)}
	for i := 0; i < n; i++ {
		ws := m.w.Put(uint64(2*i) + kind)
		for j := range ws {
			ws[j] = float32(rng.NormFloat64())
		}
	}
	return m
}

func posFeatures(kind uint64) func(buf []uint64, i int) []uint64 {
	return func(buf []uint64, i int) []uint64 { return append(buf, uint64(2*i)+kind) }
}

// bio is the constraint of a BIO tag set ordered O, B-X, I-X, B-Y, I-Y…:
// an I- class (even, not 0) only follows itself or its B- class.
func bio(prev, k int) bool { return k == 0 || k%2 == 1 || prev == k || prev == k-1 }

// bruteForce scores every allowed sequence and returns the best.
func bruteForce(c Chain, n int) []int {
	var best []int
	bestScore := float32(0)
	seq := make([]int, n)
	var walk func(i int, prev int, sum float32)
	es, ts := make([]float32, c.K), make([]float32, c.K*c.K)
	walk = func(i, prev int, sum float32) {
		if i == n {
			if best == nil || sum > bestScore {
				best, bestScore = slices.Clone(seq), sum
			}
			return
		}
		c.Emit.Scores([]uint64{uint64(2 * i)}, es)
		c.Trans.Scores([]uint64{uint64(2*i) + 1}, ts)
		e, t := slices.Clone(es), slices.Clone(ts)
		for k := 0; k < c.K; k++ {
			if c.Allowed != nil && !c.Allowed(prev, k) {
				continue
			}
			seq[i] = k
			walk(i+1, k, sum+e[k]+t[prev*c.K+k])
		}
	}
	walk(0, 0, 0)
	return best
}

// TestViterbiFindsTheBestAllowedSequence: on random weights Viterbi
// agrees with trying every sequence, with and without a constraint, and
// never opens with a class the start (as after class 0) forbids.
func TestViterbiFindsTheBestAllowedSequence(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 200; trial++ {
		k, n := 2+rng.Intn(4), rng.Intn(6)
		c := Chain{K: k, Emit: randomModel(rng, k, n, 0), Trans: randomModel(rng, k*k, n, 1)}
		if trial%2 == 0 {
			c.Allowed = bio
		}
		got := c.Viterbi(n, posFeatures(0), posFeatures(1), nil)
		want := bruteForce(c, n)
		if n == 0 {
			want = []int{}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (K=%d, n=%d, constrained %v): Viterbi %v, best %v", trial, k, n, c.Allowed != nil, got, want)
		}
	}
}

// TestViterbiStartsAfterClassZero: the transition row of class 0 scores
// the first position, and a class that may not follow 0 cannot start.
func TestViterbiStartsAfterClassZero(t *testing.T) {
	emit := &Model{K: 3, w: NewTable(3, 1)}
	copy(emit.w.Put(0), []float32{0, 1, 5}) // class 2 (an I-) scores best but may not start
	trans := &Model{K: 9, w: NewTable(9, 1)}
	copy(trans.w.Put(1), []float32{0, -10, 0, 0, 0, 0, 0, 0, 0}) // (0, 1) costs 10
	c := Chain{K: 3, Emit: emit, Trans: trans, Allowed: bio}
	got := c.Viterbi(1, posFeatures(0), posFeatures(1), []int{7, 7, 7})
	if !slices.Equal(got, []int{0}) {
		t.Errorf("got %v, want [0]: class 1 pays its transition from the start, class 2 may not start", got)
	}
}

// recorder is a Sequence of fixed per-position features that records the
// history each position saw and the decisions it was told.
type recorder struct {
	n        int
	history  [][]int
	decided  []int
	withPrev bool // the features name the previous class too
}

func (r *recorder) Len() int { return r.n }
func (r *recorder) Features(i int, h []int) []uint64 {
	r.history = append(r.history, slices.Clone(h))
	f := []uint64{uint64(2 * i)}
	if r.withPrev && i > 0 {
		f = append(f, uint64(1000+h[i-1]))
	}
	return f
}
func (r *recorder) Decided(i, k int) { r.decided = append(r.decided, k) }

// TestGreedyFollowsItsDecisions: each position sees the classes decided
// before it, the constraint holds against the previous decision, and
// Decided hears every class in order.
func TestGreedyFollowsItsDecisions(t *testing.T) {
	m := &Model{K: 3, w: NewTable(3, 4)}
	copy(m.w.Put(0), []float32{0, 1, 3})    // the I- class 2 may not start: B- (1)
	copy(m.w.Put(2), []float32{0, 1, 2})    // after 1, 2 may follow
	copy(m.w.Put(4), []float32{1, 0, 0})    // O
	copy(m.w.Put(1000), []float32{0, 0, 0}) // present, says nothing
	r := &recorder{n: 3, withPrev: true}
	got := m.Greedy(r, bio, nil)
	if want := []int{1, 2, 0}; !slices.Equal(got, want) {
		t.Fatalf("Greedy = %v, want %v", got, want)
	}
	if !slices.Equal(r.decided, got) || len(r.history) != 3 || !slices.Equal(r.history[2], got[:2]) {
		t.Errorf("decided %v, histories %v", r.decided, r.history)
	}
}

// TestTrainGreedyLearnsWithGoldHistory: training sees the gold classes as
// history and learns a sequence it can then decode.
func TestTrainGreedyLearnsWithGoldHistory(t *testing.T) {
	gold := []int{0, 1, 2, 1, 0}
	tr := NewTrainer(3)
	var right int
	var r *recorder
	for it := 0; it < 10; it++ {
		r = &recorder{n: len(gold), withPrev: true}
		right = tr.TrainGreedy(r, gold, nil)
	}
	if right != len(gold) {
		t.Errorf("after 10 passes %d of %d right", right, len(gold))
	}
	for i, h := range r.history {
		if !slices.Equal(h, gold[:i]) {
			t.Fatalf("position %d saw history %v, want the gold %v", i, h, gold[:i])
		}
	}
	if got := tr.Model(1).Greedy(&recorder{n: len(gold), withPrev: true}, nil, nil); !slices.Equal(got, gold) {
		t.Errorf("the averaged model decodes %v, want %v", got, gold)
	}
}

// TestViterbiTies: with nothing to choose between classes, the lowest
// previous class and the lowest last class win.
func TestViterbiTies(t *testing.T) {
	c := Chain{K: 3, Emit: &Model{K: 3, w: NewTable(3, 1)}, Trans: &Model{K: 9, w: NewTable(9, 1)}, Allowed: bio}
	if got := c.Viterbi(4, posFeatures(0), posFeatures(1), nil); !slices.Equal(got, []int{0, 0, 0, 0}) {
		t.Errorf("got %v, want all 0", got)
	}
}

// BenchmarkViterbi: a paragraph of 60 tokens over the quote tagger's 7
// classes.
func BenchmarkViterbi(b *testing.B) {
	rng := rand.New(rand.NewSource(7))
	k, n := 7, 60
	c := Chain{K: k, Emit: randomModel(rng, k, n, 0), Trans: randomModel(rng, k*k, n, 1), Allowed: bio}
	var out []int
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out = c.Viterbi(n, posFeatures(0), posFeatures(1), out)
	}
}
