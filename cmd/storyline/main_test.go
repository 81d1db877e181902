package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func decode(t *testing.T, s string) *model.Analysis {
	t.Helper()
	var a model.Analysis
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
	return &a
}

// TestGoldenExample pins the whole contract for one example article: any
// change in any stage shows up here. Run with -update after a deliberate change.
func TestGoldenExample(t *testing.T) {
	code, out, errs := runCLI(t, "", "analyze", "--db", ":memory:", "--quiet", "--format", "json", "../../examples/baltic-courier-storm.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden := filepath.Join("testdata", "golden", "baltic-courier-storm.json")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/storyline -update)", err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s; diff it, and run with -update if the change is intended", golden)
		os.WriteFile(filepath.Join(t.TempDir(), "got.json"), []byte(out), 0o644)
	}
}

func TestAnalyzeExamplesAllFormats(t *testing.T) {
	for _, f := range []string{"text", "markdown", "html", "json"} {
		code, out, errs := runCLI(t, "", "analyze", "--db", ":memory:", "--format", f, "../../examples")
		if code != 0 || len(out) < 200 {
			t.Fatalf("%s: exit %d, %d bytes: %s", f, code, len(out), errs)
		}
		if !strings.Contains(errs, "5 documents analysed") {
			t.Errorf("%s: summary line missing: %q", f, errs)
		}
	}
	_, out, _ := runCLI(t, "", "analyze", "--db", ":memory:", "--quiet", "--format", "json", "../../examples")
	a := decode(t, out)
	if len(a.Documents) != 5 || len(a.Storylines) != 2 {
		t.Errorf("%d documents, %d storylines", len(a.Documents), len(a.Storylines))
	}
	for _, d := range a.Documents {
		if d.ID == "baltic-courier-storm" && strings.Count(d.Text, "A fire crew wades") != 1 {
			t.Error("repeated caption kept twice")
		}
		if d.ID == "northern-wire-storm" && (d.Source != "Northern Wire" || !strings.HasPrefix(d.Published, "2025-03-05")) {
			t.Errorf("html metadata: %q %q", d.Source, d.Published)
		}
	}
}

func TestStdinAndFlagsAfterInputs(t *testing.T) {
	code, out, errs := runCLI(t, "Talks resume\n\nJohn Kerry met Sergei Lavrov in Geneva on Monday, April 25, 2016.", "analyze", "-", "--db", ":memory:", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a := decode(t, out)
	if len(a.Documents) != 1 || !strings.HasPrefix(a.Documents[0].ID, "doc-") || a.Documents[0].Title != "Talks resume" {
		t.Errorf("stdin doc %+v", a.Documents)
	}
}

// storeWithGoodDoc makes a store holding one analysed article, "good",
// for tests that then feed it bad input.
func storeWithGoodDoc(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "s.db")
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Flood in Gdansk\n\nStorm Edda flooded Gdansk on Monday, March 3, 2025, officials said."), 0o644)
	if code, _, errs := runCLI(t, "", "analyze", "--db", db, "--quiet", "--format", "json", good); code != 0 {
		t.Fatalf("good run: %d %s", code, errs)
	}
	return dir, db
}

func TestBadInputKeepsStoreAndFailsLoudly(t *testing.T) {
	dir, db := storeWithGoodDoc(t)
	bad := map[string][]byte{
		"empty.txt":  {},
		"binary.txt": {0x7f, 'E', 'L', 'F', 0, 0, 1, 2},
		"bad.jsonl":  []byte("{\"id\": \"x\", \"text\": \"ok text here\"}\n{oops\n"),
		"big.txt":    bytes.Repeat([]byte("a"), 3000),
		"latin1.txt": []byte("Caf\xe9 talks in Gen\xe8ve."),
	}
	var paths []string
	for name, data := range bad {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		paths = append(paths, p)
	}
	args := append([]string{"analyze", "--db", db, "--quiet", "--format", "json", "--max-bytes", "2000"}, paths...)
	code, out, errs := runCLI(t, "", args...)
	if code == 0 {
		t.Error("exit 0 with bad inputs")
	}
	for _, want := range []string{"empty.txt: empty input", "binary.txt: binary data", "bad.jsonl:2: invalid JSON", "big.txt: input exceeds the size limit"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	a := decode(t, out)
	// The good line of the JSONL file and the repaired Latin-1 file still went through.
	if len(a.Documents) != 2 {
		t.Errorf("%d documents reported, want 2", len(a.Documents))
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, _ := st.Count(context.Background())
	if n != 3 {
		t.Errorf("store holds %d documents, want 3 (the first run's plus two good ones)", n)
	}
	docs, _ := st.Docs(context.Background(), []string{"good"})
	if len(docs) != 1 || !strings.Contains(docs[0].Text, "Storm Edda") {
		t.Error("earlier document lost or changed")
	}
}

func TestReanalysisIsIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, first, _ := runCLI(t, "", "analyze", "--db", db, "--quiet", "--format", "json", "../../examples")
	code, second, errs := runCLI(t, "", "analyze", "--db", db, "--format", "json", "../../examples")
	if code != 0 || first != second {
		t.Errorf("second run differs (exit %d)", code)
	}
	if !strings.Contains(errs, "0 new, 0 updated, 5 unchanged") {
		t.Errorf("second run re-stored documents: %s", errs)
	}
	// Adding one document recomputes the cross-document layers over the store.
	extra := filepath.Join(t.TempDir(), "extra.txt")
	os.WriteFile(extra, []byte("Gdansk flood inquiry\n\nMayor Katarzyna Lis opened an inquiry into the Gdansk flood on Friday, March 7, 2025, after Storm Edda."), 0o644)
	runCLI(t, "", "analyze", "--db", db, "--quiet", "--format", "json", extra)
	_, all, _ := runCLI(t, "", "analyze", "--db", db, "--quiet", "--all", "--format", "json", extra)
	if a := decode(t, all); len(a.Documents) != 6 {
		t.Errorf("--all reports %d documents, want 6", len(a.Documents))
	}
}

func TestUsageErrors(t *testing.T) {
	if code, _, _ := runCLI(t, ""); code != exitUsage {
		t.Errorf("no args: %d", code)
	}
	if code, _, errs := runCLI(t, "", "analyze", "--db", ":memory:"); code != exitUsage || !strings.Contains(errs, "no input") {
		t.Errorf("no inputs: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "", "analyze", "--format", "pdf", "x"); code != exitUsage || !strings.Contains(errs, "pdf") {
		t.Errorf("bad format: %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "", "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: %d", code)
	}
	if code, out, _ := runCLI(t, "", "version"); code != 0 || !strings.HasPrefix(out, "storyline ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestBadCorpus: every file of testdata/bad (binary, truncated gzip, empty,
// invalid UTF-8, deeply nested HTML, a billion-laughs feed, JSON with
// wrong types) and a 50 MB single line each give an error naming the file
// and a non-zero exit, and leave the store as it was.
func TestBadCorpus(t *testing.T) {
	dir, db := storeWithGoodDoc(t)
	files, _ := filepath.Glob("testdata/bad/*")
	big := filepath.Join(dir, "one-line.txt")
	f, _ := os.Create(big)
	line := bytes.Repeat([]byte("word "), 1<<20)
	for i := 0; i < 10; i++ { // 50 MB, no newline
		f.Write(line)
	}
	f.Close()
	files = append(files, big)
	if len(files) < 9 {
		t.Fatalf("bad corpus has %d files", len(files))
	}
	for _, p := range files {
		code, _, errs := runCLI(t, "", "analyze", "--db", db, "--quiet", "--format", "json", p)
		if code == 0 {
			t.Errorf("%s: exit 0", p)
		}
		if !strings.Contains(errs, filepath.Base(p)) {
			t.Errorf("%s: the error does not name the file: %q", p, errs)
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.Count(context.Background()); n != 1 {
		t.Errorf("store holds %d documents after bad inputs, want 1", n)
	}
	docs, _ := st.Docs(context.Background(), []string{"good"})
	if len(docs) != 1 || !strings.Contains(docs[0].Text, "Storm Edda") {
		t.Error("the stored document was lost or changed")
	}
}
