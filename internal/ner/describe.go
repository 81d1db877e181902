package ner

import (
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
)

// extendLeft builds a description from the words right before units[i]:
// "UN special envoy" before "Staffan de Mistura", "Jordan's" before
// "Foreign Minister". inner is a title already found inside the run.
func (t *tagger) extendLeft(i int, inner string) string {
	if i == 0 {
		return inner
	}
	first := t.units[i]
	sc := t.scanLeft(first, inner)
	if sc.start < 0 || !sc.hasTitle {
		return inner
	}
	end := first.Start
	if sc.crossedComma {
		// "UN envoy to Syria, Staffan de Mistura": the phrase ends before the comma.
		end = strings.LastIndexByte(t.d.Text[:first.Start], ',')
	}
	if inner != "" {
		end = first.Start
	}
	phrase := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t.d.Text[sc.start:end]), ","))
	// Drop dangling connectors at the start.
	for _, c := range []string{"of ", "for ", "to ", "on "} {
		phrase = strings.TrimPrefix(phrase, c)
	}
	if inner != "" {
		if phrase == "" {
			return inner
		}
		return phrase + " " + inner
	}
	if !t.containsTitle(phrase) {
		return ""
	}
	return phrase
}

// leftScan is how far a description reaches left of a name: the byte its
// first word starts at (-1: none), whether it has a title word, and
// whether it is set off by a comma ("UN envoy to Syria, Staffan de
// Mistura").
type leftScan struct {
	start        int
	hasTitle     bool
	crossedComma bool
}

// scanLeft reads the words of first's sentence leftwards from first while
// they can be part of a description.
func (t *tagger) scanLeft(first unit, inner string) leftScan {
	toks := t.d.Tokens
	sc := leftScan{start: -1, hasTitle: inner != ""}
	for k := first.tok - 1; k >= 0 && toks[k].Sentence == first.sent; k-- {
		if t.d.Text[toks[k].Start:toks[k].End] == "," && inner == "" && !sc.crossedComma && sc.start < 0 {
			sc.crossedComma = true
			continue
		}
		title, ok := t.descriptionWord(k, sc.start >= 0)
		if !ok {
			break
		}
		sc.hasTitle = sc.hasTitle || title
		sc.start = toks[k].Start
	}
	return sc
}

// descriptionWord reports whether token k can be part of a description
// read leftwards, and whether it is a title word. inside: a word of the
// description is already to its right.
func (t *tagger) descriptionWord(k int, inside bool) (title, ok bool) {
	tk := t.d.Tokens[k]
	lw := tk.Lower
	base := strings.TrimSuffix(strings.TrimSuffix(t.d.Text[tk.Start:tk.End], "'s"), "’s")
	lbase := lw
	if len(base) < tk.End-tk.Start {
		lbase = strings.ToLower(base)
	}
	switch {
	case t.titleWords[lw] || t.titleWords[lbase]:
		return true, true
	case t.titleMods[lw]:
		return false, true
	case tk.Is(doc.Cap) && !t.monthsDays[lw] && !t.funcWords[lw]:
		return false, t.capitalInDescription(k, base, lbase, inside)
	case (lw == "of" || lw == "for" || lw == "to" || lw == "on") && inside:
		return false, true
	}
	return false, false
}

// capitalInDescription: a capitalised word is part of a description when
// it is a known name ("Russia's") or a title modifier, or, unknown, only
// inside one and before a capitalised word or "of" ("Minister of
// Energy").
func (t *tagger) capitalInDescription(k int, base, lbase string, inside bool) bool {
	if _, ok := t.gazLookup(base); ok || t.titleMods[lbase] {
		return true
	}
	toks := t.d.Tokens
	if k+1 >= len(toks) || !inside {
		return false
	}
	return toks[k+1].Is(doc.Cap) || toks[k+1].Lower == "of"
}

func (lx *lexicon) containsTitle(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if lx.titleWords[w] {
			return true
		}
	}
	return false
}

// appositionRight reads ", the UN envoy to Syria," after a name ending at
// units[j-1]: up to nine words between commas in the same sentence,
// opening with an article, a possessive, a capitalised word or a title
// word, holding a title and no verb of a clause of its own.
func (t *tagger) appositionRight(j int) string {
	last := t.units[j-1]
	start, end, ok := t.appositionSpan(last)
	if !ok || !t.opensApposition(t.d.Tokens[start]) {
		return ""
	}
	toks := t.d.Tokens
	phrase := t.d.Text[toks[start].Start:toks[end-1].End]
	for _, w := range strings.Fields(strings.ToLower(phrase)) {
		if w == "said" || w == "says" || w == "who" || w == "which" {
			return ""
		}
	}
	if !t.containsTitle(phrase) {
		return ""
	}
	return phrase
}

// appositionSpan finds the tokens [start, end) between the comma after
// unit last and the next comma, full stop, parenthesis or semicolon, in
// the same sentence, at most nine.
func (t *tagger) appositionSpan(last unit) (start, end int, ok bool) {
	d := t.d
	toks := d.Tokens
	k := last.tok + 1
	if k >= len(toks) || d.Text[toks[k].Start:toks[k].End] != "," {
		return 0, 0, false
	}
	k++
	start = k
	n := 0
	for k < len(toks) && toks[k].Sentence == last.sent && n <= 9 {
		switch d.Text[toks[k].Start:toks[k].End] {
		case ",", ".", ")", ";":
			return start, k, n > 0
		}
		k++
		n++
	}
	return 0, 0, false
}

// appositionOpeners are the lower-case words an apposition may open with.
var appositionOpeners = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "its": true, "their": true}

func (t *tagger) opensApposition(tk doc.Token) bool {
	return appositionOpeners[tk.Lower] || tk.Is(doc.Cap) || t.titleWords[tk.Lower] || t.titleMods[tk.Lower]
}
