package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/store"
)

// eventRow is one exported event with its evidence.
type eventRow struct {
	model.Event
	Root      string `json:"root"`
	RootLabel string `json:"root_label"`
	Evidence  string `json:"evidence"`
}

// cmdExport: storyline export events [--db FILE] [--format cameo-tsv|jsonl] [-o FILE]
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "events" {
		fmt.Fprintln(stderr, "usage: storyline export events [--db FILE] [--format cameo-tsv|jsonl] [-o FILE]")
		return exitUsage
	}
	fs := flag.NewFlagSet("export events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "storyline.db", "store to read (written by storyline analyze)")
	format := fs.String("format", "cameo-tsv", "cameo-tsv (one tab-separated row per event, with a header) or jsonl")
	out := fs.String("o", "", "write here instead of standard output")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *format != "cameo-tsv" && *format != "jsonl" {
		fmt.Fprintf(stderr, "storyline export events: unknown format %q (cameo-tsv or jsonl)\n", *format)
		return exitUsage
	}
	if _, err := os.Stat(*db); *db != ":memory:" && !isURL(*db) && err != nil {
		fmt.Fprintf(stderr, "storyline export events: no store at %s (run storyline analyze first)\n", *db)
		return exitFailed
	}
	st, a, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	if a == nil {
		fmt.Fprintf(stderr, "storyline: reading %s: %v\n", store.Redact(*db), store.ErrNoAnalysis)
		return exitFailed
	}
	var w io.Writer = stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	if err := writeEvents(bw, a, *format); err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// writeEvents writes one row per event with the sentence that is its
// evidence.
func writeEvents(w io.Writer, a *model.Analysis, format string) error {
	text := map[string]string{}
	for _, d := range a.Documents {
		text[d.ID] = d.Text
	}
	clean := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if format == "cameo-tsv" {
		fmt.Fprintln(w, "date\tactor\ttarget\tcode\troot\tlabel\tplace\tdoc\tstart\tend\tevidence")
	}
	enc := json.NewEncoder(w)
	for _, e := range a.Events {
		r := eventRow{Event: e}
		if len(e.Code) >= 2 {
			r.Root = e.Code[:2]
			r.RootLabel = event.Labels[r.Root]
		}
		if t := text[e.Doc]; e.Start >= 0 && e.End <= len(t) && e.Start <= e.End {
			r.Evidence = t[e.Start:e.End]
		}
		if format == "jsonl" {
			if err := enc.Encode(r); err != nil {
				return err
			}
			continue
		}
		date := strings.ReplaceAll(e.Date, "-", "")
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", date, clean(e.Actor), clean(e.Target), e.Code, r.Root,
			clean(e.Label), clean(e.Place), e.Doc, e.Start, e.End, clean(r.Evidence))
		if err != nil {
			return err
		}
	}
	return nil
}

// isURL reports a database URL (PostgreSQL) rather than a file path.
func isURL(db string) bool { return strings.Contains(db, "://") }
