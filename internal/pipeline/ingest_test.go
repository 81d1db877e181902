package pipeline

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
)

// failing is an engine whose stage "boom", after the quotes, panics on
// the documents named.
func failing(t *testing.T, ids ...string) *Engine {
	return newEngine(t, func(c *Config) {
		c.Stages = func(s []Stage) []Stage {
			at := slices.IndexFunc(s, func(s Stage) bool { return s.Name == "quotes" }) + 1
			boom := Stage{Name: "boom", Needs: []Layer{LayerQuotes}, Run: func(d *doc.Doc) {
				if slices.Contains(ids, d.ID) {
					panic("injected failure")
				}
			}}
			return slices.Insert(s, at, boom)
		}
	})
}

// A document a stage fails on is never stored, the report names it and
// the stage, and the next ingestion, once the stage works, stores it
// whole.
func TestIngestNeverStoresAFailedDocument(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	rep, err := failing(t, "flood-2").Ingest(ctx, st, corpus())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3 || len(rep.Failed) != 1 || rep.Failed[0].ID != "flood-2" || rep.Failed[0].Stage != "boom" ||
		!strings.Contains(rep.Errors[0], "stage boom failed: injected failure") {
		t.Fatalf("report %+v", rep)
	}
	if h, _ := st.Hashes(ctx, []string{"flood-2"}); len(h) != 0 {
		t.Fatal("the failed document was stored")
	}
	// Still failing: tried again, still not stored; the others unchanged.
	rep, _ = failing(t, "flood-2").Ingest(ctx, st, corpus())
	if rep.Unchanged != 3 || len(rep.Failed) != 1 {
		t.Fatalf("second run %+v", rep)
	}
	// Repaired: stored with every layer.
	rep, _ = newEngine(t).Ingest(ctx, st, corpus())
	if rep.Added != 1 || rep.Unchanged != 3 || len(rep.Failed) != 0 {
		t.Fatalf("repaired run %+v", rep)
	}
	docs, _ := st.Docs(ctx, []string{"flood-2"})
	if len(docs) != 1 || docs[0].LayersVersion != LayersVersion || len(docs[0].Quantities) == 0 || len(docs[0].Mentions) == 0 {
		t.Fatalf("repaired document stored without its layers: %+v", docs)
	}
}

// A changed document that fails leaves its stored version as it was.
func TestIngestKeepsTheStoredVersionOfAFailedUpdate(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := newEngine(t).Ingest(ctx, st, corpus()[:1]); err != nil {
		t.Fatal(err)
	}
	changed := corpus()[0]
	changed.Text += "\n\nThe toll rose to 20 on Tuesday."
	rep, err := failing(t, changed.ID).Ingest(ctx, st, []*doc.Doc{changed})
	if err != nil || len(rep.Failed) != 1 || rep.Updated != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	docs, _ := st.Docs(ctx, []string{changed.ID})
	if len(docs) != 1 || strings.Contains(docs[0].Text, "rose to 20") || len(docs[0].Events) == 0 && len(docs[0].Quantities) == 0 {
		t.Fatalf("the stored version changed or lost its layers: %+v", docs)
	}
}

// Documents given twice under one id: the first is kept, another text
// under the same id is refused by name, the same text is dropped quietly.
func TestIngestRefusesReusedIDs(t *testing.T) {
	a := ingest.FromText("same", "Storm Edda hit Gdansk on Monday, officials said.")
	a.Origin = "a.txt"
	b := ingest.FromText("same", "Ministers met in Lisbon on Tuesday to discuss batteries.")
	b.Origin = "b.txt"
	c := ingest.FromText("same", a.Text)
	rep, err := newEngine(t).Ingest(context.Background(), newStore(t), []*doc.Doc{a, b, c})
	if err != nil || rep.Added != 1 || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0], `b.txt: document id "same" already used by a.txt`) {
		t.Fatalf("%+v %v", rep, err)
	}
}

// Stored documents whose layers an older version of the stages made are
// analysed again before anything else, and an interrupted run writes
// nothing.
func TestIngestAnalysesOlderLayersAgain(t *testing.T) {
	ctx := context.Background()
	src := newMemStore()
	old := corpus()[0]
	old.Hash = ingest.ContentHash(old) // as stored before versions: text and metadata, no layers
	src.put(old)
	e := newEngine(t)
	rep, err := e.Ingest(ctx, src, nil)
	if err != nil || rep.Reanalysed != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	d := src.docs[old.ID]
	if d.LayersVersion != LayersVersion || len(d.Sentences) == 0 || len(d.Mentions) == 0 || len(d.Quantities) == 0 {
		t.Fatalf("not analysed again: version %d, %d sentences", d.LayersVersion, len(d.Sentences))
	}
	if rep, _ := e.Ingest(ctx, src, nil); rep.Reanalysed != 0 {
		t.Errorf("analysed again twice: %+v", rep)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.Ingest(cancelled, src, corpus()[1:]); err == nil {
		t.Error("an interrupted ingestion reported no error")
	}
	if len(src.docs) != 1 {
		t.Errorf("an interrupted ingestion stored %d documents", len(src.docs)-1)
	}
}
