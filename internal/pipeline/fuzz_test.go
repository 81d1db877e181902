package pipeline

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
)

// FuzzAnalyzeDoc: any text through every per-document stage gives layers
// inside the text and in text order, never a panic, and takes at most a
// second of CPU per 100 KB (repetitive text once took minutes: a stage
// compared every item with every other). CPU time, the analysing
// thread's own, not wall time: the host is shared.
//
//	go test ./internal/pipeline -run XXX -fuzz FuzzAnalyzeDoc -fuzztime 5m
func FuzzAnalyzeDoc(f *testing.F) {
	for _, d := range layerDocs() {
		f.Add(d.Text)
	}
	for _, s := range []string{"", `"Yes," said Smith. `, "« Non », a dit M. Dupont le 3 mars 2025.", "12 12 12 12 killed killed",
		"Mr. U.S. Dr. J. St. Feb. 27 ... ?! \"\"\" ''", strings.Repeat(`"Yes," said Smith on Monday, when 3 died in Gdansk. `, 300),
		"the 1990s, last year, next week, 2 days ago, since April 22, three months later, Q3 2024, FY2025"} {
		f.Add(s)
	}
	e := newEngine(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := ingest.FromText("f", text)
		d.Published = "2025-03-03"
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		start := threadCPU()
		if err := e.AnalyzeDoc(d); err != nil {
			t.Fatal(err)
		}
		if el, limit := threadCPU()-start, time.Second*time.Duration(1+len(d.Text)/(100<<10)); el > limit {
			t.Fatalf("%d bytes took %v of CPU (more than %v)", len(d.Text), el, limit)
		}
		checkLayers(t, d.Text, d.Sentences, d.Mentions, d.Times, d.Quotes, d.Quantities, d.Events)
	})
}

// checkLayers checks every span of every layer lies inside the text, and
// that mentions are sorted and disjoint.
func checkLayers(t *testing.T, text string, sentences []doc.Span, mentions []doc.Mention, times []doc.Time, quotes []doc.Quote,
	figures []doc.Quantity, events []doc.Event) {
	t.Helper()
	var spans []doc.Span
	spans = append(spans, sentences...)
	for i, m := range mentions {
		spans = append(spans, m.Span)
		if i > 0 && m.Start < mentions[i-1].End {
			t.Fatalf("mentions %v and %v overlap or are out of order", mentions[i-1].Span, m.Span)
		}
	}
	for _, x := range times {
		spans = append(spans, x.Span)
	}
	for _, q := range quotes {
		spans = append(spans, q.Span, q.CueSpan, q.Source)
	}
	for _, q := range figures {
		spans = append(spans, q.Span, q.NumSpan)
	}
	for _, e := range events {
		spans = append(spans, e.Span)
	}
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("span %v outside a text of %d bytes", s, len(text))
		}
	}
}

// threadCPU is the CPU time the calling thread has used (Linux; elsewhere
// 0, and the bound is never reached).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const rusageThread = 1 // RUSAGE_THREAD
