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
	vec    textvec.Vec
	score  float64
}

// Summarize picks up to n sentences from the documents idx: the most
// central to the storyline's centroid, with a bonus for lead sentences,
// skipping near-repeats (maximal marginal relevance), in time order.
func Summarize(docs []*doc.Doc, idx []int, n int) []model.SummaryLine {
	var ss []sent
	var vecs []textvec.Vec
	for _, di := range idx {
		d := docs[di]
		for si := range d.Sentences {
			if !timeline.Usable(d, si) {
				continue
			}
			v := textvec.Counts(textvec.Terms(d, d.Sentences[si]))
			if len(v) < 4 {
				continue
			}
			ss = append(ss, sent{di: di, si: si, vec: v})
			vecs = append(vecs, v)
		}
	}
	if len(ss) == 0 {
		return []model.SummaryLine{}
	}
	idf := textvec.IDF(vecs)
	centroid := textvec.Vec{}
	for _, s := range ss {
		textvec.Weight(s.vec, idf)
		for t, w := range s.vec {
			centroid[t] += w
		}
	}
	var norm float64
	for _, w := range centroid {
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for t := range centroid {
		centroid[t] /= norm
	}
	// Position in document: the lead carries the news.
	pos := map[int]int{}
	for i := range ss {
		s := &ss[i]
		p := pos[s.di]
		pos[s.di]++
		s.score = textvec.Cosine(s.vec, centroid) + 0.15/float64(1+p)
		// Direct quotes make poor summary lines on their own.
		d := docs[s.di]
		txt := d.Text[d.Sentences[s.si].Start:d.Sentences[s.si].End]
		if strings.HasPrefix(txt, "\"") || strings.HasPrefix(txt, "“") {
			s.score *= 0.6
		}
	}
	var chosen []sent
	used := map[int]bool{}
	for len(chosen) < n {
		best, bestVal := -1, -1e9
		for i, s := range ss {
			if used[i] {
				continue
			}
			red := 0.0
			for _, c := range chosen {
				red = math.Max(red, textvec.Cosine(s.vec, c.vec))
			}
			val := 0.7*s.score - 0.3*red
			if red > 0.6 {
				continue
			}
			if val > bestVal {
				best, bestVal = i, val
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		chosen = append(chosen, ss[best])
	}
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
// period) with different values from different documents. A later, larger
// count over the same period is an update, not a conflict.
func Disagreements(claims []Claim) []model.Disagreement {
	type key struct{ event, what, place, since string }
	groups := map[key][]Claim{}
	var order []key
	for _, c := range claims {
		if c.Q.PartOf >= 0 || c.Q.Event == "" {
			continue
		}
		k := key{c.Q.Event, whatClass(c.Q.What), c.PlaceID, c.Q.Since}
		if k.event == "dead" {
			k.event = "killed"
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	var out []model.Disagreement
	for _, k := range order {
		g := groups[k]
		docsSeen := map[string]bool{}
		values := map[float64]bool{}
		for _, c := range g {
			docsSeen[c.Doc.ID] = true
			values[c.Q.Value] = true
		}
		if len(docsSeen) < 2 || len(values) < 2 {
			continue
		}
		sort.SliceStable(g, func(i, j int) bool { return g[i].Doc.Date() < g[j].Doc.Date() })
		dis := model.Disagreement{Kind: "conflict"}
		about := k.what
		if about == "" {
			about = "figure"
		}
		about += " " + k.event
		if g[0].PlaceName != "" {
			about += " in " + g[0].PlaceName
		}
		if k.since != "" {
			about += " since " + k.since
		}
		dis.About = about
		// Update: values grow with publication date, all dated, over one period.
		update := k.since != ""
		for i := 1; i < len(g); i++ {
			if g[i].Doc.Date() == "" || g[i-1].Doc.Date() == "" || g[i].Doc.Date() == g[i-1].Doc.Date() || g[i].Q.Value < g[i-1].Q.Value {
				update = false
			}
		}
		if update {
			dis.Kind = "update"
			dis.Note = fmt.Sprintf("later reports give higher counts for the same period since %s: the window grew", k.since)
		} else {
			dis.Note = "sources give different figures for the same thing"
		}
		for _, c := range g {
			dis.Claims = append(dis.Claims, model.Claim{Value: c.Q.Value, Approximate: c.Q.Approximate, Text: c.Doc.Text[c.Q.Start:c.Q.End],
				Doc: c.Doc.ID, Start: c.Q.Start, End: c.Q.End, Published: c.Doc.Published, Source: c.Doc.Source, AttributedToName: c.AttrName})
		}
		out = append(out, dis)
	}
	return out
}
