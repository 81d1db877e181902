package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
)

// line is a storyline of the given documents with stories of the given
// documents (one story of all of them when none is given).
func line(id string, docs string, stories ...string) model.Storyline {
	sl := model.Storyline{ID: id, Documents: strings.Fields(docs)}
	if len(stories) == 0 {
		stories = []string{docs}
	}
	for i, s := range stories {
		sl.Stories = append(sl.Stories, model.Story{ID: fmt.Sprintf("%s-story-%d", id, i+1), Documents: strings.Fields(s)})
	}
	return sl
}

func TestAssignIDs(t *testing.T) {
	tests := []struct {
		name string
		prev []model.Storyline
		now  []model.Storyline // ids positional, as connect makes them
		want string            // "id(aliases) story,story | ..."
	}{
		{"no previous analysis: positions",
			nil,
			[]model.Storyline{line("storyline-1", "a b"), line("storyline-2", "c")},
			"storyline-1() storyline-1-story-1 | storyline-2() storyline-2-story-1"},
		{"a new storyline before the old ones keeps theirs and takes the next number",
			[]model.Storyline{line("storyline-1", "a b"), line("storyline-2", "c")},
			[]model.Storyline{line("storyline-1", "z"), line("storyline-2", "a b"), line("storyline-3", "c")},
			"storyline-3() storyline-3-story-1 | storyline-1() storyline-1-story-1 | storyline-2() storyline-2-story-1"},
		{"a merge keeps the larger predecessor's id, the other becomes an alias",
			[]model.Storyline{line("storyline-1", "a b"), line("storyline-2", "c")},
			[]model.Storyline{line("storyline-1", "a b c", "a b", "c")},
			"storyline-1(storyline-2) storyline-1-story-1,storyline-2-story-1"},
		{"a split: the larger part keeps the id, the smaller a new one",
			[]model.Storyline{line("storyline-1", "a b c")},
			[]model.Storyline{line("storyline-1", "c"), line("storyline-2", "a b")},
			"storyline-2() storyline-2-story-1 | storyline-1() storyline-1-story-1"},
		{"aliases carry over; ids once given are never given again",
			[]model.Storyline{{ID: "storyline-4", Aliases: []string{"storyline-7"}, Documents: []string{"a"},
				Stories: []model.Story{{ID: "storyline-4-story-2", Documents: []string{"a"}}}}},
			[]model.Storyline{line("storyline-1", "a b", "a", "b"), line("storyline-2", "q")},
			"storyline-4(storyline-7) storyline-4-story-2,storyline-4-story-3 | storyline-8() storyline-8-story-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assignIDs(tt.now, tt.prev)
			var parts []string
			for _, sl := range tt.now {
				var st []string
				for _, s := range sl.Stories {
					st = append(st, s.ID)
				}
				parts = append(parts, fmt.Sprintf("%s(%s) %s", sl.ID, strings.Join(sl.Aliases, ","), strings.Join(st, ",")))
			}
			if got := strings.Join(parts, " | "); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Through the store: documents arriving later, on a new topic dated before
// the stored ones, leave every stored storyline and story its id.
func TestRecomputeKeepsIDs(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	first := newEngine(t)
	if _, err := first.Ingest(ctx, st, corpus()); err != nil {
		t.Fatal(err)
	}
	before, _, err := first.Recompute(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(id, day, text string) *doc.Doc {
		d := ingest.FromText(id, text)
		d.Published = day
		return d
	}
	later := []*doc.Doc{
		mk("quake-1", "2025-02-20", "Earthquake shakes Izmir\n\nA strong earthquake shook Izmir on Thursday, collapsing buildings in the old town, officials said."),
		mk("quake-2", "2025-02-21", "Izmir earthquake rescue\n\nRescuers in Izmir pulled survivors from collapsed buildings on Friday after the earthquake."),
	}
	second := newEngine(t) // another run: ids come from the store
	if _, err := second.Ingest(ctx, st, later); err != nil {
		t.Fatal(err)
	}
	after, _, err := second.Recompute(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Storylines) != len(before.Storylines)+1 {
		t.Fatalf("%d storylines, want %d", len(after.Storylines), len(before.Storylines)+1)
	}
	ids := map[string]string{} // documents -> storyline id
	for _, sl := range after.Storylines {
		ids[strings.Join(sl.Documents, ",")] = sl.ID
	}
	for _, sl := range before.Storylines {
		if got := ids[strings.Join(sl.Documents, ",")]; got != sl.ID {
			t.Errorf("storyline %v was %s, is now %q", sl.Documents, sl.ID, got)
		}
	}
	if got := ids["quake-1,quake-2"]; got != fmt.Sprintf("storyline-%d", len(before.Storylines)+1) {
		t.Errorf("the new storyline is %q, want the next number", got)
	}
}
