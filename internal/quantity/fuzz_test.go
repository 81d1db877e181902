package quantity

import (
	"math"
	"testing"
	"unicode/utf8"
)

// FuzzNumbers: number words and digits in any text give figures with
// finite values and spans inside the text, never a panic.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"Forty children and a half-million people; some 1.5 million were displaced.", "nearly 30 air strikes killed 279",
		"one hundred and twenty-five thousand", "9999999999999999999999 people killed", "1,2,3,,4 killed", "twenty twenty twenty"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d, _ := figures(s, "2016-05-03")
		for i, q := range d.Quantities {
			if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
				t.Fatalf("figure value %v from %q", q.Value, s)
			}
			if q.NumSpan.Start < 0 || q.NumSpan.End > len(d.Text) || q.Start < 0 || q.End > len(d.Text) {
				t.Fatalf("figure %+v outside the text", q)
			}
			if q.PartOf >= len(d.Quantities) || q.PartOf == i {
				t.Fatalf("figure %d part of %d", i, q.PartOf)
			}
		}
	})
}
