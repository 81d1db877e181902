package pipeline

import (
	"fmt"
	"sort"
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/dedup"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/summary"
	"github.com/storyline-news/storyline/internal/timeline"
)

// connection is one run of the cross-document stages over a collection.
type connection struct {
	cfg    Config
	stages []Stage
	docs   []*doc.Doc
	eid    func(di, mi int) string
	nameOf map[string]string  // entity id -> name
	claims [][]summary.Claim  // by document: the figures it states
	memo   *memo              // what the previous analysis made
	index  *model.EntityIndex // for each storyline's top entities
	reuse  Reuse
}

// connect runs the cross-document stages over docs and assembles the
// analysis. Documents must have been through AnalyzeDoc. connect sets
// their cross-document layer (doc.Linked: copies, dates from related
// documents), runs their date-dependent stages again when it dates them,
// and at the end moves their layers into the analysis (a document keeps
// its text and metadata): give it copies (doc.Clone) to keep the
// originals. Given the analysis it returned last time for an earlier
// state of the same collection (made by this build: a stored analysis may
// come from another version whose timelines differ), a storyline or story
// whose documents are the same ones, unchanged, keeps its timeline and
// summaries. Ids are kept from like, the storylines of an earlier
// analysis (see assignIDs).
func (e *Engine) connect(docs []*doc.Doc, prev *model.Analysis, like []model.Storyline) (*model.Analysis, Reuse) {
	// Stable order: by publication date, then id.
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Date() != docs[j].Date() {
			return docs[i].Date() < docs[j].Date()
		}
		return docs[i].ID < docs[j].ID
	})
	for _, d := range docs {
		d.Linked = doc.Linked{} // made again below, from this collection
	}
	markDuplicates(docs, e.cfg.Dedup)
	a := &model.Analysis{Schema: model.Schema}
	if e.cfg.Now != nil {
		a.Generated = e.cfg.Now().UTC().Format(time.RFC3339)
	}
	ents := entity.Resolve(docs)
	a.Entities = ents.Entities
	c := &connection{cfg: e.cfg, stages: e.stages, docs: docs, nameOf: map[string]string{}, index: model.NewEntityIndex(a.Entities),
		eid: func(di, mi int) string { return ents.ByRef[entity.Ref{Doc: di, Mention: mi}] }}
	for _, en := range a.Entities {
		c.nameOf[en.ID] = en.Name
	}
	// Storylines and stories first: undated documents borrow the year of
	// their story's dated documents for dates such as "Feb. 27".
	lines := cluster.Cluster(docs, c.features(), e.cfg.Cluster)
	if c.propagateYears(lines) {
		// Some documents now have a publication date: group again.
		lines = cluster.Cluster(docs, c.features(), e.cfg.Cluster)
	}
	c.claims = c.figures()
	c.memo = newMemo(prev, docs)
	for li, sl := range lines {
		a.Storylines = append(a.Storylines, c.storyline(li, sl))
	}
	assignIDs(a.Storylines, like)
	moveLayers(a, docs, c.eid, c.nameOf)
	model.EnsureLists(a)
	return a, c.reuse
}

// features are the documents' term vectors for grouping.
func (c *connection) features() *cluster.Vectors {
	fb := cluster.NewFeatureBuilder(c.eid)
	for i, d := range c.docs {
		release := withTokens(d)
		fb.Add(i, d)
		release()
	}
	return fb.Vectors()
}

// figures are the figures each document states, for the disagreements.
// A copy repeats its original's figures: those count once. A figure the
// copy changed (an updated toll) is news.
func (c *connection) figures() [][]summary.Claim {
	claims := make([][]summary.Claim, len(c.docs))
	claimsOf := map[string][]doc.Quantity{}
	for di, d := range c.docs {
		for _, q := range d.Quantities {
			cl := summary.Claim{Doc: d, Q: q, AttrName: q.AttrName}
			if q.Place >= 0 {
				id := c.eid(di, q.Place)
				cl.PlaceID, cl.PlaceName = id, c.nameOf[id]
			}
			if q.AttributedTo >= 0 {
				cl.AttrName = c.nameOf[c.eid(di, q.AttributedTo)]
			}
			if d.Linked.DuplicateOf == "" || !repeats(claimsOf[d.Linked.DuplicateOf], q) {
				claims[di] = append(claims[di], cl)
				claimsOf[d.ID] = append(claimsOf[d.ID], q)
			}
		}
	}
	return claims
}

// storyline assembles storyline li: its stories, timeline, summaries,
// disagreements and top entities. Ids are positional here; assignIDs
// makes them stable.
func (c *connection) storyline(li int, sl cluster.Storyline) model.Storyline {
	docs := c.docs
	msl := model.Storyline{ID: fmt.Sprintf("storyline-%d", li+1), Title: groupTitle(docs, sl.Docs)}
	for _, di := range sl.Docs {
		msl.Documents = append(msl.Documents, docs[di].ID)
	}
	old := c.memo.storylines[c.memo.key(docs, sl.Docs)]
	oldStories := make([]*model.Story, len(sl.Stories))
	reading := old == nil // whether a timeline or summary is made anew
	for si, st := range sl.Stories {
		oldStories[si] = c.memo.stories[c.memo.key(docs, st)]
		reading = reading || oldStories[si] == nil
	}
	release, borrow := c.lend(sl.Docs, reading)
	for si, st := range sl.Stories {
		msl.Stories = append(msl.Stories, c.story(msl.ID, si, st, oldStories[si], borrow))
	}
	if old != nil {
		msl.Timeline, msl.Summary = old.Timeline, old.Summary
		c.reuse.Storylines++
	} else {
		// Copies count once: timelines and summaries read originals only.
		originals := c.originals(sl.Docs)
		topt := c.cfg.Timeline
		topt.Tokens = borrow
		msl.Timeline = timeline.Build(docs, originals, topt)
		msl.Summary = summary.Summarize(docs, originals, c.cfg.SummaryLines, borrow)
	}
	release()
	var lineClaims []summary.Claim
	for _, di := range sl.Docs {
		lineClaims = append(lineClaims, c.claims[di]...)
	}
	msl.Disagreements = summary.Disagreements(lineClaims)
	msl.TopEntities = topEntities(c.index, msl.Documents, 8)
	if msl.Timeline == nil {
		msl.Timeline = []model.TimelineEntry{}
	}
	if msl.Disagreements == nil {
		msl.Disagreements = []model.Disagreement{}
	}
	return msl
}

// lend gives a storyline's documents the tokens that timelines and
// summaries read (see withTokens): for as long as it takes, or, in a
// large storyline, to each document while it is read (the Borrow it
// returns); a storyline whose timeline and summaries are all kept reads
// none.
func (c *connection) lend(idx []int, reading bool) (release func(), borrow doc.Borrow) {
	if !reading || len(idx) > c.cfg.HoldTokens {
		return func() {}, doc.Borrow(func(d *doc.Doc) func() { return withTokens(d) })
	}
	lineDocs := make([]*doc.Doc, len(idx))
	for i, di := range idx {
		lineDocs[i] = c.docs[di]
	}
	return withTokens(lineDocs...), nil
}

// story assembles story si of storyline id: its documents, span and
// summary (kept from old when it has the same unchanged documents).
func (c *connection) story(id string, si int, st cluster.Group, old *model.Story, borrow doc.Borrow) model.Story {
	docs := c.docs
	ms := model.Story{ID: fmt.Sprintf("%s-story-%d", id, si+1), Title: groupTitle(docs, st)}
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
	if old != nil {
		ms.Summary = old.Summary
		c.reuse.Stories++
	} else {
		ms.Summary = summary.Summarize(docs, c.originals(st), 2, borrow)
	}
	return ms
}

// originals are the documents of idx that are not copies of another.
func (c *connection) originals(idx []int) []int {
	out := make([]int, 0, len(idx))
	for _, di := range idx {
		if c.docs[di].Linked.DuplicateOf == "" {
			out = append(out, di)
		}
	}
	return out
}

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
func markDuplicates(docs []*doc.Doc, opt dedup.Options) {
	items := make([]dedup.Item, len(docs))
	for i, d := range docs {
		order := d.Date()
		if order == "" {
			order = "9999" // undated copies follow dated originals
		}
		items[i] = dedup.Item{Text: d.Text, Order: order + "\x00" + d.ID}
	}
	for _, m := range dedup.Find(items, opt) {
		docs[m.Dup].Linked.DuplicateOf = docs[m.Of].ID
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
	top := x.Top(docIDs, func(e model.Entity) bool { return e.Type != string(doc.TypeNORP) && e.Type != string(doc.TypeMisc) }, k)
	ids := make([]string, len(top))
	for i, e := range top {
		ids[i] = e.ID
	}
	return ids
}

// Describe is a one-line account of an analysis, for logs.
func Describe(a *model.Analysis) string {
	return fmt.Sprintf("%d documents, %d entities, %d quotes, %d times, %d figures, %d events, %d storylines",
		len(a.Documents), len(a.Entities), len(a.Quotes), len(a.Times), len(a.Quantities), len(a.Events), len(a.Storylines))
}
