package textvec

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"testing"
)

func TestTerm(t *testing.T) {
	for in, want := range map[string]string{"Strikes": "strike", "the": "", "279": "", "Casualties": "casualty", "press": "press", "U.S.": "", "Kerry's": "kerry"} {
		if got := Term(in); got != want {
			t.Errorf("Term(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWeightAllAndDot(t *testing.T) {
	var in Interner
	a, b, c := in.Counts([]string{"flood", "gdansk", "storm"}), in.Counts([]string{"flood", "gdansk", "wall"}), in.Counts([]string{"battery", "summit"})
	e := in.Counts([]string{"flood", "battery"})
	WeightAll([]Sparse{a, b, c, e}, len(in.Terms()))
	if s := Dot(a, a); math.Abs(s-1) > 1e-6 { // weights are float32
		t.Errorf("self cosine %v", s)
	}
	if Dot(a, b) <= Dot(a, c) || Dot(a, c) != 0 {
		t.Errorf("cosines: ab %v ac %v", Dot(a, b), Dot(a, c))
	}
	weight := func(v Sparse, term string) float64 {
		for _, x := range v {
			if in.Terms()[x.ID] == term {
				return float64(x.W)
			}
		}
		return 0
	}
	if weight(e, "battery") <= weight(e, "flood") {
		t.Error("rarer term must weigh more")
	}
	if got := in.Terms()[best(a, 1)[0]]; got != "storm" {
		t.Errorf("best of a = %q", got)
	}
}

func best(v Sparse, k int) []int32 {
	b := NewBest(k)
	for _, e := range v {
		b.Push(e)
	}
	return b.IDs()
}

func TestJaccard(t *testing.T) {
	if j := Jaccard([]string{"a", "b"}, []string{"b", "c"}); math.Abs(j-1.0/3) > 1e-9 {
		t.Errorf("jaccard %v", j)
	}
	if Jaccard(nil, []string{"a"}) != 0 {
		t.Error("empty jaccard")
	}
}

func TestBestMatchesFullSort(t *testing.T) {
	var v Sparse
	for i := 0; i < 200; i++ {
		v = append(v, Entry{ID: int32((i * 71) % 200), W: float32((i * 37) % 50)}) // many ties
	}
	all := slices.Clone(v)
	sort.Slice(all, func(i, j int) bool {
		if all[i].W != all[j].W {
			return all[i].W > all[j].W
		}
		return all[i].ID < all[j].ID
	})
	for _, k := range []int{1, 5, 20, 200, 500} {
		got := best(v, k)
		want := make([]int32, 0, k)
		for _, e := range all[:min(k, len(all))] {
			want = append(want, e.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("best %d = %v, want %v", k, got, want)
		}
	}
	if len(best(nil, 3)) != 0 || len(best(v, 0)) != 0 {
		t.Error("empty cases")
	}
}
