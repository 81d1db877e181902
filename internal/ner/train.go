package ner

import (
	"math"
	"math/rand"
	"slices"

	"github.com/storyline-news/storyline/internal/learn"
)

// TrainOptions control training.
type TrainOptions struct {
	Iterations int
	Seed       int64
	// MinCount drops features seen fewer times in the first pass over the
	// training data (model size).
	MinCount int
	// Progress, if set, is called after each iteration with its accuracy
	// on the training data.
	Progress func(iter int, acc float64)
}

// minWeight: a feature whose averaged weights are all this small or
// smaller says nothing worth storing.
const minWeight = 1e-4

// trainDoc is a training document: its sentences prepared for the
// tagger, their gold tags and the document context.
type trainDoc struct {
	toks [][]token
	gold [][]int
	dc   *docContext
}

func prepareTraining(lx *lexicon, d Document) trainDoc {
	sents := make([][]string, len(d.Sentences))
	for j, s := range d.Sentences {
		sents[j] = s.Words
	}
	td := trainDoc{dc: newDocContext(sents)}
	for _, s := range d.Sentences {
		td.toks = append(td.toks, lx.prepare(nil, s.Words))
		gold := make([]int, len(s.Tags))
		for k, t := range s.Tags {
			gold[k] = tagIndex[t]
		}
		td.gold = append(td.gold, gold)
	}
	return td
}

// Train learns a model from documents: an averaged perceptron, decoded as
// the tagger decodes but with the gold tags as history, over the
// documents shuffled each iteration with a fixed seed so runs are
// reproducible. The document history holds the tagger's own decisions,
// as it will when tagging new text.
func Train(docs []Document, opt TrainOptions) *Model {
	if opt.Iterations <= 0 {
		opt.Iterations = 8
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	lx := sharedLexicon()
	data := make([]trainDoc, len(docs))
	for i, d := range docs {
		data[i] = prepareTraining(lx, d)
	}
	tr := learn.NewTrainer(nTags)
	seen := map[uint64]int{}
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	seq := &sentence{lx: lx, buf: make([]uint64, 0, 64), counts: seen}
	for it := 1; it <= opt.Iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, di := range order {
			d := data[di]
			d.dc.reset()
			seq.dc = d.dc
			for si, toks := range d.toks {
				seq.toks = toks
				right += tr.TrainGreedy(seq, d.gold[si], allowed)
				total += len(toks)
			}
		}
		seq.counts = nil // counts are of the first pass
		if opt.Progress != nil {
			opt.Progress(it, float64(right)/float64(total))
		}
	}
	return &Model{p: tr.Average(func(f uint64, w []float32) bool {
		return seen[f] >= opt.MinCount && slices.ContainsFunc(w, func(x float32) bool { return math.Abs(float64(x)) > minWeight })
	})}
}
