// Package ner finds named entities in a document: people, organisations,
// geo-political entities, locations, nationalities, facilities and events,
// with the titles and roles written next to people ("US Secretary of State
// John Kerry" gives PERSON "John Kerry" described as "US Secretary of
// State").
//
// This first version works from capitalisation, gazetteers (countries,
// subdivisions and cities from Go modules; demonyms, titles and organisation
// head words written here) and context rules. It never emits a mention inside
// a credit line and never takes a capitalised common word at the start of a
// sentence for a name.
package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

// unit is a word as the tagger sees it: a token with a possessive "'s"
// removed, or one piece of a hyphenated compound ("U.S.-led" gives "U.S.").
type unit struct {
	doc.Span
	text       string
	lower      string // text in lower case
	tok        int
	sent       int
	initial    bool // first word of its sentence
	possessive bool // "'s" followed: a name ends here
	split      bool // piece of a hyphenated compound: does not join the next unit
	cap        bool
	allCaps    bool
}

// Recognizer is the entity stage. It holds the trained tagger it applies
// (if any) and is safe for concurrent use: each Run keeps its state in
// values of its own.
type Recognizer struct {
	model *Model
}

// New returns the entity stage applying m. A nil m asks for the rules
// alone (gazetteers, capitalisation, context), without the trained tagger.
func New(m *Model) *Recognizer { return &Recognizer{model: m} }

// Run adds entity mentions to d. It needs tokens and sentences.
func (r *Recognizer) Run(d *doc.Doc) {
	t := &tagger{lexicon: sharedLexicon(), d: d}
	t.units = t.buildUnits(d)
	if r.model != nil {
		t.applyModel(r.model)
	}
	t.seenMid = map[string]bool{}
	for _, u := range t.units {
		if u.cap && !u.initial {
			t.seenMid[u.lower] = true
		}
	}
	t.tag()
	d.Mentions = t.mentions
}

// tagger is one Run's state over one document. It reads the lexicon
// (shared by every Run, never written).
type tagger struct {
	*lexicon
	d     *doc.Doc
	units []unit
	// With a model: for each unit, the model span covering it (-1 none)
	// and the spans' CoNLL types.
	model     bool
	hint      []int
	hintTypes []conllType
	seenMid   map[string]bool
	mentions  []doc.Mention
	// pending singletons decided once all full names are known
	singles   []pendingSingle
	lowerSeen map[string]bool
}

type pendingSingle struct {
	u       unit
	idx     int // index in units
	initial bool
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
