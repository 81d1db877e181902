package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/model"
)

func sample() *model.Analysis {
	place := "gpe-gdansk"
	return &model.Analysis{
		Schema:     model.Schema,
		Documents:  []model.Document{{ID: "d1", Title: `<script>alert(1)</script>`, Source: "Courier", Published: "2025-03-03", Text: `Text with <img src=x onerror=alert(1)>.`}},
		Entities:   []model.Entity{{ID: "gpe-gdansk", Name: "Gdansk", Type: "GPE", Mentions: []model.Mention{{Doc: "d1"}}}, {ID: "person-lis", Name: "Katarzyna Lis", Type: "PERSON", Descriptions: []string{"Mayor"}, Mentions: []model.Mention{{Doc: "d1"}}}},
		Quotes:     []model.Quote{{Doc: "d1", Text: "We have not seen water this high <b>ever</b>", SpeakerName: "Katarzyna Lis", Direct: true}},
		Quantities: []model.Quantity{{Doc: "d1", Value: 12, Approximate: true, What: "people", Event: "killed", Place: &place, PlaceName: "Gdansk"}},
		Storylines: []model.Storyline{{ID: "storyline-1", Title: "Flood <i>in</i> Gdansk", Documents: []string{"d1"},
			Stories:  []model.Story{{ID: "s1", Title: "Flood", Documents: []string{"d1"}, Start: "2025-03-03", End: "2025-03-03"}},
			Timeline: []model.TimelineEntry{{Date: "2025-03-03", Text: "Storm Edda <script>x()</script> hit.", Evidence: []model.Evidence{{Doc: "d1", Start: 0, End: 4}}}},
			Summary:  []model.SummaryLine{{Text: "The storm hit.", Evidence: []model.Evidence{{Doc: "d1"}}}},
			Disagreements: []model.Disagreement{{About: "people killed in Gdansk", Kind: "update", Note: "grew",
				Claims: []model.Claim{{Value: 12, Doc: "d1", Text: "12 killed", Published: "2025-03-03"}, {Value: 15, Doc: "d1", Text: "15 killed", Published: "2025-03-04"}}}}}},
	}
}

func render(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, sample(), format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextReport(t *testing.T) {
	out := render(t, "text")
	for _, want := range []string{"Flood <i>in</i> Gdansk", "2025-03-03  Storm Edda", "Katarzyna Lis — Mayor (1 mention)", "“We have not seen water", "~12 people killed in Gdansk", "Where sources disagree", "(update)", "[Courier, d1]"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	out := render(t, "markdown")
	if !strings.Contains(out, "## Flood &lt;i&gt;in&lt;/i&gt; Gdansk") {
		t.Errorf("markdown heading not escaped:\n%s", out)
	}
	if strings.Contains(out, "<script>") {
		t.Error("raw script tag in markdown")
	}
}

func TestHTMLNeverRendersArticleMarkup(t *testing.T) {
	out := render(t, "html")
	for _, bad := range []string{"<script>", "<img", "<i>in</i>", "<b>ever</b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "Content-Security-Policy", "<table>", "Katarzyna Lis"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}

func TestJSONIsTheContract(t *testing.T) {
	out := render(t, "json")
	var back model.Analysis
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatal(err)
	}
	if back.Schema != "storyline/1" || back.Storylines[0].Disagreements[0].Claims[1].Value != 15 {
		t.Errorf("round trip: %+v", back)
	}
	if !strings.Contains(out, `"speaker": null`) {
		t.Error("unknown speaker must be null")
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, sample(), "pdf"); err == nil {
		t.Error("pdf accepted")
	}
}
