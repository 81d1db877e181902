package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timeline"
)

// tlsHeader and tlsRow lay out eval tls's table.
const (
	tlsHeader = "%-28s %5s %5s | %6s %6s | %6s %6s | %6s %6s | %6s\n"
	tlsRow    = "%-28s %5d %5d | %6.3f %6.3f | %6.3f %6.3f | %6.3f %6.3f | %6.3f\n"
)

// cmdEvalTLS: storyline eval tls --dataset DIR
func cmdEvalTLS(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("eval tls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataset := fs.String("dataset", "", "timeline summarisation data in the news-tls/tilse layout: TOPIC/articles.json and TOPIC/*.timeline.json")
	lead := fs.Int("lead", 0, "how many lead sentences stand for an article's publication date (0: the timeline default)")
	out := fs.String("timelines", "", "write the system timelines here (JSON), to read them beside the references")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *dataset == "" {
		fmt.Fprintln(stderr, "storyline eval tls: --dataset is required")
		return exitUsage
	}
	dirs, err := t17Folders(*dataset)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	eng, err := e.newEngine(pipeline.DefaultConfig())
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	start := time.Now()
	r := &tlsRun{stdout: stdout, stderr: stderr, eng: eng, lead: *lead, written: map[string]map[string][]string{}}
	fmt.Fprintf(stdout, tlsHeader, "topic (timeline)", "dates", "sents", "con-R1", "con-R2", "agr-R1", "agr-R2", "ali-R1", "ali-R2", "date-F")
	for _, dir := range dirs {
		if err := r.topic(dir); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	if r.n == 0 {
		fmt.Fprintln(stderr, "storyline eval tls: no reference timelines found")
		return exitFailed
	}
	total := r.total
	total.Scale(float64(r.n))
	fmt.Fprintf(stdout, "%-28s %5s %5s | %6.3f %6.3f | %6.3f %6.3f | %6.3f %6.3f | %6.3f\n", fmt.Sprintf("mean of %d timelines", r.n), "", "",
		total.Concat1, total.Concat2, total.Agree1, total.Agree2, total.Align1, total.Align2, total.DateF)
	fmt.Fprintf(stdout, "(ROUGE F1: concat, agreement, alignment = align+ m:1; %.0fs)\n", time.Since(start).Seconds())
	if *out != "" {
		data, _ := json.MarshalIndent(r.written, "", "  ")
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	return exitOK
}

// tlsRun is one run of eval tls: the engine, the scores summed over the
// timelines scored so far (n) and the system timelines by name.
type tlsRun struct {
	stdout, stderr io.Writer
	eng            *pipeline.Engine
	lead           int
	total          eval.TLSScores
	n              int
	written        map[string]map[string][]string
}

// topic analyses the articles of one topic folder and scores a system
// timeline against each of its references (a folder without one is
// skipped, with a note).
func (r *tlsRun) topic(dir string) error {
	refFiles, _ := filepath.Glob(filepath.Join(dir, "*.timeline.json"))
	if len(refFiles) == 0 {
		fmt.Fprintf(r.stderr, "storyline: %s: no *.timeline.json reference, skipped\n", dir)
		return nil
	}
	docs, err := readT17Topic(dir)
	if err != nil {
		return err
	}
	for _, err := range failures(r.eng.AnalyzeAll(context.Background(), docs, nil)) {
		fmt.Fprintf(r.stderr, "storyline: %v\n", err)
	}
	idx := make([]int, len(docs))
	for i := range idx {
		idx[i] = i
	}
	for _, rf := range refFiles {
		ref, err := readReference(rf)
		if err != nil {
			return err
		}
		r.score(docs, idx, ref, filepath.Base(dir)+" ("+strings.TrimSuffix(filepath.Base(rf), ".timeline.json")+")")
	}
	return nil
}

// score builds the system timeline for one reference as news-tls does
// (as long as it: its number of dates, its sentences per date, and within
// its span), scores it and prints its row.
func (r *tlsRun) score(docs []*doc.Doc, idx []int, ref eval.Timeline, name string) {
	dates := ref.Dates()
	if len(dates) == 0 {
		return
	}
	sents := 0
	for _, d := range dates {
		sents += len(ref[d])
	}
	perDate := max(1, int(math.Round(float64(sents)/float64(len(dates)))))
	opt := timeline.DefaultOptions()
	opt.MaxDates, opt.PerDate, opt.From, opt.To, opt.MaxSentLen = len(dates), perDate, dates[0], dates[len(dates)-1], 1<<20
	if r.lead > 0 {
		opt.LeadSentences = r.lead
	}
	sys := eval.Timeline{}
	for _, e := range timeline.Build(docs, idx, opt) {
		sys[e.Date] = append(sys[e.Date], e.Text)
	}
	s := eval.ScoreTimeline(sys, []eval.Timeline{ref})
	r.total.Add(s)
	r.n++
	if len(name) > 28 {
		name = name[:28]
	}
	fmt.Fprintf(r.stdout, tlsRow, name, len(dates), perDate, s.Concat1, s.Concat2, s.Agree1, s.Agree2, s.Align1, s.Align2, s.DateF)
	r.written[name] = sys
}

// readReference reads a reference timeline: a JSON list of {date, text},
// the text split into sentences.
func readReference(path string) (eval.Timeline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var entries []struct {
		Date string `json:"date"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := eval.Timeline{}
	for _, e := range entries {
		date := e.Date
		if len(date) > 10 {
			date = date[:10]
		}
		if _, err := time.Parse(doc.DayLayout, date); err != nil {
			return nil, fmt.Errorf("%s: date %q: %w", path, e.Date, err)
		}
		d := &doc.Doc{Text: eval.Detokenize(e.Text)}
		segment.Run(d)
		for _, s := range d.Sentences {
			if txt := strings.TrimSpace(d.Text[s.Start:s.End]); txt != "" {
				t[date] = append(t[date], txt)
			}
		}
	}
	return t, nil
}
