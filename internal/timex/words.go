package timex

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The English words the patterns read: month and weekday names, numbers
// written out, ordinals and units.
var (
	monthNum = map[string]int{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
		"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
		"november": 11, "nov": 11, "december": 12, "dec": 12}

	weekdayNum = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
		"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

	wordNum = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}

	ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
		"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20}

	quarterOrd = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

	// unitCodes are the TIMEX3 unit letters of the unit words (singular).
	unitCodes = map[string]string{"hour": "H", "minute": "MIN", "day": "D", "week": "W", "month": "M", "year": "Y",
		"decade": "DE", "quarter": "Q", "century": "CE", "centurie": "CE"}

	durRe = regexp.MustCompile(numRe + `[- ]` + unitRe)
)

// words is the set of the space-separated words of s.
func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// keys is the set of the keys of m.
func keys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// capitalised is the set of the keys of m with their first letter upper-cased.
func capitalised[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[strings.ToUpper(k[:1])+k[1:]] = true
	}
	return out
}

// union is the set of the words in a or b.
func union(a, b map[string]bool) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// month is the number of a month name or abbreviation, 0 for none.
func month(s string) int { return monthNum[strings.ToLower(strings.TrimSuffix(s, "."))] }

// parseNum reads a count in digits or words; false for the vague ones
// (several, few, many).
func parseNum(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if n, ok := wordNum[s]; ok {
		return n, true
	}
	return 0, false
}

// ordinalValue reads "ninth" or "9th".
func ordinalValue(w string) int {
	if n, ok := ordinals[w]; ok {
		return n
	}
	return atoi(strings.TrimRight(w, "stndrh"))
}

// unitCode is the TIMEX3 unit of a unit word, singular or plural ("" for
// none).
func unitCode(u string) string {
	return unitCodes[strings.ToLower(strings.TrimSuffix(strings.ToLower(u), "s"))]
}

// durationParts reads the count and unit of a duration ("ten days": 10,
// D); the count is -1 when not given or vague ("within hours").
func durationParts(s string) (int, string) {
	m := durRe.FindStringSubmatch(s)
	if m == nil {
		for _, w := range strings.Fields(s) {
			if u := unitCode(w); u != "" {
				return -1, u
			}
		}
		return -1, ""
	}
	n, ok := parseNum(m[1])
	if !ok {
		n = -1
	}
	return n, unitCode(m[2])
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}
