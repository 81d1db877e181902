// Package fetch is the one HTTP client Storyline reads the web with
// (feeds, their article pages): it refuses to connect to addresses a
// fetch on a user's behalf must not reach from this machine — loopback,
// link-local (169.254.169.254 serves cloud credentials), private,
// shared (CGNAT), multicast, unspecified — checked on the address
// actually dialled, after DNS resolution and on every redirect, unless the
// caller allows a range. Requests have a timeout, redirects are bounded
// and stay on http and https, and bodies a size limit.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// Options configure a client.
type Options struct {
	// Allow are ranges to reach despite the rules (a feed served on this
	// machine or its network: 127.0.0.1/32, 10.0.0.0/8).
	Allow []netip.Prefix
	// Timeout bounds a whole request, body included (default 30 s).
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed (default 5).
	MaxRedirects int
}

// ErrRefused is wrapped by the error of a request to a refused address.
var ErrRefused = errors.New("refused address")

// NewClient returns a client with the rules above.
func NewClient(opt Options) *http.Client {
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = 5
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		return check(address, opt.Allow)
	}}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would be dialled instead of the address checked
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConns:          16,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: transport, Timeout: opt.Timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= opt.MaxRedirects {
			return fmt.Errorf("more than %d redirects", opt.MaxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s: only http and https are fetched", req.URL.Scheme)
		}
		return nil
	}}
}

// check refuses an address ("ip:port", as dialled) the rules forbid.
func check(address string, allow []netip.Prefix) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s is not an IP address", ErrRefused, address)
	}
	ip := ap.Addr().Unmap()
	for _, p := range allow {
		if p.Contains(ip) {
			return nil
		}
	}
	if why := forbidden(ip); why != "" {
		return fmt.Errorf("%w: %s is a %s address (allow a range with --allow-net)", ErrRefused, ip, why)
	}
	return nil
}

var shared = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT, RFC 6598

// forbidden says what kind of address ip is when a fetch must not reach
// it, or "".
func forbidden(ip netip.Addr) string {
	switch {
	case ip.IsLoopback():
		return "loopback"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsPrivate(), shared.Contains(ip):
		return "private"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case ip.IsUnspecified(), ip.Is4() && ip.As4()[0] == 0:
		return "unspecified"
	}
	return ""
}

// ParseAllow reads --allow-net values: CIDR ranges or single addresses.
func ParseAllow(values []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range values {
		if p, err := netip.ParsePrefix(v); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(v)
		if err != nil {
			return nil, fmt.Errorf("--allow-net %q: not a range (10.0.0.0/8) or an address", v)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// Read reads at most max bytes of a body, and fails beyond.
func Read(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return b, nil
}

// Page is a fetched body with what the response says of it.
type Page struct {
	Body []byte
	// Type is the response's Content-Type ("" when it gives none).
	Type string
	// URL is the address the body came from, after redirects.
	URL string
}

// GetPage fetches u with client and returns its body (at most max bytes),
// content type and final address for a 200 response. Errors name u.
func GetPage(ctx context.Context, client *http.Client, u string, max int64) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", u, resp.Status)
	}
	body, err := Read(resp.Body, max)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return &Page{Body: body, Type: resp.Header.Get("Content-Type"), URL: resp.Request.URL.String()}, nil
}
