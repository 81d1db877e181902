package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/feed"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/report"
	"github.com/storyline-news/storyline/internal/store"
)

// analyze reads the inputs, runs the pipeline, stores the result and
// writes the report. Inputs that fail are reported one line each and the
// rest go on; the exit status is non-zero when anything failed.
func analyze(ctx context.Context, inputs []string, f analyzeFlags, stdin io.Reader, stdout, stderr io.Writer, log *slog.Logger) int {
	failed := 0
	res := ingest.Read(inputs, ingest.Options{MaxBytes: f.maxBytes, Stdin: stdin, Feed: feed.FromFile})
	for _, err := range res.Errors {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		failed++
	}
	docs := dedupeIDs(res.Docs, stderr, &failed)
	log.Debug("read inputs", "documents", len(docs), "errors", failed)

	st, err := store.Open(f.db)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()

	// Documents already stored with the same content are not analysed again.
	for _, d := range docs {
		d.Hash = ingest.ContentHash(d)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	stored, err := st.Hashes(ctx, ids)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: reading %s: %v\n", f.db, err)
		return exitFailed
	}
	var todo []*doc.Doc
	var reuse []string
	for _, d := range docs {
		if stored[d.ID] == d.Hash {
			reuse = append(reuse, d.ID)
		} else {
			todo = append(todo, d)
		}
	}
	start := time.Now()
	bar := newBar(len(todo), f.quiet, stderr)
	errs := pipeline.AnalyzeAll(todo, f.workers, func(d *doc.Doc) {
		d.Tokens = nil // see AnalyzeAll
		if bar != nil {
			bar.Add(1)
		}
	})
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(stderr)
	}
	ok := todo[:0]
	bad := map[*doc.Doc]bool{}
	for _, e := range errs {
		fmt.Fprintf(stderr, "storyline: %v\n", e)
		failed++
	}
	if len(errs) > 0 {
		// AnalyzeAll reports failures by error only; keep documents whose
		// stages all ran (they have sentences).
		for _, d := range todo {
			if len(d.Sentences) == 0 {
				bad[d] = true
			}
		}
	}
	for _, d := range todo {
		if !bad[d] {
			ok = append(ok, d)
		}
	}
	todo = ok
	log.Debug("analysed", "documents", len(todo), "reused", len(reuse), "elapsed", time.Since(start))

	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "storyline: interrupted; nothing was written")
		return exitFailed
	}
	added, updated, unchanged, err := st.PutDocs(ctx, todo)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: storing documents in %s: %v (nothing was written)\n", f.db, err)
		return exitFailed
	}
	// The documents to report on: the inputs (re-read from the store when
	// unchanged), or the whole store with --all.
	var reportDocs []*doc.Doc
	if len(reuse) > 0 {
		old, err := st.Docs(ctx, reuse)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: reading %s: %v\n", f.db, err)
			return exitFailed
		}
		reportDocs = append(reportDocs, old...)
	}
	reportDocs = append(reportDocs, todo...)
	opt := pipeline.DefaultOptions()

	// Cross-document layers are recomputed over everything stored.
	total, err := st.Count(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: reading %s: %v\n", f.db, err)
		return exitFailed
	}
	var whole *model.Analysis
	if total > len(reportDocs) {
		all, err := st.Docs(ctx, nil)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: reading %s: %v\n", f.db, err)
			return exitFailed
		}
		whole = pipeline.Connect(all, opt)
	}
	var out *model.Analysis
	switch {
	case f.all && whole != nil:
		out = whole
	default:
		out = pipeline.Connect(reportDocs, opt)
		if whole == nil {
			whole = out
		}
	}
	if err := st.PutAnalysis(ctx, whole); err != nil {
		fmt.Fprintf(stderr, "storyline: storing the analysis in %s: %v\n", f.db, err)
		return exitFailed
	}
	if !f.quiet {
		fmt.Fprintf(stderr, "storyline: %s analysed (%d new, %d updated, %d unchanged), %d failed; %s; store %s holds %s\n",
			plural(len(reportDocs), "document"), added, updated, unchanged+len(reuse), failed, pipeline.Describe(out), f.db, plural(total, "document"))
	}
	w := stdout
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer file.Close()
		w = file
	}
	if err := report.Write(w, out, f.format); err != nil {
		fmt.Fprintf(stderr, "storyline: writing the report: %v\n", err)
		return exitFailed
	}
	if failed > 0 {
		return exitPartial
	}
	return exitOK
}

// dedupeIDs keeps the first document of each id; a later one with the same
// id and different content is an error (ids must be unique in a batch).
func dedupeIDs(docs []*doc.Doc, stderr io.Writer, failed *int) []*doc.Doc {
	seen := map[string]*doc.Doc{}
	out := docs[:0]
	for _, d := range docs {
		if first, ok := seen[d.ID]; ok {
			if first.Text != d.Text {
				fmt.Fprintf(stderr, "storyline: %s: document id %q already used by %s; skipped\n", d.Origin, d.ID, first.Origin)
				*failed++
			}
			continue
		}
		seen[d.ID] = d
		out = append(out, d)
	}
	return out
}

// newBar returns a progress bar on stderr when it is a terminal and the
// batch is large enough for one to help.
func newBar(n int, quiet bool, stderr io.Writer) *progressbar.ProgressBar {
	if quiet || n <= 5 {
		return nil
	}
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("analysing"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"), progressbar.OptionThrottle(100*time.Millisecond))
}
