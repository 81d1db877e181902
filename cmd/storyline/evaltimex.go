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
	files, err := timeMLFiles(dirs)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
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
	run := timexRun{byDir: map[string]*eval.TimexScores{}}
	for _, p := range files {
		if err := run.score(p, errw); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	if !*perFile {
		run.rows, run.scores = nil, nil
	}
	for _, dname := range run.dirOrder {
		run.rows = append(run.rows, "["+dname+"]")
		run.scores = append(run.scores, *run.byDir[dname])
	}
	fmt.Fprintf(stdout, "storyline time tagger on %d TimeML files (%d tokens, %.0f tokens/s); TempEval-3 measures\n", len(files), run.tokens,
		float64(run.tokens)/run.elapsed.Seconds())
	eval.TimexTable(stdout, run.rows, run.scores, run.total)
	return exitOK
}

// timeMLFiles lists the .tml and .xml files under the given directories
// (or files), sorted.
func timeMLFiles(dirs []string) ([]string, error) {
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
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

// timexRun accumulates the scores of an evaluation: per file, per
// directory and in all.
type timexRun struct {
	rows     []string
	scores   []eval.TimexScores
	total    eval.TimexScores
	byDir    map[string]*eval.TimexScores
	dirOrder []string
	tokens   int
	elapsed  time.Duration
}

// score tags one TimeML file with the dating and times stages against
// its creation time and adds its scores.
func (r *timexRun) score(p string, errw io.Writer) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	td, err := eval.ReadTimeML(filepath.Base(p), f)
	f.Close()
	if err != nil {
		return err
	}
	d := &doc.Doc{ID: td.Name, Text: td.Text, Published: td.DCT}
	start := time.Now()
	segment.Run(d)
	timex.Date(d)
	timex.Run(d)
	r.elapsed += time.Since(start)
	r.tokens += len(d.Tokens)
	var sys []eval.Timex
	for _, t := range d.Times {
		sys = append(sys, eval.Timex{Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value})
	}
	s := eval.ScoreTimex(td.Gold, sys)
	reportTimexErrors(errw, td, sys)
	r.rows = append(r.rows, td.Name)
	r.scores = append(r.scores, s)
	r.total.Add(s)
	dir := filepath.Base(filepath.Dir(p))
	if r.byDir[dir] == nil {
		r.byDir[dir] = &eval.TimexScores{}
		r.dirOrder = append(r.dirOrder, dir)
	}
	r.byDir[dir].Add(s)
	return nil
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
