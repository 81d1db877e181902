// Package learn is an averaged perceptron over hashed features, for the
// project's sequence taggers: small, fast to apply, and trained by the
// project's own commands from public data.
package learn

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

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

// Model scores K classes from a bag of hashed features.
type Model struct {
	K int
	w *Table
}

// Scores adds into out (length K) the weights of feats.
func (m *Model) Scores(feats []uint64, out []float32) {
	for i := range out {
		out[i] = 0
	}
	for _, f := range feats {
		w := m.w.Get(f)
		if w == nil {
			continue
		}
		o := out[:len(w)] // one bounds check, not one per class
		for k, x := range w {
			o[k] += x
		}
	}
}

// Features is the number of features with weights.
func (m *Model) Features() int { return m.w.Len() }

// Trainer accumulates perceptron updates and their running averages.
type Trainer struct {
	K      int
	step   int
	w      map[uint64]*acc
	counts map[uint64]int
}

type acc struct {
	w, total []float32
	stamp    []int
}

// NewTrainer returns a trainer for k classes.
func NewTrainer(k int) *Trainer {
	return &Trainer{K: k, w: map[uint64]*acc{}, counts: map[uint64]int{}}
}

// Scores gives the current (not averaged) scores, for decoding while
// training.
func (t *Trainer) Scores(feats []uint64, out []float32) {
	for i := range out {
		out[i] = 0
	}
	for _, f := range feats {
		if a, ok := t.w[f]; ok {
			for k, x := range a.w {
				out[k] += x
			}
		}
	}
}

func (t *Trainer) add(f uint64, k int, v float32) {
	a := t.w[f]
	if a == nil {
		a = &acc{w: make([]float32, t.K), total: make([]float32, t.K), stamp: make([]int, t.K)}
		t.w[f] = a
	}
	a.total[k] += float32(t.step-a.stamp[k]) * a.w[k]
	a.stamp[k] = t.step
	a.w[k] += v
}

// Step counts one training example (for averaging); call it once per
// example before Adjust.
func (t *Trainer) Step() { t.step++ }

// Adjust adds v to the weight of class k for feats (a structured update
// moves the gold path's features up and the predicted path's down).
func (t *Trainer) Adjust(feats []uint64, k int, v float32) {
	for _, f := range feats {
		t.counts[f]++
		t.add(f, k, v)
	}
}

// Model returns the averaged model, keeping features seen at least
// minCount times.
func (t *Trainer) Model(minCount int) *Model {
	m := &Model{K: t.K, w: NewTable(t.K, len(t.w))}
	w := make([]float32, t.K)
	for f, a := range t.w {
		if t.counts[f] < minCount {
			continue
		}
		nonzero := false
		for k := range w {
			total := a.total[k] + float32(t.step-a.stamp[k])*a.w[k]
			w[k] = total / float32(max(t.step, 1))
			if w[k] != 0 {
				nonzero = true
			}
		}
		if nonzero {
			copy(m.w.Put(f), w)
		}
	}
	return m
}

const magic = "SLPERC1\n"

// Save writes the model gzip-compressed, weights quantised to int16 with
// one scale for the whole model (small enough to embed).
func (m *Model) Save(w io.Writer) error {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	var maxAbs float32
	for _, x := range m.w.vals {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(m.K))
	binary.Write(bw, binary.LittleEndian, uint32(m.w.Len()))
	binary.Write(bw, binary.LittleEndian, scale)
	// Sorted keys: the same model always makes the same bytes.
	q := make([]int16, m.K)
	for _, f := range m.w.Keys() {
		ws := m.w.Get(f)
		for k, x := range ws {
			q[k] = int16(math.Round(float64(x / scale)))
		}
		binary.Write(bw, binary.LittleEndian, f)
		if err := binary.Write(bw, binary.LittleEndian, q); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	// One model per gzip member, so several can follow each other in one
	// file (read them from one io.ByteReader, such as a bufio.Reader).
	zr.Multistream(false)
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("perceptron model: not a Storyline model file")
	}
	var k, n uint32
	var scale float32
	for _, v := range []any{&k, &n, &scale} {
		if err := binary.Read(br, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("perceptron model: header: %w", err)
		}
	}
	if k == 0 || k > 256 || n > 1<<26 {
		return nil, fmt.Errorf("perceptron model: implausible header (%d classes, %d features)", k, n)
	}
	m := &Model{K: int(k), w: NewTable(int(k), min(int(n), 1<<20))} // a corrupt header must not allocate gigabytes
	q := make([]int16, k)
	for i := uint32(0); i < n; i++ {
		var f uint64
		if err := binary.Read(br, binary.LittleEndian, &f); err != nil {
			return nil, fmt.Errorf("perceptron model: feature %d: %w", i, err)
		}
		if err := binary.Read(br, binary.LittleEndian, q); err != nil {
			return nil, fmt.Errorf("perceptron model: feature %d: %w", i, err)
		}
		ws := m.w.Put(f)
		for j, x := range q {
			ws[j] = float32(x) * scale
		}
	}
	// Read to the member's end (its checksum) so the next model starts
	// where this one ends.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	return m, nil
}
