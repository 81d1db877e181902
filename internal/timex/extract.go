package timex

import (
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
)

// match is one match of a pattern in a sentence.
type match struct {
	text       string // the sentence
	idx        []int  // the submatch offsets into text
	start, end int    // the expression's span in text
	layout     layout // where the parts of a date sit among the groups
}

// group returns submatch i, "" when it did not take part.
func (m match) group(i int) string {
	if 2*i >= len(m.idx) || m.idx[2*i] < 0 {
		return ""
	}
	return m.text[m.idx[2*i]:m.idx[2*i+1]]
}

// lowerGroup returns submatch i in lower case.
func (m match) lowerGroup(i int) string { return strings.ToLower(m.group(i)) }

// after is the rest of the sentence after the expression.
func (m match) after() string { return m.text[m.end:] }

// extractor reads the parts of an expression of one kind from its match
// into c; false when the match is not an expression after all ("2000
// troops", "52 years old").
type extractor func(c cand, m match) (cand, bool)

// extractors holds the extractor of each kind; a kind without one (kSet)
// is read from its text when normalised.
var extractors = [kindCount]extractor{
	kFull:      fullDate,
	kMonthDay:  monthDay,
	kYearMonth: yearMonth,
	kMonth:     monthAlone,
	kYear:      year,
	kBareYear:  bareYear,
	kFiscal:    fiscalYear,
	kDecade:    decade,
	kHoliday:   holidayName,
	kWeekday:   weekday,
	kRelDay:    relDay,
	kRelUnit:   relUnit,
	kMonthRel:  monthRel,
	kDayPart:   dayPart,
	kTime:      clockTime,
	kDuration:  duration,
	kAgo:       ago,
	kRef:       trimPreposition,
	kQuarter:   quarter,
	kBiz:       businessPeriod,
	kOrdinal:   ordinalDay,
	kAnaphor:   anaphor,
}

// extract turns a match of p in the sentence text (which starts at byte
// base of the document) into a candidate, false when it is none.
func extract(p pattern, base int, text string, idx []int) (cand, bool) {
	s, e := idx[0], idx[1]
	if p.group > 0 && idx[2*p.group] >= 0 {
		s, e = idx[2*p.group], idx[2*p.group+1]
	}
	m := match{text: text, idx: idx, start: s, end: e, layout: p.layout}
	c := cand{Span: doc.Span{Start: base + s, End: base + e}, k: p.kind, text: text[s:e]}
	if f := extractors[p.kind]; f != nil {
		return f(c, m)
	}
	return c, true
}

// timeMLPrepositions are left out of the spans of durations and
// references, as TimeML does: "weeks" in "for weeks", "the future" in "in
// the future".
var timeMLPrepositions = []string{"for ", "in ", "within ", "over ", "For ", "In ", "Within ", "Over "}

// trimPreposition drops a leading preposition from the expression.
func trimPreposition(c cand, _ match) (cand, bool) {
	for _, pre := range timeMLPrepositions {
		if strings.HasPrefix(c.text, pre) && len(c.text) > len(pre) {
			c.text = c.text[len(pre):]
			c.Start += len(pre)
		}
	}
	return c, true
}
