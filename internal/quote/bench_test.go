package quote

import (
	"testing"

	"github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/segment"
)

// BenchmarkQuotes runs the quote stage (rules and tagger) over generated
// articles with quotes in them.
func BenchmarkQuotes(b *testing.B) {
	docs := corpus.Synthetic(200, 5)
	tokens := 0
	for _, d := range docs {
		segment.Run(d)
		testEntities.Run(d)
		tokens += len(d.Tokens)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			testQuotes.Run(d)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
