package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two files of the same name in two directories are two articles: the
// second is kept apart under its path and says so, a re-run changes
// nothing, and --replace lets it replace the first instead.
func TestFileNamesDoNotReplaceOtherFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	x, y := filepath.Join(dir, "x", "report.txt"), filepath.Join(dir, "y", "report.txt")
	os.MkdirAll(filepath.Dir(x), 0o755)
	os.MkdirAll(filepath.Dir(y), 0o755)
	os.WriteFile(x, []byte("Storm floods Gdansk\n\nStorm Edda flooded Gdansk on Monday, March 3, 2025, officials said."), 0o644)
	os.WriteFile(y, []byte("Lisbon hosts battery summit\n\nMinisters met in Lisbon on Tuesday, March 4, 2025, to discuss batteries."), 0o644)
	if code, _, errs := runCLI(t, "", "analyze", "--db", db, "--format", "json", x); code != 0 {
		t.Fatalf("x: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, "", "analyze", "--db", db, "--format", "json", y)
	want := filepath.ToSlash(strings.TrimSuffix(y, ".txt"))
	if code != 0 || !strings.Contains(errs, `the id "report" is `) || !strings.Contains(errs, "1 new") || !strings.Contains(errs, want) {
		t.Fatalf("y: exit %d, %s", code, errs)
	}
	if a := decode(t, out); len(a.Documents) != 1 || a.Documents[0].ID != want {
		t.Errorf("the report is not on y's article: %+v", a.Documents)
	}
	if code, _, errs := runCLI(t, "", "analyze", "--db", db, "--format", "json", y); code != 0 || !strings.Contains(errs, "0 new, 0 updated, 1 unchanged") {
		t.Errorf("y again: exit %d, %s", code, errs)
	}
	if n := count(t, db); n != 2 {
		t.Errorf("%d documents stored, want both articles", n)
	}
	if code, _, errs := runCLI(t, "", "analyze", "--replace", "--db", db, "--format", "json", y); code != 0 || !strings.Contains(errs, "1 updated") {
		t.Errorf("--replace: exit %d, %s", code, errs)
	}
}

func count(t *testing.T, db string) int {
	st := openSQLite(t, db)
	n, err := st.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
