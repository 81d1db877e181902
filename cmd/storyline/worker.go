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
	if err := runWorker(ctx, st, *batch, *lease, *poll, *workers, *once, log); err != nil {
		fmt.Fprintf(stderr, "storyline worker: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// runWorker claims queued documents, analyses them, stores them with their
// jobs marked done in one transaction, and recomputes the cross-document
// layers when no other worker is doing so.
func runWorker(ctx context.Context, st *store.Postgres, batch int, lease, poll time.Duration, workers int, once bool, log *slog.Logger) error {
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
		jobs, err := st.Claim(ctx, batch, lease)
		if err != nil {
			return fmt.Errorf("claiming jobs: %w", err)
		}
		if len(jobs) > 0 {
			ds := make([]*doc.Doc, len(jobs))
			for i, j := range jobs {
				ds[i] = j.Doc
			}
			failed := map[int64]string{}
			for i, e := range pipeline.AnalyzeEach(ds, workers, nil) {
				if e != nil {
					failed[jobs[i].ID] = e.Error()
				}
			}
			if err := st.Complete(ctx, jobs, failed); err != nil {
				return fmt.Errorf("storing a batch: %w", err)
			}
			log.Info("batch stored", "documents", len(jobs)-len(failed), "failed", len(failed))
		}
		if _, err := st.WithAnalysisLock(ctx, recompute); err != nil {
			log.Warn("cross-document stages failed; another worker will retry", "err", err)
		}
		if len(jobs) > 0 {
			continue
		}
		if once {
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
		case <-time.After(poll):
		}
	}
	return nil
}
