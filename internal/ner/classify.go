package ner

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true, "upper": true, "lower": true}

// classify types a multi-word or known run. It returns "" when it cannot tell.
func (t *tagger) classify(us []unit) (typ doc.EntityType, canon string) {
	if e, ok := t.gazLookup(t.text(us)); ok {
		return e.Type, e.Canonical
	}
	if typ := t.headType(us); typ != "" {
		return typ, ""
	}
	if len(us) == 1 {
		if us[0].allCaps && len(us[0].text) <= 6 {
			return doc.TypeOrg, ""
		}
		return "", ""
	}
	if len(us) <= 5 {
		if typ := t.nameType(us); typ != "" {
			return typ, ""
		}
	}
	return doc.TypeMisc, ""
}

// headType types a run by its first and last words: "Storm Edda",
// "Northern Ireland", "… Observatory for …", "… River", "World War II".
func (t *tagger) headType(us []unit) doc.EntityType {
	last := us[len(us)-1].lower
	if len(us) > 1 && t.eventStarts[us[0].lower] {
		return doc.TypeEvent
	}
	if t.compassPlace(us) {
		return doc.TypeGPE
	}
	if t.orgHeadAt(us, 0, "of", "for", "on") {
		return doc.TypeOrg
	}
	switch {
	case t.locHeads[last] && len(us) > 1:
		return doc.TypeLoc
	case t.gpeHeads[last] && len(us) > 1:
		return doc.TypeGPE
	case t.facHeads[last] && len(us) > 1:
		return doc.TypeFac
	case t.eventHeads[last] && len(us) > 1, len(us) > 2 && t.eventHeads[us[len(us)-2].lower] && isRoman(us[len(us)-1].text):
		return doc.TypeEvent
	}
	return ""
}

// compassPlace: a compass word before a place or a place head ("West
// Berlin", "Northern Ireland", "South Sudan"), not before an
// organisation's head.
func (t *tagger) compassPlace(us []unit) bool {
	last := us[len(us)-1].lower
	if len(us) < 2 || !compass[us[0].lower] || t.orgHeads[last] {
		return false
	}
	_, ok := t.gazLookup(t.text(us[1:]))
	return ok || t.gpeHeads[last]
}

// orgHeadAt: an organisation head word of at least minLen bytes ends the
// run or comes before one of the connectors ("Observatory for Human
// Rights").
func (lx *lexicon) orgHeadAt(us []unit, minLen int, connectors ...string) bool {
	for x, u := range us {
		if lx.orgHeads[u.lower] && len(u.lower) >= minLen && (x == len(us)-1 || slices.Contains(connectors, us[x+1].lower)) {
			return true
		}
	}
	return false
}

// nameType types a run of two to five capitalised words by what its words
// are: an acronym makes it an organisation; words that are no known place
// or people, or a last word that is none, a person. "" when neither.
func (t *tagger) nameType(us []unit) doc.EntityType {
	known := 0
	for _, u := range us {
		if e, ok := t.gazLookup(u.text); ok && u.cap && t.strongGaz(e) {
			known++
		}
		if u.allCaps && !strings.Contains(u.text, ".") && len(u.text) > 1 && !isRoman(u.text) {
			return doc.TypeOrg
		}
	}
	if known == 0 && !t.hasCommon(us) {
		return doc.TypePerson
	}
	// "Bashar Assad": first names can collide with places; a run whose
	// last word is not a place is still most likely a person.
	if _, ok := t.gazLookup(us[len(us)-1].text); !ok && len(us) <= 3 && known < len(us) && !t.hasCommon(us) {
		if _, ok := t.gazLookup(us[0].text); !ok || !t.isKnownPlaceOrPeople(us[0].text) {
			return doc.TypePerson
		}
	}
	return ""
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
		l := u.lower
		if lx.titleMods[l] || lx.funcWords[l] || lx.orgHeads[l] || utf8.RuneCountInString(u.text) == 1 {
			return true
		}
	}
	return false
}
