package timex

import (
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

func run(text, published string) *doc.Doc {
	d := &doc.Doc{Text: text, Published: published}
	segment.Run(d)
	Date(d)
	Run(d)
	return d
}

func values(d *doc.Doc) map[string]string {
	out := map[string]string{}
	for _, t := range d.Times {
		out[t.Text] = t.Value
	}
	return out
}

func TestNormalise(t *testing.T) {
	tests := []struct {
		name, text, dct string
		want            map[string]string
	}{
		{"weekday is the latest such day up to the DCT", "Kerry arrived on Sunday. Strikes hit on Saturday and talks began Tuesday.", "2016-05-01",
			map[string]string{"Sunday": "2016-05-01", "Saturday": "2016-04-30", "Tuesday": "2016-04-26"}},
		{"future weekday", "The next contact would be on Monday.", "2016-10-15", map[string]string{"Monday": "2016-10-17"}},
		{"past speech verb after a future quote", `"We will build it before next winter," he said on Wednesday.`, "2025-03-06", map[string]string{"Wednesday": "2025-03-05"}},
		{"month-day takes the nearest year before", "The Feb. 27 ceasefire and the April 22 offensive.", "2016-05-01",
			map[string]string{"Feb. 27": "2016-02-27", "April 22": "2016-04-22"}},
		{"month-day across new year", "Since Dec. 30 the city has been shelled.", "2017-01-04", map[string]string{"Dec. 30": "2016-12-30"}},
		{"explicit dates", "Thursday, April 28, 2016 and 3 March 2025 and 2016-04-22.", "",
			map[string]string{"Thursday, April 28, 2016": "2016-04-28", "3 March 2025": "2025-03-03", "2016-04-22": "2016-04-22"}},
		{"month and year", "The truce implemented in February 2016 holds.", "", map[string]string{"February 2016": "2016-02"}},
		{"month alone, future", "Talks resume in May.", "2016-04-28", map[string]string{"May": "2016-05"}},
		{"relative units", "Last month talks failed; this week they resume, last weekend was calm, and next year is open.", "2016-10-15",
			map[string]string{"Last month": "2016-09", "this week": "2016-W41", "last weekend": "2016-W40-WE", "next year": "2017"}},
		{"since a year", "The war has killed many since 2011.", "2016-10-15", map[string]string{"2011": "2011"}},
		{"durations", "The offensive for the last ten days, a two-month-old truce, the next two days, within hours.", "2016-05-03",
			map[string]string{"the last ten days": "P10D", "two-month-old": "P2M", "the next two days": "P2D", "hours": "PTXH"}},
		{"ago", "Only a week ago the committee withdrew.", "2016-04-28", map[string]string{"a week ago": "2016-04-21"}},
		{"today and yesterday", "Today and yesterday.", "2016-04-28", map[string]string{"Today": "2016-04-28", "yesterday": "2016-04-27"}},
		{"no DCT leaves relative dates underspecified", "On Saturday, April 22 and last month.", "",
			map[string]string{"Saturday, April 22": "XXXX-04-22", "last month": "PAST_REF"}},
		{"sets", "Residents faced daily violence.", "2016-10-15", map[string]string{"daily": "P1D"}},
		{"reporting quarter in business news", "Third-quarter profit rose 5% from a year earlier. The quarter was hurt by costs; in the year-ago quarter it had a gain. Sales for the 1988 second quarter were flat.", "1989-11-02",
			map[string]string{"Third-quarter": "1989-Q3", "a year earlier": "1988-Q3", "The quarter": "1989-Q3", "the year-ago quarter": "1988-Q3", "the 1988 second quarter": "1988-Q2"}},
		{"reporting quarter without a named quarter is the last completed", "Net income for the latest quarter fell.", "1989-11-02", map[string]string{"the latest quarter": "1989-Q3"}},
		{"year-earlier outside a quarter is the year before", "Revenue topped year-earlier levels.", "1989-11-02", map[string]string{"year-earlier": "1988"}},
		{"a year earlier outside business is a date", "Prices rose, a year earlier they fell.", "1998-02-06", map[string]string{"a year earlier": "1997"}},
		{"decades", "Rates were high in the 1980s.", "1998-10-25", map[string]string{"1980s": "198X"}},
		{"last weekday excludes the same day", "Shares fell last Friday and rallied Friday.", "1989-10-27", map[string]string{"last Friday": "1989-10-20", "Friday": "1989-10-27"}},
		{"this coming weekday", "They meet this coming Sunday.", "1998-03-05", map[string]string{"this coming Sunday": "1998-03-08"}},
		{"the weekend just past", "Talks stalled over the weekend.", "1990-08-13", map[string]string{"the weekend": "1990-W32-WE"}},
		{"the before a counted duration", "Earnings for the nine months rose.", "1989-11-02", map[string]string{"the nine months": "P9M"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := values(run(tt.text, tt.dct))
			for text, want := range tt.want {
				if got[text] != want {
					t.Errorf("%q = %q, want %q (all %v)", text, got[text], want, got)
				}
			}
		})
	}
}

// TestWeekdayTense checks that the tense nearest a bare weekday decides
// whether it is the last such day or the next one.
func TestWeekdayTense(t *testing.T) {
	tests := []struct {
		text, dct, expr, want string
	}{
		{"An abortion foe was charged with murder Thursday in the slaying.", "1999-05-07", "Thursday", "1999-05-06"},
		{"He will be charged Thursday, prosecutors said.", "1999-05-05", "Thursday", "1999-05-06"},
		{"The father would be traveling to the United States Thursday with his wife.", "2000-04-05", "Thursday", "2000-04-06"},
		{"On Tuesday, the league plans to hold a news conference.", "1998-10-26", "Tuesday", "1998-10-27"},
		{"On Tuesday, the league held a news conference.", "1998-10-26", "Tuesday", "1998-10-20"},
		{"A memorial service planned for Saturday drew crowds.", "1999-10-21", "Saturday", "1999-10-23"},
		{"The government planned to pay the claims on Friday, officials said.", "1998-09-30", "Friday", "1998-09-25"},
		{"Presidents signed an economic cooperation plan Friday.", "1998-02-27", "Friday", "1998-02-27"},
	}
	for _, tt := range tests {
		got := values(run(tt.text, tt.dct))[tt.expr]
		if got != tt.want {
			t.Errorf("%q (DCT %s): %s = %q, want %q", tt.text, tt.dct, tt.expr, got, tt.want)
		}
	}
}

func TestNotDates(t *testing.T) {
	d := run("We may march on. They will March to the square in an hour. The Sun reported that we won.", "2016-05-01")
	for _, tm := range d.Times {
		l := strings.ToLower(tm.Text)
		if l == "may" || l == "march" || l == "we" || l == "sun" || strings.Contains(l, "in an") {
			t.Errorf("false time %q = %s", tm.Text, tm.Value)
		}
	}
}

func TestInferPublication(t *testing.T) {
	d := run("A man carries a child after air strikes hit Aleppo on Thursday, April 28, 2016. De Mistura spoke on Tuesday after meeting Lavrov. Kerry met him on Monday.", "")
	if day, inferred, ev := d.Dated(); day != "2016-05-03" || !inferred || ev == "" || d.Published != "" {
		t.Fatalf("inferred %q (flag %v, evidence %q), want 2016-05-03 beside the metadata's %q", day, inferred, ev, d.Published)
	}
	got := values(d)
	if got["Tuesday"] != "2016-05-03" || got["Monday"] != "2016-05-02" {
		t.Errorf("weekdays against the inferred date: %v", got)
	}
	for _, tm := range d.Times {
		if tm.Text == "Tuesday" && !strings.Contains(tm.Anchor, "inferred") {
			t.Errorf("anchor %q should say the date was inferred", tm.Anchor)
		}
	}
	// Nothing to infer from: the date stays unknown.
	d = run("Talks resumed on Monday in Geneva.", "")
	if day, inferred, _ := d.Dated(); day != "" || inferred {
		t.Errorf("guessed %q from nothing", day)
	}
}

func TestAnchors(t *testing.T) {
	d := run("On Monday, April 28, 2016 and on Tuesday.", "2016-05-03")
	for _, tm := range d.Times {
		switch tm.Text {
		case "Monday, April 28, 2016":
			if tm.Anchor != "" {
				t.Errorf("absolute date has anchor %q", tm.Anchor)
			}
		case "Tuesday":
			if tm.Anchor != "publication date 2016-05-03" {
				t.Errorf("relative date anchor %q", tm.Anchor)
			}
		}
	}
}

func BenchmarkTimex(b *testing.B) {
	text := strings.Repeat("Kerry said on Sunday he hoped to make progress over the next two days, after strikes since April 22 killed 250 people. Last month talks failed. ", 60)
	d := &doc.Doc{Text: text, Published: "2016-05-01"}
	segment.Run(d)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(d)
	}
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestResolveYear(t *testing.T) {
	ref := mustDay("2016-05-03")
	for in, want := range map[string]string{"XXXX-02-27": "2016-02-27", "XXXX-04-22": "2016-04-22", "XXXX-12-30": "2015-12-30",
		"XXXX-05-10": "2016-05-10", "XXXX-05": "2016-05", "XXXX-WXX-2": "XXXX-WXX-2", "2014": "2014", "PAST_REF": "PAST_REF"} {
		if got, _ := ResolveYear(in, ref); got != want {
			t.Errorf("ResolveYear(%q) = %q, want %q", in, got, want)
		}
	}
	d := run("The Feb. 27 truce; killed since April 22.", "")
	if n := YearLess(d); n != 2 {
		t.Fatalf("%d dates without a year, want 2", n)
	}
	// A related document lends its year: the times stage takes it.
	d.Linked.YearRef, d.Linked.YearFrom = "2016-05-03", "other-doc"
	Run(d)
	for _, tm := range d.Times {
		if !strings.HasPrefix(tm.Value, "2016-") || !strings.Contains(tm.Anchor, "other-doc") {
			t.Errorf("%q = %q (%s)", tm.Text, tm.Value, tm.Anchor)
		}
	}
}

func mustDay(s string) time.Time {
	t, err := time.Parse(doc.DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestOrdinalDayFromSince(t *testing.T) {
	d := run("Jets struck on Saturday in the ninth day of bombardments, killing 250 people since April 22.", "2016-05-01")
	got := values(d)
	if got["the ninth day"] != "2016-04-30" || got["Saturday"] != "2016-04-30" {
		t.Errorf("values %v", got)
	}
	// Without a DCT the month and day are still counted.
	d = run("Jets struck in the ninth day of bombardments since April 22.", "")
	if got := values(d); got["the ninth day"] != "XXXX-04-30" {
		t.Errorf("undated: %v", got)
	}
}

func TestFitWeekdays(t *testing.T) {
	base := mustDay("2016-04-30") // a Saturday
	dct, n := FitWeekdays(base, []time.Weekday{time.Sunday, time.Saturday, time.Friday})
	if dct.Format(doc.DayLayout) != "2016-05-01" || n != 3 {
		t.Errorf("fit = %s (%d)", dct.Format(doc.DayLayout), n)
	}
	dct, _ = FitWeekdays(mustDay("2016-04-28"), []time.Weekday{time.Tuesday, time.Monday})
	if dct.Format(doc.DayLayout) != "2016-05-03" {
		t.Errorf("fit = %s", dct.Format(doc.DayLayout))
	}
}

func TestAnaphoricDates(t *testing.T) {
	d := run("The envoy arrived on Thursday, April 28, 2016. The next day he met Lavrov, and two days later the truce was extended. That Friday was calm.\n\nThe next day talks resumed.", "2016-05-03")
	want := map[int]string{} // by occurrence order
	var got []string
	var anchors []string
	for _, tm := range d.Times {
		switch strings.ToLower(tm.Text) {
		case "the next day", "two days later", "that friday":
			got = append(got, tm.Text+"="+tm.Value)
			anchors = append(anchors, tm.Anchor)
		}
	}
	_ = want
	expect := []string{"The next day=2016-04-29", "two days later=2016-04-30", "That Friday=2016-04-29", "The next day=2016-05-04"}
	if strings.Join(got, "|") != strings.Join(expect, "|") {
		t.Errorf("got %v\nwant %v", got, expect)
	}
	if len(anchors) == 4 && (!strings.Contains(anchors[0], "2016-04-28") || !strings.Contains(anchors[3], "publication date")) {
		t.Errorf("anchors %q", anchors)
	}
}

func TestDateLine(t *testing.T) {
	for _, text := range []string{
		"Storm floods Gdansk\n\nMarch 4, 2025\n\nThe storm hit on Monday.",
		"Storm floods Gdansk\n\nPublished: 4 March 2025\n\nThe storm hit on Monday.",
		"GDANSK, Poland, March 4, 2025 — The storm hit on Monday.",
	} {
		d := run(text, "")
		if day, inferred, ev := d.Dated(); day != "2025-03-04" || inferred || !strings.Contains(ev, "date line") {
			t.Errorf("%q: published %q inferred %v (%s)", text, day, inferred, ev)
		}
	}
	// A caption with a date is not a date line.
	d := run("Headline here\n\nA man carries a child after air strikes hit Aleppo, Syria on Thursday, April 28, 2016.\n\nHe spoke on Tuesday.", "")
	if day, inferred, ev := d.Dated(); !inferred {
		t.Errorf("caption date taken as a date line: %q %s", day, ev)
	}
}
