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

// pair is a candidate link.
type pair struct {
	a, b int
	sim  float64
}

// candidates scores the document pairs that share one of their top terms.
func candidates(vs []textvec.Vec) []pair {
	index := map[string][]int{}
	for i, v := range vs {
		for _, t := range textvec.Top(v, 30) {
			index[t] = append(index[t], i)
		}
	}
	// A term in very many documents links everything and says nothing:
	// its postings are not expanded into pairs.
	limit := max(50, len(vs)/20)
	seen := map[[2]int]bool{}
	var out []pair
	for _, post := range index {
		if len(post) > limit {
			continue
		}
		for x := 0; x < len(post); x++ {
			for y := x + 1; y < len(post); y++ {
				k := [2]int{post[x], post[y]}
				if seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, pair{post[x], post[y], textvec.Cosine(vs[post[x]], vs[post[y]])})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].a != out[j].a {
			return out[i].a < out[j].a
		}
		return out[i].b < out[j].b
	})
	return out
}

func dayGap(a, b *doc.Doc) (int, bool) {
	ta, err1 := time.Parse("2006-01-02", a.Date())
	tb, err2 := time.Parse("2006-01-02", b.Date())
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(math.Abs(ta.Sub(tb).Hours() / 24)), true
}

// Cluster groups docs given their feature vectors.
func Cluster(docs []*doc.Doc, vs []textvec.Vec, opt Options) []Storyline {
	n := len(docs)
	pairs := candidates(vs)
	lineUF := newUF(n)
	storyUF := newUF(n)
	for _, p := range pairs {
		gap, dated := dayGap(docs[p.a], docs[p.b])
		if p.sim >= opt.StorylineSim && (!dated || gap <= opt.StorylineDays) {
			lineUF.union(p.a, p.b)
		}
		storyThreshold := opt.StorySim
		if !dated {
			// Undated documents need stronger evidence to share a story.
			storyThreshold = opt.UndatedStorySim
		}
		if p.sim >= storyThreshold && (!dated || gap <= opt.StoryDays) {
			storyUF.union(p.a, p.b)
		}
	}
	lines := map[int]*Storyline{}
	var order []int
	for i := 0; i < n; i++ {
		r := lineUF.find(i)
		if lines[r] == nil {
			lines[r] = &Storyline{}
			order = append(order, r)
		}
		lines[r].Docs = append(lines[r].Docs, i)
	}
	var out []Storyline
	for _, r := range order {
		sl := lines[r]
		stories := map[int]int{}
		for _, i := range sl.Docs {
			// A story never crosses storylines.
			sr := storyUF.find(i)
			if lineUF.find(sr) != r {
				sr = i
			}
			idx, ok := stories[sr]
			if !ok {
				idx = len(sl.Stories)
				stories[sr] = idx
				sl.Stories = append(sl.Stories, nil)
			}
			sl.Stories[idx] = append(sl.Stories[idx], i)
		}
		out = append(out, *sl)
	}
	// Biggest storylines first.
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Docs) > len(out[j].Docs) })
	return out
}

type uf struct{ p []int }

func newUF(n int) *uf {
	u := &uf{p: make([]int, n)}
	for i := range u.p {
		u.p[i] = i
	}
	return u
}

func (u *uf) find(x int) int {
	for u.p[x] != x {
		u.p[x] = u.p[u.p[x]]
		x = u.p[x]
	}
	return x
}

func (u *uf) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		if ra < rb {
			u.p[rb] = ra
		} else {
			u.p[ra] = rb
		}
	}
}
