package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/service"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
	"github.com/storyline-news/storyline/internal/web"
)

// cmdServe: storyline serve [--addr 127.0.0.1:8080] [--db FILE] [--token T]
func cmdServe(ctx context.Context, args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; any address but loopback requires --token")
	db := fs.String("db", "storyline.db", "store to serve (written by storyline analyze)")
	token := fs.String("token", os.Getenv("STORYLINE_TOKEN"), "token required on every request (default $STORYLINE_TOKEN)")
	maxBody := fs.Int64("max-body", 32<<20, "largest POST body in bytes")
	var hosts multiFlag
	fs.Var(&hosts, "host", "a host name the server answers to besides its address (repeatable; requests naming any other host are refused)")
	var ff feedFlags
	ff.register(fs, "watch")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if err := checkExposure(*addr, *token); err != nil {
		fmt.Fprintf(stderr, "storyline serve: %v\n", err)
		return exitUsage
	}
	st, a, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	feeds, err := ff.feeds()
	if err != nil {
		fmt.Fprintf(stderr, "storyline serve: %v\n", err)
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	live := view.NewLive(a)
	svc, err := newService(e, st, live)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	apiSrv := &api.Server{Store: st, Live: live, Log: log, MaxBody: *maxBody, Ingest: svc}
	go catchUp(ctx, svc, log)
	h := newHandler(apiSrv, st, live, *token, api.HostsFor(*addr, hosts), log)
	if len(feeds) > 0 {
		go ff.watcher(svc, log).Run(ctx, feeds, false)
		fmt.Fprintf(stdout, "storyline: watching %d feed(s)\n", len(feeds))
	}
	return listen(ctx, *addr, h, store.Redact(*db), e)
}

// listen serves h on addr until ctx ends, then shuts down gracefully:
// the requests in flight finish first.
func listen(ctx context.Context, addr string, h http.Handler, shown string, e *env) int {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "storyline serve: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "storyline: serving %s on http://%s/ (API under /api/v1)\n", shown, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(e.stderr, "storyline serve: %v\n", err)
		return exitFailed
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(e.stderr, "storyline serve: shutting down: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(e.stderr, "storyline: stopped")
	return exitOK
}

// catchUp brings the served analysis up to date with the store in the
// background, when a run stopped between storing documents and storing
// the analysis, or another process added documents.
func catchUp(ctx context.Context, svc *service.Service, log *slog.Logger) {
	start := time.Now()
	ran, err := svc.CatchUp(ctx)
	switch {
	case err != nil:
		log.Warn("bringing the analysis up to date with the store failed", "err", err)
	case ran:
		log.Info("analysis brought up to date with the store", "took", time.Since(start).Round(time.Millisecond))
	}
}

// checkExposure refuses a token too short to resist guessing, and an
// address beyond this machine without a token.
func checkExposure(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v", addr, err)
	}
	if token != "" && len(token) < minTokenLen {
		return fmt.Errorf("a token must have at least %d characters (one that short is guessed in minutes)", minTokenLen)
	}
	if !loopback(host) && token == "" {
		return fmt.Errorf("listening on %s exposes the store beyond this machine: give --token (or STORYLINE_TOKEN)", addr)
	}
	return nil
}

// minTokenLen is the shortest token serve accepts.
const minTokenLen = 16

// newHandler wires the API and the pages behind the host and origin
// checks and the token check, with request logging.
func newHandler(apiSrv *api.Server, st store.Store, live *view.Live, token string, hosts []string, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	apiSrv.Register(mux)
	web.New(live, st, log).Register(mux)
	return logRequests(log, api.Guard(hosts, api.RequireToken(token, mux)))
}

func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		next.ServeHTTP(rec, r)
		log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", time.Since(start).Milliseconds())
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
