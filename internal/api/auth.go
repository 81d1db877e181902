package api

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"
)

// TokenCookie carries the token for browsers once given in ?token=.
const TokenCookie = "storyline_token"

// RequireToken lets a request through only with the token: as
// "Authorization: Bearer TOKEN", as the storyline_token cookie, or once
// as ?token=TOKEN, which sets the cookie and redirects to the same page
// without it (so the token leaves the address bar and the history). The
// comparison takes the same time whatever the guess. An empty token
// disables the check.
func RequireToken(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	want := []byte(token)
	ok := func(got string) bool { return got != "" && subtle.ConstantTimeCompare([]byte(got), want) == 1 }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") && ok(strings.TrimPrefix(h, "Bearer ")) {
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(TokenCookie); err == nil && ok(c.Value) {
			next.ServeHTTP(w, r)
			return
		}
		if t := r.URL.Query().Get("token"); t != "" && ok(t) && r.Method == http.MethodGet {
			http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
				Secure: r.TLS != nil, Expires: time.Now().Add(30 * 24 * time.Hour)})
			q := r.URL.Query()
			q.Del("token")
			u := *r.URL
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="storyline"`)
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeError(w, http.StatusUnauthorized, "a token is required: send Authorization: Bearer TOKEN")
			return
		}
		http.Error(w, "A token is required: open this page once with ?token=YOUR_TOKEN.", http.StatusUnauthorized)
	})
}
