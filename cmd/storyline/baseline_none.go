//go:build !prose

package main

import (
	"io"

	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/ner"
)

// baselines are other taggers compiled in for comparison (see
// baseline_prose.go, built with -tags prose).
var baselines []func(io.Writer, []ner.Document, []eval.Span)
