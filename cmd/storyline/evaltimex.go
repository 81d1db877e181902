package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timex"
)

// cmdEvalTimex: storyline eval timex --timeml DIR [--per-file]
func cmdEvalTimex(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("eval timex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dirs multiFlag
	fs.Var(&dirs, "timeml", "directory (searched recursively) or file of TimeML documents (repeatable)")
	perFile := fs.Bool("per-file", false, "print a line per file")
	errorsOut := fs.String("errors", "", "write each missed, spurious or wrongly valued expression to this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(dirs) == 0 {
		fmt.Fprintln(stderr, "storyline eval timex: --timeml is required")
		return exitUsage
	}
	var files []string
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && (strings.HasSuffix(p, ".tml") || strings.HasSuffix(p, ".xml")) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		fmt.Fprintln(stderr, "storyline eval timex: no .tml files found")
		return exitFailed
	}
	errw, closeErrors, err := errorsFile(*errorsOut)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer closeErrors()
	var rows []string
	var scores []eval.TimexScores
	var total eval.TimexScores
	byDir := map[string]*eval.TimexScores{}
	var dirOrder []string
	tokens := 0
	var elapsed time.Duration
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		td, err := eval.ReadTimeML(filepath.Base(p), f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		d := &doc.Doc{ID: td.Name, Text: td.Text, Published: td.DCT}
		start := time.Now()
		segment.Run(d)
		timex.Date(d)
		timex.Run(d)
		elapsed += time.Since(start)
		tokens += len(d.Tokens)
		var sys []eval.Timex
		for _, t := range d.Times {
			sys = append(sys, eval.Timex{Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value})
		}
		s := eval.ScoreTimex(td.Gold, sys)
		reportTimexErrors(errw, td, sys)
		rows = append(rows, td.Name)
		scores = append(scores, s)
		total.Add(s)
		dir := filepath.Base(filepath.Dir(p))
		if byDir[dir] == nil {
			byDir[dir] = &eval.TimexScores{}
			dirOrder = append(dirOrder, dir)
		}
		byDir[dir].Add(s)
	}
	if !*perFile {
		rows, scores = nil, nil
	}
	for _, dname := range dirOrder {
		rows = append(rows, "["+dname+"]")
		scores = append(scores, *byDir[dname])
	}
	fmt.Fprintf(stdout, "storyline time tagger on %d TimeML files (%d tokens, %.0f tokens/s); TempEval-3 measures\n", len(files), tokens, float64(tokens)/elapsed.Seconds())
	eval.TimexTable(stdout, rows, scores, total)
	return exitOK
}

func reportTimexErrors(w io.Writer, td *eval.TimeMLDoc, sys []eval.Timex) {
	if w == io.Discard {
		return
	}
	matched := make([]bool, len(sys))
	for _, g := range td.Gold {
		found := false
		for i, x := range sys {
			if x.Start < g.End && g.Start < x.End {
				matched[i], found = true, true
				if x.Value != g.Value || x.Start != g.Start || x.End != g.End {
					fmt.Fprintf(w, "%s\tWRONG\tgold %q %s %s\tsys %q %s %s\tDCT %s\n", td.Name, g.Text, g.Type, g.Value, x.Text, x.Type, x.Value, td.DCT)
				}
				break
			}
		}
		if !found {
			fmt.Fprintf(w, "%s\tMISSED\t%q %s %s\tDCT %s\n", td.Name, g.Text, g.Type, g.Value, td.DCT)
		}
	}
	for i, x := range sys {
		if !matched[i] {
			fmt.Fprintf(w, "%s\tSPURIOUS\t%q %s %s\n", td.Name, x.Text, x.Type, x.Value)
		}
	}
}
