package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

// browser finds Chromium or Chrome, or "" when none is installed.
func browser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser drives a real browser through the pages: the home page, a
// storyline from the samples (or the examples), its timeline, and a
// citation that opens the cited sentence in its document. Screenshots go to
// the test's temporary directory.
func TestBrowser(t *testing.T) {
	exe := browser()
	if exe == "" {
		t.Skip("no Chromium or Chrome installed (.ci/run installs Debian's chromium): browser test skipped")
	}
	ts := browserServer(t)
	b := newBrowserSession(t, exe)
	b.step("home page", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`ol.lines a.line`))
	title, firstLine := b.text(`h1`), b.text(`ol.lines a.line`)
	b.shot("home.png")
	b.step("open a storyline", chromedp.Click(`ol.lines a.line`), chromedp.WaitVisible(`svg.axis`))
	dots, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('svg.axis circle').length`))
	if err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(b.ctx, chromedp.AttributeValue(`ol.timeline a.cite`, "href"))
	if err != nil {
		t.Fatal(err)
	}
	citeHref := href.Value
	b.shot("storyline.png")
	b.step("follow a citation", chromedp.Click(`ol.timeline a.cite`), chromedp.WaitVisible(`article.doctext`))
	docTitle, cited := b.text(`h1`), b.text(`.doctext .cited`)
	b.shot("document.png")
	if title != "Storylines" || firstLine == "" {
		t.Errorf("home: title %q, first storyline %q", title, firstLine)
	}
	if dots == 0 {
		t.Error("the storyline's timeline has no dates on its axis")
	}
	if !strings.Contains(citeHref, "/documents/") || !strings.Contains(citeHref, "hl=") {
		t.Errorf("citation link %q", citeHref)
	}
	if strings.TrimSpace(cited) == "" {
		t.Errorf("the cited sentence is not highlighted in %q", docTitle)
	}
	for _, f := range []string{"home.png", "storyline.png", "document.png"} {
		if st, err := os.Stat(filepath.Join(b.dir, f)); err != nil || st.Size() < 1000 {
			t.Errorf("screenshot %s: %v", f, err)
		}
	}
	t.Logf("screenshots in %s", b.dir)
}

// browserServer analyses the samples (or the examples) into a store and
// serves the pages over it until the test ends.
func browserServer(t *testing.T) *httptest.Server {
	t.Helper()
	input := "../../examples"
	if _, err := os.Stat(filepath.Join(samples, "syria-2016.jsonl")); err == nil {
		input = filepath.Join(samples, "syria-2016.jsonl")
	}
	db := filepath.Join(t.TempDir(), "b.db")
	if code, _, errs := runCLI(t, "", "analyze", "--quiet", "--db", db, "--format", "json", input); code != 0 {
		t.Fatalf("analyze: %s", errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a, err := st.Analysis(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	live := view.NewLive(a)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(newHandler(&api.Server{Store: st, Live: live}, st, live, "", nil, log))
	t.Cleanup(ts.Close)
	return ts
}

// browserSession is a headless browser for one test, with the directory
// its screenshots go to.
type browserSession struct {
	t   *testing.T
	ctx context.Context
	dir string
}

func newBrowserSession(t *testing.T, exe string) *browserSession {
	t.Helper()
	dir := t.TempDir()
	if keep := os.Getenv("STORYLINE_SCREENSHOTS"); keep != "" {
		dir = keep // to look at them after the test
		os.MkdirAll(dir, 0o755)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("headless", true),
		chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1200, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	return &browserSession{t: t, ctx: ctx, dir: dir}
}

// step runs actions, failing the test with what they were for.
func (b *browserSession) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// text is the text of the element sel selects.
func (b *browserSession) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(sel))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// shot saves a screenshot of the whole page as name.
func (b *browserSession) shot(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	os.WriteFile(filepath.Join(b.dir, name), buf, 0o644)
}
