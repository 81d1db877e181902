package ingest

import (
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// A page's publication date comes from two readers. The page's own
// metadata (meta tags, JSON-LD, microdata, <time> elements), read here,
// says what the publisher declared; go-htmldate (a port of Barbaresi's
// htmldate) weighs every date the page shows, its address and its text,
// and finds one for nearly every page. In order:
//
//  1. A date declared as the publication date (article:published_time
//     and its kin, JSON-LD datePublished) wins when it carries its own
//     calendar day: a day alone, or a time with the publisher's UTC
//     offset. A time given in UTC says only the instant, and its day may
//     be the next one where the article appeared (11 pm in New York is 4
//     am UTC), so go-htmldate decides then.
//  2. Without such a declaration, the page's <time> elements date it when
//     they all fall on one day (a page of one article); several days are
//     a list of other articles, and go-htmldate decides.
//  3. go-htmldate's date (the UTC declaration's own time kept when it is
//     the same day).
//  4. Weaker declarations: generic "date" metas, JSON-LD dateCreated,
//     microdata and <time> elements of the body.
//
// On htmldate's evaluation pages each step was measured against
// go-htmldate alone (docs/accuracy.md). Inference from the text is the
// pipeline's dating stage, for pages where all of these find nothing.

// declaredDate is a publication date a page declares, as written.
type declaredDate struct {
	value string // YYYY-MM-DD, or RFC 3339 with the offset as written
	utc   bool   // a time of day given in UTC: its day may not be the publisher's
}

// publishedKeys are the meta tags (property, name or itemprop, compared
// in lower case) that declare the publication date itself, most reliable
// first; genericDateKeys declare some date of the page, often the
// publication's, sometimes a revision's.
var (
	publishedKeys = []string{
		"article:published_time", "og:article:published_time", "og:published_time", "article:published",
		"published_time", "datepublished", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
		"pub_date", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "citation_publication_date",
		"shareaholic:article_published_time", "cxenseparse:publishtime", "prism.publicationdate", "publication_date",
	}
	genericDateKeys = []string{"date", "dc.date", "dcterms.date", "dcterms.created", "dcterms:created", "datecreated", "dc.date.created", "dc.created"}
)

// pageDates are the date declarations of one page, raw, in order.
type pageDates struct {
	published []string // metas of publishedKeys, then JSON-LD datePublished
	generic   []string // metas of genericDateKeys, then JSON-LD dateCreated
	times     []string // every <time datetime>
	body      []string // microdata datePublished and <time> marked as the publication's, in the body
}

// readPageDates collects a page's declarations.
func readPageDates(q *goquery.Document) pageDates {
	byKey := map[string][]string{}
	q.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		v := strings.TrimSpace(s.AttrOr("content", ""))
		for _, a := range []string{"property", "name", "itemprop"} {
			if k := strings.ToLower(strings.TrimSpace(s.AttrOr(a, ""))); k != "" && v != "" {
				byKey[k] = append(byKey[k], v)
			}
		}
	})
	var pd pageDates
	for _, k := range publishedKeys {
		pd.published = append(pd.published, byKey[k]...)
	}
	for _, k := range genericDateKeys {
		pd.generic = append(pd.generic, byKey[k]...)
	}
	ld := jsonLD(q)
	if art := ldArticle(ld); art != nil {
		pd.published = append(pd.published, ldString(art["datePublished"]))
	}
	for _, v := range ld {
		pd.published = append(pd.published, findKey(v, "datePublished", 0))
		pd.generic = append(pd.generic, findKey(v, "dateCreated", 0))
	}
	q.Find("time[datetime]").Each(func(_ int, s *goquery.Selection) {
		pd.times = append(pd.times, s.AttrOr("datetime", ""))
	})
	q.Find(`[itemprop="datePublished"]`).Not("meta").Each(func(_ int, s *goquery.Selection) {
		pd.body = append(pd.body, firstNonEmpty(s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text()))
	})
	q.Find("time[pubdate][datetime], time.published[datetime], time.entry-date[datetime]").Each(func(_ int, s *goquery.Selection) {
		pd.body = append(pd.body, s.AttrOr("datetime", ""))
	})
	return pd
}

// firstDeclared is the first of raws that reads as a plausible date (an
// unreadable declaration does not stop the search).
func firstDeclared(raws []string) (declaredDate, bool) {
	for _, raw := range raws {
		if d, ok := readDeclared(raw); ok {
			return d, true
		}
	}
	return declaredDate{}, false
}

// oneDay is the first of the page's <time> dates when every readable one
// falls on the same day.
func oneDay(raws []string) (declaredDate, bool) {
	var first declaredDate
	n := 0
	for _, raw := range raws {
		d, ok := readDeclared(raw)
		if !ok {
			continue
		}
		if n > 0 && d.value[:10] != first.value[:10] {
			return declaredDate{}, false
		}
		if n == 0 {
			first = d
		}
		n++
	}
	return first, n > 0
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// isoDate matches a leading ISO 8601 date, with an optional time and
// offset: 2016-12-23, 2016-12-23T10:00:00.123+0100, 2016-12-23 10:00
// +01:00, 2016-12-23T10:00Z, 2016/12/23.
var isoDate = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|GMT|UTC)?)?`)

// readDeclared reads one declared value: an ISO date (as written, its
// offset kept) or any other layout NormalizeDate accepts. Dates before
// 1995 or more than two days ahead are refused: a page's publication
// date is neither (htmldate's bounds).
func readDeclared(raw string) (declaredDate, bool) {
	raw = strings.TrimSpace(raw)
	if m := isoDate.FindStringSubmatch(raw); m != nil {
		return isoDeclared(m)
	}
	v, err := NormalizeDate(raw)
	if err != nil || !plausibleDay(v[:10]) {
		return declaredDate{}, false
	}
	return declaredDate{value: v, utc: len(v) > 10 && strings.HasSuffix(v, "Z")}, true
}

// isoDeclared builds the declared date of an isoDate match.
func isoDeclared(m []string) (declaredDate, bool) {
	day, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil || !plausibleDay(day.Format("2006-01-02")) {
		return declaredDate{}, false
	}
	dayText := day.Format("2006-01-02")
	if m[4] == "" {
		return declaredDate{value: dayText}, true
	}
	zone := offsetOf(m[7])
	if zone == "" {
		// A time without an offset says the day as the publisher wrote it.
		return declaredDate{value: dayText}, true
	}
	sec := m[6]
	if sec == "" {
		sec = "00"
	}
	t, err := time.Parse(time.RFC3339, dayText+"T"+twoDigits(m[4])+":"+m[5]+":"+sec+zone)
	if err != nil {
		return declaredDate{value: dayText}, true
	}
	return declaredDate{value: t.Format(time.RFC3339), utc: zone == "Z"}, true
}

// offsetOf writes an offset as RFC 3339 does: "Z" or "+01:00"; "" for
// none.
func offsetOf(z string) string {
	switch {
	case z == "":
		return ""
	case z == "Z", z == "GMT", z == "UTC", z == "+00:00", z == "+0000", z == "+00", z == "-00:00", z == "-0000":
		return "Z"
	case len(z) == 3:
		return z + ":00"
	case len(z) == 5:
		return z[:3] + ":" + z[3:]
	}
	return z
}

func twoDigits(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// plausibleDay says whether a YYYY-MM-DD day can be a publication date:
// from 1995 (htmldate's lower bound) to two days from now.
func plausibleDay(day string) bool {
	return day >= "1995-01-01" && day <= time.Now().AddDate(0, 0, 2).Format("2006-01-02")
}

// inferredPublished is go-htmldate's publication date for a parsed page
// (extensive search: every date the page shows, weighed), the day alone;
// pageURL, when known, lends the date an address may hold.
func inferredPublished(root *html.Node, pageURL string) string {
	res, err := htmldate.FromDocument(root, htmldate.Options{UseOriginalDate: true, URL: pageURL})
	if err != nil || res.IsZero() {
		return ""
	}
	return res.Format("2006-01-02")
}

// publishedDate is the page's publication date by the rule above.
func publishedDate(q *goquery.Document, root *html.Node, pageURL string) string {
	pd := readPageDates(q)
	declared, ok := firstDeclared(pd.published)
	if ok && !declared.utc {
		return declared.value
	}
	if !ok {
		if d, one := oneDay(pd.times); one {
			return d.value
		}
	}
	if found := inferredPublished(root, pageURL); found != "" {
		if ok && found == declared.value[:10] {
			return declared.value // the same day, and its time
		}
		return found
	}
	if ok {
		return declared.value
	}
	weak, _ := firstDeclared(append(pd.generic, pd.body...))
	return weak.value
}
