package timex

import "testing"

// TestKinds pins down, kind by kind, what the extractors and normalisers
// the other tests do not reach give today (type and value per expression;
// "" for an expression that is not a time).
func TestKinds(t *testing.T) {
	tests := []struct {
		name, text, dct string
		want            map[string]string
	}{
		{"clock times", "The blast came at 10:30 a.m. and a second at 3 pm.", "2016-05-01",
			map[string]string{"10:30 a.m.": "TIME 2016-05-01T10:30", "3 pm": "TIME 2016-05-01T15:00"}},
		{"clock times without a DCT", "The blast came at 10:30 a.m.", "", map[string]string{"10:30 a.m.": "TIME XXXX-XX-XXT10:30"}},
		{"parts of days", "Shelling resumed this morning after last night; tonight more is feared, as yesterday evening.", "2016-05-01",
			map[string]string{"this morning": "TIME 2016-05-01TMO", "last night": "TIME 2016-04-30TNI", "tonight": "TIME 2016-05-01TNI", "yesterday evening": "TIME 2016-04-30TEV"}},
		{"parts of days without a DCT", "Shelling resumed this morning.", "", map[string]string{"this morning": "TIME XXXX-XX-XXTMO"}},
		{"holidays", "Talks broke down at Christmas and resumed after Easter.", "2016-05-01",
			map[string]string{"Christmas": "DATE 2015-12-25", "Easter": "DATE 2016-03-27"}},
		{"holidays without a DCT are left out", "Talks broke down at Christmas.", "", map[string]string{"Christmas": ""}},
		{"months relative to the DCT", "Prices rose last October and will fall next March.", "2016-05-01",
			map[string]string{"last October": "DATE 2015-10", "next March": "DATE 2017-03"}},
		{"references", "Rates are now high; in the future they may fall, as they did recently.", "2016-05-01",
			map[string]string{"now": "DATE PRESENT_REF", "the future": "DATE FUTURE_REF", "recently": "DATE PAST_REF"}},
		{"fiscal year", "Sales in fiscal 1989 rose.", "1989-11-02", map[string]string{"fiscal 1989": "DATE 1989"}},
		{"bare years but not counts", "The 1990 report counted 2000 troops, a 1995 rise and a 1998 percent gain.", "2016-05-01",
			map[string]string{"1990": "DATE 1990", "1995": "DATE 1995", "2000": "", "1998": ""}},
		{"seasons, decades and the past week", "Next spring, the past week and this decade.", "2016-05-01",
			map[string]string{"Next spring": "DATE 2017-SP", "the past week": "DURATION P1W", "this decade": "DATE 201"}},
		{"sets", "They meet every week and report monthly.", "2016-05-01",
			map[string]string{"every week": "SET P1W", "monthly": "SET P1M"}},
		{"counted back", "Two months earlier it fell, three years ago it rose.", "2016-05-01",
			map[string]string{"Two months earlier": "DATE 2016-03", "three years ago": "DATE 2013"}},
		{"counted back without a DCT", "Three years ago it rose.", "", map[string]string{"Three years ago": "DATE PAST_REF"}},
		{"units of durations", "It lasted 45 minutes, two decades and three centuries.", "2016-05-01",
			map[string]string{"45 minutes": "DURATION PT45M", "two decades": "DURATION P20Y", "three centuries": "DURATION P3CE"}},
		{"ages are not durations", "A 6-year-old boy and a man 52 years old.", "2016-05-01",
			map[string]string{"6-year-old": "", "52 years": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for _, tm := range run(tt.text, tt.dct).Times {
				got[tm.Text] = tm.Type + " " + tm.Value
			}
			for text, want := range tt.want {
				if got[text] != want {
					t.Errorf("%q = %q, want %q (all %v)", text, got[text], want, got)
				}
			}
		})
	}
}
