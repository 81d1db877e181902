package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/storyline-news/storyline/internal/doc"
)

// FromHTML extracts the main article text from an HTML page (boilerplate
// removed by readability) and its metadata from meta tags and JSON-LD.
func FromHTML(id string, data []byte) (*doc.Doc, error) {
	return FromPage(id, data, "")
}

// FromPage is FromHTML for a page fetched from pageURL: the address is the
// document's when the page names none, and lends its date to the search
// for the publication date.
func FromPage(id string, data []byte, pageURL string) (*doc.Doc, error) {
	raw, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("invalid HTML: %w", err)
	}
	meta := readMeta(goquery.NewDocumentFromNode(root), root, pageURL)

	text, art := mainText(root)
	if art != nil {
		meta.title = firstNonEmpty(meta.title, art.Title())
		meta.author = firstNonEmpty(meta.author, art.Byline())
		meta.site = firstNonEmpty(meta.site, art.SiteName())
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

// PublishedFromHTML is the publication date FromPage gives a page (""
// when it finds none), read without extracting the text: for measuring
// the date reading alone, on pages whose text it would not keep too.
func PublishedFromHTML(data []byte, pageURL string) (string, error) {
	raw, err := decodeText(data)
	if err != nil {
		return "", err
	}
	root, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		return "", fmt.Errorf("invalid HTML: %w", err)
	}
	q := goquery.NewDocumentFromNode(root)
	canonical, _ := q.Find(`link[rel="canonical"]`).First().Attr("href")
	return publishedDate(q, root, firstNonEmpty(pageURL, canonical)), nil
}

type pageMeta struct{ title, author, site, published, url string }

// readMeta reads a page's title, author, site name, address and
// publication date from its meta tags and JSON-LD (the article's own
// object: its headline, author and publisher).
func readMeta(q *goquery.Document, root *html.Node, pageURL string) pageMeta {
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
	if m.url == "" {
		m.url = pageURL
	}
	if art := ldArticle(jsonLD(q)); art != nil {
		m.title = firstNonEmpty(m.title, ldString(art["headline"]))
		m.author = firstNonEmpty(m.author, ldNames(art["author"]))
		m.site = firstNonEmpty(m.site, ldNames(art["publisher"]))
	}
	m.published = publishedDate(q, root, firstNonEmpty(pageURL, m.url))
	return m
}

// jsonLD decodes the page's JSON-LD blocks; blocks that do not decode are
// skipped.
func jsonLD(q *goquery.Document) []any {
	var out []any
	q.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) == nil {
			out = append(out, v)
		}
	})
	return out
}

// ldArticle finds the article's object in JSON-LD: the first object
// (breadth first, in @graph and arrays too) typed as an article, a blog
// posting or a report, else the first with a headline.
func ldArticle(blocks []any) map[string]any {
	var withHeadline map[string]any
	queue := append([]any(nil), blocks...)
	for seen := 0; len(queue) > 0 && seen < 1000; seen++ {
		v := queue[0]
		queue = queue[1:]
		switch t := v.(type) {
		case []any:
			queue = append(queue, t...)
		case map[string]any:
			if isArticleType(t["@type"]) {
				return t
			}
			if _, ok := t["headline"]; ok && withHeadline == nil {
				withHeadline = t
			}
			if g, ok := t["@graph"]; ok {
				queue = append(queue, g)
			}
		}
	}
	return withHeadline
}

// isArticleType says whether a JSON-LD @type (a string or a list) names a
// kind of article.
func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.Contains(t, "Article") || strings.Contains(t, "BlogPosting") || strings.Contains(t, "Report")
	case []any:
		for _, x := range t {
			if isArticleType(x) {
				return true
			}
		}
	}
	return false
}

// ldString is a JSON-LD value that is a string, trimmed; "" otherwise.
func ldString(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// ldNames reads a JSON-LD author or publisher: a name, an object with a
// name, or a list of them (names joined with ", ").
func ldNames(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case map[string]any:
		return ldString(t["name"])
	case []any:
		var names []string
		for _, x := range t[:min(len(t), 10)] {
			if n := ldNames(x); n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// findKey looks for a string value under key in decoded JSON-LD: the
// object's own key first, then its members in key order (so the answer
// does not depend on map order), bounded in depth so hostile pages cannot
// make it recurse without end.
func findKey(v any, key string, depth int) string {
	if depth > 8 {
		return ""
	}
	switch t := v.(type) {
	case map[string]any:
		if s, ok := t[key].(string); ok && strings.TrimSpace(s) != "" {
			return s
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s := findKey(t[k], key, depth+1); s != "" {
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
