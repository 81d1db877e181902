package cluster

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

func mk(id, date, text string) *doc.Doc {
	d := &doc.Doc{ID: id, Published: date, Text: text}
	segment.Run(d)
	return d
}

func group(docs []*doc.Doc, lines []Storyline) (storylines, stories []string) {
	for _, sl := range lines {
		var ids []string
		for _, i := range sl.Docs {
			ids = append(ids, docs[i].ID)
		}
		storylines = append(storylines, strings.Join(ids, ","))
		for _, st := range sl.Stories {
			var s []string
			for _, i := range st {
				s = append(s, docs[i].ID)
			}
			stories = append(stories, strings.Join(s, ","))
		}
	}
	return
}

func TestStoriesNestInStorylines(t *testing.T) {
	flood := "Storm floods the harbour district; rescuers search flooded cellars after the sea wall broke near the shipyard."
	docs := []*doc.Doc{
		mk("f1", "2025-03-03", flood),
		mk("f2", "2025-03-04", flood+" The toll rose."),
		mk("f3", "2025-09-20", flood+" An inquiry into the sea wall reported months later."),
		mk("b1", "2025-03-04", "Ministers met carmakers at a battery summit to plan electric car factories and jobs."),
	}
	vs := Features(docs, func(int, int) string { return "" })
	lines := Cluster(docs, vs, Defaults)
	sl, st := group(docs, lines)
	if strings.Join(sl, "|") != "f1,f2,f3|b1" {
		t.Errorf("storylines %v", sl)
	}
	if strings.Join(st, "|") != "f1,f2|f3|b1" {
		t.Errorf("stories %v", st)
	}
}

func TestUndatedNeedStrongerLinks(t *testing.T) {
	docs := []*doc.Doc{
		mk("a", "", "Rescuers search flooded cellars in the harbour after the storm broke the sea wall."),
		mk("b", "", "Rescuers search flooded cellars in the harbour after the storm broke the sea wall again today."),
		mk("c", "", "The storm also delayed trains in the north of the country and closed two schools near the harbour."),
	}
	vs := Features(docs, func(int, int) string { return "" })
	_, st := group(docs, Cluster(docs, vs, Defaults))
	if st[0] != "a,b" {
		t.Errorf("stories %v", st)
	}
}

// Unrelated documents stay apart, and the result does not depend on the
// order documents arrive in when they are dated.
func TestUnrelatedStayApart(t *testing.T) {
	var docs []*doc.Doc
	for i := 0; i < 200; i++ {
		docs = append(docs, mk(fmt.Sprint(i), "2025-03-03", fmt.Sprintf("topic%d alpha%d beta%d gamma%d delta%d common words here", i, i, i, i, i)))
	}
	vs := Features(docs, func(int, int) string { return "" })
	if n := len(Cluster(docs, vs, Defaults)); n != 200 {
		t.Errorf("%d storylines for 200 unrelated documents", n)
	}
}
