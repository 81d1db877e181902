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

type group struct {
	key, typ string
	refs     []Ref
	surfaces map[string]int
	descs    []string
	docs     map[int]bool
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

// Resolve groups the mentions of docs into entities.
func Resolve(docs []*doc.Doc) Result {
	groups := map[string]*group{}
	var order []string
	for di, d := range docs {
		for mi, m := range d.Mentions {
			gk := string(m.Type) + "|" + NameKey(m.Key)
			g := groups[gk]
			if g == nil {
				g = &group{key: m.Key, typ: string(m.Type), surfaces: map[string]int{}, docs: map[int]bool{}}
				groups[gk] = g
				order = append(order, gk)
			}
			g.refs = append(g.refs, Ref{di, mi})
			g.surfaces[m.Text]++
			g.docs[di] = true
			if m.Description != "" {
				g.descs = append(g.descs, m.Description)
			}
		}
	}
	// Union-find over groups.
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == "" || parent[x] == x {
			return x
		}
		r := find(parent[x])
		parent[x] = r
		return r
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra != rb {
			// keep the group with more mentions as root
			if len(groups[ra].refs) < len(groups[rb].refs) {
				ra, rb = rb, ra
			}
			parent[rb] = ra
		}
	}
	// People: same surname and similar first names; particles ignored.
	// Groups are bucketed by surname so only namesakes are compared.
	bySurname := map[string][]string{}
	parts := map[string][]string{}
	var persons []string
	for _, gk := range order {
		if groups[gk].typ != "PERSON" {
			continue
		}
		p := personParts(groups[gk].key)
		if len(p) == 0 {
			continue
		}
		persons = append(persons, gk)
		parts[gk] = p
		bySurname[p[len(p)-1]] = append(bySurname[p[len(p)-1]], gk)
	}
	for _, bucket := range bySurname {
		for i := 0; i < len(bucket); i++ {
			for j := i + 1; j < len(bucket); j++ {
				if samePerson(parts[bucket[i]], parts[bucket[j]]) {
					union(bucket[i], bucket[j])
				}
			}
		}
	}
	// A surname alone (from a document that never gives the full name)
	// joins a full name only when the set holds one person with that
	// surname: "Assad" is not merged into "Bashar al-Assad" when "Hafiz
	// al-Assad" is also there, without evidence from its own document.
	for _, a := range persons {
		pa := parts[a]
		if len(pa) != 1 {
			continue
		}
		root := ""
		for _, b := range bySurname[pa[0]] {
			if len(parts[b]) < 2 {
				continue
			}
			r := find(b)
			if root != "" && r != root {
				root = "ambiguous"
				break
			}
			root = r
		}
		if root != "" && root != "ambiguous" {
			union(a, root)
		}
	}
	// Organisations: an acronym joins the name it abbreviates.
	byInitials := map[string]string{}
	for _, b := range order {
		gb := groups[b]
		if gb.typ == "ORG" && !isAcronym(gb.key) {
			if ini := ner.Initials(gb.key); len(ini) >= 2 {
				if _, ok := byInitials[ini]; !ok {
					byInitials[ini] = b
				}
			}
		}
	}
	for _, a := range order {
		ga := groups[a]
		if ga.typ != "ORG" || !isAcronym(ga.key) {
			continue
		}
		if b, ok := byInitials[strings.ReplaceAll(ga.key, ".", "")]; ok {
			union(a, b)
		}
	}
	// Collect.
	members := map[string][]string{}
	var roots []string
	for _, gk := range order {
		r := find(gk)
		if _, ok := members[r]; !ok {
			roots = append(roots, r)
		}
		members[r] = append(members[r], gk)
	}
	res := Result{ByRef: map[Ref]string{}}
	usedIDs := map[string]bool{}
	for _, r := range roots {
		e := model.Entity{Type: groups[r].typ}
		keyCount := map[string]int{}
		surf := map[string]bool{}
		descSeen := map[string]bool{}
		var refs []Ref
		for _, gk := range members[r] {
			g := groups[gk]
			keyCount[g.key] += len(g.refs)
			for s := range g.surfaces {
				surf[s] = true
			}
			for _, dsc := range g.descs {
				if !descSeen[strings.ToLower(dsc)] {
					descSeen[strings.ToLower(dsc)] = true
					e.Descriptions = append(e.Descriptions, dsc)
				}
			}
			refs = append(refs, g.refs...)
		}
		e.Name = canonicalName(keyCount, e.Type)
		surf2 := map[string]bool{}
		for k := range keyCount {
			surf2[k] = true
		}
		for s := range surf {
			surf2[s] = true
		}
		for s := range surf2 {
			if s != e.Name {
				e.Aliases = append(e.Aliases, s)
			}
		}
		sort.Strings(e.Aliases)
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
		if e.Descriptions == nil {
			e.Descriptions = []string{}
		}
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
			res.ByRef[rf] = e.ID
		}
		res.Entities = append(res.Entities, e)
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
func canonicalName(keys map[string]int, typ string) string {
	best, bestN := "", -1
	for k, n := range keys {
		score := n
		if typ == "PERSON" || typ == "ORG" {
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
		if e.Type == "PERSON" {
			if s := surname(e.Name); s != "" {
				owners[strings.ToLower(s)]++
			}
		}
	}
	for i := range es {
		e := &es[i]
		if e.Type != "PERSON" {
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
