package ingest

import (
	"fmt"
	"strings"
	"testing"
)

func TestClassWords(t *testing.T) {
	tests := map[string]string{
		"share-buttons":            "share buttons",
		"entry_related  Posts":     "entry related posts",
		"shareBar":                 "share bar",
		"HTMLBlock":                "htmlblock",
		"p-body-main--withSidebar": "p body main with sidebar",
	}
	for in, want := range tests {
		if got := strings.Join(classWords(in), " "); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// prosePara is a paragraph of article prose, numbered so each is unique.
func prosePara(i int) string {
	return fmt.Sprintf("<p>Paragraph %d: the harbour council met on Tuesday and voted for the new sea wall, which will cost 14 million euros and take two years to build.</p>", i)
}

// TestFurnitureLeavesTheArticle: furniture inside an article is pruned by
// what its tag, role, class or id says, and blocks of links by their
// links; the article's own text stays, whatever classes its container
// has.
func TestFurnitureLeavesTheArticle(t *testing.T) {
	var body strings.Builder
	for i := 1; i <= 6; i++ {
		body.WriteString(prosePara(i))
	}
	tests := []struct {
		name, furniture, gone string
	}{
		{"share bar by class", `<div class="share-buttons"><span>Share this article on Facebook</span></div>`, "Share this article"},
		{"related posts", `<div class="related-posts"><h3>More on this</h3><p>Other story about ferries in the north</p></div>`, "Other story about ferries"},
		{"comments by id", `<section id="comments"><p>Great article, I agree with every word of it.</p></section>`, "Great article"},
		{"caption", `<figure><img src="x.jpg"><figcaption>The harbour at dawn. Photo: Ana Lima</figcaption></figure>`, "The harbour at dawn"},
		{"newsletter by camel case id", `<div id="newsletterSignup"><p>Get our morning briefing in your inbox every day.</p></div>`, "morning briefing"},
		{"a line of links", `<p>Read also: <a href="/a">Ferry strike ends after three weeks of talks</a></p>`, "Ferry strike ends"},
		{"complementary role", `<div role="complementary"><p>Most read today: the weather and the tides.</p></div>`, "Most read today"},
		{"hidden", `<div hidden><p>Thank you for subscribing to our service today.</p></div>`, "Thank you for subscribing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><title>Sea wall</title></head><body><article class="post category-sharing"><h1>Sea wall</h1>` +
				body.String()[:len(body.String())/2] + tt.furniture + body.String()[len(body.String())/2:] + `</article></body></html>`
			d, err := FromHTML("x", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(d.Text, tt.gone) {
				t.Errorf("furniture kept: %q in\n%s", tt.gone, d.Text)
			}
			for i := 1; i <= 6; i++ {
				if !strings.Contains(d.Text, fmt.Sprintf("Paragraph %d:", i)) {
					t.Errorf("paragraph %d lost:\n%s", i, d.Text)
				}
			}
		})
	}
}

// TestProseInsideLinksStays: a paragraph of prose with a link in it is
// not a block of links.
func TestProseInsideLinksStays(t *testing.T) {
	page := `<html><body><article>` + prosePara(1) + prosePara(2) +
		`<p>The mayor, <a href="/holm">Karin Holm</a>, said the wall had held during the storms of the past winter and would be raised.</p>` +
		prosePara(3) + `</article></body></html>`
	d, err := FromHTML("x", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "Karin Holm, said the wall had held") {
		t.Errorf("prose with a link lost:\n%s", d.Text)
	}
}

// TestBodyWhenReadabilityPicksAList: when readability's choice holds less
// than half the prose of the page (here a long list of signatories beside
// the letter they signed), the page's pruned body is the text.
func TestBodyWhenReadabilityPicksAList(t *testing.T) {
	var names strings.Builder
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&names, "<li>Signatory number %d, University of Somewhere, writer and editor, member</li>", i)
	}
	var letter strings.Builder
	for i := 1; i <= 4; i++ {
		letter.WriteString(prosePara(i))
	}
	page := `<html><body><div class="letter">` + letter.String() + `</div><div class="content"><ul>` + names.String() + `</ul></div>` +
		`<nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>`
	d, err := FromHTML("x", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		if !strings.Contains(d.Text, fmt.Sprintf("Paragraph %d:", i)) {
			t.Errorf("letter paragraph %d lost", i)
		}
	}
	if strings.Contains(d.Text, "Home News") {
		t.Errorf("navigation kept:\n%s", d.Text)
	}
}

func TestTrimTail(t *testing.T) {
	long := "The council voted for the new sea wall on Tuesday after a long debate."
	tests := []struct{ in, want string }{
		{long + "\n\nRelated posts\n\nShare:", long},
		{long + "\n\n© 2021 Lindholm Courier. All rights reserved.", long},
		{long + "\n\nThe wall held.", long + "\n\nThe wall held."},
		{long + "\n\n“We are safe now.”", long + "\n\n“We are safe now.”"},
		{long + "\n\n1. Ray\n\n2. Ana\n\n3. Ben\n\n4. Eva\n\n5. Tom\n\n6. Kim", long + "\n\n1. Ray\n\n2. Ana"}, // at most 4 lines go
		{"Only a title", "Only a title"},
	}
	for _, tt := range tests {
		if got := trimTail(tt.in); got != tt.want {
			t.Errorf("trimTail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
