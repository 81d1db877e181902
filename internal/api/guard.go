package api

import (
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Guard refuses what a web page in the user's browser could make the
// browser send to a local server: requests naming a host the server does
// not answer to (DNS rebinding: evil.example resolving to 127.0.0.1), and
// state-changing requests that are not same-origin JSON (CSRF: a
// cross-origin form or text/plain POST needs no preflight, a JSON one
// does, and this server grants none). hosts are the names and addresses
// the server answers to (host only, no port); an empty list accepts any
// host (a server bound to every interface, behind its token).
func Guard(hosts []string, next http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(allowed) > 0 && !allowed[hostOf(r.Host)] {
			writeError(w, http.StatusMisdirectedRequest, "this server does not answer to host %q (start it with --host to add a name)", r.Host)
			return
		}
		if safeMethod(r.Method) {
			next.ServeHTTP(w, r)
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
			return
		}
		if !sameOrigin(r) {
			writeError(w, http.StatusForbidden, "cross-origin requests that change the store are refused")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// sameOrigin reports whether a request comes from a page of this server,
// or from no page at all (a command-line client sends neither header).
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// hostOf is the host of a Host header, lower case, without port or
// brackets.
func hostOf(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.ToLower(strings.Trim(h, "[]"))
}

// HostsFor lists the hosts a server listening on addr answers to: a
// loopback server its loopback names, one bound to an address that
// address, plus the extra names given; none (any host) for a server bound
// to every interface without extra names.
func HostsFor(addr string, extra []string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	switch {
	case host == "localhost" || ip != nil && ip.IsLoopback():
		return append([]string{"localhost", "127.0.0.1", "::1", host}, extra...)
	case host == "" || ip != nil && ip.IsUnspecified():
		return extra
	}
	return append([]string{host}, extra...)
}
