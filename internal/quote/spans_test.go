package quote

import (
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
)

// TestQuoteSpans pins how quotation marks pair inside a paragraph: the
// span is the words inside (spaces and a trailing comma trimmed), a quote
// left open runs to the paragraph's end (a paragraph that goes on with
// it must open it again), and a single quote opens only before a letter after a space.
func TestQuoteSpans(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"double", `He said "we will go, " and left.`, []string{"we will go"}},
		{"curly", "“One,” she said, “two.”", []string{"One", "two."}},
		{"left open", `He said: "we will go on`, []string{"we will go on"}},
		{"left open keeps its end", `He said: "we will go on, `, []string{"we will go on, "}},
		{"single", "The truce is 'barely alive' now.", []string{"barely alive"}},
		{"single after a colon", "He said:'go home' twice.", []string{"go home"}},
		{"apostrophes", "The mayor's plan isn't 'ready'.", []string{"ready"}},
		{"no close for a single", "It is 'a plan that never ends.", nil},
		{"a carried quote's close opens another", `and it closes here." Then more.`, []string{"Then more."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range quoteSpans(tt.text, doc.Span{Start: 0, End: len(tt.text)}) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestGoldTags checks the BIO tags made from attribution ranges: a span
// starts with B-, continues with I- while the tokens are its own and
// close together.
func TestGoldTags(t *testing.T) {
	d := &doc.Doc{Text: "Kerry said the talks failed ."}
	for _, s := range [][2]int{{0, 5}, {6, 10}, {11, 14}, {15, 20}, {21, 27}, {28, 29}} {
		d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: s[0], End: s[1]}})
	}
	roles := [][3][]doc.Span{{{{Start: 0, End: 5}}, {{Start: 6, End: 10}}, {{Start: 11, End: 27}}}}
	want := []int{tBSrc, tBCue, tBCon, tICon, tICon, tO}
	if got := GoldTags(d, roles); !slices.Equal(got, want) {
		t.Errorf("GoldTags = %v, want %v", got, want)
	}
	spans := spansOf(want, 10)
	wantSpans := []tagSpan{{0, 10, 11}, {1, 11, 12}, {2, 12, 15}}
	if !slices.Equal(spans, wantSpans) {
		t.Errorf("spansOf = %v, want %v", spans, wantSpans)
	}
}
