package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

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
		t.hintTypes = append(t.hintTypes, conllType(n.typ))
	}
}

// hintOf returns the model's type for units [i, j): the type of the
// first unit covered by a model name, or "".
func (t *tagger) hintOf(i, j int) conllType {
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
		if typ == doc.TypePerson && desc == "" {
			desc = t.personDesc(i, j)
		}
		t.add(us, typ, "", desc)
		return
	}
	// One person name in a run whose other words the model left out, none
	// of them a title, function word or known place: the whole run is the
	// name ("Bashar al Assad" with "Bashar" untagged).
	if h := t.singleHint(i, j); h >= 0 && t.hintTypes[h] == conllPer && t.plainNameRun(i, j) {
		for x := i; x < j; x++ {
			t.hint[x] = h
		}
	}
	x := i
	for x < j {
		h := t.hint[x]
		if h < 0 {
			u := t.units[x]
			if e, ok := t.gazLookup(u.text); ok && t.strongGaz(e) && !t.commonAtStart(x) {
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
	l := u.lower
	return t.funcWords[l] || t.titleWords[l] || t.lowerInDoc(l)
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
func (t *tagger) modelName(i, j int, conll conllType, desc string) {
	i, j = t.trimNameEdges(i, j)
	if i >= j {
		return
	}
	us := t.units[i:j]
	if len(us) == 1 && (t.commonAtStart(i) || utf8.RuneCountInString(strings.Trim(us[0].text, ".")) <= 1) {
		return
	}
	txt := t.text(us)
	if e, ok := t.gazLookup(txt); ok && (t.strongGaz(e) || conll == conllLoc || conll == conllOrg && e.Type == doc.TypeOrg) {
		t.add(us, e.Type, e.Canonical, "")
		return
	}
	typ := t.mapType(conll, us)
	if typ == doc.TypePerson && desc == "" {
		desc = t.personDesc(i, j)
	}
	canon := ""
	if e, ok := t.gazLookup(txt); ok && e.Type == typ {
		canon = e.Canonical
	}
	t.add(us, typ, canon, desc)
}

// trimNameEdges drops from the edges of a model name units[i:j] what is no
// part of a name: connectors, dates, and (at the start) function words.
func (t *tagger) trimNameEdges(i, j int) (int, int) {
	for i < j && t.noNameStart(t.units[i]) {
		i++
	}
	for j > i && (!t.units[j-1].cap || t.monthsDays[t.units[j-1].lower]) {
		j--
	}
	return i, j
}

// noNameStart: a unit no name starts with, a lower-case word other than a
// particle, a date word or a function word (an acronym aside).
func (t *tagger) noNameStart(u unit) bool {
	return !u.cap && !t.particles[u.lower] || t.monthsDays[u.lower] || t.funcWords[u.lower] && !u.allCaps
}

// mapType refines CoNLL's four types: places into GPE, LOC and FAC,
// miscellaneous names into NORP and EVENT.
func (lx *lexicon) mapType(conll conllType, us []unit) doc.EntityType {
	last := us[len(us)-1].lower
	switch conll {
	case conllPer:
		return doc.TypePerson
	case conllOrg:
		return doc.TypeOrg
	case conllLoc:
		switch {
		case lx.locHeads[last]:
			return doc.TypeLoc
		case lx.facHeads[last] && len(us) > 1:
			return doc.TypeFac
		}
		return doc.TypeGPE
	}
	// MISC
	if len(us) == 1 {
		if e, ok := lx.gazLookup(us[0].text); ok && e.Type == doc.TypeNORP {
			return doc.TypeNORP
		}
	}
	if len(us) > 1 && (lx.eventStarts[us[0].lower] || lx.eventHeads[last] || len(us) > 2 && lx.eventHeads[us[len(us)-2].lower] && isRoman(us[len(us)-1].text)) {
		return doc.TypeEvent
	}
	return doc.TypeMisc
}

// structuralType types a run from its structure alone, or returns "".
func (t *tagger) structuralType(i, j int) doc.EntityType {
	us := t.units[i:j]
	if len(us) < 2 {
		return ""
	}
	if t.eventStarts[us[0].lower] && us[1].cap {
		return doc.TypeEvent
	}
	if t.orgHeadAt(us, 4, "of", "for") {
		return doc.TypeOrg
	}
	last := us[len(us)-1].lower
	if t.locHeads[last] || t.facHeads[last] || t.gpeHeads[last] {
		return ""
	}
	if !us[0].cap && t.particles[us[0].lower] && len(us) == 2 {
		return doc.TypePerson // "de Mistura"
	}
	if t.particleName(i, us) {
		return doc.TypePerson
	}
	return ""
}

// particleName: the run us (from unit i) has a particle joined to a name
// ("al-Assad", "bin-Salman"), or one inside it after a capitalised first
// word that is not a common word ("Staffan de Mistura", "Hafiz al
// Assad"), and is not a gazetteer name.
func (t *tagger) particleName(i int, us []unit) bool {
	joined := slices.ContainsFunc(us, func(u unit) bool { return t.particleJoined(u.text) })
	inner := false
	for x := 1; x < len(us)-1 && !joined && !inner; x++ {
		inner = !us[x].cap && t.particles[us[x].lower] && us[0].cap && !t.commonAtStart(i)
	}
	if !joined && !inner {
		return false
	}
	_, ok := t.gazLookup(t.text(us))
	return !ok
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
		l := u.lower
		if t.titleWords[l] || t.titleMods[l] || t.funcWords[l] || t.monthsDays[l] || t.orgHeads[l] || x == i && t.commonAtStart(x) {
			return false
		}
		if e, ok := t.gazLookup(u.text); ok && t.strongGaz(e) {
			return false
		}
		if !u.cap && !t.particles[l] {
			return false
		}
	}
	return true
}
