package quote

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sync"

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

// scorer is what decoding needs from a model or a trainer.
type scorer interface {
	Scores(feats []uint64, out []float32)
}

// tagger is the two halves of the attribution model: emission scores per
// tag, and transition scores per (previous tag, tag).
type tagger struct {
	emit, trans scorer
}

// viterbi finds the best tag sequence for a prepared paragraph under the
// first-order model, within the BIO constraints.
func viterbi(m tagger, toks []ptok, out []int) []int {
	n := len(toks)
	out = out[:0]
	if n == 0 {
		return out
	}
	const K = nAttrTags
	score := make([][K]float32, n)
	back := make([][K]int8, n)
	buf := make([]uint64, 0, 32)
	emit := make([]float32, K)
	trans := make([]float32, K*K)
	neg := float32(math.Inf(-1))
	for i := 0; i < n; i++ {
		buf = emitFeatures(buf[:0], toks, i)
		m.emit.Scores(buf, emit)
		buf = transFeatures(buf[:0], toks, i)
		m.trans.Scores(buf, trans)
		for t := 0; t < K; t++ {
			score[i][t] = neg
		}
		prevs := K
		if i == 0 {
			prevs = 1 // the start: as after O
		}
		for p := 0; p < prevs; p++ {
			base := float32(0)
			if i > 0 {
				if score[i-1][p] == neg {
					continue
				}
				base = score[i-1][p]
			}
			row := trans[p*K : (p+1)*K]
			for t := 0; t < K; t++ {
				if !attrAllowed(p, t) {
					continue
				}
				if v := base + emit[t] + row[t]; v > score[i][t] {
					score[i][t], back[i][t] = v, int8(p)
				}
			}
		}
	}
	best := 0
	for t := 1; t < K; t++ {
		if score[n-1][t] > score[n-1][best] {
			best = t
		}
	}
	for i := 0; i < n; i++ {
		out = append(out, 0)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i][best])
	}
	return out
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

var (
	attribOnce  sync.Once
	attribModel *AttributionModel
	attribErr   error
)

// DefaultAttributionModel is the embedded tagger, loaded once.
func DefaultAttributionModel() (*AttributionModel, error) {
	attribOnce.Do(func() {
		attribModel, attribErr = LoadAttributionModel(bytes.NewReader(embeddedAttrib))
	})
	return attribModel, attribErr
}
