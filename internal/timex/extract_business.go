package timex

import "strings"

// Extractors of business reporting periods: quarters and "the period".

// quarter reads "the third quarter", "fourth-quarter", "the 1988 second
// quarter", "last year's first quarter": the quarter (n), and a year
// (year) or which year (rel prev, this, next).
func quarter(c cand, m match) (cand, bool) {
	c.n = quarterOrd[m.lowerGroup(2)]
	switch mod := m.lowerGroup(1); {
	case mod == "year-earlier" || mod == "year-ago" || mod == "prior-year" || strings.HasPrefix(mod, "last "):
		c.rel = "prev"
	case strings.HasPrefix(mod, "next "), strings.HasPrefix(mod, "this "):
		c.rel = mod[:4]
	case mod != "" && mod[0] >= '0' && mod[0] <= '9':
		c.year = atoi(mod)
	}
	// "third-quarter profit": an adjective, without "the".
	if i := strings.IndexByte(c.text, ' '); i > 0 && strings.Contains(c.text, "-quarter") && strings.EqualFold(c.text[:i], "the") && m.group(1) == "" {
		c.text = c.text[i+1:]
		c.Start += i + 1
	}
	return c, true
}

// yearBackWords say a period is the one a year before.
var yearBackWords = []string{"year-earlier", "year-ago", "prior-year", "year earlier", "year ago", "last year", "previous year"}

// businessPeriod reads "the quarter", "the latest period", "the year-ago
// quarter", "year-earlier": a quarter (unit Q), or on its own the year
// (unit Y), with a year or rel prev. "The period" and "the same period"
// do not say which period and are dropped.
func businessPeriod(c cand, m match) (cand, bool) {
	l := strings.ToLower(c.text)
	mod, yr := m.lowerGroup(1), m.lowerGroup(2)
	switch {
	case containsAny(l, yearBackWords):
		c.rel = "prev"
	case yr != "":
		c.year = atoi(yr)
	case mod == "" && strings.HasSuffix(l, "period"), mod == "same":
		return c, false
	}
	c.unit = "Q"
	if !strings.Contains(l, "quarter") && !strings.Contains(l, "period") {
		// "year-earlier" on its own: the quarter when the sentence is
		// about one, else the year.
		c.unit = "Y"
	}
	return c, true
}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
