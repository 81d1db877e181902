package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFromTextCleaning(t *testing.T) {
	raw := "Storm floods harbour\r\n\r\nA caption line.\nA caption line.\n\n\n\nThe mayor said the water rose.\u00a0 Again.\n\nSource: TRTWorld and agencies\n"
	d := FromText("x", raw)
	if got := strings.Count(d.Text, "A caption line."); got != 1 {
		t.Errorf("repeated line kept %d times, want 1", got)
	}
	if strings.Contains(d.Text, "\r") || strings.Contains(d.Text, "\n\n\n") || strings.Contains(d.Text, "\u00a0") {
		t.Errorf("text not normalised: %q", d.Text)
	}
	if d.Title != "Storm floods harbour" {
		t.Errorf("title = %q", d.Title)
	}
	if d.Source != "TRT World" {
		t.Errorf("source = %q, want TRT World", d.Source)
	}
	if d.Meta["duplicate_lines_removed"] != 1 {
		t.Errorf("removed count = %v", d.Meta["duplicate_lines_removed"])
	}
	found := false
	for _, c := range d.Credits {
		if c.Kind == "source" && d.Text[c.Start:c.End] == "Source: TRTWorld and agencies" {
			found = true
		}
	}
	if !found {
		t.Errorf("source credit not marked: %+v", d.Credits)
	}
}

func TestCredits(t *testing.T) {
	tests := []struct {
		line, kind, outlet, span string
	}{
		{"A boy at a hospital in Aleppo. (George Ourfalian/AFP/Getty Images)", "photo", "AFP", "(George Ourfalian/AFP/Getty Images)"},
		{"UN mediator urges talks as the truce is 'barely alive' Denis Balibouse/Reuters", "photo", "Reuters", "Denis Balibouse/Reuters"},
		{"Photo: Anna Nowak", "photo", "", "Photo: Anna Nowak"},
	}
	for _, tt := range tests {
		d := FromText("x", "Title line\n\n"+tt.line)
		var got []string
		ok := false
		for _, c := range d.Credits {
			got = append(got, c.Kind+":"+d.Text[c.Start:c.End])
			if c.Kind == tt.kind && d.Text[c.Start:c.End] == tt.span && c.Outlet == tt.outlet {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: credits %q, want %s %q (outlet %q)", tt.line, got, tt.kind, tt.span, tt.outlet)
		}
	}
	// A sentence with a slash is not a credit.
	d := FromText("x", "Title\n\nThe 24/7 news cycle and/or the wire matter.")
	if len(d.Credits) != 0 {
		t.Errorf("false credit: %+v", d.Credits)
	}
}

func TestGuessTitle(t *testing.T) {
	for text, want := range map[string]string{
		"Syria truce\nBody text.":                      "Syria truce",
		"Syria crisis: peace, says U.S.\n\nBody.":      "Syria crisis: peace, says U.S.",
		"This first line is a full sentence.\n\nBody.": "",
		"Only one line":                                "",
		strings.Repeat("word ", 30) + "\nBody":         "",
	} {
		if got := guessTitle(Normalize(text)); got != want {
			t.Errorf("guessTitle(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestNormalizeNFC(t *testing.T) {
	// "e" + combining acute becomes the single code point é.
	if got := Normalize("Ame\u0301lie"); got != "Amélie" {
		t.Errorf("Normalize = %q", got)
	}
	if got := Normalize("“quoted” – text"); got != "“quoted” – text" {
		t.Errorf("curly quotes must be kept: %q", got)
	}
}

func TestDecodeText(t *testing.T) {
	// Windows-1252 "café" with a curly quote.
	got, err := decodeText([]byte("caf\xe9 \x93ok\x94"))
	if err != nil || got != "café “ok”" {
		t.Errorf("decodeText = %q, %v", got, err)
	}
	if _, err := decodeText([]byte{0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xc3}); !errors.Is(err, ErrEncoding) {
		t.Errorf("garbage: err = %v, want ErrEncoding", err)
	}
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.txt", "Title\n\nA sentence about Geneva.")
	empty := write(t, dir, "empty.txt", "  \n")
	bin := write(t, dir, "bin.txt", "PK\x03\x04\x00\x00binary")
	big := write(t, dir, "big.txt", strings.Repeat("a", 2000))
	jl := write(t, dir, "feed.jsonl", `{"id":"a","text":"First article text."}
{not json}
{"id":"b","title":5,"text":"x"}
{"id":"c"}
{"id":"d","text":"Fourth.","published":"2016-05-03","lang":"en"}
`)
	res := Read([]string{good, empty, bin, big, jl, filepath.Join(dir, "missing.txt")}, Options{MaxBytes: 1000})
	if len(res.Docs) != 3 {
		t.Fatalf("read %d documents, want 3 (good, a, d)", len(res.Docs))
	}
	var msgs []string
	for _, e := range res.Errors {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"empty.txt: empty input", "bin.txt: binary data", "big.txt: input exceeds the size limit",
		"feed.jsonl:2: invalid JSON", `feed.jsonl:3: field "title" must be a string`, `feed.jsonl:4: no "text" or "html" field`, "missing.txt: no such file"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	var d4 = res.Docs[2]
	if d4.ID != "d" || d4.Published != "2016-05-03" || d4.Meta["lang"] != "en" {
		t.Errorf("jsonl doc = %+v", d4)
	}
}

func TestReadDirectoryRecursiveAndIDs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/one.txt", "Title\n\nText one.")
	write(t, dir, "b/two.html", "<html><head><title>Two</title></head><body><article><p>Text two is here and long enough to be an article body for readability to keep it.</p></article></body></html>")
	write(t, dir, ".hidden/three.txt", "hidden")
	write(t, dir, "notes.bin", "ignored")
	res := Read([]string{dir}, Options{})
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Docs) != 2 || res.Docs[0].ID != "one" || res.Docs[1].ID != "two" {
		t.Fatalf("docs = %d %v", len(res.Docs), res.Docs)
	}
}

func TestStdinSniff(t *testing.T) {
	res := Read([]string{"-"}, Options{Stdin: strings.NewReader(`{"id":"s1","text":"From stdin."}` + "\n")})
	if len(res.Docs) != 1 || res.Docs[0].ID != "s1" {
		t.Fatalf("stdin jsonl: %+v %v", res.Docs, res.Errors)
	}
	// Plain text on standard input gets an id from its content: two
	// different articles piped in never share "stdin".
	res = Read([]string{"-"}, Options{Stdin: strings.NewReader("Plain text from stdin.")})
	other := Read([]string{"-"}, Options{Stdin: strings.NewReader("Other text from stdin.")})
	if len(res.Docs) != 1 || !strings.HasPrefix(res.Docs[0].ID, "doc-") || res.Docs[0].ID == other.Docs[0].ID {
		t.Fatalf("stdin text: %+v %+v %v", res.Docs, other.Docs, res.Errors)
	}
}

func TestJSONArrayAndObject(t *testing.T) {
	dir := t.TempDir()
	arr := write(t, dir, "arr.json", `[{"text":"One."},{"id":"two","text":"Two."}]`)
	obj := write(t, dir, "obj.json", `{"text":"Only.","url":"https://example.org/a"}`)
	res := Read([]string{arr, obj}, Options{})
	if len(res.Errors) != 0 || len(res.Docs) != 3 {
		t.Fatalf("docs %d errors %v", len(res.Docs), res.Errors)
	}
	// An article without an id gets one from its content: never the
	// file's name or a shared default, the same on every read.
	one, only := res.Docs[0].ID, res.Docs[2].ID
	if !strings.HasPrefix(one, "doc-") || one == only || res.Docs[1].ID != "two" || res.Docs[2].URL != "https://example.org/a" {
		t.Errorf("ids/urls: %s %s %s %s", one, res.Docs[1].ID, only, res.Docs[2].URL)
	}
	if again := Read([]string{arr}, Options{}); again.Docs[0].ID != one {
		t.Errorf("content id changed between reads: %s, %s", one, again.Docs[0].ID)
	}
}

func TestHTMLExtraction(t *testing.T) {
	page := `<!doctype html><html><head><title>Site | Headline here</title>
<meta property="og:title" content="Headline here"><meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2025-03-05T08:30:00Z"><meta name="author" content="A. Writer">
<script>var x = "<p>not text</p>";</script></head><body>
<nav><a href="/">Home</a><a href="/sport">Sport</a></nav>
<article><h1>Headline here</h1><p>The first paragraph of the story is long enough to be kept by the extractor as body text.</p>
<p>The second paragraph carries a quote: "We will rebuild," the mayor said, and more words follow here.</p></article>
<footer>Copyright Daily Example</footer></body></html>`
	d, err := FromHTML("page", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Headline here" || d.Source != "Daily Example" || d.Published != "2025-03-05T08:30:00Z" || d.Author != "A. Writer" {
		t.Errorf("meta: title %q source %q published %q author %q", d.Title, d.Source, d.Published, d.Author)
	}
	if !strings.Contains(d.Text, "The second paragraph carries a quote") {
		t.Errorf("body missing: %q", d.Text)
	}
	for _, junk := range []string{"not text", "Sport", "Copyright"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("boilerplate %q kept: %q", junk, d.Text)
		}
	}
}

func TestMalformedHTMLStillReads(t *testing.T) {
	d, err := FromHTML("bad", []byte("<html><body><p>Unclosed paragraph about Geneva talks <b>bold<p>Second</body>"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "Geneva talks") {
		t.Errorf("text %q", d.Text)
	}
	if _, err := FromHTML("none", []byte("<html><body><script>x</script></body></html>")); !errors.Is(err, ErrNoText) {
		t.Errorf("page without text: err = %v", err)
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2016-05-03": "2016-05-03", "2016-05-03T10:00:00Z": "2016-05-03T10:00:00Z", "2016-05-03T10:00:00+02:00": "2016-05-03T10:00:00+02:00",
		"Tue, 03 May 2016 10:00:00 GMT": "2016-05-03T10:00:00Z", "May 3, 2016": "2016-05-03",
	} {
		got, err := NormalizeDate(in)
		if err != nil || got != want {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := NormalizeDate("yesterday-ish"); err == nil {
		t.Error("bad date accepted")
	}
}

func TestContentHashStable(t *testing.T) {
	a := FromText("id", "Title\n\nBody.")
	b := FromText("id", "Title\r\n\r\nBody.\n")
	if ContentHash(a) != ContentHash(b) {
		t.Error("hash differs for the same cleaned content")
	}
	c := FromText("id", "Title\n\nOther body.")
	if ContentHash(a) == ContentHash(c) {
		t.Error("hash equal for different content")
	}
}

func TestUnwrapHardWrappedText(t *testing.T) {
	raw := "The Federal Savings and Loan\nInsurance Corp is facing a deficit because of its potential\nliability from insolvent savings associations, the General\nAccounting Office told a House Banking hearing.\n    \"We have preliminarily determined that FSLIC needs to\nestablish a contingent liability,\" Frederick Wolf of the GAO said.\n    He urged the committee to act."
	got := Unwrap(raw)
	want := "The Federal Savings and Loan Insurance Corp is facing a deficit because of its potential liability from insolvent savings associations, the General Accounting Office told a House Banking hearing.\n\n\"We have preliminarily determined that FSLIC needs to establish a contingent liability,\" Frederick Wolf of the GAO said.\n\nHe urged the committee to act."
	if got != want {
		t.Errorf("Unwrap:\n got %q\nwant %q", got, want)
	}
	// One paragraph per line (ordinary news text) is left alone.
	plain := "Title\n\nFirst paragraph is a full sentence that ends here.\nSecond paragraph also ends properly with a stop.\nThird one too, as paragraphs do in news text.\nAnd a fourth."
	if Unwrap(plain) != plain {
		t.Errorf("unwrapped ordinary text: %q", Unwrap(plain))
	}
}

// TestHTMLPublishedSources checks each place a page may give its date, in
// order of trust: meta tags, then JSON-LD, then a <time> element.
func TestHTMLPublishedSources(t *testing.T) {
	body := `<article><h1>Talks resume</h1><p>The first paragraph of the story is long enough to be kept by the extractor as body text.</p>
<p>The second paragraph adds detail about the talks in Geneva and what the envoy said to reporters afterwards.</p></article>`
	tests := []struct{ name, head, inBody, want string }{
		{"json-ld", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Talks resume","datePublished":"2016-05-03T09:00:00Z"}]}</script>`, "", "2016-05-03T09:00:00Z"},
		{"time element", "", `<p>Posted <time datetime="2016-04-28">Thursday</time></p>`, "2016-04-28"},
		{"meta wins over time element", `<meta property="article:published_time" content="2016-05-01">`, `<time datetime="2016-04-28">Thursday</time>`, "2016-05-01"},
		{"broken json-ld is skipped", `<script type="application/ld+json">{"datePublished": </script>`, `<time datetime="2016-04-28">x</time>`, "2016-04-28"},
	}
	for _, tt := range tests {
		page := "<html><head><title>Talks resume</title>" + tt.head + "</head><body>" + tt.inBody + body + "</body></html>"
		d, err := FromHTML(tt.name, []byte(page))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if d.Published != tt.want {
			t.Errorf("%s: published %q, want %q", tt.name, d.Published, tt.want)
		}
	}
}
