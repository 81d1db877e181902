package pipeline

import (
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quantity"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timex"
)

// A Layer is a part of a document that a stage reads or writes.
type Layer string

// The layers of a document, in the order stages add them.
const (
	LayerText       Layer = "text" // with the metadata; by ingest
	LayerCredits    Layer = "credits"
	LayerParagraphs Layer = "paragraphs"
	LayerSentences  Layer = "sentences"
	LayerTokens     Layer = "tokens"
	LayerMentions   Layer = "mentions"
	LayerDating     Layer = "dating"
	LayerTimes      Layer = "times"
	LayerQuotes     Layer = "quotes"
	LayerQuantities Layer = "quantities"
	LayerEvents     Layer = "events"
)

// stages are the per-document stages in order, applying the given
// entity and quote stages (which hold their trained models).
func stages(entities *ner.Recognizer, quotes *quote.Quoter) []Stage {
	text := []Layer{LayerParagraphs, LayerSentences, LayerTokens}
	return []Stage{
		{Name: "segment", Adds: text, Run: segment.Run},
		{Name: "entities", Needs: []Layer{LayerSentences, LayerTokens, LayerCredits}, Adds: []Layer{LayerMentions}, Run: entities.Run},
		{Name: "dating", Needs: text, Adds: []Layer{LayerDating}, Run: timex.Date},
		{Name: "times", Needs: append(text, LayerCredits, LayerDating), Adds: []Layer{LayerTimes}, Run: timex.Run},
		{Name: "quotes", Needs: append(text, LayerCredits, LayerMentions), Adds: []Layer{LayerQuotes}, Run: quotes.Run},
		{Name: "quantities", Needs: append(text, LayerCredits, LayerMentions, LayerTimes, LayerQuotes), Adds: []Layer{LayerQuantities},
			Run: quantity.Run},
		{Name: "events", Needs: append(text, LayerCredits, LayerMentions, LayerDating, LayerTimes, LayerQuotes), Adds: []Layer{LayerEvents},
			Run: event.Run},
	}
}

// LayersVersion is the version of what the per-document stages write.
// Bump it whenever a stage's output changes for the same input: stored
// documents of an older version are then analysed again (Engine.Ingest
// and Engine.Recompute do it before anything else). TestLayersVersion
// fails when the output changes and the version does not.
const LayersVersion = 1

// layer is the one place that says where a layer lives in a doc.Doc and
// what it becomes in the analysis. Adding a layer adds an entry here (and
// a stage that writes it); every loop over layers (checking stages,
// clearing, moving into the analysis, the tests) reads this list.
type layer struct {
	name   Layer
	field  string // the doc.Doc field holding it
	ingest bool   // given by ingest, not by a stage
	get    func(*doc.Doc) any
	clear  func(*doc.Doc) // nil: never cleared (the text)
	// document fills the document's own entry of the analysis; size and
	// move append the layer's items to the analysis' list of them (size
	// counts them, so the lists are made at their final size).
	document func(md *model.Document, d *doc.Doc)
	size     func(*doc.Doc) int
	reserve  func(a *model.Analysis, n int)
	move     func(m *mover, d *doc.Doc)
}

var layers = []layer{
	{name: LayerText, field: "Text", ingest: true, get: func(d *doc.Doc) any { return d.Text }},
	{name: LayerCredits, field: "Credits", ingest: true, get: func(d *doc.Doc) any { return d.Credits },
		clear: func(d *doc.Doc) { d.Credits = nil }, document: documentCredits},
	{name: LayerParagraphs, field: "Paragraphs", get: func(d *doc.Doc) any { return d.Paragraphs },
		clear: func(d *doc.Doc) { d.Paragraphs = nil }},
	{name: LayerSentences, field: "Sentences", get: func(d *doc.Doc) any { return d.Sentences },
		clear: func(d *doc.Doc) { d.Sentences = nil }, document: documentSentences},
	{name: LayerTokens, field: "Tokens", get: func(d *doc.Doc) any { return d.Tokens },
		clear: func(d *doc.Doc) { d.Tokens = nil }},
	// Mentions reach the analysis as entities, by entity resolution.
	{name: LayerMentions, field: "Mentions", get: func(d *doc.Doc) any { return d.Mentions },
		clear: func(d *doc.Doc) { d.Mentions = nil }},
	{name: LayerDating, field: "Dating", get: func(d *doc.Doc) any { return d.Dating },
		document: documentDates},
	listLayer(LayerTimes, "Times", func(d *doc.Doc) *[]doc.Time { return &d.Times },
		func(a *model.Analysis) *[]model.Time { return &a.Times }, (*mover).time),
	listLayer(LayerQuotes, "Quotes", func(d *doc.Doc) *[]doc.Quote { return &d.Quotes },
		func(a *model.Analysis) *[]model.Quote { return &a.Quotes }, (*mover).quote),
	listLayer(LayerQuantities, "Quantities", func(d *doc.Doc) *[]doc.Quantity { return &d.Quantities },
		func(a *model.Analysis) *[]model.Quantity { return &a.Quantities }, (*mover).quantity),
	listLayer(LayerEvents, "Events", func(d *doc.Doc) *[]doc.Event { return &d.Events },
		func(a *model.Analysis) *[]model.Event { return &a.Events }, (*mover).event),
}

// listLayer is a layer of items that become items of one list of the
// analysis; conv converts one, given the index in that list of the
// document's first (for links between items of one document).
func listLayer[T, M any](name Layer, field string, of func(*doc.Doc) *[]T, list func(*model.Analysis) *[]M,
	conv func(m *mover, base int, x T) M) layer {
	return layer{name: name, field: field,
		get:     func(d *doc.Doc) any { return *of(d) },
		clear:   func(d *doc.Doc) { *of(d) = nil },
		size:    func(d *doc.Doc) int { return len(*of(d)) },
		reserve: func(a *model.Analysis, n int) { *list(a) = make([]M, 0, n) },
		move: func(m *mover, d *doc.Doc) {
			out := list(m.a)
			base := len(*out)
			for _, x := range *of(d) {
				*out = append(*out, conv(m, base, x))
			}
		}}
}

func layerNamed(name Layer) *layer {
	for i := range layers {
		if layers[i].name == name {
			return &layers[i]
		}
	}
	return nil
}

// clearStageLayers takes back from d what the stages added, keeping what
// ingest gave: the state a stored document is analysed again from.
func clearStageLayers(d *doc.Doc) {
	for _, l := range layers {
		if !l.ingest && l.clear != nil {
			l.clear(d)
		}
	}
	d.Dating = doc.Dating{}
	d.LayersVersion = 0
}

// mover puts documents' layers into an analysis, with entity ids for
// their mention indexes.
type mover struct {
	a      *model.Analysis
	di     int // the document's index in the collection
	d      *doc.Doc
	eid    func(di, mi int) string
	nameOf map[string]string
}

// entity returns the id of mention mi of the current document, or nil.
func (m *mover) entity(mi int) *string {
	if mi < 0 {
		return nil
	}
	if id := m.eid(m.di, mi); id != "" {
		return &id
	}
	return nil
}

func (m *mover) time(_ int, t doc.Time) model.Time {
	return model.Time{Doc: m.d.ID, Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value, Anchor: t.Anchor}
}

func (m *mover) quote(_ int, q doc.Quote) model.Quote {
	mq := model.Quote{Doc: m.d.ID, Start: q.Start, End: q.End, Text: q.Text, SpeakerName: q.SpeakerName, Direct: q.Direct, Cue: q.Cue,
		Speaker: m.entity(q.Speaker)}
	if q.Source.Len() > 0 {
		mq.Source = m.d.Text[q.Source.Start:q.Source.End]
	}
	if q.Speaker >= 0 {
		if n := m.nameOf[m.eid(m.di, q.Speaker)]; n != "" {
			mq.SpeakerName = n
		}
	}
	return mq
}

func (m *mover) quantity(base int, q doc.Quantity) model.Quantity {
	mq := model.Quantity{Doc: m.d.ID, Start: q.Start, End: q.End, Text: m.d.Text[q.Start:q.End], Value: q.Value, Approximate: q.Approximate,
		What: q.What, Event: q.Event, Since: q.Since, Time: q.Time, AttributedToName: q.AttrName,
		Place: m.entity(q.Place), AttributedTo: m.entity(q.AttributedTo)}
	if q.Place >= 0 {
		mq.PlaceName = m.nameOf[m.eid(m.di, q.Place)]
	}
	if q.AttributedTo >= 0 {
		mq.AttributedToName = m.nameOf[m.eid(m.di, q.AttributedTo)] // the entity's name, not the words
	}
	if q.PartOf >= 0 {
		p := base + q.PartOf
		mq.PartOf = &p
	}
	return mq
}

func (m *mover) event(_ int, e doc.Event) model.Event {
	return model.Event{Doc: m.d.ID, Start: e.Start, End: e.End, Date: e.Date, Code: e.Code, Label: e.Label,
		Verb: e.Verb, Actor: e.Actor, Target: e.Target, Place: e.Place}
}

func documentCredits(md *model.Document, d *doc.Doc) {
	for _, c := range d.Credits {
		md.Credits = append(md.Credits, model.Credit{Start: c.Start, End: c.End, Kind: c.Kind, Outlet: c.Outlet})
	}
}

func documentSentences(md *model.Document, d *doc.Doc) {
	md.Sentences = make([]model.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		md.Sentences[i] = model.Span{Start: s.Start, End: s.End}
	}
}

func documentDates(md *model.Document, d *doc.Doc) {
	md.Published = d.PublishedOut()
	_, md.PublishedInferred, md.PublishedEvidence = d.Dated()
}

// moveLayers puts the documents and their per-document layers into the
// analysis, with entity ids, and takes the layers from the documents as
// it goes (holding both for every document of a large collection was a
// third of its memory). A document keeps its text and metadata.
func moveLayers(a *model.Analysis, docs []*doc.Doc, eid func(di, mi int) string, nameOf map[string]string) {
	for _, l := range layers {
		if l.reserve != nil {
			n := 0
			for _, d := range docs {
				n += l.size(d)
			}
			l.reserve(a, n)
		}
	}
	a.Documents = make([]model.Document, 0, len(docs))
	m := &mover{a: a, eid: eid, nameOf: nameOf}
	for di, d := range docs {
		m.di, m.d = di, d
		md := model.Document{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Author: d.Author, Text: d.Text, Meta: d.Meta,
			Hash: d.Hash, DuplicateOf: d.Linked.DuplicateOf}
		for _, l := range layers {
			if l.document != nil {
				l.document(&md, d)
			}
			if l.move != nil {
				l.move(m, d)
			}
		}
		a.Documents = append(a.Documents, md)
		for _, l := range layers {
			if l.clear != nil {
				l.clear(d)
			}
		}
	}
}
