package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/store"
)

// benchFlags are the options of storyline bench.
type benchFlags struct {
	articles                       int
	articlesSet                    bool // --articles given (with --reuters, 0 means all)
	reuters                        string
	workers                        int
	dbPath, cpuProfile, memProfile string
}

// parseBenchFlags reads bench's flags; not ok (with the exit code) when
// they are wrong or help was asked for.
func parseBenchFlags(args []string, stderr io.Writer) (benchFlags, int, bool) {
	var f benchFlags
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&f.articles, "articles", 2000, "number of articles (generated, or the first N of --reuters; 0 with --reuters: all)")
	fs.StringVar(&f.reuters, "reuters", "", "read Reuters-21578 SGML from this directory instead of generating articles")
	fs.IntVar(&f.workers, "workers", 0, "goroutines for the per-document stages (0: one per CPU)")
	fs.StringVar(&f.dbPath, "db", "", "store to write: a SQLite file (default: a temporary one, removed after) or a postgres:// URL")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the end-to-end run to this file (read it with go tool pprof)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write a heap profile, taken after the cross-document stages, to this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, exitOK, false
		}
		return f, exitUsage, false
	}
	f.articlesSet = flagSet(fs, "articles")
	return f, exitOK, true
}

// cmdBench: storyline bench [--articles N] [--reuters DIR] [--workers N] [--db FILE]
func cmdBench(ctx context.Context, args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	f, code, ok := parseBenchFlags(args, stderr)
	if !ok {
		return code
	}
	docs, source, err := benchArticles(f)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	if len(docs) == 0 {
		fmt.Fprintln(stderr, "storyline bench: no articles")
		return exitFailed
	}
	w := f.workers
	if w <= 0 {
		w = runtime.NumCPU()
	}
	cfg := pipeline.DefaultConfig()
	cfg.Workers = w
	eng, err := e.newEngine(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "storyline bench: %s, %d worker(s), %d CPU(s)\n\n", source, w, runtime.NumCPU())
	benchStages(stdout, eng, docs)

	// End to end, as analyze runs: per-document stages on all workers,
	// store, cross-document stages, store again.
	path, cleanup, err := benchStorePath(f.dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer cleanup()
	st, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	if f.cpuProfile != "" {
		stop, err := startCPUProfile(f.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer stop()
	}
	run, a, err := benchEndToEnd(ctx, eng, st, docs, f.memProfile, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	run.write(stdout, len(docs))
	fmt.Fprintf(stdout, "\n%d storylines, %d entities; peak RSS %s; %s\n", len(a.Storylines), len(a.Entities), human(peakRSS()), storeSizeNote(path, len(docs)))
	return exitOK
}

// benchArticles are the articles to run on, and what they are: the
// Reuters stories (the first --articles of them, when given) or
// generated articles.
func benchArticles(f benchFlags) ([]*doc.Doc, string, error) {
	if f.reuters == "" {
		return corpus.Synthetic(f.articles, 1), fmt.Sprintf("%d generated articles", f.articles), nil
	}
	limit := f.articles
	if !f.articlesSet {
		limit = 0
	}
	docs, err := corpus.ReadReuters(f.reuters, limit)
	if err != nil {
		return nil, "", err
	}
	return docs, fmt.Sprintf("%d Reuters-21578 stories", len(docs)), nil
}

// benchStages times each per-document stage on one goroutine, over a
// copy of (at most 2,000 of) the articles: tokens/s.
func benchStages(stdout io.Writer, eng *pipeline.Engine, docs []*doc.Doc) {
	probe := cloneDocs(docs[:min(len(docs), 2000)])
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "stage\ttokens/s (1 goroutine)\tµs/article\t\n")
	tokens := 0
	for _, s := range eng.Stages() {
		start := time.Now()
		for _, d := range probe {
			s.Run(d)
		}
		el := time.Since(start)
		if s.Name == "segment" {
			for _, d := range probe {
				tokens += len(d.Tokens)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t\n", s.Name, rate(float64(tokens), el), float64(el.Microseconds())/float64(len(probe)))
	}
	tw.Flush()
	fmt.Fprintln(stdout)
}

// benchStorePath is the store to write: path, or a temporary SQLite file
// that cleanup removes.
func benchStorePath(path string) (string, func(), error) {
	if isURL(path) {
		// A schema of its own, dropped after: the database is left as it was.
		return store.TempSchema(path)
	}
	if path != "" {
		return path, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "storyline-bench")
	if err != nil {
		return "", nil, err
	}
	return filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }, nil
}

// startCPUProfile profiles the process into path until stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// benchRun is the time and peak RSS after each step of the end-to-end
// run, and the tokens it read.
type benchRun struct {
	analyze, store, connect, analysis, total      time.Duration
	rssAnalyze, rssStore, rssConnect, rssAnalysis int64
	tokens                                        int64
}

// benchEndToEnd runs the per-document stages on all workers, stores the
// documents, runs the cross-document stages (then writes a heap profile
// to memProfile, when given) and stores the analysis. Articles that fail
// are reported on stderr, not fatal.
func benchEndToEnd(ctx context.Context, eng *pipeline.Engine, st store.Store, docs []*doc.Doc, memProfile string, stderr io.Writer) (benchRun, *model.Analysis, error) {
	var r benchRun
	t0 := time.Now()
	var all atomic.Int64 // tokens
	freeTokens := func(d *doc.Doc) {
		all.Add(int64(len(d.Tokens)))
		d.Tokens = nil // as analyze does: see AnalyzeAll
	}
	if errs := failures(eng.AnalyzeAll(ctx, docs, freeTokens)); len(errs) > 0 {
		fmt.Fprintf(stderr, "storyline: %d articles failed, first: %v\n", len(errs), errs[0])
	}
	r.analyze, r.rssAnalyze = time.Since(t0), peakRSS()
	t1 := time.Now()
	if _, _, _, err := st.PutDocs(ctx, docs); err != nil {
		return r, nil, fmt.Errorf("storing: %w", err)
	}
	r.store, r.rssStore = time.Since(t1), peakRSS()
	t2 := time.Now()
	a := eng.Connect(docs)
	r.connect, r.rssConnect = time.Since(t2), peakRSS()
	if memProfile != "" {
		if err := writeHeapProfile(memProfile); err != nil {
			return r, nil, err
		}
	}
	t3 := time.Now()
	if err := st.PutAnalysis(ctx, a); err != nil {
		return r, nil, fmt.Errorf("storing the analysis: %w", err)
	}
	r.analysis, r.rssAnalysis = time.Since(t3), peakRSS()
	r.total = time.Since(t0)
	r.tokens = all.Load()
	return r, a, nil
}

// write prints the steps' table: time, articles/s and tokens/s of n
// articles, peak RSS so far.
func (r benchRun) write(stdout io.Writer, n int) {
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "step\ttime\tarticles/s\ttokens/s\tpeak RSS so far\t\n")
	row := func(name string, d time.Duration, rss int64) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", name, d.Round(time.Millisecond), rate(float64(n), d), rate(float64(r.tokens), d), human(rss))
	}
	row("per-document stages", r.analyze, r.rssAnalyze)
	row("store documents", r.store, r.rssStore)
	row("per-document, stored", r.analyze+r.store, r.rssStore)
	row("cross-document stages", r.connect, r.rssConnect)
	row("store analysis", r.analysis, r.rssAnalysis)
	row("end to end", r.total, r.rssAnalysis)
	tw.Flush()
}

// storeSizeNote says how large the store at path is, in all and per
// article of n (a database server's store: where to look).
func storeSizeNote(path string, n int) string {
	if isURL(path) {
		return "store size: see the database server"
	}
	size := int64(0)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}
	return fmt.Sprintf("store %s (%s per article)", human(size), human(size/int64(n)))
}

// failures are the errors of AnalyzeAll's list that are not nil.
func failures(errs []error) []error {
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

func cloneDocs(ds []*doc.Doc) []*doc.Doc {
	out := make([]*doc.Doc, len(ds))
	for i, d := range ds {
		out[i] = &doc.Doc{ID: d.ID, Title: d.Title, Source: d.Source, Published: d.Published, Text: d.Text, Credits: d.Credits, Origin: d.Origin}
	}
	return out
}

func rate(n float64, d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	r := n / d.Seconds()
	switch {
	case r >= 1e6:
		return fmt.Sprintf("%.2fM", r/1e6)
	case r >= 1e4:
		return fmt.Sprintf("%.0fk", r/1e3)
	}
	return fmt.Sprintf("%.0f", r)
}

// peakRSS is the process's peak resident set size in bytes (Linux), or 0.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			f := strings.Fields(l)
			if len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

// human writes a size in binary units (1 GiB = 2³⁰ bytes, 1.07×10⁹), as
// the kernel counts memory, and says so.
func human(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d B", b)
}

// writeHeapProfile writes the live heap (after a collection) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("heap profile %s: %w", path, err)
	}
	return f.Close()
}
