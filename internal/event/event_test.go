package event

import (
	"testing"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timex"
)

func TestCoding(t *testing.T) {
	tests := []struct {
		text, code, actor, target string
	}{
		{"Last week Kerry accused Russia of war crimes.", "112", "Kerry", "Russia"},
		{"John Kerry met Sergei Lavrov in Geneva on Monday.", "040", "John Kerry", "Sergei Lavrov"},
		{"Syrian regime forces launched air strikes on Aleppo.", "195", "Syrian regime forces", "Aleppo"},
		{"The UN envoy appealed to Russia to save the truce.", "020", "United Nations", "Russia"},
		{"Ministers from 20 countries met in Lisbon with Ursula Berg on Tuesday.", "040", "Ministers", "Ursula Berg"},
		{"Kerry criticised Russia over the air strikes.", "111", "Kerry", "Russia"},
		{"Rebels fought government troops near Aleppo.", "190", "Rebels", "government"},
	}
	for _, tt := range tests {
		d := ingest.FromText("e", tt.text)
		d.Published = "2016-05-03"
		segment.Run(d)
		testEntities.Run(d)
		timex.Date(d)
		timex.Run(d)
		Run(d)
		found := false
		for _, e := range d.Events {
			if e.Code == tt.code {
				found = true
				if e.Actor != tt.actor || e.Target != tt.target {
					t.Errorf("%q: actor %q target %q, want %q %q", tt.text, e.Actor, e.Target, tt.actor, tt.target)
				}
				if e.Date == "" || Labels[e.Code[:2]] == "" {
					t.Errorf("%q: date %q, root label missing for %s", tt.text, e.Date, e.Code)
				}
			}
		}
		if !found {
			t.Errorf("%q: no event %s in %+v", tt.text, tt.code, d.Events)
		}
	}
}

// TestNoEventInsideQuotes: what a speaker says someone will do is not an
// event of the article.
func TestNoEventInsideQuotes(t *testing.T) {
	d := ingest.FromText("e", `"Our forces attacked the rebels in Aleppo at dawn," the Syrian army commander said.`)
	d.Published = "2016-05-03"
	segment.Run(d)
	testEntities.Run(d)
	timex.Date(d)
	timex.Run(d)
	testQuotes.Run(d)
	Run(d)
	for _, e := range d.Events {
		if e.Code[:2] == "19" {
			t.Errorf("event coded inside a quote: %+v", e)
		}
	}
}
