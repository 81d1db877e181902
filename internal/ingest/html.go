package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/storyline-news/storyline/internal/doc"
)

// FromHTML extracts the main article text from an HTML page (boilerplate
// removed by readability) and its metadata from meta tags and JSON-LD.
func FromHTML(id string, data []byte) (*doc.Doc, error) {
	raw, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("invalid HTML: %w", err)
	}
	meta := readMeta(goquery.NewDocumentFromNode(root))

	var text string
	art, err := readability.FromReader(strings.NewReader(raw), nil)
	if err == nil && art.Node != nil {
		text = blockText(art.Node)
		if meta.title == "" {
			meta.title = art.Title()
		}
		if meta.author == "" {
			meta.author = art.Byline()
		}
		if meta.site == "" {
			meta.site = art.SiteName()
		}
		if meta.published == "" {
			if t, err := art.PublishedTime(); err == nil {
				meta.published = t.Format("2006-01-02T15:04:05Z07:00")
			}
		}
	}
	if strings.TrimSpace(text) == "" {
		// Readability found no article body: fall back to the page's
		// paragraphs.
		body := goquery.NewDocumentFromNode(root).Find("body")
		if body.Length() > 0 {
			text = blockText(body.Get(0))
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrNoText
	}
	d := FromText(id, text)
	if meta.title != "" {
		d.Title = Normalize(meta.title)
	}
	d.Author = strings.TrimSpace(meta.author)
	if meta.site != "" {
		d.Source = strings.TrimSpace(meta.site)
	}
	d.URL = meta.url
	if meta.published != "" {
		if p, err := NormalizeDate(meta.published); err == nil {
			d.Published = p
		}
	}
	return d, nil
}

type pageMeta struct{ title, author, site, published, url string }

func readMeta(q *goquery.Document) pageMeta {
	var m pageMeta
	attr := func(sel, name string) string {
		v, _ := q.Find(sel).First().Attr(name)
		return strings.TrimSpace(v)
	}
	m.title = attr(`meta[property="og:title"]`, "content")
	if m.title == "" {
		m.title = strings.TrimSpace(q.Find("title").First().Text())
	}
	m.site = attr(`meta[property="og:site_name"]`, "content")
	m.author = attr(`meta[name="author"]`, "content")
	m.url = attr(`link[rel="canonical"]`, "href")
	if m.url == "" {
		m.url = attr(`meta[property="og:url"]`, "content")
	}
	for _, sel := range []string{`meta[property="article:published_time"]`, `meta[name="pubdate"]`, `meta[name="date"]`, `meta[itemprop="datePublished"]`} {
		if v := attr(sel, "content"); v != "" {
			m.published = v
			break
		}
	}
	q.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		if p := findKey(v, "datePublished", 0); p != "" && m.published == "" {
			m.published = p
		}
		if a := findKey(v, "headline", 0); a != "" && m.title == "" {
			m.title = a
		}
		return m.published == ""
	})
	if m.published == "" {
		m.published = attr("time[datetime]", "datetime")
	}
	return m
}

// findKey looks for a string value under key in decoded JSON-LD, bounded in
// depth so hostile pages cannot make it recurse without end.
func findKey(v any, key string, depth int) string {
	if depth > 8 {
		return ""
	}
	switch t := v.(type) {
	case map[string]any:
		if s, ok := t[key].(string); ok {
			return s
		}
		for _, x := range t {
			if s := findKey(x, key, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, x := range t {
			if s := findKey(x, key, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

var blockTags = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "figcaption": true, "section": true, "article": true, "header": true, "footer": true,
	"tr": true, "br": true, "pre": true, "dd": true, "dt": true, "caption": true, "figure": true, "main": true, "aside": true}

// blockText renders a node's text with one line per block element.
func blockText(n *html.Node) string {
	var b bytes.Buffer
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 500 {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "iframe", "nav", "form", "button":
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n, 0)
	// Collapse white space inside lines; lines become paragraphs.
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n\n")
}
