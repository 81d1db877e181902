// Package quote finds direct and indirect quotations and attributes each to
// a speaker: a named mention in the sentence, a pronoun resolved to the
// latest subject, or a nominal ("the top diplomat") resolved through the
// titles the entity stage recorded. It never invents a speaker: when it
// cannot tell, the speaker stays unknown.
package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true}

// nominalHeads are the heads of a nominal speaker ("the top diplomat"):
// the words of the role classes.
var nominalHeads = func() lex.Set {
	m := lex.Set{}
	for _, c := range lex.RoleClasses {
		for _, w := range c {
			m[w] = true
		}
	}
	return m
}()

type mark struct {
	pos    int
	n      int // byte length
	open   bool
	close  bool
	single bool
}

// merge combines the tagger's attributions with the rules' quotes. The
// rules know exactly where quotation marks open and close, the tagger
// finds reported speech and sources the rules miss:
//   - a direct quote both found keeps the rules' span (inside the marks)
//     and the tagger's cue and source, each filling what the other lacks;
//   - a direct quote inside reported speech ("it hoped the talks would
//     'encourage all sides'") is kept beside it, with its cue and source;
//   - reported speech both found is the tagger's;
//   - what only one found is kept.
func merge(tagged, rules []doc.Quote) []doc.Quote {
	out := tagged
	fill := func(dst *doc.Quote, src doc.Quote) {
		if dst.Source.Len() == 0 && src.Source.Len() > 0 || dst.Speaker < 0 && src.Speaker >= 0 && dst.Source == src.Source {
			dst.Source, dst.Speaker, dst.SpeakerName = src.Source, src.Speaker, src.SpeakerName
		}
		if dst.CueSpan.Len() == 0 && src.CueSpan.Len() > 0 {
			dst.CueSpan, dst.Cue = src.CueSpan, src.Cue
		}
	}
	for _, r := range rules {
		keep := true
		for i := range tagged {
			t := &out[i]
			if !t.Overlaps(r.Span) {
				continue
			}
			switch {
			case r.Direct && t.Direct:
				t.Span, t.Text = r.Span, r.Text
				fill(t, r)
				keep = false
			case r.Direct:
				// Part of the same statement: one cue.
				if t.CueSpan.Len() > 0 {
					r.CueSpan, r.Cue = t.CueSpan, t.Cue
				}
				fill(&r, *t)
			default:
				fill(t, r)
				keep = false
			}
		}
		if keep {
			out = append(out, r)
		}
	}
	return out
}

// Quoter is the quote stage. It holds the trained attribution tagger it
// applies (if any) and is safe for concurrent use.
type Quoter struct {
	model *AttributionModel
}

// New returns the quote stage. With a model, the trained tagger's
// attributions are merged with the rules' quotes; a nil model asks for the
// rules alone.
func New(m *AttributionModel) *Quoter { return &Quoter{model: m} }

// Run adds quotes to d. It needs sentences, paragraphs and mentions.
func (qt *Quoter) Run(d *doc.Doc) {
	q := &quoter{d: d, subjects: make([]int, len(d.Sentences))}
	for i := range q.subjects {
		q.subjects[i] = -2 // not computed
	}
	d.Quotes = d.Quotes[:0]
	lastSpeaker, lastSpeakerName, lastPara := -1, "", -1
	var lastSource doc.Span
	carry := false // an unclosed quote runs on into the next paragraph
	for pi, p := range d.Paragraphs {
		if d.InCreditKind(p, "source", "caption") {
			continue
		}
		spans := quoteSpans(d.Text, p, carry)
		carry = false
		if len(spans) > 0 && spans[len(spans)-1].End == p.End && spans[len(spans)-1].unclosed {
			carry = true
		}
		directSents := map[int]bool{}
		for _, s := range spans {
			inner := strings.TrimSpace(d.Text[s.Start:s.End])
			if len(strings.Fields(inner)) < 2 {
				continue
			}
			spk, name, cue, cueSpan, src := q.attribute(s.Span, spans)
			if spk == -1 && name == "" && src.Len() == 0 && (lastPara == pi || lastPara == pi-1 && s.Start == p.Start+s.markLen) && lastSpeaker != -3 {
				// A quote continuing the speaker's words in the same or the next paragraph.
				if q.sentenceHasNoCue(s.Span) {
					spk, name, src = lastSpeaker, lastSpeakerName, lastSource
				}
			}
			for si := d.SentenceAt(s.Start); si >= 0 && si < len(d.Sentences) && d.Sentences[si].Start < s.End; si++ {
				directSents[si] = true
			}
			d.Quotes = append(d.Quotes, doc.Quote{Span: s.Span, Text: d.Text[s.Start:s.End], Speaker: spk, SpeakerName: name, Direct: true, Cue: cue, CueSpan: cueSpan, Source: src})
			if spk >= 0 || name != "" || src.Len() > 0 {
				lastSpeaker, lastSpeakerName, lastSource, lastPara = spk, name, src, pi
			}
		}
		// Indirect speech: "X said (that) ..." in sentences with no direct quote.
		for si, s := range d.Sentences {
			if s.Start < p.Start || s.End > p.End || directSents[si] {
				continue
			}
			q.indirect(si)
		}
	}
	if qt.model == nil {
		return // the rules' quotes stand alone
	}
	d.Quotes = merge(q.tagged(qt.model), d.Quotes)
	sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Start < d.Quotes[j].Start })
}

type qspan struct {
	doc.Span
	unclosed bool
	markLen  int
}

func isOpenMark(r rune) bool  { return r == '"' || r == '“' || r == '«' }
func isCloseMark(r rune) bool { return r == '"' || r == '”' || r == '»' }

// quoteSpans pairs quotation marks inside a paragraph. carry means the
// paragraph continues a quote left open by the previous one.
func quoteSpans(text string, p doc.Span, carry bool) []qspan {
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
		out = append(out, qspan{Span: trimSpan(text, doc.Span{Start: open, End: p.End}), unclosed: true, markLen: openLen})
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

// isSingleOpen: a single quote that opens a quotation follows a space or
// the paragraph start and precedes a letter.
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

func findSingleClose(text string, from, end int) int {
	for j := from; j < end; {
		r, n := utf8.DecodeRuneInString(text[j:])
		if r == '\'' || r == '’' {
			pr, _ := utf8.DecodeLastRuneInString(text[:j])
			nr, _ := utf8.DecodeRuneInString(text[j+n:])
			if j+n >= end || !unicode.IsLetter(nr) {
				if unicode.IsLetter(pr) || unicode.IsPunct(pr) {
					// "'s" possessive after a word is not a close: skip when followed by s
					return j
				}
			}
		}
		j += n
	}
	return -1
}

type quoter struct {
	d        *doc.Doc
	subjects []int // per sentence: mention index of its subject, -1 none, -2 not computed
}

// tokensOutside returns the sentence's token indexes that lie outside all
// quote spans.
func (q *quoter) sentenceTokens(si int) (int, int) {
	d := q.d
	lo, hi := -1, -1
	for i, t := range d.Tokens {
		if t.Sentence == si {
			if lo < 0 {
				lo = i
			}
			hi = i + 1
		} else if lo >= 0 {
			break
		}
	}
	return lo, hi
}

func inSpans(off int, spans []qspan) bool {
	for _, s := range spans {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	return false
}

// attribute finds the speaker of the quote at s: the mention it resolves
// to (or -1), its name, the cue word and its span, and the source words.
func (q *quoter) attribute(s doc.Span, spans []qspan) (int, string, string, doc.Span, doc.Span) {
	d := q.d
	si := d.SentenceAt(s.Start)
	se := d.SentenceAt(max(s.End-1, s.Start))
	if si < 0 {
		return -1, "", "", doc.Span{}, doc.Span{}
	}
	// Candidate sentences: the quote's own, then the one after it closes
	// ("'...' he said." split after the closing mark).
	for _, sent := range []int{se, si} {
		if sent < 0 {
			continue
		}
		lo, hi := q.sentenceTokens(sent)
		// nearest speech verb outside quotes: prefer after the quote, then before
		best := -1
		bestDist := 1 << 30
		for k := lo; k < hi; k++ {
			t := d.Tokens[k]
			w := strings.ToLower(d.Text[t.Start:t.End])
			if !lex.SpeechVerbs[w] || inSpans(t.Start, spans) {
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
		if best >= 0 {
			m, name, src := q.subjectOf(best, lo, hi, spans)
			cueSpan := d.Tokens[best].Span
			return m, name, d.Text[cueSpan.Start:cueSpan.End], cueSpan, src
		}
		// "according to X"
		for k := lo; k+2 < hi; k++ {
			if strings.EqualFold(d.Text[d.Tokens[k].Start:d.Tokens[k].End], "according") && strings.EqualFold(d.Text[d.Tokens[k+1].Start:d.Tokens[k+1].End], "to") {
				cueSpan := doc.Span{Start: d.Tokens[k].Start, End: d.Tokens[k+1].End}
				m, name, src := q.phraseAt(k+2, hi)
				return m, name, "according to", cueSpan, src
			}
		}
	}
	return -1, "", "", doc.Span{}, doc.Span{}
}

func (q *quoter) sentenceHasNoCue(s doc.Span) bool {
	d := q.d
	si := d.SentenceAt(s.Start)
	lo, hi := q.sentenceTokens(si)
	for k := lo; k < hi; k++ {
		t := d.Tokens[k]
		if t.Start >= s.Start && t.End <= s.End {
			continue
		}
		if lex.SpeechVerbs[strings.ToLower(d.Text[t.Start:t.End])] {
			return false
		}
	}
	return true
}

// genericSources are nouns that name a source without naming who it is
// ("a senior official said", "sources said", "the report says"): the
// quote has a source, but no speaker is invented for it.
var genericSources = map[string]bool{"source": true, "sources": true, "official": true, "officials": true, "aide": true, "aides": true,
	"expert": true, "experts": true, "analyst": true, "analysts": true, "critic": true, "critics": true, "supporter": true, "supporters": true,
	"campaign": true, "report": true, "reports": true, "statement": true, "poll": true, "polls": true, "survey": true, "study": true,
	"people": true, "residents": true, "witnesses": true, "witness": true, "protesters": true, "activists": true, "observers": true,
	"lawmakers": true, "voters": true, "police": true, "authorities": true, "government": true, "ministry": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "agency": true, "group": true, "organization": true, "organisation": true, "committee": true,
	"democrats": true, "republicans": true, "members": true, "leaders": true, "advisers": true, "advisors": true, "staff": true,
	"doctors": true, "researchers": true, "economists": true, "diplomats": true, "diplomat": true, "someone": true, "others": true, "many": true,
	"centre": true, "center": true, "office": true, "council": true, "department": true, "commission": true, "army": true, "military": true,
	"observatory": true, "newspaper": true, "network": true, "television": true, "radio": true, "company": true, "firm": true, "court": true,
	"union": true, "party": true, "administration": true, "embassy": true, "team": true, "family": true, "lawyer": true, "lawyers": true}

// determiners open a noun phrase naming a source.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true, "one": true,
	"another": true, "some": true, "several": true, "two": true, "three": true, "other": true, "this": true, "that": true, "these": true, "those": true}

// npStart walks left from head token k over the words of its noun phrase
// ("a senior administration official") and returns the first token.
func (q *quoter) npStart(k, lo int) int {
	d := q.d
	start := k
	for x := k - 1; x >= lo && x >= k-5; x-- {
		w := d.Text[d.Tokens[x].Start:d.Tokens[x].End]
		lw := strings.ToLower(w)
		if determiners[lw] {
			return x
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) && w != "-" || lex.SpeechVerbs[lw] || lw == "and" || lw == "but" || lw == "said" {
			break
		}
		if m := d.MentionAt(d.Tokens[x].Start); m >= 0 && d.Mentions[m].Type != "NORP" && d.Mentions[m].Type != "ORG" && d.Mentions[m].Type != "GPE" {
			break
		}
		start = x
	}
	return start
}

// phraseAt reads the source named from token k on ("according to a senior
// official", "according to the Syrian Observatory"): a mention, a pronoun,
// or a noun phrase ending in a generic source word.
func (q *quoter) phraseAt(k, hi int) (int, string, doc.Span) {
	d := q.d
	for x := k; x < hi && x <= k+5; x++ {
		t := d.Tokens[x]
		w := d.Text[t.Start:t.End]
		lw := strings.ToLower(w)
		if m := d.MentionAt(t.Start); m >= 0 && speakerType(d.Mentions[m].Type) && d.Mentions[m].Type != "NORP" {
			return m, d.Mentions[m].Key, doc.Span{Start: d.Tokens[k].Start, End: d.Mentions[m].End}
		}
		if genericSources[lw] {
			return -1, "", doc.Span{Start: d.Tokens[k].Start, End: t.End}
		}
		if w == "," || w == "." || w == ";" {
			break
		}
	}
	return -1, "", doc.Span{}
}

// subjectOf finds who performs the speech verb at token v: a mention or
// pronoun just before it ("Kerry said", "he said", "the UN mediator said"),
// or a mention or nominal just after it ("said the top diplomat"). It
// returns the mention (-1 when none can be trusted), its name, and the
// source words as written.
func (q *quoter) subjectOf(v, lo, hi int, spans []qspan) (int, string, doc.Span) {
	d := q.d
	tok := func(k int) doc.Span { return d.Tokens[k].Span }
	text := func(k int) string { return d.Text[d.Tokens[k].Start:d.Tokens[k].End] }
	// "Marek Zielinski, the head of the crisis centre, said": the name
	// before an apposition speaks.
	if v-1 > lo && text(v-1) == "," {
		for c := v - 2; c > lo && c >= v-14; c-- {
			if w := text(c); w == "," {
				if m := d.MentionAt(tok(c - 1).Start); m >= 0 && (d.Mentions[m].Type == "PERSON" || d.Mentions[m].Type == "ORG") {
					return m, d.Mentions[m].Key, d.Mentions[m].Span
				}
				break
			} else if w == "\"" || w == "”" || w == "“" || w == ";" || lex.SpeechVerbs[strings.ToLower(w)] {
				break
			}
		}
	}
	// After the verb only when the verb is inverted: it opens the clause
	// or follows the quote ("…," said the top diplomat).
	inverted := v == lo || strings.Contains(",\"”'’", text(v-1)) || inSpans(tok(v-1).Start, spans)
	// Before the verb: up to 12 tokens back, stopping at a quote or clause end.
	for k := v - 1; k >= lo && k >= v-12; k-- {
		t := d.Tokens[k]
		w := d.Text[t.Start:t.End]
		if inSpans(t.Start, spans) || w == "\"" || w == "”" || w == "“" || w == ";" {
			break
		}
		if m := d.MentionAt(t.Start); m >= 0 && speakerType(d.Mentions[m].Type) {
			// "Syrian state television said": a people adjective is not the speaker.
			if d.Mentions[m].Type == "NORP" {
				if k+1 < v && genericSources[strings.ToLower(d.Text[d.Tokens[k+1].Start:d.Tokens[k+1].End])] {
					// "Syrian officials said": a source, no speaker.
					return -1, "", doc.Span{Start: d.Mentions[m].Start, End: d.Tokens[k+1].End}
				}
				break
			}
			src := d.Mentions[m].Span
			return m, d.Mentions[m].Key, src
		}
		lw := strings.ToLower(w)
		if pronouns[lw] && lw != "it" && lw != "they" {
			m := q.antecedent(d.SentenceAt(t.Start), t.Start)
			if m >= 0 {
				return m, d.Mentions[m].Key, tok(k)
			}
			return -1, "", tok(k)
		}
		if lw == "i" || lw == "we" {
			return -1, "", tok(k)
		}
		if lw == "who" && k-1 >= lo {
			// "Trump, who said …": the relative pronoun is the source; the
			// speaker is who it refers to.
			for x := k - 1; x >= lo && x >= k-3; x-- {
				if m := d.MentionAt(d.Tokens[x].Start); m >= 0 && speakerType(d.Mentions[m].Type) && d.Mentions[m].Type != "NORP" {
					return m, d.Mentions[m].Key, tok(k)
				}
			}
			return -1, "", tok(k)
		}
		if lw == "it" || lw == "they" {
			// "The White House said it hoped": "it" is who said.
			if k-1 >= lo {
				pw := strings.ToLower(d.Text[d.Tokens[k-1].Start:d.Tokens[k-1].End])
				if lex.SpeechVerbs[pw] {
					return q.subjectOf(k-1, lo, hi, spans)
				}
			}
			if lw == "it" {
				if m := q.orgAntecedent(d.Tokens[k].Sentence, t.Start); m >= 0 {
					return m, d.Mentions[m].Key, tok(k)
				}
			}
			return -1, "", tok(k)
		}
		if nominalHeads[lw] {
			src := doc.Span{Start: tok(q.npStart(k, lo)).Start, End: t.End}
			if m := q.nominal(k, t.Start); m >= 0 {
				return m, d.Mentions[m].Key, src
			}
			return -1, "", src
		}
		if genericSources[lw] {
			return -1, "", doc.Span{Start: tok(q.npStart(k, lo)).Start, End: t.End}
		}
		if w == "," && k < v-1 {
			// "Kerry, the top diplomat, said": keep looking past an apposition.
			continue
		}
	}
	// After the verb: "said the top diplomat", "said De Mistura", "said
	// Portuguese Economy Minister Rui Matos".
	for k := v + 1; k < hi && k <= v+7 && inverted; k++ {
		t := d.Tokens[k]
		w := d.Text[t.Start:t.End]
		lw := strings.ToLower(w)
		if inSpans(t.Start, spans) || w == "," || w == "." {
			break
		}
		if m := d.MentionAt(t.Start); m >= 0 && speakerType(d.Mentions[m].Type) && d.Mentions[m].Type != "NORP" {
			return m, d.Mentions[m].Key, doc.Span{Start: t.Start, End: d.Mentions[m].End}
		}
		if pronouns[lw] && lw != "it" && lw != "they" {
			m := q.antecedent(d.SentenceAt(t.Start), t.Start)
			if m >= 0 {
				return m, d.Mentions[m].Key, tok(k)
			}
			return -1, "", tok(k)
		}
		if nominalHeads[lw] || lex.SpeakerTitles[lw] {
			// A title followed by a name: the name speaks.
			for x := k + 1; x < hi && x <= k+3; x++ {
				if m := d.MentionAt(d.Tokens[x].Start); m >= 0 && d.Mentions[m].Type == "PERSON" {
					return m, d.Mentions[m].Key, doc.Span{Start: tok(v + 1).Start, End: d.Mentions[m].End}
				}
			}
			if nominalHeads[lw] {
				src := doc.Span{Start: tok(v + 1).Start, End: t.End}
				if m := q.nominal(k, t.Start); m >= 0 {
					return m, d.Mentions[m].Key, src
				}
				return -1, "", src
			}
		}
		if genericSources[lw] {
			return -1, "", doc.Span{Start: tok(v + 1).Start, End: t.End}
		}
	}
	return -1, "", doc.Span{}
}

func speakerType(t doc.EntityType) bool {
	return t == doc.TypePerson || t == doc.TypeOrg || t == doc.TypeGPE || t == doc.TypeNORP
}

// antecedent resolves a personal pronoun at off: the subject of the
// nearest sentence before (or the same sentence, before off) that has one.
func (q *quoter) antecedent(si int, off int) int {
	d := q.d
	// Same sentence, a person before the pronoun.
	for i := len(d.Mentions) - 1; i >= 0; i-- {
		m := d.Mentions[i]
		if m.Start < off && d.SentenceAt(m.Start) == si && m.Type == "PERSON" {
			return i
		}
	}
	for s := si - 1; s >= 0 && s >= si-4; s-- {
		if m := q.subject(s); m >= 0 {
			return m
		}
	}
	return -1
}

// orgAntecedent resolves "it" at off to an organisation: one named
// earlier in the sentence, else the first named in the nearest of the two
// sentences before ("The Syrian Observatory gave new figures. It said …").
func (q *quoter) orgAntecedent(si, off int) int {
	d := q.d
	for i := len(d.Mentions) - 1; i >= 0; i-- {
		m := d.Mentions[i]
		if m.Start < off && d.SentenceAt(m.Start) == si && m.Type == "ORG" {
			return i
		}
	}
	for s := si - 1; s >= 0 && s >= si-2; s-- {
		for i, m := range d.Mentions {
			if m.Type == "ORG" && d.SentenceAt(m.Start) == s {
				return i
			}
		}
	}
	return -1
}

// subject returns the person a sentence is about: the speaker of its
// speech verb, else its first person mention, else a nominal subject
// ("The UN mediator was speaking").
func (q *quoter) subject(si int) int {
	if q.subjects[si] != -2 {
		return q.subjects[si]
	}
	d := q.d
	res := -1
	lo, hi := q.sentenceTokens(si)
	spans := quoteSpans(d.Text, d.Sentences[si], false)
	for k := lo; k < hi && res < 0; k++ {
		t := d.Tokens[k]
		if lex.SpeechVerbs[strings.ToLower(d.Text[t.Start:t.End])] && !inSpans(t.Start, spans) {
			if m, _, _ := q.subjectOf(k, lo, hi, spans); m >= 0 && d.Mentions[m].Type == "PERSON" {
				res = m
			}
		}
	}
	if res < 0 {
		for k := lo; k < hi && k < lo+4; k++ {
			w := strings.ToLower(d.Text[d.Tokens[k].Start:d.Tokens[k].End])
			if nominalHeads[w] {
				res = q.nominal(k, d.Tokens[k].Start)
				break
			}
		}
	}
	if res < 0 {
		for i, m := range d.Mentions {
			if m.Type == "PERSON" && d.SentenceAt(m.Start) == si && !inSpans(m.Start, spans) {
				res = i
				break
			}
		}
	}
	q.subjects[si] = res
	return res
}

// nominal resolves "the top diplomat" (head word token k) to the person
// mentioned earlier whose description shares a role class with the head.
func (q *quoter) nominal(k int, before int) int {
	d := q.d
	head := strings.ToLower(d.Text[d.Tokens[k].Start:d.Tokens[k].End])
	class := map[string]bool{head: true}
	for _, c := range lex.RoleClasses {
		for _, w := range c {
			if w == head {
				for _, x := range c {
					class[x] = true
				}
			}
		}
	}
	// Words of the nominal phrase ("UN" in "the UN mediator") must agree too.
	best, bestScore := -1, 0
	for i, m := range d.Mentions {
		if m.Type != "PERSON" || m.Start >= before {
			continue
		}
		score := 0
		for _, o := range d.Mentions {
			if o.Key != m.Key || o.Description == "" {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(o.Description)) {
				if class[strings.Trim(w, ",.'’s")] {
					score += 2
				}
			}
		}
		if score > 0 {
			score += 1 // recency tie-break below
			if score >= bestScore {
				best, bestScore = i, score
			}
		}
	}
	return best
}

// indirect records reported speech in a sentence without quotation marks.
func (q *quoter) indirect(si int) {
	d := q.d
	lo, hi := q.sentenceTokens(si)
	for k := lo; k < hi; k++ {
		t := d.Tokens[k]
		w := strings.ToLower(d.Text[t.Start:t.End])
		if !lex.SpeechVerbs[w] || w == "reported" || w == "asked" {
			continue
		}
		m, name, src := q.subjectOf(k, lo, hi, nil)
		if src.Len() == 0 {
			continue
		}
		start, end := q.reported(k, lo, hi, src)
		if start < 0 {
			continue
		}
		d.Quotes = append(d.Quotes, doc.Quote{Span: doc.Span{Start: start, End: end}, Text: d.Text[start:end], Speaker: m, SpeakerName: name,
			Direct: false, Cue: d.Text[t.Start:t.End], CueSpan: t.Span, Source: src})
		return
	}
}

// reported finds the content of reported speech around the verb at token
// k: what follows it ("said (that) the talks would resume"), past the
// speaker, an addressee ("told reporters") and a time ("on Sunday"); or,
// when nothing follows, the clause before the comma that precedes the
// source ("The talks will resume, officials said."). It returns -1 when
// neither holds four words.
func (q *quoter) reported(k, lo, hi int, src doc.Span) (int, int) {
	d := q.d
	verb := strings.ToLower(d.Text[d.Tokens[k].Start:d.Tokens[k].End])
	tell := strings.HasPrefix(verb, "tell") || verb == "told"
	c := k + 1
	for c < hi {
		t := d.Tokens[c]
		cw := strings.ToLower(d.Text[t.Start:t.End])
		switch {
		case src.Contains(t.Span), cw == ",", isTimeWord(cw), cw == "reporters" || cw == "journalists":
			c++
			continue
		case (cw == "on" || cw == "in") && c+1 < hi && isTimeWord(strings.ToLower(d.Text[d.Tokens[c+1].Start:d.Tokens[c+1].End])):
			c++
			continue
		case tell && cw != "that" && c < k+6:
			// The addressee: "told The Associated Press that".
			if m := d.MentionAt(t.Start); m >= 0 || cw == "the" || cw == "a" || cw == "an" || cw == "him" || cw == "her" || cw == "them" || cw == "me" || cw == "us" {
				c++
				continue
			}
		}
		break
	}
	if hi-c >= 4 {
		start, end := d.Tokens[c].Start, d.Tokens[hi-1].End
		for end > start && strings.ContainsRune(".!?\"”", rune(d.Text[end-1])) {
			end--
		}
		return start, end
	}
	// Nothing after: the clause before the source.
	first := min(src.Start, d.Tokens[k].Start)
	for x := k - 1; x > lo; x-- {
		t := d.Tokens[x]
		if t.End > first {
			continue
		}
		if d.Text[t.Start:t.End] == "," {
			if x-lo < 4 {
				return -1, -1
			}
			return d.Tokens[lo].Start, d.Tokens[x-1].End
		}
	}
	return -1, -1
}

func isTimeWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "earlier", "later", "last", "this", "week", "month":
		return true
	}
	return false
}
