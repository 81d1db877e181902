package quote

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/segment"
)

func quotes(text string) (*doc.Doc, map[string]doc.Quote) {
	d := ingest.FromText("q", text)
	segment.Run(d)
	testEntities.Run(d)
	testQuotes.Run(d)
	out := map[string]doc.Quote{}
	for _, q := range d.Quotes {
		out[q.Text] = q
	}
	return d, out
}

func speaker(d *doc.Doc, q doc.Quote) string {
	if q.Speaker < 0 {
		return q.SpeakerName
	}
	return d.Mentions[q.Speaker].Key
}

func TestAttribution(t *testing.T) {
	tests := []struct {
		name, text, quote, speaker string
		direct                     bool
	}{
		{"name after quote", `"I have a feeling and a hope that we can relaunch this," De Mistura told a news conference. Staffan de Mistura is the envoy.`,
			"I have a feeling and a hope that we can relaunch this", "Staffan de Mistura", true},
		{"continuation in the same paragraph", `"We hope," Maria Lopez said. "We will be back on the right track."`,
			"We will be back on the right track.", "Maria Lopez", true},
		{"continuation in the next paragraph", "\"The hope is we can make progress,\" Kerry said at a meeting. John Kerry arrived.\n\n\"These are critical hours, we look for cooperation.\"",
			"These are critical hours, we look for cooperation.", "John Kerry", true},
		{"pronoun resolves to the last subject", "US Secretary of State John Kerry said on Monday the conflict was out of control.\n\n\"We're trying to press this as fast as possible,\" he said.",
			"We're trying to press this as fast as possible", "John Kerry", true},
		{"nominal resolved through titles", "UN mediator Staffan de Mistura spoke on Monday.\n\n\"How can you have substantial talks when there is only bombing?\" said the top diplomat, who gave no date.",
			"How can you have substantial talks when there is only bombing?", "Staffan de Mistura", true},
		{"name before colon", `When asked about Bashar al-Assad's future, Ana Ruiz said: "We didn't get into names of people."`,
			"We didn't get into names of people.", "Ana Ruiz", true},
		{"organisation speaks, partial quote", `The White House said it hoped the talks would "encourage all sides to support a durable peace."`,
			"encourage all sides to support a durable peace.", "White House", true},
		{"title then name after the verb", `"Europe cannot depend on one supplier," said Portuguese Economy Minister Rui Matos.`,
			"Europe cannot depend on one supplier", "Rui Matos", true},
		{"single quotes", "The truce is 'barely alive now' said Staffan de Mistura.", "barely alive now", "Staffan de Mistura", true},
		{"indirect speech", "John Kerry said on Sunday he hoped to make progress in talks in Geneva.", "he hoped to make progress in talks in Geneva", "John Kerry", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, qs := quotes(tt.text)
			q, ok := qs[tt.quote]
			if !ok {
				var got []string
				for k := range qs {
					got = append(got, k)
				}
				t.Fatalf("quote %q not found; got %q", tt.quote, got)
			}
			if s := speaker(d, q); s != tt.speaker {
				t.Errorf("speaker = %q, want %q", s, tt.speaker)
			}
			if q.Direct != tt.direct {
				t.Errorf("direct = %v", q.Direct)
			}
			if d.Text[q.Start:q.End] != q.Text {
				t.Errorf("span text %q != %q", d.Text[q.Start:q.End], q.Text)
			}
		})
	}
}

func TestNoInventedSpeaker(t *testing.T) {
	d, qs := quotes(`Critics called the plan "a step backwards for everyone involved".`)
	for _, q := range qs {
		if q.Speaker >= 0 {
			t.Errorf("quote %q given speaker %q", q.Text, speaker(d, q))
		}
	}
}

func TestMultiParagraphQuote(t *testing.T) {
	text := "Ana Ruiz said: \"The first part of the statement runs on\n\n\"and the second paragraph closes it.\""
	d, qs := quotes(text)
	found := 0
	for txt, q := range qs {
		if strings.HasPrefix(txt, "The first part") || strings.HasPrefix(txt, "and the second") {
			found++
			if speaker(d, q) != "Ana Ruiz" {
				t.Errorf("%q speaker %q", txt, speaker(d, q))
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d parts of the quote: %v", found, qs)
	}
}

// TestSources checks the source words kept with each quote and that a
// generic source ("a senior official") never becomes a named speaker.
func TestSources(t *testing.T) {
	tests := []struct {
		name, text, content, source, speaker string
	}{
		{"generic source, no speaker", "A senior official said the talks would resume in Geneva on Monday.",
			"the talks would resume in Geneva", "A senior official", ""},
		{"according to", "At least 40 people were injured in the blast, according to the regional health office.",
			"At least 40 people were injured in the blast", "the regional health office", ""},
		{"apposition", "Marek Zielinski, the head of the regional crisis centre, said the sea wall had been due for repairs since 2019.",
			"the sea wall had been due for repairs since 2019", "Marek Zielinski", "Marek Zielinski"},
		{"relative pronoun", "The plan was backed by Maria Lopez, who said the city could not wait another winter.",
			"the city could not wait another winter", "who", "Maria Lopez"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, qs := quotes(tt.text)
			var q doc.Quote
			found := false
			for txt, x := range qs {
				if strings.Contains(txt, tt.content) {
					q, found = x, true
				}
			}
			if !found {
				t.Fatalf("no quote containing %q in %v", tt.content, qs)
			}
			if got := d.Text[q.Source.Start:q.Source.End]; !strings.Contains(got, tt.source) {
				t.Errorf("source %q, want %q", got, tt.source)
			}
			if got := speaker(d, q); got != tt.speaker {
				t.Errorf("speaker %q, want %q", got, tt.speaker)
			}
			if q.Direct {
				t.Errorf("reported speech marked direct")
			}
		})
	}
}
