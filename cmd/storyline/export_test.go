package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportEvents(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := runCLI(t, "", "analyze", "--quiet", "--db", db, "--format", "json", "../../examples"); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	code, out, errs := runCLI(t, "", "export", "events", "--db", db)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 || lines[0] != "date\tactor\ttarget\tcode\troot\tlabel\tplace\tdoc\tstart\tend\tevidence" {
		t.Fatalf("header or rows missing:\n%s", out)
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 11 || len(f[0]) < 4 || len(f[3]) < 3 || f[4] != f[3][:2] || f[10] == "" {
			t.Errorf("bad row %q", l)
		}
	}
	code, out, _ = runCLI(t, "", "export", "events", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("jsonl: exit %d", code)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r eventRow
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Evidence == "" || r.RootLabel == "" || r.Doc == "" {
			t.Errorf("bad jsonl row %q (%v)", l, err)
		}
	}
	if code, _, errs := runCLI(t, "", "export", "events", "--db", db, "--format", "xml"); code != exitUsage || !strings.Contains(errs, "cameo-tsv") {
		t.Errorf("unknown format: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "export", "events", "--db", filepath.Join(t.TempDir(), "none.db")); code == 0 || !strings.Contains(errs, "analyze") {
		t.Errorf("missing store: exit %d, %q", code, errs)
	}
}
