package ner

import (
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

// tag finds capitalised runs and turns them into mentions.
func (t *tagger) tag() {
	for i := 0; i < len(t.units); {
		if !t.startsRun(i) {
			i++
			continue
		}
		j := t.runEnd(i)
		t.run(i, j)
		i = j
	}
	t.resolveSingles()
}

// startsRun: a capitalised unit, or a lower-case particle opening a name
// ("de Mistura said") that does not continue one.
func (t *tagger) startsRun(i int) bool {
	us := t.units
	u := us[i]
	if u.cap {
		return true
	}
	return t.particles[u.lower] && i+1 < len(us) && us[i+1].cap && t.adjacent(u, us[i+1]) &&
		(i == 0 || !us[i-1].cap || !t.adjacent(us[i-1], u))
}

// runEnd is where the run starting at unit i ends: it goes on over
// adjacent capitalised units, and over a lower-case word between two of
// them where that word belongs to the name.
func (t *tagger) runEnd(i int) int {
	us := t.units
	j := i + 1
	for j < len(us) && t.adjacent(us[j-1], us[j]) {
		switch {
		case us[j].cap:
			j++
		case t.lowerInName(i, j), t.connectorInName(i, j):
			j += 2
		default:
			return j
		}
	}
	return j
}

// capitalFollows: unit j+1 is capitalised and belongs with unit j.
func (t *tagger) capitalFollows(j int) bool {
	us := t.units
	return j+1 < len(us) && us[j+1].cap && t.adjacent(us[j], us[j+1])
}

// lowerInName: the short lower-case unit j lies inside one model name
// ("Securities and Exchange Commission") or inside a known name
// ("Islamic State in Iraq and Syria") of the run from unit i.
func (t *tagger) lowerInName(i, j int) bool {
	if !t.capitalFollows(j) || len(t.units[j].text) > 4 {
		return false
	}
	return t.model && t.hint[j-1] >= 0 && t.hint[j-1] == t.hint[j] && t.hint[j] == t.hint[j+1] || t.gazPrefix(t.units, i, j)
}

// connectorInName: unit j is a connector ("of", "de") before a capitalised
// unit; "and" and "the" only inside gazetteer names ("Bosnia and
// Herzegovina").
func (t *tagger) connectorInName(i, j int) bool {
	us := t.units
	if !lex.NameJoiners[us[j].lower] || !t.capitalFollows(j) {
		return false
	}
	if us[j].lower == "and" || us[j].lower == "the" {
		return t.gazSpan(us[i:j+2]) || t.gazPrefix(us, i, j)
	}
	return true
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
		if k == len(us) || t.monthsDays[us[k].lower] || t.monthAbbrev(i+k) || (t.funcWords[us[k].lower] && !us[k].allCaps && (us[k].cap || !lex.NameJoiners[us[k].lower])) {
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
	switch u.lower {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
	default:
		return false
	}
	next := u.tok + 1
	return next < len(t.d.Tokens) && t.d.Tokens[next].Is(doc.Digit)
}

// segment classifies the run units[i:j] (no month/day or function words).
func (t *tagger) segment(i, j int) {
	i, j = t.trimConnectors(i, j)
	if i >= j {
		return
	}
	us := t.units[i:j]
	// A gazetteer entry covering the whole run wins outright.
	if e, ok := t.gazLookup(t.text(us)); ok && (len(us) > 1 || t.strongGaz(e)) {
		t.add(us, e.Type, e.Canonical, "")
		return
	}
	if t.titledName(i, j) {
		return
	}
	if t.model {
		t.modelRun(i, j, "")
		return
	}
	t.ruleRun(i, j)
}

// trimConnectors drops lower-case units from the edges of units[i:j],
// keeping a particle at the start ("de Mistura").
func (t *tagger) trimConnectors(i, j int) (int, int) {
	for i < j && !t.units[i].cap && !t.particles[t.units[i].lower] {
		i++
	}
	for j > i && !t.units[j-1].cap {
		j--
	}
	return i, j
}

// titledName handles a run with a title in it: the last title word splits
// description from name ("US Secretary of State John Kerry"). It reports
// false when the run has no title, or when the title words belong to an
// organisation's name ("Ministry of Foreign Affairs") the model does not
// call a person.
func (t *tagger) titledName(i, j int) bool {
	us := t.units[i:j]
	k := t.lastTitle(us)
	if k < 0 {
		return false
	}
	nameStart := t.titleEnd(us, k)
	title := us[:min(nameStart, len(us))]
	if t.hasOrgHead(title) && !(t.model && t.hintOf(i+nameStart, j) == conllPer) {
		return false
	}
	t.titleInner(title)
	if nameStart >= len(us) {
		return true // a title alone ("US Secretary of State")
	}
	name := us[nameStart:]
	desc := t.extendLeft(i, t.text(title))
	if t.model {
		t.modelRun(i+nameStart, j, desc)
		return true
	}
	typ, canon := t.classify(name)
	if typ == "" || typ == doc.TypeMisc || len(name) == 1 && typ != doc.TypePerson && typ != doc.TypeGPE {
		typ, canon = doc.TypePerson, ""
	}
	t.add(name, typ, canon, desc)
	return true
}

// lastTitle is the index of the last capitalised title word of a run
// ("Minister", not "MINISTER"), or -1.
func (t *tagger) lastTitle(us []unit) int {
	for x := len(us) - 1; x >= 0; x-- {
		if t.titleWords[us[x].lower] && us[x].cap && !us[x].allCaps {
			return x
		}
	}
	return -1
}

// titleEnd is where the name after the title word us[k] starts: a
// complement with "of" or "for" belongs to the title ("Secretary of
// State"), and so does a multi-word gazetteer name after it.
func (t *tagger) titleEnd(us []unit, k int) int {
	nameStart := k + 1
	if nameStart+1 >= len(us) || us[nameStart].lower != "of" && us[nameStart].lower != "for" {
		return nameStart
	}
	nameStart += 2
	for x := len(us); x > nameStart; x-- {
		if _, ok := t.gazLookup(t.text(us[k+2 : x])); ok && x-(k+2) > 1 {
			return x
		}
	}
	return nameStart
}

// ruleRun types a run without the model. A single word waits until every
// full name of the document is known (resolveSingles): sentence-initial,
// it is a name only if known as one.
func (t *tagger) ruleRun(i, j int) {
	us := t.units[i:j]
	if len(us) == 1 {
		t.singles = append(t.singles, pendingSingle{u: us[0], idx: i, initial: us[0].initial})
		return
	}
	typ, canon := t.classify(us)
	if typ == "" {
		typ = doc.TypeMisc
	}
	desc := ""
	if typ == doc.TypePerson {
		desc = t.personDesc(i, j)
	}
	t.add(us, typ, canon, desc)
}

// personDesc is the description of the person named by units[i:j]: the
// title before the name, else an apposition after it.
func (t *tagger) personDesc(i, j int) string {
	if desc := t.extendLeft(i, ""); desc != "" {
		return desc
	}
	return t.appositionRight(j)
}

// hasOrgHead: a unit is an organisation head word ("Ministry").
func (lx *lexicon) hasOrgHead(us []unit) bool {
	for _, u := range us {
		if lx.orgHeads[u.lower] {
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
