package timex

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// yearBackInQuarter reports "a year ago", "a year earlier" or "last year"
// in a sentence about a quarter or period ("profit rose from $1 million a
// year earlier"), where it means the same quarter of the year before.
func yearBackInQuarter(d *doc.Doc, c cand) bool {
	if !(c.k == kAgo && c.unit == "Y" && c.n == 1 || c.k == kBiz && c.unit == "Y") {
		return false
	}
	si := d.SentenceAt(c.Start)
	if si < 0 {
		return false
	}
	// This sentence or the one before: "Third-quarter profit rose. It
	// earned $2 million a year earlier."
	l := strings.ToLower(d.Text[d.Sentences[max(0, si-1)].Start:d.Sentences[si].End])
	return strings.Contains(l, "quarter") || strings.Contains(l, "period")
}

// reportingQuarter is the quarter a business story reports on, for "the
// quarter", "the latest period" and "year-earlier": the nearest quarter
// named before pos, else the first named after it, else the last quarter
// completed before the publication date.
func reportingQuarter(d *doc.Doc, pos int, dct time.Time) (time.Time, string) {
	last := time.Date(dct.Year(), time.Month(((int(dct.Month())-1)/3)*3+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -3, 0)
	// Results are reported for quarters already over: the quarter named
	// most often among those, the nearest before pos on a tie.
	count := map[string]int{}
	var best *doc.Time
	for i := range d.Times {
		t := &d.Times[i]
		if len(t.Value) != 7 || t.Value[4:6] != "-Q" || strings.Contains(strings.ToLower(t.Text), "year") {
			continue
		}
		y, q := atoi(t.Value[:4]), atoi(t.Value[6:])
		if time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC).After(last) {
			continue
		}
		count[t.Value]++
		if best == nil || count[t.Value] > count[best.Value] || count[t.Value] == count[best.Value] && t.Start < pos {
			best = t
		}
	}
	if best != nil {
		y, q := atoi(best.Value[:4]), atoi(best.Value[6:])
		return time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC), "quarter " + best.Value + " (\"" + best.Text + "\")"
	}
	return last, "last quarter completed before publication date " + dct.Format(doc.DayLayout)
}

// businessQuarters adds the business periods ("the quarter", "the
// year-ago quarter", "a year earlier" beside a quarter): the reporting
// quarter, or a year before it. Each sees the quarters added before it.
func (r *resolution) businessQuarters(business []cand) {
	if len(business) == 0 {
		return
	}
	d := r.d
	for _, c := range business {
		q, ev := reportingQuarter(d, c.Start, r.dct)
		if c.year > 0 {
			q = time.Date(c.year, q.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		if c.rel == "prev" || c.k == kAgo {
			q = q.AddDate(-1, 0, 0)
		}
		d.Times = append(d.Times, doc.Time{Span: c.Span, Text: c.text, Type: typeDate, Value: fmt.Sprintf("%04d-Q%d", q.Year(), (int(q.Month())-1)/3+1), Anchor: ev})
	}
	sortTimes(d.Times)
}
