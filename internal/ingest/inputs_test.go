package ingest

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/fetch"
)

// TestContentDecidesOverName: what a file is decides how it is read,
// whatever its name: a PDF named .txt is read as a PDF (its text, never
// its bytes), an image named .txt or .html is refused by name and type,
// a text named .pdf is refused.
func TestContentDecidesOverName(t *testing.T) {
	pdfData, err := os.ReadFile("testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    []byte
		wantErr string // "" for read
	}{
		{"report.txt", pdfData, ""},
		{"photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "photo.txt: binary data, not text (image/png)"},
		{"photo.html", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "photo.html: binary data, not text (image/jpeg)"},
		{"archive.json", []byte("PK\x03\x04\x14\x00\x06\x00"), "archive.json: binary data, not text (application/zip)"},
		{"page.gz", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "page.gz: binary data, not text (application/x-gzip)"},
		{"notes.pdf", []byte("Just notes, not a PDF at all."), "notes.pdf: named .pdf but not a PDF"},
		{"broken.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"), "broken.pdf: unreadable PDF"},
	}
	for _, tt := range tests {
		ext := tt.name[strings.LastIndex(tt.name, "."):]
		docs, errs := Parse(tt.name, ext, tt.data, Options{MaxBytes: DefaultMaxBytes})
		switch {
		case tt.wantErr == "" && (len(errs) > 0 || len(docs) != 1):
			t.Errorf("%s: %v", tt.name, errs)
		case tt.wantErr == "" && strings.Contains(docs[0].Text, "%PDF") || tt.wantErr == "" && !strings.Contains(docs[0].Text, "Karin Holm"):
			t.Errorf("%s: text %q", tt.name, docs[0].Text)
		case tt.wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.wantErr)):
			t.Errorf("%s: errors %v, want %q", tt.name, errs, tt.wantErr)
		}
	}
}

// TestPDF reads a two-page PDF (its title from the document information,
// both pages' text, wrapped lines joined) and refuses a scanned one by
// name.
func TestPDF(t *testing.T) {
	docs, errs := ReadFile("testdata/report.pdf", Options{})
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("%v", errs)
	}
	d := docs[0]
	if d.ID != "report" || d.Title != "Storm closes the harbour" {
		t.Errorf("id %q title %q", d.ID, d.Title)
	}
	for _, want := range []string{"first winter storm brought waves", "The mayor, Karin Holm, said the sea wall had held."} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	_, errs = ReadFile("testdata/scanned.pdf", Options{})
	if len(errs) != 1 || !errors.Is(errs[0], ErrNoPDFText) || !strings.HasPrefix(errs[0].Error(), "testdata/scanned.pdf: ") {
		t.Errorf("scanned PDF: %v", errs)
	}
	if _, errs := ReadFile("testdata/report.pdf", Options{MaxBytes: 200}); len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("PDF text over the limit: %v", errs)
	}
}

// TestCSV reads rows as articles (the known columns as fields, the others
// as metadata), names the line of each bad row, and refuses a file
// without a text or html column.
func TestCSV(t *testing.T) {
	csv := "Title,text,published,source,section,empty\n" +
		"Harbour closed,\"The harbour was closed on Monday,\nthe port authority said.\",2021-03-04,Lindholm Courier,news,\n" +
		"No text,,2021-03-05,x,y,\n" +
		"Bad date,Ferries were cancelled until Wednesday.,yesterday,x,,\n" +
		"Short row,Only two cells\n" +
		"Vote,The council voted for the sea wall.,,,,\n"
	docs, errs := Parse("rows.csv", ".csv", []byte(csv), Options{})
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2 (errors %v)", len(docs), errs)
	}
	d := docs[0]
	if d.Title != "Harbour closed" || d.Published != "2021-03-04" || d.Source != "Lindholm Courier" || d.Meta["section"] != "news" || d.Origin != "rows.csv:2" {
		t.Errorf("row 1: %+v", d)
	}
	if _, ok := d.Meta["empty"]; ok {
		t.Errorf("an empty cell became metadata: %v", d.Meta)
	}
	if docs[1].Origin != "rows.csv:7" || docs[0].ID == docs[1].ID {
		t.Errorf("row 5: origin %q, ids %q %q", docs[1].Origin, docs[0].ID, docs[1].ID)
	}
	want := []string{`rows.csv:4: no "text" or "html" field`, `rows.csv:5: field "published"`, "rows.csv:6: invalid CSV"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %q", errs, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d: %q, want %q", i, errs[i], w)
		}
	}
	_, errs = Parse("table.csv", ".csv", []byte("name,value\na,1\n"), Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `table.csv: a CSV file needs a header line with a "text" or "html" column (its first line is: name,value)`) {
		t.Errorf("no text column: %v", errs)
	}
}

// TestAddresses: an address is fetched through Options.Fetch and read by
// its content type, with an id from the address and the page's URL; other
// schemes and a missing fetcher are refused by name.
func TestAddresses(t *testing.T) {
	pdfData, _ := os.ReadFile("testdata/report.pdf")
	served := map[string]*fetch.Page{
		"https://news.example/a": {Body: []byte(page("", "")), Type: "text/html; charset=utf-8", URL: "https://news.example/a/"},
		"https://news.example/r": {Body: pdfData, Type: "application/octet-stream", URL: "https://news.example/r"},
		"https://news.example/t": {Body: []byte("Harbour notes\n\nThe council met on Tuesday."), Type: "text/plain", URL: "https://news.example/t"},
	}
	opt := Options{Fetch: func(u string) (*fetch.Page, error) {
		if p := served[u]; p != nil {
			return p, nil
		}
		return nil, errors.New(u + ": HTTP 404 Not Found")
	}}
	res := Read([]string{"https://news.example/a", "https://news.example/r", "https://news.example/t", "https://news.example/gone", "file:///etc/passwd", "ftp://news.example/x"}, opt)
	if len(res.Docs) != 3 {
		t.Fatalf("%d documents, errors %v", len(res.Docs), res.Errors)
	}
	a := res.Docs[0]
	if a.ID != addressID("https://news.example/a") || a.URL != "https://news.example/a/" || a.IDFromName || a.Origin != "https://news.example/a" {
		t.Errorf("page: id %q url %q origin %q", a.ID, a.URL, a.Origin)
	}
	if !strings.Contains(res.Docs[1].Text, "Karin Holm") || res.Docs[2].Title != "Harbour notes" {
		t.Errorf("PDF %q, text title %q", res.Docs[1].Text, res.Docs[2].Title)
	}
	for i, w := range []string{"https://news.example/gone: https://news.example/gone: HTTP 404", "file:///etc/passwd: only http and https addresses are fetched (not file://)", "ftp://news.example/x: only http and https"} {
		if i >= len(res.Errors) || !strings.HasPrefix(res.Errors[i].Error(), w) {
			t.Errorf("errors %v, want %q", res.Errors, w)
		}
	}
	res = Read([]string{"https://news.example/a"}, Options{})
	if len(res.Errors) != 1 || !errors.Is(res.Errors[0], ErrNoFetch) {
		t.Errorf("no fetcher: %v", res.Errors)
	}
}

func TestReadURLList(t *testing.T) {
	p := t.TempDir() + "/list.urls"
	os.WriteFile(p, []byte("# morning pages\nhttps://news.example/a\n\n  http://news.example/b  \nnews.example/c\nfile:///etc/passwd\n"), 0o644)
	urls, errs := ReadURLList(p)
	if strings.Join(urls, " ") != "https://news.example/a http://news.example/b" {
		t.Errorf("urls %q", urls)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), p+":5: ") || !strings.HasPrefix(errs[1].Error(), p+":6: ") {
		t.Errorf("errors %v", errs)
	}
	empty := t.TempDir() + "/empty.urls"
	os.WriteFile(empty, []byte("# nothing\n"), 0o644)
	if _, errs := ReadURLList(empty); len(errs) != 1 || !strings.Contains(errs[0].Error(), "no web address") {
		t.Errorf("empty list: %v", errs)
	}
}

// TestHostilePDFs: files on which the PDF reader loops for ever (a page
// tree that holds itself; a content stream ending inside a hex string,
// found by fuzzing) are refused by name, at once.
func TestHostilePDFs(t *testing.T) {
	loop, err := os.ReadFile("testdata/fuzz/FuzzPDF/page-tree-loop")
	if err != nil {
		t.Fatal(err)
	}
	body := string(loop[strings.Index(string(loop), "(")+1 : strings.LastIndex(string(loop), ")")])
	unquoted, err := strconv.Unquote(body)
	if err != nil {
		t.Fatal(err)
	}
	hex, err := os.ReadFile("testdata/hexstring-open.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"loop.pdf": []byte(unquoted), "hex.pdf": hex} {
		done := make(chan []error, 1)
		go func() {
			_, errs := Parse(name, ".pdf", data, Options{})
			done <- errs
		}()
		select {
		case errs := <-done:
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), name+": unreadable PDF") {
				t.Errorf("%s: %v", name, errs)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: still reading after 5 s", name)
		}
	}
}

// FuzzPDF: any bytes after a PDF header give text or an error naming the
// problem, never a panic, and within a second.
func FuzzPDF(f *testing.F) {
	for _, p := range []string{"testdata/report.pdf", "testdata/scanned.pdf"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		d, err := parsePDF(input{path: "f.pdf", id: "f"}, data, Options{MaxBytes: 1 << 20})
		if err == nil && !utf8.ValidString(d.Text) {
			t.Fatalf("invalid UTF-8 text")
		}
		if el := time.Since(start); el > time.Second {
			t.Fatalf("%v on %d bytes", el, len(data))
		}
	})
}

// A PDF the reader cannot finish is refused once its time is up, and the
// batch goes on.
func TestPDFReadIsBounded(t *testing.T) {
	data, err := os.ReadFile("testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readPDF(input{path: "r.pdf", id: "r"}, data, Options{MaxBytes: 1 << 20}, 0); err == nil || !strings.Contains(err.Error(), "still reading") {
		t.Errorf("no time at all: %v", err)
	}
	if d, err := readPDF(input{path: "r.pdf", id: "r"}, data, Options{MaxBytes: 1 << 20}, time.Minute); err != nil || d == nil {
		t.Errorf("with time: %v", err)
	}
}
