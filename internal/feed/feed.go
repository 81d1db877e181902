// Package feed watches RSS and Atom feeds: it polls each with a
// conditional GET (ETag, Last-Modified), backs off a failing feed, fetches
// the page of each new item for its full text (boilerplate removed), and
// hands the new articles to an ingester.
package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/fetch"
	"github.com/storyline-news/storyline/internal/ingest"
)

// Ingester stores new articles (the engine does, as for a POST).
type Ingester interface {
	IngestDocs(ctx context.Context, docs []*doc.Doc) (Ingested, error)
}

// Ingested says what an Ingester did with a poll's articles.
type Ingested struct {
	Added int
	// Failed are the ids of the articles a stage failed on: not stored,
	// they are offered again with the next poll.
	Failed []string
}

// IngestFunc adapts a function to Ingester.
type IngestFunc func(ctx context.Context, docs []*doc.Doc) (Ingested, error)

// IngestDocs calls f.
func (f IngestFunc) IngestDocs(ctx context.Context, docs []*doc.Doc) (Ingested, error) {
	return f(ctx, docs)
}

// maxRetry bounds the failed articles a feed keeps to offer again.
const maxRetry = 200

// Feed is one watched feed and what polling it has learnt.
type Feed struct {
	URL          string
	Title        string
	ETag         string
	LastModified string
	Failures     int
	Next         time.Time // when to poll next
	LastError    error
	seen         map[string]bool
	retry        []*doc.Doc // articles a stage failed on, offered again
}

// Watcher polls feeds.
type Watcher struct {
	// Client fetches feeds and pages (default: fetch.NewClient, which
	// refuses loopback, private and link-local addresses).
	Client *http.Client
	// Interval between polls of a healthy feed (default 10 minutes); a
	// failing feed waits Interval × 2^failures, at most MaxBackoff.
	Interval, MaxBackoff time.Duration
	// Pages fetches each new item's page for its full text (else the
	// feed's own content or description is used).
	Pages bool
	// MaxBytes bounds a feed or page download.
	MaxBytes int64
	Ingest   Ingester
	Log      *slog.Logger
	// UserAgent names the watcher to the sites it polls.
	UserAgent string
}

func (w *Watcher) defaults() {
	if w.Client == nil {
		w.Client = fetch.NewClient(fetch.Options{})
	}
	if w.Interval <= 0 {
		w.Interval = 10 * time.Minute
	}
	if w.MaxBackoff <= 0 {
		w.MaxBackoff = 6 * time.Hour
	}
	if w.MaxBytes <= 0 {
		w.MaxBytes = 10 << 20
	}
	if w.UserAgent == "" {
		w.UserAgent = "storyline-watch/1 (+https://github.com/storyline-news/storyline)"
	}
	if w.Log == nil {
		w.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// New returns feeds for the URLs, checking each is an http(s) address.
func New(urls []string) ([]*Feed, error) {
	var out []*Feed
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return nil, fmt.Errorf("feed %q: not an http or https address", u)
		}
		out = append(out, &Feed{URL: u, seen: map[string]bool{}})
	}
	return out, nil
}

// ErrNotModified says the feed has not changed since the last poll.
var ErrNotModified = errors.New("not modified")

func (w *Watcher) get(ctx context.Context, u string, f *Feed) ([]byte, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", w.UserAgent)
	if f != nil {
		if f.ETag != "" {
			req.Header.Set("If-None-Match", f.ETag)
		}
		if f.LastModified != "" {
			req.Header.Set("If-Modified-Since", f.LastModified)
		}
	}
	resp, err := w.Client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, resp, ErrNotModified
	}
	if resp.StatusCode != http.StatusOK {
		return nil, resp, fmt.Errorf("HTTP %s", resp.Status)
	}
	body, err := fetch.Read(resp.Body, w.MaxBytes)
	return body, resp, err
}

// ingest hands a poll's new articles, and those that failed last time,
// to the Ingester, and keeps the ones that fail for the next poll.
func (w *Watcher) ingest(ctx context.Context, f *Feed, docs []*doc.Doc) error {
	docs = append(f.retry, docs...)
	if len(docs) == 0 {
		return nil
	}
	got, err := w.Ingest.IngestDocs(ctx, docs)
	if err != nil {
		return err
	}
	f.retry = nil
	for _, d := range docs {
		if slices.Contains(got.Failed, d.ID) && len(f.retry) < maxRetry {
			f.retry = append(f.retry, d)
		}
	}
	w.Log.Info("feed polled", "feed", f.URL, "articles", len(docs), "added", got.Added, "failed", len(got.Failed))
	return nil
}

// Poll fetches one feed and returns its items not seen before, as
// documents. A feed that has not changed returns none.
func (w *Watcher) Poll(ctx context.Context, f *Feed) ([]*doc.Doc, error) {
	w.defaults()
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	body, resp, err := w.get(ctx, f.URL, f)
	if errors.Is(err, ErrNotModified) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", f.URL, err)
	}
	if et := resp.Header.Get("ETag"); et != "" {
		f.ETag = et
	}
	if lm := resp.Header.Get("Last-Modified"); lm != "" {
		f.LastModified = lm
	}
	parsed, err := parse(body)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", f.URL, err)
	}
	if parsed.Title != "" {
		f.Title = parsed.Title
	}
	var out []*doc.Doc
	for _, it := range parsed.Items {
		key := itemKey(it)
		if key == "" || f.seen[key] {
			continue
		}
		d, err := w.item(ctx, f, it, key)
		if err != nil {
			w.Log.Warn("feed item skipped", "feed", f.URL, "item", key, "err", err)
			continue // retried next poll: not marked as seen
		}
		f.seen[key] = true
		if d != nil {
			out = append(out, d)
		}
	}
	return out, nil
}

// itemKey identifies an item across polls: its GUID, else its link, else
// its title.
func itemKey(it *gofeed.Item) string {
	switch {
	case it.GUID != "":
		return it.GUID
	case it.Link != "":
		return it.Link
	}
	return it.Title
}

// item turns a feed item into a document: the page's text when pages are
// fetched (and the page has text), else the item's content.
func (w *Watcher) item(ctx context.Context, f *Feed, it *gofeed.Item, key string) (*doc.Doc, error) {
	sum := sha256.Sum256([]byte(f.URL + "\x00" + key))
	id := "feed-" + hex.EncodeToString(sum[:8])
	var d *doc.Doc
	if w.Pages && it.Link != "" {
		if u, err := url.Parse(it.Link); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			page, _, err := w.get(ctx, it.Link, nil)
			if err != nil {
				w.Log.Warn("article page not fetched; using the feed's text", "url", it.Link, "err", err)
			} else if pd, err := ingest.FromHTML(id, page); err == nil {
				d = pd
			}
		}
	}
	if d == nil {
		content := it.Content
		if len(strings.TrimSpace(content)) < len(strings.TrimSpace(it.Description)) {
			content = it.Description
		}
		if strings.TrimSpace(content) == "" {
			return nil, nil // nothing to read
		}
		text := content
		if strings.Contains(content, "<") {
			if hd, err := ingest.FromHTML(id, []byte("<html><body><article>"+content+"</article></body></html>")); err == nil {
				text = hd.Text
			} else {
				text = stripTags(content)
			}
		}
		d = ingest.FromText(id, text)
	}
	d.ID = id
	if it.Title != "" {
		d.Title = ingest.Normalize(it.Title)
	}
	d.URL = it.Link
	if d.Source == "" {
		d.Source = f.Title
	}
	switch {
	case it.PublishedParsed != nil:
		d.Published = it.PublishedParsed.UTC().Format(time.RFC3339)
	case it.UpdatedParsed != nil:
		d.Published = it.UpdatedParsed.UTC().Format(time.RFC3339)
	}
	d.Origin = f.URL + " " + key
	if strings.TrimSpace(d.Text) == "" {
		return nil, nil
	}
	return d, nil
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// FromFile reads a saved RSS or Atom file into documents, one per item,
// with the item's own text (no pages are fetched). It is ingest's reader
// for feed files.
func FromFile(path string, data []byte) ([]*doc.Doc, error) {
	parsed, err := parse(data)
	if err != nil {
		return nil, err
	}
	w := &Watcher{}
	w.defaults()
	f := &Feed{URL: path, Title: parsed.Title, seen: map[string]bool{}}
	var out []*doc.Doc
	for _, it := range parsed.Items {
		key := itemKey(it)
		d, err := w.item(context.Background(), f, it, key)
		if err != nil || d == nil {
			continue
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, errors.New("the feed has no item with text")
	}
	return out, nil
}

// ErrEntities refuses feeds that declare XML entities: no real feed needs
// them, and nested ones are the "billion laughs" attack.
var ErrEntities = errors.New("the feed declares XML entities (<!ENTITY>), refused")

func parse(data []byte) (*gofeed.Feed, error) {
	if bytes.Contains(data[:min(len(data), 64<<10)], []byte("<!ENTITY")) {
		return nil, ErrEntities
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not RSS or Atom: %w", err)
	}
	return parsed, nil
}

// backoff is the wait after failures.
func (w *Watcher) backoff(failures int) time.Duration {
	d := w.Interval
	for i := 0; i < failures && d < w.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.MaxBackoff)
}

// Run polls every feed when due until ctx ends (or once, with once).
func (w *Watcher) Run(ctx context.Context, feeds []*Feed, once bool) error {
	w.defaults()
	for {
		now := time.Now()
		next := now.Add(w.Interval)
		for _, f := range feeds {
			if now.Before(f.Next) {
				next = minTime(next, f.Next)
				continue
			}
			docs, err := w.Poll(ctx, f)
			if ctx.Err() != nil {
				return nil
			}
			if err == nil && w.Ingest != nil {
				err = w.ingest(ctx, f, docs)
			}
			if err != nil {
				f.Failures++
				f.LastError = err
				f.Next = time.Now().Add(w.backoff(f.Failures))
				w.Log.Warn("feed failed", "feed", f.URL, "failures", f.Failures, "retry", f.Next.Format(time.RFC3339), "err", err)
			} else {
				f.Failures, f.LastError = 0, nil
				f.Next = time.Now().Add(w.Interval)
			}
			next = minTime(next, f.Next)
		}
		if once {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Until(next)):
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// ReadOPML returns the feed addresses of an OPML subscription list.
func ReadOPML(r io.Reader) ([]string, error) {
	type outline struct {
		XMLURL   string    `xml:"xmlUrl,attr"`
		Outlines []outline `xml:"outline"`
	}
	var doc struct {
		Body struct {
			Outlines []outline `xml:"outline"`
		} `xml:"body"`
	}
	dec := xml.NewDecoder(io.LimitReader(r, 10<<20))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("OPML: %w", err)
	}
	var out []string
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			if o.XMLURL != "" {
				out = append(out, o.XMLURL)
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body.Outlines)
	if len(out) == 0 {
		return nil, errors.New("OPML: no outline with an xmlUrl")
	}
	return out, nil
}
