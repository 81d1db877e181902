package eval

import (
	"math"
	"testing"
)

func TestScoreClusters(t *testing.T) {
	// Gold: a a a b b; system puts one b with the a's.
	gold := []string{"a", "a", "a", "b", "b"}
	sys := []string{"1", "1", "1", "1", "2"}
	s := ScoreClusters(gold, sys)
	// B-cubed precision: a items 3/4 each, b in cluster 1 1/4, b alone 1.
	wantP := (3*0.75 + 0.25 + 1) / 5
	wantR := (3*1.0 + 0.5 + 0.5) / 5
	if math.Abs(s.BCubedP-wantP) > 1e-9 || math.Abs(s.BCubedR-wantR) > 1e-9 {
		t.Errorf("B-cubed P %.4f R %.4f, want %.4f %.4f", s.BCubedP, s.BCubedR, wantP, wantR)
	}
	// Pairs: system 6 (cluster 1 of 4), gold 3+1=4, shared 3.
	if s.PairTP != 3 || s.PairFP != 3 || s.PairFN != 1 {
		t.Errorf("pairs %+v", s)
	}
	if p := ScoreClusters(gold, gold); p.BCubedF != 1 || p.PairF != 1 {
		t.Errorf("perfect clustering: %+v", p)
	}
	// Missing system labels are singletons: precision 1.
	if p := ScoreClusters(gold, nil); p.BCubedP != 1 || p.PairTP != 0 || p.SystemClusters != 5 {
		t.Errorf("all singletons: %+v", p)
	}
}

func TestDetokenize(t *testing.T) {
	in := "Obama -LRB- D -RRB- said , `` we will act '' . It 's 10 % of $ 5 , he did n't say ."
	want := `Obama (D) said, "we will act". It's 10% of $5, he didn't say.`
	if got := Detokenize(in); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
