package textvec

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
)

func TestTerm(t *testing.T) {
	for in, want := range map[string]string{"Strikes": "strike", "the": "", "279": "", "Casualties": "casualty", "press": "press", "U.S.": "", "Kerry's": "kerry"} {
		if got := Term(in); got != want {
			t.Errorf("Term(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCosineAndIDF(t *testing.T) {
	a, b, c := Counts([]string{"flood", "gdansk", "storm"}), Counts([]string{"flood", "gdansk", "wall"}), Counts([]string{"battery", "summit"})
	idf := IDF([]Vec{a, b, c})
	for _, v := range []Vec{a, b, c} {
		Weight(v, idf)
	}
	if s := Cosine(a, a); math.Abs(s-1) > 1e-9 {
		t.Errorf("self cosine %v", s)
	}
	if Cosine(a, b) <= Cosine(a, c) || Cosine(a, c) != 0 {
		t.Errorf("cosines: ab %v ac %v", Cosine(a, b), Cosine(a, c))
	}
	if idf["battery"] <= idf["flood"] {
		t.Error("rarer term must weigh more")
	}
	if got := Top(a, 1); len(got) != 1 || got[0] != "storm" {
		t.Errorf("Top = %v", got)
	}
}

func TestJaccard(t *testing.T) {
	if j := Jaccard([]string{"a", "b"}, []string{"b", "c"}); math.Abs(j-1.0/3) > 1e-9 {
		t.Errorf("jaccard %v", j)
	}
	if Jaccard(nil, []string{"a"}) != 0 {
		t.Error("empty jaccard")
	}
}

func TestTopMatchesFullSort(t *testing.T) {
	v := Vec{}
	for i := 0; i < 200; i++ {
		v[fmt.Sprintf("t%03d", i)] = float64((i * 37) % 50) // many ties
	}
	all := make([]string, 0, len(v))
	for k := range v {
		all = append(all, k)
	}
	sort.Slice(all, func(i, j int) bool {
		if v[all[i]] != v[all[j]] {
			return v[all[i]] > v[all[j]]
		}
		return all[i] < all[j]
	})
	for _, k := range []int{1, 5, 20, 200, 500} {
		got := Top(v, k)
		want := all[:min(k, len(all))]
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("Top(%d) = %v, want %v", k, got, want)
		}
	}
	if Top(Vec{}, 3) != nil || Top(v, 0) != nil {
		t.Error("empty cases")
	}
}
