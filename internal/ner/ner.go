// Package ner finds named entities in a document: people, organisations,
// geo-political entities, locations, nationalities, facilities and events,
// with the titles and roles written next to people ("US Secretary of State
// John Kerry" gives PERSON "John Kerry" described as "US Secretary of
// State").
//
// This first version works from capitalisation, gazetteers (countries,
// subdivisions and cities from Go modules; demonyms, titles and organisation
// head words written here) and context rules. It never emits a mention inside
// a credit line and never takes a capitalised common word at the start of a
// sentence for a name.
package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

// unit is a word as the tagger sees it: a token with a possessive "'s"
// removed, or one piece of a hyphenated compound ("U.S.-led" gives "U.S.").
type unit struct {
	doc.Span
	text       string
	tok        int
	sent       int
	initial    bool // first word of its sentence
	possessive bool // "'s" followed: a name ends here
	split      bool // piece of a hyphenated compound: does not join the next unit
	cap        bool
	allCaps    bool
}

func (u unit) lower() string { return strings.ToLower(u.text) }

// Recognizer is the entity stage. It holds the trained tagger it applies
// (if any) and is safe for concurrent use: each Run keeps its state in
// values of its own.
type Recognizer struct {
	model *Model
}

// New returns the entity stage applying m. A nil m asks for the rules
// alone (gazetteers, capitalisation, context), without the trained tagger.
func New(m *Model) *Recognizer { return &Recognizer{model: m} }

// Run adds entity mentions to d. It needs tokens and sentences.
func (r *Recognizer) Run(d *doc.Doc) {
	loadLexicon()
	t := &tagger{d: d}
	t.units = buildUnits(d)
	if r.model != nil {
		t.applyModel(r.model)
	}
	t.seenMid = map[string]bool{}
	for _, u := range t.units {
		if u.cap && !u.initial {
			t.seenMid[u.lower()] = true
		}
	}
	t.tag()
	d.Mentions = t.mentions
}

type tagger struct {
	d     *doc.Doc
	units []unit
	// With a model: for each unit, the model span covering it (-1 none)
	// and the spans' CoNLL types.
	model     bool
	hint      []int
	hintTypes []string
	seenMid   map[string]bool
	mentions  []doc.Mention
	// pending singletons decided once all full names are known
	singles   []pendingSingle
	lowerSeen map[string]bool
}

type pendingSingle struct {
	u       unit
	idx     int // index in units
	initial bool
}

var lowerSuffixes = map[string]bool{"led": true, "backed": true, "held": true, "based": true, "linked": true, "born": true, "owned": true,
	"run": true, "controlled": true, "allied": true, "sponsored": true, "made": true, "style": true, "era": true, "bound": true, "brokered": true,
	"funded": true, "aligned": true, "affiliated": true, "friendly": true, "dominated": true, "inspired": true, "supported": true, "occupied": true, "majority": true, "wide": true}

var lowerPrefixes = map[string]bool{"anti": true, "pro": true, "non": true, "ex": true, "post": true, "pre": true, "mid": true, "pan": true, "all": true}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func buildUnits(d *doc.Doc) []unit {
	units := make([]unit, 0, len(d.Tokens))
	lastSent := -1
	for i, tk := range d.Tokens {
		w := d.Text[tk.Start:tk.End]
		if !isWord(w) {
			continue
		}
		initial := tk.Sentence != lastSent
		lastSent = tk.Sentence
		if d.InCreditKind(tk.Span, "photo", "source") {
			continue
		}
		start, end := tk.Start, tk.End
		poss := false
		for _, suf := range []string{"'s", "’s", "'", "’"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
				w = w[:len(w)-len(suf)]
				end -= len(suf)
				poss = true
				break
			}
		}
		mk := func(s, e int, split bool) unit {
			txt := d.Text[s:e]
			u := unit{Span: doc.Span{Start: s, End: e}, text: txt, tok: i, sent: tk.Sentence, initial: initial, split: split}
			u.cap = isCap(txt)
			u.allCaps = isAllCaps(txt)
			// "al-Assad": a particle joined to a capitalised name.
			if !u.cap {
				if j := strings.IndexByte(txt, '-'); j > 0 && particles[strings.ToLower(txt[:j])] && isCap(txt[j+1:]) {
					u.cap = true
				}
			}
			return u
		}
		if strings.Contains(w, "-") {
			pieces := strings.Split(w, "-")
			// anti-Assad, pro-Kremlin
			if len(pieces) >= 2 && lowerPrefixes[strings.ToLower(pieces[0])] && !isCap(pieces[0]) && isCap(pieces[1]) {
				off := start + len(pieces[0]) + 1
				units = append(units, mk(off, end, true))
				units[len(units)-1].initial = false
				units[len(units)-1].possessive = poss
				continue
			}
			// U.S.-led, al-Qaeda-linked, Iran-backed
			last := len(pieces) - 1
			for last > 0 && (lowerSuffixes[strings.ToLower(pieces[last])] || !isCap(pieces[last]) && !particles[strings.ToLower(pieces[last-1])]) {
				last--
			}
			if last < len(pieces)-1 {
				if last == 0 && !isCap(pieces[0]) {
					continue // "opposition-held": no name here
				}
				e := start + len(strings.Join(pieces[:last+1], "-"))
				u := mk(start, e, true)
				units = append(units, u)
				continue
			}
			// US-Russian, U.S.-Russia: each piece a known place or people.
			allKnown := len(pieces) > 1
			for _, p := range pieces {
				if _, ok := gazLookup(p); !ok || !isCap(p) {
					allKnown = false
					break
				}
			}
			if allKnown {
				off := start
				for k, p := range pieces {
					u := mk(off, off+len(p), true)
					if k > 0 {
						u.initial = false
					}
					if k == len(pieces)-1 {
						u.possessive = poss
					}
					units = append(units, u)
					off += len(p) + 1
				}
				continue
			}
		}
		u := mk(start, end, false)
		u.possessive = poss
		units = append(units, u)
	}
	return units
}

// adjacent reports whether units a and b (b after a) may belong to one name.
func (t *tagger) adjacent(a, b unit) bool {
	if a.sent != b.sent || a.possessive || a.split || b.split && b.tok != a.tok+1 {
		return false
	}
	if b.tok != a.tok+1 {
		return false
	}
	// No characters other than spaces between them.
	return strings.TrimSpace(t.d.Text[a.End:b.Start]) == ""
}

var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true, "upper": true, "lower": true}

// tag finds capitalised runs and turns them into mentions.
func (t *tagger) tag() {
	us := t.units
	i := 0
	for i < len(us) {
		u := us[i]
		startsRun := u.cap
		// Lower-case particle opening a name: "de Mistura said".
		if !u.cap && particles[u.lower()] && i+1 < len(us) && us[i+1].cap && t.adjacent(u, us[i+1]) &&
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
	_, ok := gazLookup(t.d.Text[us[0].Start:us[len(us)-1].End])
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
		if k == len(us) || monthsDays[us[k].lower()] || t.monthAbbrev(i+k) || (funcWords[us[k].lower()] && !us[k].allCaps && (us[k].cap || !lex.NameJoiners[us[k].lower()])) {
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
	for len(us) > 0 && !us[0].cap && !particles[us[0].lower()] {
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
	if e, ok := gazLookup(t.text(us)); ok && (len(us) > 1 || strongGaz(e)) {
		t.add(us, e.Type, e.Canonical, "")
		return
	}
	// Titles: the last title word splits description from name.
	k := -1
	for x := len(us) - 1; x >= 0; x-- {
		if titleWords[us[x].lower()] && us[x].cap && !us[x].allCaps {
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
				if _, ok := gazLookup(t.text(us[k+2 : x])); ok && x-(k+2) > 1 {
					nameStart = x
					break
				}
			}
		}
		title := us[:min(nameStart, len(us))]
		// An organisation name with a title word ("Ministry of Foreign
		// Affairs") is not a title.
		if !hasOrgHead(title) || t.model && t.hintOf(i+nameStart, j) == "PER" {
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
			if typ == "" || typ == "MISC" || len(name) == 1 && typ != "PERSON" && typ != "GPE" {
				typ = "PERSON"
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
		typ = "MISC"
	}
	desc := ""
	if typ == "PERSON" {
		desc = t.extendLeft(i, "")
		if desc == "" {
			desc = t.appositionRight(j)
		}
	}
	t.add(us, typ, canon, desc)
}

func hasOrgHead(us []unit) bool {
	for _, u := range us {
		if orgHeads[u.lower()] {
			return true
		}
	}
	return false
}

// titleInner emits mentions for places, peoples and organisations inside a
// title ("Russian" in "Russian Foreign Minister").
func (t *tagger) titleInner(us []unit) {
	for _, u := range us {
		if e, ok := gazLookup(u.text); ok && u.cap {
			t.add([]unit{u}, e.Type, e.Canonical, "")
		}
	}
}

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
		case titleWords[lw] || titleWords[strings.ToLower(base)]:
			hasTitle = true
		case titleMods[lw]:
		case isCap(w) && !monthsDays[lw] && !funcWords[lw]:
			if _, ok := gazLookup(base); !ok && !titleMods[strings.ToLower(base)] {
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
	if !containsTitle(phrase) {
		return ""
	}
	return phrase
}

func containsTitle(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if titleWords[w] {
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
		isCap(d.Text[toks[start].Start:toks[start].End]) || titleWords[first] || titleMods[first]) {
		return ""
	}
	phrase := d.Text[toks[start].Start:toks[k-1].End]
	for _, w := range strings.Fields(strings.ToLower(phrase)) {
		if w == "said" || w == "says" || w == "who" || w == "which" {
			return ""
		}
	}
	if !containsTitle(phrase) {
		return ""
	}
	return phrase
}

func (t *tagger) add(us []unit, typ, canon, desc string) {
	if len(us) == 0 {
		return
	}
	sp := doc.Span{Start: us[0].Start, End: us[len(us)-1].End}
	txt := t.d.Text[sp.Start:sp.End]
	key := canon
	if key == "" {
		key = txt
	}
	t.mentions = append(t.mentions, doc.Mention{Span: sp, Text: txt, Type: doc.EntityType(typ), Key: key, Description: strings.TrimSpace(desc)})
}

// resolveSingles decides single capitalised words once every multi-word
// name of the document is known: "Kerry" joins "John Kerry".
func (t *tagger) resolveSingles() {
	persons := map[string][]int{} // name part -> mention indexes
	for mi, m := range t.mentions {
		if m.Type != "PERSON" {
			continue
		}
		parts := strings.Fields(m.Text)
		for pi, p := range parts {
			if particles[strings.ToLower(p)] {
				continue
			}
			// surname (last part), or the part after a particle
			if pi == len(parts)-1 {
				persons[normKey(p)] = append(persons[normKey(p)], mi)
			}
		}
		// "al-Assad" also answers to "Assad"
		lastPart := parts[len(parts)-1]
		if j := strings.IndexByte(lastPart, '-'); j > 0 && particles[strings.ToLower(lastPart[:j])] {
			k := normKey(lastPart[j+1:])
			persons[k] = append(persons[k], mi)
		}
		// "de Mistura" answers to the full name too
		if len(parts) >= 3 && particles[strings.ToLower(parts[len(parts)-2])] {
			k := normKey(strings.Join(parts[len(parts)-2:], " "))
			persons[k] = append(persons[k], mi)
		}
	}
	for _, s := range t.singles {
		u := s.u
		k := normKey(u.text)
		if e, ok := gazetteer[k]; ok && (strongGaz(e) || len(persons[k]) == 0) {
			t.add([]unit{u}, e.Type, e.Canonical, "")
			continue
		}
		if mis, ok := persons[k]; ok {
			// the most frequent full name with this surname
			best := bestKey(t.mentions, mis)
			t.mentions = append(t.mentions, doc.Mention{Span: u.Span, Text: u.text, Type: "PERSON", Key: best})
			continue
		}
		if s.initial && !t.seenMid[u.lower()] {
			continue
		}
		if utf8.RuneCountInString(strings.Trim(u.text, ".")) <= 1 || t.monthAbbrev(s.idx) {
			continue // initials and stray letters ("S and P") name nobody alone
		}
		if a := strings.IndexAny(u.text, "'’"); a > 0 && funcWords[strings.ToLower(u.text[:a])] {
			continue
		}
		if funcWords[u.lower()] || titleWords[u.lower()] || titleMods[u.lower()] || orgHeads[u.lower()] {
			continue
		}
		if u.allCaps && len(u.text) <= 6 {
			t.add([]unit{u}, "ORG", "", "")
			continue
		}
		// Context: a title before it, or a speech verb after it.
		next := ""
		if s.idx+1 < len(t.units) && t.units[s.idx+1].sent == u.sent {
			next = t.units[s.idx+1].lower()
		}
		if lex.SpeakerCues[next] {
			t.add([]unit{u}, "PERSON", "", t.extendLeft(s.idx, ""))
			continue
		}
		if desc := t.extendLeft(s.idx, ""); desc != "" {
			t.add([]unit{u}, "PERSON", "", desc)
			continue
		}
		if !s.initial {
			t.add([]unit{u}, "MISC", "", "")
		}
	}
	// Acronyms join the organisation they abbreviate: "High Negotiations
	// Committee (HNC)".
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Type != "ORG" || m.Key != m.Text || !isAllCaps(m.Text) {
			continue
		}
		for _, o := range t.mentions {
			if o.Type == "ORG" && o.Key != m.Key && Initials(o.Key) == strings.ReplaceAll(m.Text, ".", "") {
				m.Key = o.Key
				break
			}
		}
	}
	// "De Mistura" and "Bashar Assad" join the fuller name in the document.
	// Keys are normalised once: comparing every pair is quadratic in the
	// mentions of a document, and must not allocate too.
	keys := make([]string, len(t.mentions))
	for i, m := range t.mentions {
		if m.Type == "PERSON" {
			keys[i] = normKey(m.Key)
		}
	}
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Type != "PERSON" {
			continue
		}
		k := keys[i]
		for j, o := range t.mentions {
			if o.Type == "PERSON" && len(o.Key) > len(m.Key) && len(keys[j]) > len(k) &&
				strings.HasSuffix(keys[j], k) && keys[j][len(keys[j])-len(k)-1] == ' ' {
				m.Key = o.Key
				break
			}
		}
	}
	oneLabelPerName(t.mentions)
	sortMentions(t.mentions)
}

// oneLabelPerName gives every mention of a name in a document the type
// most of its mentions have (ties go to the first mention): "Jordan" the
// country stays a country through the article.
func oneLabelPerName(ms []doc.Mention) {
	type tally struct {
		n     map[doc.EntityType]int
		first doc.EntityType
	}
	by := map[string]*tally{}
	tallies := make([]*tally, len(ms))
	for i, m := range ms {
		k := normKey(m.Key)
		tl := by[k]
		if tl == nil {
			tl = &tally{n: map[doc.EntityType]int{}, first: m.Type}
			by[k] = tl
		}
		tl.n[m.Type]++
		tallies[i] = tl
	}
	for i := range ms {
		tl := tallies[i]
		if len(tl.n) < 2 {
			continue
		}
		// Most votes; on a tie the type seen first, then the smaller name
		// (map order must not decide: it differs from run to run).
		best := tl.first
		for typ, n := range tl.n {
			if n > tl.n[best] || n == tl.n[best] && best != tl.first && typ < best {
				best = typ
			}
		}
		ms[i].Type = best
	}
}

func bestKey(ms []doc.Mention, idx []int) string {
	count := map[string]int{}
	best := ""
	for _, i := range idx {
		k := ms[i].Key
		count[k]++
		if best == "" || count[k] > count[best] || count[k] == count[best] && len(k) > len(best) {
			best = k
		}
	}
	return best
}

func sortMentions(ms []doc.Mention) {
	// insertion sort: mentions are nearly sorted already
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
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

// Initials returns the capital initials of a name's capitalised words:
// "High Negotiations Committee" gives "HNC".
func Initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// applyModel tags the document's sentences with the statistical model and
// records, for every unit, the model's name span covering it.
func (t *tagger) applyModel(m *Model) {
	d := t.d
	type mtok struct{ start, end int }
	var sents [][]string
	var spans [][]mtok
	for si := range d.Sentences {
		toks := d.TokensIn(d.Sentences[si])
		var words []string
		var sp []mtok
		for _, tk := range toks {
			w := d.Text[tk.Start:tk.End]
			// The model was trained on text with "'s" split off.
			for _, suf := range []string{"'s", "’s"} {
				if strings.HasSuffix(w, suf) && len(w) > len(suf) {
					cut := tk.End - len(suf)
					words = append(words, d.Text[tk.Start:cut], "'s")
					sp = append(sp, mtok{tk.Start, cut}, mtok{cut, tk.End})
					w = ""
					break
				}
			}
			if w != "" {
				words = append(words, w)
				sp = append(sp, mtok{tk.Start, tk.End})
			}
		}
		sents = append(sents, words)
		spans = append(spans, sp)
	}
	tagged := m.TagDocument(sents)
	type bspan struct {
		start, end int
		typ        string
	}
	var names []bspan
	for si, tags := range tagged {
		for _, s := range Spans(tags) {
			names = append(names, bspan{spans[si][s.Start].start, spans[si][s.End-1].end, s.Type})
		}
	}
	t.model = true
	t.hint = make([]int, len(t.units))
	k := 0
	for ui, u := range t.units {
		t.hint[ui] = -1
		for k < len(names) && names[k].end <= u.Start {
			k++
		}
		if k < len(names) && names[k].start <= u.Start && u.End <= names[k].end {
			t.hint[ui] = k
		}
	}
	for _, n := range names {
		t.hintTypes = append(t.hintTypes, n.typ)
	}
}

// hintOf returns the model's type for units [i, j): the type of the
// first unit covered by a model name, or "".
func (t *tagger) hintOf(i, j int) string {
	for x := i; x < j; x++ {
		if h := t.hint[x]; h >= 0 {
			return t.hintTypes[h]
		}
	}
	return ""
}

// modelRun turns a capitalised run (titles already removed) into mentions
// as the model delimits and types them. Units the model leaves outside any
// name are dropped unless they are a country, people or well-known
// organisation.
func (t *tagger) modelRun(i, j int, desc string) {
	// Head words and particles are stronger evidence than the model's
	// guess on rare names: "Storm Edda" is an event, "Syrian Observatory
	// for Human Rights" an organisation, "de Mistura" and "Bashar al
	// Assad" people.
	if typ := t.structuralType(i, j); typ != "" {
		us := t.units[i:j]
		for len(us) > 1 && !us[len(us)-1].cap {
			us = us[:len(us)-1]
		}
		if typ == "PERSON" && desc == "" {
			desc = t.extendLeft(i, "")
			if desc == "" {
				desc = t.appositionRight(j)
			}
		}
		t.add(us, typ, "", desc)
		return
	}
	// One person name in a run whose other words the model left out, none
	// of them a title, function word or known place: the whole run is the
	// name ("Bashar al Assad" with "Bashar" untagged).
	if h := t.singleHint(i, j); h >= 0 && t.hintTypes[h] == "PER" && t.plainNameRun(i, j) {
		for x := i; x < j; x++ {
			t.hint[x] = h
		}
	}
	x := i
	for x < j {
		h := t.hint[x]
		if h < 0 {
			u := t.units[x]
			if e, ok := gazLookup(u.text); ok && strongGaz(e) && !t.commonAtStart(x) {
				t.add(t.units[x:x+1], e.Type, e.Canonical, "")
			}
			x++
			continue
		}
		y := x + 1
		for y < j && t.hint[y] == h {
			y++
		}
		t.modelName(x, y, t.hintTypes[h], desc)
		desc = ""
		x = y
	}
}

// commonAtStart: a capitalised first word of a sentence that the document
// also writes in lower case, or a function word.
func (t *tagger) commonAtStart(x int) bool {
	u := t.units[x]
	if !u.initial {
		return false
	}
	l := u.lower()
	return funcWords[l] || titleWords[l] || t.lowerInDoc(l)
}

func (t *tagger) lowerInDoc(l string) bool {
	if t.lowerSeen == nil {
		t.lowerSeen = map[string]bool{}
		for _, tk := range t.d.Tokens {
			w := t.d.Text[tk.Start:tk.End]
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
				t.lowerSeen[w] = true
			}
		}
	}
	return t.lowerSeen[l]
}

// modelName adds the name units [i, j) with the model's CoNLL type.
func (t *tagger) modelName(i, j int, conll, desc string) {
	us := t.units[i:j]
	// Edges: connectors, dates, titles and function words are not names.
	for len(us) > 0 && (!us[0].cap && !particles[us[0].lower()] || monthsDays[us[0].lower()] || funcWords[us[0].lower()] && !us[0].allCaps) {
		us = us[1:]
		i++
	}
	for len(us) > 0 && (!us[len(us)-1].cap || monthsDays[us[len(us)-1].lower()]) {
		us = us[:len(us)-1]
		j--
	}
	if len(us) == 0 {
		return
	}
	if len(us) == 1 && (t.commonAtStart(i) || utf8.RuneCountInString(strings.Trim(us[0].text, ".")) <= 1) {
		return
	}
	txt := t.text(us)
	if e, ok := gazLookup(txt); ok && (strongGaz(e) || conll == "LOC" || conll == "ORG" && e.Type == "ORG") {
		t.add(us, e.Type, e.Canonical, "")
		return
	}
	typ := mapType(conll, us)
	if typ == "PERSON" && desc == "" {
		desc = t.extendLeft(i, "")
		if desc == "" {
			desc = t.appositionRight(j)
		}
	}
	canon := ""
	if e, ok := gazLookup(txt); ok && e.Type == typ {
		canon = e.Canonical
	}
	t.add(us, typ, canon, desc)
}

// mapType refines CoNLL's four types: places into GPE, LOC and FAC,
// miscellaneous names into NORP and EVENT.
func mapType(conll string, us []unit) string {
	last := us[len(us)-1].lower()
	switch conll {
	case "PER":
		return "PERSON"
	case "ORG":
		return "ORG"
	case "LOC":
		switch {
		case locHeads[last]:
			return "LOC"
		case facHeads[last] && len(us) > 1:
			return "FAC"
		}
		return "GPE"
	}
	// MISC
	if len(us) == 1 {
		if e, ok := gazLookup(us[0].text); ok && e.Type == "NORP" {
			return "NORP"
		}
	}
	if len(us) > 1 && (eventStarts[us[0].lower()] || eventHeads[last] || len(us) > 2 && eventHeads[us[len(us)-2].lower()] && isRoman(us[len(us)-1].text)) {
		return "EVENT"
	}
	return "MISC"
}

// structuralType types a run from its structure alone, or returns "".
func (t *tagger) structuralType(i, j int) string {
	us := t.units[i:j]
	if len(us) < 2 {
		return ""
	}
	if eventStarts[us[0].lower()] && us[1].cap {
		return "EVENT"
	}
	last := us[len(us)-1].lower()
	for x, u := range us {
		l := u.lower()
		if orgHeads[l] && len(l) > 3 && (x == len(us)-1 || us[x+1].lower() == "of" || us[x+1].lower() == "for") {
			return "ORG"
		}
	}
	if locHeads[last] || facHeads[last] || gpeHeads[last] {
		return ""
	}
	if !us[0].cap && particles[us[0].lower()] && len(us) == 2 {
		return "PERSON" // "de Mistura"
	}
	for _, u := range us {
		// "al-Assad", "bin-Salman": a particle joined to a name.
		if k := strings.IndexByte(u.text, '-'); k > 0 && particles[strings.ToLower(u.text[:k])] && isCap(u.text[k+1:]) {
			if _, ok := gazLookup(t.text(us)); !ok {
				return "PERSON"
			}
		}
	}
	for x := 1; x < len(us)-1; x++ {
		if !us[x].cap && particles[us[x].lower()] && us[0].cap && !t.commonAtStart(i) {
			if _, ok := gazLookup(t.text(us)); !ok {
				return "PERSON" // "Staffan de Mistura", "Hafiz al Assad"
			}
		}
	}
	return ""
}

// singleHint returns the one model span inside units [i, j), or -1 when
// there is none or more than one.
func (t *tagger) singleHint(i, j int) int {
	h := -1
	for x := i; x < j; x++ {
		if t.hint[x] >= 0 {
			if h >= 0 && t.hint[x] != h {
				return -1
			}
			h = t.hint[x]
		}
	}
	return h
}

// plainNameRun: every unit is a capitalised word or particle that is not a
// title, function word, date or known place, people or organisation.
func (t *tagger) plainNameRun(i, j int) bool {
	for x := i; x < j; x++ {
		u := t.units[x]
		l := u.lower()
		if titleWords[l] || titleMods[l] || funcWords[l] || monthsDays[l] || orgHeads[l] || x == i && t.commonAtStart(x) {
			return false
		}
		if e, ok := gazLookup(u.text); ok && strongGaz(e) {
			return false
		}
		if !u.cap && !particles[l] {
			return false
		}
	}
	return true
}
