package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// articleServer serves an article page, a PDF and a missing page.
func articleServer(t *testing.T) *httptest.Server {
	t.Helper()
	pdfData, err := os.ReadFile("../../internal/ingest/testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../examples/northern-wire-storm.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/storm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdfData)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestAnalyzeAddresses: an address given on the command line and the
// addresses of a --urls file are fetched (here from this machine, which
// --allow-net must name) and read by their content type; a page that is
// not there is named and the rest goes through.
func TestAnalyzeAddresses(t *testing.T) {
	srv := articleServer(t)
	list := filepath.Join(t.TempDir(), "pages.urls")
	os.WriteFile(list, []byte("# two pages and a missing one\n"+srv.URL+"/report\n"+srv.URL+"/missing\n"), 0o644)
	code, out, errs := runCLI(t, "", "analyze", "--db", ":memory:", "--quiet", "--format", "json", "--allow-net", "127.0.0.1", "--urls", list, srv.URL+"/storm")
	if code != exitPartial || !strings.Contains(errs, srv.URL+"/missing: HTTP 404") {
		t.Errorf("exit %d, stderr %q: want the missing page named", code, errs)
	}
	a := decode(t, out)
	if len(a.Documents) != 2 {
		t.Fatalf("%d documents, want the page and the PDF", len(a.Documents))
	}
	var titles []string
	for _, d := range a.Documents {
		titles = append(titles, d.Title)
		if !strings.HasPrefix(d.ID, "url-") || !strings.HasPrefix(d.URL, "http") {
			t.Errorf("document %q: url %q", d.ID, d.URL)
		}
		if strings.Contains(d.Text, "%PDF") {
			t.Errorf("PDF bytes read as text: %q", d.Text[:40])
		}
	}
	if !strings.Contains(strings.Join(titles, "|"), "Storm closes the harbour") {
		t.Errorf("titles %q", titles)
	}
}

// TestAnalyzeAddressRefusals: this machine's addresses are refused without
// --allow-net, file:// always, a bad range is a usage error; each refusal
// names the input.
func TestAnalyzeAddressRefusals(t *testing.T) {
	srv := articleServer(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{srv.URL + "/storm"}, exitFailed, srv.URL + "/storm: Get"},
		{[]string{"file:///etc/passwd"}, exitFailed, "file:///etc/passwd: only http and https addresses are fetched"},
		{[]string{"--allow-net", "not-a-range", srv.URL + "/storm"}, exitUsage, "not-a-range"},
		{[]string{"--urls", "no-such-list.urls"}, exitFailed, "no-such-list.urls: no such file"},
	}
	for _, tt := range tests {
		args := append([]string{"analyze", "--db", ":memory:", "--quiet", "--format", "json"}, tt.args...)
		code, _, errs := runCLI(t, "", args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
	if _, _, errs := runCLI(t, "", "analyze", "--db", ":memory:", "--quiet", srv.URL+"/storm"); !strings.Contains(errs, "refused address") {
		t.Errorf("loopback not refused: %q", errs)
	}
}
