// Package timex finds temporal expressions and normalises them to TIMEX3
// values against the document's creation time (its publication date). When
// the publication date is not given it infers one from the text and flags
// it; when nothing supports an inference it leaves the date unknown and
// resolves only what the text fixes by itself.
package timex

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

const (
	monthRe   = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Aug|Sept|Oct|Nov|Dec)`
	weekdayRe = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	numRe     = `(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|several|a few|few|many)`
	unitRe    = `(hours?|days?|weeks?|months?|years?|decades?|centuries|century|minutes?)`
)

type kind int

const (
	kFull      kind = iota // year, month, day
	kMonthDay              // month, day; year from context
	kYearMonth             // year, month
	kMonth                 // month alone ("in May")
	kYear
	kWeekday
	kRelDay   // today, yesterday, tomorrow: off days
	kRelUnit  // last/this/next week|month|year|weekend
	kDuration // P10D
	kAgo      // N units ago
	kRef      // PAST_REF, PRESENT_REF, FUTURE_REF
	kTime
	kSet
	kSeason
	kQuarter  // the third quarter, fourth-quarter
	kFiscal   // fiscal 1989
	kBareYear // 1990 with no preposition: checked in code
	kDecade   // the 1990s
	kMonthRel // last October, next March
	kDayPart  // this morning, tonight
	kHoliday  // Christmas, Thanksgiving
	kOrdinal  // the ninth day of (counted from a "since" date)
	kAnaphor  // the next day, two days later, that Friday
	kBiz      // the quarter, the latest period, year-earlier: business reporting periods
)

type pattern struct {
	re *regexp.Regexp
	k  kind
	// group is the submatch whose span is the expression (0: whole match).
	group int
	// anchored is re anchored at the start of its input (set by init).
	anchored *regexp.Regexp
}

// triggers are words one of which must occur (case-sensitively for names,
// in lower case otherwise) in a paragraph before a pattern is tried there:
// regular expressions are the tagger's main cost and most paragraphs hold
// no date at all.
var (
	monthTriggers   = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	weekdayTriggers = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	unitTriggers    = []string{"hour", "day", "week", "month", "year", "decade", "centur", "minute"}
	kindTriggers    = map[kind][]string{
		kFull: nil, kMonthDay: monthTriggers, kYearMonth: monthTriggers, kMonth: monthTriggers,
		kWeekday: weekdayTriggers, kRelDay: {"today", "yesterday", "tomorrow", "tonight"},
		kRelUnit: {"last", "this", "next", "past", "coming", "weekend"}, kDuration: unitTriggers, kAgo: {" ago", " earlier"},
		kRef:  {"recent", "past", "previous", "formerly", "now", "current", "present", "future", "soon"},
		kTime: {".m.", "am", "pm"}, kSet: {"every", "each", "daily", "weekly", "monthly", "annually", "yearly"},
		kOrdinal: {" day", " week"}, kAnaphor: {"next", "following", "previous", "day before", "that ", "same", "later", "earlier"}, kQuarter: {"quarter"}, kBiz: {"quarter", "period", "year-earlier", "year-ago", "prior-year"}, kFiscal: {"fiscal"}, kBareYear: nil, kDecade: {"0s", "0's"}, kMonthRel: monthTriggers,
		kDayPart: {"morning", "afternoon", "evening", "tonight", "night"}, kHoliday: {"christmas", "year's", "thanksgiving", "independence", "halloween", "valentine", "labor", "memorial", "election", "easter"},
	}
)

// triggered reports whether the paragraph (and its lower-case form) holds
// a trigger for pattern p.
func triggered(p pattern, para, lower string) bool {
	ts, ok := kindTriggers[p.k]
	if !ok || ts == nil {
		return true
	}
	hay := lower
	if p.k == kMonthDay || p.k == kYearMonth || p.k == kMonth || p.k == kWeekday || p.k == kMonthRel {
		hay = para
	}
	for _, t := range ts {
		if strings.Contains(hay, t) {
			return true
		}
	}
	return false
}

var patterns = []pattern{
	{regexp.MustCompile(`\b(?:` + weekdayRe + `,?\s+)?` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`), kFull, 0, nil},
	{regexp.MustCompile(`\b(?:` + weekdayRe + `,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `,?\s+(\d{4})\b`), kFull, 0, nil},
	{regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`), kFull, 0, nil},
	{regexp.MustCompile(`\b(?:` + weekdayRe + `,?\s+)?` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?\b`), kMonthDay, 0, nil},
	{regexp.MustCompile(`\b(?:` + weekdayRe + `,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `\b`), kMonthDay, 0, nil},
	{regexp.MustCompile(`\b(?:(?:early|mid|late)[- ])?` + monthRe + `,?\s+(\d{4})\b`), kYearMonth, 0, nil},
	{regexp.MustCompile(`\b(?i:in|since|by|until|till|during|from|of|before|after|through|until)[- ]` + monthRe + `\b`), kMonth, 1, nil},
	{regexp.MustCompile(`\b(?:(?i:early|mid|late)[- ])` + monthRe + `\b`), kMonth, 0, nil},
	{regexp.MustCompile(`\b(January|February|April|June|July|August|September|October|November|December)\b`), kMonth, 1, nil},
	{regexp.MustCompile(`\b(?i:(last|next|this|coming|past))\s+` + monthRe + `\b`), kMonthRel, 0, nil},
	{regexp.MustCompile(`\b(?i:in|since|by|until|till|during|from|before|after|through|early|late|mid|of|to|and|between|year)\s+((?:1[89]|20)\d{2})\b`), kYear, 1, nil},
	{regexp.MustCompile(`\b((?:1[89]|20)\d{2})\b`), kBareYear, 1, nil},
	{regexp.MustCompile(`\b(?i:fiscal(?:\s+year)?)\s+((?:19|20)\d{2})\b`), kFiscal, 0, nil},
	{regexp.MustCompile(`\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[- ])?(((?:1[89]|20)\d)0'?s)\b`), kDecade, 1, nil},
	{regexp.MustCompile(`\b(?i:(?:the\s+)?(?:((?:19|20)\d{2}|year-earlier|year-ago|prior-year|latest|current|(?:this|last|next)\s+year(?:'s|’s))\s+)?(?:fiscal[- ])?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)\b`), kQuarter, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:the|this|that)\s+(?:(latest|current|most\s+recent|same|comparable|corresponding)\s+)?(?:(year-earlier|year-ago|prior-year|(?:19|20)\d{2})\s+)?(?:fiscal\s+)?(quarter|period)(?:\s+(a\s+year\s+(?:earlier|ago)|last\s+year|of\s+(?:last|the\s+previous)\s+year))?)\b`), kBiz, 0, nil},
	{regexp.MustCompile(`\b(?i:year-earlier|year-ago|prior-year)\b`), kBiz, 0, nil},
	{regexp.MustCompile(`\b(?:(?i:last|this|next|coming|this\s+coming)\s+)?` + weekdayRe + `(?:'s|’s)?(?:\s+(morning|afternoon|evening|night))?\b`), kWeekday, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:(?:early|late|later|earlier)\s+)?(today|yesterday|tomorrow))\b`), kRelDay, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:(?:early|late|later|earlier)\s+)?(?:this|yesterday|tomorrow)\s+(morning|afternoon|evening)|(tonight)|(last)\s+(night))\b`), kDayPart, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:(?:the|early|late|later|earlier)\s+)?(last|this|next|past|coming))\s+(week|month|year|weekend|decade|spring|summer|autumn|fall|winter)\b`), kRelUnit, 0, nil},
	{regexp.MustCompile(`\b(?i:(the)\s+(weekend))\b`), kRelUnit, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:for\s+)?(?:the\s+)?(?:last|past|next|coming|previous|first)\s+` + numRe + `\s+` + unitRe + `)\b`), kDuration, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:nearly|around|approximately|roughly|at\s+least|at\s+most|more\s+than|less\s+than|up\s+to|some)\s+` + numRe + `[- ]` + unitRe + `)\b`), kDuration, 0, nil},
	{regexp.MustCompile(`\b(?i:` + numRe + `[- ]` + unitRe + `(?:[- ](?:long|old))?)\b`), kDuration, 0, nil},
	{regexp.MustCompile(`\b(?i:the\s+` + numRe + `\s+(hours|days|weeks|months|years|decades|quarters))\b`), kDuration, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:within|in|for|over)\s+(?:a\s+few\s+|several\s+|the\s+coming\s+)?(hours|days|weeks|months|years|decades))\b`), kDuration, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:almost|nearly|about|some|more\s+than|less\s+than)\s+)?(?i:` + numRe + `\s+` + unitRe + `\s+ago)\b`), kAgo, 0, nil},
	{regexp.MustCompile(`\b(?i:` + numRe + `\s+(months?|years?)\s+earlier)\b`), kAgo, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:in\s+)?recent\s+(?:days|weeks|months|years)|the\s+past|recently)\b`), kRef, 0, nil},
	{regexp.MustCompile(`\b(?i:now|currently|current|at\s+present|nowadays)\b`), kRef, 0, nil},
	{regexp.MustCompile(`\b(?i:(?:in\s+)?the\s+future)\b`), kRef, 0, nil},
	{regexp.MustCompile(`\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)`), kTime, 0, nil},
	{regexp.MustCompile(`\b(?i:(every|each)\s+(day|week|month|year|morning|night)|daily|weekly|monthly|annually|yearly)\b`), kSet, 0, nil},
	{regexp.MustCompile(`\b(?i:the\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|twentieth|\d{1,3}(?:st|nd|rd|th))\s+(day|week))\b`), kOrdinal, 0, nil},
	{regexp.MustCompile(`\b(?i:the\s+(next|following|previous)\s+(day|morning|week)|the\s+(day)\s+(before)|(?:(?:earlier|later)\s+)?(that|the\s+same)\s+(day|week|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(\w+)\s+(days?|weeks?)\s+(later|earlier))\b`), kAnaphor, 0, nil},
	{regexp.MustCompile(`\b(?:(?i:last|next|this)\s+)?(Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween|Valentine's\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day|Easter(?:\s+Sunday)?)\b`), kHoliday, 0, nil},
}

func init() {
	for i := range patterns {
		patterns[i].anchored = regexp.MustCompile(`^(?:` + patterns[i].re.String() + `)`)
	}
}

var (
	startMonth   = map[string]bool{}
	startWeekday = map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true}
	startNumber  = map[string]bool{"a": true, "an": true, "several": true, "few": true, "many": true}
	startWords   = map[kind]map[string]bool{
		kYearMonth: {"early": true, "mid": true, "late": true},
		kMonth:     words("in since by until till during from of before after through early late mid"),
		kYear:      words("in since by until till during from before after through early late mid of to and between year"),
		kRelDay:    words("today yesterday tomorrow tonight early late later earlier"),
		kRelUnit:   words("last this next past coming the early late later earlier"),
		kDuration:  words("for the last past next coming previous first within in over nearly almost about around approximately roughly at more less up some"),
		kAgo:       words("almost nearly about some more less"),
		kRef:       words("in recent the previously formerly now currently current at nowadays soon recently"),
		kSet:       words("every each daily weekly monthly annually yearly"),
	}
)

func init() {
	for m := range monthNum {
		startMonth[strings.ToUpper(m[:1])+m[1:]] = true
	}
	for w := range wordNum {
		startNumber[w] = true
	}
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// canStart reports whether a pattern of kind k may begin with word w.
func canStart(k kind, w string, digit bool) bool {
	lw := strings.ToLower(w)
	switch k {
	case kFull, kMonthDay:
		return digit || startMonth[w] || startWeekday[w]
	case kBareYear:
		return digit
	case kDecade:
		return digit || lw == "the" || lw == "early" || lw == "mid" || lw == "late"
	case kOrdinal:
		return lw == "the"
	case kAnaphor:
		return lw == "the" || lw == "that" || lw == "earlier" || lw == "later" || digit || startNumber[lw]
	case kBiz:
		return lw == "the" || lw == "this" || lw == "its" || lw == "that" || lw == "year" || lw == "prior"
	case kQuarter:
		return lw == "the" || lw == "this" || lw == "last" || lw == "next" || lw == "fiscal" || digit || lw == "year" || lw == "prior" || lw == "latest" || lw == "current" || quarterOrd[lw] > 0 || strings.HasPrefix(lw, "first") || strings.HasPrefix(lw, "second") || strings.HasPrefix(lw, "third") || strings.HasPrefix(lw, "fourth")
	case kFiscal:
		return lw == "fiscal"
	case kMonthRel:
		return lw == "last" || lw == "next" || lw == "this" || lw == "coming" || lw == "past"
	case kDayPart:
		return lw == "this" || lw == "yesterday" || lw == "tomorrow" || lw == "tonight" || lw == "last" || lw == "early" || lw == "late" || lw == "later" || lw == "earlier"
	case kHoliday:
		return lw == "last" || lw == "next" || lw == "this" || w == "Christmas" || w == "New" || w == "Thanksgiving" || w == "Independence" || w == "Halloween" || w == "Valentine" || w == "Labor" || w == "Memorial" || w == "Election" || w == "Easter"
	case kMonth:
		return startWords[k][lw] || startMonth[w]
	case kYearMonth:
		return startMonth[w] || startWords[k][lw]
	case kWeekday:
		return startWeekday[w] || lw == "last" || lw == "this" || lw == "next" || lw == "coming"
	case kTime:
		return digit
	case kAgo:
		return digit || startNumber[lw] || startWords[k][lw]
	case kDuration:
		return digit || startNumber[lw] || startWords[k][lw]
	}
	return startWords[k][lw]
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
	"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20}

func ordinalValue(w string) int {
	if n, ok := ordinals[w]; ok {
		return n
	}
	return atoi(strings.TrimRight(w, "stndrh"))
}

var quarterOrd = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

var monthNum = map[string]int{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12}

var weekdayNum = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var wordNum = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}

// cand is one recognised expression before normalisation.
type cand struct {
	doc.Span
	k                kind
	year, month, day int
	weekday          time.Weekday
	hasWeekday       bool
	n                int    // count for durations and "ago"
	unit             string // D, W, M, Y, H, DE (decade)
	rel              string // last, this, next, past ...
	text             string
	future           bool
	old              bool // "two-month-old": a duration that ended at the DCT
}

func parseNum(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if n, ok := wordNum[s]; ok {
		return n, true
	}
	return 0, false // several, few, many
}

func unitCode(u string) string {
	u = strings.ToLower(strings.TrimSuffix(strings.ToLower(u), "s"))
	switch u {
	case "hour":
		return "H"
	case "minute":
		return "MIN"
	case "day":
		return "D"
	case "week":
		return "W"
	case "month":
		return "M"
	case "year":
		return "Y"
	case "decade":
		return "DE"
	case "quarter":
		return "Q"
	case "century", "centurie":
		return "CE"
	}
	return ""
}

func month(s string) int { return monthNum[strings.ToLower(strings.TrimSuffix(s, "."))] }

// find returns the expressions of text, longest first where they overlap.
func find(d *doc.Doc) []cand {
	text := d.Text
	var cs []cand
	// Sentence by sentence: short inputs keep Go's regexp on its fast
	// backtracking path, and no expression crosses a sentence.
	paras := d.Sentences
	if len(paras) == 0 {
		paras = []doc.Span{{Start: 0, End: len(text)}}
	}
	for _, para := range paras {
		ptext := text[para.Start:para.End]
		lower := strings.ToLower(ptext)
		hasDigit := strings.ContainsAny(ptext, "0123456789")
		for _, p := range patterns {
			if (p.k == kFull || p.k == kYear || p.k == kTime || p.k == kBareYear || p.k == kFiscal || p.k == kDecade) && !hasDigit || !triggered(p, ptext, lower) {
				continue
			}
			cs = appendMatches(cs, d, p, para.Start, ptext)
		}
	}
	return resolveOverlaps(d, cs)
}

// appendMatches adds the matches of p in the paragraph text (which starts
// at byte base of the document).
func appendMatches(cs []cand, d *doc.Doc, p pattern, base int, text string) []cand {
	{
		// Try the pattern anchored at each word start: far fewer starts
		// than the unanchored search, which tries every byte.
		var ms [][]int
		for off := 0; off < len(text); {
			r, n := utf8.DecodeRuneInString(text[off:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r)) || off > 0 && isWordByte(text[off-1]) {
				off += n
				continue
			}
			wend := off
			for wend < len(text) && isWordByte(text[wend]) {
				wend++
			}
			if !canStart(p.k, text[off:wend], unicode.IsDigit(r)) {
				off = wend
				continue
			}
			// A window of about 80 bytes, ending at a word boundary, holds
			// any expression and keeps each attempt cheap.
			end := min(len(text), off+80)
			for end < len(text) && isWordByte(text[end]) {
				end++
			}
			if m := p.anchored.FindStringSubmatchIndex(text[off:end]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += off
					}
				}
				ms = append(ms, m)
			}
			off += n
		}
		for _, m := range ms {
			s, e := m[0], m[1]
			if p.group > 0 && m[2*p.group] >= 0 {
				s, e = m[2*p.group], m[2*p.group+1]
			}
			g := func(i int) string {
				if 2*i >= len(m) || m[2*i] < 0 {
					return ""
				}
				return text[m[2*i]:m[2*i+1]]
			}
			c := cand{Span: doc.Span{Start: base + s, End: base + e}, k: p.k, text: text[s:e]}
			switch p.k {
			case kFull:
				switch {
				case strings.Contains(p.re.String(), `(\d{4})-(\d{2})`):
					c.year, _ = strconv.Atoi(g(1))
					c.month, _ = strconv.Atoi(g(2))
					c.day, _ = strconv.Atoi(g(3))
				case month(g(2)) > 0:
					c.month, c.day, c.year = month(g(2)), atoi(g(3)), atoi(g(4))
				default:
					c.day, c.month, c.year = atoi(g(2)), month(g(3)), atoi(g(4))
				}
				if g(1) != "" {
					c.weekday, c.hasWeekday = weekdayNum[strings.ToLower(g(1))], true
				}
			case kMonthDay:
				if month(g(2)) > 0 {
					c.month, c.day = month(g(2)), atoi(g(3))
				} else {
					c.day, c.month = atoi(g(2)), month(g(3))
				}
				if g(1) != "" {
					c.weekday, c.hasWeekday = weekdayNum[strings.ToLower(g(1))], true
				}
			case kYearMonth:
				c.month, c.year = month(g(1)), atoi(g(2))
			case kMonth:
				c.month = month(g(1))
				// "March" and "May" as verbs need a preposition before them,
				// which the pattern requires; "may" in lower case never matches.
			case kYear:
				c.year = atoi(g(1))
			case kWeekday:
				c.weekday = weekdayNum[strings.ToLower(g(1))]
				switch l := strings.ToLower(c.text); {
				case strings.HasPrefix(l, "last"):
					c.rel = "last"
				case strings.HasPrefix(l, "next") || strings.Contains(l, "coming"):
					c.rel = "next"
				}
				if g(2) == "" {
					c.text = strings.TrimSuffix(strings.TrimSuffix(c.text, "'s"), "’s")
					c.End = c.Start + len(c.text)
				}
			case kBareYear:
				// A year, not a count: no currency or digits before, no
				// percent or plural noun after ("2000 troops").
				if s > 0 && strings.ContainsAny(text[s-1:s], "$£€#.,0123456789") {
					continue
				}
				rest := strings.TrimLeft(text[e:], " ")
				next := rest
				if i := strings.IndexAny(next, " ,.;:)"); i >= 0 {
					next = next[:i]
				}
				ln := strings.ToLower(next)
				if strings.HasPrefix(rest, "%") || ln == "percent" || ln == "per" || ln == "to" || ln == "and" && strings.ContainsAny(rest[3:min(len(rest), 6)], "0123456789") ||
					len(ln) > 3 && strings.HasSuffix(ln, "s") && !isCap(next) && ln != "has" && ln != "was" && ln != "is" || ln == "people" || ln == "of" {
					continue
				}
				c.k = kYear
				c.year = atoi(g(1))
			case kFiscal:
				c.k = kYear
				c.year = atoi(g(1))
			case kDecade:
				c.year = atoi(g(2)) * 10
			case kQuarter:
				c.n = quarterOrd[strings.ToLower(g(2))]
				switch mod := strings.ToLower(g(1)); {
				case mod == "year-earlier" || mod == "year-ago" || mod == "prior-year" || strings.HasPrefix(mod, "last "):
					c.rel = "prev"
				case strings.HasPrefix(mod, "next "), strings.HasPrefix(mod, "this "):
					c.rel = mod[:4]
				case mod != "" && mod[0] >= '0' && mod[0] <= '9':
					c.year = atoi(mod)
				}
				// "third-quarter profit": an adjective, without "the".
				if i := strings.IndexByte(c.text, ' '); i > 0 && strings.Contains(c.text, "-quarter") && strings.EqualFold(c.text[:i], "the") && g(1) == "" {
					c.text = c.text[i+1:]
					c.Start += i + 1
				}
			case kBiz:
				l := strings.ToLower(c.text)
				mod, yr := strings.ToLower(g(1)), strings.ToLower(g(2))
				switch {
				case strings.Contains(l, "year-earlier") || strings.Contains(l, "year-ago") || strings.Contains(l, "prior-year") ||
					strings.Contains(l, "year earlier") || strings.Contains(l, "year ago") || strings.Contains(l, "last year") || strings.Contains(l, "previous year"):
					c.rel = "prev"
				case yr != "":
					c.year = atoi(yr)
				case mod == "" && strings.HasSuffix(l, "period"), mod == "same":
					// "the period", "the same period": which period is
					// not said.
					continue
				}
				c.unit = "Q"
				if !strings.Contains(l, "quarter") && !strings.Contains(l, "period") {
					// "year-earlier" on its own: the quarter when the
					// sentence is about one, else the year.
					c.unit = "Y"
				}
			case kAnaphor:
				l := strings.ToLower(c.text)
				f := strings.Fields(l)
				switch {
				case strings.HasSuffix(l, "later") || strings.HasSuffix(l, "earlier"):
					n, ok := parseNum(f[0])
					if !ok {
						continue
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
			case kOrdinal:
				c.n = ordinalValue(strings.ToLower(g(1)))
				c.unit = strings.ToLower(g(2))
				if c.n <= 0 {
					continue
				}
			case kMonthRel:
				c.rel, c.month = strings.ToLower(g(1)), month(g(2))
				if c.month == 0 || len(strings.TrimLeft(text[e:], ". ")) > 0 && strings.ContainsAny(strings.TrimLeft(text[e:], ". ")[:1], "0123456789") {
					continue
				}
			case kDayPart:
				l := strings.ToLower(c.text)
				c.rel = "this"
				switch {
				case strings.HasPrefix(l, "yesterday"), strings.HasPrefix(l, "last"):
					c.rel = "yesterday"
				case strings.HasPrefix(l, "tomorrow"):
					c.rel = "tomorrow"
				}
				switch {
				case strings.Contains(l, "morning"):
					c.unit = "MO"
				case strings.Contains(l, "afternoon"):
					c.unit = "AF"
				case strings.Contains(l, "evening"):
					c.unit = "EV"
				default:
					c.unit = "NI"
				}
			case kHoliday:
				c.unit = strings.ToLower(strings.Fields(g(1))[0])
				if lf := strings.ToLower(strings.Fields(c.text)[0]); lf == "last" || lf == "next" || lf == "this" {
					c.rel = lf
				}
				if strings.HasSuffix(strings.ToLower(g(1)), "eve") {
					c.rel = "eve"
				}
			case kRelDay:
				c.rel = strings.ToLower(g(1))
			case kRelUnit:
				c.rel, c.unit = strings.ToLower(g(1)), strings.ToLower(g(2))
			case kDuration:
				c.n, c.unit = durationParts(strings.ToLower(c.text))
				c.old = strings.HasSuffix(strings.ToLower(c.text), "old")
				// Ages ("a 6-year-old boy", "52 years old") are not times.
				if c.old && c.unit == "Y" || strings.HasPrefix(strings.ToLower(text[e:]), " old") {
					continue
				}
			case kAgo:
				l := strings.ToLower(c.text)
				if strings.HasSuffix(l, "earlier") {
					c.rel = "earlier"
				}
				c.n, c.unit = durationParts(strings.TrimSuffix(strings.TrimSuffix(l, " ago"), " earlier"))
			case kTime:
				c.n = atoi(g(1))
				c.day = atoi(g(2)) // minutes
			}
			// TimeML spans leave out the preposition: "weeks" in "for
			// weeks", "the future" in "in the future".
			if c.k == kDuration || c.k == kRef {
				for _, pre := range []string{"for ", "in ", "within ", "over ", "For ", "In ", "Within ", "Over "} {
					if strings.HasPrefix(c.text, pre) && len(c.text) > len(pre) {
						c.text = c.text[len(pre):]
						c.Start += len(pre)
					}
				}
			}
			if c.k == kMonthDay && (c.day < 1 || c.day > 31 || c.month == 0) {
				continue
			}
			if c.k == kFull && (c.day < 1 || c.day > 31 || c.month < 1 || c.month > 12) {
				continue
			}
			if d.InCreditKind(c.Span, "photo", "source") {
				continue
			}
			cs = append(cs, c)
		}
	}
	return cs
}

func resolveOverlaps(d *doc.Doc, cs []cand) []cand {
	// Longest first, then earliest; drop overlaps.
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Len() != cs[j].Len() {
			return cs[i].Len() > cs[j].Len()
		}
		return cs[i].Start < cs[j].Start
	})
	var out []cand
	for _, c := range cs {
		ok := true
		for _, o := range out {
			if o.Overlaps(c.Span) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].future = futureContext(d, out[i].Span)
		if out[i].k == kWeekday && out[i].rel != "" {
			out[i].future = out[i].rel != "last"
		}
	}
	return out
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

var durRe = regexp.MustCompile(numRe + `[- ]` + unitRe)

func durationParts(s string) (int, string) {
	m := durRe.FindStringSubmatch(s)
	if m == nil {
		// "within hours"
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

// futureContext reports a future or planned reading for an expression,
// from the tense nearest to it. Walking back from the expression through
// its clause (up to 15 words, stopping at a quotation mark or semicolon:
// "'We will build it,' he said on Wednesday" is past), the first word that
// marks a time decides: a future or planning word ("will", "scheduled",
// "plans to", "next" just before) says future; a past form ("said", "was",
// "charged" not after "be") says past. A sentence that opens with the
// expression ("On Tuesday, the league plans to …") is read forwards the
// same way. With no marker the news default, past, holds.
func futureContext(d *doc.Doc, s doc.Span) bool {
	si := d.SentenceAt(s.Start)
	if si < 0 {
		return false
	}
	before := d.Text[d.Sentences[si].Start:s.Start]
	if i := strings.LastIndexAny(before, "\"“”;"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(before)
	if len(words) > 15 {
		words = words[len(words)-15:]
	}
	for i := len(words) - 1; i >= 0; i-- {
		if t := tenseAt(words, i, i >= len(words)-2); t != 0 {
			return t > 0
		}
	}
	if len(words) > 2 {
		return false
	}
	after := d.Text[s.End:d.Sentences[si].End]
	if i := strings.IndexAny(after, "\"“”;"); i >= 0 {
		after = after[:i]
	}
	aw := strings.Fields(after)
	if len(aw) > 10 {
		aw = aw[:10]
	}
	for i := range aw {
		if t := tenseAt(aw, i, false); t != 0 {
			return t > 0
		}
	}
	return false
}

// tenseAt classifies words[i] with its neighbours; capitalised words are
// names ("United States"), never verbs.
func tenseAt(ws []string, i int, near bool) int {
	clean := func(j int) string {
		if j < 0 || j >= len(ws) {
			return ""
		}
		return strings.ToLower(strings.Trim(ws[j], `,"“”'()`))
	}
	if w := strings.Trim(ws[i], `,"“”'()`); w != "" && unicode.IsUpper(rune(w[0])) && i > 0 {
		return 0
	}
	return tenseOf(clean(i), clean(i-1), clean(i+1), near)
}

var (
	futureWords = words("will would shall upcoming scheduled expected due planning postponed delayed until till tomorrow intends intend hopes aims")
	pastWords   = words("said says told was were had did ago yesterday last")
	pastForms   = words("announced met held began came went left took gave made sent spoke fled fought won lost struck")
	// notFinite are words before which a past form is a participle or an
	// adjective ("will be held", "the united", "a still unspecified date"),
	// not a verb in the past tense.
	notFinite = words("be been being will would to is are am 's get gets a an the still very more most so too not")
)

// tenseOf classifies one word of a clause: 1 future, -1 past, 0 neither.
// near says the word is next to the expression ("next Friday").
func tenseOf(w, prev, next string, near bool) int {
	switch {
	case futureWords[w] || strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "’ll"):
		return 1
	case w == "next" && near:
		return 1
	case (w == "plans" || w == "plan" || w == "going" || w == "set" || w == "is" || w == "are") && next == "to",
		w == "planned" && next != "to":
		return 1
	case w == "soon" && prev == "as":
		return 1
	case pastWords[w]:
		return -1
	case (pastForms[w] || len(w) > 4 && strings.HasSuffix(w, "ed") && w != "need" && w != "speed" && w != "indeed") && !notFinite[prev]:
		return -1
	}
	return 0
}

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

// Run finds the document's times and normalises every expression against
// its publication date (given or inferred). An undated document whose
// related documents lend it a year (doc.Linked.YearRef) gets that year
// for the dates written without one.
func Run(d *doc.Doc) {
	cs := find(d)
	day, inferred, _ := d.Dated()
	dct, ok := parseDay(day)
	d.Times = nil
	anchor := ""
	if ok {
		anchor = "publication date " + dct.Format(doc.DayLayout)
		if inferred {
			anchor = "inferred publication date " + dct.Format(doc.DayLayout)
		}
	}
	var ordinalsFound, anaphors, business []cand
	for _, c := range cs {
		if c.k == kOrdinal {
			ordinalsFound = append(ordinalsFound, c)
			continue
		}
		if c.k == kAnaphor {
			anaphors = append(anaphors, c)
			continue
		}
		if c.k == kBiz && c.unit == "Y" && !yearBackInQuarter(d, c) {
			if ok {
				d.Times = append(d.Times, doc.Time{Span: c.Span, Text: c.text, Type: "DATE", Value: fmt.Sprintf("%04d", dct.Year()-1), Anchor: anchor})
			}
			continue
		}
		if ok && (c.k == kBiz || yearBackInQuarter(d, c)) {
			business = append(business, c)
			continue
		}
		typ, val, anc := normalize(c, dct, ok)
		if val == "" {
			continue
		}
		if anc == "" {
			anc = anchor
		}
		if anc == "-" {
			anc = ""
		}
		d.Times = append(d.Times, doc.Time{Span: c.Span, Text: c.text, Type: typ, Value: val, Anchor: anc})
	}
	for _, c := range ordinalsFound {
		if t, ok := countFromSince(d, c); ok {
			d.Times = append(d.Times, t)
		}
	}
	sort.SliceStable(d.Times, func(i, j int) bool { return d.Times[i].Start < d.Times[j].Start })
	if len(business) > 0 {
		for _, c := range business {
			q, ev := reportingQuarter(d, c.Start, dct)
			if c.year > 0 {
				q = time.Date(c.year, q.Month(), 1, 0, 0, 0, 0, time.UTC)
			}
			if c.rel == "prev" || c.k == kAgo {
				q = q.AddDate(-1, 0, 0)
			}
			d.Times = append(d.Times, doc.Time{Span: c.Span, Text: c.text, Type: "DATE", Value: fmt.Sprintf("%04d-Q%d", q.Year(), (int(q.Month())-1)/3+1), Anchor: ev})
		}
		sort.SliceStable(d.Times, func(i, j int) bool { return d.Times[i].Start < d.Times[j].Start })
	}
	// "The next day", "that Friday": against the latest full date before
	// them in the paragraph, else the publication date.
	var extra []doc.Time
	for _, c := range anaphors {
		ref, refText := time.Time{}, ""
		p := d.ParagraphAt(c.Start)
		for _, t := range d.Times {
			if t.Start >= c.Start || t.Type != "DATE" || len(t.Value) != 10 || p >= 0 && d.ParagraphAt(t.Start) != p {
				continue
			}
			if v, err := time.Parse("2006-01-02", t.Value); err == nil {
				ref, refText = v, "date "+t.Value+" (\""+t.Text+"\") earlier in the paragraph"
			}
		}
		if refText == "" {
			if !ok {
				continue
			}
			ref, refText = dct, anchor
		}
		if val, typ := resolveAnaphor(c, ref); val != "" {
			extra = append(extra, doc.Time{Span: c.Span, Text: c.text, Type: typ, Value: val, Anchor: refText})
		}
	}
	if len(extra) > 0 {
		d.Times = append(d.Times, extra...)
		sort.SliceStable(d.Times, func(i, j int) bool { return d.Times[i].Start < d.Times[j].Start })
	}
	if !ok && d.Linked.YearRef != "" {
		if ref, ok := parseDay(d.Linked.YearRef); ok {
			borrowYear(d, ref, d.Linked.YearFrom)
		}
	}
}

// yearBackInQuarter reports "a year ago", "a year earlier" or "last year"
// in a sentence about a quarter or period ("profit rose from $1 million a
// year earlier"), where it means the same quarter of the year before.
func yearBackInQuarter(d *doc.Doc, c cand) bool {
	if !(c.k == kAgo && c.unit == "Y" && c.n == 1 || c.k == kBiz && c.unit == "Y") {
		return false
	}
	si := d.SentenceAt(c.Start)
	if si < 0 {
		return false
	}
	// This sentence or the one before: "Third-quarter profit rose. It
	// earned $2 million a year earlier."
	l := strings.ToLower(d.Text[d.Sentences[max(0, si-1)].Start:d.Sentences[si].End])
	return strings.Contains(l, "quarter") || strings.Contains(l, "period")
}

// reportingQuarter is the quarter a business story reports on, for "the
// quarter", "the latest period" and "year-earlier": the nearest quarter
// named before pos, else the first named after it, else the last quarter
// completed before the publication date.
func reportingQuarter(d *doc.Doc, pos int, dct time.Time) (time.Time, string) {
	last := time.Date(dct.Year(), time.Month(((int(dct.Month())-1)/3)*3+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -3, 0)
	// Results are reported for quarters already over: the quarter named
	// most often among those, the nearest before pos on a tie.
	count := map[string]int{}
	var best *doc.Time
	for i := range d.Times {
		t := &d.Times[i]
		if len(t.Value) != 7 || t.Value[4:6] != "-Q" || strings.Contains(strings.ToLower(t.Text), "year") {
			continue
		}
		y, q := atoi(t.Value[:4]), atoi(t.Value[6:])
		if time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC).After(last) {
			continue
		}
		count[t.Value]++
		if best == nil || count[t.Value] > count[best.Value] || count[t.Value] == count[best.Value] && t.Start < pos {
			best = t
		}
	}
	if best != nil {
		y, q := atoi(best.Value[:4]), atoi(best.Value[6:])
		return time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC), "quarter " + best.Value + " (\"" + best.Text + "\")"
	}
	return last, "last quarter completed before publication date " + dct.Format("2006-01-02")
}

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
		return best.Format("2006-01-02"), "DATE"
	case c.rel == "that" && c.unit == "day":
		return ref.Format("2006-01-02"), "DATE"
	case c.rel == "that" && c.unit == "week":
		y, w := ref.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), "DATE"
	case c.unit == "day":
		return ref.AddDate(0, 0, c.n).Format("2006-01-02"), "DATE"
	case c.unit == "week":
		y, w := ref.AddDate(0, 0, 7*c.n).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), "DATE"
	}
	return "", ""
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
		if !sent.Contains(t.Span) || t.Type != "DATE" || len(t.Value) != 10 {
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
		return doc.Time{Span: c.Span, Text: c.text, Type: "DATE", Value: val, Anchor: "day one is " + t.Value + " (\"" + t.Text + "\")"}, true
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
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return "", false
	}
	t = t.AddDate(0, 0, n)
	if unknownYear {
		if t.Year() != 2001 {
			return "", false
		}
		return "XXXX" + t.Format("2006-01-02")[4:], true
	}
	return t.Format("2006-01-02"), true
}

func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

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
		if t.Type != "DATE" || len(t.Value) != 10 {
			continue
		}
		v, err := time.Parse("2006-01-02", t.Value)
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
	return dct, fmt.Sprintf("latest date %s (year from related documents), then %d weekday mention(s) as past", best.Format("2006-01-02"), n), true
}

func normalize(c cand, dct time.Time, known bool) (typ, val, anchor string) {
	switch c.k {
	case kFull:
		return "DATE", fmt.Sprintf("%04d-%02d-%02d", c.year, c.month, c.day), "-"
	case kYearMonth:
		return "DATE", fmt.Sprintf("%04d-%02d", c.year, c.month), "-"
	case kYear:
		return "DATE", fmt.Sprintf("%04d", c.year), "-"
	case kMonthDay:
		if !known {
			return "DATE", fmt.Sprintf("XXXX-%02d-%02d", c.month, c.day), "-"
		}
		// The year that puts it nearest before the DCT, with a short
		// forward window (two weeks, or any future when the tense says so).
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
		return "DATE", fmt.Sprintf("%04d-%02d-%02d", y, c.month, c.day), ""
	case kMonth:
		if !known {
			return "DATE", fmt.Sprintf("XXXX-%02d", c.month), "-"
		}
		// The tense decides: the latest such month up to the DCT's, or
		// the next from it when the text speaks of the future.
		y := dct.Year()
		if c.future && c.month < int(dct.Month()) {
			y++
		} else if !c.future && c.month > int(dct.Month())+1 {
			// Next month counts as near enough to be meant ("talks
			// resume in May" late in April).
			y--
		}
		return "DATE", fmt.Sprintf("%04d-%02d", y, c.month), ""
	case kWeekday:
		if !known {
			return "DATE", fmt.Sprintf("XXXX-WXX-%d", isoWeekday(c.weekday)), "-"
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
		// "Friday night": TimeBank and AQUAINT annotate most such
		// expressions as the day (DATE), not as a TIME with a part of day.
		return "DATE", t.Format("2006-01-02"), ""
	case kRelDay:
		if !known {
			return "DATE", map[string]string{"today": "PRESENT_REF", "tonight": "PRESENT_REF", "yesterday": "PAST_REF", "tomorrow": "FUTURE_REF"}[c.rel], "-"
		}
		off := map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[c.rel]
		return "DATE", dct.AddDate(0, 0, off).Format("2006-01-02"), ""
	case kRelUnit:
		off := map[string]int{"last": -1, "past": -1, "this": 0, "coming": 1, "next": 1}[c.rel]
		if c.rel == "past" {
			// "the past week" is a duration ending now.
			return "DURATION", "P1" + unitCode(c.unit), ""
		}
		if !known {
			return "DATE", map[int]string{-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[off], "-"
		}
		switch c.unit {
		case "week":
			y, w := dct.AddDate(0, 0, 7*off).ISOWeek()
			return "DATE", fmt.Sprintf("%04d-W%02d", y, w), ""
		case "weekend":
			if c.rel == "the" {
				// "The weekend": the one just past on a weekday, the
				// current one at a weekend, the coming one when the tense
				// says so.
				t := dct
				if wd := dct.Weekday(); wd != time.Saturday && wd != time.Sunday && !c.future {
					t = dct.AddDate(0, 0, -7)
				}
				y, w := t.ISOWeek()
				return "DATE", fmt.Sprintf("%04d-W%02d-WE", y, w), ""
			}
			y, w := dct.AddDate(0, 0, 7*off).ISOWeek()
			if off == -1 && dct.Weekday() == time.Sunday {
				y, w = dct.AddDate(0, 0, -7).ISOWeek()
			}
			return "DATE", fmt.Sprintf("%04d-W%02d-WE", y, w), ""
		case "month":
			t := time.Date(dct.Year(), dct.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, off, 0)
			return "DATE", t.Format("2006-01"), ""
		case "year":
			return "DATE", fmt.Sprintf("%04d", dct.Year()+off), ""
		case "decade":
			return "DATE", fmt.Sprintf("%03d", (dct.Year()+10*off)/10), ""
		default: // seasons
			s := map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[c.unit]
			y := dct.Year() + off
			return "DATE", fmt.Sprintf("%04d-%s", y, s), ""
		}
	case kDuration:
		if c.unit == "" {
			return "", "", ""
		}
		n := "X"
		if c.n > 0 {
			n = strconv.Itoa(c.n)
		}
		if c.unit == "H" || c.unit == "MIN" {
			u := c.unit
			if u == "MIN" {
				u = "M"
			}
			return "DURATION", "PT" + n + u, "-"
		}
		if c.unit == "DE" {
			if c.n > 0 {
				return "DURATION", "P" + strconv.Itoa(10*c.n) + "Y", "-"
			}
			return "DURATION", "PXDE", "-"
		}
		if c.unit == "CE" {
			return "DURATION", "P" + n + "CE", "-"
		}
		return "DURATION", "P" + n + c.unit, "-"
	case kAgo:
		if !known || c.n <= 0 {
			return "DATE", "PAST_REF", "-"
		}
		if c.rel == "earlier" && c.unit == "M" {
			return "DATE", dct.AddDate(0, -c.n, 0).Format("2006-01"), ""
		}
		switch c.unit {
		case "D":
			return "DATE", dct.AddDate(0, 0, -c.n).Format("2006-01-02"), ""
		case "W":
			return "DATE", dct.AddDate(0, 0, -7*c.n).Format("2006-01-02"), ""
		case "M":
			return "DATE", dct.AddDate(0, -c.n, 0).Format("2006-01"), ""
		case "Y":
			return "DATE", fmt.Sprintf("%04d", dct.Year()-c.n), ""
		}
		return "DATE", "PAST_REF", ""
	case kRef:
		l := strings.ToLower(c.text)
		switch {
		case strings.Contains(l, "future") || l == "soon":
			return "DATE", "FUTURE_REF", "-"
		case strings.Contains(l, "now") || strings.Contains(l, "current") || strings.Contains(l, "present"):
			return "DATE", "PRESENT_REF", "-"
		}
		return "DATE", "PAST_REF", "-"
	case kDecade:
		return "DATE", fmt.Sprintf("%03dX", c.year/10), "-"
	case kQuarter:
		if !known {
			return "DATE", fmt.Sprintf("XXXX-Q%d", c.n), "-"
		}
		if c.year > 0 {
			return "DATE", fmt.Sprintf("%04d-Q%d", c.year, c.n), "-"
		}
		// A quarter not yet begun is last year's, unless announced.
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
		return "DATE", fmt.Sprintf("%04d-Q%d", y, c.n), ""
	case kMonthRel:
		if !known {
			return "DATE", fmt.Sprintf("XXXX-%02d", c.month), "-"
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
		return "DATE", fmt.Sprintf("%04d-%02d", y, c.month), ""
	case kDayPart:
		if !known {
			return "TIME", "XXXX-XX-XXT" + c.unit, "-"
		}
		off := map[string]int{"this": 0, "yesterday": -1, "tomorrow": 1}[c.rel]
		return "TIME", dct.AddDate(0, 0, off).Format("2006-01-02") + "T" + c.unit, ""
	case kHoliday:
		if !known {
			return "DATE", "", "-"
		}
		for _, y := range []int{dct.Year(), dct.Year() - 1, dct.Year() + 1} {
			t, ok := holiday(c.unit, y)
			if !ok {
				return "", "", ""
			}
			if c.rel == "eve" {
				t = t.AddDate(0, 0, -1)
			}
			// The nearest before the DCT, or within a month after it.
			if !t.After(dct.AddDate(0, 0, 30)) && dct.Sub(t) < 335*24*time.Hour || c.future && t.After(dct) && t.Sub(dct) < 335*24*time.Hour {
				return "DATE", t.Format("2006-01-02"), ""
			}
		}
		return "", "", ""
	case kTime:
		h := c.n
		pm := strings.HasPrefix(strings.ToLower(c.text[strings.LastIndexAny(c.text, "0123456789")+1:]), " p") ||
			strings.Contains(strings.ToLower(c.text), "p")
		if pm && h < 12 {
			h += 12
		}
		day := "XXXX-XX-XX"
		if known {
			day = dct.Format("2006-01-02")
		}
		return "TIME", fmt.Sprintf("%sT%02d:%02d", day, h, c.day), ""
	case kSet:
		l := strings.ToLower(c.text)
		switch {
		case strings.Contains(l, "week"):
			return "SET", "P1W", "-"
		case strings.Contains(l, "month"):
			return "SET", "P1M", "-"
		case strings.Contains(l, "year"), strings.Contains(l, "annual"):
			return "SET", "P1Y", "-"
		}
		return "SET", "P1D", "-"
	}
	return "", "", ""
}

func isoWeekday(w time.Weekday) int {
	if w == time.Sunday {
		return 7
	}
	return int(w)
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

// holiday returns the date of a named holiday in year y.
func holiday(name string, y int) (time.Time, bool) {
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// nth weekday of a month (n = -1 for the last)
	nth := func(m time.Month, wd time.Weekday, n int) time.Time {
		if n < 0 {
			t := date(m+1, 1).AddDate(0, 0, -1)
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, -1)
			}
			return t
		}
		t := date(m, 1)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		return t.AddDate(0, 0, 7*(n-1))
	}
	switch name {
	case "christmas":
		return date(time.December, 25), true
	case "new":
		return date(time.January, 1), true
	case "independence":
		return date(time.July, 4), true
	case "halloween":
		return date(time.October, 31), true
	case "valentine's":
		return date(time.February, 14), true
	case "thanksgiving":
		return nth(time.November, time.Thursday, 4), true
	case "labor":
		return nth(time.September, time.Monday, 1), true
	case "memorial":
		return nth(time.May, time.Monday, -1), true
	case "election":
		// The Tuesday after the first Monday of November.
		return nth(time.November, time.Monday, 1).AddDate(0, 0, 1), true
	case "easter":
		// Anonymous Gregorian algorithm.
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		month := (h + l - 7*m + 114) / 31
		day := (h+l-7*m+114)%31 + 1
		return date(time.Month(month), day), true
	}
	return time.Time{}, false
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

var datelinePrefix = regexp.MustCompile(`^(?:(?i:published|updated|posted|date|first published)\s*(?:on|at)?\s*:?\s*|\p{Lu}[\p{Lu} .'-]+,(?:\s+\p{Lu}[\p{L}.]+,?)?\s+)$`)

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
