package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sync"

	"github.com/storyline-news/storyline/internal/learn"
)

// Tags are the classes of the sequence tagger: BIO over CoNLL-2003's four
// types. Finer types (GPE, NORP, FAC, EVENT) come from the gazetteers and
// head words after tagging.
var Tags = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const nTags = 9

var tagIndex = func() map[string]int {
	m := map[string]int{}
	for i, t := range Tags {
		m[t] = i
	}
	return m
}()

// allowed reports whether tag t may follow tag prev: an I- continues a name
// of the same type, so decoding never emits an invalid sequence.
func allowed(prev, t int) bool {
	if t == 0 || Tags[t][0] == 'B' {
		return true
	}
	return prev != 0 && Tags[prev][2:] == Tags[t][2:]
}

// Model is an averaged perceptron over hashed features.
type Model struct {
	w *learn.Table // nTags weights per feature
}

// Tag labels a sentence (greedy, left to right, constrained).
func (m *Model) Tag(words []string, dc *docContext) []string {
	toks := prepare(words)
	tags := make([]string, len(words))
	buf := make([]uint64, 0, 64)
	prev, prev2 := 0, 0
	for i := range toks {
		buf = features(buf[:0], toks, i, Tags[prev], Tags[prev2], dc)
		var scores [nTags]float32
		for _, f := range buf {
			if w := m.w.Get(f); w != nil {
				w := (*[nTags]float32)(w)
				for k := 0; k < nTags; k++ {
					scores[k] += w[k]
				}
			}
		}
		best := 0
		bestScore := float32(math.Inf(-1))
		for k := 0; k < nTags; k++ {
			if allowed(prev, k) && scores[k] > bestScore {
				best, bestScore = k, scores[k]
			}
		}
		tags[i] = Tags[best]
		if isCap(toks[i].w) {
			dc.remember(toks[i].lower, best)
		}
		prev2, prev = prev, best
	}
	return tags
}

// TagDocument labels all sentences of a document with document context.
func (m *Model) TagDocument(sents [][]string) [][]string {
	dc := newDocContext(sents)
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = m.Tag(s, dc)
	}
	return out
}

// TrainOptions control training.
type TrainOptions struct {
	Iterations int
	Seed       int64
	// MinCount drops features seen fewer times in training (model size).
	MinCount int
	// Progress, if set, is called after each iteration with its accuracy
	// on the training data.
	Progress func(iter int, acc float64)
}

// Train learns a model from documents (averaged perceptron, shuffled each
// iteration with a fixed seed so runs are reproducible).
func Train(docs []Document, opt TrainOptions) *Model {
	if opt.Iterations <= 0 {
		opt.Iterations = 8
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	type acc struct {
		w, total [nTags]float32
		stamp    [nTags]int
	}
	weights := map[uint64]*acc{}
	counts := map[uint64]int{}
	step := 0
	update := func(f uint64, k int, v float32) {
		a := weights[f]
		if a == nil {
			a = &acc{}
			weights[f] = a
		}
		a.total[k] += float32(step-a.stamp[k]) * a.w[k]
		a.stamp[k] = step
		a.w[k] += v
	}
	// Documents with their prepared sentences and context.
	type prepared struct {
		toks [][]token
		tags [][]int
		dc   *docContext
	}
	data := make([]prepared, len(docs))
	for i, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for j, s := range d.Sentences {
			sents[j] = s.Words
		}
		p := prepared{dc: newDocContext(sents)}
		for _, s := range d.Sentences {
			p.toks = append(p.toks, prepare(s.Words))
			ti := make([]int, len(s.Tags))
			for k, t := range s.Tags {
				ti[k] = tagIndex[t]
			}
			p.tags = append(p.tags, ti)
		}
		data[i] = p
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	buf := make([]uint64, 0, 64)
	for it := 1; it <= opt.Iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, di := range order {
			p := data[di]
			p.dc.reset()
			for si, toks := range p.toks {
				gold := p.tags[si]
				prev, prev2 := 0, 0
				for i := range toks {
					step++
					buf = features(buf[:0], toks, i, Tags[prev], Tags[prev2], p.dc)
					var scores [nTags]float32
					for _, f := range buf {
						if it == 1 {
							counts[f]++
						}
						if a := weights[f]; a != nil {
							for k := 0; k < nTags; k++ {
								scores[k] += a.w[k]
							}
						}
					}
					best := 0
					bestScore := float32(math.Inf(-1))
					for k := 0; k < nTags; k++ {
						if allowed(prev, k) && scores[k] > bestScore {
							best, bestScore = k, scores[k]
						}
					}
					g := gold[i]
					if best != g {
						for _, f := range buf {
							update(f, g, 1)
							update(f, best, -1)
						}
					} else {
						correct++
					}
					total++
					if isCap(toks[i].w) {
						// The document history holds the tagger's own
						// decisions, as it will when tagging new text.
						p.dc.remember(toks[i].lower, best)
					}
					// Train on the gold history (teacher forcing).
					prev2, prev = prev, g
				}
			}
		}
		if opt.Progress != nil {
			opt.Progress(it, float64(correct)/float64(total))
		}
	}
	m := &Model{w: learn.NewTable(nTags, len(weights))}
	for f, a := range weights {
		if counts[f] < opt.MinCount {
			continue
		}
		var avg [nTags]float32
		nonzero := false
		for k := 0; k < nTags; k++ {
			t := a.total[k] + float32(step-a.stamp[k])*a.w[k]
			avg[k] = t / float32(step)
			if math.Abs(float64(avg[k])) > 1e-4 {
				nonzero = true
			}
		}
		if nonzero {
			copy(m.w.Put(f), avg[:])
		}
	}
	return m
}

// Features returns the number of features with weights.
func (m *Model) Features() int { return m.w.Len() }

const modelMagic = "SLNER1\n"

// Save writes the model: gzip of a header, then per feature its hash, a
// bit mask of the classes with weights, and those weights as int16 scaled
// by a common factor.
func (m *Model) Save(w io.Writer) error {
	var maxAbs float32
	for _, k := range m.w.Keys() {
		for _, x := range m.w.Get(k) {
			maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := float32(32767) / maxAbs
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	binary.Write(bw, binary.LittleEndian, scale)
	binary.Write(bw, binary.LittleEndian, uint32(m.w.Len()))
	for _, k := range m.w.Keys() {
		v := m.w.Get(k)
		var mask uint16
		var qs [nTags]int16
		for c := 0; c < nTags; c++ {
			q := int16(math.Round(float64(v[c] * scale)))
			if q != 0 {
				mask |= 1 << c
				qs[c] = q
			}
		}
		binary.Write(bw, binary.LittleEndian, k)
		binary.Write(bw, binary.LittleEndian, mask)
		for c := 0; c < nTags; c++ {
			if mask&(1<<c) != 0 {
				binary.Write(bw, binary.LittleEndian, qs[c])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// LoadModel reads a model written by Save.
func LoadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("not a Storyline NER model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("not a Storyline NER model (bad header)")
	}
	var scale float32
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	if n > 50_000_000 || scale <= 0 {
		return nil, errors.New("corrupt NER model header")
	}
	m := &Model{w: learn.NewTable(nTags, min(int(n), 1<<20))} // a corrupt header must not allocate gigabytes
	for i := uint32(0); i < n; i++ {
		var k uint64
		var mask uint16
		if err := binary.Read(br, binary.LittleEndian, &k); err != nil {
			return nil, fmt.Errorf("truncated NER model: %w", err)
		}
		w := m.w.Put(k)
		if err := binary.Read(br, binary.LittleEndian, &mask); err != nil {
			return nil, fmt.Errorf("truncated NER model: %w", err)
		}
		for c := 0; c < nTags; c++ {
			if mask&(1<<c) != 0 {
				var q int16
				if err := binary.Read(br, binary.LittleEndian, &q); err != nil {
					return nil, fmt.Errorf("truncated NER model: %w", err)
				}
				w[c] = float32(q) / scale
			}
		}
	}
	return m, nil
}

//go:embed model/ner.bin.gz
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// DefaultModel returns the embedded model trained on CoNLL-2003 (see
// docs/ner.md for how it is made).
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = LoadModel(bytes.NewReader(embeddedModel))
	})
	return defaultModel, defaultErr
}
