package quantity

import (
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timex"
)

func figures(text, dct string) (*doc.Doc, map[float64]doc.Quantity) {
	d := ingest.FromText("q", text)
	d.Published = dct
	segment.Run(d)
	testEntities.Run(d)
	timex.Date(d)
	timex.Run(d)
	testQuotes.Run(d)
	Run(d)
	out := map[float64]doc.Quantity{}
	for _, q := range d.Quantities {
		out[q.Value] = q
	}
	return d, out
}

func name(d *doc.Doc, i int) string {
	if i < 0 {
		return ""
	}
	return d.Mentions[i].Key
}

func TestClaims(t *testing.T) {
	type want struct {
		value                            float64
		approx                           bool
		what, event, place, since, attrb string
	}
	tests := []struct {
		name, text string
		want       []want
	}{
		{"full claim with breakdown",
			"The Syrian Observatory for Human Rights has reported that 279 civilians have been killed on both sides in Aleppo since April 22, with 155 killed in opposition-held areas and 124 in regime-held districts.",
			[]want{{279, false, "civilians", "killed", "Aleppo", "2016-04-22", "Syrian Observatory for Human Rights"},
				{155, false, "civilians", "killed", "", "2016-04-22", "Syrian Observatory for Human Rights"},
				{124, false, "civilians", "killed", "", "2016-04-22", "Syrian Observatory for Human Rights"}}},
		{"event before the number, approximate", "Jets hit Aleppo, killing nearly 250 people in the city since April 22.",
			[]want{{250, true, "people", "killed", "Aleppo", "2016-04-22", ""}}},
		{"number words", "Forty children were reportedly among the dead. Four children were killed by rocket fire.",
			[]want{{40, false, "children", "dead", "", "", ""}, {4, false, "children", "killed", "", "", ""}}},
		{"half-million and as many as", "The conflict has killed as many as a half-million people since 2011.",
			[]want{{500000, true, "people", "killed", "", "2011", ""}}},
		{"two events in one clause", "The bombing of a funeral in Yemen killed some 140 people and wounded more than 600.",
			[]want{{140, true, "people", "killed", "Yemen", "", ""}, {600, true, "", "wounded", "", "", ""}}},
		{"toll", "The death toll from the flooding in Gdansk rose to 17 on Tuesday, the regional crisis centre said.",
			[]want{{17, false, "people", "killed", "Gdansk", "", ""}}},
		{"figures that count things", "Obama decided to send 250 Special Operations troops to Syria.",
			[]want{{250, false, "Special Operations troops", "", "Syria", "", ""}}},
		{"scaled digits", "Some 1.5 million people were displaced.", []want{{1500000, true, "people", "displaced", "", "", ""}}},
		{"what counted is an action", "The regime hit civilian areas of Aleppo with nearly 30 air strikes on Saturday.",
			[]want{{30, true, "air strikes", "", "Aleppo", "", ""}}},
		{"at least, arrested", "Police in Lisbon arrested at least 12 people after the protest.", []want{{12, true, "people", "arrested", "Lisbon", "", ""}}},
		{"up to, injured", "Up to 200 people were injured in the blast.", []want{{200, true, "people", "injured", "", "", ""}}},
		{"source in the sentence before", "The Syrian Observatory for Human Rights gave new figures on Monday. It said 45 civilians were killed in Idlib.",
			[]want{{45, false, "civilians", "killed", "Idlib", "", "Syrian Observatory for Human Rights"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, qs := figures(tt.text, "2016-05-03")
			for _, w := range tt.want {
				q, ok := qs[w.value]
				if !ok {
					t.Errorf("no figure %v in %+v", w.value, qs)
					continue
				}
				attr := name(d, q.AttributedTo)
				if attr == "" {
					attr = q.AttrName
				}
				got := want{q.Value, q.Approximate, q.What, q.Event, name(d, q.Place), q.Since, attr}
				if w.place == "" {
					got.place = ""
				}
				if got != w {
					t.Errorf("figure %v:\n got %+v\nwant %+v", w.value, got, w)
				}
			}
		})
	}
}

func TestBreakdownLinks(t *testing.T) {
	total := -1
	d, qs := figures("Officials said 279 civilians have been killed, with 155 killed in the east and 124 in the west.", "2016-05-03")
	for i, q := range d.Quantities {
		if q.Value == 279 {
			total = i
		}
	}
	if qs[155].PartOf != total || qs[124].PartOf != total || qs[279].PartOf != -1 {
		t.Errorf("links: 279→%d 155→%d 124→%d (total index %d)", qs[279].PartOf, qs[155].PartOf, qs[124].PartOf, total)
	}
}

func TestNotClaims(t *testing.T) {
	_, qs := figures("In 2016, on April 22, the six year war went on for 45 years. No one came.", "2016-05-03")
	for v, q := range qs {
		t.Errorf("unexpected figure %v (%q %q)", v, q.What, q.Event)
	}
}
