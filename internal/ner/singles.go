package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

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
// name of the document is known: "Kerry" joins "John Kerry".
func (t *tagger) resolveSingles() {
	persons := map[string][]int{} // name part -> mention indexes
	for mi, m := range t.mentions {
		if m.Type != doc.TypePerson {
			continue
		}
		parts := strings.Fields(m.Text)
		for pi, p := range parts {
			if t.particles[strings.ToLower(p)] {
				continue
			}
			// surname (last part), or the part after a particle
			if pi == len(parts)-1 {
				persons[normKey(p)] = append(persons[normKey(p)], mi)
			}
		}
		// "al-Assad" also answers to "Assad"
		lastPart := parts[len(parts)-1]
		if j := strings.IndexByte(lastPart, '-'); j > 0 && t.particles[strings.ToLower(lastPart[:j])] {
			k := normKey(lastPart[j+1:])
			persons[k] = append(persons[k], mi)
		}
		// "de Mistura" answers to the full name too
		if len(parts) >= 3 && t.particles[strings.ToLower(parts[len(parts)-2])] {
			k := normKey(strings.Join(parts[len(parts)-2:], " "))
			persons[k] = append(persons[k], mi)
		}
	}
	for _, s := range t.singles {
		u := s.u
		k := normKey(u.text)
		if e, ok := t.gazetteer[k]; ok && (t.strongGaz(e) || len(persons[k]) == 0) {
			t.add([]unit{u}, e.Type, e.Canonical, "")
			continue
		}
		if mis, ok := persons[k]; ok {
			// the most frequent full name with this surname
			best := bestKey(t.mentions, mis)
			t.mentions = append(t.mentions, doc.Mention{Span: u.Span, Text: u.text, Type: doc.TypePerson, Key: best})
			continue
		}
		if s.initial && !t.seenMid[u.lower()] {
			continue
		}
		if utf8.RuneCountInString(strings.Trim(u.text, ".")) <= 1 || t.monthAbbrev(s.idx) {
			continue // initials and stray letters ("S and P") name nobody alone
		}
		if a := strings.IndexAny(u.text, "'’"); a > 0 && t.funcWords[strings.ToLower(u.text[:a])] {
			continue
		}
		if t.funcWords[u.lower()] || t.titleWords[u.lower()] || t.titleMods[u.lower()] || t.orgHeads[u.lower()] {
			continue
		}
		if u.allCaps && len(u.text) <= 6 {
			t.add([]unit{u}, doc.TypeOrg, "", "")
			continue
		}
		// Context: a title before it, or a speech verb after it.
		next := ""
		if s.idx+1 < len(t.units) && t.units[s.idx+1].sent == u.sent {
			next = t.units[s.idx+1].lower()
		}
		if lex.SpeakerCues[next] {
			t.add([]unit{u}, doc.TypePerson, "", t.extendLeft(s.idx, ""))
			continue
		}
		if desc := t.extendLeft(s.idx, ""); desc != "" {
			t.add([]unit{u}, doc.TypePerson, "", desc)
			continue
		}
		if !s.initial {
			t.add([]unit{u}, doc.TypeMisc, "", "")
		}
	}
	// Acronyms join the organisation they abbreviate: "High Negotiations
	// Committee (HNC)".
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Type != doc.TypeOrg || m.Key != m.Text || !isAllCaps(m.Text) {
			continue
		}
		for _, o := range t.mentions {
			if o.Type == doc.TypeOrg && o.Key != m.Key && Initials(o.Key) == strings.ReplaceAll(m.Text, ".", "") {
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
		if m.Type == doc.TypePerson {
			keys[i] = normKey(m.Key)
		}
	}
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Type != doc.TypePerson {
			continue
		}
		k := keys[i]
		for j, o := range t.mentions {
			if o.Type == doc.TypePerson && len(o.Key) > len(m.Key) && len(keys[j]) > len(k) &&
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
