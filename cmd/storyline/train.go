package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/ner"
)

// cmdTrain: storyline train ner --conll FILE… --out MODEL
func cmdTrain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "quotes" {
		return cmdTrainQuotes(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "ner" {
		fmt.Fprintln(stderr, "usage: storyline train ner --conll FILE [--conll FILE…] --out MODEL [--dev FILE] [--iterations N] [--seed N] [--min-count N]\n       storyline train quotes --polnear DIR --out MODEL [--iterations N] [--seed N] [--min-count N]")
		return exitUsage
	}
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conll multiFlag
	fs.Var(&conll, "conll", "CoNLL-2003 training file (repeatable)")
	out := fs.String("out", "", "where to write the model")
	dev := fs.String("dev", "", "CoNLL file to report F1 on after training")
	iters := fs.Int("iterations", 15, "training passes")
	seed := fs.Int64("seed", 1, "shuffling seed (fixed for reproducible models)")
	minCount := fs.Int("min-count", 1, "drop features seen fewer times (model size)")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(conll) == 0 || *out == "" {
		fmt.Fprintln(stderr, "storyline train ner: --conll and --out are required")
		return exitUsage
	}
	var docs []ner.Document
	for _, f := range conll {
		ds, err := readCoNLLFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
		docs = append(docs, ds...)
	}
	start := time.Now()
	m := ner.Train(docs, ner.TrainOptions{Iterations: *iters, Seed: *seed, MinCount: *minCount, Progress: func(it int, acc float64) {
		fmt.Fprintf(stderr, "iteration %d: training token accuracy %.4f (%s)\n", it, acc, time.Since(start).Round(time.Second))
	}})
	size, err := saveModel(*out, m.Save)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "trained on %d documents in %s: %d features, %s written (%d bytes)\n", len(docs), time.Since(start).Round(time.Second), m.Features(), *out, size)
	if *dev != "" {
		return evalNER(stdout, stderr, *dev, m)
	}
	return exitOK
}

type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func readCoNLLFile(path string) ([]ner.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no sentences", path)
	}
	return docs, nil
}

const evalUsage = `usage: storyline eval ner --conll FILE [--model MODEL]
       storyline eval timex --timeml DIR [--per-file] [--errors FILE]
       storyline eval quotes --polnear DIR | --gold FILE [--errors FILE]
       storyline eval events --petrarch FILE [--actors FILE] [--agents FILE] [--errors FILE]
       storyline eval cluster --gold FILE | --t17 DIR | --wikiref DIR [--level storyline|story]
       storyline eval tls --dataset DIR
       storyline eval dates --pages DIR --expected FILE [--errors FILE]
       storyline eval extract --pages DIR --expected ground-truth.json | --trafilatura evaldata.json [--errors FILE]`

// cmdEval: storyline eval ner|timex|quotes|events|cluster|tls ...
func cmdEval(args []string, e *env) int {
	evals := map[string]func([]string, *env) int{"ner": cmdEvalNER, "timex": cmdEvalTimex, "quotes": cmdEvalQuotes,
		"events": cmdEvalEvents, "cluster": cmdEvalCluster, "tls": cmdEvalTLS, "dates": cmdEvalDates,
		"extract": cmdEvalExtract}
	if len(args) == 0 || evals[args[0]] == nil {
		fmt.Fprintln(e.stderr, evalUsage)
		return exitUsage
	}
	return evals[args[0]](args[1:], e)
}

// cmdEvalNER: storyline eval ner --conll FILE [--model MODEL]
func cmdEvalNER(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conll := fs.String("conll", "", "CoNLL-2003 file with gold tags")
	model := fs.String("model", "", "model file (default: the embedded model)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *conll == "" {
		fmt.Fprintln(stderr, "storyline eval ner: --conll is required")
		return exitUsage
	}
	var m *ner.Model
	var err error
	if *model != "" {
		f, e := os.Open(*model)
		if e != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", e)
			return exitFailed
		}
		m, err = ner.LoadModel(f)
		f.Close()
	} else {
		m, err = ner.DefaultModel()
	}
	if err != nil {
		fmt.Fprintf(stderr, "storyline: loading the NER model: %v\n", err)
		return exitFailed
	}
	return evalNER(stdout, stderr, *conll, m)
}

// evalNER scores the tagger (and the baselines compiled in) on a CoNLL
// file with the CoNLL convention: exact span and type.
func evalNER(stdout, stderr io.Writer, path string, m *ner.Model) int {
	docs, err := readCoNLLFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	var gold, pred []eval.Span
	seq, tokens := 0, 0
	start := time.Now()
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Words
		}
		tagged := m.TagDocument(sents)
		for i, s := range d.Sentences {
			tokens += len(s.Words)
			for _, sp := range ner.Spans(s.Tags) {
				gold = append(gold, eval.Span{Seq: seq, Start: sp.Start, End: sp.End, Type: sp.Type})
			}
			for _, sp := range ner.Spans(tagged[i]) {
				pred = append(pred, eval.Span{Seq: seq, Start: sp.Start, End: sp.End, Type: sp.Type})
			}
			seq++
		}
	}
	elapsed := time.Since(start)
	per, all := eval.Spans(gold, pred)
	eval.Table(stdout, fmt.Sprintf("storyline tagger on %s (%d sentences, %d tokens, %.0f tokens/s)", path, seq, tokens, float64(tokens)/elapsed.Seconds()), per, all)
	for _, b := range baselines {
		fmt.Fprintln(stdout)
		b(stdout, docs, gold)
	}
	return exitOK
}
