package main

import (
	"strings"
	"testing"
)

// TestEvalTLS runs the timeline evaluation on the project's own small data
// set in the news-tls layout: the three reference dates are the three days
// the articles report, so the system must find all of them.
func TestEvalTLS(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "tls", "--dataset", "testdata/tls")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var mean string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "mean of 1 timelines") {
			mean = l
		}
	}
	if mean == "" || !strings.HasSuffix(strings.TrimSpace(mean), "1.000") {
		t.Errorf("date F1 is not 1 on dates the articles state:\n%s", out)
	}
	f := strings.Fields(mean)
	if len(f) < 6 || f[len(f)-3] == "0.000" {
		t.Errorf("alignment ROUGE-1 is zero:\n%s", out)
	}
	if code, _, errs := runCLI(t, "", "eval", "tls", "--dataset", t.TempDir()); code == 0 || !strings.Contains(errs, "articles.json") {
		t.Errorf("empty dataset: exit %d %q", code, errs)
	}
}
