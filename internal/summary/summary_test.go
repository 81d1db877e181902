package summary

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

func claim(id, date string, value float64, event, what, place, since string) Claim {
	d := &doc.Doc{ID: id, Published: date, Text: "claim text"}
	return Claim{Doc: d, Q: doc.Quantity{Span: doc.Span{Start: 0, End: 5}, Value: value, Event: event, What: what, Since: since, PartOf: -1}, PlaceID: place, PlaceName: place}
}

func TestDisagreementKinds(t *testing.T) {
	// A later, higher count over the same period: an update.
	ds := Disagreements([]Claim{claim("a", "2016-05-03", 279, "killed", "civilians", "aleppo", "2016-04-22"), claim("b", "2016-05-01", 250, "killed", "people", "aleppo", "2016-04-22")})
	if len(ds) != 1 || ds[0].Kind != "update" || ds[0].Claims[0].Value != 250 || ds[0].Claims[1].Value != 279 {
		t.Fatalf("update: %+v", ds)
	}
	// Same day, different numbers: a conflict.
	ds = Disagreements([]Claim{claim("a", "2016-05-03", 30, "killed", "people", "x", ""), claim("b", "2016-05-03", 45, "killed", "people", "x", "")})
	if len(ds) != 1 || ds[0].Kind != "conflict" {
		t.Fatalf("conflict: %+v", ds)
	}
	// Later and lower: a conflict.
	ds = Disagreements([]Claim{claim("a", "2016-05-01", 30, "killed", "people", "x", ""), claim("b", "2016-05-03", 20, "killed", "people", "x", "")})
	if len(ds) != 1 || ds[0].Kind != "conflict" {
		t.Fatalf("lower later: %+v", ds)
	}
	// Different places, one document, or breakdowns: nothing to compare.
	parts := claim("c", "2016-05-03", 155, "killed", "people", "x", "")
	parts.Q.PartOf = 0
	if ds := Disagreements([]Claim{claim("a", "2016-05-01", 30, "killed", "people", "x", ""), claim("b", "2016-05-03", 20, "killed", "people", "y", ""), parts}); len(ds) != 0 {
		t.Errorf("unrelated claims compared: %+v", ds)
	}
	if ds := Disagreements([]Claim{claim("a", "2016-05-01", 30, "killed", "people", "x", ""), claim("a", "2016-05-01", 20, "killed", "people", "x", "")}); len(ds) != 0 {
		t.Errorf("one document compared with itself: %+v", ds)
	}
}

func TestSummaryIsCitedAndNotRedundant(t *testing.T) {
	text := "Storm Edda flooded the harbour district of Gdansk on Monday, killing twelve people.\n\n" +
		"Storm Edda flooded the harbour district of Gdansk on Monday, killing twelve people and more.\n\n" +
		"The mayor called for an inquiry into the sea wall that failed near the shipyard.\n\n" +
		"Divers searched flooded cellars in the harbour district for the missing residents."
	d := &doc.Doc{ID: "d", Published: "2025-03-03", Text: text}
	segment.Run(d)
	lines := Summarize([]*doc.Doc{d}, []int{0}, 3, nil)
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	dups := 0
	for _, l := range lines {
		ev := l.Evidence[0]
		if d.Text[ev.Start:ev.End] != l.Text {
			t.Errorf("line %q not cited exactly", l.Text)
		}
		if len(l.Text) > 60 && l.Text[:60] == text[:60] {
			dups++
		}
	}
	if dups > 1 {
		t.Errorf("near-duplicate sentences both chosen: %+v", lines)
	}
}

// TestCentralityFollowsSources: the first line of a one-line summary is
// what several sources report, not one article's aside, even when the aside
// opens its article.
func TestCentralityFollowsSources(t *testing.T) {
	mk := func(id, text string) *doc.Doc {
		d := &doc.Doc{ID: id, Published: "2025-03-04", Text: text}
		segment.Run(d)
		return d
	}
	docs := []*doc.Doc{
		mk("a", "A local choir cancelled its spring concert at the old theatre because of the weather forecast.\n\nRescuers searched flooded cellars in the Gdansk harbour district after the sea wall broke."),
		mk("b", "Rescuers searched flooded cellars across the Gdansk harbour district after the old sea wall broke."),
		mk("c", "Divers and rescuers searched flooded cellars of the Gdansk harbour district where the sea wall broke."),
	}
	lines := Summarize(docs, []int{0, 1, 2}, 1, nil)
	if len(lines) != 1 || lines[0].Evidence[0].Doc == "a" && lines[0].Evidence[0].Start == 0 {
		t.Errorf("summary led by the aside: %+v", lines)
	}
}

// Past maxGraph sentences (centrality then measured against a sample of
// them), what every source reports must still be the summary's first
// choice, over each article's own lead.
func TestSummaryOfLargeStoryline(t *testing.T) {
	// word makes a distinct pronounceable word from a number.
	word := func(n int) string {
		const cs, vs = "bdfgklmnprstvz", "aeiou"
		w := ""
		for k := 0; k < 3; k++ {
			w += string(cs[n%len(cs)]) + string(vs[(n/len(cs))%len(vs)])
			n /= len(cs) * len(vs)
			n += 7 * (k + 1)
		}
		return w
	}
	var docs []*doc.Doc
	var idx []int
	for i := 0; len(idx) < 2*maxGraph/3; i++ {
		// Each article: three sentences of its own, the shared fact
		// second (so the lead bonus does not pick it).
		text := ""
		for k := 0; k < 3; k++ {
			if k == 1 {
				text += "Engineers closed the Varnok dam after cracks spread across its northern wall.\n\n"
			}
			n := (i*3 + k) * 5
			text += fmt.Sprintf("The %s %s %s near %s %s.\n\n", word(n), word(n+1), word(n+2), word(n+3), word(n+4))
		}
		d := &doc.Doc{ID: fmt.Sprintf("d%03d", i), Published: "2025-03-03", Text: text}
		segment.Run(d)
		docs = append(docs, d)
		idx = append(idx, i)
	}
	lines := Summarize(docs, idx, 1, nil)
	if len(lines) != 1 || !strings.Contains(lines[0].Text, "Varnok dam") {
		t.Fatalf("%d sentences from %d articles: summary %+v does not lead with the fact every source reports", 4*len(docs), len(docs), lines)
	}
}

// lender lends documents tokens one at a time, as the pipeline does for
// large storylines, and fails the test if two are held at once.
func lender(t *testing.T) (doc.Borrow, *int) {
	held, lent := 0, 0
	return func(d *doc.Doc) func() {
		if held != 0 {
			t.Fatalf("%s borrowed tokens while another document held them", d.ID)
		}
		segment.Run(d)
		held++
		lent++
		return func() { d.Tokens = nil; held-- }
	}, &lent
}

func TestSummarizeBorrowsTokens(t *testing.T) {
	texts := []string{
		"Storm Edda flooded the harbour district of Gdansk on Monday, killing twelve people.\n\nThe mayor called for an inquiry into the sea wall that failed near the shipyard.",
		"Rescuers in Gdansk searched flooded cellars on Tuesday after Storm Edda killed twelve people.\n\nThe sea wall near the shipyard failed, engineers said on Tuesday evening.",
		"The mayor of Gdansk said an inquiry would look at why the sea wall failed during Storm Edda.\n\nInsurers expect claims from the harbour district to run into millions.",
	}
	var with, without []*doc.Doc
	for i, text := range texts {
		a := &doc.Doc{ID: fmt.Sprint("d", i), Published: "2025-03-03", Text: text}
		segment.Run(a)
		with = append(with, a)
		b := &doc.Doc{ID: a.ID, Published: a.Published, Text: text}
		segment.Run(b)
		b.Tokens = nil // as a store returns it
		without = append(without, b)
	}
	want := Summarize(with, []int{0, 1, 2}, 2, nil)
	borrow, lent := lender(t)
	got := Summarize(without, []int{0, 1, 2}, 2, borrow)
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want) != 2 {
		t.Errorf("with borrowed tokens:\n%v\nwith their own:\n%v", got, want)
	}
	if *lent != 3 {
		t.Errorf("tokens lent %d times, want once per document (3)", *lent)
	}
	for _, d := range without {
		if d.Tokens != nil {
			t.Errorf("%s kept its borrowed tokens", d.ID)
		}
	}
}
