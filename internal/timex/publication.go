package timex

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// Date is the dating stage: for a document whose metadata gives no
// publication date, it records the day the text gives (a dateline) or
// implies (the dates and weekdays it mentions, see Infer).
func Date(d *doc.Doc) {
	d.Dating = doc.Dating{}
	if _, ok := parseDay(d.Date()); ok {
		return
	}
	cs := find(d)
	if t, ev, ok := dateLine(d, cs); ok {
		d.Dating = doc.Dating{Day: t.Format(doc.DayLayout), Evidence: ev}
		return
	}
	if t, ev, ok := Infer(cs); ok {
		d.Dating = doc.Dating{Day: t.Format(doc.DayLayout), Inferred: true, Evidence: ev}
	}
}

// dateLine finds a publication date written in the text itself: a short
// line near the top that is mostly a full date ("May 3, 2016"), a
// "Published: …" line, or a dateline ("GENEVA, May 3, 2016 —").
func dateLine(d *doc.Doc, cs []cand) (time.Time, string, bool) {
	for _, c := range cs {
		if c.k != kFull || c.Start > 400 {
			continue
		}
		p := d.ParagraphAt(c.Start)
		if p < 0 || p > 2 {
			continue
		}
		para := d.Paragraphs[p]
		before := d.Text[para.Start:c.Start]
		short := para.Len() <= 100 && c.Len()*10 >= para.Len()*4
		if short || datelinePrefix.MatchString(before) {
			t := time.Date(c.year, time.Month(c.month), c.day, 0, 0, 0, 0, time.UTC)
			return t, fmt.Sprintf("date line in the text: %q", strings.TrimSpace(d.Text[para.Start:min(para.End, c.End+3)])), true
		}
	}
	return time.Time{}, "", false
}

var datelinePrefix = regexp.MustCompile(`^(?:(?i:published|updated|posted|date|first published)\s*(?:on|at)?\s*:?\s*|\p{Lu}[\p{Lu} .'-]+,(?:\s+\p{Lu}[\p{L}.]+,?)?\s+)$`)

// Infer guesses the publication date from the expressions of a text with
// none given: the latest explicit full date, moved forward to the first
// day from which the most weekdays the text mentions as past fall between
// the day before that date and the publication ("Thursday, April 28, 2016"
// then "on Monday" and "on Tuesday" gives Tuesday May 3). It returns false
// when the text has no full date.
func Infer(cs []cand) (time.Time, string, bool) {
	var best time.Time
	bestIdx := -1
	for i, c := range cs {
		if c.k != kFull {
			continue
		}
		t := time.Date(c.year, time.Month(c.month), c.day, 0, 0, 0, 0, time.UTC)
		if t.After(best) {
			best, bestIdx = t, i
		}
	}
	if bestIdx < 0 {
		return time.Time{}, "", false
	}
	var days []cand
	for _, c := range cs {
		if c.k == kWeekday && !c.future {
			days = append(days, c)
		}
	}
	dct, n := FitWeekdays(best, weekdaysOf(days))
	ev := fmt.Sprintf("latest full date in the text: %q", cs[bestIdx].text)
	if n > 0 && dct.After(best) {
		ev = fmt.Sprintf("latest full date in the text %q, then %d weekday mention(s) as past", cs[bestIdx].text, n)
	}
	return dct, ev, true
}

func weekdaysOf(cs []cand) []time.Weekday {
	out := make([]time.Weekday, len(cs))
	for i, c := range cs {
		out[i] = c.weekday
	}
	return out
}

// FitWeekdays returns the earliest publication date in the week from base
// that places the most of the given past weekdays between the day before
// base and the publication date, and how many it places.
func FitWeekdays(base time.Time, days []time.Weekday) (time.Time, int) {
	best, bestN := base, -1
	for k := 0; k < 7; k++ {
		c := base.AddDate(0, 0, k)
		n := 0
		for _, wd := range days {
			t := c
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, -1)
			}
			if !t.Before(base.AddDate(0, 0, -1)) {
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best, bestN
}

// InferFromValues infers a publication date for a document whose times
// were resolved against related documents (years propagated): the latest
// full date among its values, fitted to its past weekday mentions.
func InferFromValues(d *doc.Doc) (time.Time, string, bool) {
	var best time.Time
	for _, t := range d.Times {
		if t.Type != typeDate || len(t.Value) != 10 {
			continue
		}
		v, err := time.Parse(doc.DayLayout, t.Value)
		if err == nil && v.After(best) {
			best = v
		}
	}
	if best.IsZero() {
		return time.Time{}, "", false
	}
	var days []time.Weekday
	for _, t := range d.Times {
		if wd, ok := weekdayNum[strings.ToLower(strings.Fields(t.Text + " x")[0])]; ok && strings.HasPrefix(t.Value, "XXXX-WXX") {
			days = append(days, wd)
		}
	}
	dct, n := FitWeekdays(best, days)
	return dct, fmt.Sprintf("latest date %s (year from related documents), then %d weekday mention(s) as past", best.Format(doc.DayLayout), n), true
}

// ResolveYear fills the year of an underspecified TIMEX3 date
// ("XXXX-02-27", "XXXX-05") from a reference date known from related
// documents: the year that puts it nearest before ref, allowing two weeks
// after it. Other values are returned unchanged with false.
func ResolveYear(value string, ref time.Time) (string, bool) {
	if !strings.HasPrefix(value, "XXXX-") || strings.HasPrefix(value, "XXXX-W") {
		return value, false
	}
	rest := value[5:]
	var m, d int
	switch len(rest) {
	case 5: // MM-DD
		m, d = atoi(rest[:2]), atoi(rest[3:])
	case 2: // MM
		m, d = atoi(rest), 1
	default:
		return value, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return value, false
	}
	y := ref.Year()
	if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).After(ref.AddDate(0, 0, 14)) {
		y--
	}
	return fmt.Sprintf("%04d-%s", y, rest), true
}

// borrowLinkedYear resolves the dates without a year of an undated
// document against the reference date its related documents lend it
// (doc.Linked.YearRef), if any.
func borrowLinkedYear(d *doc.Doc) {
	if d.Linked.YearRef == "" {
		return
	}
	if ref, ok := parseDay(d.Linked.YearRef); ok {
		borrowYear(d, ref, d.Linked.YearFrom)
	}
}

// borrowYear resolves the underspecified dates of an undated document
// against a reference date taken from documents of the same story, and
// records that anchor.
func borrowYear(d *doc.Doc, ref time.Time, from string) {
	for i := range d.Times {
		if v, ok := ResolveYear(d.Times[i].Value, ref); ok {
			d.Times[i].Value = v
			d.Times[i].Anchor = "year from related document " + from
		}
	}
}

// YearLess counts the document's dates written without a year that a
// reference date would resolve (see doc.Linked.YearRef).
func YearLess(d *doc.Doc) int {
	n := 0
	for _, t := range d.Times {
		if _, ok := ResolveYear(t.Value, time.Time{}); ok {
			n++
		}
	}
	return n
}

// parseDay reads a calendar day (doc.DayLayout); false for none.
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(doc.DayLayout, s)
	return t, err == nil
}
