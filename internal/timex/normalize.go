package timex

import (
	"fmt"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// TIMEX3 types.
const (
	typeDate     = "DATE"
	typeTime     = "TIME"
	typeDuration = "DURATION"
	typeSet      = "SET"
)

// The anchors a normaliser returns (see Run, which writes them out).
const (
	dctAnchor = ""  // resolved against the publication date
	noAnchor  = "-" // the value does not depend on the publication date
)

// monthLayout writes a TIMEX3 month ("2016-05").
const monthLayout = "2006-01"

// The TIMEX3 references for a date the text places only in the past,
// present or future.
const (
	pastRef    = "PAST_REF"
	presentRef = "PRESENT_REF"
	futureRef  = "FUTURE_REF"
)

// normaliser gives the TIMEX3 type and value of an expression of one kind
// against the publication date dct (known says there is one), and its
// anchor (dctAnchor, noAnchor); an empty value drops the expression.
type normaliser func(c cand, dct time.Time, known bool) (typ, val, anchor string)

// normalisers holds the normaliser of each kind. The kinds without one
// are resolved in steps of their own (see Run) or become another kind
// when read (kFiscal and kBareYear are years).
var normalisers = [kindCount]normaliser{
	kFull:      normFull,
	kYearMonth: normYearMonth,
	kYear:      normYear,
	kMonthDay:  normMonthDay,
	kMonth:     normMonth,
	kMonthRel:  normMonthRel,
	kDecade:    normDecade,
	kQuarter:   normQuarter,
	kHoliday:   normHoliday,
	kWeekday:   normWeekday,
	kRelDay:    normRelDay,
	kRelUnit:   normRelUnit,
	kDayPart:   normDayPart,
	kTime:      normTime,
	kAgo:       normAgo,
	kDuration:  normDuration,
	kRef:       normRef,
	kSet:       normSet,
}

// normalize gives the TIMEX3 type, value and anchor of c (see normaliser).
func normalize(c cand, dct time.Time, known bool) (typ, val, anchor string) {
	if f := normalisers[c.k]; f != nil {
		return f(c, dct, known)
	}
	return "", "", ""
}

func normFull(c cand, _ time.Time, _ bool) (string, string, string) {
	return typeDate, fmt.Sprintf("%04d-%02d-%02d", c.year, c.month, c.day), noAnchor
}

func normYearMonth(c cand, _ time.Time, _ bool) (string, string, string) {
	return typeDate, fmt.Sprintf("%04d-%02d", c.year, c.month), noAnchor
}

func normYear(c cand, _ time.Time, _ bool) (string, string, string) {
	return typeDate, fmt.Sprintf("%04d", c.year), noAnchor
}

func normDecade(c cand, _ time.Time, _ bool) (string, string, string) {
	return typeDate, fmt.Sprintf("%03dX", c.year/10), noAnchor
}

// normMonthDay gives a month and day the year that puts it nearest
// before the DCT, with a short forward window (two weeks, or any future
// when the tense says so).
func normMonthDay(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, fmt.Sprintf("XXXX-%02d-%02d", c.month, c.day), noAnchor
	}
	y := dct.Year()
	t := time.Date(y, time.Month(c.month), c.day, 0, 0, 0, 0, time.UTC)
	window := 14
	if c.future {
		window = 300
	}
	if t.After(dct.AddDate(0, 0, window)) {
		y--
	} else if dct.Sub(t) > 300*24*time.Hour && c.future {
		y++
	}
	return typeDate, fmt.Sprintf("%04d-%02d-%02d", y, c.month, c.day), dctAnchor
}

// normMonth lets the tense decide a month's year: the latest such month
// up to the DCT's, or the next from it when the text speaks of the
// future.
func normMonth(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, fmt.Sprintf("XXXX-%02d", c.month), noAnchor
	}
	y := dct.Year()
	if c.future && c.month < int(dct.Month()) {
		y++
	} else if !c.future && c.month > int(dct.Month())+1 {
		// Next month counts as near enough to be meant ("talks resume
		// in May" late in April).
		y--
	}
	return typeDate, fmt.Sprintf("%04d-%02d", y, c.month), dctAnchor
}

// normMonthRel gives "last October" the October before the DCT's month,
// "next March" the one after it.
func normMonthRel(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, fmt.Sprintf("XXXX-%02d", c.month), noAnchor
	}
	y := dct.Year()
	switch c.rel {
	case "last", "past":
		if c.month >= int(dct.Month()) {
			y--
		}
	case "next", "coming":
		if c.month <= int(dct.Month()) {
			y++
		}
	}
	return typeDate, fmt.Sprintf("%04d-%02d", y, c.month), dctAnchor
}

// normQuarter gives a quarter its year: the one written, else the DCT's,
// where a quarter not yet begun is last year's unless announced.
func normQuarter(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, fmt.Sprintf("XXXX-Q%d", c.n), noAnchor
	}
	if c.year > 0 {
		return typeDate, fmt.Sprintf("%04d-Q%d", c.year, c.n), noAnchor
	}
	y := dct.Year()
	cur := (int(dct.Month())-1)/3 + 1
	if c.n > cur && !c.future {
		y--
	}
	switch c.rel {
	case "prev":
		y--
	case "this":
		y = dct.Year()
	case "next":
		y = dct.Year() + 1
	}
	return typeDate, fmt.Sprintf("%04d-Q%d", y, c.n), dctAnchor
}

// normHoliday gives a holiday the date nearest before the DCT, or within
// a month after it (any time within the year when the tense says future).
func normHoliday(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, "", noAnchor
	}
	for _, y := range []int{dct.Year(), dct.Year() - 1, dct.Year() + 1} {
		t, ok := holiday(c.unit, y)
		if !ok {
			return "", "", ""
		}
		if c.rel == "eve" {
			t = t.AddDate(0, 0, -1)
		}
		if !t.After(dct.AddDate(0, 0, 30)) && dct.Sub(t) < 335*24*time.Hour || c.future && t.After(dct) && t.Sub(dct) < 335*24*time.Hour {
			return typeDate, t.Format(doc.DayLayout), dctAnchor
		}
	}
	return "", "", ""
}
