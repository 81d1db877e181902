// Package view indexes a stored analysis for serving: documents, entities
// and storylines by id, and each document's layers, so the API and the web
// pages answer without scanning the whole analysis per request. A Live
// holds the current snapshot and swaps it whole when new documents arrive.
package view

import (
	"sort"
	"sync"

	"github.com/storyline-news/storyline/internal/model"
)

// EntityMention is one mention of an entity in a document.
type EntityMention struct {
	Entity string
	model.Mention
}

// Snapshot is an analysis with its indexes. It is never modified once
// built; a new analysis gets a new snapshot.
type Snapshot struct {
	A           *model.Analysis
	Doc         map[string]*model.Document
	Entity      map[string]*model.Entity
	Storyline   map[string]*model.Storyline
	StorylineOf map[string]string // document id → storyline id
	StoryOf     map[string]string // document id → story id
	// Moved maps an id a storyline or story had before groups merged or
	// split (model.Storyline.Aliases) to the storyline that holds it now;
	// StoryIn maps a story id to its storyline.
	Moved, StoryIn map[string]string
	// Items indexes each per-document list of the analysis (model.Lists
	// with DocOf): list name → document id → indexes into that list.
	Items      map[string]map[string][]int
	MentionsOf map[string][]EntityMention
	// Quotes by speaker entity id.
	QuotesBy map[string][]int
}

// New indexes a.
func New(a *model.Analysis) *Snapshot {
	if a == nil {
		a = &model.Analysis{Schema: model.Schema}
	}
	s := &Snapshot{A: a, Doc: map[string]*model.Document{}, Entity: map[string]*model.Entity{}, Storyline: map[string]*model.Storyline{},
		StorylineOf: map[string]string{}, StoryOf: map[string]string{}, Moved: map[string]string{}, StoryIn: map[string]string{},
		Items: map[string]map[string][]int{}, MentionsOf: map[string][]EntityMention{}, QuotesBy: map[string][]int{}}
	for i := range a.Documents {
		s.Doc[a.Documents[i].ID] = &a.Documents[i]
	}
	s.indexEntities()
	s.indexStorylines()
	for _, l := range model.Lists {
		if l.DocOf == nil {
			continue
		}
		by := map[string][]int{}
		for i := 0; i < l.Len(a); i++ {
			d := l.DocOf(a, i)
			by[d] = append(by[d], i)
		}
		s.Items[l.Name] = by
	}
	for i, q := range a.Quotes {
		if q.Speaker != nil {
			s.QuotesBy[*q.Speaker] = append(s.QuotesBy[*q.Speaker], i)
		}
	}
	return s
}

func (s *Snapshot) indexEntities() {
	for i := range s.A.Entities {
		e := &s.A.Entities[i]
		s.Entity[e.ID] = e
		for _, m := range e.Mentions {
			s.MentionsOf[m.Doc] = append(s.MentionsOf[m.Doc], EntityMention{Entity: e.ID, Mention: m})
		}
	}
	for d := range s.MentionsOf {
		ms := s.MentionsOf[d]
		sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	}
}

func (s *Snapshot) indexStorylines() {
	for i := range s.A.Storylines {
		sl := &s.A.Storylines[i]
		s.Storyline[sl.ID] = sl
		for _, a := range sl.Aliases {
			s.Moved[a] = sl.ID
		}
		for _, d := range sl.Documents {
			s.StorylineOf[d] = sl.ID
		}
		for _, st := range sl.Stories {
			s.StoryIn[st.ID] = sl.ID
			for _, a := range st.Aliases {
				s.Moved[a] = sl.ID
			}
			for _, d := range st.Documents {
				s.StoryOf[d] = st.ID
			}
		}
	}
}

// Covers reports whether the snapshot holds exactly the documents of
// hashes (id → content hash), each in that version.
func (s *Snapshot) Covers(hashes map[string]string) bool {
	if len(hashes) != len(s.Doc) {
		return false
	}
	for id, h := range hashes {
		if d := s.Doc[id]; d == nil || d.Hash != h {
			return false
		}
	}
	return true
}

// Of returns the indexes of document id's items in the list of that name.
func (s *Snapshot) Of(list, id string) []int { return s.Items[list][id] }

// Resolve finds the storyline an id leads to: the storyline itself, the
// storyline holding a story of that id, or the one an earlier id of a
// storyline or story moved to (moved then says so). Nil when none.
func (s *Snapshot) Resolve(id string) (sl *model.Storyline, moved bool) {
	if sl := s.Storyline[id]; sl != nil {
		return sl, false
	}
	if line, ok := s.StoryIn[id]; ok {
		return s.Storyline[line], false
	}
	if line, ok := s.Moved[id]; ok {
		return s.Storyline[line], true
	}
	return nil, false
}

// CoOccurring returns the entities mentioned in the same documents as id,
// with how many documents they share, most shared first.
func (s *Snapshot) CoOccurring(id string, k int) []Count {
	e := s.Entity[id]
	if e == nil {
		return nil
	}
	docs := map[string]bool{}
	for _, m := range e.Mentions {
		docs[m.Doc] = true
	}
	n := map[string]int{}
	for d := range docs {
		seen := map[string]bool{}
		for _, m := range s.MentionsOf[d] {
			if m.Entity != id && !seen[m.Entity] {
				seen[m.Entity] = true
				n[m.Entity]++
			}
		}
	}
	out := make([]Count, 0, len(n))
	for id, c := range n {
		out = append(out, Count{ID: id, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// Count is an id with a count.
type Count struct {
	ID    string `json:"id"`
	Count int    `json:"count"`
}

// Live holds the current snapshot; readers never see a half-built one.
type Live struct {
	mu sync.RWMutex
	s  *Snapshot
}

// NewLive starts with a snapshot of a.
func NewLive(a *model.Analysis) *Live { return &Live{s: New(a)} }

// Get returns the current snapshot.
func (l *Live) Get() *Snapshot {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.s
}

// Set replaces the snapshot with one of a.
func (l *Live) Set(a *model.Analysis) {
	s := New(a)
	l.mu.Lock()
	l.s = s
	l.mu.Unlock()
}
