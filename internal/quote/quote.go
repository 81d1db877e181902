// Package quote finds direct and indirect quotations and attributes each to
// a speaker: a named mention in the sentence, a pronoun resolved to the
// latest subject, or a nominal ("the top diplomat") resolved through the
// titles the entity stage recorded. It never invents a speaker: when it
// cannot tell, the speaker stays unknown.
//
// The stage has two halves whose quotes it merges: hand-written rules
// (rules.go: quotation marks, "X said (that) …") and a trained tagger
// (tagger.go, trained by train.go; the model and its decoder are in
// attrib.go). Both ask speaker.go who a source names.
package quote

import (
	"sort"

	"github.com/storyline-news/storyline/internal/doc"
)

// Quoter is the quote stage. It holds the trained attribution tagger it
// applies (if any) and is safe for concurrent use.
type Quoter struct {
	model *AttributionModel
}

// New returns the quote stage. With a model, the trained tagger's
// attributions are merged with the rules' quotes; a nil model asks for the
// rules alone.
func New(m *AttributionModel) *Quoter { return &Quoter{model: m} }

// Run adds quotes to d. It needs sentences, paragraphs and mentions.
func (qt *Quoter) Run(d *doc.Doc) {
	q := newQuoter(d)
	d.Quotes = d.Quotes[:0]
	q.rules()
	if qt.model == nil {
		return // the rules' quotes stand alone
	}
	d.Quotes = merge(q.tagged(qt.model), d.Quotes)
	sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Start < d.Quotes[j].Start })
}

// notComputed marks a sentence whose subject is not known yet.
const notComputed = -2

// quoter is one document's pass through the stage: the document and what
// it learns of each sentence on the way.
type quoter struct {
	d         *doc.Doc
	sentences []window // per sentence: its tokens
	subjects  []int    // per sentence: mention index of its subject, -1 none, notComputed
}

func newQuoter(d *doc.Doc) *quoter {
	q := &quoter{d: d, sentences: sentenceWindows(d), subjects: make([]int, len(d.Sentences))}
	for i := range q.subjects {
		q.subjects[i] = notComputed
	}
	return q
}

// window is a run of tokens [lo, hi) of the document: a sentence's, a
// paragraph's, or the few tokens a rule looks at around a word. Rules
// read tokens through windows so that each says which it reads.
type window struct{ lo, hi int }

// noTokens is the window of a sentence without tokens.
var noTokens = window{-1, -1}

func (w window) len() int { return w.hi - w.lo }

// before is the window of the (at most) n tokens of w before token k.
func (w window) before(k, n int) window { return window{max(w.lo, k-n), k} }

// after is the window of the (at most) n tokens of w after token k.
func (w window) after(k, n int) window { return window{k + 1, min(w.hi, k+1+n)} }

// from is the window of the (at most) n tokens of w from token k on.
func (w window) from(k, n int) window { return window{k, min(w.hi, k+n)} }

// sentenceWindows finds each sentence's tokens: the first run of tokens
// that belong to it (noTokens when none does).
func sentenceWindows(d *doc.Doc) []window {
	ws := make([]window, len(d.Sentences))
	for i := range ws {
		ws[i] = noTokens
	}
	for i := 0; i < len(d.Tokens); {
		si, j := d.Tokens[i].Sentence, i+1
		for j < len(d.Tokens) && d.Tokens[j].Sentence == si {
			j++
		}
		if si >= 0 && si < len(ws) && ws[si] == noTokens {
			ws[si] = window{i, j}
		}
		i = j
	}
	return ws
}

// sentence is the window of sentence si's tokens.
func (q *quoter) sentence(si int) window {
	if si < 0 || si >= len(q.sentences) {
		return noTokens
	}
	return q.sentences[si]
}

// text is token k as written.
func (q *quoter) text(k int) string {
	t := q.d.Tokens[k]
	return q.d.Text[t.Start:t.End]
}

// lower is token k in lower case.
func (q *quoter) lower(k int) string { return q.d.Tokens[k].Lower }

// span is the byte range of tokens [w.lo, w.hi).
func (q *quoter) span(w window) doc.Span {
	return doc.Span{Start: q.d.Tokens[w.lo].Start, End: q.d.Tokens[w.hi-1].End}
}

// paragraphWindows returns the tokens of each paragraph that has any.
func paragraphWindows(d *doc.Doc) []window {
	var out []window
	k := 0
	for _, p := range d.Paragraphs {
		for k < len(d.Tokens) && d.Tokens[k].Start < p.Start {
			k++
		}
		lo := k
		for k < len(d.Tokens) && d.Tokens[k].End <= p.End {
			k++
		}
		if k > lo {
			out = append(out, window{lo, k})
		}
	}
	return out
}
