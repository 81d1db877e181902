package pipeline

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
)

// corpus is a small made-up news set: a flood covered by three outlets over
// three days, and an unrelated summit.
func corpus() []*doc.Doc {
	mk := func(id, published, source, text string) *doc.Doc {
		d := ingest.FromText(id, text)
		d.Published, d.Source = published, source
		return d
	}
	return []*doc.Doc{
		mk("flood-1", "2025-03-03", "Courier", "Storm floods Gdansk harbour\n\nStorm Edda drove seawater into the harbour district of Gdansk on Monday, officials said.\n\nThe regional crisis centre said at least 12 people were killed in Gdansk since Sunday.\n\n\"We have not seen water this high in fifty years,\" Mayor Katarzyna Lis told reporters."),
		mk("flood-2", "2025-03-04", "Wire", "Gdansk flood toll rises\n\nThe number of people killed in the Gdansk flood rose to 15 on Tuesday, rescuers said, a day after Storm Edda hit the harbour district.\n\nMayor Katarzyna Lis called for an inquiry into the broken sea wall of the harbour district."),
		mk("flood-3", "2025-03-05", "Daily", "Gdansk counts the cost of the flood\n\nThe death toll from the flooding in Gdansk rose to 17 on Wednesday as divers searched flooded cellars in the harbour district.\n\nMayor Katarzyna Lis said the sea wall of the harbour district was too weak after Storm Edda."),
		mk("summit", "2025-03-04", "Ledger", "Lisbon hosts battery summit\n\nMinisters and carmakers met in Lisbon on Tuesday to discuss battery factories and electric cars.\n\nThe European Commission said battery factories could create 50,000 jobs in the car industry by 2030."),
	}
}

func analyze(t *testing.T) *model.Analysis {
	t.Helper()
	e := newEngine(t)
	docs := corpus()
	analyzeAll(t, e, docs)
	return e.Connect(docs)
}

func TestStorylinesAndStories(t *testing.T) {
	a := analyze(t)
	if len(a.Storylines) != 2 {
		t.Fatalf("%d storylines, want 2: %+v", len(a.Storylines), a.Storylines)
	}
	flood := a.Storylines[0]
	if strings.Join(flood.Documents, ",") != "flood-1,flood-2,flood-3" {
		t.Errorf("flood storyline documents %v", flood.Documents)
	}
	if len(flood.Stories) != 1 || flood.Stories[0].Start != "2025-03-03" || flood.Stories[0].End != "2025-03-05" {
		t.Errorf("flood stories %+v", flood.Stories)
	}
}

func TestTimelineSummaryEvidence(t *testing.T) {
	a := analyze(t)
	texts := map[string]string{}
	for _, d := range a.Documents {
		texts[d.ID] = d.Text
	}
	flood := a.Storylines[0]
	dates := map[string]bool{}
	for _, e := range flood.Timeline {
		dates[e.Date] = true
		for _, ev := range e.Evidence {
			if got := texts[ev.Doc][ev.Start:ev.End]; !strings.HasPrefix(got, strings.TrimSuffix(e.Text, "…")) {
				t.Errorf("timeline evidence %q does not match entry %q", got, e.Text)
			}
		}
	}
	for _, want := range []string{"2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05"} {
		if !dates[want] {
			t.Errorf("timeline lacks %s: %+v", want, flood.Timeline)
		}
	}
	if len(flood.Summary) == 0 {
		t.Fatal("no summary")
	}
	for _, s := range flood.Summary {
		ev := s.Evidence[0]
		if texts[ev.Doc][ev.Start:ev.End] != s.Text {
			t.Errorf("summary line %q not cited exactly", s.Text)
		}
	}
}

func TestDisagreementsSideBySide(t *testing.T) {
	a := analyze(t)
	flood := a.Storylines[0]
	var got []float64
	kind := ""
	for _, d := range flood.Disagreements {
		if strings.Contains(d.About, "killed") {
			kind = d.Kind
			for _, c := range d.Claims {
				got = append(got, c.Value)
				if c.Published == "" || c.Doc == "" || c.Text == "" {
					t.Errorf("claim lacks source or wording: %+v", c)
				}
			}
		}
	}
	if len(got) != 3 || got[0] != 12 || got[1] != 15 || got[2] != 17 {
		t.Fatalf("killed claims %v in %+v", got, flood.Disagreements)
	}
	if kind != "update" {
		t.Errorf("a rising toll over days is an update, got %q", kind)
	}
}

func TestContractShape(t *testing.T) {
	a := analyze(t)
	if a.Schema != model.Schema {
		t.Errorf("schema %q", a.Schema)
	}
	ids := map[string]bool{}
	for _, e := range a.Entities {
		if ids[e.ID] {
			t.Errorf("duplicate entity id %s", e.ID)
		}
		ids[e.ID] = true
	}
	for _, q := range a.Quotes {
		if q.Speaker != nil && !ids[*q.Speaker] {
			t.Errorf("quote speaker %s is not an entity", *q.Speaker)
		}
	}
	for _, q := range a.Quantities {
		if q.Place != nil && !ids[*q.Place] {
			t.Errorf("place %s is not an entity", *q.Place)
		}
	}
}

func TestPanicInStageIsAnError(t *testing.T) {
	e := newEngine(t, func(c *Config) {
		c.Stages = func(s []Stage) []Stage { return append(s, Stage{Name: "boom", Run: func(*doc.Doc) { panic("bad") }}) }
	})
	d := ingest.FromText("x", "Text.")
	d.Origin = "x.txt"
	err := e.AnalyzeDoc(d)
	var se *StageError
	if !errors.As(err, &se) || se.Stage != "boom" || !strings.Contains(err.Error(), "x.txt") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v", err)
	}
}

func BenchmarkAnalyzeDoc(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 10; i++ {
		for _, d := range corpus() {
			// Numbered so that no paragraph repeats (repeats are removed).
			sb.WriteString(strings.ReplaceAll(d.Text, "\n\n", fmt.Sprintf(" (%d)\n\n", i)) + "\n\n")
		}
	}
	text := sb.String()
	e := newEngine(b)
	b.ReportAllocs()
	tokens := 0
	for i := 0; i < b.N; i++ {
		d := ingest.FromText("b", text)
		d.Published = "2025-03-03"
		if err := e.AnalyzeDoc(d); err != nil {
			b.Fatal(err)
		}
		tokens += len(d.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// TestWireCopiesCountOnce: a re-post of an article is kept and linked to
// it, its repeated figure is not a second claim, and the timeline and
// summary do not cite it.
func TestWireCopiesCountOnce(t *testing.T) {
	docs := corpus()
	orig := docs[0]
	repost := ingest.FromText("flood-1-repost", "GDANSK (Wire) - "+orig.Text+"\n\nReporting by Anna Nowak.")
	repost.Published, repost.Source = "2025-03-03", "Wire"
	docs = append(docs, repost)
	e := newEngine(t)
	analyzeAll(t, e, docs)
	a := e.Connect(docs)
	dupOf := map[string]string{}
	for _, d := range a.Documents {
		dupOf[d.ID] = d.DuplicateOf
	}
	if dupOf["flood-1-repost"] != "flood-1" || dupOf["flood-1"] != "" || dupOf["flood-2"] != "" {
		t.Fatalf("duplicate links %v", dupOf)
	}
	for _, sl := range a.Storylines {
		for _, e := range sl.Timeline {
			for _, ev := range e.Evidence {
				if ev.Doc == "flood-1-repost" {
					t.Errorf("timeline cites the copy: %+v", e)
				}
			}
		}
		for _, l := range sl.Summary {
			for _, ev := range l.Evidence {
				if ev.Doc == "flood-1-repost" {
					t.Errorf("summary cites the copy: %+v", l)
				}
			}
		}
		for _, dis := range sl.Disagreements {
			n := 0
			for _, c := range dis.Claims {
				if c.Value == 12 {
					n++
				}
			}
			if n > 1 {
				t.Errorf("the copy's figure counted twice: %+v", dis)
			}
		}
	}
}

// Connect moves the per-document layers into the analysis instead of
// holding both: every layer arrives, and the documents keep only their
// text and metadata.
func TestConnectMovesLayers(t *testing.T) {
	docs := corpus()
	e := newEngine(t)
	analyzeAll(t, e, docs)
	var quotes, times, figures, events int
	for _, d := range docs {
		quotes, times, figures, events = quotes+len(d.Quotes), times+len(d.Times), figures+len(d.Quantities), events+len(d.Events)
	}
	a := e.Connect(docs)
	if len(a.Quotes) != quotes || len(a.Times) != times || len(a.Quantities) != figures || len(a.Events) != events || quotes*times*figures*events == 0 {
		t.Errorf("analysis has %d quotes, %d times, %d figures, %d events; documents had %d, %d, %d, %d",
			len(a.Quotes), len(a.Times), len(a.Quantities), len(a.Events), quotes, times, figures, events)
	}
	for _, d := range docs {
		if d.Text == "" || d.ID == "" {
			t.Errorf("document lost its text or id: %q", d.ID)
		}
		if d.Sentences != nil || d.Mentions != nil || d.Times != nil || d.Quotes != nil || d.Quantities != nil || d.Events != nil {
			t.Errorf("%s still holds layers the analysis has", d.ID)
		}
	}
}
