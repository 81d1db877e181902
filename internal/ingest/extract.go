package ingest

import (
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// Main text of a page: page furniture is pruned from the document first
// (elements whose tag, role, class or id says what they are: navigation,
// share bars, related links, comments, newsletters, author boxes, cookie
// banners), then readability picks the article among what is left.
// Pruning first keeps readability from choosing a comment thread or a
// list of teasers, and takes out the furniture it leaves inside articles.

// furnitureTags are elements that never hold the article's prose.
var furnitureTags = map[string]bool{"nav": true, "aside": true, "footer": true, "form": true, "button": true, "select": true,
	"noscript": true, "script": true, "style": true, "template": true, "iframe": true, "svg": true, "dialog": true, "menu": true,
	"figcaption": true}

// furnitureRoles are ARIA roles of page furniture.
var furnitureRoles = map[string]bool{"navigation": true, "complementary": true, "contentinfo": true, "banner": true,
	"search": true, "dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true}

// furnitureWords are words of class and id names (split at -, _, spaces
// and case changes) that mark furniture.
var furnitureWords = map[string]bool{
	"comment": true, "comments": true, "kommentare": true, "share": true, "sharing": true, "social": true, "socials": true,
	"related": true, "newsletter": true, "subscribe": true, "subscription": true, "sidebar": true,
	"breadcrumb": true, "breadcrumbs": true, "cookie": true, "cookies": true, "consent": true, "gdpr": true, "banner": true,
	"promo": true, "advert": true, "advertisement": true, "ads": true, "sponsored": true,
	"recommended": true, "recommendations": true, "popular": true, "trending": true, "nav": true, "navbar": true, "navigation": true,
	"menu": true, "footer": true, "masthead": true, "toolbar": true, "pagination": true, "pager": true,
	"rating": true, "ratings": true, "tags": true, "tagcloud": true, "bio": true, "signup": true,
	"login": true, "modal": true, "popup": true, "overlay": true, "outbrain": true, "taboola": true, "disqus": true,
	"caption": true, "credit": true, "credits": true, "copyright": true,
}

// classWords splits a class or id attribute into lower-case words: at
// spaces, - and _, and where a lower-case letter meets an upper-case one
// ("shareBar" is share, bar).
func classWords(attr string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, strings.ToLower(b.String()))
			b.Reset()
		}
	}
	prevLower := false
	for _, r := range attr {
		switch {
		case r == '-' || r == '_' || unicode.IsSpace(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		b.WriteRune(r)
		prevLower = unicode.IsLower(r)
	}
	flush()
	return words
}

// isFurniture says whether an element is page furniture by its tag, role,
// class or id.
func isFurniture(n *html.Node) bool {
	if furnitureTags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if furnitureRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "class", "id":
			for _, w := range classWords(a.Val) {
				if furnitureWords[w] {
					return true
				}
			}
		case "hidden", "aria-hidden":
			if a.Key == "hidden" || a.Val == "true" {
				return true
			}
		}
	}
	return false
}

// pruneFurniture removes page furniture from below an article element:
// whatever its classes say, an element that holds half the article's
// text or more is the article and stays.
func pruneFurniture(article *html.Node) {
	size := map[*html.Node]int{}
	total := textSizes(article, size, 0)
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 500 {
			return
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && !isArticleElement(c) && (isFurniture(c) || isLinkBlock(c, size)) && 2*size[c] < total {
				n.RemoveChild(c)
			} else {
				walk(c, depth+1)
			}
			c = next
		}
	}
	walk(article, 0)
}

// linkBlockTags are the elements a block of links comes in.
var linkBlockTags = map[string]bool{"p": true, "li": true, "ul": true, "ol": true, "div": true, "section": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "dl": true, "table": true}

// isLinkBlock says whether a block is mostly links: a list of other
// articles, "Read also: …", a tag list. Its linked text is at least
// linkShare of all its text.
func isLinkBlock(n *html.Node, size map[*html.Node]int) bool {
	if !linkBlockTags[n.Data] || size[n] == 0 {
		return false
	}
	return float64(linkText(n, 0)) >= linkShare*float64(size[n])
}

// linkShare is the share of a block's text in links that makes it a block
// of links.
const linkShare = 0.8

// linkText is the bytes of text inside <a> elements below n.
func linkText(n *html.Node, depth int) int {
	if depth > 500 {
		return 0
	}
	if n.Type == html.ElementNode && n.Data == "a" {
		return len(strings.TrimSpace(nodeText(n, 0)))
	}
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sum += linkText(c, depth+1)
	}
	return sum
}

// isArticleElement says whether an element stands for the page or its
// article.
func isArticleElement(n *html.Node) bool {
	switch n.Data {
	case "html", "body", "article", "main":
		return true
	}
	for _, a := range n.Attr {
		if (a.Key == "role" && a.Val == "main") || (a.Key == "itemprop" && a.Val == "articleBody") {
			return true
		}
	}
	return false
}

// textSizes records in size the bytes of text below each element (scripts
// and styles left out) and returns n's.
func textSizes(n *html.Node, size map[*html.Node]int, depth int) int {
	if depth > 500 {
		return 0
	}
	switch {
	case n.Type == html.TextNode:
		return len(strings.TrimSpace(n.Data))
	case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
		return 0
	}
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sum += textSizes(c, size, depth+1)
	}
	size[n] = sum
	return sum
}

// nodeText is the text below n, scripts and styles left out.
func nodeText(n *html.Node, depth int) string {
	if depth > 500 {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
		return ""
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c, depth+1))
	}
	return b.String()
}

// mainText returns the page's article text, and what readability found
// of the page. Readability's article, its furniture pruned, is the text,
// unless it holds less than half the prose of the whole page's body,
// pruned the same way: readability then chose a list, a table or a
// comment thread over the article (a list of signatories over the letter
// they signed), and the pruned body is the text. root is changed.
func mainText(root *html.Node) (string, *readability.Article) {
	parser := readability.NewParser()
	parser.KeepClasses = true
	art, err := parser.ParseDocument(root, nil)
	var text string
	if err == nil && art.Node != nil {
		pruneFurniture(art.Node)
		text = blockText(art.Node)
	}
	if body := bodyOf(root); body != nil {
		var unpruned string
		if strings.TrimSpace(text) == "" {
			unpruned = blockText(body)
		}
		pruneFurniture(body)
		if whole := blockText(body); 2*prose(text) < prose(whole) || strings.TrimSpace(text) == "" {
			text = whole
		}
		if strings.TrimSpace(text) == "" {
			text = unpruned // all of the page reads as furniture: better its text than none
		}
	}
	text = trimTail(text)
	if err != nil || art.Node == nil {
		return text, nil
	}
	return text, &art
}

// trimTail drops what ends a text after its last paragraph of substance:
// short lines that end no sentence ("Related posts", "Share:", "Tags"),
// the headings of boxes whose links were pruned, and copyright lines.
func trimTail(text string) string {
	paras := strings.Split(text, "\n\n")
	for cut := 0; cut < maxTailCut && len(paras) > 1 && isTailLine(paras[len(paras)-1]); cut++ {
		paras = paras[:len(paras)-1]
	}
	return strings.Join(paras, "\n\n")
}

// maxTailCut bounds the lines trimTail drops: a text that ends in a long
// list of short lines (a ranking, a table of figures) keeps it.
const maxTailCut = 4

// isTailLine says whether a paragraph at the end of a text is furniture:
// a copyright line, or a line under 50 bytes that does not end a sentence.
func isTailLine(p string) bool {
	p = strings.TrimSpace(p)
	low := strings.ToLower(p)
	if strings.HasPrefix(p, "©") || strings.HasPrefix(low, "copyright") || strings.Contains(low, "all rights reserved") || strings.Contains(low, "alle rechte vorbehalten") {
		return true
	}
	return len(p) < 50 && !strings.HasSuffix(strings.TrimRight(p, "\"”’»)"), ".") && !strings.ContainsAny(p[max(0, len(p)-3):], ".!?")
}

// prose is the bytes of text in paragraphs that read as prose: 80 bytes
// or more, with a sentence end.
func prose(text string) int {
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if len(p) >= 80 && strings.ContainsAny(p, ".!?") {
			n += len(p)
		}
	}
	return n
}

// bodyOf is the document's <body> element, nil when it has none.
func bodyOf(root *html.Node) *html.Node {
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if body := findBody(c, 0); body != nil {
			return body
		}
	}
	return nil
}

// findBody finds the <body> element below n.
func findBody(n *html.Node, depth int) *html.Node {
	if depth > 10 {
		return nil
	}
	if n.Type == html.ElementNode && n.Data == "body" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c, depth+1); b != nil {
			return b
		}
	}
	return nil
}
