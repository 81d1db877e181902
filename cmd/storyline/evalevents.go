package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/pipeline"
)

// cmdEvalEvents: storyline eval events --petrarch FILE [--actors FILE] [--agents FILE]
func cmdEvalEvents(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("eval events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	records := fs.String("petrarch", "", "PETRARCH validation records, e.g. ../shared/data/cameo/petrarch2/text/PETR.UnitTest.records.xml")
	actorsFile := fs.String("actors", "", "actor dictionary that names the gold's actor codes (default: ../dictionaries/PETR.Validate.actors.txt beside the records)")
	agentsFile := fs.String("agents", "", "agent dictionary (default: ../dictionaries/PETR.Validate.agents.txt beside the records)")
	errorsOut := fs.String("errors", "", "write each sentence whose coding differs to this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *records == "" {
		fmt.Fprintln(stderr, "storyline eval events: --petrarch is required")
		return exitUsage
	}
	dictDir := filepath.Join(filepath.Dir(*records), "..", "dictionaries")
	if *actorsFile == "" {
		*actorsFile = filepath.Join(dictDir, "PETR.Validate.actors.txt")
	}
	if *agentsFile == "" {
		*agentsFile = filepath.Join(dictDir, "PETR.Validate.agents.txt")
	}
	recs, err := readWith(*records, func(r io.Reader) ([]eval.PetrarchRecord, error) { return eval.ReadPetrarch(r) })
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	actors, err := readWith(*actorsFile, eval.ReadActorDict)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v (give --actors)\n", err)
		return exitFailed
	}
	agents, err := readWith(*agentsFile, eval.ReadActorDict)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v (give --agents)\n", err)
		return exitFailed
	}
	errw, closeErrors, err := errorsFile(*errorsOut)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer closeErrors()
	eng, err := e.newEngine(pipeline.DefaultConfig())
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	var total eval.EventScores
	scored := 0
	for _, rec := range recs {
		if rec.Error != "" {
			continue // tests PETRARCH's error handling, not coding
		}
		scored++
		d := &doc.Doc{ID: rec.ID, Origin: rec.ID, Text: rec.Text}
		if len(rec.Date) == 8 {
			d.Published = rec.Date[:4] + "-" + rec.Date[4:6] + "-" + rec.Date[6:]
		}
		if err := eng.AnalyzeDoc(d); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		sys := codeEvents(d, actors, agents)
		s := eval.ScoreEvents(rec.Events, sys, rec.NoEvents)
		total.Add(s)
		if s.Full != len(rec.Events) || s.Full != len(sys) {
			fmt.Fprintf(errw, "%s\t%s\tgold %v\tsys %v\t%s\n", rec.ID, rec.Category, rec.Events, sys, rec.Text)
		}
	}
	fmt.Fprintf(stdout, "storyline events on %d PETRARCH records (%d skipped: they test error handling)\n", scored, len(recs)-scored)
	eval.EventTable(stdout, total)
	return exitOK
}

func readWith[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// codeEvents turns the coder's events into CAMEO actor codes through the
// dictionaries, the way PETRARCH names actors: the actor's words, else the
// words before the verb, for the source; the target's words, else the words
// after the verb, for the target. An agent word ("minister", "government")
// adds its code to the actor's ("ITH" + "GOV"). Events whose source or
// target the dictionary cannot name are left out, as PETRARCH leaves them.
func codeEvents(d *doc.Doc, actors, agents *eval.ActorDict) []eval.CodedEvent {
	var out []eval.CodedEvent
	for _, e := range d.Events {
		sent := d.Text[e.Start:e.End]
		v := strings.Index(sent, e.Verb)
		if v < 0 {
			v = 0
		}
		before, after := sent[:v], sent[v+len(e.Verb):]
		src := actors.Find(e.Actor)
		if src == "" {
			src = actors.Find(before)
		}
		if ag := agents.Find(before); ag != "" && src != "" && !strings.HasSuffix(src, strings.TrimPrefix(ag, "~")) {
			src += strings.TrimPrefix(ag, "~")
		}
		tgt := actors.Find(e.Target)
		if tgt == "" {
			tgt = actors.Find(after)
		}
		if src == "" || tgt == "" {
			continue
		}
		out = append(out, eval.CodedEvent{Source: src, Target: tgt, Code: e.Code})
	}
	return out
}
