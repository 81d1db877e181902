package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/eval"
)

// TestEvalQuotesGold runs the quote evaluation on the project's own gold
// file: every quote must be found and given its speaker, and a generic
// source ("a senior official") must stay without one.
func TestEvalQuotesGold(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "quotes", "--gold", "testdata/quotes-gold.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "speaker accuracy on matched quotes 1.000 (6/6)") {
		t.Errorf("not every gold quote found with its speaker:\n%s", out)
	}
	for _, row := range []string{"content exact", "content overlap", "speaker (name)"} {
		if !strings.Contains(out, row) {
			t.Errorf("row %q missing:\n%s", row, out)
		}
	}
}

func TestEvalQuotesErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"x","text":"He said nothing.","quotes":[{"text":"not in the text","speaker":"He"}]}`+"\n"), 0o644)
	code, _, errs := runCLI(t, "", "eval", "quotes", "--gold", bad)
	if code == 0 || !strings.Contains(errs, "bad.jsonl:1") || !strings.Contains(errs, "not in the text") {
		t.Errorf("exit %d, stderr %q: want an error naming the file, line and quote", code, errs)
	}
	code, _, errs = runCLI(t, "", "eval", "quotes", "--polnear", dir)
	if code == 0 || !strings.Contains(errs, "attributions") {
		t.Errorf("exit %d, stderr %q: want an error saying what a PolNeAR directory holds", code, errs)
	}
	if code, _, _ := runCLI(t, "", "eval", "quotes"); code != exitUsage {
		t.Errorf("no input: exit %d, want usage", code)
	}
}

// TestPolnearPublished checks that a PolNeAR name gives its day only when
// its second field is one.
func TestPolnearPublished(t *testing.T) {
	docs := []eval.AttrDoc{{Name: "politico_2016-09-12_trump-speech"}, {Name: "politico_sept-12_speech"}, {Name: "nodate"}}
	want := []string{"2016-09-12", "", ""}
	if got := polnearPublished(docs); !slices.Equal(got, want) {
		t.Errorf("polnearPublished = %q, want %q", got, want)
	}
}
