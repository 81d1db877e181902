package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/quote"
)

// goldQuoteDoc is one line of the JSON lines gold format for quotes.
type goldQuoteDoc struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Quotes    []struct {
		Text    string `json:"text"`
		Speaker string `json:"speaker"`
		Direct  *bool  `json:"direct"`
	} `json:"quotes"`
}

// cmdEvalQuotes: storyline eval quotes --polnear DIR | --gold FILE
func cmdEvalQuotes(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("eval quotes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	polnear := fs.String("polnear", "", "PolNeAR compartment directory (holding text/ and attributions/), e.g. ../shared/data/quotes/dev")
	goldFile := fs.String("gold", "", "JSON lines of {id, text, published, quotes: [{text, speaker, direct}]}")
	errorsOut := fs.String("errors", "", "write each missed, spurious or misattributed quote to this file")
	modelFile := fs.String("model", "", "attribution tagger to use instead of the embedded one (from storyline train quotes)")
	rulesOnly := fs.Bool("rules-only", false, "measure the hand-written rules without the trained tagger")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if (*polnear == "") == (*goldFile == "") {
		fmt.Fprintln(stderr, "storyline eval quotes: give one of --polnear DIR or --gold FILE")
		return exitUsage
	}
	gold, err := readQuoteGold(*polnear, *goldFile)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	cfg, err := quoteConfig(*modelFile, *rulesOnly)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	eng, err := e.newEngine(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	errw, closeErrors, err := errorsFile(*errorsOut)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer closeErrors()
	start := time.Now()
	total, err := scoreQuotes(eng, gold, errw)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "storyline quotes on %d documents (%.1fs)\n", len(gold.docs), time.Since(start).Seconds())
	eval.QuoteTable(stdout, total, gold.byName)
	return exitOK
}

// quoteGold is the gold standard a quote evaluation scores against: the
// documents with their attributions, each one's publication day, and
// whether speakers are compared by name (the JSON lines gold) rather
// than by source words (PolNeAR).
type quoteGold struct {
	docs      []eval.AttrDoc
	published []string
	byName    bool
}

// readQuoteGold reads the PolNeAR compartment polnear or, when that is
// empty, the JSON lines file goldFile.
func readQuoteGold(polnear, goldFile string) (quoteGold, error) {
	if polnear == "" {
		docs, published, err := readGoldQuotes(goldFile)
		return quoteGold{docs: docs, published: published, byName: true}, err
	}
	docs, err := eval.ReadPolNeAR(polnear)
	if err != nil {
		return quoteGold{}, err
	}
	return quoteGold{docs: docs, published: polnearPublished(docs)}, nil
}

// polnearPublished reads each PolNeAR document's publication day from its
// name (publisher_2016-09-12_slug); "" where the name has none.
func polnearPublished(docs []eval.AttrDoc) []string {
	published := make([]string, len(docs))
	for i, d := range docs {
		if f := strings.Split(d.Name, "_"); len(f) > 1 {
			if _, err := time.Parse(doc.DayLayout, f[1]); err == nil {
				published[i] = f[1]
			}
		}
	}
	return published
}

// quoteConfig is the engine configuration of a quote evaluation: the
// tagger in modelFile instead of the embedded one (when given), or the
// rules alone.
func quoteConfig(modelFile string, rulesOnly bool) (pipeline.Config, error) {
	cfg := pipeline.DefaultConfig()
	cfg.QuoteRules = rulesOnly
	if modelFile == "" {
		return cfg, nil
	}
	f, err := os.Open(modelFile)
	if err != nil {
		return cfg, err
	}
	defer f.Close()
	m, err := quote.LoadAttributionModel(f)
	if err != nil {
		return cfg, fmt.Errorf("%s: %w", modelFile, err)
	}
	cfg.QuoteModel = m
	return cfg, nil
}

// scoreQuotes analyses each gold document and scores the quotes found,
// writing each error to errw.
func scoreQuotes(eng *pipeline.Engine, gold quoteGold, errw io.Writer) (eval.QuoteScores, error) {
	var total eval.QuoteScores
	for i, gd := range gold.docs {
		d := &doc.Doc{ID: gd.Name, Origin: gd.Name, Text: gd.Text, Published: gold.published[i]}
		if err := eng.AnalyzeDoc(d); err != nil {
			return total, err
		}
		sys, names := attributions(d, !gold.byName)
		s, ms := eval.ScoreQuotes(d.Text, gd.Attrs, sys, names)
		total.Add(s)
		writeQuoteErrors(errw, d, gd, sys, names, ms)
	}
	return total, nil
}

// attributions turns a document's quotes into attributions. With
// byCue, pieces of one statement split by its cue ("'We will,' he said,
// 'rebuild.'") are one attribution, as PolNeAR counts them; the JSON lines
// gold lists each quoted piece on its own.
func attributions(d *doc.Doc, byCue bool) ([]eval.Attribution, []string) {
	var out []eval.Attribution
	var names []string
	cues := map[doc.Span]int{}
	for _, q := range d.Quotes {
		r := eval.Range{Start: q.Start, End: q.End}
		if byCue && q.CueSpan.Len() > 0 {
			if i, ok := cues[q.CueSpan]; ok {
				out[i].Content = append(out[i].Content, r)
				continue
			}
			cues[q.CueSpan] = len(out)
		}
		a := eval.Attribution{Content: []eval.Range{r}, Direct: q.Direct}
		if q.Source.Len() > 0 {
			a.Source = []eval.Range{{Start: q.Source.Start, End: q.Source.End}}
		}
		if q.CueSpan.Len() > 0 {
			a.Cue = []eval.Range{{Start: q.CueSpan.Start, End: q.CueSpan.End}}
		}
		out = append(out, a)
		names = append(names, q.SpeakerName)
	}
	return out, names
}

func readGoldQuotes(path string) ([]eval.AttrDoc, []string, error) {
	var docs []eval.AttrDoc
	var published []string
	err := readJSONLines(path, func(line int, g *goldQuoteDoc) error {
		if g.Text == "" {
			return errors.New("no text")
		}
		ad := eval.AttrDoc{Name: g.ID, Text: g.Text}
		if ad.Name == "" {
			ad.Name = fmt.Sprintf("line %d", line)
		}
		from := 0
		for _, q := range g.Quotes {
			i := strings.Index(g.Text[from:], q.Text)
			if i < 0 {
				i = strings.Index(g.Text, q.Text)
			} else {
				i += from
			}
			if i < 0 || q.Text == "" {
				return fmt.Errorf("quote %q is not in the text", q.Text)
			}
			from = i + len(q.Text)
			a := eval.Attribution{Content: []eval.Range{{Start: i, End: i + len(q.Text)}}, Speaker: q.Speaker, Direct: q.Direct == nil || *q.Direct}
			if q.Speaker == "" {
				a.Speaker = "-" // no speaker: the system must give none
			}
			ad.Attrs = append(ad.Attrs, a)
		}
		docs = append(docs, ad)
		published = append(published, g.Published)
		return nil
	})
	return docs, published, err
}

func writeQuoteErrors(w io.Writer, d *doc.Doc, gd eval.AttrDoc, sys []eval.Attribution, names []string, ms []eval.QuoteMatch) {
	show := func(rs []eval.Range) string {
		var b strings.Builder
		for i, r := range rs {
			if i > 0 {
				b.WriteString(" … ")
			}
			b.WriteString(strings.ReplaceAll(d.Text[r.Start:r.End], "\n", " "))
		}
		s := b.String()
		if len(s) > 160 {
			s = s[:157] + "..."
		}
		return fmt.Sprintf("%q", s)
	}
	used := map[int]bool{}
	for _, m := range ms {
		g := gd.Attrs[m.Gold]
		gsrc := show(g.Source)
		if g.Speaker != "" {
			gsrc = g.Speaker
		}
		if m.System < 0 {
			fmt.Fprintf(w, "%s\tMISSED\tcue %s\tsource %s\tcontent %s\n", gd.Name, show(g.Cue), gsrc, show(g.Content))
			continue
		}
		used[m.System] = true
		s := sys[m.System]
		ssrc := show(s.Source)
		if g.Speaker != "" {
			ssrc = names[m.System]
		}
		switch {
		case !m.SourceCorrect:
			fmt.Fprintf(w, "%s\tSOURCE\tgold %s\tsys %s\tcontent %s\n", gd.Name, gsrc, ssrc, show(g.Content))
		case !m.Exact:
			fmt.Fprintf(w, "%s\tSPAN\tgold %s\tsys %s\n", gd.Name, show(g.Content), show(s.Content))
		}
	}
	for j, s := range sys {
		if !used[j] {
			fmt.Fprintf(w, "%s\tSPURIOUS\tsource %s\tcontent %s\n", gd.Name, show(s.Source), show(s.Content))
		}
	}
}
