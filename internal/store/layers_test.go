package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
)

// A row written before layers had versions holds Go field names and a
// publication date the dating stage may have filled in. It reads back as
// what ingest gave (text, credits, metadata, the metadata's date only),
// version 0, and Stale lists it for the engine to analyse again.
func TestRowsBeforeVersionsReadBackForAnalysis(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	current := testDoc("new", "Geneva talks resume")
	if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{current}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, layers := range map[string]string{
		"inferred": `{"ID":"inferred","Title":"T","Published":"2016-05-03","PublishedInferred":true,"PublishedEvidence":"weekdays",` +
			`"Hash":"h1","Text":"Aleppo was shelled on Tuesday.","Credits":[{"start":0,"end":6,"Kind":"caption"}],` +
			`"Sentences":[{"start":0,"end":30}],"Quantities":[{"start":0,"end":3,"NumSpan":{"start":0,"end":1},"PartOf":-1}]}`,
		"given": `{"ID":"given","Published":"2016-05-01","PublishedInferred":false,"Hash":"h2","Text":"Talks resumed.","Meta":{"k":"v"}}`,
	} {
		if _, err := db.Exec(`INSERT INTO documents (id, hash, text, layers, added_at, updated_at) VALUES (?, 'h', '', ?, '', '')`, id, layers); err != nil {
			t.Fatal(err)
		}
	}
	stale, err := s.Stale(ctx, 1)
	if err != nil || len(stale) != 2 || stale[0] != "given" || stale[1] != "inferred" {
		t.Fatalf("stale %v %v", stale, err)
	}
	docs, err := s.Docs(ctx, stale)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*doc.Doc{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	inf, given := byID["inferred"], byID["given"]
	if inf.Published != "" || inf.Text != "Aleppo was shelled on Tuesday." || len(inf.Credits) != 1 || inf.Credits[0].Kind != "caption" ||
		inf.Sentences != nil || inf.Quantities != nil || inf.LayersVersion != 0 || inf.Hash != "h1" {
		t.Errorf("inferred row read as %+v", inf)
	}
	if given.Published != "2016-05-01" || given.Meta["k"] != "v" {
		t.Errorf("given row read as %+v", given)
	}
	// A current row keeps its layers.
	if got, _ := s.Docs(ctx, []string{"new"}); len(got) != 1 || len(got[0].Mentions) != 1 || got[0].LayersVersion != 1 {
		t.Errorf("current row read as %+v", got)
	}
}

// The same content analysed by another version of the stages is an
// update, not "unchanged": its layers are written again.
func TestNewLayersVersionIsAnUpdate(t *testing.T) {
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		d := testDoc("a", "Geneva talks resume")
		if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{d}); err != nil {
			t.Fatal(err)
		}
		again := testDoc("a", "Geneva talks resume")
		again.LayersVersion = 2
		if a, u, n, err := s.PutDocs(ctx, []*doc.Doc{again}); err != nil || a != 0 || u != 1 || n != 0 {
			t.Fatalf("new version: %d %d %d %v", a, u, n, err)
		}
		if stale, _ := s.Stale(ctx, 2); len(stale) != 0 {
			t.Errorf("stale after the update: %v", stale)
		}
	})
}

// A store's path is a file name, whatever characters it holds.
func TestSQLitePathIsAFileName(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"q?x.db", "a#b.db", "100% sure.db", "sp ace.db"} {
		s, err := OpenSQLite(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, _, _, err := s.PutDocs(context.Background(), []*doc.Doc{testDoc("a", "Geneva talks resume")}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: not created under its name: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); n == "q" || n == "a" || n == "100" {
			t.Errorf("a file named %q was written", n)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:s3cret@db.example:5432/x?sslmode=disable": "postgres://u:…@db.example:5432/x?sslmode=disable",
		"postgres://u@db/x":                        "postgres://u@db/x",
		"postgresql://db/x?user=u&password=s3cret": "postgresql://db/x?password=…&user=u",
		"storyline.db":                             "storyline.db",
		"q?x.db":                                   "q?x.db",
	} {
		if got := Redact(in); got != want || strings.Contains(got, "s3cret") {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
