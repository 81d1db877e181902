package service

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

func newService(t *testing.T, st pipeline.Store) *Service {
	cfg := pipeline.DefaultConfig()
	cfg.Keep = true
	eng, err := pipeline.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &Service{Engine: eng, Store: st, Live: view.NewLive(nil)}
}

// Documents stored without the analysis that covers them (a run killed
// between the two writes) are brought into the served analysis at start;
// until then, search marks them pending rather than pointing at pages
// that do not exist yet.
func TestCatchUpAfterAnInterruptedRun(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := ingest.FromText("flood", "Storm floods Gdansk\n\nStorm Edda drove seawater into Gdansk on Monday, officials said.")
	d.Published = "2025-03-03"
	svc := newService(t, st)
	if _, err := svc.Engine.Ingest(ctx, st, []*doc.Doc{d}); err != nil { // stored, never recomputed
		t.Fatal(err)
	}
	hits, err := st.Search(ctx, "seawater", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search %v %v", hits, err)
	}
	if got := api.Pending(svc.Live.Get(), hits); !got[0].Pending {
		t.Error("a document the analysis does not know is not marked pending")
	}
	if ran, err := svc.CatchUp(ctx); !ran || err != nil {
		t.Fatalf("catch up: ran %v, %v", ran, err)
	}
	snap := svc.Live.Get()
	if snap.Doc["flood"] == nil {
		t.Fatal("the caught-up analysis lacks the document")
	}
	if got := api.Pending(snap, hits); got[0].Pending {
		t.Error("still pending after catching up")
	}
	if ran, err := svc.CatchUp(ctx); ran || err != nil {
		t.Errorf("caught up twice: %v %v", ran, err)
	}
}
