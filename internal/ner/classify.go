package ner

import (
	"strings"
	"unicode/utf8"
)

var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true, "upper": true, "lower": true}

// classify types a multi-word or known run. It returns "" when it cannot tell.
func (t *tagger) classify(us []unit) (typ, canon string) {
	txt := t.text(us)
	if e, ok := gazLookup(txt); ok {
		return e.Type, e.Canonical
	}
	last := us[len(us)-1].lower()
	if len(us) > 1 && eventStarts[us[0].lower()] {
		return "EVENT", ""
	}
	if len(us) > 1 && compass[us[0].lower()] && !orgHeads[last] {
		// "West Berlin", "Northern Ireland", "South Sudan"
		if _, ok := gazLookup(t.text(us[1:])); ok || gpeHeads[last] {
			return "GPE", ""
		}
	}
	for x, u := range us {
		l := u.lower()
		if orgHeads[l] && (x == len(us)-1 || us[x+1].lower() == "of" || us[x+1].lower() == "for" || us[x+1].lower() == "on") {
			return "ORG", ""
		}
	}
	switch {
	case locHeads[last] && len(us) > 1:
		return "LOC", ""
	case gpeHeads[last] && len(us) > 1:
		return "GPE", ""
	case facHeads[last] && len(us) > 1:
		return "FAC", ""
	case eventHeads[last] && len(us) > 1, len(us) > 2 && eventHeads[us[len(us)-2].lower()] && isRoman(us[len(us)-1].text):
		return "EVENT", ""
	}
	if len(us) == 1 {
		if us[0].allCaps && len(us[0].text) <= 6 {
			return "ORG", ""
		}
		return "", ""
	}
	// Names: 2-5 capitalised words, none a known place or people.
	if len(us) <= 5 {
		known := 0
		for _, u := range us {
			if e, ok := gazLookup(u.text); ok && u.cap && strongGaz(e) {
				known++
			}
			if u.allCaps && !strings.Contains(u.text, ".") && len(u.text) > 1 && !isRoman(u.text) {
				return "ORG", ""
			}
		}
		if known == 0 && !hasCommon(us) {
			return "PERSON", ""
		}
		// "Bashar Assad": first names can collide with places; a run whose
		// last word is not a place is still most likely a person.
		if _, ok := gazLookup(us[len(us)-1].text); !ok && len(us) <= 3 && known < len(us) && !hasCommon(us) {
			if _, ok := gazLookup(us[0].text); !ok || !isKnownPlaceOrPeople(us[0].text) {
				return "PERSON", ""
			}
		}
	}
	return "MISC", ""
}

// strongGaz: countries, peoples and organisations, as opposed to city and
// subdivision names that are often also surnames ("Kerry").
func strongGaz(e gazEntry) bool {
	return e.Type == "NORP" || e.Type == "ORG" || e.Type == "LOC" || isCountryish(e.Canonical) || countries[e.Canonical]
}

func isKnownPlaceOrPeople(w string) bool {
	e, ok := gazLookup(w)
	return ok && (e.Type == "NORP" || e.Type == "ORG" || e.Canonical == w && len(w) > 0 && e.Type == "GPE" && isCountryish(w))
}

// isCountryish: a demonym or a country named by the alias list. The set is
// built with the lexicon: this is asked for every gazetteer hit.
func isCountryish(w string) bool { return countryish[w] }

func isRoman(s string) bool {
	switch s {
	case "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X":
		return true
	}
	return false
}

// hasCommon reports a run with a word that is never part of a person's
// name: a title modifier, a function word or a lone letter ("Plan B").
func hasCommon(us []unit) bool {
	for _, u := range us {
		l := u.lower()
		if titleMods[l] || funcWords[l] || orgHeads[l] || utf8.RuneCountInString(u.text) == 1 {
			return true
		}
	}
	return false
}
