// Package cluster groups documents into storylines (one topic, weeks to
// months) and, inside each, stories (one development, days). Similarity
// is the cosine of TF-IDF vectors over content terms, resolved entities and
// dated references, damped by the gap between publication dates.
// Candidate pairs come from an inverted index over each document's top
// terms, so the cost grows with the number of related pairs, not all pairs.
package cluster

import (
	"math"
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
}

// Defaults are the thresholds used by the CLI.
var Defaults = Options{StorylineSim: 0.12, StorySim: 0.15, UndatedStorySim: 0.3, StoryDays: 4, StorylineDays: 240}

// Group is a set of document indexes.
type Group []int

// Storyline is a group with its stories.
type Storyline struct {
	Docs    Group
	Stories []Group
}

// Features returns one weighted, normalised vector per document: its
// content terms, plus entity ids and full dates it mentions as extra
// features (prefixed so they never collide with words).
func Features(docs []*doc.Doc, entityOf func(di, mi int) string) []textvec.Vec {
	vs := make([]textvec.Vec, len(docs))
	for i, d := range docs {
		v := textvec.Vec{}
		for _, t := range d.Tokens {
			if d.InCreditKind(t.Span, "photo", "source") {
				continue
			}
			if x := textvec.Term(d.Text[t.Start:t.End]); x != "" {
				v[x]++
			}
		}
		for mi := range d.Mentions {
			if id := entityOf(i, mi); id != "" {
				v["@"+id] += 1.5
			}
		}
		for _, tm := range d.Times {
			if tm.Type == "DATE" && len(tm.Value) == 10 {
				v["#"+tm.Value[4:]] += 1 // month-day, so undated documents still match
			}
		}
		vs[i] = v
	}
	idf := textvec.IDF(vs)
	for _, v := range vs {
		textvec.Weight(v, idf)
	}
	return vs
}

// Cluster groups docs given their feature vectors. Storylines are built
// in one pass over the documents in date order (as a stream would deliver
// them): each document joins the storyline whose centroid it is most
// similar to, if similar enough and close enough in time, else it starts a
// new one. Centroids, unlike single links, do not chain unrelated articles
// through shared boilerplate vocabulary. Candidate storylines come from an
// inverted index over their top terms, so the cost grows with the number of
// related storylines, not with all of them. Stories are then cut inside
// each storyline the same way with a window of a few days.
func Cluster(docs []*doc.Doc, vs []textvec.Vec, opt Options) []Storyline {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		da, db := docs[order[a]].Date(), docs[order[b]].Date()
		if (da == "") != (db == "") {
			return db == "" // undated documents last: they join what exists
		}
		return da < db
	})
	lines := stream(docs, vs, order, opt.StorylineSim, -1, opt.StorylineDays)
	var out []Storyline
	for _, members := range lines {
		sl := Storyline{Docs: append(Group(nil), members...)}
		sort.Ints(sl.Docs)
		for _, st := range stream(docs, vs, members, opt.StorySim, opt.UndatedStorySim, opt.StoryDays) {
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
	sum     textvec.Vec
	norm2   float64
	members []int
	last    time.Time // latest publication date of a member
	dated   bool
	terms   map[string]bool
}

func (c *centroid) sim(v textvec.Vec) float64 {
	if c.norm2 == 0 {
		return 0
	}
	return textvec.Cosine(v, c.sum) / math.Sqrt(c.norm2)
}

// maxMember is the highest similarity of v to one of the group's first
// members (bounded, so a large group costs no more than a small one).
func (c *centroid) maxMember(vs []textvec.Vec, v textvec.Vec) float64 {
	best := 0.0
	for k, i := range c.members {
		if k == 50 {
			break
		}
		best = math.Max(best, textvec.Cosine(v, vs[i]))
	}
	return best
}

func (c *centroid) add(v textvec.Vec) {
	dot := textvec.Cosine(v, c.sum)
	var vv float64
	for t, x := range v {
		c.sum[t] += x
		vv += x * x
	}
	c.norm2 += 2*dot + vv
}

// stream assigns the documents idx (in that order) to groups. Dated
// documents join a dated group within days of its latest member when the
// centroid similarity reaches sim; when either side is undated, undatedSim
// applies to the best single member instead (or, when negative, sim to the
// centroid).
func stream(docs []*doc.Doc, vs []textvec.Vec, idx []int, sim, undatedSim float64, days int) [][]int {
	var groups []*centroid
	index := map[string][]int{}
	for _, i := range idx {
		v := vs[i]
		t, dated := parseDay(docs[i].Date())
		top := textvec.Top(v, 20)
		seen := map[int]bool{}
		best, bestSim := -1, 0.0
		for _, term := range top {
			for _, g := range index[term] {
				if seen[g] {
					continue
				}
				seen[g] = true
				c := groups[g]
				var s float64
				if dated && c.dated {
					if gap := math.Abs(t.Sub(c.last).Hours() / 24); gap > float64(days) {
						continue
					}
					if s = c.sim(v); s < sim {
						continue
					}
				} else if undatedSim < 0 {
					if s = c.sim(v); s < sim {
						continue
					}
				} else {
					// Stories: time cannot help, so ask for a close match
					// with one member; centroids of several related
					// articles look similar to anything on the topic.
					if s = c.maxMember(vs, v); s < undatedSim {
						continue
					}
				}
				if s > bestSim {
					best, bestSim = g, s
				}
			}
		}
		if best < 0 {
			groups = append(groups, &centroid{sum: textvec.Vec{}, terms: map[string]bool{}})
			best = len(groups) - 1
		}
		c := groups[best]
		c.add(v)
		c.members = append(c.members, i)
		if dated && (!c.dated || t.After(c.last)) {
			c.last, c.dated = t, true
		}
		for _, term := range top {
			if !c.terms[term] {
				c.terms[term] = true
				index[term] = append(index[term], best)
			}
		}
	}
	out := make([][]int, len(groups))
	for g, c := range groups {
		out[g] = c.members
	}
	return out
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}
