package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
)

// Ids are strings as written: numbers keep their literal text.
func TestNumericIDsAreKeptAsWritten(t *testing.T) {
	res := Read([]string{"-"}, Options{Stdin: strings.NewReader(`{"id": 12345678901234567890, "text": "One article."}
{"id": 12345678901234567891, "text": "Another article."}
{"id": 1, "text": "A third."}
{"id": 1.0, "text": "A fourth."}
{"id": "x", "text": "A fifth.", "score": 0.1, "count": 12345678901234567890}`)})
	var ids []string
	for _, d := range res.Docs {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, " "); got != "12345678901234567890 12345678901234567891 1 1.0 x" || len(res.Errors) != 0 {
		t.Fatalf("ids %q, errors %v", got, res.Errors)
	}
	if n := res.Docs[4].Meta["count"]; n == nil || n.(interface{ String() string }).String() != "12345678901234567890" {
		t.Errorf("metadata number %v lost its digits", n)
	}
}

// Metadata nested past the bound, or too large, is refused by name;
// control characters are dropped from every field.
func TestMetadataIsBounded(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 40) + "1" + strings.Repeat("}", 40)
	big := `"` + strings.Repeat("x", 70<<10) + `"`
	for name, line := range map[string]string{"deep": `{"text": "An article.", "extra": ` + deep + `}`, "big": `{"text": "An article.", "extra": ` + big + `}`} {
		res := Read([]string{"-"}, Options{Stdin: strings.NewReader(line)})
		if len(res.Docs) != 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "stdin") ||
			!strings.Contains(res.Errors[0].Error(), map[string]string{"deep": `"extra" is nested deeper`, "big": "kept as metadata"}[name]) {
			t.Errorf("%s: %d docs, errors %v", name, len(res.Docs), res.Errors)
		}
	}
	res := Read([]string{"-"}, Options{Stdin: strings.NewReader(`{"id": "a\u0000b", "title": "T\u0000", "text": "Text\u0000 here.", "source": "S\u0000", "k\u0000": ["v\u0000"]}`)})
	if len(res.Docs) != 1 {
		t.Fatalf("%v", res.Errors)
	}
	d := res.Docs[0]
	for _, s := range []string{d.ID, d.Title, d.Text, d.Source} {
		if strings.ContainsRune(s, 0) {
			t.Errorf("NUL kept in %q", s)
		}
	}
	if v, ok := d.Meta["k"].([]any); !ok || v[0] != "v" {
		t.Errorf("metadata not cleaned: %#v", d.Meta)
	}
}

// What is not a regular file is refused by name, alone or in a directory,
// without blocking (reading a named pipe waits for a writer).
func TestNonRegularFilesAreRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "b.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	write(t, dir, "a.txt", "Storm floods Gdansk\n\nStorm Edda flooded Gdansk on Monday.")
	for _, in := range []string{fifo, dir} {
		res := Read([]string{in}, Options{})
		if len(res.Errors) != 1 || !errors.Is(res.Errors[0], ErrNotRegular) || !strings.Contains(res.Errors[0].Error(), "b.txt") {
			t.Errorf("%s: errors %v", in, res.Errors)
		}
		if in == dir && len(res.Docs) != 1 {
			t.Errorf("the regular file beside the pipe was not read: %d docs", len(res.Docs))
		}
	}
}

// One unreadable subdirectory is reported; the rest of the directory is
// read. A directory with nothing to read is an error.
func TestDirectoriesReportWhatTheyCannotRead(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := t.TempDir()
	write(t, dir, "a.txt", "Storm floods Gdansk\n\nStorm Edda flooded Gdansk on Monday.")
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0o755)
	write(t, locked, "b.txt", "Hidden away.")
	os.Chmod(locked, 0)
	defer os.Chmod(locked, 0o755)
	res := Read([]string{dir}, Options{})
	if len(res.Docs) != 1 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "locked") {
		t.Errorf("%d docs, errors %v", len(res.Docs), res.Errors)
	}
}

func TestEmptyDirectoryIsAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "notes.docx", "PK\x03\x04") // PDFs and CSV files are read now; Word files are not
	res := Read([]string{dir}, Options{})
	if len(res.Docs) != 0 || len(res.Errors) != 1 || !errors.Is(res.Errors[0], ErrNoFiles) {
		t.Errorf("%d docs, errors %v", len(res.Docs), res.Errors)
	}
}

// UTF-16 with a byte-order mark is text; text of invisible characters
// only is no article.
func TestEncodingsAndInvisibleText(t *testing.T) {
	dir := t.TempDir()
	le := []byte{0xff, 0xfe}
	for _, r := range "Storm in Gdańsk\n\nThe harbour flooded." {
		le = append(le, byte(r), byte(r>>8))
	}
	os.WriteFile(filepath.Join(dir, "utf16.txt"), le, 0o644)
	res := Read([]string{filepath.Join(dir, "utf16.txt")}, Options{})
	if len(res.Docs) != 1 || !strings.Contains(res.Docs[0].Text, "Gdańsk") {
		t.Errorf("UTF-16: %+v %v", res.Docs, res.Errors)
	}
	write(t, dir, "zw.txt", "\u200b\u200b\u2060\u200e \u200b")
	res = Read([]string{filepath.Join(dir, "zw.txt")}, Options{})
	if len(res.Docs) != 0 || len(res.Errors) != 1 {
		t.Errorf("invisible text: %d docs, errors %v", len(res.Docs), res.Errors)
	}
}

// A changed address, author or metadata changes the content hash, so it
// is stored; documents without them keep the hash they had.
func TestContentHashCoversWhatIsStored(t *testing.T) {
	base := &doc.Doc{ID: "a", Title: "T", Published: "2025-03-03", Text: "Text."}
	h := ContentHash(base)
	// Without address, author or metadata: the hash stored documents had.
	old := sha256.Sum256([]byte("a\x00T\x002025-03-03\x00\x00Text."))
	if h != hex.EncodeToString(old[:])[:32] {
		t.Fatalf("hash %q changed for a document without address, author or metadata", h)
	}
	for name, change := range map[string]func(*doc.Doc){
		"url":    func(d *doc.Doc) { d.URL = "https://example.org/a" },
		"author": func(d *doc.Doc) { d.Author = "Anna Nowak" },
		"meta":   func(d *doc.Doc) { d.Meta = map[string]any{"section": "world"} },
	} {
		d := *base
		change(&d)
		if ContentHash(&d) == h {
			t.Errorf("a changed %s leaves the hash as it was", name)
		}
	}
}
