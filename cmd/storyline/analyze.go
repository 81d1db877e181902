package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/report"
	"github.com/storyline-news/storyline/internal/store"
)

// analyze reads the inputs, ingests them through the engine, recomputes
// the cross-document layers over the store and writes the report. Inputs
// that fail are reported one line each and the rest go on; the exit
// status is non-zero when anything failed.
func analyze(ctx context.Context, inputs []string, f analyzeFlags, e *env, log *slog.Logger) int {
	res := readInputs(ctx, inputs, f, e)
	failed := len(res.Errors)
	for _, err := range res.Errors {
		fmt.Fprintf(e.stderr, "storyline: %v\n", err)
	}
	log.Debug("read inputs", "documents", len(res.Docs), "errors", failed)
	st, err := store.Open(f.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	bar := &progress{quiet: f.quiet, stderr: e.stderr}
	cfg := pipeline.DefaultConfig()
	cfg.Workers, cfg.Progress, cfg.Replace = f.workers, bar.update, f.replace
	eng, err := e.newEngine(cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "storyline: %v\n", err)
		return exitFailed
	}
	start := time.Now()
	rep, err := eng.Ingest(ctx, st, res.Docs)
	bar.finish()
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "storyline: interrupted; nothing was written")
		return exitFailed
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "storyline: %s: %v\n", store.Redact(f.db), err)
		return exitFailed
	}
	for _, r := range rep.Renamed {
		fmt.Fprintf(e.stderr, "storyline: %s\n", r)
	}
	for _, msg := range rep.Errors {
		fmt.Fprintf(e.stderr, "storyline: %s\n", msg)
	}
	failed += len(rep.Errors)
	log.Debug("analysed", "added", rep.Added, "updated", rep.Updated, "unchanged", rep.Unchanged, "elapsed", time.Since(start))
	out, stored, total, err := reportOn(ctx, eng, st, rep, f.all)
	if err != nil {
		fmt.Fprintf(e.stderr, "storyline: %s: %v\n", store.Redact(f.db), err)
		return exitFailed
	}
	if !f.quiet {
		fmt.Fprintf(e.stderr, "storyline: %s analysed (%d new, %d updated, %d unchanged), %d failed; %s; store %s holds %s\n",
			plural(stored, "document"), rep.Added, rep.Updated, rep.Unchanged, failed, pipeline.Describe(out), store.Redact(f.db), plural(total, "document"))
	}
	if err := writeReport(out, f, e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "storyline: writing the report: %v\n", err)
		return exitFailed
	}
	if failed > 0 {
		return exitPartial
	}
	return exitOK
}

// reportOn recomputes the cross-document layers over everything stored
// and returns what to report on: that whole analysis, or with all unset
// and other documents in the store, the analysis of the ingested
// documents alone (storyline ids taken from the whole). It also returns
// how many of the inputs are stored and how many documents the store
// holds.
func reportOn(ctx context.Context, eng *pipeline.Engine, st store.Store, rep model.IngestReport, all bool) (*model.Analysis, int, int, error) {
	whole, _, err := eng.Recompute(ctx, st)
	if err != nil {
		return nil, 0, 0, err
	}
	total := len(whole.Documents)
	failed := map[string]bool{}
	for _, f := range rep.Failed {
		failed[f.ID] = true
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range rep.Documents {
		if !failed[id] && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if all || len(ids) == total {
		return whole, len(ids), total, nil
	}
	out, err := eng.AnalysisOf(ctx, st, ids, whole)
	return out, len(ids), total, err
}

// writeReport writes the report to -o or standard output.
func writeReport(a *model.Analysis, f analyzeFlags, stdout io.Writer) error {
	w := stdout
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	return report.Write(w, a, f.format)
}
