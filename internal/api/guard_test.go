package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	h := Guard(HostsFor("127.0.0.1:8080", []string{"news.example"}), ok)
	for _, tt := range []struct {
		name, method, host, ctype, origin, site string
		want                                    int
	}{
		{"a page, from the loopback server", "GET", "127.0.0.1:8080", "", "", "", http.StatusTeapot},
		{"localhost by name", "GET", "localhost:8080", "", "", "", http.StatusTeapot},
		{"a configured name", "GET", "news.example", "", "", "", http.StatusTeapot},
		{"DNS rebinding: another name on the same address", "GET", "evil.example:8080", "", "", "", http.StatusMisdirectedRequest},
		{"a command-line POST", "POST", "127.0.0.1:8080", "application/json", "", "", http.StatusTeapot},
		{"a same-origin POST", "POST", "127.0.0.1:8080", "application/json; charset=utf-8", "http://127.0.0.1:8080", "same-origin", http.StatusTeapot},
		{"CSRF: text/plain from another site", "POST", "127.0.0.1:8080", "text/plain", "http://evil.example", "cross-site", http.StatusUnsupportedMediaType},
		{"CSRF: a form", "POST", "127.0.0.1:8080", "application/x-www-form-urlencoded", "http://evil.example", "", http.StatusUnsupportedMediaType},
		{"cross-origin JSON", "POST", "127.0.0.1:8080", "application/json", "http://evil.example", "", http.StatusForbidden},
		{"cross-site fetch metadata", "POST", "127.0.0.1:8080", "application/json", "", "cross-site", http.StatusForbidden},
		{"no content type", "DELETE", "127.0.0.1:8080", "", "", "", http.StatusUnsupportedMediaType},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/api/v1/documents", strings.NewReader("{}"))
			r.Host = tt.host
			for k, v := range map[string]string{"Content-Type": tt.ctype, "Origin": tt.origin, "Sec-Fetch-Site": tt.site} {
				if v != "" {
					r.Header.Set(k, v)
				}
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Errorf("%d, want %d (%s)", w.Code, tt.want, w.Body)
			}
		})
	}
	// Bound to every interface, any host goes (the token protects it).
	any := Guard(HostsFor("0.0.0.0:8080", nil), ok)
	r := httptest.NewRequest("GET", "/", nil)
	r.Host = "storyline.internal"
	w := httptest.NewRecorder()
	any.ServeHTTP(w, r)
	if w.Code != http.StatusTeapot {
		t.Errorf("wildcard bind refused host: %d", w.Code)
	}
}

// Paging never overflows: an offset near the largest int is past the end.
func TestPagingAtTheEdges(t *testing.T) {
	for _, q := range []string{"offset=9223372036854775807", "offset=9223372036854775807&limit=500", "offset=3&limit=500"} {
		r := httptest.NewRequest("GET", "/api/v1/x?"+q, nil)
		w := httptest.NewRecorder()
		page(w, r, []int{1, 2, 3})
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"items": []`) {
			t.Errorf("%s: %d %s", q, w.Code, w.Body)
		}
	}
}
