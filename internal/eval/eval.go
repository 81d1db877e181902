// Package eval scores extractors against reference annotations with the
// measures each community uses (CoNLL exact-span F1 for entities, …) and
// formats the results as tables.
package eval

import (
	"fmt"
	"io"
	"sort"
)

// Counts accumulates true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// P is precision.
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is recall.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Span is a typed annotation over a sequence position range.
type Span struct {
	Seq        int // sentence (or document) number
	Start, End int
	Type       string
}

// Spans compares predicted with gold spans by exact match of boundaries
// and type (the CoNLL convention) and returns counts per type and overall.
func Spans(gold, pred []Span) (map[string]Counts, Counts) {
	g := map[Span]bool{}
	for _, s := range gold {
		g[s] = true
	}
	p := map[Span]bool{}
	for _, s := range pred {
		p[s] = true
	}
	per := map[string]Counts{}
	var all Counts
	for s := range p {
		c := per[s.Type]
		if g[s] {
			c.TP++
			all.TP++
		} else {
			c.FP++
			all.FP++
		}
		per[s.Type] = c
	}
	for s := range g {
		if !p[s] {
			c := per[s.Type]
			c.FN++
			all.FN++
			per[s.Type] = c
		}
	}
	return per, all
}

// Table prints per-type and overall precision, recall and F1.
func Table(w io.Writer, title string, per map[string]Counts, all Counts) {
	fmt.Fprintf(w, "%s\n%-8s %9s %9s %9s %7s %7s %7s\n", title, "type", "precision", "recall", "F1", "tp", "fp", "fn")
	types := make([]string, 0, len(per))
	for t := range per {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := per[t]
		fmt.Fprintf(w, "%-8s %9.4f %9.4f %9.4f %7d %7d %7d\n", t, c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
	}
	fmt.Fprintf(w, "%-8s %9.4f %9.4f %9.4f %7d %7d %7d\n", "overall", all.P(), all.R(), all.F1(), all.TP, all.FP, all.FN)
}
