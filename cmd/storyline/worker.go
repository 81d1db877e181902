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
	"github.com/storyline-news/storyline/internal/model"
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
func cmdWorker(ctx context.Context, args []string, e *env) int {
	stderr := e.stderr
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
	ecfg := pipeline.DefaultConfig()
	ecfg.Workers, ecfg.Keep = *workers, true
	eng, err := e.newEngine(ecfg)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	cfg := workerConfig{batch: *batch, lease: *lease, poll: *poll, every: *every, once: *once}
	if err := runWorker(ctx, st, eng, cfg, log); err != nil {
		fmt.Fprintf(stderr, "storyline worker: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// workerConfig is what a worker is told on its command line.
type workerConfig struct {
	batch              int
	lease, poll, every time.Duration
	once               bool
}

// recomputeDue says whether a worker should try to recompute the
// cross-document layers: always when the queue is empty, else at most
// every so often. A recompute reads every document, so doing one after
// each batch would make ingesting n articles cost n² as the store grows.
func recomputeDue(queueEmpty bool, last time.Time, every time.Duration, now time.Time) bool {
	return queueEmpty || now.Sub(last) >= every
}

// runWorker claims queued documents, ingests them through the engine
// (stored with their jobs marked done, or failed, in one transaction),
// and recomputes the cross-document layers when they are due and no
// other worker is doing so.
func runWorker(ctx context.Context, st *store.Postgres, eng *pipeline.Engine, cfg workerConfig, log *slog.Logger) error {
	var last time.Time // when this worker's last try ended
	recompute := func(ctx context.Context) error {
		start := time.Now()
		a, stats, err := eng.Recompute(ctx, st)
		if err != nil {
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
			if err := ingestJobs(ctx, st, eng, jobs, log); err != nil {
				return err
			}
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
		if done, err := idle(ctx, st, cfg, recompute); done || err != nil {
			return err
		}
	}
	return nil
}

// idle is what a worker does with an empty queue: with once, a last
// recompute and stop when nothing is pending; else wait for the next look.
func idle(ctx context.Context, st *store.Postgres, cfg workerConfig, recompute func(context.Context) error) (done bool, err error) {
	if cfg.once {
		pending, err := st.Pending(ctx)
		if err != nil {
			return true, err
		}
		if pending == 0 {
			// A last look: a worker that finished after our lock
			// attempt leaves the analysis marked out of date.
			_, err := st.WithAnalysisLock(ctx, recompute)
			return true, err
		}
	}
	select {
	case <-ctx.Done():
	case <-time.After(cfg.poll):
	}
	return false, nil
}

// ingestJobs ingests the documents of claimed jobs. Of two jobs for one
// document, the later (newer content) is ingested and the earlier marked
// done.
func ingestJobs(ctx context.Context, st *store.Postgres, eng *pipeline.Engine, jobs []store.Job, log *slog.Logger) error {
	latest := map[string]int{}
	for i, j := range jobs {
		latest[j.Doc.ID] = i
	}
	var docs []*doc.Doc
	for i, j := range jobs {
		if latest[j.Doc.ID] == i {
			docs = append(docs, j.Doc)
		}
	}
	rep, err := eng.Ingest(ctx, jobBatch{st, jobs}, docs)
	if err != nil {
		return fmt.Errorf("storing a batch: %w", err)
	}
	for _, f := range rep.Failed {
		log.Warn("document failed", "id", f.ID, "stage", f.Stage, "err", f.Error)
	}
	log.Info("batch stored", "documents", rep.Added+rep.Updated, "unchanged", rep.Unchanged, "failed", len(rep.Failed))
	return nil
}

// jobBatch is the store as the engine sees it while it ingests claimed
// jobs: what went through is stored with the jobs marked done, and what
// failed marks its jobs failed, in one transaction.
type jobBatch struct {
	*store.Postgres
	jobs []store.Job
}

// PutBatch implements pipeline.BatchStore.
func (b jobBatch) PutBatch(ctx context.Context, ok []*doc.Doc, failed []model.Failure) (int, int, int, error) {
	bad := make(map[string]string, len(failed))
	for _, f := range failed {
		bad[f.ID] = f.String()
	}
	return b.Complete(ctx, b.jobs, ok, bad)
}
