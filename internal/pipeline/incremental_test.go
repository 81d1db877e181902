package pipeline

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	gen "github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
)

// memStore is a store in memory: it hands out copies without tokens, as
// a store does, and keeps the last analysis it was given.
type memStore struct {
	docs     map[string]*doc.Doc
	analysis *model.Analysis
}

func newMemStore() *memStore { return &memStore{docs: map[string]*doc.Doc{}} }

func (m *memStore) Hashes(_ context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range ids {
		if d := m.docs[id]; d != nil {
			out[id] = d.Hash
		}
	}
	return out, nil
}

func (m *memStore) AllHashes(context.Context) (map[string]string, error) {
	out := map[string]string{}
	for id, d := range m.docs {
		out[id] = d.Hash
	}
	return out, nil
}

func (m *memStore) Docs(_ context.Context, ids []string) ([]*doc.Doc, error) {
	if ids == nil {
		for id := range m.docs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
	}
	var out []*doc.Doc
	for _, id := range ids {
		c := m.docs[id].Clone()
		c.Tokens = nil
		out = append(out, c)
	}
	return out, nil
}

func (m *memStore) Stale(_ context.Context, version int) ([]string, error) {
	var out []string
	for id, d := range m.docs {
		if d.LayersVersion < version {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out, nil
}

func (m *memStore) PutDocs(_ context.Context, docs []*doc.Doc) (added, updated, unchanged int, err error) {
	for _, d := range docs {
		switch old := m.docs[d.ID]; {
		case old == nil:
			added++
		case old.Hash == d.Hash && old.LayersVersion == d.LayersVersion:
			unchanged++
			continue
		default:
			updated++
		}
		m.docs[d.ID] = d.Clone()
	}
	return added, updated, unchanged, nil
}

func (m *memStore) PutAnalysis(_ context.Context, a *model.Analysis) error {
	m.analysis = a
	return nil
}

func (m *memStore) Storylines(context.Context) ([]model.Storyline, error) {
	if m.analysis == nil {
		return nil, nil
	}
	return m.analysis.Storylines, nil
}

func (m *memStore) put(ds ...*doc.Doc) {
	for _, d := range ds {
		m.docs[d.ID] = d
	}
}

// full is what a fresh engine makes of every document in m, from
// scratch, keeping ids from like.
func (m *memStore) full(t testing.TB, like *model.Analysis) []byte {
	all, _ := m.Docs(context.Background(), nil)
	var prev []model.Storyline
	if like != nil {
		prev = like.Storylines
	}
	a, _ := newEngine(t).connect(all, nil, prev)
	b, _ := json.Marshal(a)
	return b
}

// growing is a collection of n articles followed by 40 that arrive later,
// on other topics (a generator of their own).
func growing(n int) []*doc.Doc {
	docs := gen.Synthetic(n, 7)
	for _, d := range gen.Synthetic(40, 8) {
		d.ID = "later-" + d.ID
		docs = append(docs, d)
	}
	return docs
}

// An incremental update must give exactly the analysis a full recompute
// gives, while reading only new and changed documents and keeping the
// timelines and summaries of storylines nothing touched.
func TestIncrementalEqualsFull(t *testing.T) {
	ctx := context.Background()
	docs := growing(200)
	// Some undated articles: the engine infers their dates, and must do
	// so again on every update from the stored, undated version.
	for i := 0; i < len(docs); i += 9 {
		docs[i].Published = ""
	}
	e := newEngine(t)
	analyzeAll(t, e, docs)
	src := newMemStore()
	src.put(docs[:200]...)
	inc := newEngine(t, func(c *Config) { c.Keep = true })
	check := func(step string) Stats {
		t.Helper()
		before := src.analysis
		a, st, err := inc.Recompute(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(a)
		if want := src.full(t, before); string(got) != string(want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("%s: the incremental analysis differs from a full recompute at byte %d: %q, want %q", step, i,
				got[max(0, i-150):min(len(got), i+100)], want[max(0, i-150):min(len(want), i+100)])
		}
		return st
	}
	st := check("first update")
	if st.Read != 200 || st.Storylines != 0 {
		t.Errorf("first update: %+v, want 200 read and nothing kept", st)
	}
	st = check("nothing new")
	if st.Read != 0 || st.Storylines == 0 || st.Stories == 0 {
		t.Errorf("unchanged collection: %+v, want nothing read and everything kept", st)
	}
	// New articles, and one article whose text changed.
	changed := ingest.FromText(docs[3].ID, docs[3].Text+"\n\nOfficials later said 40 more people were injured.")
	changed.Published = docs[3].Published
	analyzeAll(t, e, []*doc.Doc{changed})
	src.put(docs[200:]...)
	src.put(changed)
	lines := len(newEngine(t).Connect(mustDocs(t, src)).Storylines)
	st = check("after new and changed articles")
	if st.Read != 41 {
		t.Errorf("read %d documents, want the 41 new or changed", st.Read)
	}
	if st.Storylines == 0 || st.Storylines == lines {
		t.Errorf("%d of %d storylines kept: want those the new articles did not touch, and only those", st.Storylines, lines)
	}
}

func mustDocs(t testing.TB, src *memStore) []*doc.Doc {
	all, err := src.Docs(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// BenchmarkUpdate compares a full recompute with an incremental update
// after 2% of a 2,000-article collection arrived (new topics), as a worker
// does after each batch.
func BenchmarkUpdate(b *testing.B) {
	ctx := context.Background()
	docs := growing(2000)
	analyzeAll(b, newEngine(b), docs)
	for _, mode := range []string{"full", "incremental"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				src := newMemStore()
				src.put(docs[:2000]...)
				inc := newEngine(b, func(c *Config) { c.Keep = true })
				if mode == "incremental" {
					inc.Recompute(ctx, src)
				}
				src.put(docs[2000:]...)
				b.StartTimer()
				if _, _, err := inc.Recompute(ctx, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Storylines larger than HoldTokens lend each document its tokens while
// it is read instead of segmenting the whole storyline at once: the
// analysis must not change, and no document may keep tokens it did not
// have.
func TestLargeStorylinesBorrowTokens(t *testing.T) {
	docs := gen.Synthetic(120, 3)
	analyzeAll(t, newEngine(t), docs)
	src := newMemStore()
	src.put(docs...)
	want := src.full(t, nil)
	all := mustDocs(t, src)
	a := newEngine(t, func(c *Config) { c.HoldTokens = 0 }).Connect(all)
	if got, _ := json.Marshal(a); string(got) != string(want) {
		t.Error("lending tokens a document at a time changed the analysis")
	}
	if len(a.Storylines) == 0 || len(a.Storylines[0].Summary) == 0 || len(a.Storylines[0].Timeline) == 0 {
		t.Fatalf("nothing to compare: %d storylines", len(a.Storylines))
	}
	for _, d := range all {
		if d.Tokens != nil {
			t.Fatalf("%s kept the tokens it was lent", d.ID)
		}
	}
}
