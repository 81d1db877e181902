package quote

import (
	"math/rand"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/learn"
)

// Training the attribution tagger (`storyline train quotes`): gold tags
// from attribution ranges, then an averaged perceptron over paragraphs.

// TrainDoc is a document (segmented, with entity mentions) and the gold
// role of each token: one of the tags (tO, tBSrc, …, tICon).
type TrainDoc struct {
	Doc  *doc.Doc
	Tags []int
}

// TagBCue and TagICue are the tags of cue tokens (for training tools).
const (
	TagBCue = tBCue
	TagICue = tICue
)

// GoldTags labels d's tokens from attributions given as byte ranges.
// roles[i] holds the source, cue and content ranges of attribution i.
func GoldTags(d *doc.Doc, roles [][3][]doc.Span) []int {
	tags := make([]int, len(d.Tokens))
	owner := make([]int, len(d.Tokens))
	for i, t := range d.Tokens {
		owner[i] = -1
		for a, r := range roles {
			for part, spans := range r {
				for _, s := range spans {
					if t.Start >= s.Start && t.Start < s.End {
						tags[i] = 1 + 2*part // B of its part; fixed to I below
						owner[i] = a
					}
				}
			}
		}
	}
	for i := range tags {
		if tags[i] != tO && i > 0 && owner[i] == owner[i-1] && (tags[i-1] == tags[i] || tags[i-1] == tags[i]+1) &&
			d.Tokens[i-1].End >= d.Tokens[i].Start-2 {
			tags[i]++ // continues the span: I-
		}
	}
	return tags
}

// TrainOptions control training of the attribution tagger.
type TrainOptions struct {
	Iterations int
	Seed       int64
	MinCount   int
	Progress   func(iter int, acc float64)
}

// trainPara is one paragraph to learn from: its prepared tokens and their
// gold tags.
type trainPara struct {
	toks []ptok
	gold []int
}

// TrainAttributions learns the attribution tagger (averaged perceptron,
// Viterbi decoding of each paragraph under the weights so far).
func TrainAttributions(docs []TrainDoc, opt TrainOptions) *AttributionModel {
	if opt.Iterations <= 0 {
		opt.Iterations = 10
	}
	var paras []trainPara
	for _, td := range docs {
		for _, p := range paragraphWindows(td.Doc) {
			paras = append(paras, trainPara{prepare(td.Doc, p), td.Tags[p.lo:p.hi]})
		}
	}
	t := &trainer{em: learn.NewTrainer(nAttrTags), tr: learn.NewTrainer(nAttrTags * nAttrTags), buf: make([]uint64, 0, 32)}
	rng := rand.New(rand.NewSource(opt.Seed))
	for it := 1; it <= opt.Iterations; it++ {
		rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
		t.right, t.all = 0, 0
		for _, p := range paras {
			t.learn(p)
		}
		if opt.Progress != nil {
			opt.Progress(it, float64(t.right)/float64(max(t.all, 1)))
		}
	}
	return &AttributionModel{Emit: t.em.Model(max(opt.MinCount, 1)), Trans: t.tr.Model(max(opt.MinCount, 1))}
}

// trainer is the state of one training run: the emission and transition
// weights, buffers, and the count of tokens tagged right in this pass.
type trainer struct {
	em, tr     *learn.Trainer
	buf        []uint64
	pred       []int
	right, all int
}

// learn tags paragraph p with the current weights and moves them towards
// its gold tags where the prediction differs.
func (t *trainer) learn(p trainPara) {
	t.pred = viterbi(tagger{t.em, t.tr}, p.toks, t.pred)
	t.em.Step()
	t.tr.Step()
	for i := range p.toks {
		g, q := p.gold[i], t.pred[i]
		gp, qp := tO, tO
		if i > 0 {
			gp, qp = p.gold[i-1], t.pred[i-1]
		}
		if g == q {
			t.right++
		}
		t.all++
		if g == q && gp == qp {
			continue
		}
		if g != q {
			t.buf = emitFeatures(t.buf[:0], p.toks, i)
			t.em.Adjust(t.buf, g, 1)
			t.em.Adjust(t.buf, q, -1)
		}
		t.buf = transFeatures(t.buf[:0], p.toks, i)
		t.tr.Adjust(t.buf, gp*nAttrTags+g, 1)
		t.tr.Adjust(t.buf, qp*nAttrTags+q, -1)
	}
}

// FunctionWord reports words too common to signal a cue by themselves
// ("to" in "according to", "has" in "has said").
func FunctionWord(w string) bool {
	switch w {
	case "to", "the", "a", "an", "in", "on", "for", "of", "is", "are", "was", "were", "has", "have", "had", "be", "been", "also",
		"that", "and", "it", "as", "with", "by", "at", "not", "would", "will", "his", "her", "their", "its", "he", "she", "they", ",", ".":
		return true
	}
	return false
}
