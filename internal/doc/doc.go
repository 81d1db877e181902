// Package doc holds one article and the stand-off annotation layers that the
// per-document stages add to it. Every layer refers to the cleaned Text by
// byte offsets, so no stage ever re-tokenises or copies the text: a stage reads
// the layers it depends on and appends its own.
package doc

import (
	"slices"
	"sort"
)

// DayLayout is how a calendar day is written everywhere in the engine
// (time.Parse and Format layout): publication days, TIMEX3 dates, story
// spans.
const DayLayout = "2006-01-02"

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

// Token is one word or punctuation mark, with the forms and flags every
// stage asks of it, computed once by segmentation.
type Token struct {
	Span
	// Sentence is the index of the sentence holding the token.
	Sentence int
	// Lower is the token's text in lower case (the text itself when it
	// has no upper-case letter: no copy).
	Lower string
	// Flags say what the token is made of (see TokenFlags).
	Flags TokenFlags
	// Poss is the byte length of a possessive ending ("'s", "’s", "'",
	// "’") the token carries, 0 when none: "Assad's" is one token whose
	// name part ends Poss bytes before its end.
	Poss int8
}

// TokenFlags describe a token's characters.
type TokenFlags uint8

const (
	// Word: starts with a letter or digit.
	Word TokenFlags = 1 << iota
	// Cap: starts with an upper-case letter.
	Cap
	// AllCaps: at least two letters, all upper case.
	AllCaps
	// Digit: starts with a digit.
	Digit
	// Hyphenated: has a hyphen inside ("al-Assad", "U.S.-led").
	Hyphenated
)

// Is reports whether the token has all the flags f.
func (t Token) Is(f TokenFlags) bool { return t.Flags&f == f }

// Credit is a line that credits a photographer, an agency or the outlet, or
// a photo caption. Credits are kept in the text (offsets stay valid) but no
// stage treats them as reporting.
type Credit struct {
	Span
	Kind   string `json:"kind"`             // "source", "photo", "caption"
	Outlet string `json:"outlet,omitempty"` // the outlet or agency named, if any
}

// EntityType is the kind of an entity mention.
type EntityType string

// The entity types (OntoNotes names; CoNLL's PER and LOC map to Person
// and GPE or Loc).
const (
	TypePerson EntityType = "PERSON"
	TypeOrg    EntityType = "ORG"
	TypeGPE    EntityType = "GPE"  // countries, cities, states: places with a government
	TypeLoc    EntityType = "LOC"  // rivers, mountains, regions
	TypeNORP   EntityType = "NORP" // nationalities, religious and political groups
	TypeFac    EntityType = "FAC"
	TypeEvent  EntityType = "EVENT"
	TypeMisc   EntityType = "MISC"
)

// Mention is one entity mention found by the entity stage.
type Mention struct {
	Span
	Text string     `json:"text"`
	Type EntityType `json:"type"`
	// Key groups mentions of the same entity inside the document
	// ("John Kerry", "Kerry"); it is the fullest name seen.
	Key string `json:"key"`
	// Description is a title or role written next to the mention
	// ("US Secretary of State").
	Description string `json:"description,omitempty"`
}

// Dating is the publication date the text itself gives a document whose
// metadata gives none: a dateline ("April 28, 2016 -"), or a day inferred
// from the dates and weekdays it mentions.
type Dating struct {
	Day      string `json:"day"` // YYYY-MM-DD; "" when the text gives none
	Inferred bool   `json:"inferred,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Time is one temporal expression.
type Time struct {
	Span
	Text   string `json:"text"`
	Type   string `json:"type"`   // DATE, TIME, DURATION, SET
	Value  string `json:"value"`  // TIMEX3 value
	Anchor string `json:"anchor"` // what it was resolved against
}

// Quote is one direct or indirect quotation.
type Quote struct {
	Span
	Text        string `json:"text"`    // the quoted words
	Speaker     int    `json:"speaker"` // index into Mentions, -1 when unknown
	SpeakerName string `json:"speaker_name"`
	Direct      bool   `json:"direct"`
	Cue         string `json:"cue"`      // the reporting verb
	CueSpan     Span   `json:"cue_span"` // where the reporting verb is; empty when none
	// Source is the words that say who speaks, as written where the quote
	// is ("he", "a senior official", "the top diplomat"); empty when the
	// text does not say. Speaker is who they resolve to.
	Source Span `json:"source"`
}

// Quantity is one numeric claim.
type Quantity struct {
	Span                 // the whole clause
	NumSpan      Span    `json:"num_span"` // the number itself
	Value        float64 `json:"value"`
	Approximate  bool    `json:"approximate"`
	What         string  `json:"what"`
	Event        string  `json:"event"`
	Place        int     `json:"place"` // index into Mentions, -1 when none
	Since        string  `json:"since"`
	Time         string  `json:"time"`          // TIMEX3 value the figure refers to, if stated
	AttributedTo int     `json:"attributed_to"` // index into Mentions, -1 when none
	AttrName     string  `json:"attr_name"`     // attribution as written when no mention matches
	PartOf       int     `json:"part_of"`       // index of the total this figure breaks down, -1 when none
}

// Event is one coded who-did-what-to-whom event.
type Event struct {
	Span
	Date   string `json:"date"`
	Code   string `json:"code"`
	Label  string `json:"label"`
	Verb   string `json:"verb"`
	Actor  string `json:"actor"`
	Target string `json:"target"`
	Place  string `json:"place"`
}

// Linked is what the cross-document stages learn about a document from
// the others. It is never stored: it is made again from the collection on
// every recompute.
type Linked struct {
	// DuplicateOf is the id of the earlier article this one nearly copies
	// (a wire copy, a re-post, an update); "" for an original.
	DuplicateOf string
	// YearRef is the latest publication day (YYYY-MM-DD) of the story of
	// an undated document, and YearFrom the document it is from: dates
	// written without a year ("April 22") take their year from it.
	YearRef, YearFrom string
	// Day is the publication day inferred from the dates the document
	// mentions once they have their year, with its evidence.
	Day, Evidence string
}

// Doc is one article with its annotation layers. The JSON names are how a
// store keeps it: renaming a Go field must not lose stored data.
type Doc struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Source    string         `json:"source"`
	URL       string         `json:"url"`
	Author    string         `json:"author,omitempty"`
	Published string         `json:"published"` // as the metadata gives it: YYYY-MM-DD or RFC 3339, "" when unknown
	Meta      map[string]any `json:"meta,omitempty"`
	// Origin names where the document came from (file path and line) for
	// error messages and provenance.
	Origin string `json:"origin"`
	Hash   string `json:"hash"`
	// LayersVersion is the version of the per-document stages that made
	// the layers (0: not analysed, or by a build before versions).
	LayersVersion int `json:"-"`
	// IDFromName says the id is the input file's name (the input gave
	// none), which a file of the same name elsewhere may share.
	IDFromName bool `json:"-"`

	Text       string   `json:"text"`
	Credits    []Credit `json:"credits"` // by ingest
	Paragraphs []Span   `json:"paragraphs"`
	Sentences  []Span   `json:"sentences"`
	Tokens     []Token  `json:"-"` // never stored: cheap to make again, and most of the layers

	Mentions   []Mention  `json:"mentions"`
	Dating     Dating     `json:"dating"`
	Times      []Time     `json:"times"`
	Quotes     []Quote    `json:"quotes"`
	Quantities []Quantity `json:"quantities"`
	Events     []Event    `json:"events"`

	Linked Linked `json:"-"`
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
// Mentions are in text order and do not overlap (the entity stage makes
// them so, and a pipeline test checks it): a binary search, since stages
// ask this for every token near a quote or a figure.
func (d *Doc) MentionAt(off int) int {
	i := sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].End > off })
	if i < len(d.Mentions) && d.Mentions[i].Start <= off {
		return i
	}
	return -1
}

// Date returns the publication day (YYYY-MM-DD) or "": the one the
// metadata gives, else the one the text gives, else the one inferred
// from related documents.
func (d *Doc) Date() string {
	day, _, _ := d.Dated()
	return day
}

// Dated returns the publication day with whether it was inferred and the
// evidence for it when the metadata did not give it.
func (d *Doc) Dated() (day string, inferred bool, evidence string) {
	switch {
	case len(d.Published) >= 10:
		return d.Published[:10], false, ""
	case d.Dating.Day != "":
		return d.Dating.Day, d.Dating.Inferred, d.Dating.Evidence
	case d.Linked.Day != "":
		return d.Linked.Day, true, d.Linked.Evidence
	}
	return "", false, ""
}

// PublishedOut is the publication date as the analysis shows it: the
// metadata's as written, else the day the text or related documents give.
func (d *Doc) PublishedOut() string {
	if d.Published != "" {
		return d.Published
	}
	return d.Date()
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
// (they set Linked, and run the date-dependent stages again) without
// changing d: its annotation layers are copied.
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

// Cover is the union of some spans, to ask in logarithmic time whether a
// span shares a byte with any of them (a stage asking it of every token
// of a long document against every time or quote was quadratic).
type Cover []Span

// CoverOf is the union of spans: sorted, overlapping spans merged.
func CoverOf(spans []Span) Cover {
	c := make(Cover, len(spans))
	copy(c, spans)
	sort.Slice(c, func(i, j int) bool { return c[i].Start < c[j].Start })
	out := c[:0]
	for _, s := range c {
		if n := len(out); n > 0 && s.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Overlaps reports whether s shares a byte with a span of the cover, as
// Span.Overlaps does with one span.
func (c Cover) Overlaps(s Span) bool {
	k := sort.Search(len(c), func(i int) bool { return c[i].Start >= s.End })
	return k > 0 && c[k-1].End > s.Start && c[k-1].Start < s.End
}
