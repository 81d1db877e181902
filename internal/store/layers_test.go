package store

import (
	"context"
	"database/sql"
	"path/filepath"
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
