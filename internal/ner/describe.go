package ner

import (
	"strings"
)

// extendLeft builds a description from the words right before units[i]:
// "UN special envoy" before "Staffan de Mistura", "Jordan's" before
// "Foreign Minister". inner is a title already found inside the run.
func (t *tagger) extendLeft(i int, inner string) string {
	d := t.d
	if i == 0 {
		return inner
	}
	first := t.units[i]
	toks := d.Tokens
	k := first.tok - 1
	start := -1
	hasTitle := inner != ""
	crossedComma := false
	for k >= 0 && toks[k].Sentence == first.sent {
		w := d.Text[toks[k].Start:toks[k].End]
		lw := strings.ToLower(w)
		base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		switch {
		case w == "," && inner == "" && !crossedComma && start < 0:
			crossedComma = true
			k--
			continue
		case t.titleWords[lw] || t.titleWords[strings.ToLower(base)]:
			hasTitle = true
		case t.titleMods[lw]:
		case isCap(w) && !t.monthsDays[lw] && !t.funcWords[lw]:
			if _, ok := t.gazLookup(base); !ok && !t.titleMods[strings.ToLower(base)] {
				// an unknown capitalised word: part of the title only after "of"/"to"
				if !(k+1 < len(toks) && (start >= 0)) {
					goto done
				}
				if prev := strings.ToLower(d.Text[toks[k+1].Start:toks[k+1].End]); k+1 < len(toks) && !isCap(d.Text[toks[k+1].Start:toks[k+1].End]) && prev != "of" {
					goto done
				}
			}
		case (lw == "of" || lw == "for" || lw == "to" || lw == "on") && start >= 0:
		default:
			goto done
		}
		start = toks[k].Start
		k--
	}
done:
	if start < 0 || !hasTitle {
		return inner
	}
	end := first.Start
	if crossedComma {
		// "UN envoy to Syria, Staffan de Mistura": the phrase ends before the comma.
		end = strings.LastIndexByte(d.Text[:first.Start], ',')
	}
	if inner != "" {
		end = first.Start
	}
	phrase := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(d.Text[start:end]), ","))
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
// units[j-1].
func (t *tagger) appositionRight(j int) string {
	d := t.d
	last := t.units[j-1]
	k := last.tok + 1
	toks := d.Tokens
	if k >= len(toks) || d.Text[toks[k].Start:toks[k].End] != "," {
		return ""
	}
	k++
	start := k
	n := 0
	for k < len(toks) && toks[k].Sentence == last.sent && n <= 9 {
		w := d.Text[toks[k].Start:toks[k].End]
		if w == "," || w == "." || w == ")" || w == ";" {
			break
		}
		k++
		n++
	}
	if k >= len(toks) || n == 0 || n > 9 || toks[k].Sentence != last.sent {
		return ""
	}
	first := strings.ToLower(d.Text[toks[start].Start:toks[start].End])
	if !(first == "the" || first == "a" || first == "an" || first == "his" || first == "her" || first == "its" || first == "their" ||
		isCap(d.Text[toks[start].Start:toks[start].End]) || t.titleWords[first] || t.titleMods[first]) {
		return ""
	}
	phrase := d.Text[toks[start].Start:toks[k-1].End]
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
