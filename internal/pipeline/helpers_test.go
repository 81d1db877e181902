package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/store"
)

// newEngine builds an engine from the default configuration, edited.
func newEngine(t testing.TB, edit ...func(*Config)) *Engine {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Workers = 2
	for _, f := range edit {
		f(&cfg)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// analyzeAll runs the per-document stages and fails on any error.
func analyzeAll(t testing.TB, e *Engine, docs []*doc.Doc) {
	t.Helper()
	for _, err := range e.AnalyzeAll(context.Background(), docs, nil) {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// newStore is a SQLite store in the test's directory.
func newStore(t testing.TB) *store.SQLite {
	t.Helper()
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
