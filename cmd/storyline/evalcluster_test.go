package main

import (
	"strings"
	"testing"
)

func TestEvalClusterGold(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "cluster", "--gold", "testdata/cluster-gold.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "6 items, 2 gold clusters, 2 system clusters") || !strings.Contains(out, "B-cubed        1.000     1.000     1.000") {
		t.Errorf("two clear topics not recovered:\n%s", out)
	}
	if code, _, _ := runCLI(t, "", "eval", "cluster", "--gold", "testdata/cluster-gold.jsonl", "--level", "day"); code != exitUsage {
		t.Errorf("bad level: exit %d", code)
	}
	if code, _, errs := runCLI(t, "", "eval", "cluster", "--t17", t.TempDir()); code == 0 || !strings.Contains(errs, "articles.json") {
		t.Errorf("empty T17 dir: exit %d %q", code, errs)
	}
}
