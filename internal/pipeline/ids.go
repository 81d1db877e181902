package pipeline

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/storyline-news/storyline/internal/model"
)

// assignIDs makes storyline and story ids stable across recomputes: a
// group keeps the id of the earlier group (in prev) it shares the most
// documents with, when that group has no better successor; an earlier
// group whose id no group keeps (it merged into another, or lost its
// documents to one) becomes an alias of the group that took most of its
// documents, so links to it still lead somewhere. A group with no
// predecessor gets the next unused number. With no prev, ids are
// positions: storyline-1, storyline-1-story-1, ...
func assignIDs(lines []model.Storyline, prev []model.Storyline) {
	var prevStories []model.Story
	for _, p := range prev {
		prevStories = append(prevStories, p.Stories...)
	}
	used := usedIDs(prev)
	next := nextNumber(used, "storyline-")
	pl := make([]group, len(prev))
	for i, p := range prev {
		pl[i] = group{id: p.ID, aliases: p.Aliases, docs: p.Documents}
	}
	nl := make([]group, len(lines))
	for i, l := range lines {
		nl[i] = group{docs: l.Documents}
	}
	match(nl, pl)
	for i := range lines {
		if nl[i].id == "" {
			nl[i].id = fmt.Sprintf("storyline-%d", next)
			next++
		}
		lines[i].ID, lines[i].Aliases = nl[i].id, nl[i].aliases
	}
	assignStoryIDs(lines, prevStories, used)
}

// assignStoryIDs does for stories what assignIDs does for storylines,
// over all stories at once (a story may move to another storyline); a
// new story is numbered after the stories its storyline had.
func assignStoryIDs(lines []model.Storyline, prev []model.Story, used map[string]bool) {
	ps := make([]group, len(prev))
	for i, p := range prev {
		ps[i] = group{id: p.ID, aliases: p.Aliases, docs: p.Documents}
	}
	var ns []group
	for _, l := range lines {
		for _, s := range l.Stories {
			ns = append(ns, group{docs: s.Documents})
		}
	}
	match(ns, ps)
	k := 0
	for i := range lines {
		prefix := lines[i].ID + "-story-"
		next := nextNumber(used, prefix)
		for j := range lines[i].Stories {
			g := ns[k]
			k++
			if g.id == "" {
				g.id = fmt.Sprintf("%s%d", prefix, next)
				used[g.id] = true
				next++
			}
			lines[i].Stories[j].ID, lines[i].Stories[j].Aliases = g.id, g.aliases
		}
	}
}

// group is a storyline or story as id matching sees it.
type group struct {
	id      string
	aliases []string
	docs    []string
}

// match gives each new group the id of its largest predecessor: pairs
// (new, old) are taken by the number of documents they share, most first
// (ties: earlier new group, then earlier old one), while neither is
// taken. An old group left without a successor becomes an alias (with
// its own aliases) of the new group that holds most of its documents.
func match(nw, old []group) {
	at := map[string]int{} // document id -> index of its new group
	for i, g := range nw {
		for _, d := range g.docs {
			at[d] = i
		}
	}
	type pair struct{ n, o, shared int }
	var pairs []pair
	best := make([]pair, len(old)) // per old group: the new group with most of its documents
	for o, g := range old {
		count := map[int]int{}
		for _, d := range g.docs {
			if n, ok := at[d]; ok {
				count[n]++
			}
		}
		best[o] = pair{n: -1, o: o}
		for n, c := range count {
			pairs = append(pairs, pair{n, o, c})
			if c > best[o].shared || c == best[o].shared && n < best[o].n {
				best[o] = pair{n, o, c}
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.shared != b.shared {
			return a.shared > b.shared
		}
		if a.n != b.n {
			return a.n < b.n
		}
		return a.o < b.o
	})
	claimed := make([]bool, len(old))
	for _, p := range pairs {
		if nw[p.n].id == "" && !claimed[p.o] {
			nw[p.n].id, nw[p.n].aliases = old[p.o].id, append([]string(nil), old[p.o].aliases...)
			claimed[p.o] = true
		}
	}
	for o, b := range best {
		if !claimed[o] && b.n >= 0 {
			nw[b.n].aliases = append(nw[b.n].aliases, old[o].id)
			nw[b.n].aliases = append(nw[b.n].aliases, old[o].aliases...)
		}
	}
	for i := range nw {
		nw[i].aliases = cleanAliases(nw[i].aliases, nw[i].id)
	}
}

// cleanAliases sorts and dedupes aliases and drops the group's own id.
func cleanAliases(aliases []string, id string) []string {
	sort.Strings(aliases)
	var out []string
	for i, a := range aliases {
		if a != id && (i == 0 || a != aliases[i-1]) {
			out = append(out, a)
		}
	}
	return out
}

// usedIDs are every id and alias prev gave out, storylines and stories:
// none is given to a new group again.
func usedIDs(prev []model.Storyline) map[string]bool {
	used := map[string]bool{}
	for _, l := range prev {
		used[l.ID] = true
		for _, a := range l.Aliases {
			used[a] = true
		}
		for _, s := range l.Stories {
			used[s.ID] = true
			for _, a := range s.Aliases {
				used[a] = true
			}
		}
	}
	return used
}

// nextNumber is one more than the largest n of the used ids prefix+n.
func nextNumber(used map[string]bool, prefix string) int {
	n := 0
	for id := range used {
		if rest, ok := strings.CutPrefix(id, prefix); ok {
			if k, err := strconv.Atoi(rest); err == nil && k > n {
				n = k
			}
		}
	}
	return n + 1
}
