package timex

import (
	"strconv"
	"strings"
	"time"
)

// Normalisers of durations, sets and references, which do not depend on
// the publication date.

// normDuration writes a duration: "PT3H", "P10D", "P20Y" for two decades,
// "PXD" for a vague count.
func normDuration(c cand, _ time.Time, _ bool) (string, string, string) {
	if c.unit == "" {
		return "", "", ""
	}
	n := "X"
	if c.n > 0 {
		n = strconv.Itoa(c.n)
	}
	switch c.unit {
	case "H":
		return typeDuration, "PT" + n + "H", noAnchor
	case "MIN":
		return typeDuration, "PT" + n + "M", noAnchor
	case "DE":
		if c.n > 0 {
			return typeDuration, "P" + strconv.Itoa(10*c.n) + "Y", noAnchor
		}
		return typeDuration, "PXDE", noAnchor
	}
	return typeDuration, "P" + n + c.unit, noAnchor
}

// normRef reads "in the future", "now", "recently" as a reference to the
// future, present or past.
func normRef(c cand, _ time.Time, _ bool) (string, string, string) {
	l := strings.ToLower(c.text)
	switch {
	case strings.Contains(l, "future") || l == "soon":
		return typeDate, futureRef, noAnchor
	case strings.Contains(l, "now") || strings.Contains(l, "current") || strings.Contains(l, "present"):
		return typeDate, presentRef, noAnchor
	}
	return typeDate, pastRef, noAnchor
}

// setPeriods are the periods of sets, in the order they are looked for;
// a set with none of these words is daily.
var setPeriods = []struct{ word, value string }{{"week", "P1W"}, {"month", "P1M"}, {"year", "P1Y"}, {"annual", "P1Y"}}

// normSet reads "every week", "daily", "annually" as a period.
func normSet(c cand, _ time.Time, _ bool) (string, string, string) {
	l := strings.ToLower(c.text)
	for _, p := range setPeriods {
		if strings.Contains(l, p.word) {
			return typeSet, p.value, noAnchor
		}
	}
	return typeSet, "P1D", noAnchor
}
