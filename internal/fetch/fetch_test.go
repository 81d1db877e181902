package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestForbiddenAddresses(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:80": "loopback", "[::1]:80": "loopback", "169.254.169.254:80": "link-local", "[fe80::1]:80": "link-local",
		"10.1.2.3:80": "private", "192.168.0.7:443": "private", "172.16.5.5:80": "private", "100.64.0.1:80": "private",
		"[fd00::1]:80": "private", "224.0.0.1:80": "link-local", "239.1.2.3:80": "multicast", "0.0.0.0:80": "unspecified", "[::ffff:127.0.0.1]:80": "loopback",
		"93.184.216.34:443": "", "[2606:4700::1111]:443": "",
	} {
		err := check(addr, nil)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s refused: %v", addr, err)
		case want != "" && (err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want refused as %s", addr, err, want)
		}
	}
	allow, err := ParseAllow([]string{"127.0.0.1", "10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"127.0.0.1:80", "10.200.0.1:80"} {
		if err := check(a, allow); err != nil {
			t.Errorf("%s allowed, refused: %v", a, err)
		}
	}
	if check("127.0.0.2:80", allow) == nil {
		t.Error("an address outside the allowed range went through")
	}
	if _, err := ParseAllow([]string{"nonsense"}); err == nil {
		t.Error("a bad range was accepted")
	}
}

// A page on this machine is refused, directly and through a redirect from
// an allowed server; allowed, it is fetched.
func TestClientRefusesLoopback(t *testing.T) {
	secret := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer secret.Close()
	ctx := context.Background()
	if _, err := GetPage(ctx, NewClient(Options{}), secret.URL, 1<<10); !errors.Is(err, ErrRefused) {
		t.Errorf("loopback fetched: %v", err)
	}
	loop := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	page, err := GetPage(ctx, NewClient(Options{Allow: loop}), secret.URL, 1<<10)
	if err != nil || string(page.Body) != "secret" {
		t.Fatalf("allowed fetch: %+v %v", page, err)
	}
	if _, err := GetPage(ctx, NewClient(Options{Allow: loop}), secret.URL, 3); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("size limit: %v", err)
	}
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	}))
	defer redirector.Close()
	if _, err := GetPage(ctx, NewClient(Options{Allow: loop}), redirector.URL, 1<<10); err == nil || !strings.Contains(err.Error(), "only http and https") {
		t.Errorf("redirect to file: %v", err)
	}
}

// TestGetPage: the page comes with its content type and the address it
// was served from after a redirect.
func TestGetPage(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>page</p>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := NewClient(Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	p, err := GetPage(context.Background(), client, srv.URL+"/old", 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Body) != "<p>page</p>" || p.Type != "text/html; charset=utf-8" || p.URL != srv.URL+"/new" {
		t.Errorf("got %q %q %q", p.Body, p.Type, p.URL)
	}
	if _, err := GetPage(context.Background(), client, srv.URL+"/missing", 1<<10); err == nil || !strings.Contains(err.Error(), "/missing: HTTP 404") {
		t.Errorf("404: %v", err)
	}
}
