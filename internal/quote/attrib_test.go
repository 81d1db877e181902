package quote

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

// pathScore is the model score of a tag sequence.
func pathScore(m tagger, toks []ptok, tags []int) float32 {
	var total float32
	buf := make([]uint64, 0, 32)
	em := make([]float32, nAttrTags)
	tr := make([]float32, nAttrTags*nAttrTags)
	prev := tO
	for i := range toks {
		buf = emitFeatures(buf[:0], toks, i)
		m.emit.Scores(buf, em)
		buf = transFeatures(buf[:0], toks, i)
		m.trans.Scores(buf, tr)
		total += em[tags[i]] + tr[prev*nAttrTags+tags[i]]
		prev = tags[i]
	}
	return total
}

// TestViterbiIsOptimal checks the decoder against random valid tag
// sequences: none may score higher than the one it returns.
func TestViterbiIsOptimal(t *testing.T) {
	m, err := DefaultAttributionModel()
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Doc{Text: `"We will rebuild the wall before winter," the mayor told reporters, adding that the city had asked for money in 2023.`}
	segment.Run(d)
	testEntities.Run(d)
	toks := prepare(d, window{0, len(d.Tokens)})
	best := viterbi(m.tagger(), toks, nil)
	bs := pathScore(m.tagger(), toks, best)
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		tags := make([]int, len(toks))
		prev := tO
		for i := range tags {
			for {
				k := rng.Intn(nAttrTags)
				if attrAllowed(prev, k) {
					tags[i] = k
					break
				}
			}
			prev = tags[i]
		}
		if s := pathScore(m.tagger(), toks, tags); s > bs+1e-3 {
			t.Fatalf("random path %v scores %.3f > viterbi %v %.3f", tags, s, best, bs)
		}
	}
}

// TestTaggedAttribution checks the trained tagger on constructions it must
// get: a direct quote with a named speaker, reported speech with "that",
// and "according to".
func TestTaggedAttribution(t *testing.T) {
	tests := []struct {
		text, content, source string
	}{
		{`"We will rebuild the wall before winter," Mayor Anna Berg told reporters on Monday.`, "We will rebuild the wall before winter", "Anna Berg"},
		{`The finance minister said on Tuesday that the budget would be cut by a tenth next year.`, "the budget would be cut by a tenth next year", "The finance minister"},
		{`More than 40 people were injured in the blast, according to the regional health office.`, "More than 40 people were injured in the blast", "the regional health office"},
	}
	m, err := DefaultAttributionModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		d := &doc.Doc{Text: tt.text}
		segment.Run(d)
		testEntities.Run(d)
		q := newQuoter(d)
		found := false
		for _, qt := range q.tagged(m) {
			src := d.Text[qt.Source.Start:qt.Source.End]
			if qt.Text == tt.content || len(qt.Text) > 0 && strings.Contains(qt.Text, tt.content) {
				found = true
				if !strings.Contains(src, tt.source) && !strings.Contains(tt.source, src) || src == "" {
					t.Errorf("%q: source %q, want %q", tt.text, src, tt.source)
				}
			}
		}
		if !found {
			t.Errorf("%q: no attribution with content %q (got %+v)", tt.text, tt.content, q.tagged(m))
		}
	}
}
