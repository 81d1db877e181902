// Command storyline turns news articles into storylines, timelines, cited
// summaries, quotes, figures and disagreements between sources.
//
//	storyline analyze [flags] INPUT...   analyse files, directories, JSON lines or - (stdin)
//	storyline version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/storyline-news/storyline/internal/ingest"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// exit codes
const (
	exitOK      = 0
	exitFailed  = 1 // some input failed, or the run failed
	exitUsage   = 2
	exitPartial = 1
)

func main() {
	// The per-document stages make much short-lived garbage, and the
	// collector's default pace (GOGC=100) cost them about 15% of their
	// speed once tokens stopped padding the heap: a heap twice as large
	// again buys it back. GOGC in the environment still wins, and
	// GOMEMLIMIT caps the heap whatever the pace (see docs/performance.md).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `storyline — news articles into storylines, timelines and cited summaries

Usage:
  storyline analyze [flags] INPUT...   analyse .txt .html .jsonl .json .csv .pdf files, web addresses, directories, or - for stdin
  storyline train ner --conll FILE --out MODEL   train the entity tagger on CoNLL-2003 data
  storyline eval ner --conll FILE      precision, recall and F1 of the entity tagger (CoNLL convention)
  storyline eval timex --timeml DIR    span, type and value scores of the time tagger (TempEval-3 measures)
  storyline train quotes --polnear DIR --out MODEL   train the attribution tagger on PolNeAR
  storyline eval quotes --polnear DIR  quote content and source scores on PolNeAR (or --gold FILE.jsonl)
  storyline eval events --petrarch FILE   event coding against PETRARCH-format gold records
  storyline export events [--db FILE] [--format cameo-tsv|jsonl]   one row per coded event with its evidence
  storyline serve [--addr 127.0.0.1:8080] [--db FILE] [--token T] [--watch URL…]   web pages and JSON API over the store
  storyline watch [--db FILE] [--interval 10m] [--once] FEED_URL… | --opml FILE   poll RSS/Atom feeds into the store
  storyline bench [--articles N] [--reuters DIR]   articles/s, tokens/s per stage, peak RSS, store size
  storyline enqueue --db postgres://… INPUT…   queue documents for workers sharing a PostgreSQL store
  storyline worker --db postgres://… [--once]   analyse queued documents (any number of workers, any machines)
  storyline version                    print the version

Run 'storyline analyze -h' for the flags.
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&env{stdin: stdin, stdout: stdout, stderr: stderr}).run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) int {
	stdin, stdout, stderr := e.stdin, e.stdout, e.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "analyze", "analyse":
		return cmdAnalyze(ctx, args[1:], e)
	case "train":
		return cmdTrain(args[1:], stdout, stderr)
	case "eval":
		return cmdEval(args[1:], e)
	case "export":
		return cmdExport(ctx, args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], e)
	case "watch":
		return cmdWatch(ctx, args[1:], e)
	case "bench":
		return cmdBench(ctx, args[1:], e)
	case "enqueue":
		return cmdEnqueue(ctx, args[1:], stdin, stdout, stderr)
	case "worker":
		return cmdWorker(ctx, args[1:], e)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "storyline", version)
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "storyline: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

type analyzeFlags struct {
	format   string
	db       string
	maxBytes int64
	quiet    bool
	workers  int
	all      bool
	output   string
	verbose  bool
	cpuprof  string
	replace  bool
	net      netFlags
}

func cmdAnalyze(ctx context.Context, args []string, e *env) int {
	stderr := e.stderr
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f analyzeFlags
	fs.StringVar(&f.format, "format", "text", "output format: text, json, markdown or html")
	fs.StringVar(&f.db, "db", "storyline.db", "store: a SQLite file path, or :memory: to keep nothing")
	fs.Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "reject any input file or JSON line larger than this many bytes")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar and no summary line on stderr")
	fs.IntVar(&f.workers, "workers", 0, "documents analysed in parallel (0: one per CPU)")
	fs.BoolVar(&f.all, "all", false, "report on every document in the store, not only the inputs")
	fs.StringVar(&f.output, "o", "", "write the report to this file instead of standard output")
	fs.BoolVar(&f.verbose, "v", false, "log each stage on stderr")
	fs.StringVar(&f.cpuprof, "cpuprofile", "", "write a CPU profile (pprof) to this file")
	fs.BoolVar(&f.replace, "replace", false, "let a file replace the stored document of its name read from another file (by default it is kept apart under its path)")
	f.net.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: storyline analyze [flags] INPUT...\n\nINPUT is a .txt, .html, .jsonl, .json, .csv or .pdf file, an http(s) address, a directory (read recursively), or - for standard input.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// Flags may come after inputs: "analyze examples/ --format json".
	inputs, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(inputs) == 0 && len(f.net.urls) == 0 {
		fmt.Fprintln(stderr, "storyline analyze: no input given (a file, a directory, an address, or - for stdin)")
		fs.Usage()
		return exitUsage
	}
	switch f.format {
	case "text", "json", "markdown", "md", "html":
	default:
		fmt.Fprintf(stderr, "storyline analyze: unknown --format %q (want text, json, markdown or html)\n", f.format)
		return exitUsage
	}
	if err := checkOutputs(f.db, inputs, map[string]string{"-o": f.output, "--cpuprofile": f.cpuprof}); err != nil {
		fmt.Fprintf(stderr, "storyline analyze: %v; nothing was written\n", err)
		return exitUsage
	}
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if f.cpuprof != "" {
		pf, err := os.Create(f.cpuprof)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer pprof.StopCPUProfile()
	}
	return analyze(ctx, inputs, f, e, log)
}

// parseInterleaved parses flags that may appear before, between or after
// the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// "-" is stdin, not a flag.
		pos = append(pos, rest[0])
		args = rest[1:]
		if rest[0] == "--" {
			pos = append(pos[:len(pos)-1], args...)
			return pos, nil
		}
		if len(args) == 0 {
			return pos, nil
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}
