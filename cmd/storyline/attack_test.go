package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAttackCorpus analyses testdata/attack (and a named pipe and a long
// repetitive text made here) into a store: each refusal names its input,
// the rest is stored, the store reads back whole, and a second run
// changes nothing.
func TestAttackCorpus(t *testing.T) {
	dir := t.TempDir()
	for _, e := range mustReadDir(t, "testdata/attack") {
		b, _ := os.ReadFile(filepath.Join("testdata/attack", e))
		os.WriteFile(filepath.Join(dir, e), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "repetitive.txt"), []byte(strings.Repeat(`"Yes," said Smith. `, 6000)), 0o644)
	syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644) // skipped where unsupported: the rest still runs
	db := filepath.Join(t.TempDir(), "a.db")
	code, _, errs := runCLI(t, "", "analyze", "--quiet", "--db", db, "--format", "json", dir)
	if code != exitPartial {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"zero-width.txt: no article text", `nul-and-deep.jsonl:1: field "extra" is nested deeper`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pipe.txt")); err == nil && !strings.Contains(errs, "pipe.txt: not a regular file") {
		t.Errorf("the named pipe is not refused by name:\n%s", errs)
	}
	st := openSQLite(t, db)
	ctx := context.Background()
	docs, err := st.Docs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, d := range docs {
		ids[d.ID] = d.Text
	}
	for _, id := range []string{"12345678901234567890", "12345678901234567891", "1", "1.0", "escaped", "nul", "utf16", "repetitive"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("%s not stored (stored: %d documents)", id, len(ids))
		}
	}
	if !strings.Contains(ids["escaped"], `C:\u0000`) || strings.ContainsRune(ids["nul"], 0) {
		t.Errorf("escaped %q, nul %q", ids["escaped"], ids["nul"])
	}
	if a, err := st.Analysis(ctx); err != nil || len(a.Documents) != len(docs) {
		t.Fatalf("analysis unreadable or partial: %v", err)
	}
	if code, _, errs := runCLI(t, "", "analyze", "--db", db, "--format", "json", dir); !strings.Contains(errs, "0 new, 0 updated") || code != exitPartial {
		t.Errorf("second run: exit %d %s", code, errs)
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if !e.IsDir() && e.Name() != "README.md" {
			out = append(out, e.Name())
		}
	}
	return out
}
