// Package pipeline is the engine: one front door for everything that
// turns documents into an analysis. Data flows one way: per-document
// stages (segment → entities → dating → times → quotes → quantities →
// events) run concurrently across documents; cross-document stages
// (near-duplicates → entity resolution → storylines and stories → dates
// from related documents → timelines → summaries → disagreements) then
// run over the whole collection and produce the analysis.
//
// An Engine is built once from a Config; analyze, serve, watch and worker
// all call its Ingest and Recompute, so a document is read, analysed,
// stored and connected the same way, with the same failure rule,
// whichever door it came through.
package pipeline

import (
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/dedup"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/timeline"
)

// Config is everything an Engine is built from. No stage reads a switch
// of its own from anywhere else.
type Config struct {
	// Workers analyse documents in parallel (0: one per CPU).
	Workers int
	// EntityRules and QuoteRules ask for the rules alone, without the
	// trained entity or attribution tagger (to measure the rules).
	EntityRules, QuoteRules bool
	// NERModel and QuoteModel replace the embedded models (nil: the
	// embedded ones, loaded by New).
	NERModel   *ner.Model
	QuoteModel *quote.AttributionModel

	Cluster  cluster.Options
	Timeline timeline.Options
	Dedup    dedup.Options
	// SummaryLines is the length of a storyline's summary.
	SummaryLines int
	// HoldTokens is the largest storyline whose documents all get their
	// tokens at once while its timeline and summaries are made (a few
	// megabytes); a larger one lends them a document at a time, at the
	// price of segmenting a document once per story summary, storyline
	// summary and timeline instead of once.
	HoldTokens int
	// Keep is for long-running processes (serve, watch, worker): the
	// engine keeps the stored documents it has read between recomputes
	// and reads again only those that changed, and keeps its last
	// analysis so that unchanged storylines keep their timelines and
	// summaries. Off, a recompute reads what it needs and keeps nothing.
	Keep bool
	// Replace lets a document whose id is its file's name replace a
	// stored document of that id read from another file; without it the
	// new one is kept apart under its path (model.Rename).
	Replace bool
	// Now stamps each analysis; nil leaves "generated" empty so that
	// output is reproducible.
	Now func() time.Time
	// Progress, if set, is called as documents are analysed, with how
	// many of how many are done (from the worker goroutines, one call at
	// a time).
	Progress func(done, total int)
	// Stages, if set, changes the list of per-document stages the engine
	// runs (tests insert a failing one); New checks the result.
	Stages func([]Stage) []Stage
}

// DefaultConfig is the engine as the commands run it.
func DefaultConfig() Config {
	return Config{Cluster: cluster.DefaultOptions(), Timeline: timeline.DefaultOptions(), Dedup: dedup.DefaultOptions(),
		SummaryLines: 5, HoldTokens: 1000}
}
