package cluster

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

// synthCorpus generates n news-like articles: topics (a storyline each)
// with their own names and vocabulary, developing over weeks, written with
// the common words of news around them. Articles of a topic share about a
// third of their content words, as real coverage of one story does.
func synthCorpus(n int, seed int64) []*doc.Doc {
	rng := rand.New(rand.NewSource(seed))
	word := func() string { return corpus.PseudoWord(rng) }
	common := strings.Fields(`officials said government people city country police minister report week day talks
	support plan new crisis group leaders agreed according statement security president attack killed help water
	power company market prices million workers court law vote party election trade border health hospital school`)
	for len(common) < 3000 {
		common = append(common, word()+"s")
	}
	topics := max(n/40, 3)
	type topic struct {
		names, words []string
		start        time.Time
	}
	ts := make([]topic, topics)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range ts {
		for k := 0; k < 6; k++ {
			w := word()
			ts[i].names = append(ts[i].names, strings.ToUpper(w[:1])+w[1:])
		}
		for k := 0; k < 40; k++ {
			ts[i].words = append(ts[i].words, word())
		}
		ts[i].start = base.AddDate(0, 0, rng.Intn(700))
	}
	docs := make([]*doc.Doc, n)
	for i := range docs {
		t := ts[rng.Intn(topics)]
		var b strings.Builder
		for s := 0; s < 6; s++ {
			for w := 0; w < 14; w++ {
				switch r := rng.Intn(10); {
				case r < 4:
					b.WriteString(t.words[rng.Intn(len(t.words))])
				case r < 5:
					b.WriteString(t.names[rng.Intn(len(t.names))])
				default:
					// Common words, the frequent ones more often.
					b.WriteString(common[int(float64(len(common))*rng.Float64()*rng.Float64())])
				}
				b.WriteByte(' ')
			}
			b.WriteString("now.\n")
		}
		pub := t.start.AddDate(0, 0, rng.Intn(60))
		d := &doc.Doc{ID: fmt.Sprintf("a%06d", i), Published: pub.Format(doc.DayLayout), Text: b.String()}
		segment.Run(d)
		docs[i] = d
	}
	return docs
}

// BenchmarkCluster groups 1k, 10k and 100k generated articles; ns/op over
// articles shows how the cost grows (near-linear: candidates come from an
// inverted index, never all pairs).
func BenchmarkCluster(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthCorpus(n, 1)
			noEntity := func(int, int) string { return "" }
			b.ResetTimer()
			var lines []Storyline
			for i := 0; i < b.N; i++ {
				vs := features(docs, noEntity)
				lines = Cluster(docs, vs, DefaultOptions())
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/article")
			b.ReportMetric(float64(len(lines)), "storylines")
		})
	}
}

// TestSynthCorpusClusters checks the generator makes what the benchmark
// needs: topics that the clustering can find.
func TestSynthCorpusClusters(t *testing.T) {
	docs := synthCorpus(400, 2)
	lines := Cluster(docs, features(docs, func(int, int) string { return "" }), DefaultOptions())
	if len(lines) < 5 || len(lines) > 60 {
		t.Errorf("%d storylines from 10 topics", len(lines))
	}
}
