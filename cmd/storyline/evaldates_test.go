package main

import (
	"strings"
	"testing"
)

// TestDateCounts pins htmldate's evaluate_result convention, including
// its odd case: no date expected and none found counts as a true
// negative and a false negative both.
func TestDateCounts(t *testing.T) {
	day := "2021-03-04"
	tests := []struct {
		name string
		got  string
		want *string
		c    dateCounts
	}{
		{"right", day, &day, dateCounts{tp: 1}},
		{"wrong is a false positive only", "2021-03-05", &day, dateCounts{fp: 1}},
		{"none found", "", &day, dateCounts{fn: 1}},
		{"none expected, none found", "", nil, dateCounts{tn: 1, fn: 1}},
		{"none expected, one found", day, nil, dateCounts{fp: 1}},
	}
	for _, tt := range tests {
		var c dateCounts
		c.add(tt.got, tt.want)
		if c != tt.c {
			t.Errorf("%s: %+v, want %+v", tt.name, c, tt.c)
		}
	}
	p, r, f := dateCounts{tp: 8, fp: 1, fn: 1}.scores()
	if p != 8.0/9 || r != 8.0/9 || f != 16.0/18 {
		t.Errorf("scores %v %v %v", p, r, f)
	}
}

// TestEvalDates scores the fixture pages: one right, one right gzipped,
// one wrong, one without a date, one named but absent (not scored).
func TestEvalDates(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "dates", "--pages", "testdata/pages", "--expected", "testdata/pages/dates.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "overall 0.667 0.667 0.667" {
		t.Errorf("last line %q, want overall 0.667 0.667 0.667\n%s", last, out)
	}
	if !strings.Contains(out, "4 pages scored, 1 named") || !strings.Contains(out, "true positives 2, false positives 1, false negatives 1") {
		t.Errorf("counts:\n%s", out)
	}
	if code, _, errs := runCLI(t, "", "eval", "dates", "--pages", "testdata/pages"); code != exitUsage || !strings.Contains(errs, "--expected") {
		t.Errorf("missing --expected: exit %d %q", code, errs)
	}
}
