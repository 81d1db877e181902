package timex

import (
	"regexp"
	"strings"
)

// The word classes the patterns share.
const (
	monthRe   = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Aug|Sept|Oct|Nov|Dec)`
	weekdayRe = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	numRe     = `(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|several|a few|few|many)`
	unitRe    = `(hours?|days?|weeks?|months?|years?|decades?|centuries|century|minutes?)`
)

// kind is what an expression is; it decides how a match is read (see
// extractors), which words may start it (scanRules) and how it is
// normalised (normalisers).
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

	kindCount // the number of kinds: the size of the per-kind tables
)

// layout says in which groups of a date pattern the parts of the date
// sit, so that reading a match needs no guessing.
type layout int

const (
	noLayout   layout = iota
	isoDate           // 2016-04-22: year, month, day
	monthFirst        // [weekday,] month day[, year]: "Thursday, April 28, 2016"
	dayFirst          // [weekday,] day [of] month[, year]: "3 March 2025"
)

// pattern is one way of writing an expression of a kind.
type pattern struct {
	kind   kind
	layout layout
	// group is the submatch whose span is the expression (0: whole match).
	group int
	// re is the pattern anchored at the start of its input: it is tried
	// at word starts only (see appendMatches).
	re *regexp.Regexp
}

// patternSpec is a pattern as written in the table.
type patternSpec struct {
	kind   kind
	layout layout
	group  int
	src    string
}

// patterns are tried in this order; where matches overlap the longest
// wins, then the earliest (resolveOverlaps).
var patterns = compilePatterns([]patternSpec{
	{kFull, monthFirst, 0, `\b(?:` + weekdayRe + `,?\s+)?` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`},
	{kFull, dayFirst, 0, `\b(?:` + weekdayRe + `,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `,?\s+(\d{4})\b`},
	{kFull, isoDate, 0, `\b(\d{4})-(\d{2})-(\d{2})\b`},
	{kMonthDay, monthFirst, 0, `\b(?:` + weekdayRe + `,?\s+)?` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?\b`},
	{kMonthDay, dayFirst, 0, `\b(?:` + weekdayRe + `,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `\b`},
	{kYearMonth, noLayout, 0, `\b(?:(?:early|mid|late)[- ])?` + monthRe + `,?\s+(\d{4})\b`},
	{kMonth, noLayout, 1, `\b(?i:in|since|by|until|till|during|from|of|before|after|through|until)[- ]` + monthRe + `\b`},
	{kMonth, noLayout, 0, `\b(?:(?i:early|mid|late)[- ])` + monthRe + `\b`},
	{kMonth, noLayout, 1, `\b(January|February|April|June|July|August|September|October|November|December)\b`},
	{kMonthRel, noLayout, 0, `\b(?i:(last|next|this|coming|past))\s+` + monthRe + `\b`},
	{kYear, noLayout, 1, `\b(?i:in|since|by|until|till|during|from|before|after|through|early|late|mid|of|to|and|between|year)\s+((?:1[89]|20)\d{2})\b`},
	{kBareYear, noLayout, 1, `\b((?:1[89]|20)\d{2})\b`},
	{kFiscal, noLayout, 0, `\b(?i:fiscal(?:\s+year)?)\s+((?:19|20)\d{2})\b`},
	{kDecade, noLayout, 1, `\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[- ])?(((?:1[89]|20)\d)0'?s)\b`},
	{kQuarter, noLayout, 0, `\b(?i:(?:the\s+)?(?:((?:19|20)\d{2}|year-earlier|year-ago|prior-year|latest|current|(?:this|last|next)\s+year(?:'s|’s))\s+)?(?:fiscal[- ])?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)\b`},
	{kBiz, noLayout, 0, `\b(?i:(?:the|this|that)\s+(?:(latest|current|most\s+recent|same|comparable|corresponding)\s+)?(?:(year-earlier|year-ago|prior-year|(?:19|20)\d{2})\s+)?(?:fiscal\s+)?(quarter|period)(?:\s+(a\s+year\s+(?:earlier|ago)|last\s+year|of\s+(?:last|the\s+previous)\s+year))?)\b`},
	{kBiz, noLayout, 0, `\b(?i:year-earlier|year-ago|prior-year)\b`},
	{kWeekday, noLayout, 0, `\b(?:(?i:last|this|next|coming|this\s+coming)\s+)?` + weekdayRe + `(?:'s|’s)?(?:\s+(morning|afternoon|evening|night))?\b`},
	{kRelDay, noLayout, 0, `\b(?i:(?:(?:early|late|later|earlier)\s+)?(today|yesterday|tomorrow))\b`},
	{kDayPart, noLayout, 0, `\b(?i:(?:(?:early|late|later|earlier)\s+)?(?:this|yesterday|tomorrow)\s+(morning|afternoon|evening)|(tonight)|(last)\s+(night))\b`},
	{kRelUnit, noLayout, 0, `\b(?i:(?:(?:the|early|late|later|earlier)\s+)?(last|this|next|past|coming))\s+(week|month|year|weekend|decade|spring|summer|autumn|fall|winter)\b`},
	{kRelUnit, noLayout, 0, `\b(?i:(the)\s+(weekend))\b`},
	{kDuration, noLayout, 0, `\b(?i:(?:for\s+)?(?:the\s+)?(?:last|past|next|coming|previous|first)\s+` + numRe + `\s+` + unitRe + `)\b`},
	{kDuration, noLayout, 0, `\b(?i:(?:nearly|around|approximately|roughly|at\s+least|at\s+most|more\s+than|less\s+than|up\s+to|some)\s+` + numRe + `[- ]` + unitRe + `)\b`},
	{kDuration, noLayout, 0, `\b(?i:` + numRe + `[- ]` + unitRe + `(?:[- ](?:long|old))?)\b`},
	{kDuration, noLayout, 0, `\b(?i:the\s+` + numRe + `\s+(hours|days|weeks|months|years|decades|quarters))\b`},
	{kDuration, noLayout, 0, `\b(?i:(?:within|in|for|over)\s+(?:a\s+few\s+|several\s+|the\s+coming\s+)?(hours|days|weeks|months|years|decades))\b`},
	{kAgo, noLayout, 0, `\b(?i:(?:almost|nearly|about|some|more\s+than|less\s+than)\s+)?(?i:` + numRe + `\s+` + unitRe + `\s+ago)\b`},
	{kAgo, noLayout, 0, `\b(?i:` + numRe + `\s+(months?|years?)\s+earlier)\b`},
	{kRef, noLayout, 0, `\b(?i:(?:in\s+)?recent\s+(?:days|weeks|months|years)|the\s+past|recently)\b`},
	{kRef, noLayout, 0, `\b(?i:now|currently|current|at\s+present|nowadays)\b`},
	{kRef, noLayout, 0, `\b(?i:(?:in\s+)?the\s+future)\b`},
	{kTime, noLayout, 0, `\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)`},
	{kSet, noLayout, 0, `\b(?i:(every|each)\s+(day|week|month|year|morning|night)|daily|weekly|monthly|annually|yearly)\b`},
	{kOrdinal, noLayout, 0, `\b(?i:the\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|twentieth|\d{1,3}(?:st|nd|rd|th))\s+(day|week))\b`},
	{kAnaphor, noLayout, 0, `\b(?i:the\s+(next|following|previous)\s+(day|morning|week)|the\s+(day)\s+(before)|(?:(?:earlier|later)\s+)?(that|the\s+same)\s+(day|week|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(\w+)\s+(days?|weeks?)\s+(later|earlier))\b`},
	{kHoliday, noLayout, 0, `\b(?:(?i:last|next|this)\s+)?(Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween|Valentine's\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day|Easter(?:\s+Sunday)?)\b`},
})

// compilePatterns compiles each pattern anchored at the start of its input.
func compilePatterns(specs []patternSpec) []pattern {
	out := make([]pattern, len(specs))
	for i, s := range specs {
		out[i] = pattern{kind: s.kind, layout: s.layout, group: s.group, re: regexp.MustCompile(`^(?:` + s.src + `)`)}
	}
	return out
}

// scanRule says when a kind's patterns are worth trying: regular
// expressions are the tagger's main cost and most sentences hold no date
// at all, so a pattern is tried only in a sentence that holds one of its
// triggers (and a digit, where it needs one), and only at the words that
// may start it.
type scanRule struct {
	// triggers are words one of which must occur in the sentence (nil:
	// always tried); in lower case unless asWritten.
	triggers  []string
	asWritten bool // the triggers are names: matched case-sensitively
	digit     bool // the sentence must hold a digit
	start     startRule
}

// startRule is the words an expression of a kind may begin with.
type startRule struct {
	digit    bool            // a number written in digits
	number   bool            // a number word ("two", "several"): startNumber
	month    bool            // a month name as written: startMonth
	weekday  bool            // a weekday name as written: startWeekday
	words    map[string]bool // lower-case words
	names    map[string]bool // words as written
	prefixes []string        // lower-case word beginnings
}

// allows reports whether the rule lets an expression begin with word w
// (lw in lower case; digit: it begins with a digit).
func (r startRule) allows(w, lw string, digit bool) bool {
	if r.digit && digit || r.words[lw] || r.names[w] {
		return true
	}
	if r.month && startMonth[w] || r.weekday && startWeekday[w] || r.number && startNumber[lw] {
		return true
	}
	for _, p := range r.prefixes {
		if strings.HasPrefix(lw, p) {
			return true
		}
	}
	return false
}

var (
	monthTriggers   = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	weekdayTriggers = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	unitTriggers    = []string{"hour", "day", "week", "month", "year", "decade", "centur", "minute"}

	startMonth   = capitalised(monthNum)
	startWeekday = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
	startNumber  = union(words("a an several few many"), keys(wordNum))
)

// scanRules holds the scan rule of each kind.
var scanRules = [kindCount]scanRule{
	kFull:      {digit: true, start: startRule{digit: true, month: true, weekday: true}},
	kMonthDay:  {triggers: monthTriggers, asWritten: true, start: startRule{digit: true, month: true, weekday: true}},
	kYearMonth: {triggers: monthTriggers, asWritten: true, start: startRule{month: true, words: words("early mid late")}},
	kMonth: {triggers: monthTriggers, asWritten: true,
		start: startRule{month: true, words: words("in since by until till during from of before after through early late mid")}},
	kYear: {digit: true, start: startRule{words: words("in since by until till during from before after through early late mid of to and between year")}},
	kWeekday: {triggers: weekdayTriggers, asWritten: true,
		start: startRule{weekday: true, words: words("last this next coming")}},
	kRelDay: {triggers: []string{"today", "yesterday", "tomorrow", "tonight"},
		start: startRule{words: words("today yesterday tomorrow tonight early late later earlier")}},
	kRelUnit: {triggers: []string{"last", "this", "next", "past", "coming", "weekend"},
		start: startRule{words: words("last this next past coming the early late later earlier")}},
	kDuration: {triggers: unitTriggers,
		start: startRule{digit: true, number: true, words: words("for the last past next coming previous first within in over nearly almost about around approximately roughly at more less up some")}},
	kAgo: {triggers: []string{" ago", " earlier"}, start: startRule{digit: true, number: true, words: words("almost nearly about some more less")}},
	kRef: {triggers: []string{"recent", "past", "previous", "formerly", "now", "current", "present", "future", "soon"},
		start: startRule{words: words("in recent the previously formerly now currently current at nowadays soon recently")}},
	kTime: {triggers: []string{".m.", "am", "pm"}, digit: true, start: startRule{digit: true}},
	kSet: {triggers: []string{"every", "each", "daily", "weekly", "monthly", "annually", "yearly"},
		start: startRule{words: words("every each daily weekly monthly annually yearly")}},
	kQuarter: {triggers: []string{"quarter"},
		start: startRule{digit: true, words: words("the this last next fiscal year prior latest current"), prefixes: []string{"first", "second", "third", "fourth"}}},
	kFiscal:   {triggers: []string{"fiscal"}, digit: true, start: startRule{words: words("fiscal")}},
	kBareYear: {digit: true, start: startRule{digit: true}},
	kDecade:   {triggers: []string{"0s", "0's"}, digit: true, start: startRule{digit: true, words: words("the early mid late")}},
	kMonthRel: {triggers: monthTriggers, asWritten: true, start: startRule{words: words("last next this coming past")}},
	kDayPart: {triggers: []string{"morning", "afternoon", "evening", "tonight", "night"},
		start: startRule{words: words("this yesterday tomorrow tonight last early late later earlier")}},
	kHoliday: {triggers: []string{"christmas", "year's", "thanksgiving", "independence", "halloween", "valentine", "labor", "memorial", "election", "easter"},
		start: startRule{words: words("last next this"), names: words("Christmas New Thanksgiving Independence Halloween Valentine Labor Memorial Election Easter")}},
	kOrdinal: {triggers: []string{" day", " week"}, start: startRule{words: words("the")}},
	kAnaphor: {triggers: []string{"next", "following", "previous", "day before", "that ", "same", "later", "earlier"},
		start: startRule{digit: true, number: true, words: words("the that earlier later")}},
	kBiz: {triggers: []string{"quarter", "period", "year-earlier", "year-ago", "prior-year"},
		start: startRule{words: words("the this its that year prior")}},
}
