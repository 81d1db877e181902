package quote

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"

	"github.com/storyline-news/storyline/internal/learn"
)

// The attribution tagger labels each token of a paragraph as part of a
// source (who), a cue (the reporting words) or a content (what was said),
// in BIO form: O, B-SRC, I-SRC, B-CUE, I-CUE, B-CON, I-CON. It is trained
// on PolNeAR (`storyline train quotes`), whose attributions cover direct
// and indirect speech, beliefs and reports ("a poll shows that",
// "according to"). This file holds the tags, the decoder and the model.
const (
	tO = iota
	tBSrc
	tISrc
	tBCue
	tICue
	tBCon
	tICon
	nAttrTags
)

// attrAllowed: an I- tag continues a span of its own kind.
func attrAllowed(prev, t int) bool {
	switch t {
	case tISrc:
		return prev == tBSrc || prev == tISrc
	case tICue:
		return prev == tBCue || prev == tICue
	case tICon:
		return prev == tBCon || prev == tICon
	}
	return true
}

// tagger is the two halves of the attribution model: emission scores per
// tag, and transition scores per (previous tag, tag). A model and a
// trainer both score.
type tagger struct {
	emit, trans learn.Scorer
}

// viterbi finds the best tag sequence for a prepared paragraph under the
// first-order model, within the BIO constraints (learn's decoder).
func viterbi(m tagger, toks []ptok, out []int) []int {
	c := learn.Chain{K: nAttrTags, Emit: m.emit, Trans: m.trans, Allowed: attrAllowed}
	return c.Viterbi(len(toks), func(b []uint64, i int) []uint64 { return emitFeatures(b, toks, i) },
		func(b []uint64, i int) []uint64 { return transFeatures(b, toks, i) }, out)
}

//go:embed model/attrib.bin.gz
var embeddedAttrib []byte

// AttributionModel is the trained tagger: emission weights per tag, and
// transition weights per (previous tag, tag).
type AttributionModel struct {
	Emit, Trans *learn.Model
}

// Features is the number of features with weights.
func (m *AttributionModel) Features() int { return m.Emit.Features() + m.Trans.Features() }

// Save writes both halves, one gzip member each.
func (m *AttributionModel) Save(w io.Writer) error {
	if err := m.Emit.Save(w); err != nil {
		return err
	}
	return m.Trans.Save(w)
}

// LoadAttributionModel reads a model written by Save.
func LoadAttributionModel(r io.Reader) (*AttributionModel, error) {
	br := bufio.NewReader(r)
	emit, err := learn.Load(br)
	if err != nil {
		return nil, fmt.Errorf("attribution model, emission weights: %w", err)
	}
	trans, err := learn.Load(br)
	if err != nil {
		return nil, fmt.Errorf("attribution model, transition weights: %w", err)
	}
	if emit.K != nAttrTags || trans.K != nAttrTags*nAttrTags {
		return nil, fmt.Errorf("attribution model: %d and %d classes, want %d and %d", emit.K, trans.K, nAttrTags, nAttrTags*nAttrTags)
	}
	return &AttributionModel{Emit: emit, Trans: trans}, nil
}

func (m *AttributionModel) tagger() tagger { return tagger{m.Emit, m.Trans} }

// embedded is the embedded tagger, read on first use.
var embedded = learn.NewLazy(func() (*AttributionModel, error) { return LoadAttributionModel(bytes.NewReader(embeddedAttrib)) })

// Default is the quote stage with the embedded attribution tagger.
func Default() (*Quoter, error) {
	m, err := DefaultAttributionModel()
	return New(m), err
}

// DefaultAttributionModel is the embedded tagger, read once per process.
func DefaultAttributionModel() (*AttributionModel, error) { return embedded.Get() }
