// Package timex finds temporal expressions and normalises them to TIMEX3
// values against the document's creation time (its publication date). When
// the publication date is not given it infers one from the text and flags
// it; when nothing supports an inference it leaves the date unknown and
// resolves only what the text fixes by itself.
package timex

import (
	"fmt"
	"sort"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// Run finds the document's times and normalises every expression against
// its publication date (given or inferred). An undated document whose
// related documents lend it a year (doc.Linked.YearRef) gets that year
// for the dates written without one.
func Run(d *doc.Doc) {
	cs := find(d)
	r := newResolution(d)
	d.Times = nil
	later := r.normaliseAll(cs)
	r.countOrdinals(later.ordinals)
	r.businessQuarters(later.business)
	r.anaphors(later.anaphors)
	if !r.known {
		borrowLinkedYear(d)
	}
}

// resolution is one document's times being resolved: the publication
// date they are resolved against, when there is one, and how the times
// resolved against it cite it.
type resolution struct {
	d      *doc.Doc
	dct    time.Time
	known  bool
	anchor string // "publication date 2016-05-03", "" when not known
}

func newResolution(d *doc.Doc) *resolution {
	day, inferred, _ := d.Dated()
	dct, ok := parseDay(day)
	r := &resolution{d: d, dct: dct, known: ok}
	if ok {
		r.anchor = "publication date " + dct.Format(doc.DayLayout)
		if inferred {
			r.anchor = "inferred publication date " + dct.Format(doc.DayLayout)
		}
	}
	return r
}

// deferred are the expressions resolved after the others, against the
// times found before them: counted days ("the ninth day", against a
// "since" date), anaphors ("the next day", against a date before them)
// and business periods ("the quarter", against the quarters named).
type deferred struct {
	ordinals, anaphors, business []cand
}

// normaliseAll adds the times of the expressions that resolve on their
// own, and returns the others.
func (r *resolution) normaliseAll(cs []cand) deferred {
	var later deferred
	for _, c := range cs {
		switch {
		case c.k == kOrdinal:
			later.ordinals = append(later.ordinals, c)
		case c.k == kAnaphor:
			later.anaphors = append(later.anaphors, c)
		case c.k == kBiz && c.unit == "Y" && !yearBackInQuarter(r.d, c):
			r.yearBefore(c)
		case r.known && (c.k == kBiz || yearBackInQuarter(r.d, c)):
			later.business = append(later.business, c)
		default:
			r.add(c)
		}
	}
	return later
}

// add normalises c and adds its time, if it has a value.
func (r *resolution) add(c cand) {
	typ, val, anc := normalize(c, r.dct, r.known)
	if val == "" {
		return
	}
	switch anc {
	case dctAnchor:
		anc = r.anchor
	case noAnchor:
		anc = ""
	}
	r.d.Times = append(r.d.Times, doc.Time{Span: c.Span, Text: c.text, Type: typ, Value: val, Anchor: anc})
}

// yearBefore adds "year-earlier" outside a sentence about a quarter: the
// year before the publication date's.
func (r *resolution) yearBefore(c cand) {
	if r.known {
		r.d.Times = append(r.d.Times, doc.Time{Span: c.Span, Text: c.text, Type: typeDate, Value: fmt.Sprintf("%04d", r.dct.Year()-1), Anchor: r.anchor})
	}
}

// sortTimes puts times in text order.
func sortTimes(ts []doc.Time) {
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Start < ts[j].Start })
}
