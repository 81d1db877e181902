package doc

import (
	"math/rand"
	"testing"
)

// A cover answers exactly what asking each of its spans would.
func TestCoverAgreesWithItsSpans(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		var spans []Span
		for i := rng.Intn(12); i > 0; i-- {
			s := rng.Intn(60)
			spans = append(spans, Span{Start: s, End: s + rng.Intn(8)})
		}
		c := CoverOf(spans)
		for s := 0; s < 70; s++ {
			for l := 0; l < 6; l++ {
				q := Span{Start: s, End: s + l}
				want := false
				for _, sp := range spans {
					want = want || sp.Overlaps(q)
				}
				if got := c.Overlaps(q); got != want {
					t.Fatalf("spans %v, %v: cover says %v", spans, q, got)
				}
			}
		}
	}
}

// MentionAt finds the mention covering an offset among sorted, disjoint
// mentions.
func TestMentionAt(t *testing.T) {
	d := &Doc{Mentions: []Mention{{Span: Span{Start: 2, End: 5}}, {Span: Span{Start: 5, End: 6}}, {Span: Span{Start: 9, End: 12}}}}
	for off, want := range map[int]int{0: -1, 2: 0, 4: 0, 5: 1, 6: -1, 8: -1, 9: 2, 11: 2, 12: -1} {
		if got := d.MentionAt(off); got != want {
			t.Errorf("MentionAt(%d) = %d, want %d", off, got, want)
		}
	}
}
