package segment

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
)

func sentenceTexts(t *testing.T, text string) []string {
	t.Helper()
	d := &doc.Doc{Text: text}
	Run(d)
	var out []string
	for _, s := range d.Sentences {
		out = append(out, d.Slice(s))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"abbreviations", "The U.S. envoy met Dr. Smith on Feb. 27 in Geneva. Talks resumed.",
			[]string{"The U.S. envoy met Dr. Smith on Feb. 27 in Geneva.", "Talks resumed."}},
		{"initialism ends sentence", "Peace is near, says U.S. The talks resume on Monday.",
			[]string{"Peace is near, says U.S.", "The talks resume on Monday."}},
		{"closing quote stays", `"We will be back," he said. "Soon."`,
			[]string{`"We will be back," he said.`, `"Soon."`}},
		{"opening quote after period starts a sentence", `He spoke. "We will build it," he said.`,
			[]string{`He spoke.`, `"We will build it," he said.`}},
		{"curly quotes", "“It is over.” She left.", []string{"“It is over.”", "She left."}},
		{"lower case after period is not a boundary", "It cost 3.5 million dollars. ok then", []string{"It cost 3.5 million dollars. ok then"}},
		{"paragraphs are boundaries", "Headline without stop\n\nFirst paragraph.", []string{"Headline without stop", "First paragraph."}},
		{"question and exclamation", "Why now? Because! Fine.", []string{"Why now?", "Because!", "Fine."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(t, tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	text := `Bashar al-Assad's forces hit 1,200 homes in U.S.-backed areas, officials said; don't panic.`
	d := &doc.Doc{Text: text}
	Run(d)
	var toks []string
	for _, tk := range d.Tokens {
		w := d.Slice(tk.Span)
		if strings.TrimSpace(w) != w || w == "" {
			t.Fatalf("token %q has spaces or is empty", w)
		}
		toks = append(toks, w)
	}
	want := []string{"Bashar", "al-Assad's", "forces", "hit", "1,200", "homes", "in", "U.S.-backed", "areas", ",", "officials", "said", ";", "don't", "panic", "."}
	if strings.Join(toks, " ") != strings.Join(want, " ") {
		t.Errorf("tokens\n got %q\nwant %q", toks, want)
	}
	for i := 1; i < len(d.Tokens); i++ {
		if d.Tokens[i].Start < d.Tokens[i-1].End {
			t.Fatalf("tokens overlap at %d", i)
		}
	}
}

func TestParagraphsTrimAndSkipBlank(t *testing.T) {
	text := "  First line  \n\n\nSecond\n"
	ps := Paragraphs(text)
	if len(ps) != 2 || text[ps[0].Start:ps[0].End] != "First line" || text[ps[1].Start:ps[1].End] != "Second" {
		t.Fatalf("paragraphs = %v", ps)
	}
}

func BenchmarkSegment(b *testing.B) {
	para := "US Secretary of State John Kerry said on Sunday he hoped to make progress in talks in Geneva over the next two days towards renewing a cessation of hostilities agreement. \"The hope is we can make some progress,\" Kerry said at the start of a meeting with Jordan's Foreign Minister Nasser Judeh.\n\n"
	text := strings.Repeat(para, 50)
	d := &doc.Doc{Text: text}
	Run(d)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(d)
	}
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// Tokens carry their lower-case form, their flags and the length of a
// possessive ending, so no stage computes them again.
func TestTokenForms(t *testing.T) {
	d := &doc.Doc{Text: `NATO's al-Assad 1,200 Kerry’s the U.S.-led it's`}
	Run(d)
	type form struct {
		lower string
		flags doc.TokenFlags
		poss  int8
	}
	// (A closing apostrophe with a space after it is a token of its own.)
	want := map[string]form{
		"NATO's":   {"nato's", doc.Word | doc.Cap | doc.AllCaps, 2},
		"al-Assad": {"al-assad", doc.Word | doc.Hyphenated, 0},
		"1,200":    {"1,200", doc.Word | doc.Digit, 0},
		"Kerry’s":  {"kerry’s", doc.Word | doc.Cap, int8(len("’s"))},
		"the":      {"the", doc.Word, 0},
		"U.S.-led": {"u.s.-led", doc.Word | doc.Cap | doc.Hyphenated, 0},
		"it's":     {"it's", doc.Word, 2}, // the stage reading it decides what the ending is
	}
	if len(d.Tokens) != 7 {
		t.Fatalf("%d tokens, want %d", len(d.Tokens), len(want))
	}
	for _, tk := range d.Tokens {
		w := d.Slice(tk.Span)
		if got := (form{tk.Lower, tk.Flags, tk.Poss}); got != want[w] {
			t.Errorf("%q: %+v, want %+v", w, got, want[w])
		}
	}
	if !d.Tokens[0].Is(doc.Cap|doc.Word) || d.Tokens[4].Is(doc.Cap) {
		t.Error("Is")
	}
}

// BenchmarkRepetitive segments one long paragraph of the same short
// quoted sentence, 1,000 and 10,000 times: the time per sentence must not
// grow with the paragraph (it did: each sentence scanned every token of
// its paragraph, and each closing quote counted the quotes from the
// paragraph's start).
func BenchmarkRepetitive(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		text := strings.Repeat(`"Yes," said Smith. `, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				d := &doc.Doc{Text: text}
				Run(d)
			}
		})
	}
}
