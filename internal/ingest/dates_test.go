package ingest

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// page wraps head and body markup in a minimal article page with enough
// text for readability.
func page(head, body string) string {
	para := "<p>" + strings.Repeat("The council met on the harbour wall and voted for the new sea defences. ", 6) + "</p>"
	return "<html><head><title>Harbour vote</title>" + head + "</head><body><article>" + body + para + para + "</article></body></html>"
}

// TestPublishedDates pins each step of the publication-date rule
// (dates.go) on one page each.
func TestPublishedDates(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"offset kept as written, +0000 read", `<meta property="article:published_time" content="2016-12-23T23:30:00-0500">`, "", "2016-12-23T23:30:00-05:00"},
		{"HH:MM with offset", `<meta property="article:published_time" content="2021-01-26T14:32+01:00">`, "", "2021-01-26T14:32:00+01:00"},
		{"unreadable first value does not stop the search", `<meta property="article:published_time" content="soon"><meta name="pubdate" content="2019-03-04">`, "", "2019-03-04"},
		{"name= metas count too", `<meta name="article:published_time" content="2019-03-04T10:00:00+02:00">`, "", "2019-03-04T10:00:00+02:00"},
		{"JSON-LD datePublished when no meta", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-02-19T18:37:32+01:00"}</script>`, "", "2020-02-19T18:37:32+01:00"},
		{"microdata meta", `<meta itemprop="datePublished" content="2018-06-22">`, "", "2018-06-22"},
		{"one <time> day dates the page", "", `<time datetime="2022-01-26">26 January</time>`, "2022-01-26"},
		{"a generic date meta loses to the page's one <time>", `<meta name="date" content="2022-01-21T09:43+01:00">`, `<time datetime="2022-01-25T08:00:00+01:00">25.1.</time>`, "2022-01-25T08:00:00+01:00"},
		{"a declaration before 1995 is refused", `<meta property="article:published_time" content="1970-01-01T00:00:00Z">`, `<time datetime="2011-05-06">6 May 2011</time>`, "2011-05-06"},
		{"a UTC time on the day the page shows keeps its time", `<meta property="article:published_time" content="2023-11-09T03:28:35Z">`, `<p class="date">Published 9 November 2023</p>`, "2023-11-09T03:28:35Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := FromHTML("x", []byte(page(tt.head, tt.body)))
			if err != nil {
				t.Fatal(err)
			}
			if d.Published != tt.want {
				t.Errorf("published = %q, want %q", d.Published, tt.want)
			}
		})
	}
}

// TestUTCDeclarationDefersToThePage: a UTC instant says no calendar day,
// so the day the page itself gives (go-htmldate's reading: here its
// address) wins; 03:28 UTC is the evening before in New York.
func TestUTCDeclarationDefersToThePage(t *testing.T) {
	head := `<link rel="canonical" href="https://news.example/2023/11/08/harbour-vote/"><meta property="article:published_time" content="2023-11-09T03:28:35Z">`
	d, err := FromHTML("x", []byte(page(head, "")))
	if err != nil {
		t.Fatal(err)
	}
	if d.Published[:10] != "2023-11-08" {
		t.Errorf("published = %q, want the day the page shows, 2023-11-08", d.Published)
	}
}

// TestJSONLDPeople: the article object's author and publisher are read
// (an author list joined, a publisher object's name), and the page's own
// metas win over them.
func TestJSONLDPeople(t *testing.T) {
	ld := `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
	{"@type":"NewsArticle","headline":"Harbour vote","author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Person","name":"Ben Okri"}],
	"publisher":{"@type":"Organization","name":"Baltic Courier"}}]}</script>`
	tests := []struct {
		name, head, author, source string
	}{
		{"from JSON-LD", ld, "Ana Lima, Ben Okri", "Baltic Courier"},
		{"metas first", ld + `<meta name="author" content="Desk"><meta property="og:site_name" content="Courier Online">`, "Desk", "Courier Online"},
		{"an author given as a string", `<script type="application/ld+json">{"@type":"Article","author":"C. Doe","publisher":"Gazette"}</script>`, "C. Doe", "Gazette"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := FromHTML("x", []byte(page(tt.head, "")))
			if err != nil {
				t.Fatal(err)
			}
			if d.Author != tt.author || d.Source != tt.source {
				t.Errorf("author %q source %q, want %q %q", d.Author, d.Source, tt.author, tt.source)
			}
		})
	}
}

// htmldatePages are htmldate's evaluation pages, when ../shared holds
// them (never copied into the repository).
const htmldatePages = "../../../shared/data/html/htmldate/eval"

// loadPages reads up to n gzipped pages of dir, sorted by name.
func loadPages(b *testing.B, dir string, n int) [][]byte {
	names, _ := filepath.Glob(filepath.Join(dir, "*.gz"))
	if len(names) == 0 {
		b.Skipf("no pages at %s", dir)
	}
	sort.Strings(names)
	var out [][]byte
	for _, name := range names[:min(n, len(names))] {
		raw, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkPublishedFromHTML is the date reading alone per page (decoding
// and parsing included), over 100 of htmldate's pages.
func BenchmarkPublishedFromHTML(b *testing.B) {
	pages := loadPages(b, htmldatePages, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		PublishedFromHTML(pages[i%len(pages)], "")
	}
}

// BenchmarkFromHTML is the whole page reading (text and metadata) per
// page, over the same pages.
func BenchmarkFromHTML(b *testing.B) {
	pages := loadPages(b, htmldatePages, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		FromHTML("x", pages[i%len(pages)])
	}
}
