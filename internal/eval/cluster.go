package eval

import (
	"fmt"
	"io"
)

// ClusterScores are the clustering measures of Amigó et al. (B-cubed) and
// the pairwise ones, as used by Miranda et al. (2018) for news streams.
type ClusterScores struct {
	Items                        int
	BCubedP, BCubedR, BCubedF    float64
	PairP, PairR, PairF          float64
	GoldClusters, SystemClusters int
	PairTP, PairFP, PairFN       int
}

// ScoreClusters compares a system clustering with gold labels; both map an
// item (by index) to a cluster name. Items missing from sys count as
// singletons.
func ScoreClusters(gold, sys []string) ClusterScores {
	n := len(gold)
	s := ClusterScores{Items: n}
	if n == 0 {
		return s
	}
	sysOf := func(i int) string {
		if i < len(sys) && sys[i] != "" {
			return sys[i]
		}
		return fmt.Sprintf("\x00single-%d", i)
	}
	gSize, sSize, both := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for i := 0; i < n; i++ {
		g, c := gold[i], sysOf(i)
		gSize[g]++
		sSize[c]++
		both[[2]string{g, c}]++
	}
	s.GoldClusters, s.SystemClusters = len(gSize), len(sSize)
	// B-cubed: per item, the share of its system cluster with its gold
	// label (precision) and of its gold class in its system cluster
	// (recall), averaged over items.
	var p, r float64
	for i := 0; i < n; i++ {
		g, c := gold[i], sysOf(i)
		k := float64(both[[2]string{g, c}])
		p += k / float64(sSize[c])
		r += k / float64(gSize[g])
	}
	s.BCubedP, s.BCubedR = p/float64(n), r/float64(n)
	s.BCubedF = f1(s.BCubedP, s.BCubedR)
	// Pairs: counted from the contingency table, not pair by pair.
	pairs := func(k int) int { return k * (k - 1) / 2 }
	tp, sysPairs, goldPairs := 0, 0, 0
	for _, k := range both {
		tp += pairs(k)
	}
	for _, k := range sSize {
		sysPairs += pairs(k)
	}
	for _, k := range gSize {
		goldPairs += pairs(k)
	}
	s.PairTP, s.PairFP, s.PairFN = tp, sysPairs-tp, goldPairs-tp
	if sysPairs > 0 {
		s.PairP = float64(tp) / float64(sysPairs)
	}
	if goldPairs > 0 {
		s.PairR = float64(tp) / float64(goldPairs)
	}
	s.PairF = f1(s.PairP, s.PairR)
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ClusterTable prints the scores.
func ClusterTable(w io.Writer, s ClusterScores) {
	fmt.Fprintf(w, "%d items, %d gold clusters, %d system clusters\n", s.Items, s.GoldClusters, s.SystemClusters)
	fmt.Fprintf(w, "%-10s %9s %9s %9s\n", "", "precision", "recall", "F1")
	fmt.Fprintf(w, "%-10s %9.3f %9.3f %9.3f\n", "B-cubed", s.BCubedP, s.BCubedR, s.BCubedF)
	fmt.Fprintf(w, "%-10s %9.3f %9.3f %9.3f   (pairs: %d tp, %d fp, %d fn)\n", "pairwise", s.PairP, s.PairR, s.PairF, s.PairTP, s.PairFP, s.PairFN)
}
