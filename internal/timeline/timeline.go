// Package timeline builds a dated timeline for a storyline: it picks the
// dates that sources mention (or publish on), weighted by how many sources
// mention them, and for each date one to three sentences, de-duplicated
// across sources, each cited back to its exact sentence.
package timeline

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/textvec"
)

// Options bound the timeline's size.
type Options struct {
	MaxDates   int
	PerDate    int
	MaxSentLen int
	// From and To (YYYY-MM-DD), when set, bound the dates the timeline
	// may hold.
	From, To string
	// LeadSentences is how many of an article's first sentences without a
	// date of their own stand for its publication date.
	LeadSentences int
	// Tokens lends each document its tokens while Build reads it (nil:
	// the documents have theirs).
	Tokens doc.Borrow
}

// DefaultOptions are what the engine uses unless told otherwise.
func DefaultOptions() Options {
	return Options{MaxDates: 40, PerDate: 2, MaxSentLen: 400, LeadSentences: 5}
}

type cand struct {
	date   string
	di, si int
	score  float64
	terms  []string
	pub    bool
}

// Usable reports whether sentence si of d may be quoted as reporting: not a
// credit, caption or title line, and long enough to say something.
func Usable(d *doc.Doc, si int) bool {
	s := d.Sentences[si]
	if d.InCreditKind(s, "source", "photo", "caption") {
		return false
	}
	if d.Title != "" && strings.HasPrefix(d.Text, d.Title) && s.Start < len(d.Title) {
		return false
	}
	words := strings.Fields(d.Text[s.Start:s.End])
	if len(words) < 6 {
		return false
	}
	// A line without final punctuation is a headline or crosshead.
	last, _ := utf8.DecodeLastRuneInString(d.Text[s.Start:s.End])
	return strings.ContainsRune(".\"!?”’)'", last)
}

// Build returns the timeline of the documents idx of docs: the dates
// most documents speak of (within From and To), each with the sentences
// most central to what is said of it.
func Build(docs []*doc.Doc, idx []int, opt Options) []model.TimelineEntry {
	var cs []cand
	for _, di := range idx {
		d := docs[di]
		opt.Tokens.With(d, func() { cs = appendCandidates(cs, d, di, opt.LeadSentences) })
	}
	if opt.From != "" || opt.To != "" {
		kept := cs[:0]
		for _, c := range cs {
			if (opt.From == "" || c.date >= opt.From) && (opt.To == "" || c.date <= opt.To) {
				kept = append(kept, c)
			}
		}
		cs = kept
	}
	var out []model.TimelineEntry
	for _, dt := range topDates(cs, opt.MaxDates) {
		var here []cand
		for _, c := range cs {
			if c.date == dt {
				here = append(here, c)
			}
		}
		for _, c := range pick(rank(here), opt.PerDate) {
			d := docs[c.di]
			s := d.Sentences[c.si]
			text := d.Text[s.Start:s.End]
			text = Truncate(text, opt.MaxSentLen)
			out = append(out, model.TimelineEntry{Date: dt, Text: text, Evidence: []model.Evidence{{Doc: d.ID, Start: s.Start, End: s.End}}})
		}
	}
	return out
}

// appendCandidates adds d's candidate sentences (d is document di): each
// usable sentence with a full date, for that date, and the first lead
// usable sentences without a date of their own, for the publication date.
func appendCandidates(cs []cand, d *doc.Doc, di, lead int) []cand {
	for _, t := range d.Times {
		if t.Type != "DATE" || len(t.Value) != 10 || t.Value[0] < '0' || t.Value[0] > '9' {
			continue
		}
		si := d.SentenceAt(t.Start)
		if si < 0 || !Usable(d, si) {
			continue
		}
		cs = append(cs, cand{date: t.Value, di: di, si: si, score: 1, terms: textvec.Terms(d, d.Sentences[si])})
	}
	day := d.Date()
	if day == "" {
		return cs
	}
	n := 0
	for si := range d.Sentences {
		if n >= max(lead, 1) {
			break
		}
		if Usable(d, si) && !hasDate(d, si) {
			cs = append(cs, cand{date: day, di: di, si: si, score: 0.8, pub: true, terms: textvec.Terms(d, d.Sentences[si])})
			n++
		}
	}
	return cs
}

// topDates are the at most maxDates dates that most distinct documents
// mention (ties: the earlier), in date order.
func topDates(cs []cand, maxDates int) []string {
	docsPer := map[string]map[int]bool{}
	for _, c := range cs {
		if docsPer[c.date] == nil {
			docsPer[c.date] = map[int]bool{}
		}
		docsPer[c.date][c.di] = true
	}
	dates := make([]string, 0, len(docsPer))
	for dt := range docsPer {
		dates = append(dates, dt)
	}
	sort.Slice(dates, func(i, j int) bool {
		if len(docsPer[dates[i]]) != len(docsPer[dates[j]]) {
			return len(docsPer[dates[i]]) > len(docsPer[dates[j]])
		}
		return dates[i] < dates[j]
	})
	if len(dates) > maxDates {
		dates = dates[:maxDates]
	}
	sort.Strings(dates)
	return dates
}

// rank orders one date's candidates by how central they are to what the
// date's sentences say (cosine to their centroid, times the candidate's
// score: explicit mentions before publication-date leads on a tie), then
// by place in the document.
func rank(here []cand) []cand {
	cent := textvec.Vec{}
	vecs := make([]textvec.Vec, len(here))
	for i, c := range here {
		vecs[i] = textvec.Counts(c.terms)
		for t, x := range vecs[i] {
			cent[t] += x
		}
	}
	central := make([]float64, len(here))
	for i, c := range here {
		central[i] = cosineRaw(vecs[i], cent) * c.score
	}
	order := make([]int, len(here))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if central[i] != central[j] {
			return central[i] > central[j]
		}
		return here[i].si < here[j].si
	})
	sorted := make([]cand, len(here))
	for k, i := range order {
		sorted[k] = here[i]
	}
	return sorted
}

// pick keeps, in order, up to perDate candidates that repeat neither a
// sentence nor (by term overlap) the content of one kept before.
func pick(ranked []cand, perDate int) []cand {
	var chosen []cand
	for _, c := range ranked {
		if duplicates(chosen, c) {
			continue
		}
		chosen = append(chosen, c)
		if len(chosen) >= perDate {
			break
		}
	}
	return chosen
}

// duplicates reports whether c is one of chosen's sentences or shares
// more than half its terms with one.
func duplicates(chosen []cand, c cand) bool {
	for _, o := range chosen {
		if o.di == c.di && o.si == c.si || textvec.Jaccard(o.terms, c.terms) > 0.5 {
			return true
		}
	}
	return false
}

// cosineRaw is the cosine of two unnormalised count vectors.
func cosineRaw(a, b textvec.Vec) float64 {
	var dot, na, nb float64
	for t, x := range a {
		dot += x * b[t]
		na += x * x
	}
	for _, x := range b {
		nb += x * x
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// Truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// hasDate reports whether sentence si mentions a date of its own.
func hasDate(d *doc.Doc, si int) bool {
	for _, t := range d.Times {
		if t.Type == "DATE" && d.Sentences[si].Contains(t.Span) {
			return true
		}
	}
	return false
}
