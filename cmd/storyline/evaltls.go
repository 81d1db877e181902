package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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
	var total eval.TLSScores
	n := 0
	written := map[string]map[string][]string{}
	fmt.Fprintf(stdout, "%-28s %5s %5s | %6s %6s | %6s %6s | %6s %6s | %6s\n", "topic (timeline)", "dates", "sents", "con-R1", "con-R2", "agr-R1", "agr-R2", "ali-R1", "ali-R2", "date-F")
	for _, dir := range dirs {
		refFiles, _ := filepath.Glob(filepath.Join(dir, "*.timeline.json"))
		if len(refFiles) == 0 {
			fmt.Fprintf(stderr, "storyline: %s: no *.timeline.json reference, skipped\n", dir)
			continue
		}
		docs, err := readT17Topic(dir)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		for _, err := range failures(eng.AnalyzeAll(context.Background(), docs, nil)) {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
		}
		idx := make([]int, len(docs))
		for i := range idx {
			idx[i] = i
		}
		// news-tls: one system timeline per reference, as long as it (its
		// number of dates, its sentences per date) and within its span.
		for _, rf := range refFiles {
			ref, err := readReference(rf)
			if err != nil {
				fmt.Fprintf(stderr, "storyline: %v\n", err)
				return exitFailed
			}
			dates := ref.Dates()
			if len(dates) == 0 {
				continue
			}
			sents := 0
			for _, d := range dates {
				sents += len(ref[d])
			}
			perDate := max(1, int(math.Round(float64(sents)/float64(len(dates)))))
			opt := timeline.DefaultOptions()
			opt.MaxDates, opt.PerDate, opt.From, opt.To, opt.MaxSentLen = len(dates), perDate, dates[0], dates[len(dates)-1], 1<<20
			if *lead > 0 {
				opt.LeadSentences = *lead
			}
			sys := eval.Timeline{}
			for _, e := range timeline.Build(docs, idx, opt) {
				sys[e.Date] = append(sys[e.Date], e.Text)
			}
			s := eval.ScoreTimeline(sys, []eval.Timeline{ref})
			total.Add(s)
			n++
			name := filepath.Base(dir) + " (" + strings.TrimSuffix(filepath.Base(rf), ".timeline.json") + ")"
			if len(name) > 28 {
				name = name[:28]
			}
			fmt.Fprintf(stdout, "%-28s %5d %5d | %6.3f %6.3f | %6.3f %6.3f | %6.3f %6.3f | %6.3f\n", name, len(dates), perDate,
				s.Concat1, s.Concat2, s.Agree1, s.Agree2, s.Align1, s.Align2, s.DateF)
			written[name] = sys
		}
	}
	if n == 0 {
		fmt.Fprintln(stderr, "storyline eval tls: no reference timelines found")
		return exitFailed
	}
	total.Scale(float64(n))
	fmt.Fprintf(stdout, "%-28s %5s %5s | %6.3f %6.3f | %6.3f %6.3f | %6.3f %6.3f | %6.3f\n", fmt.Sprintf("mean of %d timelines", n), "", "",
		total.Concat1, total.Concat2, total.Agree1, total.Agree2, total.Align1, total.Align2, total.DateF)
	fmt.Fprintf(stdout, "(ROUGE F1: concat, agreement, alignment = align+ m:1; %.0fs)\n", time.Since(start).Seconds())
	if *out != "" {
		data, _ := json.MarshalIndent(written, "", "  ")
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	return exitOK
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
		if _, err := time.Parse("2006-01-02", date); err != nil {
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
