package timeline

import (
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timex"
)

func TestDatesFromTextAndPublication(t *testing.T) {
	a := &doc.Doc{ID: "a", Published: "2016-05-01", Text: "Kerry arrived in Geneva on Sunday to save the truce.\n\nMoscow and Washington brokered the Feb. 27 ceasefire deal, which applied to western Syria.\n\nShort line"}
	b := &doc.Doc{ID: "b", Published: "2016-05-03", Text: "De Mistura said on Tuesday the talks could resume within hours.\n\nThe Feb. 27 ceasefire deal was brokered by Moscow and Washington for western Syria."}
	for _, d := range []*doc.Doc{a, b} {
		segment.Run(d)
		timex.Run(d)
	}
	tl := Build([]*doc.Doc{a, b}, []int{0, 1}, Defaults)
	byDate := map[string][]string{}
	for _, e := range tl {
		byDate[e.Date] = append(byDate[e.Date], e.Text)
		if len(e.Evidence) != 1 {
			t.Errorf("entry without evidence: %+v", e)
		}
	}
	if len(byDate["2016-02-27"]) != 1 {
		t.Errorf("Feb. 27 mentioned by two sources should give one entry (de-duplicated): %v", byDate["2016-02-27"])
	}
	if len(byDate["2016-05-01"]) == 0 || len(byDate["2016-05-03"]) == 0 {
		t.Errorf("dates: %v", byDate)
	}
	for i := 1; i < len(tl); i++ {
		if tl[i].Date < tl[i-1].Date {
			t.Fatal("timeline not in date order")
		}
	}
}

func TestUsableSkipsCredits(t *testing.T) {
	d := &doc.Doc{Text: "A caption about a man in Aleppo on Thursday. (Jean Bott/Reuters)\n\nThe real reporting sentence is here and long."}
	segment.Run(d)
	d.Credits = []doc.Credit{{Span: d.Paragraphs[0], Kind: "caption"}}
	if Usable(d, 0) || !Usable(d, len(d.Sentences)-1) {
		t.Error("caption used as reporting, or reporting refused")
	}
}
