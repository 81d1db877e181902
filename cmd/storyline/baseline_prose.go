//go:build prose

// Built with -tags prose, `storyline eval ner` also scores prose/v2, the one
// Go NER library, on the same file for comparison. It is not part of the
// normal build: the engine does not use it.

package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/ner"
)

// baselines are the other taggers compiled in, scored beside the engine's.
var baselines = []func(io.Writer, []ner.Document, []eval.Span){proseBaseline}

// proseLabel maps prose's labels onto CoNLL's four types.
func proseLabel(l string) string {
	switch l {
	case "PERSON":
		return "PER"
	case "GPE", "LOC":
		return "LOC"
	case "ORG":
		return "ORG"
	}
	return "MISC"
}

func proseBaseline(w io.Writer, docs []ner.Document, gold []eval.Span) {
	var pred []eval.Span
	seq, tokens := 0, 0
	start := time.Now()
	for _, d := range docs {
		// One prose document per CoNLL document: prose loads its model for
		// every document it is given, so per-sentence calls would mostly
		// measure model loading.
		var b strings.Builder
		type ref struct{ sent, word int }
		var at []ref // per byte of text: the word it belongs to, or {-1,-1}
		for si, s := range d.Sentences {
			for wi, wd := range s.Words {
				if wi > 0 {
					b.WriteByte(' ')
					at = append(at, ref{-1, -1})
				}
				b.WriteString(wd)
				for k := 0; k < len(wd); k++ {
					at = append(at, ref{si, wi})
				}
			}
			b.WriteByte('\n')
			at = append(at, ref{-1, -1})
			tokens += len(s.Words)
		}
		text := b.String()
		labels := make([][]string, len(d.Sentences))
		for si, s := range d.Sentences {
			labels[si] = make([]string, len(s.Words))
			for i := range labels[si] {
				labels[si][i] = "O"
			}
		}
		if pd, err := prose.NewDocument(text, prose.WithSegmentation(false)); err == nil {
			pos := 0
			for _, tk := range pd.Tokens() {
				i := strings.Index(text[pos:], tk.Text)
				if i < 0 {
					continue
				}
				p := pos + i
				pos = p + len(tk.Text)
				r := at[p]
				if r.sent < 0 || tk.Label == "O" || len(tk.Label) < 3 || labels[r.sent][r.word] != "O" {
					continue
				}
				labels[r.sent][r.word] = tk.Label[:2] + proseLabel(tk.Label[2:])
			}
		}
		for si := range d.Sentences {
			for _, sp := range ner.Spans(fixBIO(labels[si])) {
				pred = append(pred, eval.Span{Seq: seq + si, Start: sp.Start, End: sp.End, Type: sp.Type})
			}
		}
		seq += len(d.Sentences)
	}
	per, all := eval.Spans(gold, pred)
	eval.Table(w, fmt.Sprintf("prose/v2 baseline (%d tokens, %.0f tokens/s)", tokens, float64(tokens)/time.Since(start).Seconds()), per, all)
}

// fixBIO makes an I- that does not continue a name of its type a B-.
func fixBIO(tags []string) []string {
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") && (prev == "O" || prev[2:] != t[2:]) {
			tags[i] = "B-" + t[2:]
		}
		prev = tags[i]
	}
	return tags
}
