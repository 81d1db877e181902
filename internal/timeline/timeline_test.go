package timeline

import (
	"fmt"
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
		timex.Date(d)
		timex.Run(d)
	}
	tl := Build([]*doc.Doc{a, b}, []int{0, 1}, DefaultOptions())
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

func TestBuildBorrowsTokens(t *testing.T) {
	texts := []string{
		"Kerry arrived in Geneva on Sunday to save the truce.\n\nMoscow and Washington brokered the Feb. 27 ceasefire deal, which applied to western Syria.",
		"De Mistura said on Tuesday the talks could resume within hours.\n\nThe Feb. 27 ceasefire deal was brokered by Moscow and Washington for western Syria.",
	}
	var with, without []*doc.Doc
	for i, text := range texts {
		a := &doc.Doc{ID: string(rune('a' + i)), Published: "2016-05-0" + string(rune('1'+2*i)), Text: text}
		segment.Run(a)
		timex.Date(a)
		timex.Run(a)
		b := *a
		b.Tokens = nil // as a store returns it
		with, without = append(with, a), append(without, &b)
	}
	want := Build(with, []int{0, 1}, DefaultOptions())
	opt := DefaultOptions()
	held, lent := 0, 0
	opt.Tokens = func(d *doc.Doc) func() {
		if held != 0 {
			t.Fatalf("%s borrowed tokens while another document held them", d.ID)
		}
		held++
		lent++
		segment.Run(d)
		return func() { d.Tokens = nil; held-- }
	}
	got := Build(without, []int{0, 1}, opt)
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want) < 3 {
		t.Errorf("with borrowed tokens:\n%v\nwith their own:\n%v", got, want)
	}
	if lent != 2 || without[0].Tokens != nil || without[1].Tokens != nil {
		t.Errorf("lent %d times (want 2), tokens given back: %v", lent, without[0].Tokens == nil && without[1].Tokens == nil)
	}
}
