package timex

import "strings"

// Extractors of durations and of dates counted back from the publication
// date.

// duration reads "the last ten days", "two-month-old", "within hours":
// the count (n, -1 when vague) and the unit; ages are not durations.
func duration(c cand, m match) (cand, bool) {
	l := strings.ToLower(c.text)
	c.n, c.unit = durationParts(l)
	// Ages ("a 6-year-old boy", "52 years old") are not times.
	if strings.HasSuffix(l, "old") && c.unit == "Y" || strings.HasPrefix(strings.ToLower(m.after()), " old") {
		return c, false
	}
	return trimPreposition(c, m)
}

// ago reads "a week ago", "two years earlier".
func ago(c cand, _ match) (cand, bool) {
	l := strings.ToLower(c.text)
	if strings.HasSuffix(l, "earlier") {
		c.rel = "earlier"
	}
	c.n, c.unit = durationParts(strings.TrimSuffix(strings.TrimSuffix(l, " ago"), " earlier"))
	return c, true
}
