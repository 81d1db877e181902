package main

import (
	"math"
	"strings"
	"testing"
)

// TestShingleScores pins evaluate.py's arithmetic on hand-counted pages:
// 4-token shingles, per-page counts normalised to sum 1, precision
// averaged over pages that predicted something, recall over pages that
// expected something, F1 of the two means.
func TestShingleScores(t *testing.T) {
	tests := []struct {
		truth, pred string
		want        [3]float64
	}{
		{"a b c d e", "a b c d x", [3]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"a b c d", "", [3]float64{0, 0, 1}},
		{"short text", "short, text!", [3]float64{1, 0, 0}}, // fewer than 4 tokens: one shingle
		{"", "", [3]float64{}},
		{"Ünïcode_1 wörds ok", "Ünïcode_1 wörds ok", [3]float64{1, 0, 0}},
	}
	var pages [][3]float64
	for _, tt := range tests {
		got := shingleMatch(tt.truth, tt.pred)
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9 {
				t.Errorf("%q vs %q: %v, want %v", tt.truth, tt.pred, got, tt.want)
				break
			}
		}
		pages = append(pages, got)
	}
	// precision: pages 1, 3, 5 (0.5, 1, 1); recall: pages 1, 2, 3, 5 (0.5, 0, 1, 1).
	p, r, f := extractScores(pages)
	wp, wr := 2.5/3, 2.5/4
	if math.Abs(p-wp) > 1e-9 || math.Abs(r-wr) > 1e-9 || math.Abs(f-2*wp*wr/(wp+wr)) > 1e-9 {
		t.Errorf("scores %v %v %v, want %v %v", p, r, f, wp, wr)
	}
	if got := extractTokens("l'été, 3½ x_y—z"); strings.Join(got, "|") != "l|été|3½|x_y|z" {
		t.Errorf("tokens %q", got)
	}
}

// TestEvalExtract runs both page formats on the fixture pages (one of
// them gzipped, one named but absent): the articles are extracted whole
// and the navigation, footer and comment lines left out.
func TestEvalExtract(t *testing.T) {
	tests := []struct {
		flag, file string
		want       []string
	}{
		{"--expected", "ground-truth.json", []string{"2 pages scored, 1 named", "accuracy 1.000", "overall 1.000 1.000 1.000"}},
		{"--trafilatura", "evaldata.json", []string{"found:       4 of 4", "excluded: 5 of 5", "overall 1.000 1.000 1.000"}},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, "", "eval", "extract", "--pages", "testdata/extract", tt.flag, "testdata/extract/"+tt.file)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.flag, code, errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: no %q in\n%s", tt.flag, w, out)
			}
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if !strings.HasPrefix(lines[len(lines)-1], "overall ") {
			t.Errorf("%s: last line %q", tt.flag, lines[len(lines)-1])
		}
	}
	if code, _, errs := runCLI(t, "", "eval", "extract", "--expected", "x.json"); code != exitUsage || !strings.Contains(errs, "--pages") {
		t.Errorf("missing --pages: exit %d %q", code, errs)
	}
}
