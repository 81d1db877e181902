package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An output that would overwrite the store or an input, or be read as an
// input next time, is refused before anything is written.
func TestOutputsNeverOverwriteInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "foot.db")
	article := filepath.Join(dir, "s.txt")
	os.WriteFile(article, []byte("Storm floods Gdansk\n\nStorm Edda flooded Gdansk on Monday, March 3, 2025, officials said."), 0o644)
	if code, _, errs := runCLI(t, "", "analyze", "--quiet", "--db", db, article); code != 0 {
		t.Fatalf("first run: %d %s", code, errs)
	}
	before, _ := os.ReadFile(db)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", db, article}, "is the store"},
		{[]string{"-o", db + "-wal", article}, "is the store"},
		{[]string{"-o", article, article}, "is one of the inputs"},
		{[]string{"-o", filepath.Join(dir, "report.html"), "--format", "html", dir}, "inside the input directory"},
		{[]string{"--cpuprofile", article, article}, "is one of the inputs"},
	} {
		args := append([]string{"analyze", "--quiet", "--db", db}, tt.args...)
		code, _, errs := runCLI(t, "", args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "nothing was written") {
			t.Errorf("%v: exit %d, %q", tt.args, code, errs)
		}
	}
	after, _ := os.ReadFile(db)
	if string(before) != string(after) {
		t.Error("the store changed")
	}
	if b, _ := os.ReadFile(article); !strings.HasPrefix(string(b), "Storm floods Gdansk") {
		t.Error("the input was overwritten")
	}
	// Elsewhere is fine.
	if code, _, errs := runCLI(t, "", "analyze", "--quiet", "--db", db, "-o", filepath.Join(t.TempDir(), "r.json"), "--format", "json", article); code != 0 {
		t.Errorf("a report elsewhere: %d %s", code, errs)
	}
}
