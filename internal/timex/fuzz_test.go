package timex

import (
	"testing"
	"unicode/utf8"
)

// FuzzTimex: any text with or without a publication date gives times whose
// spans lie inside it and match their text, never a panic.
func FuzzTimex(f *testing.F) {
	for _, s := range []string{"On Thursday, April 28, 2016 jets struck; the ninth day since April 22.", "last week, two days later, the 1980s",
		"fiscal 1989 third-quarter year-earlier", "Feb. 30, 2016 and 31/13/2016", "the next day that Friday", "\xffMay\x00 9"} {
		f.Add(s, "2016-05-03")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, text, dct string) {
		if !utf8.ValidString(text) {
			return // the ingest stage guarantees UTF-8
		}
		d := run(text, dct)
		for _, tm := range d.Times {
			if tm.Start < 0 || tm.End > len(text) || tm.Start >= tm.End || text[tm.Start:tm.End] != tm.Text {
				t.Fatalf("time %+v does not match the text %q", tm, text)
			}
			if tm.Value == "" || tm.Type == "" {
				t.Fatalf("time without a value or type: %+v", tm)
			}
		}
	})
}
