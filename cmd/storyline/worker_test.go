package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/store"
)

// TestWorkersShareAQueue: three workers on one PostgreSQL store analyse a
// queue of articles; each article is stored once, analysed once (one
// attempt per job), and the analysis covers them all.
func TestWorkersShareAQueue(t *testing.T) {
	db, admin := postgresSchema(t)

	const n = 240
	input := filepath.Join(t.TempDir(), "q.jsonl")
	f, _ := os.Create(input)
	enc := json.NewEncoder(f)
	for _, d := range corpus.Synthetic(n, 11) {
		enc.Encode(map[string]string{"id": d.ID, "text": d.Text, "published": d.Published})
	}
	f.Close()
	if code, out, errs := runCLI(t, "", "enqueue", "--db", db, input); code != 0 || !strings.Contains(out, fmt.Sprintf("%d of %d", n, n)) {
		t.Fatalf("enqueue: %d %s %s", code, out, errs)
	}
	// Queued again: nothing new.
	if _, out, _ := runCLI(t, "", "enqueue", "--db", db, input); !strings.Contains(out, fmt.Sprintf("0 of %d", n)) {
		t.Errorf("re-enqueue: %s", out)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := store.OpenPostgres(db)
			if err != nil {
				errs[w] = err
				return
			}
			defer st.Close()
			// Recomputing only once the queue is empty: the analysis must
			// still cover every article at the end.
			ecfg := pipeline.DefaultConfig()
			ecfg.Workers, ecfg.Keep = 1, true
			eng, err := pipeline.New(ecfg)
			if err != nil {
				errs[w] = err
				return
			}
			cfg := workerConfig{batch: 20, lease: time.Minute, poll: 100 * time.Millisecond, every: time.Hour, once: true}
			errs[w] = runWorker(context.Background(), st, eng, cfg, log)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var stored, distinct, done, maxAttempts int
	admin.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT id) FROM documents`).Scan(&stored, &distinct)
	admin.QueryRow(`SELECT COUNT(*) FILTER (WHERE status = 'done'), COALESCE(MAX(attempts), 0) FROM jobs`).Scan(&done, &maxAttempts)
	if stored != n || distinct != n || done != n || maxAttempts != 1 {
		t.Errorf("stored %d (%d distinct), jobs done %d, max attempts %d; want %d, %d, %d, 1", stored, distinct, done, maxAttempts, n, n, n)
	}
	st, _ := store.OpenPostgres(db)
	defer st.Close()
	a, err := st.Analysis(context.Background())
	if err != nil || len(a.Documents) != n {
		t.Errorf("analysis after the workers: %v, %d documents", err, len(a.Documents))
	}
}

func TestRecomputeDue(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		empty bool
		since time.Duration
		want  bool
	}{
		{false, 10 * time.Second, false}, // busy, recomputed lately
		{false, 2 * time.Minute, true},   // busy, not for a while
		{true, time.Second, true},        // idle: always bring it up to date
	} {
		if got := recomputeDue(c.empty, t0, time.Minute, t0.Add(c.since)); got != c.want {
			t.Errorf("queue empty %v, %v after the last: due %v, want %v", c.empty, c.since, got, c.want)
		}
	}
}

// postgresSchema is a schema of its own in the database named by
// STORYLINE_TEST_POSTGRES (skipped without it), as bench --db makes one,
// with a handle for checks in SQL.
func postgresSchema(t *testing.T) (string, *sql.DB) {
	dsn := os.Getenv("STORYLINE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("STORYLINE_TEST_POSTGRES is not set: PostgreSQL not tested")
	}
	url, drop, err := store.TempSchema(dsn)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(); drop() })
	return url, admin
}
