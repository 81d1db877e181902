package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/feed"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/store"
)

// cmdEnqueue: storyline enqueue --db postgres://… INPUT…
func cmdEnqueue(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("enqueue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "PostgreSQL URL of the shared store")
	maxBytes := fs.Int64("max-bytes", ingest.DefaultMaxBytes, "largest input file or JSON line")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if !isURL(*db) || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: storyline enqueue --db postgres://… INPUT…   (workers then analyse the queue: storyline worker)")
		return exitUsage
	}
	res := ingest.Read(fs.Args(), ingest.Options{MaxBytes: *maxBytes, Stdin: stdin, Feed: feed.FromFile})
	for _, err := range res.Errors {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
	}
	st, err := store.OpenPostgres(*db)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	for _, d := range res.Docs {
		d.Hash = ingest.ContentHash(d)
	}
	n, err := st.Enqueue(ctx, res.Docs)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: queueing: %v (nothing was queued)\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "storyline: %d of %d documents queued (the rest are stored or queued already)\n", n, len(res.Docs))
	if len(res.Errors) > 0 {
		return exitPartial
	}
	return exitOK
}

// cmdWorker: storyline worker --db postgres://… [--batch N] [--once]
func cmdWorker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "PostgreSQL URL of the shared store")
	batch := fs.Int("batch", 50, "documents claimed at a time")
	once := fs.Bool("once", false, "stop when the queue is empty and the analysis is up to date")
	poll := fs.Duration("poll", 5*time.Second, "wait between looks at an empty queue")
	lease := fs.Duration("lease", 10*time.Minute, "a job claimed this long ago by a worker that died is taken again")
	workers := fs.Int("workers", 0, "goroutines for the per-document stages (0: one per CPU)")
	every := fs.Duration("recompute-every", time.Minute, "while the queue has work, recompute the cross-document layers at most this often (each recompute reads every document); an empty queue always brings them up to date")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if !isURL(*db) {
		fmt.Fprintln(stderr, "usage: storyline worker --db postgres://… [--batch 50] [--once]")
		return exitUsage
	}
	st, err := store.OpenPostgres(*db)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cfg := workerConfig{batch: *batch, lease: *lease, poll: *poll, every: *every, workers: *workers, once: *once}
	if err := runWorker(ctx, st, cfg, log); err != nil {
		fmt.Fprintf(stderr, "storyline worker: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// workerConfig is what a worker is told on its command line.
type workerConfig struct {
	batch              int
	lease, poll, every time.Duration
	workers            int
	once               bool
}

// recomputeDue says whether a worker should try to recompute the
// cross-document layers: always when the queue is empty, else at most
// every so often. A recompute reads every document, so doing one after
// each batch would make ingesting n articles cost n² as the store grows.
func recomputeDue(queueEmpty bool, last time.Time, every time.Duration, now time.Time) bool {
	return queueEmpty || now.Sub(last) >= every
}

// runWorker claims queued documents, analyses them, stores them with their
// jobs marked done in one transaction, and recomputes the cross-document
// layers when they are due and no other worker is doing so.
func runWorker(ctx context.Context, st *store.Postgres, cfg workerConfig, log *slog.Logger) error {
	var last time.Time // when this worker's last try ended
	inc := &pipeline.Incremental{Options: pipeline.DefaultOptions()}
	recompute := func(ctx context.Context) error {
		start := time.Now()
		a, stats, err := inc.Update(ctx, st)
		if err != nil {
			return err
		}
		if err := st.PutAnalysis(ctx, a); err != nil {
			return err
		}
		log.Info("cross-document layers recomputed", "documents", stats.Documents, "read", stats.Read,
			"storylines", len(a.Storylines), "storylines kept", stats.Storylines, "stories kept", stats.Stories,
			"took", time.Since(start).Round(time.Millisecond))
		return nil
	}
	for ctx.Err() == nil {
		jobs, err := st.Claim(ctx, cfg.batch, cfg.lease)
		if err != nil {
			return fmt.Errorf("claiming jobs: %w", err)
		}
		if len(jobs) > 0 {
			ds := make([]*doc.Doc, len(jobs))
			for i, j := range jobs {
				ds[i] = j.Doc
			}
			failed := map[int64]string{}
			for i, e := range pipeline.AnalyzeEach(ds, cfg.workers, nil) {
				if e != nil {
					failed[jobs[i].ID] = e.Error()
				}
			}
			if err := st.Complete(ctx, jobs, failed); err != nil {
				return fmt.Errorf("storing a batch: %w", err)
			}
			log.Info("batch stored", "documents", len(jobs)-len(failed), "failed", len(failed))
		}
		if recomputeDue(len(jobs) == 0, last, cfg.every, time.Now()) {
			if _, err := st.WithAnalysisLock(ctx, recompute); err != nil {
				log.Warn("cross-document stages failed; another worker will retry", "err", err)
			}
			last = time.Now() // from the end: a long recompute leaves time to ingest
		}
		if len(jobs) > 0 {
			continue
		}
		if cfg.once {
			pending, err := st.Pending(ctx)
			if err != nil {
				return err
			}
			if pending == 0 {
				// A last look: a worker that finished after our lock
				// attempt leaves the analysis marked out of date.
				if _, err := st.WithAnalysisLock(ctx, recompute); err != nil {
					return err
				}
				return nil
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(cfg.poll):
		}
	}
	return nil
}
