package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
	"github.com/storyline-news/storyline/internal/segment"
)

// add makes the units us a mention, keyed by canon or by its text.
func (t *tagger) add(us []unit, typ doc.EntityType, canon, desc string) {
	if len(us) == 0 {
		return
	}
	sp := doc.Span{Start: us[0].Start, End: us[len(us)-1].End}
	txt := t.d.Text[sp.Start:sp.End]
	key := canon
	if key == "" {
		key = txt
	}
	t.mentions = append(t.mentions, doc.Mention{Span: sp, Text: txt, Type: typ, Key: key, Description: strings.TrimSpace(desc)})
}

// resolveSingles decides single capitalised words once every multi-word
// name of the document is known ("Kerry" joins "John Kerry"), then joins
// acronyms and short names to the fuller names of the document and gives
// each name one type.
func (t *tagger) resolveSingles() {
	persons := t.surnames()
	for _, s := range t.singles {
		t.resolveSingle(s, persons)
	}
	t.joinAcronyms()
	t.joinFullerNames()
	oneLabelPerName(t.mentions)
	sortMentions(t.mentions)
}

// surnames indexes the person mentions by the parts a single word may
// name them by: the surname (the last part, not a particle), the name
// after a joined particle ("Assad" of "al-Assad"), a particle with the
// surname ("de Mistura").
func (t *tagger) surnames() map[string][]int {
	persons := map[string][]int{} // name part -> mention indexes
	for mi, m := range t.mentions {
		if m.Type != doc.TypePerson {
			continue
		}
		parts := strings.Fields(m.Text)
		lastPart := parts[len(parts)-1]
		if !t.particles[strings.ToLower(lastPart)] {
			persons[normKey(lastPart)] = append(persons[normKey(lastPart)], mi)
		}
		if j := strings.IndexByte(lastPart, '-'); j > 0 && t.particles[strings.ToLower(lastPart[:j])] {
			k := normKey(lastPart[j+1:])
			persons[k] = append(persons[k], mi)
		}
		if len(parts) >= 3 && t.particles[strings.ToLower(parts[len(parts)-2])] {
			k := normKey(strings.Join(parts[len(parts)-2:], " "))
			persons[k] = append(persons[k], mi)
		}
	}
	return persons
}

// resolveSingle decides a single capitalised word: a gazetteer name, the
// surname of a person named in full, an acronym, or a person by its
// context; or, not at a sentence start, a miscellaneous name. Common
// words, initials and words the document only capitalises at sentence
// starts are no names.
func (t *tagger) resolveSingle(s pendingSingle, persons map[string][]int) {
	u := s.u
	k := normKey(u.text)
	if e, ok := t.gazetteer[k]; ok && (t.strongGaz(e) || len(persons[k]) == 0) {
		t.add([]unit{u}, e.Type, e.Canonical, "")
		return
	}
	if mis, ok := persons[k]; ok {
		// the most frequent full name with this surname
		t.mentions = append(t.mentions, doc.Mention{Span: u.Span, Text: u.text, Type: doc.TypePerson, Key: bestKey(t.mentions, mis)})
		return
	}
	if t.notAName(s) {
		return
	}
	if u.allCaps && len(u.text) <= 6 {
		t.add([]unit{u}, doc.TypeOrg, "", "")
		return
	}
	// Context: a speech verb after it, or a title before it.
	next := ""
	if s.idx+1 < len(t.units) && t.units[s.idx+1].sent == u.sent {
		next = t.units[s.idx+1].lower
	}
	if lex.SpeakerCues[next] {
		t.add([]unit{u}, doc.TypePerson, "", t.extendLeft(s.idx, ""))
		return
	}
	if desc := t.extendLeft(s.idx, ""); desc != "" {
		t.add([]unit{u}, doc.TypePerson, "", desc)
		return
	}
	if !s.initial {
		t.add([]unit{u}, doc.TypeMisc, "", "")
	}
}

// notAName: a single word that names nothing alone: capitalised only at
// sentence starts in this document, an initial or stray letter ("S and
// P"), a month abbreviation before a day, a function word with an
// apostrophe ("It's"), or a common word of the lexicon.
func (t *tagger) notAName(s pendingSingle) bool {
	u := s.u
	if s.initial && !t.seenMid[u.lower] {
		return true
	}
	if utf8.RuneCountInString(strings.Trim(u.text, ".")) <= 1 || t.monthAbbrev(s.idx) {
		return true
	}
	if a := strings.IndexAny(u.text, "'’"); a > 0 && t.funcWords[strings.ToLower(u.text[:a])] {
		return true
	}
	return t.funcWords[u.lower] || t.titleWords[u.lower] || t.titleMods[u.lower] || t.orgHeads[u.lower]
}

// joinAcronyms keys an acronym with the organisation it abbreviates:
// "High Negotiations Committee (HNC)".
func (t *tagger) joinAcronyms() {
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Type != doc.TypeOrg || m.Key != m.Text || !segment.AllCaps(m.Text) {
			continue
		}
		for _, o := range t.mentions {
			if o.Type == doc.TypeOrg && o.Key != m.Key && Initials(o.Key) == strings.ReplaceAll(m.Text, ".", "") {
				m.Key = o.Key
				break
			}
		}
	}
}

// joinFullerNames keys "De Mistura" and "Bashar Assad" with the fuller
// name in the document that ends with them: the first person mention whose
// normalised key is some words, a space and theirs, and whose key is
// longer. Keys are normalised once, and the fuller names are found through
// an index of the word-suffixes of every person's key (comparing every
// pair of mentions was quadratic in a long document).
func (t *tagger) joinFullerNames() {
	keys := make([]string, len(t.mentions))
	endingIn := map[string][]int{} // a word-suffix of a key -> the person mentions whose key ends with it, in order
	for i, m := range t.mentions {
		if m.Type != doc.TypePerson {
			continue
		}
		keys[i] = normKey(m.Key)
		for p := 0; p < len(keys[i]); p++ {
			if keys[i][p] == ' ' {
				endingIn[keys[i][p+1:]] = append(endingIn[keys[i][p+1:]], i)
			}
		}
	}
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Type != doc.TypePerson {
			continue
		}
		for _, j := range endingIn[keys[i]] {
			if o := t.mentions[j]; len(o.Key) > len(m.Key) {
				m.Key = o.Key
				break
			}
		}
	}
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
