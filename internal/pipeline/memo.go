package pipeline

import (
	"fmt"
	"sort"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// memo finds, in a previous analysis, the storyline or story made of the
// same unchanged documents.
type memo struct {
	same       []bool // per document of this run: unchanged since prev (see state)
	storylines map[string]*model.Storyline
	stories    map[string]*model.Story
}

// newMemo compares docs, in their final state for this run (dates inferred,
// copies linked), with prev's documents once, so that a group's look-up
// only reads whether each of its documents is the same.
func newMemo(prev *model.Analysis, docs []*doc.Doc) *memo {
	m := &memo{storylines: map[string]*model.Storyline{}, stories: map[string]*model.Story{}}
	if prev == nil {
		return m
	}
	was := make(map[string]string, len(prev.Documents)) // document id -> its state then
	for _, d := range prev.Documents {
		was[d.ID] = state(d.Hash, d.Published, d.PublishedInferred, d.DuplicateOf)
	}
	m.same = make([]bool, len(docs))
	for i, d := range docs {
		if w, ok := was[d.ID]; ok {
			_, inferred, _ := d.Dated()
			m.same[i] = w == state(d.Hash, d.PublishedOut(), inferred, d.Linked.DuplicateOf)
		}
	}
	for i := range prev.Storylines {
		sl := &prev.Storylines[i]
		m.storylines[setKey(sl.Documents)] = sl
		for j := range sl.Stories {
			m.stories[setKey(sl.Stories[j].Documents)] = &sl.Stories[j]
		}
	}
	return m
}

// state is what a document's timeline and summary lines depend on besides
// its group: its content, its date (given or inferred) and whether it is
// a copy.
func state(hash, published string, inferred bool, dupOf string) string {
	return fmt.Sprintf("%s\x00%s\x00%t\x00%s", hash, published, inferred, dupOf)
}

// setKey identifies a set of document ids.
func setKey(ids []string) string {
	s := append([]string(nil), ids...)
	sort.Strings(s)
	return strings.Join(s, "\x00")
}

// key identifies the group idx in the previous analysis: the set of its
// documents' ids when none of them changed since, else "" (no group has
// that key).
func (m *memo) key(docs []*doc.Doc, idx []int) string {
	if m.same == nil {
		return ""
	}
	ids := make([]string, len(idx))
	for k, di := range idx {
		if !m.same[di] {
			return ""
		}
		ids[k] = docs[di].ID
	}
	return setKey(ids)
}
