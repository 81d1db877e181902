package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

// tag finds capitalised runs and turns them into mentions.
func (t *tagger) tag() {
	us := t.units
	i := 0
	for i < len(us) {
		u := us[i]
		startsRun := u.cap
		// Lower-case particle opening a name: "de Mistura said".
		if !u.cap && t.particles[u.lower()] && i+1 < len(us) && us[i+1].cap && t.adjacent(u, us[i+1]) &&
			(i == 0 || !us[i-1].cap || !t.adjacent(us[i-1], u)) {
			startsRun = true
		}
		if !startsRun {
			i++
			continue
		}
		j := i + 1
		for j < len(us) && t.adjacent(us[j-1], us[j]) {
			if us[j].cap {
				j++
				continue
			}
			// A lower-case word inside one model name ("Securities and
			// Exchange Commission") or inside a known name ("Islamic State
			// in Iraq and Syria").
			if j+1 < len(us) && us[j+1].cap && t.adjacent(us[j], us[j+1]) && len(us[j].text) <= 4 &&
				(t.model && t.hint[j-1] >= 0 && t.hint[j-1] == t.hint[j] && t.hint[j] == t.hint[j+1] || t.gazPrefix(us, i, j)) {
				j += 2
				continue
			}
			// connector followed by a capitalised unit
			if lex.NameJoiners[us[j].lower()] && j+1 < len(us) && us[j+1].cap && t.adjacent(us[j], us[j+1]) {
				// "and" only inside gazetteer names (Bosnia and Herzegovina)
				if us[j].lower() == "and" || us[j].lower() == "the" {
					if !t.gazSpan(us[i:j+2]) && !t.gazPrefix(us, i, j) {
						break
					}
				}
				j += 2
				continue
			}
			break
		}
		t.run(i, j)
		i = j
	}
	t.resolveSingles()
}

// gazSpan reports whether units form (a prefix of) a gazetteer entry.
func (t *tagger) gazSpan(us []unit) bool {
	_, ok := t.gazLookup(t.d.Text[us[0].Start:us[len(us)-1].End])
	return ok
}

func (t *tagger) gazPrefix(us []unit, i, j int) bool {
	for k := j + 2; k <= len(us) && k <= j+6; k++ {
		if k > j+2 && !t.adjacent(us[k-2], us[k-1]) {
			break
		}
		if t.gazSpan(us[i:k]) {
			return true
		}
	}
	return false
}

func (t *tagger) text(us []unit) string {
	return t.d.Text[us[0].Start:us[len(us)-1].End]
}

// run handles the capitalised run us[i:j].
func (t *tagger) run(i, j int) {
	us := t.units[i:j]
	// Split at month and weekday names and capitalised function words.
	start := 0
	for k := 0; k <= len(us); k++ {
		if k == len(us) || t.monthsDays[us[k].lower()] || t.monthAbbrev(i+k) || (t.funcWords[us[k].lower()] && !us[k].allCaps && (us[k].cap || !lex.NameJoiners[us[k].lower()])) {
			if k > start {
				t.segment(i+start, i+k)
			}
			start = k + 1
		}
	}
}

// monthAbbrev: "Feb 26" (a bare month abbreviation before a day number)
// is a date, while "Jan Kowal" is a name.
func (t *tagger) monthAbbrev(i int) bool {
	u := t.units[i]
	switch u.lower() {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
	default:
		return false
	}
	next := u.tok + 1
	if next >= len(t.d.Tokens) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.d.Text[t.d.Tokens[next].Start:])
	return unicode.IsDigit(r)
}

// segment classifies the run units[i:j] (no month/day or function words).
func (t *tagger) segment(i, j int) {
	us := t.units[i:j]
	// Trim connectors at the edges.
	for len(us) > 0 && !us[0].cap && !t.particles[us[0].lower()] {
		us = us[1:]
		i++
	}
	for len(us) > 0 && !us[len(us)-1].cap {
		us = us[:len(us)-1]
		j--
	}
	if len(us) == 0 {
		return
	}
	// A gazetteer entry covering the whole run wins outright.
	if e, ok := t.gazLookup(t.text(us)); ok && (len(us) > 1 || t.strongGaz(e)) {
		t.add(us, e.Type, e.Canonical, "")
		return
	}
	// Titles: the last title word splits description from name.
	k := -1
	for x := len(us) - 1; x >= 0; x-- {
		if t.titleWords[us[x].lower()] && us[x].cap && !us[x].allCaps {
			k = x
			break
		}
	}
	if k >= 0 {
		nameStart := k + 1
		// "Secretary of State John Kerry": the complement belongs to the title.
		if nameStart+1 < len(us) && (us[nameStart].lower() == "of" || us[nameStart].lower() == "for") {
			nameStart += 2
			// multi-word gazetteer complement
			for x := len(us); x > nameStart; x-- {
				if _, ok := t.gazLookup(t.text(us[k+2 : x])); ok && x-(k+2) > 1 {
					nameStart = x
					break
				}
			}
		}
		title := us[:min(nameStart, len(us))]
		// An organisation name with a title word ("Ministry of Foreign
		// Affairs") is not a title.
		if !t.hasOrgHead(title) || t.model && t.hintOf(i+nameStart, j) == conllPer {
			t.titleInner(title)
			if nameStart >= len(us) {
				return // a title alone ("US Secretary of State")
			}
			name := us[nameStart:]
			desc := t.extendLeft(i, t.text(title))
			if t.model {
				t.modelRun(i+nameStart, j, desc)
				return
			}
			typ, canon := t.classify(name)
			if typ == "" || typ == doc.TypeMisc || len(name) == 1 && typ != doc.TypePerson && typ != doc.TypeGPE {
				typ = doc.TypePerson
				canon = ""
			}
			t.add(name, typ, canon, desc)
			return
		}
	}
	if t.model {
		t.modelRun(i, j, "")
		return
	}
	// Sentence-initial single word: a name only if known as one.
	if len(us) == 1 {
		t.singles = append(t.singles, pendingSingle{u: us[0], idx: i, initial: us[0].initial})
		return
	}
	// A sentence-initial common word before a name: "Reports Kerry ..." is
	// rare; drop a first word that is a known common word.
	typ, canon := t.classify(us)
	if typ == "" {
		typ = doc.TypeMisc
	}
	desc := ""
	if typ == doc.TypePerson {
		desc = t.extendLeft(i, "")
		if desc == "" {
			desc = t.appositionRight(j)
		}
	}
	t.add(us, typ, canon, desc)
}

func (lx *lexicon) hasOrgHead(us []unit) bool {
	for _, u := range us {
		if lx.orgHeads[u.lower()] {
			return true
		}
	}
	return false
}

// titleInner emits mentions for places, peoples and organisations inside a
// title ("Russian" in "Russian Foreign Minister").
func (t *tagger) titleInner(us []unit) {
	for _, u := range us {
		if e, ok := t.gazLookup(u.text); ok && u.cap {
			t.add([]unit{u}, e.Type, e.Canonical, "")
		}
	}
}
