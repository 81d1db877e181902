package pipeline

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	gen "github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
)

// memSource is a store in memory: it hands out copies without tokens, as
// a store does.
type memSource struct {
	docs map[string]*doc.Doc
}

func (m *memSource) AllHashes(context.Context) (map[string]string, error) {
	out := map[string]string{}
	for id, d := range m.docs {
		out[id] = d.Hash
	}
	return out, nil
}

func (m *memSource) Docs(_ context.Context, ids []string) ([]*doc.Doc, error) {
	var out []*doc.Doc
	for _, id := range ids {
		c := m.docs[id].Clone()
		c.Tokens = nil
		out = append(out, c)
	}
	return out, nil
}

func (m *memSource) put(ds ...*doc.Doc) {
	for _, d := range ds {
		m.docs[d.ID] = d
	}
}

// full is what Connect makes of every document in src, from scratch.
func (m *memSource) full() []byte {
	var ids []string
	for id := range m.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	all, _ := m.Docs(context.Background(), ids)
	b, _ := json.Marshal(Connect(all, DefaultOptions()))
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
	// Some undated articles: Connect infers their dates, and must do so
	// again on every update from the stored, undated version.
	for i := 0; i < len(docs); i += 9 {
		docs[i].Published = ""
	}
	if errs := AnalyzeAll(docs, 2, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	src := &memSource{docs: map[string]*doc.Doc{}}
	src.put(docs[:200]...)
	inc := &Incremental{Options: DefaultOptions()}
	check := func(step string) Stats {
		t.Helper()
		a, st, err := inc.Update(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(a)
		if want := src.full(); string(got) != string(want) {
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
	if errs := AnalyzeAll([]*doc.Doc{changed}, 1, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	src.put(docs[200:]...)
	src.put(changed)
	lines := 0
	{
		a, _, _ := (&Incremental{Options: DefaultOptions()}).Update(ctx, src)
		lines = len(a.Storylines)
	}
	st = check("after new and changed articles")
	if st.Read != 41 {
		t.Errorf("read %d documents, want the 41 new or changed", st.Read)
	}
	if st.Storylines == 0 || st.Storylines == lines {
		t.Errorf("%d of %d storylines kept: want those the new articles did not touch, and only those", st.Storylines, lines)
	}
}

// BenchmarkUpdate compares a full recompute with an incremental update
// after 2% of a 2,000-article collection arrived (new topics), as a worker
// does after each batch.
func BenchmarkUpdate(b *testing.B) {
	ctx := context.Background()
	docs := growing(2000)
	AnalyzeAll(docs, 0, nil)
	for _, mode := range []string{"full", "incremental"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				src := &memSource{docs: map[string]*doc.Doc{}}
				src.put(docs[:2000]...)
				inc := &Incremental{Options: DefaultOptions()}
				if mode == "incremental" {
					inc.Update(ctx, src)
				}
				src.put(docs[2000:]...)
				b.StartTimer()
				if _, _, err := inc.Update(ctx, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Storylines larger than holdTokens lend each document its tokens while it
// is read instead of segmenting the whole storyline at once: the analysis
// must not change, and no document may keep tokens it did not have.
func TestLargeStorylinesBorrowTokens(t *testing.T) {
	docs := gen.Synthetic(120, 3)
	if errs := AnalyzeAll(docs, 2, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	src := &memSource{docs: map[string]*doc.Doc{}}
	src.put(docs...)
	want := src.full()
	defer func(n int) { holdTokens = n }(holdTokens)
	holdTokens = 0
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	all, _ := src.Docs(context.Background(), ids)
	a := Connect(all, DefaultOptions())
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
