// Package pipeline wires the stages. Data flows one way: per-document
// stages (segment → entities → times → quotes → quantities → events) run
// concurrently across documents; cross-document stages (entity
// resolution → storylines and stories → timelines → summaries →
// disagreements) then run over the whole set and produce the analysis.
package pipeline

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/dedup"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quantity"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/summary"
	"github.com/storyline-news/storyline/internal/timeline"
	"github.com/storyline-news/storyline/internal/timex"
)

// Stage is one per-document step: it reads the layers it needs and adds its own.
type Stage struct {
	Name string
	Run  func(*doc.Doc)
}

// Stages are the per-document stages in order.
var Stages = []Stage{
	{"segment", segment.Run},
	{"entities", ner.Run},
	{"times", timex.Run},
	{"quotes", quote.Run},
	{"quantities", quantity.Run},
	{"events", event.Run},
}

// AnalyzeDoc runs every per-document stage on d. A panic in a stage is
// turned into an error naming the document and the stage, so one bad
// article never takes the batch down.
func AnalyzeDoc(d *doc.Doc) (err error) {
	stage := ""
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: stage %s failed: %v", d.Origin, stage, r)
		}
	}()
	if d.Hash == "" {
		d.Hash = ingest.ContentHash(d)
	}
	for _, s := range Stages {
		stage = s.Name
		s.Run(d)
	}
	return nil
}

// AnalyzeAll runs the per-document stages over docs with workers
// goroutines (0: one per CPU) and returns the errors of the documents that
// failed. done, if not nil, is called with each document once its stages
// ran (from the worker goroutines: at most one call per document at a
// time). A caller about to store the documents can free their tokens
// there: a store keeps none, and held for every document of a large run
// they were a third of its memory.
func AnalyzeAll(docs []*doc.Doc, workers int, done func(*doc.Doc)) []error {
	var out []error
	for _, e := range AnalyzeEach(docs, workers, done) {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// AnalyzeEach is AnalyzeAll returning each document's error in its place
// (nil when it went through), for callers that must know which failed.
func AnalyzeEach(docs []*doc.Doc, workers int, done func(*doc.Doc)) []error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(docs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = AnalyzeDoc(docs[i])
				if done != nil {
					done(docs[i])
				}
			}
		}()
	}
	for i := range docs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return errs
}

// Options for the cross-document stages.
type Options struct {
	Cluster      cluster.Options
	Timeline     timeline.Options
	SummaryLines int
	// Now stamps the analysis; zero leaves "generated" empty so output is
	// reproducible.
	Now time.Time
}

// DefaultOptions are used by the CLI.
func DefaultOptions() Options {
	return Options{Cluster: cluster.Defaults, Timeline: timeline.Defaults, SummaryLines: 5}
}

// Connect runs the cross-document stages and assembles the analysis.
// Documents must have been through AnalyzeDoc. Connect sets their
// cross-document fields (DuplicateOf, a publication date inferred from a
// related article), recomputes their date-dependent layers when it infers
// a date, and at the end moves their layers into the analysis (a document
// keeps its text and metadata): give it copies (doc.Clone) to keep the
// originals as stored.
func Connect(docs []*doc.Doc, opt Options) *model.Analysis {
	a, _ := Reconnect(docs, nil, opt)
	return a
}

// Reuse counts what Reconnect took from the previous analysis instead of
// computing it again.
type Reuse struct {
	Storylines, Stories int
}

// Reconnect is Connect given the analysis it returned last time for an
// earlier state of the same collection. Grouping and entity resolution
// run over everything again (a new article can join or split storylines
// and rename an entity), but a storyline or story whose documents are the
// same ones, unchanged (same content hash, publication date and duplicate
// link), keeps its timeline and summaries, which are most of the work on
// large collections. prev must have been made by this build of Storyline
// (a worker keeps its own in memory): a stored analysis may come from
// another version whose timelines differ. A nil prev computes everything.
func Reconnect(docs []*doc.Doc, prev *model.Analysis, opt Options) (*model.Analysis, Reuse) {
	var reuse Reuse
	// Stable order: by publication date, then id.
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Date() != docs[j].Date() {
			return docs[i].Date() < docs[j].Date()
		}
		return docs[i].ID < docs[j].ID
	})
	markDuplicates(docs)
	a := &model.Analysis{Schema: model.Schema}
	if !opt.Now.IsZero() {
		a.Generated = opt.Now.UTC().Format(time.RFC3339)
	}
	ents := entity.Resolve(docs)
	a.Entities = ents.Entities
	eid := func(di, mi int) string { return ents.ByRef[entity.Ref{Doc: di, Mention: mi}] }
	// Storylines and stories first: undated documents borrow the year of
	// their story's dated documents for dates such as "Feb. 27".
	features := func() *cluster.Vectors {
		fb := cluster.NewFeatureBuilder(eid)
		for i, d := range docs {
			release := withTokens(d)
			fb.Add(i, d)
			release()
		}
		return fb.Vectors()
	}
	lines := cluster.Cluster(docs, features(), opt.Cluster)
	if propagateYears(docs, lines) {
		// Some documents now have a publication date: group again.
		lines = cluster.Cluster(docs, features(), opt.Cluster)
	}
	nameOf := map[string]string{}
	for _, e := range a.Entities {
		nameOf[e.ID] = e.Name
	}
	// The figures each document states, for the disagreements.
	claims := make([][]summary.Claim, len(docs)) // by document
	claimsOf := map[string][]doc.Quantity{}
	for di, d := range docs {
		for _, q := range d.Quantities {
			c := summary.Claim{Doc: d, Q: q, AttrName: q.AttrName}
			if q.Place >= 0 {
				id := eid(di, q.Place)
				c.PlaceID, c.PlaceName = id, nameOf[id]
			}
			if q.AttributedTo >= 0 {
				c.AttrName = nameOf[eid(di, q.AttributedTo)]
			}
			// A copy repeats its original's figures: those count once. A
			// figure the copy changed (an updated toll) is news.
			if d.DuplicateOf == "" || !repeats(claimsOf[d.DuplicateOf], q) {
				claims[di] = append(claims[di], c)
				claimsOf[d.ID] = append(claimsOf[d.ID], q)
			}
		}
	}
	memo := newMemo(prev, docs)
	entIndex := model.NewEntityIndex(a.Entities)
	for li, sl := range lines {
		msl := model.Storyline{ID: fmt.Sprintf("storyline-%d", li+1)}
		old := memo.storylines[memo.key(docs, sl.Docs)]
		oldStories := make([]*model.Story, len(sl.Stories))
		reading := old == nil // whether a timeline or summary is made anew
		for si, st := range sl.Stories {
			oldStories[si] = memo.stories[memo.key(docs, st)]
			reading = reading || oldStories[si] == nil
		}
		// Timelines and summaries read tokens (see withTokens): a
		// storyline's documents get theirs for as long as it takes, or,
		// in a large storyline, each document while it is read; a
		// storyline whose timeline and summaries are all kept reads none.
		release, borrow := func() {}, doc.Borrow(func(d *doc.Doc) func() { return withTokens(d) })
		if reading && len(sl.Docs) <= holdTokens {
			var lineDocs []*doc.Doc
			for _, di := range sl.Docs {
				lineDocs = append(lineDocs, docs[di])
			}
			release, borrow = withTokens(lineDocs...), nil
		}
		for _, di := range sl.Docs {
			msl.Documents = append(msl.Documents, docs[di].ID)
		}
		msl.Title = groupTitle(docs, sl.Docs)
		for si, st := range sl.Stories {
			ms := model.Story{ID: fmt.Sprintf("%s-story-%d", msl.ID, si+1), Title: groupTitle(docs, st)}
			for _, di := range st {
				ms.Documents = append(ms.Documents, docs[di].ID)
				if dd := docs[di].Date(); dd != "" {
					if ms.Start == "" || dd < ms.Start {
						ms.Start = dd
					}
					if dd > ms.End {
						ms.End = dd
					}
				}
			}
			var storyOriginals []int
			for _, di := range st {
				if docs[di].DuplicateOf == "" {
					storyOriginals = append(storyOriginals, di)
				}
			}
			if o := oldStories[si]; o != nil {
				ms.Summary = o.Summary
				reuse.Stories++
			} else {
				ms.Summary = summary.Summarize(docs, storyOriginals, 2, borrow)
			}
			msl.Stories = append(msl.Stories, ms)
		}
		// Copies count once: timelines and summaries read originals only.
		originals := make([]int, 0, len(sl.Docs))
		for _, di := range sl.Docs {
			if docs[di].DuplicateOf == "" {
				originals = append(originals, di)
			}
		}
		if old != nil {
			msl.Timeline, msl.Summary = old.Timeline, old.Summary
			reuse.Storylines++
		} else {
			topt := opt.Timeline
			topt.Tokens = borrow
			msl.Timeline = timeline.Build(docs, originals, topt)
			msl.Summary = summary.Summarize(docs, originals, opt.SummaryLines, borrow)
		}
		release()
		var lineClaims []summary.Claim
		for _, di := range sl.Docs {
			lineClaims = append(lineClaims, claims[di]...)
		}
		msl.Disagreements = summary.Disagreements(lineClaims)
		msl.TopEntities = topEntities(entIndex, msl.Documents, 8)
		if msl.Timeline == nil {
			msl.Timeline = []model.TimelineEntry{}
		}
		if msl.Disagreements == nil {
			msl.Disagreements = []model.Disagreement{}
		}
		a.Storylines = append(a.Storylines, msl)
	}
	moveLayers(a, docs, eid, nameOf)
	ensureSlices(a)
	return a, reuse
}

// moveLayers copies the documents and their per-document layers into the
// analysis, with entity ids, and takes the layers from the documents as
// it goes: holding both for every document of a large collection was a
// third of its memory.
func moveLayers(a *model.Analysis, docs []*doc.Doc, eid func(di, mi int) string, nameOf map[string]string) {
	ptr := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	// The lists are made at their final size: grown by doubling, their
	// spare capacity was a tenth of a large run's memory.
	var nq, nt, nn, ne int
	for _, d := range docs {
		nq, nt, nn, ne = nq+len(d.Quotes), nt+len(d.Times), nn+len(d.Quantities), ne+len(d.Events)
	}
	a.Documents = make([]model.Document, 0, len(docs))
	a.Quotes, a.Times = make([]model.Quote, 0, nq), make([]model.Time, 0, nt)
	a.Quantities, a.Events = make([]model.Quantity, 0, nn), make([]model.Event, 0, ne)
	for di, d := range docs {
		md := model.Document{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Author: d.Author, Published: d.Published,
			PublishedInferred: d.PublishedInferred, PublishedEvidence: d.PublishedEvidence, Text: d.Text, Meta: d.Meta, Hash: d.Hash,
			DuplicateOf: d.DuplicateOf}
		md.Sentences = make([]model.Span, len(d.Sentences))
		for i, s := range d.Sentences {
			md.Sentences[i] = model.Span{Start: s.Start, End: s.End}
		}
		for _, c := range d.Credits {
			md.Credits = append(md.Credits, model.Credit{Start: c.Start, End: c.End, Kind: c.Kind, Outlet: c.Outlet})
		}
		a.Documents = append(a.Documents, md)
		for _, q := range d.Quotes {
			mq := model.Quote{Doc: d.ID, Start: q.Start, End: q.End, Text: q.Text, SpeakerName: q.SpeakerName, Direct: q.Direct, Cue: q.Cue}
			if q.Source.Len() > 0 {
				mq.Source = d.Text[q.Source.Start:q.Source.End]
			}
			if q.Speaker >= 0 {
				mq.Speaker = ptr(eid(di, q.Speaker))
				if n := nameOf[eid(di, q.Speaker)]; n != "" {
					mq.SpeakerName = n
				}
			}
			a.Quotes = append(a.Quotes, mq)
		}
		for _, t := range d.Times {
			a.Times = append(a.Times, model.Time{Doc: d.ID, Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value, Anchor: t.Anchor})
		}
		base := len(a.Quantities)
		for _, q := range d.Quantities {
			mq := model.Quantity{Doc: d.ID, Start: q.Start, End: q.End, Text: d.Text[q.Start:q.End], Value: q.Value, Approximate: q.Approximate,
				What: q.What, Event: q.Event, Since: q.Since, Time: q.Time, AttributedToName: q.AttrName}
			if q.Place >= 0 {
				id := eid(di, q.Place)
				mq.Place = ptr(id)
				mq.PlaceName = nameOf[id]
			}
			if q.AttributedTo >= 0 {
				id := eid(di, q.AttributedTo)
				mq.AttributedTo = ptr(id)
				mq.AttributedToName = nameOf[id]
			}
			if q.PartOf >= 0 {
				p := base + q.PartOf
				mq.PartOf = &p
			}
			a.Quantities = append(a.Quantities, mq)
		}
		for _, e := range d.Events {
			a.Events = append(a.Events, model.Event{Doc: d.ID, Start: e.Start, End: e.End, Date: e.Date, Code: e.Code, Label: e.Label,
				Verb: e.Verb, Actor: e.Actor, Target: e.Target, Place: e.Place})
		}
		// What the analysis now holds (text and metadata stay).
		d.Paragraphs, d.Sentences, d.Credits = nil, nil, nil
		d.Mentions, d.Times, d.Quotes, d.Quantities, d.Events = nil, nil, nil, nil, nil
	}
}

// memo finds, in a previous analysis, the storyline or story made of the
// same unchanged documents.
type memo struct {
	same       []bool // per document of this run: unchanged since prev (see state)
	storylines map[string]*model.Storyline
	stories    map[string]*model.Story
}

// newMemo compares docs, in their final state for this run (dates inferred,
// copies linked), with prev's documents once, so that a group's look-up
// only reads whether each of its documents is the same.
func newMemo(prev *model.Analysis, docs []*doc.Doc) *memo {
	m := &memo{storylines: map[string]*model.Storyline{}, stories: map[string]*model.Story{}}
	if prev == nil {
		return m
	}
	was := make(map[string]string, len(prev.Documents)) // document id -> its state then
	for _, d := range prev.Documents {
		was[d.ID] = state(d.Hash, d.Published, d.PublishedInferred, d.DuplicateOf)
	}
	m.same = make([]bool, len(docs))
	for i, d := range docs {
		if w, ok := was[d.ID]; ok {
			m.same[i] = w == state(d.Hash, d.Published, d.PublishedInferred, d.DuplicateOf)
		}
	}
	for i := range prev.Storylines {
		sl := &prev.Storylines[i]
		m.storylines[setKey(sl.Documents)] = sl
		for j := range sl.Stories {
			m.stories[setKey(sl.Stories[j].Documents)] = &sl.Stories[j]
		}
	}
	return m
}

// state is what a document's timeline and summary lines depend on besides
// its group: its content, its date (given or inferred) and whether it is
// a copy.
func state(hash, published string, inferred bool, dupOf string) string {
	return fmt.Sprintf("%s\x00%s\x00%t\x00%s", hash, published, inferred, dupOf)
}

// setKey identifies a set of document ids.
func setKey(ids []string) string {
	s := append([]string(nil), ids...)
	sort.Strings(s)
	return strings.Join(s, "\x00")
}

// key identifies the group idx in the previous analysis: the set of its
// documents' ids when none of them changed since, else "" (no group has
// that key).
func (m *memo) key(docs []*doc.Doc, idx []int) string {
	if m.same == nil {
		return ""
	}
	ids := make([]string, len(idx))
	for k, di := range idx {
		if !m.same[di] {
			return ""
		}
		ids[k] = docs[di].ID
	}
	return setKey(ids)
}

// holdTokens is the largest storyline whose documents all get their
// tokens at once (a few megabytes); a larger one lends them a document at
// a time, at the price of segmenting a document once per story summary,
// storyline summary and timeline instead of once.
var holdTokens = 1000

// withTokens segments the documents that have no tokens (as a store
// returns them: tokens are most of a document's layers and cheap to
// remake, and segmentation is deterministic, so it gives back the same
// spans) and returns what takes those tokens back. The cross-document
// stages hold tokens only for the documents they are reading: for every
// document at once, tokens were a third of a large run's memory.
func withTokens(ds ...*doc.Doc) (release func()) {
	var made []*doc.Doc
	for _, d := range ds {
		if len(d.Tokens) == 0 && d.Text != "" {
			segment.Run(d)
			made = append(made, d)
		}
	}
	return func() {
		for _, d := range made {
			d.Tokens = nil
		}
	}
}

// repeats reports whether q states a figure already in qs (same value,
// event and thing counted).
func repeats(qs []doc.Quantity, q doc.Quantity) bool {
	for _, o := range qs {
		if o.Value == q.Value && o.Event == q.Event && o.What == q.What {
			return true
		}
	}
	return false
}

// markDuplicates links each near-duplicate to the earliest article it
// copies (by publication date, then id).
func markDuplicates(docs []*doc.Doc) {
	items := make([]dedup.Item, len(docs))
	for i, d := range docs {
		d.DuplicateOf = ""
		order := d.Date()
		if order == "" {
			order = "9999" // undated copies follow dated originals
		}
		items[i] = dedup.Item{Text: d.Text, Order: order + "\x00" + d.ID}
	}
	for _, m := range dedup.Find(items, dedup.Defaults) {
		docs[m.Dup].DuplicateOf = docs[m.Of].ID
	}
}

// propagateYears gives each undated document the latest publication date of
// its story (else of its storyline) as the reference for years. A document
// whose dates then include a full one gets an inferred publication date
// (fitted to the weekdays it mentions), and its date-dependent layers are
// computed again against it. It reports whether any document got a date.
func propagateYears(docs []*doc.Doc, lines []cluster.Storyline) (dated bool) {
	latest := func(idx []int) (time.Time, string) {
		var best time.Time
		from := ""
		for _, i := range idx {
			if t, err := time.Parse("2006-01-02", docs[i].Date()); err == nil && t.After(best) {
				best, from = t, docs[i].ID
			}
		}
		return best, from
	}
	var resolved []*doc.Doc
	for _, sl := range lines {
		lineRef, lineFrom := latest(sl.Docs)
		for _, st := range sl.Stories {
			ref, from := latest(st)
			if from == "" {
				ref, from = lineRef, lineFrom
			}
			if from == "" {
				continue
			}
			for _, i := range st {
				if docs[i].Date() == "" && timex.PropagateYear(docs[i], ref, from) > 0 {
					resolved = append(resolved, docs[i])
				}
			}
		}
	}
	for _, d := range resolved {
		t, ev, ok := timex.InferFromValues(d)
		if !ok {
			continue
		}
		d.Published = t.Format("2006-01-02")
		d.PublishedInferred = true
		d.PublishedEvidence = ev
		release := withTokens(d)
		timex.Run(d)
		quantity.Run(d)
		event.Run(d)
		release()
		dated = true
	}
	return dated
}

func ensureSlices(a *model.Analysis) {
	if a.Documents == nil {
		a.Documents = []model.Document{}
	}
	if a.Entities == nil {
		a.Entities = []model.Entity{}
	}
	if a.Quotes == nil {
		a.Quotes = []model.Quote{}
	}
	if a.Times == nil {
		a.Times = []model.Time{}
	}
	if a.Quantities == nil {
		a.Quantities = []model.Quantity{}
	}
	if a.Events == nil {
		a.Events = []model.Event{}
	}
	if a.Storylines == nil {
		a.Storylines = []model.Storyline{}
	}
}

// groupTitle names a group of documents: the title of its earliest titled
// document, else the first words of its first sentence.
func groupTitle(docs []*doc.Doc, idx []int) string {
	for _, di := range idx {
		if docs[di].Title != "" {
			return docs[di].Title
		}
	}
	if len(idx) == 0 {
		return ""
	}
	d := docs[idx[0]]
	for si := range d.Sentences {
		if timeline.Usable(d, si) {
			s := d.Sentences[si]
			return timeline.Truncate(d.Text[s.Start:s.End], 100)
		}
	}
	return d.ID
}

func topEntities(x *model.EntityIndex, docIDs []string, k int) []string {
	top := x.Top(docIDs, func(e model.Entity) bool { return e.Type != "NORP" && e.Type != "MISC" }, k)
	ids := make([]string, len(top))
	for i, e := range top {
		ids[i] = e.ID
	}
	return ids
}

// Describe is a one-line account of an analysis, for logs.
func Describe(a *model.Analysis) string {
	return strings.TrimSpace(fmt.Sprintf("%d documents, %d entities, %d quotes, %d times, %d figures, %d events, %d storylines",
		len(a.Documents), len(a.Entities), len(a.Quotes), len(a.Times), len(a.Quantities), len(a.Events), len(a.Storylines)))
}
