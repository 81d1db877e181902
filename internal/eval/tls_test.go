package eval

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRougeTokensAndCounts(t *testing.T) {
	toks := RougeTokens("The oil spill was killing birds; BP's well-capping failed.")
	want := []string{"oil", "spill", "kill", "bird", "bp", "well-capping", "fail"}
	if len(toks) != len(want) {
		t.Fatalf("tokens %v, want %v", toks, want)
	}
	for i := range want {
		if toks[i] != want[i] {
			t.Fatalf("tokens %v, want %v", toks, want)
		}
	}
	c := Rouge([]string{"a", "b", "a"}, [][]string{{"a", "c"}}, 1)
	if c.Hit != 1 || c.Peer != 3 || c.Model != 2 {
		t.Errorf("clipped counts %+v", c)
	}
	if c := Rouge([]string{"a", "b", "c"}, [][]string{{"a", "b", "d"}}, 2); c.Hit != 1 || c.Peer != 2 || c.Model != 2 {
		t.Errorf("bigram counts %+v", c)
	}
}

func TestScoreTimeline(t *testing.T) {
	ref := Timeline{"2010-04-20": {"The rig exploded in the Gulf."}, "2010-07-15": {"The well was capped."}}
	same := ScoreTimeline(ref, []Timeline{ref})
	for name, v := range map[string]float64{"concat1": same.Concat1, "concat2": same.Concat2, "agree1": same.Agree1, "align1": same.Align1, "dateF": same.DateF} {
		if !near(v, 1) {
			t.Errorf("identical timelines: %s = %v", name, v)
		}
	}
	// The same sentences one day late: no date agrees, but alignment gives
	// half credit (1/(1+1)), and concat does not look at dates.
	late := Timeline{"2010-04-21": ref["2010-04-20"], "2010-07-16": ref["2010-07-15"]}
	s := ScoreTimeline(late, []Timeline{ref})
	if s.Agree1 != 0 || s.DateF != 0 || !near(s.Align1, 0.5) || !near(s.Concat1, 1) {
		t.Errorf("one day late: %+v", s)
	}
	if s := ScoreTimeline(Timeline{}, []Timeline{ref}); s.Concat1 != 0 || s.Align1 != 0 || s.DateF != 0 {
		t.Errorf("empty system timeline: %+v", s)
	}
}
