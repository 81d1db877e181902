// Package entity resolves mentions across documents into entities: one
// entity for "Sergei Lavrov" and "Sergey Lavrov", for "Bashar al Assad",
// "Bashar al-Assad" and "Assad", for "ISIS" and "Islamic State"; separate
// entities for "Bashar al Assad" and "Hafiz al Assad".
package entity

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/ner"
)

// Ref identifies one mention: document index and mention index.
type Ref struct{ Doc, Mention int }

// Result is the resolved entities and, for every mention, its entity id.
type Result struct {
	Entities []model.Entity
	ByRef    map[Ref]string
}

// group is the mentions of one type and one spelling-insensitive key.
type group struct {
	key      string
	typ      doc.EntityType
	refs     []Ref
	surfaces map[string]int
	descs    []string
	docs     map[int]bool
}

// groups are the groups of a document set, by type and key, with the
// order in which their first mentions came.
type groups struct {
	byKey map[string]*group
	order []string
}

// NameKey is the spelling-insensitive form of a name: lower case, hyphens
// and periods dropped.
func NameKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '.' || r == '\'' || r == '’':
			continue
		case r == '-' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// personParts returns a person name's words without particles.
func personParts(key string) []string {
	var out []string
	for _, w := range strings.Fields(NameKey(key)) {
		if !lex.KeyParticles[w] {
			out = append(out, w)
		}
	}
	return out
}

// Resolve groups the mentions of docs into entities: mentions of one type
// and spelling form a group, groups of one person or organisation are
// joined (joinPeople, joinAcronyms), and each joined set becomes one
// entity.
func Resolve(docs []*doc.Doc) Result {
	gs := collectGroups(docs)
	u := &unionFind{parent: map[string]string{}, groups: gs.byKey}
	joinPeople(gs, u)
	joinAcronyms(gs, u)
	res := Result{ByRef: map[Ref]string{}}
	usedIDs := map[string]bool{}
	for _, set := range u.sets(gs.order) {
		res.Entities = append(res.Entities, gs.entity(docs, set, usedIDs, res.ByRef))
	}
	addSurnames(res.Entities)
	// Most mentioned first; ties by name for stable output.
	sort.SliceStable(res.Entities, func(i, j int) bool {
		a, b := res.Entities[i], res.Entities[j]
		if len(a.Mentions) != len(b.Mentions) {
			return len(a.Mentions) > len(b.Mentions)
		}
		return a.ID < b.ID
	})
	return res
}

// collectGroups puts every mention of docs in the group of its type and
// name key.
func collectGroups(docs []*doc.Doc) *groups {
	gs := &groups{byKey: map[string]*group{}}
	for di, d := range docs {
		for mi, m := range d.Mentions {
			gk := string(m.Type) + "|" + NameKey(m.Key)
			g := gs.byKey[gk]
			if g == nil {
				g = &group{key: m.Key, typ: m.Type, surfaces: map[string]int{}, docs: map[int]bool{}}
				gs.byKey[gk] = g
				gs.order = append(gs.order, gk)
			}
			g.refs = append(g.refs, Ref{di, mi})
			g.surfaces[m.Text]++
			g.docs[di] = true
			if m.Description != "" {
				g.descs = append(g.descs, m.Description)
			}
		}
	}
	return gs
}

// unionFind joins groups (by their keys) into sets.
type unionFind struct {
	parent map[string]string
	groups map[string]*group
}

func (u *unionFind) find(x string) string {
	if u.parent[x] == "" || u.parent[x] == x {
		return x
	}
	r := u.find(u.parent[x])
	u.parent[x] = r
	return r
}

// union joins the sets of a and b, keeping as root the group with more
// mentions.
func (u *unionFind) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		if len(u.groups[ra].refs) < len(u.groups[rb].refs) {
			ra, rb = rb, ra
		}
		u.parent[rb] = ra
	}
}

// set is the groups joined under one root, in the order they came.
type set struct {
	root    string
	members []string
}

// sets lists the sets in the order of their first groups.
func (u *unionFind) sets(order []string) []set {
	at := map[string]int{}
	var out []set
	for _, gk := range order {
		r := u.find(gk)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, set{root: r})
		}
		out[k].members = append(out[k].members, gk)
	}
	return out
}

// people indexes the person groups by their name parts (particles left
// out) and by surname, so only namesakes are compared.
type people struct {
	persons   []string
	parts     map[string][]string
	bySurname map[string][]string
}

func indexPeople(gs *groups) people {
	p := people{parts: map[string][]string{}, bySurname: map[string][]string{}}
	for _, gk := range gs.order {
		if gs.byKey[gk].typ != doc.TypePerson {
			continue
		}
		ws := personParts(gs.byKey[gk].key)
		if len(ws) == 0 {
			continue
		}
		p.persons = append(p.persons, gk)
		p.parts[gk] = ws
		p.bySurname[ws[len(ws)-1]] = append(p.bySurname[ws[len(ws)-1]], gk)
	}
	return p
}

// joinPeople joins people with the same surname and similar first names,
// then surnames alone with the one full name they can stand for.
func joinPeople(gs *groups, u *unionFind) {
	p := indexPeople(gs)
	for _, bucket := range p.bySurname {
		for i := 0; i < len(bucket); i++ {
			for j := i + 1; j < len(bucket); j++ {
				if samePerson(p.parts[bucket[i]], p.parts[bucket[j]]) {
					u.union(bucket[i], bucket[j])
				}
			}
		}
	}
	for _, a := range p.persons {
		if pa := p.parts[a]; len(pa) == 1 {
			if root := p.onlyFullName(pa[0], u); root != "" {
				u.union(a, root)
			}
		}
	}
}

// onlyFullName is the root of the one person with a full name ending in
// surname, or "" when there is none or more than one: a surname alone
// (from a document that never gives the full name) joins a full name only
// when the set holds one person with that surname. "Assad" is not merged
// into "Bashar al-Assad" when "Hafiz al-Assad" is also there, without
// evidence from its own document.
func (p people) onlyFullName(surname string, u *unionFind) string {
	root := ""
	for _, b := range p.bySurname[surname] {
		if len(p.parts[b]) < 2 {
			continue
		}
		r := u.find(b)
		if root != "" && r != root {
			return ""
		}
		root = r
	}
	return root
}

// joinAcronyms joins an organisation's acronym to the name it
// abbreviates (the first such name).
func joinAcronyms(gs *groups, u *unionFind) {
	byInitials := map[string]string{}
	for _, b := range gs.order {
		gb := gs.byKey[b]
		if gb.typ == doc.TypeOrg && !isAcronym(gb.key) {
			if ini := ner.Initials(gb.key); len(ini) >= 2 {
				if _, ok := byInitials[ini]; !ok {
					byInitials[ini] = b
				}
			}
		}
	}
	for _, a := range gs.order {
		ga := gs.byKey[a]
		if ga.typ != doc.TypeOrg || !isAcronym(ga.key) {
			continue
		}
		if b, ok := byInitials[strings.ReplaceAll(ga.key, ".", "")]; ok {
			u.union(a, b)
		}
	}
}

// entity makes the entity of one set of groups: its name, aliases,
// descriptions, a unique id and its mentions in document order, each
// recorded in byRef.
func (gs *groups) entity(docs []*doc.Doc, s set, usedIDs map[string]bool, byRef map[Ref]string) model.Entity {
	typ := gs.byKey[s.root].typ
	e := model.Entity{Type: string(typ), Descriptions: []string{}}
	keyCount := map[string]int{}
	surf := map[string]bool{}
	var refs []Ref
	for _, gk := range s.members {
		g := gs.byKey[gk]
		keyCount[g.key] += len(g.refs)
		for sf := range g.surfaces {
			surf[sf] = true
		}
		refs = append(refs, g.refs...)
	}
	if ds := gs.descriptions(s.members); ds != nil {
		e.Descriptions = ds
	}
	e.Name = canonicalName(keyCount, typ)
	e.Aliases = aliases(keyCount, surf, e.Name)
	e.ID = uniqueID(strings.ToLower(e.Type)+"-"+slug(e.Name), usedIDs)
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].Doc != refs[j].Doc {
			return refs[i].Doc < refs[j].Doc
		}
		return refs[i].Mention < refs[j].Mention
	})
	for _, rf := range refs {
		m := docs[rf.Doc].Mentions[rf.Mention]
		e.Mentions = append(e.Mentions, model.Mention{Doc: docs[rf.Doc].ID, Start: m.Start, End: m.End, Text: m.Text})
		byRef[rf] = e.ID
	}
	return e
}

// descriptions are the members' descriptions in order, each once
// (ignoring case); nil when none.
func (gs *groups) descriptions(members []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, gk := range members {
		for _, dsc := range gs.byKey[gk].descs {
			if !seen[strings.ToLower(dsc)] {
				seen[strings.ToLower(dsc)] = true
				out = append(out, dsc)
			}
		}
	}
	return out
}

// aliases are the keys and surface forms other than the name, sorted
// (never nil).
func aliases(keys map[string]int, surfaces map[string]bool, name string) []string {
	all := map[string]bool{}
	for k := range keys {
		all[k] = true
	}
	for s := range surfaces {
		all[s] = true
	}
	out := []string{}
	for s := range all {
		if s != name {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func isAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// samePerson: two multi-word names with the same surname and first names
// that are spelling variants (Sergei/Sergey), or one name's words a
// subset of the other's (Bashar Assad / Bashar al-Assad).
func samePerson(a, b []string) bool {
	if len(a) < 2 || len(b) < 2 {
		return false
	}
	if a[len(a)-1] != b[len(b)-1] {
		return false
	}
	fa, fb := a[0], b[0]
	if fa == fb {
		return true
	}
	if len(fa) >= 4 && len(fb) >= 4 && fa[0] == fb[0] && editDistance(fa, fb) <= 1+min(len(fa), len(fb))/6 {
		return true
	}
	return false
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// canonicalName picks the fullest form of a person's or organisation's
// name (most words, then most mentions); for other types the most
// mentioned form (gazetteer names are canonical already).
func canonicalName(keys map[string]int, typ doc.EntityType) string {
	best, bestN := "", -1
	for k, n := range keys {
		score := n
		if typ == doc.TypePerson || typ == doc.TypeOrg {
			score += 100000 * len(strings.Fields(k))
		}
		if score > bestN || score == bestN && (len(k) > len(best) || len(k) == len(best) && k < best) {
			best, bestN = k, score
		}
	}
	return best
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func uniqueID(id string, used map[string]bool) string {
	out := id
	for i := 2; used[out]; i++ {
		out = fmt.Sprintf("%s-%d", id, i)
	}
	used[out] = true
	return out
}

// addSurnames gives each person the bare surname as an alias ("Lavrov" for
// "Sergei Lavrov"), as readers and later articles will use it, unless
// another person in the set has the same surname.
func addSurnames(es []model.Entity) {
	owners := map[string]int{}
	surname := func(name string) string {
		ws := strings.Fields(name)
		if len(ws) < 2 {
			return ""
		}
		last := ws[len(ws)-1]
		if i := strings.IndexByte(last, '-'); i > 0 && lex.KeyParticles[strings.ToLower(last[:i])] {
			last = last[i+1:]
		}
		return last
	}
	for _, e := range es {
		if e.Type == string(doc.TypePerson) {
			if s := surname(e.Name); s != "" {
				owners[strings.ToLower(s)]++
			}
		}
	}
	for i := range es {
		e := &es[i]
		if e.Type != string(doc.TypePerson) {
			continue
		}
		s := surname(e.Name)
		if s == "" || owners[strings.ToLower(s)] != 1 {
			continue
		}
		have := false
		for _, a := range e.Aliases {
			if strings.EqualFold(a, s) {
				have = true
			}
		}
		if !have {
			e.Aliases = append(e.Aliases, s)
			sort.Strings(e.Aliases)
		}
	}
}
