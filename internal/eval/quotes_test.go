package eval

import (
	"strings"
	"testing"
)

func TestReadBratCharacterOffsets(t *testing.T) {
	// "’" is three bytes: brat counts it as one character.
	text := "Clinton’s aide said “it is fine,” and left."
	ann := "T1\tSource 10 14\taide\nT2\tCue 15 19\tsaid\nT3\tContent 20 33\t“it is fine,”\nT4\tAttribution 15 19\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
	as, err := ReadBrat(text, strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 {
		t.Fatalf("%d attributions", len(as))
	}
	a := as[0]
	if got := text[a.Source[0].Start:a.Source[0].End]; got != "aide" {
		t.Errorf("source %q", got)
	}
	if got := text[a.Content[0].Start:a.Content[0].End]; got != "“it is fine,”" || !a.Direct {
		t.Errorf("content %q direct %v", got, a.Direct)
	}
	if _, err := ReadBrat(text, strings.NewReader("T1\tSource 10 400\tx\n")); err == nil {
		t.Error("offsets past the text: no error")
	}
}

func TestReadBratDiscontinuousContent(t *testing.T) {
	text := `"We will," she said, "rebuild."`
	ann := "T1\tContent 1 8;22 30\tWe will, rebuild.\nT2\tCue 14 18\tsaid\nT3\tSource 10 13\tshe\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n"
	as, err := ReadBrat(text, strings.NewReader(ann))
	if err != nil || len(as) != 1 || len(as[0].Content) != 2 {
		t.Fatalf("%v %+v", err, as)
	}
}

func TestScoreQuotes(t *testing.T) {
	text := `Officials said the talks would resume. "It is over," Lis said.`
	gold := []Attribution{
		{Source: []Range{{0, 9}}, Content: []Range{{15, 37}}},
		{Source: []Range{{53, 56}}, Content: []Range{{39, 51}}},
	}
	sys := []Attribution{
		{Source: []Range{{0, 9}}, Content: []Range{{19, 37}}}, // "talks would resume": overlap, not exact
		{Source: []Range{{0, 9}}, Content: []Range{{40, 50}}}, // right words, wrong source
	}
	s, ms := ScoreQuotes(text, gold, sys, nil)
	if s.ContentOverlap != 2 || s.ContentExact != 1 || s.SourceExact != 1 {
		t.Errorf("scores %+v", s)
	}
	if len(ms) != 2 || ms[0].Exact || !ms[1].Exact || ms[1].SourceCorrect {
		t.Errorf("matches %+v", ms)
	}
	if s, _ := ScoreQuotes(text, gold, nil, nil); s.ContentOverlap != 0 || s.Gold != 2 {
		t.Errorf("no system quotes: %+v", s)
	}
}

func TestSameSpeaker(t *testing.T) {
	for _, c := range []struct {
		g, s string
		want bool
	}{{"Sergei Lavrov", "Lavrov", true}, {"Lavrov", "Sergei Lavrov", true}, {"John Kerry", "John Smith", false}, {"-", "", true}, {"-", "Kerry", false}, {"Kerry", "", false}} {
		if got := SameSpeaker(c.g, c.s); got != c.want {
			t.Errorf("SameSpeaker(%q, %q) = %v", c.g, c.s, got)
		}
	}
}
