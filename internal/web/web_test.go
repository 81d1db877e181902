package web

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/view"
)

func TestSegmentsCarryLayers(t *testing.T) {
	text := "Kerry met Lavrov on Monday. Both spoke."
	d := api.DocumentDetail{Document: model.Document{ID: "d", Text: text, Sentences: []model.Span{{Start: 0, End: 27}, {Start: 28, End: 39}}},
		Mentions: []view.EntityMention{{Entity: "person-kerry", Mention: model.Mention{Doc: "d", Start: 0, End: 5, Text: "Kerry"}}},
		Times:    []model.Time{{Doc: "d", Start: 20, End: 26, Text: "Monday", Type: "DATE", Value: "2016-05-02"}}}
	segs := segments(d, 28, 39)
	var rebuilt strings.Builder
	for _, s := range segs {
		rebuilt.WriteString(s.Text)
	}
	if rebuilt.String() != text {
		t.Fatalf("segments lose text: %q", rebuilt.String())
	}
	find := func(txt string) segment {
		for _, s := range segs {
			if s.Text == txt {
				return s
			}
		}
		t.Fatalf("no segment %q in %+v", txt, segs)
		return segment{}
	}
	if s := find("Kerry"); s.Entity != "person-kerry" || s.Classes != "ent" || s.Anchor != "o-0" {
		t.Errorf("mention segment %+v", s)
	}
	if s := find("Monday"); s.Classes != "time" || !strings.Contains(s.Title, "2016-05-02") {
		t.Errorf("time segment %+v", s)
	}
	if s := find("Both spoke."); !s.Cited || s.Anchor != "o-28" {
		t.Errorf("cited sentence %+v", s)
	}
}

func TestTimelineAxis(t *testing.T) {
	pts, ticks := timelineSVG([]model.TimelineEntry{{Date: "2016-04-22"}, {Date: "2016-05-03"}, {Date: "2016-05-03"}, {Date: "not a date"}})
	if len(pts) != 2 || pts[0].X != 20 || pts[1].X != 760 || pts[1].Index != 1 || len(ticks) != 2 {
		t.Errorf("points %+v ticks %+v", pts, ticks)
	}
}

func TestSnippetMarks(t *testing.T) {
	parts := splitSnippet("…the old [sea] [wall] near <b>")
	var got []string
	for _, p := range parts {
		if p.Match {
			got = append(got, p.Text)
		}
	}
	if strings.Join(got, ",") != "sea,wall" || parts[len(parts)-1].Text != " near <b>" {
		t.Errorf("parts %+v", parts)
	}
}
