// Package cluster groups documents into storylines (one topic, weeks to
// months) and, inside each, stories (one development, days). Similarity
// is the cosine of TF-IDF vectors over content terms, resolved entities and
// dated references, damped by the gap between publication dates.
// Candidate pairs come from an inverted index over each document's top
// terms, so the cost grows with the number of related pairs, not all pairs.
package cluster

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/textvec"
)

// Options tune the grouping.
type Options struct {
	// StorylineSim and StorySim are the cosine thresholds for linking two
	// documents (single link); UndatedStorySim applies to a story link when
	// either document has no date, so time cannot help.
	StorylineSim, StorySim, UndatedStorySim float64
	// StoryDays is the largest gap in days between two documents of one
	// story; StorylineDays the same for storylines.
	StoryDays, StorylineDays int
	// MergeSim is the cosine between two storylines' centroids above which
	// the refining pass joins them: a stream splits a topic when its first
	// articles happen to differ, and one pass cannot undo that.
	MergeSim float64
}

// DefaultOptions are the thresholds the engine uses unless told otherwise.
func DefaultOptions() Options {
	return Options{StorylineSim: 0.12, StorySim: 0.15, UndatedStorySim: 0.3, StoryDays: 4, StorylineDays: 240, MergeSim: 0.15}
}

// Group is a set of document indexes.
type Group []int

// Storyline is a group with its stories.
type Storyline struct {
	Docs    Group
	Stories []Group
}

// FeatureBuilder makes one weighted, normalised vector per document, one
// document at a time (so that a caller can give a document its tokens
// only while it is read): its content terms, plus entity ids and full
// dates it mentions as extra features (prefixed so they never collide
// with words).
type FeatureBuilder struct {
	entityOf func(di, mi int) string
	voc      vocab
	raw      []textvec.Sparse
	ids      []textvec.Entry
}

// NewFeatureBuilder starts the vectors of a collection.
func NewFeatureBuilder(entityOf func(di, mi int) string) *FeatureBuilder {
	return &FeatureBuilder{entityOf: entityOf}
}

// Add reads document i (the next one: documents are added in order).
func (b *FeatureBuilder) Add(i int, d *doc.Doc) {
	ids := b.ids[:0]
	for _, t := range d.Tokens {
		if d.InCreditKind(t.Span, "photo", "source") {
			continue
		}
		if x := textvec.Term(d.Text[t.Start:t.End]); x != "" {
			ids = append(ids, textvec.Entry{ID: b.voc.ID(x), W: 1})
		}
	}
	for mi := range d.Mentions {
		if id := b.entityOf(i, mi); id != "" {
			ids = append(ids, textvec.Entry{ID: b.voc.ID("@" + id), W: 1.5})
		}
	}
	for _, tm := range d.Times {
		if tm.Type == "DATE" && len(tm.Value) == 10 {
			// month-day, so undated documents still match
			ids = append(ids, textvec.Entry{ID: b.voc.ID("#" + tm.Value[4:]), W: 1})
		}
	}
	b.raw = append(b.raw, textvec.Compact(slices.Clone(ids)))
	b.ids = ids
}

// Vectors weights what was added.
func (b *FeatureBuilder) Vectors() *Vectors { return b.voc.build(b.raw) }

// Cluster groups docs given their feature vectors. Storylines are built
// in one pass over the documents in date order (as a stream would deliver
// them): each document joins the storyline whose centroid it is most
// similar to, if similar enough and close enough in time, else it starts a
// new one. Centroids, unlike single links, do not chain unrelated articles
// through shared boilerplate vocabulary. Candidate storylines come from an
// inverted index over their top terms, so the cost grows with the number of
// related storylines, not with all of them. Stories are then cut inside
// each storyline the same way with a window of a few days.
func Cluster(docs []*doc.Doc, sp *Vectors, opt Options) []Storyline {
	dt := datesOf(docs)
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		da, db := dt.s[order[a]], dt.s[order[b]]
		if (da == "") != (db == "") {
			return db == "" // undated documents last: they join what exists
		}
		return da < db
	})
	lines := stream(docs, dt, sp, order, opt.StorylineSim, -1, opt.StorylineDays)
	lines = refine(dt, sp, lines, opt.StorylineSim, opt.MergeSim, opt.StorylineDays)
	var out []Storyline
	for _, members := range lines {
		sl := Storyline{Docs: append(Group(nil), members...)}
		sort.Ints(sl.Docs)
		for _, st := range stream(docs, dt, sp, members, opt.StorySim, opt.UndatedStorySim, opt.StoryDays) {
			g := append(Group(nil), st...)
			sort.Ints(g)
			sl.Stories = append(sl.Stories, g)
		}
		sort.SliceStable(sl.Stories, func(i, j int) bool { return sl.Stories[i][0] < sl.Stories[j][0] })
		out = append(out, sl)
	}
	// Biggest storylines first, then by first document.
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Docs) != len(out[j].Docs) {
			return len(out[i].Docs) > len(out[j].Docs)
		}
		return out[i].Docs[0] < out[j].Docs[0]
	})
	return out
}

// group under construction.
type centroid struct {
	sum     *idMap
	norm2   float64
	members []int
	last    time.Time // latest publication date of a member
	dated   bool
	terms   map[int32]bool // in index
}

func (c *centroid) sim(v textvec.Sparse) float64 {
	if c.norm2 == 0 {
		return 0
	}
	return dotMap(v, c.sum) / math.Sqrt(c.norm2)
}

// maxMember is the highest similarity of v to one of the group's first
// members (bounded, so a large group costs no more than a small one).
func (c *centroid) maxMember(sp *Vectors, v textvec.Sparse) float64 {
	best := 0.0
	for k, i := range c.members {
		if k == 50 {
			break
		}
		best = math.Max(best, textvec.Dot(v, sp.vecs[i]))
	}
	return best
}

func (c *centroid) add(v textvec.Sparse) {
	dot := dotMap(v, c.sum)
	var vv float64
	for _, e := range v {
		c.sum.add(e.ID, float64(e.W))
		vv += float64(e.W) * float64(e.W)
	}
	c.norm2 += 2*dot + vv
}

// stream assigns the documents idx (in that order) to groups. Dated
// documents join a dated group within days of its latest member when the
// centroid similarity reaches sim; when either side is undated, undatedSim
// applies to the best single member instead (or, when negative, sim to the
// centroid).
func stream(docs []*doc.Doc, dt dates, sp *Vectors, idx []int, sim, undatedSim float64, days int) [][]int {
	s := &streamer{docs: docs, dt: dt, sp: sp, sim: sim, undatedSim: undatedSim, days: days, index: sp.index()}
	defer sp.release(s.index)
	for _, i := range idx {
		best := s.best(i, s.candidates(i))
		if best < 0 {
			best = s.newGroup()
		}
		s.join(best, i)
	}
	out := make([][]int, len(s.groups))
	for g, c := range s.groups {
		out[g] = c.members
	}
	return out
}

// streamer is one stream's groups, with the index and scratch space its
// candidate search reuses from article to article.
type streamer struct {
	docs            []*doc.Doc
	dt              dates
	sp              *Vectors
	sim, undatedSim float64
	days            int
	groups          []*centroid
	// index holds, per term id, the groups that have it among a member's
	// top terms. Its lists are reused from call to call: stories are
	// streamed once per storyline, and a fresh index the size of the
	// vocabulary each time would cost storylines × vocabulary.
	index *postings
	// shared counts, per group, the article's top terms it has; touched
	// lists the groups counted, to reset them.
	shared  []int32
	touched []int
	cands   []int
}

// candidates are the groups sharing the most of article i's top terms
// (and in its time window); only those get a cosine. A stream of many
// topics would otherwise compare each article with hundreds of groups.
func (s *streamer) candidates(i int) []int {
	t, dated := s.dt.t[i], s.dt.ok[i]
	shared, touched, lists := s.shared, s.touched, s.index.lists
	for _, g := range touched {
		shared[g] = 0
	}
	touched = touched[:0]
	for _, term := range s.sp.tops[i] {
		for _, g := range capped(lists[term]) {
			if shared[g] == 0 {
				touched = append(touched, g)
			}
			shared[g]++
		}
	}
	cands := s.cands[:0]
	for _, g := range touched {
		if c := s.groups[g]; dated && c.dated && math.Abs(t.Sub(c.last).Hours()/24) > float64(s.days) {
			continue
		}
		cands = bestCandidates(cands, g, shared)
	}
	cands = closeCandidates(cands, shared)
	s.touched, s.cands = touched, cands
	return cands
}

// best is the candidate group most similar to article i among those that
// reach their threshold, or -1.
func (s *streamer) best(i int, cands []int) int {
	v := s.sp.vecs[i]
	dated := s.dt.ok[i]
	// An undated article placed in time by its own latest date.
	var ref time.Time
	placed := false
	if !dated {
		ref, placed = latestMention(s.docs[i])
	}
	best, bestSim := -1, 0.0
	for _, g := range cands {
		if sim, ok := s.similarity(s.groups[g], v, dated, placed, ref); ok && sim > bestSim {
			best, bestSim = g, sim
		}
	}
	return best
}

// similarity is how close article v is to group c, and whether it reaches
// the threshold that applies to the pair.
func (s *streamer) similarity(c *centroid, v textvec.Sparse, dated, placed bool, ref time.Time) (float64, bool) {
	switch {
	case dated && c.dated, s.undatedSim < 0:
		// Both dated (the time window was checked among the candidates),
		// or storylines, where the centroid decides.
		sim := c.sim(v)
		return sim, sim >= s.sim
	case placed && c.dated && !ref.After(c.last.AddDate(0, 0, s.days)) && c.last.Sub(ref) <= recentDays*24*time.Hour:
		// Its latest date falls shortly before the story (it cannot be
		// older than what it mentions): placed in time well enough for
		// the dated threshold.
		sim := c.sim(v)
		return sim, sim >= s.sim
	default:
		// Stories: time cannot help, so ask for a close match with one
		// member; centroids of several related articles look similar to
		// anything on the topic.
		sim := c.maxMember(s.sp, v)
		return sim, sim >= s.undatedSim
	}
}

// newGroup starts an empty group and returns its index.
func (s *streamer) newGroup() int {
	s.groups = append(s.groups, &centroid{sum: newIDMap(64), terms: map[int32]bool{}})
	s.shared = append(s.shared, 0)
	return len(s.groups) - 1
}

// join adds article i to group g: its centroid, its date and the index
// of its top terms.
func (s *streamer) join(g, i int) {
	c := s.groups[g]
	c.add(s.sp.vecs[i])
	c.members = append(c.members, i)
	if t := s.dt.t[i]; s.dt.ok[i] && (!c.dated || t.After(c.last)) {
		c.last, c.dated = t, true
	}
	for _, term := range s.sp.tops[i] {
		if !c.terms[term] {
			c.terms[term] = true
			s.index.add(term, g)
		}
	}
}

// refine improves a streamed grouping in two steps, each through an
// inverted index over centroid terms (never all pairs):
//  1. groups whose centroids are similar (mergeSim) and whose dates are
//     within days of each other are joined, until none are;
//  2. each document of a single-member group joins the group whose centroid
//     it is most similar to, if at least sim.
//
// The result depends much less on the order the documents came in.
func refine(dt dates, sp *Vectors, groups [][]int, sim, mergeSim float64, days int) [][]int {
	if mergeSim <= 0 || len(groups) < 2 {
		return groups
	}
	r := &refiner{dt: dt, sp: sp, days: days, seen: map[int]bool{}}
	gs := make([]*refGroup, len(groups))
	for i, m := range groups {
		gs[i] = r.newGroup(m)
	}
	for round := 0; round < 5; round++ {
		if !r.mergeRound(gs, mergeSim) {
			break
		}
	}
	// Single documents join the nearest group.
	var out []*refGroup
	var singles []int
	for _, g := range gs {
		if !g.alive {
			continue
		}
		if len(g.members) == 1 {
			singles = append(singles, g.members[0])
			continue
		}
		out = append(out, g)
	}
	return r.attachSingles(out, singles, sim)
}

// refGroup is a group as refine compares it.
type refGroup struct {
	members    []int
	sum        *idMap  // the members' vectors added up
	norm       float64 // |sum|
	top        []int32 // its top terms
	sig        textvec.Sparse
	first, end time.Time
	dated      bool
	alive      bool
}

// summarise computes what the comparisons read from a group's sum. The
// signature is the centroid cut to its top terms, normalised: big groups'
// full centroids all look alike (the common words of news); their
// distinctive terms do not. Both are the same for the sum as for the
// normalised centroid.
func (g *refGroup) summarise() {
	var n float64
	g.sum.each(func(_ int32, w float64) { n += w * w })
	g.norm = math.Sqrt(n)
	g.sig = signature(g.sum, 40)
	g.top = topOfMap(g.sum, 30)
}

// addDate widens the group's span of dates to t.
func (g *refGroup) addDate(t time.Time) {
	if !g.dated || t.Before(g.first) {
		g.first = t
	}
	if !g.dated || t.After(g.end) {
		g.end = t
	}
	g.dated = true
}

// refiner holds what refine's steps share.
type refiner struct {
	dt   dates
	sp   *Vectors
	days int
	seen map[int]bool // scratch: groups already compared
}

// newGroup sums the members' vectors and dates.
func (r *refiner) newGroup(members []int) *refGroup {
	// Sized for its terms, at most the vocabulary: a group of thousands
	// of articles still has only so many distinct terms.
	size := 0
	for _, i := range members {
		size += len(r.sp.vecs[i])
	}
	g := &refGroup{members: members, sum: newIDMap(min(size, len(r.sp.terms))), alive: true}
	for _, i := range members {
		for _, e := range r.sp.vecs[i] {
			g.sum.add(e.ID, float64(e.W))
		}
		if r.dt.ok[i] {
			g.addDate(r.dt.t[i])
		}
	}
	g.summarise()
	return g
}

// merge joins b into a, adding the smaller sum into the larger: a
// storyline that absorbs many small ones one by one is not summed again
// each time.
func merge(a, b *refGroup) *refGroup {
	big, small := a.sum, b.sum
	if small.n > big.n {
		big, small = small, big
	}
	g := &refGroup{members: append(append([]int(nil), a.members...), b.members...), sum: big, alive: true}
	small.each(func(id int32, w float64) { g.sum.add(id, w) })
	for _, x := range []*refGroup{a, b} {
		if x.dated {
			g.addDate(x.first)
			g.addDate(x.end)
		}
	}
	g.summarise()
	return g
}

// near reports whether two groups' dates lie within days of each other
// (always, when either is undated).
func (r *refiner) near(a, b *refGroup) bool {
	if !a.dated || !b.dated {
		return true
	}
	gap := 0.0
	if b.first.After(a.end) {
		gap = b.first.Sub(a.end).Hours() / 24
	} else if a.first.After(b.end) {
		gap = a.first.Sub(b.end).Hours() / 24
	}
	return gap <= float64(r.days)
}

// termIndex lists, per term id, the live groups with it among their top
// terms.
func (r *refiner) termIndex(gs []*refGroup) [][]int {
	index := make([][]int, len(r.sp.terms))
	for gi, g := range gs {
		if g.alive {
			for _, t := range g.top {
				index[t] = append(index[t], gi)
			}
		}
	}
	return index
}

// mergeRound joins each live group with its most similar near one, if
// any reaches mergeSim, and reports whether any did.
func (r *refiner) mergeRound(gs []*refGroup, mergeSim float64) bool {
	index := r.termIndex(gs)
	merged := false
	for ai, a := range gs {
		if !a.alive {
			continue
		}
		if best := r.mostSimilar(gs, ai, index, mergeSim); best >= 0 {
			b := gs[best]
			b.alive = false
			gs[ai] = merge(a, b)
			merged = true
		}
	}
	return merged
}

// mostSimilar is the live group near group ai whose signature is most
// similar to its own, at least mergeSim, or -1.
func (r *refiner) mostSimilar(gs []*refGroup, ai int, index [][]int, mergeSim float64) int {
	a := gs[ai]
	best, bestSim := -1, mergeSim
	clear(r.seen)
	r.seen[ai] = true
	for _, t := range a.top {
		for _, bi := range capped(index[t]) {
			if r.seen[bi] || !gs[bi].alive {
				continue
			}
			r.seen[bi] = true
			if !r.near(a, gs[bi]) {
				continue
			}
			if s := textvec.Dot(a.sig, gs[bi].sig); s >= bestSim {
				best, bestSim = bi, s
			}
		}
	}
	return best
}

// attachSingles adds each single document to the group of out whose
// centroid it is most similar to (at least sim, and near in time); the
// others stay alone, listed first.
func (r *refiner) attachSingles(out []*refGroup, singles []int, sim float64) [][]int {
	index := r.termIndex(out)
	added := make([][]int, len(out))
	var result [][]int
	for _, i := range singles {
		if best := r.nearestGroup(out, index, i, sim); best >= 0 {
			added[best] = append(added[best], i)
		} else {
			result = append(result, []int{i})
		}
	}
	for gi, g := range out {
		result = append(result, append(g.members, added[gi]...))
	}
	return result
}

// nearestGroup is the group of out nearest document i, or -1.
func (r *refiner) nearestGroup(out []*refGroup, index [][]int, i int, sim float64) int {
	best, bestSim := -1, sim
	clear(r.seen)
	probe := &refGroup{}
	if r.dt.ok[i] {
		probe.first, probe.end, probe.dated = r.dt.t[i], r.dt.t[i], true
	}
	for _, t := range r.sp.tops[i] {
		for _, gi := range capped(index[t]) {
			if r.seen[gi] {
				continue
			}
			r.seen[gi] = true
			if s := dotMap(r.sp.vecs[i], out[gi].sum) / out[gi].norm; s >= bestSim && r.near(probe, out[gi]) {
				best, bestSim = gi, s
			}
		}
	}
	return best
}

// maxPosting bounds the groups looked at per term of a new article, and
// maxCandidates the groups an article is compared with.
const (
	maxPosting    = 64
	maxCandidates = 12
)

// bestCandidates adds group g to cands, the at most maxCandidates groups
// sharing the most terms with an article (ties: the more recent group,
// which has the higher index), kept in that order. Insertion into a short
// list, not a sort of every group that shares a term: at scale a common
// term's posting list alone holds maxPosting groups.
func bestCandidates(cands []int, g int, shared []int32) []int {
	better := func(a, b int) bool { return shared[a] > shared[b] || shared[a] == shared[b] && a > b }
	if len(cands) == maxCandidates && !better(g, cands[len(cands)-1]) {
		return cands
	}
	if len(cands) < maxCandidates {
		cands = append(cands, g)
	}
	k := len(cands) - 1
	for ; k > 0 && better(g, cands[k-1]); k-- {
		cands[k] = cands[k-1]
	}
	cands[k] = g
	return cands
}

// closeCandidates cuts cands (best first) to the groups sharing at least
// a third as many of the article's top terms as the best: the others
// came in through a word or two that many topics use, and a cosine with
// them is wasted. On generated streams none of those won an article, and
// at 100,000 articles they were five in six of the cosines computed.
func closeCandidates(cands []int, shared []int32) []int {
	for k := 1; k < len(cands); k++ {
		if 3*shared[cands[k]] < shared[cands[0]] {
			return cands[:k]
		}
	}
	return cands
}

// capped keeps the last maxPosting groups of a posting list: a term in
// more groups than that says little about which one an article belongs
// to, and the latest groups are the ones still open.
func capped(gs []int) []int {
	if len(gs) > maxPosting {
		return gs[len(gs)-maxPosting:]
	}
	return gs
}

// recentDays bounds how long before a story an undated article's latest
// mentioned date may lie for it to count as placed in time.
const recentDays = 120

// latestMention is the latest date an undated document writes out with
// its year, at the end of its period ("February 2016" is February 29).
// Dates resolved against something else ("May", given a year from related
// articles) do not count: they may be announced, not past.
func latestMention(d *doc.Doc) (time.Time, bool) {
	var best time.Time
	ok := false
	for _, t := range d.Times {
		if t.Type != "DATE" || t.Anchor != "" || len(t.Value) < 7 || t.Value[0] < '0' || t.Value[0] > '9' {
			continue
		}
		var end time.Time
		switch len(t.Value) {
		case 7:
			m, err := time.Parse("2006-01", t.Value)
			if err != nil {
				continue
			}
			end = m.AddDate(0, 1, -1)
		case 10:
			var err error
			if end, err = time.Parse(doc.DayLayout, t.Value); err != nil {
				continue
			}
		default:
			continue
		}
		if !ok || end.After(best) {
			best, ok = end, true
		}
	}
	return best, ok
}

// dates are the documents' publication days, read once: the sort and every
// pass over the documents look them up, and at scale following each
// document's pointer for its date was a cache miss each time.
type dates struct {
	s  []string    // Doc.Date
	t  []time.Time // parsed, when ok
	ok []bool
}

func datesOf(docs []*doc.Doc) dates {
	dt := dates{s: make([]string, len(docs)), t: make([]time.Time, len(docs)), ok: make([]bool, len(docs))}
	for i, d := range docs {
		dt.s[i] = d.Date()
		dt.t[i], dt.ok[i] = parseDay(dt.s[i])
	}
	return dt
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(doc.DayLayout, s)
	return t, err == nil
}
