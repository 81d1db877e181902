package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

// Speaker resolution: who the words of a source name. A name speaks for
// itself; a pronoun through the subject of a sentence before; "who"
// through the name before it; a nominal ("the top diplomat") through the
// people described so; "it" through an organisation. A generic source ("a
// senior official") names nobody.

// source is what the source of a quote names: the speaker's mention (-1
// when none can be trusted) and the source words as written ("he", "a
// senior official", "Kerry").
type source struct {
	speaker int
	words   doc.Span
}

// noSource is no source at all.
var noSource = source{speaker: -1}

// found reports whether the source says anything: a speaker or words.
func (s source) found() bool { return s.speaker >= 0 || s.words.Len() > 0 }

// unnamed is a source whose words name nobody the text names.
func unnamed(words doc.Span) source { return source{-1, words} }

// name is the name of the speaker at mention m, "" for none.
func (q *quoter) name(m int) string {
	if m < 0 {
		return ""
	}
	return q.d.Mentions[m].Key
}

// mentionAt is the mention at token k, or -1.
func (q *quoter) mentionAt(k int) int { return q.d.MentionAt(q.d.Tokens[k].Start) }

// speakerMention is the mention at token k when it can speak (a person,
// an organisation or a place), or -1.
func (q *quoter) speakerMention(k int) int {
	if m := q.mentionAt(k); m >= 0 && namesSpeaker(q.d.Mentions[m].Type) {
		return m
	}
	return -1
}

// speakerType: the types of a mention a source may begin with, a people
// adjective among them ("Syrian officials said").
func speakerType(t doc.EntityType) bool {
	return t == doc.TypePerson || t == doc.TypeOrg || t == doc.TypeGPE || t == doc.TypeNORP
}

// namesSpeaker: the types of a mention that can be the speaker.
func namesSpeaker(t doc.EntityType) bool {
	return t == doc.TypePerson || t == doc.TypeOrg || t == doc.TypeGPE
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true}

// personalPronoun: a pronoun that stands for a person.
func personalPronoun(w string) bool { return pronouns[w] && w != "it" && w != "they" }

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

// closesClause: a quotation mark or semicolon, past which a verb's
// subject is not looked for.
func closesClause(w string) bool { return w == "\"" || w == "”" || w == "“" || w == ";" }

// npStart walks left from head token k over the words of its noun phrase
// in sentence w ("a senior administration official") and returns the
// first token.
func (q *quoter) npStart(k int, w window) int {
	d := q.d
	start := k
	np := w.before(k, 5)
	for x := np.hi - 1; x >= np.lo; x-- {
		s, lw := q.text(x), q.lower(x)
		if determiners[lw] {
			return x
		}
		r, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsLetter(r) && s != "-" || lex.SpeechVerbs[lw] || lw == "and" || lw == "but" || lw == "said" {
			break
		}
		if m := q.mentionAt(x); m >= 0 && d.Mentions[m].Type != doc.TypeNORP && d.Mentions[m].Type != doc.TypeOrg && d.Mentions[m].Type != doc.TypeGPE {
			break
		}
		start = x
	}
	return start
}

// phraseAt reads the source named from token k of sentence w on
// ("according to a senior official", "according to the Syrian
// Observatory"): a mention, or a noun phrase ending in a generic source
// word, within six tokens and before a comma or stop.
func (q *quoter) phraseAt(k int, w window) source {
	d := q.d
	phrase := w.from(k, 6)
	for x := phrase.lo; x < phrase.hi; x++ {
		t := d.Tokens[x]
		if m := q.speakerMention(x); m >= 0 {
			return source{m, doc.Span{Start: d.Tokens[k].Start, End: d.Mentions[m].End}}
		}
		if genericSources[t.Lower] {
			return unnamed(doc.Span{Start: d.Tokens[k].Start, End: t.End})
		}
		if s := q.text(x); s == "," || s == "." || s == ";" {
			break
		}
	}
	return noSource
}

// subjectOf finds who performs the speech verb at token v of sentence w:
// the name before an apposition ("Kerry, the top diplomat, said"); a
// mention, pronoun or nominal before the verb ("Kerry said", "he said",
// "the UN mediator said"); or, when the verb is inverted, a mention or
// nominal after it ("said the top diplomat"). It says nothing of the
// tokens inside spans.
func (q *quoter) subjectOf(v int, w window, spans []qspan) source {
	if s, ok := q.apposition(v, w); ok {
		return s
	}
	if s, ok := q.subjectBefore(v, w, spans); ok {
		return s
	}
	if q.inverted(v, w, spans) {
		if s, ok := q.subjectAfter(v, w, spans); ok {
			return s
		}
	}
	return noSource
}

// apposition: in "Marek Zielinski, the head of the crisis centre, said"
// the person or organisation named before the apposition speaks.
func (q *quoter) apposition(v int, w window) (source, bool) {
	d := q.d
	if v-1 <= w.lo || q.text(v-1) != "," {
		return noSource, false
	}
	for c := v - 2; c > w.lo && c >= v-14; c-- {
		if s := q.text(c); s == "," {
			if m := q.mentionAt(c - 1); m >= 0 && (d.Mentions[m].Type == doc.TypePerson || d.Mentions[m].Type == doc.TypeOrg) {
				return source{m, d.Mentions[m].Span}, true
			}
			return noSource, false
		} else if closesClause(s) || lex.SpeechVerbs[q.lower(c)] {
			return noSource, false
		}
	}
	return noSource, false
}

// inverted reports whether the verb at v comes before its subject: it
// opens the clause or follows the quote ("…," said the top diplomat).
func (q *quoter) inverted(v int, w window, spans []qspan) bool {
	return v == w.lo || strings.Contains(",\"”'’", q.text(v-1)) || inSpans(q.d.Tokens[v-1].Start, spans)
}

// look is what a rule makes of one token while looking for a subject.
type look int

const (
	lookOn    look = iota // the token says nothing: look at the next
	lookStop              // no subject past this token
	lookFound             // the token is (or leads to) the subject
)

// subjectBefore looks for the subject of the verb at v up to twelve
// tokens back, stopping at a quote or clause end; a comma does not stop
// it ("Kerry, the top diplomat, said").
func (q *quoter) subjectBefore(v int, w window, spans []qspan) (source, bool) {
	back := w.before(v, 12)
	for k := back.hi - 1; k >= back.lo; k-- {
		switch s, l := q.subjectAt(k, v, w, spans); l {
		case lookFound:
			return s, true
		case lookStop:
			return noSource, false
		}
	}
	return noSource, false
}

// subjectAt applies the rules for token k before the verb at v.
func (q *quoter) subjectAt(k, v int, w window, spans []qspan) (source, look) {
	d := q.d
	t := d.Tokens[k]
	if inSpans(t.Start, spans) || closesClause(q.text(k)) {
		return noSource, lookStop
	}
	if m := q.mentionAt(k); m >= 0 && speakerType(d.Mentions[m].Type) {
		return q.mentionBefore(m, k, v)
	}
	switch lw := t.Lower; {
	case personalPronoun(lw):
		return source{q.antecedent(d.SentenceAt(t.Start), t.Start), t.Span}, lookFound
	case lw == "i" || lw == "we":
		return unnamed(t.Span), lookFound
	case lw == "who" && k > w.lo:
		return q.relative(k, w), lookFound
	case lw == "it" || lw == "they":
		return q.itSaid(k, w, spans), lookFound
	case nominalHeads[lw]:
		return source{q.nominal(k, t.Start), doc.Span{Start: d.Tokens[q.npStart(k, w)].Start, End: t.End}}, lookFound
	case genericSources[lw]:
		return unnamed(doc.Span{Start: d.Tokens[q.npStart(k, w)].Start, End: t.End}), lookFound
	}
	return noSource, lookOn
}

// mentionBefore: a mention m at token k before the verb at v speaks,
// unless it is a people adjective: "Syrian officials said" has a source
// and no speaker, "Syrian state television said" no subject here.
func (q *quoter) mentionBefore(m, k, v int) (source, look) {
	d := q.d
	if d.Mentions[m].Type != doc.TypeNORP {
		return source{m, d.Mentions[m].Span}, lookFound
	}
	if k+1 < v && genericSources[q.lower(k+1)] {
		return unnamed(doc.Span{Start: d.Mentions[m].Start, End: d.Tokens[k+1].End}), lookFound
	}
	return noSource, lookStop
}

// relative: in "Trump, who said …" the relative pronoun at k is the
// source; the speaker is who it refers to, named in the three tokens
// before it.
func (q *quoter) relative(k int, w window) source {
	back := w.before(k, 3)
	for x := back.hi - 1; x >= back.lo; x-- {
		if m := q.speakerMention(x); m >= 0 {
			return source{m, q.d.Tokens[k].Span}
		}
	}
	return unnamed(q.d.Tokens[k].Span)
}

// itSaid resolves "it" or "they" at k: after a speech verb ("The White
// House said it hoped") it is who said that verb; else "it" is an
// organisation named before.
func (q *quoter) itSaid(k int, w window, spans []qspan) source {
	t := q.d.Tokens[k]
	if k > w.lo && lex.SpeechVerbs[q.lower(k-1)] {
		return q.subjectOf(k-1, w, spans)
	}
	if t.Lower == "it" {
		if m := q.orgAntecedent(t.Sentence, t.Start); m >= 0 {
			return source{m, t.Span}
		}
	}
	return unnamed(t.Span)
}

// subjectAfter looks for the subject of an inverted verb at v in the
// seven tokens after it: "said the top diplomat", "said De Mistura",
// "said Portuguese Economy Minister Rui Matos".
func (q *quoter) subjectAfter(v int, w window, spans []qspan) (source, bool) {
	d := q.d
	ahead := w.after(v, 7)
	if ahead.len() <= 0 {
		return noSource, false
	}
	from := d.Tokens[ahead.lo].Start // where the source words start
	for k := ahead.lo; k < ahead.hi; k++ {
		t := d.Tokens[k]
		if s := q.text(k); inSpans(t.Start, spans) || s == "," || s == "." {
			break
		}
		if m := q.speakerMention(k); m >= 0 {
			return source{m, doc.Span{Start: t.Start, End: d.Mentions[m].End}}, true
		}
		lw := t.Lower
		if personalPronoun(lw) {
			return source{q.antecedent(d.SentenceAt(t.Start), t.Start), t.Span}, true
		}
		if nominalHeads[lw] || lex.SpeakerTitles[lw] {
			// A title followed by a name: the name speaks.
			if m := q.titledPerson(k, w); m >= 0 {
				return source{m, doc.Span{Start: from, End: d.Mentions[m].End}}, true
			}
			if nominalHeads[lw] {
				return source{q.nominal(k, t.Start), doc.Span{Start: from, End: t.End}}, true
			}
		}
		if genericSources[lw] {
			return unnamed(doc.Span{Start: from, End: t.End}), true
		}
	}
	return noSource, false
}

// titledPerson is the person named in the three tokens after the title
// at k, or -1.
func (q *quoter) titledPerson(k int, w window) int {
	name := w.after(k, 3)
	for x := name.lo; x < name.hi; x++ {
		if m := q.mentionAt(x); m >= 0 && q.d.Mentions[m].Type == doc.TypePerson {
			return m
		}
	}
	return -1
}

// antecedent resolves a personal pronoun at off: the subject of the
// nearest sentence before (or the same sentence, before off) that has one.
func (q *quoter) antecedent(si int, off int) int {
	// Same sentence, a person before the pronoun.
	if m := q.lastBefore(si, off, doc.TypePerson); m >= 0 {
		return m
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
	if m := q.lastBefore(si, off, doc.TypeOrg); m >= 0 {
		return m
	}
	for s := si - 1; s >= 0 && s >= si-2; s-- {
		lo, hi := q.mentionsIn(s)
		for i := lo; i < hi; i++ {
			if q.d.Mentions[i].Type == doc.TypeOrg {
				return i
			}
		}
	}
	return -1
}

// mentionsIn is the range [lo, hi) of the mentions that start in sentence
// si (mentions are in text order: found by search, where a scan of every
// mention per pronoun made long documents quadratic).
func (q *quoter) mentionsIn(si int) (lo, hi int) {
	s, ms := q.d.Sentences[si], q.d.Mentions
	lo = sort.Search(len(ms), func(i int) bool { return ms[i].Start >= s.Start })
	hi = lo + sort.Search(len(ms)-lo, func(i int) bool { return ms[lo+i].Start >= s.End })
	return lo, hi
}

// lastBefore is the last mention of type typ in sentence si that starts
// before off, or -1.
func (q *quoter) lastBefore(si, off int, typ doc.EntityType) int {
	lo, hi := q.mentionsIn(si)
	for i := hi - 1; i >= lo; i-- {
		if m := q.d.Mentions[i]; m.Start < off && m.Type == typ {
			return i
		}
	}
	return -1
}

// subject returns the person sentence si is about (computed once): the
// speaker of its speech verb, else a nominal subject ("The UN mediator
// was speaking"), else its first person mention outside quotes.
func (q *quoter) subject(si int) int {
	if q.subjects[si] == notComputed {
		q.subjects[si] = q.findSubject(si)
	}
	return q.subjects[si]
}

func (q *quoter) findSubject(si int) int {
	d := q.d
	w := q.sentence(si)
	spans := quoteSpans(d.Text, d.Sentences[si])
	if m := q.speechSubject(w, spans); m >= 0 {
		return m
	}
	if m := q.nominalSubject(w); m >= 0 {
		return m
	}
	lo, hi := q.mentionsIn(si)
	for i := lo; i < hi; i++ {
		if m := d.Mentions[i]; m.Type == doc.TypePerson && !inSpans(m.Start, spans) {
			return i
		}
	}
	return -1
}

// speechSubject is the first person who performs a speech verb of
// sentence w outside quotes, or -1.
func (q *quoter) speechSubject(w window, spans []qspan) int {
	for k := w.lo; k < w.hi; k++ {
		t := q.d.Tokens[k]
		if lex.SpeechVerbs[t.Lower] && !inSpans(t.Start, spans) {
			if m := q.subjectOf(k, w, spans).speaker; m >= 0 && q.d.Mentions[m].Type == doc.TypePerson {
				return m
			}
		}
	}
	return -1
}

// nominalSubject resolves the nominal among the first four tokens of
// sentence w ("The UN mediator was speaking"), or -1.
func (q *quoter) nominalSubject(w window) int {
	opening := w.from(w.lo, 4)
	for k := opening.lo; k < opening.hi; k++ {
		if nominalHeads[q.lower(k)] {
			return q.nominal(k, q.d.Tokens[k].Start)
		}
	}
	return -1
}

// nominal resolves "the top diplomat" (head word token k) to the person
// mentioned before offset before whose descriptions share a role class
// with the head, the latest of those that share the most.
func (q *quoter) nominal(k int, before int) int {
	d := q.d
	class := roleClass(q.lower(k))
	best, bestScore := -1, 0
	for i, m := range d.Mentions {
		if m.Type != doc.TypePerson || m.Start >= before {
			continue
		}
		if score := q.describedAs(m.Key, class); score > 0 {
			score++ // recency tie-break below
			if score >= bestScore {
				best, bestScore = i, score
			}
		}
	}
	return best
}

// roleClass is the head word and the words of every role class holding it.
func roleClass(head string) map[string]bool {
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
	return class
}

// describedAs scores how the descriptions of the entity key agree with a
// role class: two for each word of the class in them.
func (q *quoter) describedAs(key string, class map[string]bool) int {
	score := 0
	for _, o := range q.d.Mentions {
		if o.Key != key || o.Description == "" {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(o.Description)) {
			if class[strings.Trim(w, ",.'’s")] {
				score += 2
			}
		}
	}
	return score
}

// sourceRank orders what a tagged source may name: a person before an
// organisation before a place; 0 for what names no speaker.
func sourceRank(t doc.EntityType) int {
	switch t {
	case doc.TypePerson:
		return 3
	case doc.TypeOrg:
		return 2
	case doc.TypeGPE:
		return 1
	}
	return 0
}

// resolveSource finds who the tagged source s names: a person in it,
// else (when it is a title, "UN special envoy for Syria") the person it
// describes, else an organisation, then a place ("the Britain-based
// Syrian Observatory" is the observatory); else what its head word stands
// for. Generic sources ("a senior official") name nobody: -1.
func (q *quoter) resolveSource(s tagSpan) int {
	d := q.d
	best, nominalAt := -1, -1
	for k := s.lo; k < s.hi; k++ {
		if nominalHeads[q.lower(k)] && nominalAt < 0 {
			nominalAt = k
		}
		if m := q.mentionAt(k); m >= 0 && sourceRank(d.Mentions[m].Type) > 0 {
			if best < 0 || sourceRank(d.Mentions[m].Type) > sourceRank(d.Mentions[best].Type) {
				best = m
			}
		}
	}
	if best >= 0 && d.Mentions[best].Type == doc.TypePerson {
		return best
	}
	if nominalAt >= 0 {
		if m := q.nominal(nominalAt, d.Tokens[s.lo].Start); m >= 0 {
			return m
		}
	}
	if best >= 0 {
		return best
	}
	return q.resolveHead(s)
}

// resolveHead resolves a source by its last word: a lone pronoun through
// its antecedent ("he", "it"), a lone "who" or "which" through the name in
// the three tokens before it, a nominal through the people described so.
func (q *quoter) resolveHead(s tagSpan) int {
	d := q.d
	first := d.Tokens[s.lo]
	head := q.lower(s.hi - 1)
	lone := s.hi-s.lo == 1
	switch {
	case lone && (head == "he" || head == "she"):
		return q.antecedent(first.Sentence, first.Start)
	case lone && head == "it":
		return q.orgAntecedent(first.Sentence, first.Start)
	case lone && (head == "who" || head == "which"):
		back := window{0, len(d.Tokens)}.before(s.lo, 3)
		for k := back.hi - 1; k >= back.lo; k-- {
			if m := q.speakerMention(k); m >= 0 {
				return m
			}
		}
	case nominalHeads[head]:
		return q.nominal(s.hi-1, first.Start)
	}
	return -1
}
