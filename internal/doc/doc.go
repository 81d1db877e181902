// Package doc holds one article and the stand-off annotation layers that the
// per-document stages add to it. Every layer refers to the cleaned Text by
// byte offsets, so no stage ever re-tokenises or copies the text: a stage reads
// the layers it depends on and appends its own.
package doc

import "slices"

// Span is a half-open byte range [Start, End) into Doc.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether the two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Token is one word or punctuation mark.
type Token struct {
	Span
	// Sentence is the index of the sentence holding the token.
	Sentence int
}

// Credit is a line that credits a photographer, an agency or the outlet, or
// a photo caption. Credits are kept in the text (offsets stay valid) but no
// stage treats them as reporting.
type Credit struct {
	Span
	Kind   string // "source", "photo", "caption"
	Outlet string // the outlet or agency named, if any
}

// Mention is one entity mention found by the entity stage.
type Mention struct {
	Span
	Text string
	Type string // PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, MISC
	// Key groups mentions of the same entity inside the document
	// ("John Kerry", "Kerry"); it is the fullest name seen.
	Key string
	// Description is a title or role written next to the mention
	// ("US Secretary of State").
	Description string
}

// Time is one temporal expression.
type Time struct {
	Span
	Text   string
	Type   string // DATE, TIME, DURATION, SET
	Value  string // TIMEX3 value
	Anchor string // what it was resolved against
}

// Quote is one direct or indirect quotation.
type Quote struct {
	Span
	Text        string // the quoted words
	Speaker     int    // index into Mentions, -1 when unknown
	SpeakerName string
	Direct      bool
	Cue         string // the reporting verb
	CueSpan     Span   // where the reporting verb is; empty when none
	// Source is the words that say who speaks, as written where the quote
	// is ("he", "a senior official", "the top diplomat"); empty when the
	// text does not say. Speaker is who they resolve to.
	Source Span
}

// Quantity is one numeric claim.
type Quantity struct {
	Span              // the whole clause
	NumSpan      Span // the number itself
	Value        float64
	Approximate  bool
	What         string
	Event        string
	Place        int // index into Mentions, -1 when none
	Since        string
	Time         string // TIMEX3 value the figure refers to, if stated
	AttributedTo int    // index into Mentions, -1 when none
	AttrName     string // attribution as written when no mention matches
	PartOf       int    // index of the total this figure breaks down, -1 when none
}

// Event is one coded who-did-what-to-whom event.
type Event struct {
	Span
	Date   string
	Code   string
	Label  string
	Verb   string
	Actor  string
	Target string
	Place  string
}

// Doc is one article with its annotation layers.
type Doc struct {
	ID                string
	Title             string
	Source            string
	URL               string
	Author            string
	Published         string // YYYY-MM-DD or RFC 3339, "" when unknown
	PublishedInferred bool
	PublishedEvidence string
	Meta              map[string]any
	// Origin names where the document came from (file path and line) for
	// error messages and provenance.
	Origin string
	Hash   string
	// DuplicateOf is the id of the earlier article this one nearly copies
	// (a wire copy, a re-post, an update), set by the cross-document
	// stage; "" for an original.
	DuplicateOf string

	Text       string
	Paragraphs []Span
	Sentences  []Span
	Tokens     []Token
	Credits    []Credit

	Mentions   []Mention
	Times      []Time
	Quotes     []Quote
	Quantities []Quantity
	Events     []Event
}

// Borrow gives d the layers a reader needs that d may not keep, its
// tokens (a store does not keep them: they are most of a document's layers
// and cheap to make again), and returns what takes them back. Stages that
// read many documents in turn call it around each one, so that only one
// document's tokens exist at a time however large the group. A nil Borrow
// means the documents have their tokens.
type Borrow func(d *Doc) (giveBack func())

// With calls b around f for d (or just f when b is nil).
func (b Borrow) With(d *Doc, f func()) {
	if b == nil {
		f()
		return
	}
	giveBack := b(d)
	defer giveBack()
	f()
}

// Slice returns the text under a span.
func (d *Doc) Slice(s Span) string { return d.Text[s.Start:s.End] }

// SentenceAt returns the index of the sentence containing byte offset off,
// or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)-1
	for lo <= hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case off < s.Start:
			hi = m - 1
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// ParagraphAt returns the index of the paragraph containing off, or -1.
func (d *Doc) ParagraphAt(off int) int {
	for i, p := range d.Paragraphs {
		if off >= p.Start && off < p.End {
			return i
		}
	}
	return -1
}

// InCredit reports whether the span lies in a credit line or caption.
func (d *Doc) InCredit(s Span) bool {
	for _, c := range d.Credits {
		if c.Span.Overlaps(s) {
			return true
		}
	}
	return false
}

// TokensIn returns the tokens inside span s (a sub-slice, not a copy).
func (d *Doc) TokensIn(s Span) []Token {
	i := 0
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].Start < s.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i = lo
	j := i
	for j < len(d.Tokens) && d.Tokens[j].End <= s.End {
		j++
	}
	return d.Tokens[i:j]
}

// MentionAt returns the index of the mention covering off, or -1.
func (d *Doc) MentionAt(off int) int {
	for i, m := range d.Mentions {
		if off >= m.Start && off < m.End {
			return i
		}
	}
	return -1
}

// Date returns the publication day (YYYY-MM-DD) or "".
func (d *Doc) Date() string {
	if len(d.Published) >= 10 {
		return d.Published[:10]
	}
	return ""
}

// InCreditKind reports whether the span overlaps a credit of one of the
// given kinds.
func (d *Doc) InCreditKind(s Span, kinds ...string) bool {
	for _, c := range d.Credits {
		if !c.Span.Overlaps(s) {
			continue
		}
		for _, k := range kinds {
			if c.Kind == k {
				return true
			}
		}
	}
	return false
}

// Clone returns a copy of d that the cross-document stages can change
// (they set DuplicateOf and inferred dates, and rewrite date-dependent
// layers in place) without changing d: its annotation layers are copied.
// Text, tokens, sentences and paragraphs are shared; no stage changes
// them once segmentation has made them.
func (d *Doc) Clone() *Doc {
	c := *d
	c.Credits = slices.Clone(d.Credits)
	c.Mentions = slices.Clone(d.Mentions)
	c.Times = slices.Clone(d.Times)
	c.Quotes = slices.Clone(d.Quotes)
	c.Quantities = slices.Clone(d.Quantities)
	c.Events = slices.Clone(d.Events)
	return &c
}
