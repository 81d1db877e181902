package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

// The rules find what quotation marks enclose (direct quotes, partial
// quotes, quotes running over paragraphs) and reported speech ("X said
// (that) …") in sentences with no quotation marks, and attribute each to
// the speaker of the nearest speech verb.

// attribution is who a quote is attributed to and the words that say so.
type attribution struct {
	source
	cue     string   // the reporting words as written ("said", "according to")
	cueSpan doc.Span // where they are
}

// noAttribution is a quote nobody is said to have said.
var noAttribution = attribution{source: noSource}

// quote is the quote of span with this attribution.
func (a attribution) quote(q *quoter, span doc.Span, direct bool) doc.Quote {
	return doc.Quote{Span: span, Text: q.d.Text[span.Start:span.End], Speaker: a.speaker, SpeakerName: q.name(a.speaker),
		Direct: direct, Cue: a.cue, CueSpan: a.cueSpan, Source: a.words}
}

// lastSpeaker is the source of the latest attributed direct quote and its
// paragraph: a quote with no cue of its own that goes on in the same or
// the next paragraph is theirs.
type lastSpeaker struct {
	source
	para int
}

// continues reports whether quote s of paragraph pi (span p) goes on with
// the last speaker's words: in the same paragraph, or opening the next.
func (l lastSpeaker) continues(pi int, p doc.Span, s qspan) bool {
	return l.para == pi || l.para == pi-1 && s.Start == p.Start+s.markLen
}

// rules adds the quotes the rules find, paragraph by paragraph, skipping
// credit lines and captions.
func (q *quoter) rules() {
	d := q.d
	last := lastSpeaker{source: noSource, para: -1}
	for pi, p := range d.Paragraphs {
		if d.InCreditKind(p, "source", "caption") {
			continue
		}
		spans := quoteSpans(d.Text, p)
		direct := q.directQuotes(pi, p, spans, &last)
		// Indirect speech: "X said (that) ..." in sentences with no direct
		// quote: the paragraph's sentences, found by search (a scan of
		// every sentence per paragraph made long documents quadratic).
		first := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].Start >= p.Start })
		for si := first; si < len(d.Sentences) && d.Sentences[si].Start < p.End; si++ {
			if s := d.Sentences[si]; s.End > p.End || direct[si] {
				continue
			}
			q.indirect(si)
		}
	}
}

// directQuotes adds the quotes of paragraph pi (span p) that spans
// enclose, each with the speaker of its cue or else the last speaker's,
// and returns the sentences they touch.
func (q *quoter) directQuotes(pi int, p doc.Span, spans []qspan, last *lastSpeaker) map[int]bool {
	d := q.d
	sents := map[int]bool{}
	for _, s := range spans {
		inner := strings.TrimSpace(d.Text[s.Start:s.End])
		if len(strings.Fields(inner)) < 2 {
			continue
		}
		a := q.attribute(s.Span, spans)
		if !a.found() && last.continues(pi, p, s) && q.sentenceHasNoCue(s.Span) {
			// A quote continuing the speaker's words in the same or the next paragraph.
			a.source = last.source
		}
		for si := d.SentenceAt(s.Start); si >= 0 && si < len(d.Sentences) && d.Sentences[si].Start < s.End; si++ {
			sents[si] = true
		}
		d.Quotes = append(d.Quotes, a.quote(q, s.Span, true))
		if a.found() {
			*last = lastSpeaker{a.source, pi}
		}
	}
	return sents
}

// qspan is what a pair of quotation marks encloses.
type qspan struct {
	doc.Span
	markLen int // byte length of the opening mark
}

func isOpenMark(r rune) bool  { return r == '"' || r == '“' || r == '«' }
func isCloseMark(r rune) bool { return r == '"' || r == '”' || r == '»' }

// quoteSpans pairs quotation marks inside paragraph p. A quote left open
// runs to the paragraph's end; a paragraph that goes on with it opens it
// again (so a mark at the start of a paragraph always opens).
func quoteSpans(text string, p doc.Span) []qspan {
	var out []qspan
	open := -1
	openLen := 0
	i := p.Start
	for i < p.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		if open < 0 && isOpenMark(r) {
			open, openLen = i+n, n
		} else if open >= 0 && isCloseMark(r) {
			out = append(out, qspan{Span: trimSpan(text, doc.Span{Start: open, End: i}), markLen: openLen})
			open = -1
		} else if open < 0 && (r == '‘' || r == '\'') && isSingleOpen(text, i, p.Start) {
			if j := findSingleClose(text, i+n, p.End); j > 0 {
				out = append(out, qspan{Span: trimSpan(text, doc.Span{Start: i + n, End: j}), markLen: n})
				i = j + 1
				continue
			}
		}
		i += n
	}
	if open >= 0 && open < p.End {
		out = append(out, qspan{Span: trimSpan(text, doc.Span{Start: open, End: p.End}), markLen: openLen})
		out[len(out)-1].End = p.End
	}
	return out
}

// trimSpan drops spaces around a quotation and a trailing comma ("...,"
// he said): the quote is the words.
func trimSpan(text string, s doc.Span) doc.Span {
	for s.Start < s.End && (text[s.Start] == ' ') {
		s.Start++
	}
	for s.End > s.Start && (text[s.End-1] == ' ' || text[s.End-1] == ',') {
		s.End--
	}
	return s
}

// isSingleOpen: a single quote that opens a quotation follows a space,
// "(", ":" or the paragraph start and precedes a letter.
func isSingleOpen(text string, i, pStart int) bool {
	if i > pStart {
		pr, _ := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(pr) && pr != '(' && pr != ':' {
			return false
		}
	}
	nr, _ := utf8.DecodeRuneInString(text[i+1:])
	if text[i] != '\'' {
		nr, _ = utf8.DecodeRuneInString(text[i+len("‘"):])
	}
	return unicode.IsLetter(nr)
}

// findSingleClose finds the single quote closing one opened before from:
// one after a letter or punctuation and not before a letter (so "isn't"
// does not close), or -1.
func findSingleClose(text string, from, end int) int {
	for j := from; j < end; {
		r, n := utf8.DecodeRuneInString(text[j:])
		if r == '\'' || r == '’' {
			pr, _ := utf8.DecodeLastRuneInString(text[:j])
			nr, _ := utf8.DecodeRuneInString(text[j+n:])
			if j+n >= end || !unicode.IsLetter(nr) {
				if unicode.IsLetter(pr) || unicode.IsPunct(pr) {
					return j
				}
			}
		}
		j += n
	}
	return -1
}

func inSpans(off int, spans []qspan) bool {
	for _, s := range spans {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	return false
}

// attribute finds who said the quote at s: the subject of the speech
// verb nearest it outside quotes, else the source after "according to".
// It looks in the sentence where the quote ends, then in the one where it
// starts ("'...' he said." split after the closing mark).
func (q *quoter) attribute(s doc.Span, spans []qspan) attribution {
	d := q.d
	si := d.SentenceAt(s.Start)
	se := d.SentenceAt(max(s.End-1, s.Start))
	if si < 0 {
		return noAttribution
	}
	for _, sent := range []int{se, si} {
		if sent < 0 {
			continue
		}
		w := q.sentence(sent)
		if v := q.nearestVerb(s, w, spans); v >= 0 {
			cue := d.Tokens[v].Span
			return attribution{q.subjectOf(v, w, spans), d.Text[cue.Start:cue.End], cue}
		}
		if a, ok := q.accordingTo(w); ok {
			return a
		}
	}
	return noAttribution
}

// nearestVerb finds the speech verb of window w outside quotes that is
// nearest the quote at s, preferring one after it; -1 when none.
func (q *quoter) nearestVerb(s doc.Span, w window, spans []qspan) int {
	best := -1
	bestDist := 1 << 30
	for k := w.lo; k < w.hi; k++ {
		t := q.d.Tokens[k]
		if !lex.SpeechVerbs[t.Lower] || inSpans(t.Start, spans) {
			continue
		}
		dist := 0
		if t.Start >= s.End {
			dist = t.Start - s.End
		} else {
			dist = s.Start - t.End + 5
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// accordingTo finds "according to X" in window w and the source X names.
func (q *quoter) accordingTo(w window) (attribution, bool) {
	for k := w.lo; k+2 < w.hi; k++ {
		if strings.EqualFold(q.text(k), "according") && strings.EqualFold(q.text(k+1), "to") {
			cue := q.span(window{k, k + 2})
			return attribution{q.phraseAt(k+2, w), "according to", cue}, true
		}
	}
	return noAttribution, false
}

// sentenceHasNoCue reports whether the sentence where s starts has no
// speech verb outside s.
func (q *quoter) sentenceHasNoCue(s doc.Span) bool {
	w := q.sentence(q.d.SentenceAt(s.Start))
	for k := w.lo; k < w.hi; k++ {
		t := q.d.Tokens[k]
		if s.Contains(t.Span) {
			continue
		}
		if lex.SpeechVerbs[t.Lower] {
			return false
		}
	}
	return true
}

// indirect records the reported speech of sentence si (one without
// quotation marks): the first speech verb with a source and four words of
// content.
func (q *quoter) indirect(si int) {
	d := q.d
	w := q.sentence(si)
	for k := w.lo; k < w.hi; k++ {
		t := d.Tokens[k]
		if !lex.SpeechVerbs[t.Lower] || t.Lower == "reported" || t.Lower == "asked" {
			continue
		}
		src := q.subjectOf(k, w, nil)
		if src.words.Len() == 0 {
			continue
		}
		content, ok := q.reported(k, w, src.words)
		if !ok {
			continue
		}
		a := attribution{src, d.Text[t.Start:t.End], t.Span}
		d.Quotes = append(d.Quotes, a.quote(q, content, false))
		return
	}
}

// reported finds the content of reported speech around the verb at token
// k of sentence w: what follows it ("said (that) the talks would resume"),
// past the speaker, an addressee ("told reporters") and a time ("on
// Sunday"); or, when nothing follows, the clause before the comma that
// precedes the source ("The talks will resume, officials said."). It is
// false when neither holds four words.
func (q *quoter) reported(k int, w window, src doc.Span) (doc.Span, bool) {
	c := q.contentStart(k, w, src)
	if w.hi-c >= 4 {
		s := q.span(window{c, w.hi})
		for s.End > s.Start && strings.ContainsRune(".!?\"”", rune(q.d.Text[s.End-1])) {
			s.End--
		}
		return s, true
	}
	return q.clauseBefore(k, w, src)
}

// contentStart is the first token of what follows the speech verb at k
// that is not its source, an addressee or a time.
func (q *quoter) contentStart(k int, w window, src doc.Span) int {
	verb := q.lower(k)
	tell := strings.HasPrefix(verb, "tell") || verb == "told"
	c := k + 1
	for c < w.hi && q.beforeContent(c, w, src, tell && c < k+6) {
		c++
	}
	return c
}

// beforeContent reports whether token c, after a speech verb, comes
// before what was said: the source, a comma, "reporters", a time ("on
// Sunday"), or, after a verb of telling, the addressee ("told The
// Associated Press that").
func (q *quoter) beforeContent(c int, w window, src doc.Span, addressee bool) bool {
	t := q.d.Tokens[c]
	cw := t.Lower
	switch {
	case src.Contains(t.Span), cw == ",", isTimeWord(cw), cw == "reporters" || cw == "journalists":
		return true
	case (cw == "on" || cw == "in") && c+1 < w.hi && isTimeWord(q.lower(c+1)):
		return true
	case addressee && cw != "that":
		return q.d.MentionAt(t.Start) >= 0 || addresseeWord(cw)
	}
	return false
}

// addresseeWord: the words that open or are whom a speaker tells.
func addresseeWord(w string) bool {
	switch w {
	case "the", "a", "an", "him", "her", "them", "me", "us":
		return true
	}
	return false
}

// clauseBefore is the clause of sentence w before the comma that
// precedes the source and verb at k, when it holds four words.
func (q *quoter) clauseBefore(k int, w window, src doc.Span) (doc.Span, bool) {
	first := min(src.Start, q.d.Tokens[k].Start)
	for x := k - 1; x > w.lo; x-- {
		if q.d.Tokens[x].End > first {
			continue
		}
		if q.text(x) == "," {
			if x-w.lo < 4 {
				return doc.Span{}, false
			}
			return q.span(window{w.lo, x}), true
		}
	}
	return doc.Span{}, false
}

func isTimeWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "earlier", "later", "last", "this", "week", "month":
		return true
	}
	return false
}
