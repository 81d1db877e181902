package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"

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

// follows[prev][t] says whether tag t may follow tag prev: an I- continues
// a name of the same type, so decoding never emits an invalid sequence.
var follows = func() (f [nTags][nTags]bool) {
	for prev := range f {
		for t := range f[prev] {
			f[prev][t] = t == 0 || Tags[t][0] == 'B' || prev != 0 && Tags[prev][2:] == Tags[t][2:]
		}
	}
	return f
}()

func allowed(prev, t int) bool { return follows[prev][t] }

// Model is the trained tagger: an averaged perceptron over the features
// of features.go, decoded greedily left to right (the features read the
// two previous tags and the document's earlier decisions).
type Model struct {
	p *learn.Model // nTags weights per feature
}

// sentence is one sentence as the greedy decoder sees it (a
// learn.Sequence): its prepared tokens and the document around it.
type sentence struct {
	lx   *lexicon
	toks []token
	dc   *docContext
	buf  []uint64
	// counts, while training, counts the features of the first pass.
	counts map[uint64]int
}

// Len is the number of tokens.
func (s *sentence) Len() int { return len(s.toks) }

// Features are those of token i given the two previous tags (O before the
// sentence).
func (s *sentence) Features(i int, history []int) []uint64 {
	prev, prev2 := 0, 0
	if i > 0 {
		prev = history[i-1]
	}
	if i > 1 {
		prev2 = history[i-2]
	}
	s.buf = s.lx.features(s.buf[:0], s.toks, i, Tags[prev], Tags[prev2], s.dc)
	if s.counts != nil {
		for _, f := range s.buf {
			s.counts[f]++
		}
	}
	return s.buf
}

// Decided keeps the tagger's decision for a capitalised word in the
// document history: the same word later in the document leans the same
// way.
func (s *sentence) Decided(i, tag int) {
	if isCap(s.toks[i].w) {
		s.dc.remember(s.toks[i].lower, tag)
	}
}

// TagDocument labels all sentences of a document with document context.
func (m *Model) TagDocument(sents [][]string) [][]string {
	seq := &sentence{lx: sharedLexicon(), dc: newDocContext(sents), buf: make([]uint64, 0, 64)}
	classes := make([]int, 0, 64)
	out := make([][]string, len(sents))
	for i, words := range sents {
		seq.toks = seq.lx.prepare(seq.toks, words)
		classes = m.p.Greedy(seq, allowed, classes)
		tags := make([]string, len(classes))
		for j, k := range classes {
			tags[j] = Tags[k]
		}
		out[i] = tags
	}
	return out
}

// Features returns the number of features with weights.
func (m *Model) Features() int { return m.p.Features() }

// Save writes the model in learn's format.
func (m *Model) Save(w io.Writer) error { return m.p.Save(w) }

// LoadModel reads a model written by Save.
func LoadModel(r io.Reader) (*Model, error) {
	p, err := learn.Load(r)
	if err != nil {
		return nil, fmt.Errorf("NER model: %w", err)
	}
	if p.K != nTags {
		return nil, fmt.Errorf("NER model: %d classes, want %d", p.K, nTags)
	}
	return &Model{p: p}, nil
}

//go:embed model/ner.bin.gz
var embeddedModel []byte

// embedded is the embedded model, read on first use.
var embedded = learn.NewLazy(func() (*Model, error) { return LoadModel(bytes.NewReader(embeddedModel)) })

// Default is the entity stage with the embedded model.
func Default() (*Recognizer, error) {
	m, err := DefaultModel()
	return New(m), err
}

// DefaultModel returns the embedded model trained on CoNLL-2003 (see
// docs/ner.md for how it is made), read once per process.
func DefaultModel() (*Model, error) { return embedded.Get() }
