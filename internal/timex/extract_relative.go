package timex

import "strings"

// Extractors of expressions relative to the publication date or to a
// date the text gives: weekdays, days, parts of days, units, clock times,
// anaphors and counted days.

// weekday reads "Friday", "last Friday", "this coming Sunday", "Friday's"
// ("Friday night" keeps its part of day in the span).
func weekday(c cand, m match) (cand, bool) {
	c.weekday = weekdayNum[m.lowerGroup(1)]
	switch l := strings.ToLower(c.text); {
	case strings.HasPrefix(l, "last"):
		c.rel = "last"
	case strings.HasPrefix(l, "next") || strings.Contains(l, "coming"):
		c.rel = "next"
	}
	if m.group(2) == "" {
		c.text = strings.TrimSuffix(strings.TrimSuffix(c.text, "'s"), "’s")
		c.End = c.Start + len(c.text)
	}
	return c, true
}

// relDay reads today, yesterday, tomorrow.
func relDay(c cand, m match) (cand, bool) {
	c.rel = m.lowerGroup(1)
	return c, true
}

// relUnit reads "last month", "this week", "next spring", "the weekend".
func relUnit(c cand, m match) (cand, bool) {
	c.rel, c.unit = m.lowerGroup(1), m.lowerGroup(2)
	return c, true
}

// monthRel reads "last October", "next March"; not "last May 3" (a
// month-day).
func monthRel(c cand, m match) (cand, bool) {
	c.rel, c.month = m.lowerGroup(1), month(m.group(2))
	rest := strings.TrimLeft(m.after(), ". ")
	if c.month == 0 || len(rest) > 0 && strings.ContainsAny(rest[:1], "0123456789") {
		return c, false
	}
	return c, true
}

// dayPartCodes are the TIMEX3 parts of day, in the order they are looked
// for; a part of day with none of these words is the night.
var dayPartCodes = []struct{ word, code string }{{"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}}

// dayPart reads "this morning", "yesterday evening", "tonight", "last
// night": which day (rel) and which part of it (unit).
func dayPart(c cand, _ match) (cand, bool) {
	l := strings.ToLower(c.text)
	c.rel = "this"
	switch {
	case strings.HasPrefix(l, "yesterday"), strings.HasPrefix(l, "last"):
		c.rel = "yesterday"
	case strings.HasPrefix(l, "tomorrow"):
		c.rel = "tomorrow"
	}
	c.unit = "NI"
	for _, p := range dayPartCodes {
		if strings.Contains(l, p.word) {
			c.unit = p.code
			break
		}
	}
	return c, true
}

// clockTime reads "10 a.m.", "3:30 pm": the hour (n) and minutes (day).
func clockTime(c cand, m match) (cand, bool) {
	c.n = atoi(m.group(1))
	c.day = atoi(m.group(2))
	return c, true
}

// ordinalDay reads "the ninth day", "the 3rd week": the count (n) and the
// unit, resolved later against a "since" date (countFromSince).
func ordinalDay(c cand, m match) (cand, bool) {
	c.n = ordinalValue(m.lowerGroup(1))
	c.unit = m.lowerGroup(2)
	return c, c.n > 0
}

// anaphor reads "two days later" (n = 2, unit day), "that Friday" (rel
// that, unit weekday), "the day before" (n = -1), "the next morning"
// (n = 1, unit day); it is resolved later against a date before it
// (resolveAnaphor).
func anaphor(c cand, _ match) (cand, bool) {
	l := strings.ToLower(c.text)
	f := strings.Fields(l)
	switch {
	case strings.HasSuffix(l, "later") || strings.HasSuffix(l, "earlier"):
		n, ok := parseNum(f[0])
		if !ok {
			return c, false
		}
		c.n = n
		if strings.HasSuffix(l, "earlier") {
			c.n = -n
		}
		c.unit = strings.TrimSuffix(f[1], "s")
	case strings.Contains(l, "that ") || strings.Contains(l, "the same"):
		c.rel, c.unit = "that", f[len(f)-1]
		if wd, ok := weekdayNum[c.unit]; ok {
			c.weekday, c.unit = wd, "weekday"
		}
	case strings.Contains(l, "day before") || strings.Contains(l, "previous"):
		c.n, c.unit = -1, f[len(f)-1]
		if c.unit == "before" {
			c.unit = "day"
		}
	default: // next, following
		c.n, c.unit = 1, f[len(f)-1]
	}
	if c.unit == "morning" {
		c.unit = "day"
	}
	return c, true
}
