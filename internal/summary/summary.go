// Package summary writes the extractive summary of a storyline (central
// sentences, redundancy removed, in time order, each cited) and lays side
// by side the figures its sources disagree on.
package summary

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/textvec"
	"github.com/storyline-news/storyline/internal/timeline"
)

type sent struct {
	di, si int
	vec    textvec.Sparse
	score  float64
	ents   []string // entity keys mentioned
}

// maxGraph bounds the sentences each sentence is compared with for graph
// centrality: a storyline of thousands of sentences is compared with an
// even sample of maxGraph of them, so the cost grows linearly with its
// size, not with its square.
const maxGraph = 300

// Summarize picks up to n sentences from the documents idx, each cited:
//   - score: graph centrality (the summed similarity of a sentence to the
//     sentences of other documents: what several sources report) and the
//     cosine to the group's centroid, with a bonus for lead sentences;
//   - selection: greedy, adding to the score the main entities a sentence
//     covers that chosen ones do not yet (who the story is about), minus
//     its similarity to what is chosen (maximal marginal relevance), never
//     a near-repeat;
//   - order: by publication date, then place in the document.
//
// Sentences are read once, each document's through tokens (nil: the
// documents have their tokens); the rest works on their vectors.
func Summarize(docs []*doc.Doc, idx []int, n int, tokens doc.Borrow) []model.SummaryLine {
	r := readSentences(docs, idx, tokens)
	if len(r.ss) == 0 {
		return []model.SummaryLine{}
	}
	// Terms are numbered in the order the sentences use them, and every
	// sum below runs in a fixed order: the same documents always give the
	// same summary, to the last bit of every score.
	nTerms := len(r.in.Terms())
	textvec.WeightAll(r.vecs, nTerms)
	score(docs, r.ss, centroidOf(r.vecs, nTerms), centrality(r.ss))
	chosen := choose(r.ss, n, mainEntities(r.entCount, 5))
	sort.SliceStable(chosen, func(i, j int) bool {
		a, b := docs[chosen[i].di], docs[chosen[j].di]
		if a.Date() != b.Date() {
			return a.Date() < b.Date()
		}
		if chosen[i].di != chosen[j].di {
			return chosen[i].di < chosen[j].di
		}
		return chosen[i].si < chosen[j].si
	})
	out := make([]model.SummaryLine, 0, len(chosen))
	for _, c := range chosen {
		d := docs[c.di]
		s := d.Sentences[c.si]
		out = append(out, model.SummaryLine{Text: d.Text[s.Start:s.End], Evidence: []model.Evidence{{Doc: d.ID, Start: s.Start, End: s.End}}})
	}
	return out
}

// reading is the candidate sentences of a storyline: their term counts
// (in vecs too, for weighting), over one vocabulary, and how many
// sentences mention each entity.
type reading struct {
	ss       []sent
	vecs     []textvec.Sparse
	in       textvec.Interner
	entCount map[string]int
}

// readSentences reads the usable sentences of the documents idx, each
// document while tokens lends it its tokens.
func readSentences(docs []*doc.Doc, idx []int, tokens doc.Borrow) *reading {
	r := &reading{entCount: map[string]int{}}
	for _, di := range idx {
		d := docs[di]
		tokens.With(d, func() { r.readDoc(d, di) })
	}
	return r
}

// readDoc adds the sentences of d (document di) that are usable as
// reporting and have at least four terms.
func (r *reading) readDoc(d *doc.Doc, di int) {
	for si := range d.Sentences {
		if !timeline.Usable(d, si) {
			continue
		}
		v := r.in.Counts(textvec.Terms(d, d.Sentences[si]))
		if len(v) < 4 {
			continue
		}
		r.ss = append(r.ss, sent{di: di, si: si, vec: v, ents: r.entities(d, si)})
		r.vecs = append(r.vecs, v)
	}
}

// entities are the keys of the entities sentence si of d mentions, each
// once, leaving out nationalities and groups (NORP), counted in entCount.
func (r *reading) entities(d *doc.Doc, si int) []string {
	var ents []string
	seen := map[string]bool{}
	for _, m := range d.Mentions {
		if d.Sentences[si].Contains(m.Span) && m.Key != "" && !seen[m.Key] && m.Type != doc.TypeNORP {
			seen[m.Key] = true
			ents = append(ents, m.Key)
			r.entCount[m.Key]++
		}
	}
	return ents
}

// centroidOf is the normalised sum of the weighted vectors, as a sparse
// vector in term order.
func centroidOf(vecs []textvec.Sparse, nTerms int) textvec.Sparse {
	cent := make([]float64, nTerms)
	for _, v := range vecs {
		for _, e := range v {
			cent[e.ID] += float64(e.W)
		}
	}
	var norm float64
	for _, w := range cent {
		norm += w * w
	}
	norm = math.Sqrt(norm)
	centroid := make(textvec.Sparse, 0, len(cent))
	for id, w := range cent {
		if w != 0 {
			centroid = append(centroid, textvec.Entry{ID: int32(id), W: float32(w / norm)})
		}
	}
	return centroid
}

// centrality is each sentence's graph centrality: its similarity to the
// sentences of other documents (all of them, or an even sample of
// maxGraph), normalised to [0, 1] by the most central sentence.
func centrality(ss []sent) []float64 {
	ref := make([]int, 0, min(len(ss), maxGraph))
	for k := 0; k < min(len(ss), maxGraph); k++ {
		ref = append(ref, k*len(ss)/min(len(ss), maxGraph))
	}
	central := make([]float64, len(ss))
	for i := range ss {
		for _, j := range ref {
			if ss[i].di == ss[j].di {
				continue
			}
			if c := textvec.Dot(ss[i].vec, ss[j].vec); c > 0.1 {
				central[i] += c
			}
		}
	}
	top := 0.0
	for _, c := range central {
		top = math.Max(top, c)
	}
	for i := range central {
		if top > 0 {
			central[i] /= top
		}
	}
	return central
}

// mainEntities are the k entities mentioned in most sentences (ties by
// key).
func mainEntities(entCount map[string]int, k int) map[string]bool {
	keys := make([]string, 0, len(entCount))
	for key := range entCount {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		if entCount[keys[i]] != entCount[keys[j]] {
			return entCount[keys[i]] > entCount[keys[j]]
		}
		return keys[i] < keys[j]
	})
	main := map[string]bool{}
	for _, key := range keys[:min(k, len(keys))] {
		main[key] = true
	}
	return main
}

// score gives each sentence its score: half the cosine to the centroid,
// half its centrality, a bonus for a place near the lead (which carries
// the news), less for a direct quote (a poor summary line on its own).
func score(docs []*doc.Doc, ss []sent, centroid textvec.Sparse, central []float64) {
	pos := map[int]int{}
	for i := range ss {
		s := &ss[i]
		p := pos[s.di]
		pos[s.di]++
		s.score = 0.5*textvec.Dot(s.vec, centroid) + 0.5*central[i] + 0.15/float64(1+p)
		d := docs[s.di]
		txt := d.Text[d.Sentences[s.si].Start:d.Sentences[s.si].End]
		if strings.HasPrefix(txt, "\"") || strings.HasPrefix(txt, "“") {
			s.score *= 0.6
		}
	}
}

// choose picks up to n sentences greedily by marginal value (see value).
func choose(ss []sent, n int, main map[string]bool) []sent {
	var chosen []sent
	covered := map[string]bool{}
	used := map[int]bool{}
	for len(chosen) < n {
		best, bestVal := -1, -1e9
		for i, s := range ss {
			if used[i] {
				continue
			}
			if val, ok := value(s, chosen, main, covered); ok && val > bestVal {
				best, bestVal = i, val
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		chosen = append(chosen, ss[best])
		for _, e := range ss[best].ents {
			covered[e] = true
		}
	}
	return chosen
}

// value is what sentence s adds to the chosen ones: its score, plus the
// main entities it covers that they do not, minus its greatest similarity
// to one of them; not ok for a near-repeat.
func value(s sent, chosen []sent, main, covered map[string]bool) (float64, bool) {
	red := 0.0
	for _, c := range chosen {
		red = math.Max(red, textvec.Dot(s.vec, c.vec))
	}
	if red > 0.6 {
		return 0, false
	}
	gain := 0.0
	for _, e := range s.ents {
		if main[e] && !covered[e] {
			gain += 0.05
		}
	}
	return 0.7*s.score + gain - 0.3*red, true
}

// Claim is a quantity with the entity names resolved, as the
// disagreement finder needs it.
type Claim struct {
	Doc       *doc.Doc
	Q         doc.Quantity
	PlaceID   string
	PlaceName string
	AttrName  string
}

// whatClass folds counted nouns that stand for the same population.
func whatClass(what string) string {
	w := strings.ToLower(what)
	fs := strings.Fields(w)
	if len(fs) == 0 {
		return ""
	}
	head := fs[len(fs)-1]
	switch head {
	case "people", "civilians", "persons", "residents", "individuals", "lives":
		return "people"
	}
	return textvec.Term(head)
}

// Disagreements finds claims about the same thing (event, what, place,
// period) with different values from different documents. A claim that
// names no place or period joins the group it otherwise matches. Counts
// that only grow as later reports come in are an update (the window or
// the toll grew), not a conflict.
func Disagreements(claims []Claim) []model.Disagreement {
	type key struct{ event, what string }
	groups := map[key][]Claim{}
	var order []key
	for _, c := range claims {
		if c.Q.PartOf >= 0 || c.Q.Event == "" {
			continue
		}
		k := key{c.Q.Event, whatClass(c.Q.What)}
		if k.event == "dead" {
			k.event = "killed"
		}
		if k.what == "" && (k.event == "killed" || k.event == "injured" || k.event == "wounded") {
			k.what = "people"
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	var out []model.Disagreement
	for _, k := range order {
		for _, g := range splitBy(groups[k], func(c Claim) string { return c.PlaceID }) {
			for _, g2 := range splitBy(g, func(c Claim) string { return c.Q.Since }) {
				if d, ok := compare(k.what, k.event, g2); ok {
					out = append(out, d)
				}
			}
		}
	}
	return out
}

// splitBy partitions claims by a field; claims with an empty field join
// the largest partition.
func splitBy(cs []Claim, field func(Claim) string) [][]Claim {
	parts := map[string][]Claim{}
	var order []string
	var blank []Claim
	for _, c := range cs {
		f := field(c)
		if f == "" {
			blank = append(blank, c)
			continue
		}
		if _, ok := parts[f]; !ok {
			order = append(order, f)
		}
		parts[f] = append(parts[f], c)
	}
	if len(order) == 0 {
		return [][]Claim{blank}
	}
	biggest := order[0]
	for _, f := range order {
		if len(parts[f]) > len(parts[biggest]) {
			biggest = f
		}
	}
	parts[biggest] = append(parts[biggest], blank...)
	out := make([][]Claim, 0, len(order))
	for _, f := range order {
		out = append(out, parts[f])
	}
	return out
}

func compare(what, event string, g []Claim) (model.Disagreement, bool) {
	docsSeen := map[string]bool{}
	values := map[float64]bool{}
	for _, c := range g {
		docsSeen[c.Doc.ID] = true
		values[c.Q.Value] = true
	}
	if len(docsSeen) < 2 || len(values) < 2 {
		return model.Disagreement{}, false
	}
	sort.SliceStable(g, func(i, j int) bool {
		if g[i].Doc.Date() != g[j].Doc.Date() {
			return g[i].Doc.Date() < g[j].Doc.Date()
		}
		return g[i].Q.Value < g[j].Q.Value
	})
	about := what
	if about == "" {
		about = "figure"
	}
	about += " " + event
	place, since := "", ""
	for _, c := range g {
		if place == "" && c.PlaceName != "" {
			place = c.PlaceName
		}
		if since == "" && c.Q.Since != "" {
			since = c.Q.Since
		}
	}
	if place != "" {
		about += " in " + place
	}
	if since != "" {
		about += " since " + since
	}
	dis := model.Disagreement{About: about, Kind: "conflict", Note: "sources give different figures for the same thing"}
	update := true
	for i := 1; i < len(g); i++ {
		a, b := g[i-1], g[i]
		if a.Doc.Date() == "" || b.Doc.Date() == "" || a.Doc.Date() == b.Doc.Date() && a.Q.Value != b.Q.Value || b.Q.Value < a.Q.Value {
			update = false
		}
	}
	if update {
		dis.Kind = "update"
		if since != "" {
			dis.Note = fmt.Sprintf("later reports give higher counts for the period since %s: the window grew, the sources need not contradict each other", since)
		} else {
			dis.Note = "later reports give higher counts: the toll grew over time, the sources need not contradict each other"
		}
	}
	for _, c := range g {
		dis.Claims = append(dis.Claims, model.Claim{Value: c.Q.Value, Approximate: c.Q.Approximate, Text: c.Doc.Text[c.Q.Start:c.Q.End],
			Doc: c.Doc.ID, Start: c.Q.Start, End: c.Q.End, Published: c.Doc.PublishedOut(), Source: c.Doc.Source, AttributedToName: c.AttrName})
	}
	return dis, true
}
