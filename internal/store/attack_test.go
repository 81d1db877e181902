package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// Text holding the six characters \u0000 is text like any other: it is
// stored, read back and served unchanged by both stores (PostgreSQL's
// NUL stripper used to cut the escaped backslash and corrupt the JSON).
func TestEscapedNULTextRoundTrips(t *testing.T) {
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		text := `The log read C:\u0000 and "\u0000" then \\u0000 ended.`
		d := testDoc("esc", text)
		if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{d}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Docs(ctx, []string{"esc"})
		if err != nil || len(got) != 1 || got[0].Text != text {
			t.Fatalf("read back %+v %v", got, err)
		}
		a := &model.Analysis{Schema: model.Schema, Documents: []model.Document{{ID: "esc", Text: text}}}
		if err := s.PutAnalysis(ctx, a); err != nil {
			t.Fatal(err)
		}
		if b, err := s.Analysis(ctx); err != nil || b.Documents[0].Text != text {
			t.Fatalf("analysis read back: %v", err)
		}
	})
}

// A document a store could not keep or read back is refused by name, and
// nothing of its batch is written: a NUL character anywhere (PostgreSQL
// cannot hold one), or metadata nested deeper than JSON reads.
func TestUnstorableDocumentsAreRefused(t *testing.T) {
	deep := map[string]any{}
	for m, i := deep, 0; i < 10001; i++ {
		next := map[string]any{}
		m["x"] = next
		m = next
	}
	for name, bad := range map[string]func(*doc.Doc){
		"nul in text":     func(d *doc.Doc) { d.Text = "a\x00b" },
		"nul in metadata": func(d *doc.Doc) { d.Meta = map[string]any{"k": []any{"ok", "a\x00"}} },
		"deep metadata":   func(d *doc.Doc) { d.Meta = deep },
	} {
		t.Run(name, func(t *testing.T) {
			each(t, func(t *testing.T, s Store) {
				ctx := context.Background()
				good, evil := testDoc("good", "Geneva talks resume"), testDoc("evil", "Aleppo is shelled")
				bad(evil)
				_, _, _, err := s.PutDocs(ctx, []*doc.Doc{good, evil})
				if err == nil || !strings.Contains(err.Error(), "document evil") {
					t.Fatalf("err = %v, want one naming the document", err)
				}
				if n, _ := s.Count(ctx); n != 0 {
					t.Errorf("%d documents written from a refused batch", n)
				}
			})
		})
	}
}

// Jobs: an unreadable payload fails its own job and not its batch, and a
// document whose text holds \u0000 is queued, claimed and stored.
func TestQueueSurvivesBadPayloads(t *testing.T) {
	s, admin := openPG(t)
	ctx := context.Background()
	esc := testDoc("esc", `escaped \u0000 in the text`)
	if n, err := s.Enqueue(ctx, []*doc.Doc{esc, testDoc("b", "Aleppo is shelled")}); err != nil || n != 2 {
		t.Fatalf("enqueue: %d %v", n, err)
	}
	if _, err := admin.Exec(`INSERT INTO jobs (doc_id, hash, payload) VALUES ('broken', 'h', '{"id": "broken", "text": ')`); err != nil {
		t.Fatal(err)
	}
	jobs, err := s.Claim(ctx, 10, 0)
	if err != nil || len(jobs) != 2 {
		t.Fatalf("claim: %d jobs, %v", len(jobs), err)
	}
	var status, msg string
	admin.QueryRow(`SELECT status, error FROM jobs WHERE doc_id = 'broken'`).Scan(&status, &msg)
	if status != "failed" || !strings.Contains(msg, "unreadable payload") {
		t.Errorf("broken job: %s %q", status, msg)
	}
	// Queued again while its copy is running: skipped, and no payload is parsed to tell.
	if n, err := s.Enqueue(ctx, []*doc.Doc{esc}); err != nil || n != 0 {
		t.Errorf("re-enqueue of a running job: %d %v", n, err)
	}
}

// The out-of-date mark is cleared only once a recompute succeeded with
// nothing stored while it ran: a worker killed (here: failing) in its
// recompute leaves it for the next.
func TestAnalysisMarkSurvivesAFailedRecompute(t *testing.T) {
	s, admin := openPG(t)
	ctx := context.Background()
	dirty := func() (d bool) {
		admin.QueryRow(`SELECT dirty FROM analysis_state`).Scan(&d)
		return d
	}
	if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{testDoc("a", "Geneva talks resume")}); err != nil {
		t.Fatal(err)
	}
	ran, err := s.WithAnalysisLock(ctx, func(context.Context) error {
		if !dirty() {
			t.Error("the mark was cleared before the recompute ended")
		}
		return errors.New("killed")
	})
	if !ran || err == nil || !dirty() {
		t.Fatalf("failed recompute: ran %v, err %v, dirty %v", ran, err, dirty())
	}
	// A document stored during the recompute keeps the mark.
	s.WithAnalysisLock(ctx, func(context.Context) error {
		_, _, _, err := s.PutDocs(ctx, []*doc.Doc{testDoc("b", "Aleppo is shelled")})
		return err
	})
	if !dirty() {
		t.Fatal("a document stored during the recompute was forgotten")
	}
	if ran, err := s.WithAnalysisLock(ctx, func(context.Context) error { return nil }); !ran || err != nil || dirty() {
		t.Fatalf("a clean recompute: ran %v, err %v, still dirty %v", ran, err, dirty())
	}
	if ran, _ := s.WithAnalysisLock(ctx, func(context.Context) error { return nil }); ran {
		t.Error("recomputed an analysis that was up to date")
	}
}

// A search with thousands of repeated words costs what one with a few
// does: terms are deduplicated and capped, and a query ends with its
// context.
func TestSearchCostIsBounded(t *testing.T) {
	if got := SearchTerms(strings.Repeat("flood Flood FLOOD ", 1000) + "harbour"); len(got) != 2 {
		t.Errorf("terms %q, want flood and harbour", got)
	}
	var many []string
	for i := 0; i < 100; i++ {
		many = append(many, fmt.Sprintf("w%d", i))
	}
	if got := SearchTerms(strings.Join(many, " ")); len(got) != MaxSearchTerms {
		t.Errorf("%d terms kept, want %d", len(got), MaxSearchTerms)
	}
	each(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, _, _, err := s.PutDocs(ctx, []*doc.Doc{testDoc("a", "Geneva talks resume")}); err != nil {
			t.Fatal(err)
		}
		hits, err := s.Search(ctx, strings.Repeat("geneva talks ", 20000), 10)
		if err != nil || len(hits) != 1 {
			t.Fatalf("%v %v", hits, err)
		}
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.Search(cancelled, "geneva", 10); err == nil {
			t.Error("a search with its request gone ran anyway")
		}
	})
}

// openPG opens a PostgreSQL store in a schema of its own (see pgSchema).
func openPG(t *testing.T) (*Postgres, *sql.DB) {
	dsn, admin := pgSchema(t)
	s, err := OpenPostgres(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, admin
}
