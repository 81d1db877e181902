package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/segment"
)

// cmdTrainQuotes: storyline train quotes --polnear DIR --out MODEL
func cmdTrainQuotes(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train quotes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dirs multiFlag
	fs.Var(&dirs, "polnear", "PolNeAR compartment with text/ and attributions/ (repeatable), e.g. ../shared/data/quotes/polnear-train")
	out := fs.String("out", "", "where to write the model")
	iters := fs.Int("iterations", 15, "training passes")
	seed := fs.Int64("seed", 1, "shuffling seed (fixed for reproducible models)")
	minCount := fs.Int("min-count", 2, "drop features seen fewer times (model size)")
	cuesOut := fs.String("cues", "", "also write the words that open cues in the training data (the tagger skips paragraphs with none)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(dirs) == 0 || *out == "" {
		fmt.Fprintln(stderr, "storyline train quotes: --polnear and --out are required")
		return exitUsage
	}
	nm, err := ner.DefaultModel()
	if err != nil {
		fmt.Fprintf(stderr, "storyline: loading the entity model: %v\n", err)
		return exitFailed
	}
	entities := ner.New(nm)
	start := time.Now()
	docs, cueCount, err := readQuoteTraining(dirs, entities)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stderr, "read and tagged %d documents (%s)\n", len(docs), time.Since(start).Round(time.Second))
	m := quote.TrainAttributions(docs, quote.TrainOptions{Iterations: *iters, Seed: *seed, MinCount: *minCount, Progress: func(it int, acc float64) {
		fmt.Fprintf(stderr, "iteration %d: training token accuracy %.4f (%s)\n", it, acc, time.Since(start).Round(time.Second))
	}})
	size, err := saveModel(*out, m.Save)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	if *cuesOut != "" {
		n, err := writeCueWords(*cuesOut, cueCount)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(stdout, "%d cue words written to %s\n", n, *cuesOut)
	}
	fmt.Fprintf(stdout, "trained on %d documents in %s: %d features, %s written (%d bytes)\n", len(docs), time.Since(start).Round(time.Second), m.Features(), *out, size)
	return exitOK
}

// readQuoteTraining reads the PolNeAR compartments dirs, analyses each
// document up to its entities and tags its tokens from the gold
// attributions. It also counts the words of the gold cues.
func readQuoteTraining(dirs []string, entities *ner.Recognizer) ([]quote.TrainDoc, map[string]int, error) {
	var docs []quote.TrainDoc
	cueCount := map[string]int{}
	for _, dir := range dirs {
		ads, err := eval.ReadPolNeAR(dir)
		if err != nil {
			return nil, nil, err
		}
		for _, ad := range ads {
			d := &doc.Doc{ID: ad.Name, Text: ad.Text}
			segment.Run(d)
			entities.Run(d)
			td := quote.TrainDoc{Doc: d, Tags: quote.GoldTags(d, attributionRoles(ad.Attrs))}
			docs = append(docs, td)
			for i, tag := range td.Tags {
				if tag == quote.TagBCue || tag == quote.TagICue {
					cueCount[d.Tokens[i].Lower]++
				}
			}
		}
	}
	return docs, cueCount, nil
}

// attributionRoles gives the source, cue and content ranges of each
// attribution, as quote.GoldTags takes them.
func attributionRoles(attrs []eval.Attribution) [][3][]doc.Span {
	roles := make([][3][]doc.Span, len(attrs))
	for i, a := range attrs {
		for part, rs := range [][]eval.Range{a.Source, a.Cue, a.Content} {
			for _, r := range rs {
				roles[i][part] = append(roles[i][part], doc.Span{Start: r.Start, End: r.End})
			}
		}
	}
	return roles
}

// writeCueWords writes to path, sorted, the cue words seen at least eight
// times that are not function words (the tagger skips paragraphs with
// none), and returns how many.
func writeCueWords(path string, cueCount map[string]int) (int, error) {
	var ws []string
	for w, n := range cueCount {
		if n >= 8 && !quote.FunctionWord(w) && (w == ":" || unicode.IsLetter([]rune(w)[0])) {
			ws = append(ws, w)
		}
	}
	sort.Strings(ws)
	if err := os.WriteFile(path, []byte(strings.Join(ws, "\n")+"\n"), 0o644); err != nil {
		return 0, err
	}
	return len(ws), nil
}
