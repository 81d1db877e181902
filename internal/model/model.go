// Package model holds the plain structs of the analysis JSON contract
// ("schema": "storyline/1", described in docs/analysis-json.md). Every
// output format and the store read these; beyond small read-only helpers
// over them, no behaviour lives here.
package model

import "sort"

// Schema is the contract version written into every analysis.
const Schema = "storyline/1"

// Analysis is the whole result for a set of documents.
type Analysis struct {
	Schema     string      `json:"schema"`
	Generated  string      `json:"generated,omitempty"`
	Documents  []Document  `json:"documents"`
	Entities   []Entity    `json:"entities"`
	Quotes     []Quote     `json:"quotes"`
	Times      []Time      `json:"times"`
	Quantities []Quantity  `json:"quantities"`
	Events     []Event     `json:"events"`
	Storylines []Storyline `json:"storylines"`
}

// Span is a byte range into a document's cleaned text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Document is one cleaned article.
type Document struct {
	ID                string         `json:"id"`
	Title             string         `json:"title"`
	Source            string         `json:"source"`
	URL               string         `json:"url"`
	Author            string         `json:"author,omitempty"`
	Published         string         `json:"published"`
	PublishedInferred bool           `json:"published_inferred"`
	PublishedEvidence string         `json:"published_evidence,omitempty"`
	Text              string         `json:"text"`
	Sentences         []Span         `json:"sentences"`
	Credits           []Credit       `json:"credits,omitempty"`
	Meta              map[string]any `json:"meta,omitempty"`
	Hash              string         `json:"hash,omitempty"`
	// DuplicateOf is the id of the earlier article this one nearly copies
	// (MinHash estimate of shared 5-word shingles at least 0.7). Kept, but
	// counted once in timelines, summaries and disagreements.
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// Credit is a source line, photo credit or caption.
type Credit struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Kind   string `json:"kind"`
	Outlet string `json:"outlet,omitempty"`
}

// Mention is one place an entity is named.
type Mention struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is one real-world entity across documents and spellings.
type Entity struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Type         string    `json:"type"`
	Aliases      []string  `json:"aliases"`
	Descriptions []string  `json:"descriptions"`
	Mentions     []Mention `json:"mentions"`
}

// Quote is a direct or indirect quotation.
type Quote struct {
	Doc         string  `json:"doc"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Text        string  `json:"text"`
	Speaker     *string `json:"speaker"`
	SpeakerName string  `json:"speaker_name"`
	Direct      bool    `json:"direct"`
	Cue         string  `json:"cue,omitempty"`
	// Source is who the text says is speaking, as written at the quote
	// ("he", "a senior official"); Speaker is the entity it resolves to.
	Source string `json:"source,omitempty"`
}

// Time is a temporal expression with its TIMEX3 value.
type Time struct {
	Doc    string `json:"doc"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Type   string `json:"type"`
	Value  string `json:"value"`
	Anchor string `json:"anchor"`
}

// Quantity is a numeric claim.
type Quantity struct {
	Doc              string  `json:"doc"`
	Start            int     `json:"start"`
	End              int     `json:"end"`
	Text             string  `json:"text"`
	Value            float64 `json:"value"`
	Approximate      bool    `json:"approximate"`
	What             string  `json:"what"`
	Event            string  `json:"event"`
	Place            *string `json:"place"`
	PlaceName        string  `json:"place_name"`
	Since            string  `json:"since"`
	Time             string  `json:"time,omitempty"`
	AttributedTo     *string `json:"attributed_to"`
	AttributedToName string  `json:"attributed_to_name"`
	// PartOf is the index (in this list) of the total this figure breaks down.
	PartOf *int `json:"part_of,omitempty"`
}

// Event is a coded who-did-what-to-whom event.
type Event struct {
	Doc    string `json:"doc"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Date   string `json:"date"`
	Code   string `json:"code"`
	Label  string `json:"label"`
	Verb   string `json:"verb,omitempty"`
	Actor  string `json:"actor"`
	Target string `json:"target"`
	Place  string `json:"place"`
}

// Evidence points to the exact source sentence of a line.
type Evidence struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Storyline is one topic over weeks or months.
type Storyline struct {
	ID string `json:"id"`
	// Aliases are ids the storyline had before groups merged or split
	// (an id, once given, always leads to the group that holds most of
	// its documents).
	Aliases       []string        `json:"aliases,omitempty"`
	Title         string          `json:"title"`
	Documents     []string        `json:"documents"`
	Stories       []Story         `json:"stories"`
	Timeline      []TimelineEntry `json:"timeline"`
	Summary       []SummaryLine   `json:"summary"`
	Disagreements []Disagreement  `json:"disagreements"`
	// TopEntities are the ids of the most mentioned entities.
	TopEntities []string `json:"top_entities,omitempty"`
}

// Story is one development, over days.
type Story struct {
	ID        string   `json:"id"`
	Aliases   []string `json:"aliases,omitempty"`
	Title     string   `json:"title"`
	Documents []string `json:"documents"`
	Start     string   `json:"start"`
	End       string   `json:"end"`
	// Summary is the story's own cited summary (two lines at most).
	Summary []SummaryLine `json:"summary,omitempty"`
}

// TimelineEntry is one dated line of a timeline.
type TimelineEntry struct {
	Date     string     `json:"date"`
	Text     string     `json:"text"`
	Evidence []Evidence `json:"evidence"`
}

// SummaryLine is one cited summary sentence.
type SummaryLine struct {
	Text     string     `json:"text"`
	Evidence []Evidence `json:"evidence"`
}

// Disagreement sets claims about the same thing side by side.
type Disagreement struct {
	About  string  `json:"about"`
	Kind   string  `json:"kind"`
	Note   string  `json:"note,omitempty"`
	Claims []Claim `json:"claims"`
}

// Claim is one source's figure.
type Claim struct {
	Value            float64 `json:"value"`
	Approximate      bool    `json:"approximate"`
	Text             string  `json:"text"`
	Doc              string  `json:"doc"`
	Start            int     `json:"start"`
	End              int     `json:"end"`
	Published        string  `json:"published"`
	Source           string  `json:"source,omitempty"`
	AttributedToName string  `json:"attributed_to_name"`
}

// EntityIndex lists, for each document, the entity of each of its
// mentions, so that ranking the entities of many groups of documents
// costs their mentions, not every mention of every entity per group.
type EntityIndex struct {
	ents  []Entity
	byDoc map[string][]int // document id -> index in ents, once per mention
}

// NewEntityIndex indexes ents.
func NewEntityIndex(ents []Entity) *EntityIndex {
	x := &EntityIndex{ents: ents, byDoc: map[string][]int{}}
	for i, e := range ents {
		for _, m := range e.Mentions {
			x.byDoc[m.Doc] = append(x.byDoc[m.Doc], i)
		}
	}
	return x
}

// Top returns up to k entities that keep accepts, ranked by how many of
// their mentions fall in the given documents (entities with none are left
// out; ties keep the order of the indexed entities).
func (x *EntityIndex) Top(docIDs []string, keep func(Entity) bool, k int) []Entity {
	n := map[int]int{}
	seen := make(map[string]bool, len(docIDs))
	for _, id := range docIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		for _, i := range x.byDoc[id] {
			n[i]++
		}
	}
	list := make([]int, 0, len(n))
	for i := range n {
		if keep(x.ents[i]) {
			list = append(list, i)
		}
	}
	// Most mentions first; ties keep the order of ents.
	sort.Slice(list, func(a, b int) bool {
		if n[list[a]] != n[list[b]] {
			return n[list[a]] > n[list[b]]
		}
		return list[a] < list[b]
	})
	out := make([]Entity, 0, min(k, len(list)))
	for _, i := range list[:min(k, len(list))] {
		out = append(out, x.ents[i])
	}
	return out
}
