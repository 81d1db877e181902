package timex

import "strings"

// Extractors of calendar dates: full dates, months, years, decades and
// holidays.

// fullDate reads "Thursday, April 28, 2016", "3 March 2025", "2016-04-22".
func fullDate(c cand, m match) (cand, bool) {
	switch m.layout {
	case isoDate:
		c.year, c.month, c.day = atoi(m.group(1)), atoi(m.group(2)), atoi(m.group(3))
	case monthFirst:
		c.month, c.day, c.year = month(m.group(2)), atoi(m.group(3)), atoi(m.group(4))
		c.weekday = weekdayNum[m.lowerGroup(1)]
	case dayFirst:
		c.day, c.month, c.year = atoi(m.group(2)), month(m.group(3)), atoi(m.group(4))
		c.weekday = weekdayNum[m.lowerGroup(1)]
	}
	return c, c.day >= 1 && c.day <= 31 && c.month >= 1 && c.month <= 12
}

// monthDay reads "Saturday, April 22", "Feb. 27", "22 April".
func monthDay(c cand, m match) (cand, bool) {
	if m.layout == monthFirst {
		c.month, c.day = month(m.group(2)), atoi(m.group(3))
	} else {
		c.day, c.month = atoi(m.group(2)), month(m.group(3))
	}
	c.weekday = weekdayNum[m.lowerGroup(1)]
	return c, c.day >= 1 && c.day <= 31 && c.month != 0
}

// yearMonth reads "February 2016", "late May, 1998".
func yearMonth(c cand, m match) (cand, bool) {
	c.month, c.year = month(m.group(1)), atoi(m.group(2))
	return c, true
}

// monthAlone reads "in May", "early March", "October". "March" and "May"
// as verbs need a preposition before them, which the pattern requires;
// "may" in lower case never matches.
func monthAlone(c cand, m match) (cand, bool) {
	c.month = month(m.group(1))
	return c, true
}

// year reads a year after a preposition ("since 2011").
func year(c cand, m match) (cand, bool) {
	c.year = atoi(m.group(1))
	return c, true
}

// fiscalYear reads "fiscal 1989": a year.
func fiscalYear(c cand, m match) (cand, bool) {
	c.k = kYear
	c.year = atoi(m.group(1))
	return c, true
}

// bareYear reads a year written alone ("in a 1990 report"), unless the
// number is a count or a figure.
func bareYear(c cand, m match) (cand, bool) {
	s := m.start
	if s > 0 && strings.ContainsAny(m.text[s-1:s], "$£€#.,0123456789") {
		return c, false
	}
	if countAfter(strings.TrimLeft(m.after(), " ")) {
		return c, false
	}
	c.k = kYear
	c.year = atoi(m.group(1))
	return c, true
}

// countWords after a number make it a count or a ratio, not a year.
var countWords = words("percent per to people of")

// countAfter reports that the words after a four-digit number (rest)
// make it a count, not a year: "2000 troops", "1990 percent", "1990 and
// 1991" (a range), "2000%".
func countAfter(rest string) bool {
	next := rest
	if i := strings.IndexAny(next, " ,.;:)"); i >= 0 {
		next = next[:i]
	}
	ln := strings.ToLower(next)
	switch {
	case strings.HasPrefix(rest, "%"), countWords[ln]:
		return true
	case ln == "and":
		return strings.ContainsAny(rest[3:min(len(rest), 6)], "0123456789")
	}
	// A plural noun in lower case.
	return len(ln) > 3 && strings.HasSuffix(ln, "s") && !isCap(next)
}

// decade reads "the 1990s", "the late 1980's".
func decade(c cand, m match) (cand, bool) {
	c.year = atoi(m.group(2)) * 10
	return c, true
}

// holidayName reads "Christmas Eve", "last Thanksgiving": the holiday
// (its first word, see holiday), and last/next/this or eve.
func holidayName(c cand, m match) (cand, bool) {
	name := m.lowerGroup(1)
	c.unit = strings.Fields(name)[0]
	if lf := strings.ToLower(strings.Fields(c.text)[0]); lf == "last" || lf == "next" || lf == "this" {
		c.rel = lf
	}
	if strings.HasSuffix(name, "eve") {
		c.rel = "eve"
	}
	return c, true
}
