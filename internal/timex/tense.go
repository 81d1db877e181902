package timex

import (
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/doc"
)

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
