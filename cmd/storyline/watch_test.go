package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestWatchOnceStoresFeedArticles(t *testing.T) {
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Harbour Daily</title>
<item><title>Storm floods Gdansk</title><link>%s/a1</link><guid>a1</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>`, ts.URL)
		case "/a1":
			w.Write([]byte(`<html><body><article><h1>Storm floods Gdansk</h1><p>Storm Edda drove seawater into the harbour district of Gdansk on Monday, officials said, and rescuers searched flooded cellars.</p><p>The regional crisis centre said at least 12 people were killed in Gdansk.</p></article></body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer ts.Close()
	db := filepath.Join(t.TempDir(), "w.db")
	code, out, errs := runCLI(t, "", "watch", "--once", "--allow-net", "127.0.0.1", "--db", db, ts.URL+"/rss")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	if code, _, _ := runCLI(t, "", "export", "events", "--db", db, "--format", "jsonl"); code != 0 {
		t.Fatalf("store not written: exit %d", code)
	}
	// A second run finds nothing new and keeps the store as it was.
	if code, _, errs := runCLI(t, "", "watch", "--once", "--allow-net", "127.0.0.1", "--db", db, ts.URL+"/rss"); code != 0 {
		t.Fatalf("second run: exit %d %s", code, errs)
	}
	code, _, errs = runCLI(t, "", "watch", "--once", "--allow-net", "127.0.0.1", "--db", db, ts.URL+"/missing")
	if code != exitPartial || !strings.Contains(errs, "/missing") {
		t.Errorf("missing feed: exit %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "watch", "--db", db); code != exitUsage {
		t.Errorf("no feeds: exit %d", code)
	}
	if code, _, errs := runCLI(t, "", "watch", "--db", db, "ftp://example.org/feed"); code != exitUsage || !strings.Contains(errs, "http") {
		t.Errorf("bad scheme: exit %d %q", code, errs)
	}
}

// Without --allow-net, a feed on this machine is refused, and says how to
// allow it.
func TestWatchRefusesLocalFeeds(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `<rss version="2.0"></rss>`) }))
	defer ts.Close()
	code, _, errs := runCLI(t, "", "watch", "--once", "--db", filepath.Join(t.TempDir(), "w.db"), ts.URL+"/rss")
	if code != exitPartial || !strings.Contains(errs, "loopback") || !strings.Contains(errs, "--allow-net") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "watch", "--once", "--allow-net", "not-a-range", ts.URL+"/rss"); code != exitUsage || !strings.Contains(errs, "--allow-net") {
		t.Errorf("bad range: exit %d, %q", code, errs)
	}
}
