package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
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
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/store"
)

// cmdBench: storyline bench [--articles N] [--reuters DIR] [--workers N] [--db FILE]
func cmdBench(ctx context.Context, args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("articles", 2000, "number of articles (generated, or the first N of --reuters; 0 with --reuters: all)")
	reuters := fs.String("reuters", "", "read Reuters-21578 SGML from this directory instead of generating articles")
	workers := fs.Int("workers", 0, "goroutines for the per-document stages (0: one per CPU)")
	dbPath := fs.String("db", "", "store to write: a SQLite file (default: a temporary one, removed after) or a postgres:// URL")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the end-to-end run to this file (read it with go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile, taken after the cross-document stages, to this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	var docs []*doc.Doc
	var err error
	source := fmt.Sprintf("%d generated articles", *n)
	if *reuters != "" {
		limit := *n
		if !flagSet(fs, "articles") {
			limit = 0
		}
		if docs, err = corpus.ReadReuters(*reuters, limit); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		source = fmt.Sprintf("%d Reuters-21578 stories", len(docs))
	} else {
		docs = corpus.Synthetic(*n, 1)
	}
	if len(docs) == 0 {
		fmt.Fprintln(stderr, "storyline bench: no articles")
		return exitFailed
	}
	w := *workers
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

	// Per stage, one goroutine, over a copy of the articles: tokens/s.
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

	// End to end, as analyze runs: per-document stages on all workers,
	// store, cross-document stages, store again.
	path := *dbPath
	if path == "" {
		dir, err := os.MkdirTemp("", "storyline-bench")
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	}
	st, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "storyline: profile %s: %v\n", *cpuProfile, err)
			return exitFailed
		}
		defer pprof.StopCPUProfile()
	}
	t0 := time.Now()
	var all atomic.Int64 // tokens
	freeTokens := func(d *doc.Doc) {
		all.Add(int64(len(d.Tokens)))
		d.Tokens = nil // as analyze does: see AnalyzeAll
	}
	if errs := failures(eng.AnalyzeAll(ctx, docs, freeTokens)); len(errs) > 0 {
		fmt.Fprintf(stderr, "storyline: %d articles failed, first: %v\n", len(errs), errs[0])
	}
	tAnalyze := time.Since(t0)
	rssAnalyze := peakRSS()
	t1 := time.Now()
	if _, _, _, err := st.PutDocs(ctx, docs); err != nil {
		fmt.Fprintf(stderr, "storyline: storing: %v\n", err)
		return exitFailed
	}
	tStore := time.Since(t1)
	rssStore := peakRSS()
	t2 := time.Now()
	a := eng.Connect(docs)
	tConnect := time.Since(t2)
	rssConnect := peakRSS()
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	t3 := time.Now()
	if err := st.PutAnalysis(ctx, a); err != nil {
		fmt.Fprintf(stderr, "storyline: storing the analysis: %v\n", err)
		return exitFailed
	}
	tAnalysis := time.Since(t3)
	rssAnalysis := peakRSS()
	total := time.Since(t0)
	tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "step\ttime\tarticles/s\ttokens/s\tpeak RSS so far\t\n")
	row := func(name string, d time.Duration, rss int64) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", name, d.Round(time.Millisecond), rate(float64(len(docs)), d), rate(float64(all.Load()), d), human(rss))
	}
	row("per-document stages", tAnalyze, rssAnalyze)
	row("store documents", tStore, rssStore)
	row("per-document, stored", tAnalyze+tStore, rssStore)
	row("cross-document stages", tConnect, rssConnect)
	row("store analysis", tAnalysis, rssAnalysis)
	row("end to end", total, rssAnalysis)
	tw.Flush()
	sizeNote := "store size: see the database server"
	if !isURL(path) {
		size := int64(0)
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if fi, err := os.Stat(path + suffix); err == nil {
				size += fi.Size()
			}
		}
		sizeNote = fmt.Sprintf("store %s (%s per article)", human(size), human(size/int64(len(docs))))
	}
	fmt.Fprintf(stdout, "\n%d storylines, %d entities; peak RSS %s; %s\n", len(a.Storylines), len(a.Entities), human(peakRSS()), sizeNote)
	return exitOK
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
