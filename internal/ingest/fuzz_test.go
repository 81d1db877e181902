package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFromText: any bytes give a document whose text is valid UTF-8 and
// whose credits lie inside it, or are refused; never a panic.
func FuzzFromText(f *testing.F) {
	for _, s := range []string{"", "Title\n\nBody text here.", "A\r\nB\r\n\r\nC", "line\nline\nline", "\xff\xfe bad bytes \x00",
		"Photo: A man (Reuters)\n\nSource: TRT World", "word-\nwrap of a hard\nwrapped line that goes on\nand on."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, err := decodeText([]byte(s))
		if err != nil {
			return
		}
		d := FromText("f", text)
		if !utf8.ValidString(d.Text) {
			t.Fatalf("invalid UTF-8 text from %q", s)
		}
		for _, c := range d.Credits {
			if c.Start < 0 || c.End > len(d.Text) || c.Start > c.End {
				t.Fatalf("credit %+v outside text of %d bytes", c, len(d.Text))
			}
		}
	})
}

// FuzzFromHTML: malformed, nested or hostile pages give text or
// ErrNoText, never a panic, and never markup in the text.
func FuzzFromHTML(f *testing.F) {
	for _, s := range []string{"<html><body><p>Hello world, this is an article paragraph.</p></body></html>", "<p>unclosed <b>bold",
		"<script>alert(1)</script>", strings.Repeat("<div>", 500) + "deep" + strings.Repeat("</div>", 500),
		`<html><head><script type="application/ld+json">{"datePublished": [1,2,{"a":null}]}</script></head><body><article><p>Text of the article goes here and is long enough.</p></article></body></html>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := FromHTML("f", []byte(s))
		if err != nil {
			return
		}
		if strings.Contains(d.Text, "<script") {
			t.Fatalf("script markup in text: %q", d.Text)
		}
	})
}

// FuzzJSONLines: any body read as JSON lines gives documents with text
// or errors naming their line, never a panic.
func FuzzJSONLines(f *testing.F) {
	for _, s := range []string{`{"id":"a","text":"Some text."}`, `{"text": 5}`, "{\"text\":\"a\"}\n{broken\n", `[{"text":"x"}]`, `{"id":[],"text":{}}`, ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res := Read([]string{"-"}, Options{Stdin: strings.NewReader(s), MaxBytes: 1 << 20})
		for _, d := range res.Docs {
			if strings.TrimSpace(d.Text) == "" {
				t.Fatalf("document without text from %q", s)
			}
		}
		for _, e := range res.Errors {
			if e.Error() == "" {
				t.Fatal("error without a message")
			}
		}
	})
}
