package learn

import "math"

// The decoders turn scores into a class per position of a sequence. Both
// treat the start of a sequence as coming after class 0 (the "outside"
// class of a BIO tag set), so the constraint that keeps an I- tag from
// opening a name also holds at the start.

// Allowed reports whether class k may follow class prev. A nil Allowed
// allows every transition. It must depend on its arguments alone: the
// decoders ask it once per pair and call, and keep the answers in a table.
type Allowed func(prev, k int) bool

// Sequence is what the greedy decoder tags: positions whose features may
// depend on the classes decided before them.
type Sequence interface {
	// Len is the number of positions.
	Len() int
	// Features returns the features of position i, given the classes of
	// the positions before it (history, of length i). The slice may be
	// the sequence's own buffer: it is read before the next call.
	Features(i int, history []int) []uint64
	// Decided is told the class chosen for position i, before the
	// features of position i+1 are asked for (a tagger may remember its
	// own decisions, as document context).
	Decided(i, class int)
}

// Greedy tags seq left to right: each position gets the best-scoring class
// that may follow the class before it. Features can so depend on earlier
// decisions (the two previous tags, say), which Viterbi cannot allow. The
// classes are appended to out[:0].
func (m *Model) Greedy(seq Sequence, allowed Allowed, out []int) []int {
	var sb [16]float32 // no allocation for up to 16 classes
	scores := sb[:]
	if m.K > len(sb) {
		scores = make([]float32, m.K)
	}
	scores = scores[:m.K]
	var pb [256]bool
	ok := tabulate(pb[:], m.K, allowed)
	out = out[:0]
	prev := 0
	for i, n := 0, seq.Len(); i < n; i++ {
		m.Scores(seq.Features(i, out), scores)
		k := bestIn(scores, ok[prev*m.K:(prev+1)*m.K])
		out = append(out, k)
		seq.Decided(i, k)
		prev = k
	}
	return out
}

// TrainGreedy makes one perceptron pass over seq against the gold classes.
// Each position is decoded as Greedy does but with the gold classes as
// history (teacher forcing): its features see gold[:i] and the constraint
// is checked against gold[i-1]. A wrong class moves the weights of the
// position's features toward the gold class and away from the predicted
// one. Decided is told the predicted class. Every position counts one
// Step; TrainGreedy returns how many were decoded right.
func (t *Trainer) TrainGreedy(seq Sequence, gold []int, allowed Allowed) int {
	scores := make([]float32, t.K)
	var pb [256]bool
	ok := tabulate(pb[:], t.K, allowed)
	right := 0
	prev := 0
	for i, n := 0, seq.Len(); i < n; i++ {
		t.Step()
		feats := seq.Features(i, gold[:i])
		t.Scores(feats, scores)
		k, g := bestIn(scores, ok[prev*t.K:(prev+1)*t.K]), gold[i]
		if k != g {
			t.Adjust(feats, g, 1)
			t.Adjust(feats, k, -1)
		} else {
			right++
		}
		seq.Decided(i, k)
		prev = g
	}
	return right
}

// bestIn is the class with the highest score among the allowed ones (the
// first one on a tie; 0 when none is).
func bestIn(scores []float32, allowed []bool) int {
	best, bestScore := 0, float32(math.Inf(-1))
	allowed = allowed[:len(scores)]
	for k, s := range scores {
		if allowed[k] && s > bestScore {
			best, bestScore = k, s
		}
	}
	return best
}

// tabulate returns the allowed pairs, pair (p, k) at p*K+k, in buf when
// it is large enough: the decoders then ask a table, not a function, for
// every class at every position.
func tabulate(buf []bool, K int, allowed Allowed) []bool {
	ok := buf
	if len(ok) < K*K {
		ok = make([]bool, K*K)
	}
	ok = ok[:K*K]
	for p := 0; p < K; p++ {
		for k := 0; k < K; k++ {
			ok[p*K+k] = allowed == nil || allowed(p, k)
		}
	}
	return ok
}

// Chain is a first-order sequence model over K classes: Emit scores the
// classes of a position, Trans the K×K pairs (previous class, class) of a
// position, pair (p, k) at index p*K+k. Allowed constrains the pairs.
type Chain struct {
	K           int
	Emit, Trans Scorer
	Allowed     Allowed
}

// Viterbi returns the best class sequence for n positions, appended to
// out[:0]: the one with the highest sum, over positions, of the emission
// score of its class and the transition score of (previous class, class),
// among those whose every pair is allowed. The first position counts as
// coming after class 0, transition score included. emit and trans append
// the emission and the transition features of position i to buf.
//
// Ties go to the lowest previous class at each step and to the lowest
// last class, so the result does not depend on anything but the scores.
func (c Chain) Viterbi(n int, emit, trans func(buf []uint64, i int) []uint64, out []int) []int {
	out = out[:0]
	if n == 0 {
		return out
	}
	K := c.K
	score := make([]float32, n*K)
	back := make([]int32, n*K)
	buf := make([]uint64, 0, 32)
	es := make([]float32, K)
	ts := make([]float32, K*K)
	ok := c.pairs()
	for i := 0; i < n; i++ {
		buf = emit(buf[:0], i)
		c.Emit.Scores(buf, es)
		buf = trans(buf[:0], i)
		c.Trans.Scores(buf, ts)
		var prev []float32 // nil at the start
		if i > 0 {
			prev = score[(i-1)*K : i*K]
		}
		step(prev, score[i*K:(i+1)*K], back[i*K:(i+1)*K], es, ts, ok)
	}
	last := score[(n-1)*K : n*K]
	best := 0
	for k := 1; k < K; k++ {
		if last[k] > last[best] {
			best = k
		}
	}
	out = append(out, make([]int, n)...)
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*K+best])
	}
	return out
}

// pairs tabulates Allowed: pair (p, k) at p*K+k.
func (c Chain) pairs() []bool { return tabulate(nil, c.K, c.Allowed) }

// step fills a position's best scores cur and back pointers from the
// previous position's scores prev, or from the start (as after class 0)
// when prev is nil; es are its emission scores, ts its transition scores
// and ok the allowed pairs.
func step(prev, cur []float32, back []int32, es, ts []float32, ok []bool) {
	K := len(cur)
	neg := float32(math.Inf(-1))
	for k := range cur {
		cur[k] = neg
	}
	prevs := K
	if prev == nil {
		prevs = 1
	}
	es, back = es[:K], back[:K]
	for p := 0; p < prevs; p++ {
		base := float32(0)
		if prev != nil {
			if base = prev[p]; base == neg {
				continue
			}
		}
		row, allowed := ts[p*K:(p+1)*K], ok[p*K:(p+1)*K]
		for k := range cur {
			if !allowed[k] {
				continue
			}
			if v := base + es[k] + row[k]; v > cur[k] {
				cur[k], back[k] = v, int32(p)
			}
		}
	}
}
