package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/fetch"
)

const rss = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Northern Wire</title>
<item><title>Storm floods Gdansk</title><link>%[1]s/a1</link><guid>a1</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>
<description>Short teaser.</description></item>
<item><title>Toll rises</title><link>%[1]s/a2</link><guid>a2</guid><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The toll rose to 15 on Tuesday, rescuers said, as divers searched flooded cellars in the harbour.&lt;/p&gt;</description></item>
</channel></rss>`

const page = `<html><head><title>Storm floods Gdansk</title></head><body><nav>Home | Sport</nav>
<article><h1>Storm floods Gdansk</h1><p>Storm Edda drove seawater into the harbour district of Gdansk on Monday, and rescuers worked through the night.</p>
<p>"We have not seen water this high in fifty years," Mayor Katarzyna Lis told reporters at the city hall on Monday.</p></article>
<footer>Copyright Northern Wire</footer></body></html>`

func server(t *testing.T, polls *int32, notModified *int32) *httptest.Server {
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			atomic.AddInt32(polls, 1)
			if r.Header.Get("If-None-Match") == `"v1"` {
				atomic.AddInt32(notModified, 1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			fmt.Fprintf(w, rss, ts.URL)
		case "/a1":
			w.Write([]byte(page))
		case "/a2":
			http.Error(w, "gone", http.StatusNotFound)
		case "/broken":
			w.Write([]byte("<rss><channel><item>"))
		case "/down":
			http.Error(w, "down", http.StatusServiceUnavailable)
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestPollConditionalAndPages(t *testing.T) {
	var polls, notMod int32
	ts := server(t, &polls, &notMod)
	fs, err := New([]string{ts.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	w := &Watcher{Pages: true, Client: local}
	docs, err := w.Poll(context.Background(), fs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents", len(docs))
	}
	a1, a2 := docs[0], docs[1]
	if !strings.Contains(a1.Text, "fifty years") || strings.Contains(a1.Text, "Sport") || strings.Contains(a1.Text, "Copyright") {
		t.Errorf("page text not extracted: %q", a1.Text)
	}
	if a1.Title != "Storm floods Gdansk" || a1.Source != "Northern Wire" || a1.Published != "2025-03-03T10:00:00Z" || a1.URL != ts.URL+"/a1" {
		t.Errorf("metadata: %+v", a1)
	}
	// The second page is missing: the item's own description stands in,
	// as text, not markup.
	if !strings.Contains(a2.Text, "toll rose to 15") || strings.Contains(a2.Text, "<p>") {
		t.Errorf("fallback text %q", a2.Text)
	}
	if a1.ID == a2.ID || !strings.HasPrefix(a1.ID, "feed-") {
		t.Errorf("ids %q %q", a1.ID, a2.ID)
	}
	// Polled again: the server answers 304 to the ETag; nothing new.
	again, err := w.Poll(context.Background(), fs[0])
	if err != nil || len(again) != 0 || notMod != 1 {
		t.Errorf("second poll: %d docs, %v, 304s %d", len(again), err, notMod)
	}
}

func TestRunBacksOffFailingFeeds(t *testing.T) {
	var polls, notMod int32
	ts := server(t, &polls, &notMod)
	fs, _ := New([]string{ts.URL + "/feed", ts.URL + "/down", ts.URL + "/broken"})
	var got int
	w := &Watcher{Client: local, Interval: time.Hour, Ingest: IngestFunc(func(ctx context.Context, docs []*doc.Doc) (Ingested, error) {
		got += len(docs)
		return Ingested{Added: len(docs)}, nil
	})}
	if err := w.Run(context.Background(), fs, true); err != nil {
		t.Fatal(err)
	}
	if got != 2 || fs[0].Failures != 0 {
		t.Errorf("healthy feed: %d docs, failures %d", got, fs[0].Failures)
	}
	for _, f := range fs[1:] {
		if f.Failures != 1 || f.LastError == nil || !strings.Contains(f.LastError.Error(), f.URL) {
			t.Errorf("%s: failures %d, error %v", f.URL, f.Failures, f.LastError)
		}
		if wait := time.Until(f.Next); wait < 90*time.Minute {
			t.Errorf("%s: retried after %v, want the interval doubled", f.URL, wait)
		}
	}
	if w.backoff(20) != w.MaxBackoff {
		t.Errorf("backoff not capped: %v", w.backoff(20))
	}
}

func TestNewAndOPML(t *testing.T) {
	for _, bad := range []string{"ftp://x/feed", "file:///etc/passwd", "not a url"} {
		if _, err := New([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	opml := `<opml version="2.0"><body><outline text="News"><outline type="rss" xmlUrl="https://a.example/rss"/>
<outline type="rss" xmlUrl="https://b.example/atom"/></outline></body></opml>`
	urls, err := ReadOPML(strings.NewReader(opml))
	if err != nil || len(urls) != 2 || urls[1] != "https://b.example/atom" {
		t.Errorf("OPML: %v %v", urls, err)
	}
	if _, err := ReadOPML(strings.NewReader("<opml><body></body></opml>")); err == nil {
		t.Error("empty OPML accepted")
	}
}

func TestRefusesEntityBombs(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title><item><title>&lol2;</title></item></channel></rss>`
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(bomb)) }))
	defer ts.Close()
	fs, _ := New([]string{ts.URL})
	if _, err := (&Watcher{Client: local}).Poll(context.Background(), fs[0]); !errors.Is(err, ErrEntities) {
		t.Errorf("polled a feed with entities: %v", err)
	}
	if _, err := FromFile("bomb.xml", []byte(bomb)); !errors.Is(err, ErrEntities) {
		t.Errorf("read a feed file with entities: %v", err)
	}
	docs, err := FromFile("ok.xml", []byte(fmt.Sprintf(rss, "https://example.org")))
	if err != nil || len(docs) != 2 {
		t.Errorf("a plain feed file: %d docs, %v", len(docs), err)
	}
}

// An article a stage failed on is marked seen like the others but offered
// again with the next poll, even when the feed has not changed since.
func TestFailedArticlesAreOfferedAgain(t *testing.T) {
	var polls, notMod int32
	ts := server(t, &polls, &notMod)
	fs, _ := New([]string{ts.URL + "/feed"})
	var calls [][]string
	failing := ""
	w := &Watcher{Client: local, Interval: time.Hour, Ingest: IngestFunc(func(ctx context.Context, docs []*doc.Doc) (Ingested, error) {
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		calls = append(calls, ids)
		if failing == "" {
			failing = docs[0].ID
		}
		if len(calls) == 1 {
			return Ingested{Added: len(docs) - 1, Failed: []string{failing}}, nil
		}
		return Ingested{Added: len(docs)}, nil
	})}
	for i := 0; i < 3; i++ {
		fs[0].Next = time.Time{} // due now
		if err := w.Run(context.Background(), fs, true); err != nil {
			t.Fatal(err)
		}
	}
	if len(calls) != 2 || len(calls[0]) != 2 || len(calls[1]) != 1 || calls[1][0] != failing {
		t.Fatalf("ingest calls %v: want both articles, then the failed one alone, then nothing", calls)
	}
}

// local fetches from the test servers on this machine, which the default
// client refuses.
var local = fetch.NewClient(fetch.Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})

// By default, feeds and pages on this machine or its network are refused
// (a feed item linking to http://127.0.0.1/admin served its secret).
func TestDefaultClientRefusesLocalAddresses(t *testing.T) {
	var polls, notMod int32
	ts := server(t, &polls, &notMod)
	fs, _ := New([]string{ts.URL + "/feed"})
	_, err := (&Watcher{}).Poll(context.Background(), fs[0])
	if !errors.Is(err, fetch.ErrRefused) {
		t.Fatalf("poll of a loopback feed: %v", err)
	}
}
