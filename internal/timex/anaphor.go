package timex

// Expressions resolved against a date the text gives before them:
// anaphors ("the next day", "that Friday") and counted days ("the ninth
// day" of something "since April 22").

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// resolveAnaphor gives the value of "the next day", "two days later",
// "that Friday" relative to ref.
func resolveAnaphor(c cand, ref time.Time) (string, string) {
	switch {
	case c.rel == "that" && c.unit == "weekday":
		// The named weekday nearest the reference date.
		best := ref
		for k := -3; k <= 3; k++ {
			if t := ref.AddDate(0, 0, k); t.Weekday() == c.weekday {
				best = t
			}
		}
		return best.Format(doc.DayLayout), typeDate
	case c.rel == "that" && c.unit == "day":
		return ref.Format(doc.DayLayout), typeDate
	case c.rel == "that" && c.unit == "week":
		y, w := ref.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), typeDate
	case c.unit == "day":
		return ref.AddDate(0, 0, c.n).Format(doc.DayLayout), typeDate
	case c.unit == "week":
		y, w := ref.AddDate(0, 0, 7*c.n).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), typeDate
	}
	return "", ""
}

// countOrdinals adds the counted days that have a "since" date to count
// from, and puts the times in text order.
func (r *resolution) countOrdinals(ordinals []cand) {
	for _, c := range ordinals {
		if t, ok := countFromSince(r.d, c); ok {
			r.d.Times = append(r.d.Times, t)
		}
	}
	sortTimes(r.d.Times)
}

// countFromSince resolves "the ninth day of bombardments … since April 22"
// against the "since" date of its sentence: day one is that date.
func countFromSince(d *doc.Doc, c cand) (doc.Time, bool) {
	si := d.SentenceAt(c.Start)
	if si < 0 {
		return doc.Time{}, false
	}
	sent := d.Sentences[si]
	for _, t := range d.Times {
		if !sent.Contains(t.Span) || t.Type != typeDate || len(t.Value) != 10 {
			continue
		}
		pre := strings.ToLower(strings.TrimSpace(d.Text[max(sent.Start, t.Start-8):t.Start]))
		if !strings.HasSuffix(pre, "since") {
			continue
		}
		days := c.n - 1
		if c.unit == "week" {
			days = 7 * (c.n - 1)
		}
		val, ok := addDays(t.Value, days)
		if !ok {
			return doc.Time{}, false
		}
		// For "the third week of", the value is the week's first day.
		return doc.Time{Span: c.Span, Text: c.text, Type: typeDate, Value: val, Anchor: "day one is " + t.Value + " (\"" + t.Text + "\")"}, true
	}
	return doc.Time{}, false
}

// addDays adds days to a YYYY-MM-DD value, or to XXXX-MM-DD by way of a
// common (non-leap) year.
func addDays(v string, n int) (string, bool) {
	unknownYear := strings.HasPrefix(v, "XXXX")
	s := v
	if unknownYear {
		s = "2001" + v[4:]
	}
	t, err := time.Parse(doc.DayLayout, s)
	if err != nil {
		return "", false
	}
	t = t.AddDate(0, 0, n)
	if unknownYear {
		if t.Year() != 2001 {
			return "", false
		}
		return "XXXX" + t.Format(doc.DayLayout)[4:], true
	}
	return t.Format(doc.DayLayout), true
}

// anaphors adds "the next day", "that Friday": resolved against the
// latest full date before them in the paragraph, else the publication
// date. They do not see each other.
func (r *resolution) anaphors(anaphors []cand) {
	var extra []doc.Time
	for _, c := range anaphors {
		ref, refText, ok := r.anaphorRef(c)
		if !ok {
			continue
		}
		if val, typ := resolveAnaphor(c, ref); val != "" {
			extra = append(extra, doc.Time{Span: c.Span, Text: c.text, Type: typ, Value: val, Anchor: refText})
		}
	}
	if len(extra) > 0 {
		r.d.Times = append(r.d.Times, extra...)
		sortTimes(r.d.Times)
	}
}

// anaphorRef is the date an anaphor counts from, and how it is cited: the
// latest full date before it in its paragraph, else the publication date;
// false when there is neither.
func (r *resolution) anaphorRef(c cand) (time.Time, string, bool) {
	d := r.d
	ref, refText := time.Time{}, ""
	p := d.ParagraphAt(c.Start)
	for _, t := range d.Times {
		if t.Start >= c.Start || t.Type != typeDate || len(t.Value) != 10 || p >= 0 && d.ParagraphAt(t.Start) != p {
			continue
		}
		if v, err := time.Parse(doc.DayLayout, t.Value); err == nil {
			ref, refText = v, "date "+t.Value+" (\""+t.Text+"\") earlier in the paragraph"
		}
	}
	if refText != "" {
		return ref, refText, true
	}
	return r.dct, r.anchor, r.known
}
