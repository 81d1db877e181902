package timex

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// Normalisers of expressions relative to the publication date.

var (
	// relDayRefs and relDayOffsets read today, tonight, yesterday and
	// tomorrow without and with a publication date.
	relDayRefs    = map[string]string{"today": presentRef, "tonight": presentRef, "yesterday": pastRef, "tomorrow": futureRef}
	relDayOffsets = map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
	// relOffsets are the units "last week" (-1), "this week" (0) and
	// "next week" (1) are away from the DCT's.
	relOffsets = map[string]int{"last": -1, "past": -1, "this": 0, "coming": 1, "next": 1}
	offsetRefs = map[int]string{-1: pastRef, 0: presentRef, 1: futureRef}
	// seasonCodes are the TIMEX3 seasons.
	seasonCodes = map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
	// dayPartOffsets are the days "this morning", "yesterday evening" and
	// "tomorrow night" are away from the DCT.
	dayPartOffsets = map[string]int{"this": 0, "yesterday": -1, "tomorrow": 1}
)

// normWeekday gives a weekday the latest such day up to the DCT, or the
// next one after it when the tense says future; "last Friday" is never
// the DCT itself. "Friday night": TimeBank and AQUAINT annotate most such
// expressions as the day (DATE), not as a TIME with a part of day.
func normWeekday(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, fmt.Sprintf("XXXX-WXX-%d", isoWeekday(c.weekday)), noAnchor
	}
	t := dct
	if c.future {
		t = t.AddDate(0, 0, 1)
		for t.Weekday() != c.weekday {
			t = t.AddDate(0, 0, 1)
		}
	} else {
		if c.rel == "last" {
			t = t.AddDate(0, 0, -1)
		}
		for t.Weekday() != c.weekday {
			t = t.AddDate(0, 0, -1)
		}
	}
	return typeDate, t.Format(doc.DayLayout), dctAnchor
}

func isoWeekday(w time.Weekday) int {
	if w == time.Sunday {
		return 7
	}
	return int(w)
}

func normRelDay(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeDate, relDayRefs[c.rel], noAnchor
	}
	return typeDate, dct.AddDate(0, 0, relDayOffsets[c.rel]).Format(doc.DayLayout), dctAnchor
}

// normRelUnit gives "last month", "this week", "next year", "the
// weekend", "next spring" their value; "the past week" is a duration
// ending now.
func normRelUnit(c cand, dct time.Time, known bool) (string, string, string) {
	off := relOffsets[c.rel]
	if c.rel == "past" {
		return typeDuration, "P1" + unitCode(c.unit), dctAnchor
	}
	if !known {
		return typeDate, offsetRefs[off], noAnchor
	}
	switch c.unit {
	case "week":
		return typeDate, isoWeek(dct.AddDate(0, 0, 7*off)), dctAnchor
	case "weekend":
		return typeDate, weekend(c, dct, off), dctAnchor
	case "month":
		t := time.Date(dct.Year(), dct.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, off, 0)
		return typeDate, t.Format(monthLayout), dctAnchor
	case "year":
		return typeDate, fmt.Sprintf("%04d", dct.Year()+off), dctAnchor
	case "decade":
		return typeDate, fmt.Sprintf("%03d", (dct.Year()+10*off)/10), dctAnchor
	}
	return typeDate, fmt.Sprintf("%04d-%s", dct.Year()+off, seasonCodes[c.unit]), dctAnchor
}

// isoWeek writes the ISO week of t ("2016-W41").
func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// weekend gives "last weekend", "next weekend" (off weeks from the DCT's;
// on a Sunday last weekend is the one before) and "the weekend": the one
// just past on a weekday, the current one at a weekend, the coming one
// when the tense says so.
func weekend(c cand, dct time.Time, off int) string {
	t := dct.AddDate(0, 0, 7*off)
	if c.rel == "the" {
		t = dct
		if wd := dct.Weekday(); wd != time.Saturday && wd != time.Sunday && !c.future {
			t = dct.AddDate(0, 0, -7)
		}
	} else if off == -1 && dct.Weekday() == time.Sunday {
		t = dct.AddDate(0, 0, -7)
	}
	return isoWeek(t) + "-WE"
}

func normDayPart(c cand, dct time.Time, known bool) (string, string, string) {
	if !known {
		return typeTime, "XXXX-XX-XXT" + c.unit, noAnchor
	}
	return typeTime, dct.AddDate(0, 0, dayPartOffsets[c.rel]).Format(doc.DayLayout) + "T" + c.unit, dctAnchor
}

// normTime gives a clock time on the DCT's day: "3:30 pm" is 15:30.
func normTime(c cand, dct time.Time, known bool) (string, string, string) {
	h := c.n
	pm := strings.HasPrefix(strings.ToLower(c.text[strings.LastIndexAny(c.text, "0123456789")+1:]), " p") ||
		strings.Contains(strings.ToLower(c.text), "p")
	if pm && h < 12 {
		h += 12
	}
	day := "XXXX-XX-XX"
	if known {
		day = dct.Format(doc.DayLayout)
	}
	return typeTime, fmt.Sprintf("%sT%02d:%02d", day, h, c.day), dctAnchor
}

// normAgo counts "a week ago", "two months earlier" back from the DCT.
func normAgo(c cand, dct time.Time, known bool) (string, string, string) {
	if !known || c.n <= 0 {
		return typeDate, pastRef, noAnchor
	}
	if c.rel == "earlier" && c.unit == "M" {
		return typeDate, dct.AddDate(0, -c.n, 0).Format(monthLayout), dctAnchor
	}
	switch c.unit {
	case "D":
		return typeDate, dct.AddDate(0, 0, -c.n).Format(doc.DayLayout), dctAnchor
	case "W":
		return typeDate, dct.AddDate(0, 0, -7*c.n).Format(doc.DayLayout), dctAnchor
	case "M":
		return typeDate, dct.AddDate(0, -c.n, 0).Format(monthLayout), dctAnchor
	case "Y":
		return typeDate, fmt.Sprintf("%04d", dct.Year()-c.n), dctAnchor
	}
	return typeDate, pastRef, dctAnchor
}
