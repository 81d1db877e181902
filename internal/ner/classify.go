package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true, "upper": true, "lower": true}

// classify types a multi-word or known run. It returns "" when it cannot tell.
func (t *tagger) classify(us []unit) (typ doc.EntityType, canon string) {
	txt := t.text(us)
	if e, ok := t.gazLookup(txt); ok {
		return e.Type, e.Canonical
	}
	last := us[len(us)-1].lower()
	if len(us) > 1 && t.eventStarts[us[0].lower()] {
		return doc.TypeEvent, ""
	}
	if len(us) > 1 && compass[us[0].lower()] && !t.orgHeads[last] {
		// "West Berlin", "Northern Ireland", "South Sudan"
		if _, ok := t.gazLookup(t.text(us[1:])); ok || t.gpeHeads[last] {
			return doc.TypeGPE, ""
		}
	}
	for x, u := range us {
		l := u.lower()
		if t.orgHeads[l] && (x == len(us)-1 || us[x+1].lower() == "of" || us[x+1].lower() == "for" || us[x+1].lower() == "on") {
			return doc.TypeOrg, ""
		}
	}
	switch {
	case t.locHeads[last] && len(us) > 1:
		return doc.TypeLoc, ""
	case t.gpeHeads[last] && len(us) > 1:
		return doc.TypeGPE, ""
	case t.facHeads[last] && len(us) > 1:
		return doc.TypeFac, ""
	case t.eventHeads[last] && len(us) > 1, len(us) > 2 && t.eventHeads[us[len(us)-2].lower()] && isRoman(us[len(us)-1].text):
		return doc.TypeEvent, ""
	}
	if len(us) == 1 {
		if us[0].allCaps && len(us[0].text) <= 6 {
			return doc.TypeOrg, ""
		}
		return "", ""
	}
	// Names: 2-5 capitalised words, none a known place or people.
	if len(us) <= 5 {
		known := 0
		for _, u := range us {
			if e, ok := t.gazLookup(u.text); ok && u.cap && t.strongGaz(e) {
				known++
			}
			if u.allCaps && !strings.Contains(u.text, ".") && len(u.text) > 1 && !isRoman(u.text) {
				return doc.TypeOrg, ""
			}
		}
		if known == 0 && !t.hasCommon(us) {
			return doc.TypePerson, ""
		}
		// "Bashar Assad": first names can collide with places; a run whose
		// last word is not a place is still most likely a person.
		if _, ok := t.gazLookup(us[len(us)-1].text); !ok && len(us) <= 3 && known < len(us) && !t.hasCommon(us) {
			if _, ok := t.gazLookup(us[0].text); !ok || !t.isKnownPlaceOrPeople(us[0].text) {
				return doc.TypePerson, ""
			}
		}
	}
	return doc.TypeMisc, ""
}

// strongGaz: countries, peoples and organisations, as opposed to city and
// subdivision names that are often also surnames ("Kerry").
func (lx *lexicon) strongGaz(e gazEntry) bool {
	return e.Type == doc.TypeNORP || e.Type == doc.TypeOrg || e.Type == doc.TypeLoc || lx.isCountryish(e.Canonical) || lx.countries[e.Canonical]
}

func (lx *lexicon) isKnownPlaceOrPeople(w string) bool {
	e, ok := lx.gazLookup(w)
	return ok && (e.Type == doc.TypeNORP || e.Type == doc.TypeOrg || e.Canonical == w && len(w) > 0 && e.Type == doc.TypeGPE && lx.isCountryish(w))
}

// isCountryish: a demonym or a country named by the alias list. The set is
// built with the lexicon: this is asked for every gazetteer hit.
func (lx *lexicon) isCountryish(w string) bool { return lx.countryish[w] }

func isRoman(s string) bool {
	switch s {
	case "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X":
		return true
	}
	return false
}

// hasCommon reports a run with a word that is never part of a person's
// name: a title modifier, a function word or a lone letter ("Plan B").
func (lx *lexicon) hasCommon(us []unit) bool {
	for _, u := range us {
		l := u.lower()
		if lx.titleMods[l] || lx.funcWords[l] || lx.orgHeads[l] || utf8.RuneCountInString(u.text) == 1 {
			return true
		}
	}
	return false
}
