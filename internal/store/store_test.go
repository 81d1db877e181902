package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

func testDoc(id, text string) *doc.Doc {
	return &doc.Doc{ID: id, Title: "T " + id, Text: text, Hash: "h-" + text, Published: "2025-03-03", LayersVersion: 1,
		Sentences: []doc.Span{{Start: 0, End: len(text)}}, Mentions: []doc.Mention{{Span: doc.Span{Start: 0, End: 3}, Text: text[:3], Type: doc.TypeGPE, Key: text[:3]}}}
}

// each runs f against every store: SQLite always, PostgreSQL when
// STORYLINE_TEST_POSTGRES names a database (each test in a schema of its
// own, dropped after).
func each(t *testing.T, f func(t *testing.T, s Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := Open(filepath.Join(t.TempDir(), "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		f(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, _ := pgSchema(t)
		s, err := Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		f(t, s)
	})
}

func TestPutDocsIdempotent(t *testing.T) {
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		for _, put := range []struct {
			what                      string
			docs                      []*doc.Doc
			added, updated, unchanged int
		}{
			{"first put", []*doc.Doc{testDoc("a", "Geneva talks resume"), testDoc("b", "Aleppo is shelled")}, 2, 0, 0},
			{"same again", []*doc.Doc{testDoc("a", "Geneva talks resume")}, 0, 0, 1},
			{"changed", []*doc.Doc{testDoc("a", "Geneva talks collapse")}, 0, 1, 0},
		} {
			a, u, n, err := s.PutDocs(ctx, put.docs)
			if err != nil || a != put.added || u != put.updated || n != put.unchanged {
				t.Fatalf("%s: %d %d %d %v", put.what, a, u, n, err)
			}
		}
		if c, _ := s.Count(ctx); c != 2 {
			t.Errorf("count %d", c)
		}
		docs, err := s.Docs(ctx, []string{"a"})
		if err != nil || len(docs) != 1 || docs[0].Text != "Geneva talks collapse" || docs[0].Mentions[0].Text != "Gen" || docs[0].Sentences[0].End != 21 {
			t.Fatalf("round trip: %+v %v", docs, err)
		}
		checkHashesAfterUpdate(t, s)
		checkSearchAfterUpdate(t, s)
	})
}

// checkHashesAfterUpdate checks the hashes of TestPutDocsIdempotent's
// store: document a's is its changed text's.
func checkHashesAfterUpdate(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	h, err := s.Hashes(ctx, []string{"a", "b", "zzz"})
	if err != nil || len(h) != 2 || h["a"] != "h-Geneva talks collapse" {
		t.Errorf("hashes %v %v", h, err)
	}
	if all, err := s.AllHashes(ctx); err != nil || len(all) != 2 || all["a"] != "h-Geneva talks collapse" || all["b"] != "h-Aleppo is shelled" {
		t.Errorf("all hashes %v %v", all, err)
	}
}

// checkSearchAfterUpdate checks that the full-text index follows updates
// and that query syntax in user input does not break search.
func checkSearchAfterUpdate(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	hits, err := s.Search(ctx, "collapse", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != "a" || !strings.Contains(hits[0].Snippet, "[collapse]") {
		t.Errorf("search: %+v %v", hits, err)
	}
	if hits, _ := s.Search(ctx, "resume", 10); len(hits) != 0 {
		t.Errorf("stale index: %+v", hits)
	}
	if _, err := s.Search(ctx, `"unbalanced AND (`, 10); err != nil {
		t.Errorf("search with operators: %v", err)
	}
}

func TestFailedBatchChangesNothing(t *testing.T) {
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{testDoc("a", "Geneva talks resume")}); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, _, err := s.PutDocs(cctx, []*doc.Doc{testDoc("b", "Aleppo"), testDoc("c", "Moscow")}); err == nil {
			t.Fatal("cancelled put succeeded")
		}
		if n, _ := s.Count(ctx); n != 1 {
			t.Errorf("count after failed batch = %d, want 1", n)
		}
	})
}

func TestAnalysisRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, err := s.Analysis(ctx); !errors.Is(err, ErrNoAnalysis) {
			t.Fatalf("empty store: %v", err)
		}
		a := &model.Analysis{Schema: model.Schema, Storylines: []model.Storyline{{ID: "storyline-1", Title: "Flood"}}}
		if err := s.PutAnalysis(ctx, a); err != nil {
			t.Fatal(err)
		}
		a.Storylines[0].Title = "Flood, updated"
		if err := s.PutAnalysis(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := s.Analysis(ctx)
		if err != nil || got.Storylines[0].Title != "Flood, updated" {
			t.Fatalf("analysis %+v %v", got, err)
		}
	})
}

// A large analysis is stored in parts; it must come back whole, in
// order, and a smaller one written over it must not keep old parts.
func TestAnalysisInParts(t *testing.T) {
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		big := &model.Analysis{Schema: model.Schema, Generated: "2026-11-27T00:00:00Z"}
		for i := 0; i < 2*partSize+7; i++ {
			big.Documents = append(big.Documents, model.Document{ID: fmt.Sprintf("d%05d", i), Text: "text\x00with a NUL"})
			big.Times = append(big.Times, model.Time{Doc: fmt.Sprintf("d%05d", i), Value: "2016-05-03"})
		}
		big.Storylines = []model.Storyline{{ID: "storyline-1", Documents: []string{"d00000"}}}
		if err := s.PutAnalysis(ctx, big); err != nil {
			t.Fatal(err)
		}
		got, err := s.Analysis(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Documents) != len(big.Documents) || len(got.Times) != len(big.Times) || got.Generated != big.Generated ||
			got.Documents[partSize].ID != big.Documents[partSize].ID || got.Documents[len(got.Documents)-1].ID != big.Documents[len(big.Documents)-1].ID ||
			len(got.Storylines) != 1 || got.Quotes == nil || got.Events == nil {
			t.Fatalf("read back %d documents, %d times, %d storylines (quotes nil: %v), want %d, %d, 1",
				len(got.Documents), len(got.Times), len(got.Storylines), got.Quotes == nil, len(big.Documents), len(big.Times))
		}
		small := &model.Analysis{Schema: model.Schema, Documents: big.Documents[:3]}
		if err := s.PutAnalysis(ctx, small); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Analysis(ctx); err != nil || len(got.Documents) != 3 || len(got.Times) != 0 || len(got.Storylines) != 0 {
			t.Fatalf("after a smaller analysis: %d documents, %d times, %d storylines, %v", len(got.Documents), len(got.Times), len(got.Storylines), err)
		}
	})
}

// An analysis stored whole, before parts existed, reads the same.
func TestAnalysisStoredWhole(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO analysis (id, schema, body, updated_at) VALUES (1, ?, ?, 'then')`, model.Schema,
		`{"schema":"storyline/1","documents":[{"id":"a","text":"x"}],"entities":[],"quotes":[],"times":[],"quantities":[],"events":[],"storylines":[{"id":"storyline-1","title":"T","documents":["a"],"stories":[],"timeline":[],"summary":[],"disagreements":[]}]}`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Analysis(ctx)
	if err != nil || len(got.Documents) != 1 || len(got.Storylines) != 1 || got.Storylines[0].Title != "T" {
		t.Fatalf("whole analysis read back as %+v, %v", got, err)
	}
}

func TestMigrationsRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(context.Background())
	s.Close()
	if err != nil || v != len(migrations) {
		t.Fatalf("version %d %v", v, err)
	}
	// Reopening applies nothing twice.
	s, err = OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestMemoryAndPostgresURL(t *testing.T) {
	s, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open("postgres://user:secret@host/db"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("postgres url: %v", err)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := writeFile(path, "this is not sqlite, just text that is long enough to be a header............................................"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil {
		t.Error("opened a text file as a database")
	}
}

// TestUpgradeFromVersion1: a store written before the full-text rows
// shared their document's rowid is re-indexed on opening, and updates then
// replace its rows instead of leaving stale ones.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0],
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
		`INSERT INTO schema_migrations VALUES (1, 'then')`,
		`INSERT INTO documents (id, hash, text, layers, added_at, updated_at) VALUES ('a', 'h1', 'Talks resume in Geneva', '{"ID":"a","Text":"Talks resume in Geneva"}', 'then', 'then')`,
		`INSERT INTO documents_fts (rowid, id, title, text) VALUES (999, 'a', '', 'Talks resume in Geneva')`} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{testDoc("a", "Geneva talks collapse")}); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "resume", 10); len(hits) != 0 {
		t.Errorf("stale full-text row after the upgrade: %+v", hits)
	}
	if hits, _ := s.Search(ctx, "collapse", 10); len(hits) != 1 {
		t.Errorf("updated text not found: %+v", hits)
	}
}

func BenchmarkPutDocs(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		s, err := OpenSQLite(filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		docs := make([]*doc.Doc, 3000)
		for k := range docs {
			docs[k] = testDoc(fmt.Sprintf("d%05d", k), fmt.Sprintf("Article %d about the harbour flood and the sea wall.", k))
		}
		if _, _, _, err := s.PutDocs(ctx, docs); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric(float64(3000*b.N)/b.Elapsed().Seconds(), "docs/s")
}
