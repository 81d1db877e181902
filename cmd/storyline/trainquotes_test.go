package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteCueWords checks which cue words are kept: seen eight times, not
// function words, starting with a letter (or the colon), sorted.
func TestWriteCueWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cues.txt")
	n, err := writeCueWords(path, map[string]int{"said": 9, "told": 8, "to": 20, ":": 8, "—": 9, "warned": 7})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := ":\nsaid\ntold\n"; n != 3 || string(data) != want {
		t.Errorf("wrote %d words %q, want 3 %q", n, data, want)
	}
}
