package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/feed"
	"github.com/storyline-news/storyline/internal/fetch"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/service"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

// feedFlags are the flags shared by watch and serve --watch.
type feedFlags struct {
	urls     multiFlag
	opml     string
	interval time.Duration
	noPages  bool
	allow    multiFlag
}

func (f *feedFlags) register(fs *flag.FlagSet, urlFlag string) {
	if urlFlag != "" {
		fs.Var(&f.urls, urlFlag, "feed to watch (repeatable)")
	}
	fs.StringVar(&f.opml, "opml", "", "OPML file listing feeds to watch")
	fs.DurationVar(&f.interval, "interval", 10*time.Minute, "time between polls of a feed (a failing feed waits longer, doubling up to 6h)")
	fs.BoolVar(&f.noPages, "no-pages", false, "use the feed's own text instead of fetching each article's page")
	fs.Var(&f.allow, "allow-net", "fetch from this range or address although it is loopback, private or link-local (repeatable; e.g. 10.0.0.0/8)")
}

// feeds returns the feeds named by URLs and the OPML file.
func (f *feedFlags) feeds() ([]*feed.Feed, error) {
	if _, err := fetch.ParseAllow(f.allow); err != nil {
		return nil, err
	}
	urls := append([]string(nil), f.urls...)
	if f.opml != "" {
		file, err := os.Open(f.opml)
		if err != nil {
			return nil, err
		}
		more, err := feed.ReadOPML(file)
		file.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.opml, err)
		}
		urls = append(urls, more...)
	}
	return feed.New(urls)
}

func (f *feedFlags) watcher(svc *service.Service, log *slog.Logger) *feed.Watcher {
	allow, _ := fetch.ParseAllow(f.allow) // checked by feeds
	return &feed.Watcher{Interval: f.interval, Pages: !f.noPages, Log: log, Client: fetch.NewClient(fetch.Options{Allow: allow}),
		Ingest: feed.IngestFunc(func(ctx context.Context, docs []*doc.Doc) (feed.Ingested, error) {
			r, err := svc.IngestDocs(ctx, docs)
			got := feed.Ingested{Added: r.Added + r.Updated}
			for _, f := range r.Failed {
				log.Warn("article failed; it is offered again with the next poll", "id", f.ID, "stage", f.Stage, "err", f.Error)
				got.Failed = append(got.Failed, f.ID)
			}
			return got, err
		})}
}

// newService binds an engine for a long-running process to the store and
// the live view.
func newService(e *env, st pipeline.Store, live *view.Live) (*service.Service, error) {
	cfg := pipeline.DefaultConfig()
	cfg.Keep = true
	eng, err := e.newEngine(cfg)
	if err != nil {
		return nil, err
	}
	return &service.Service{Engine: eng, Store: st, Live: live}, nil
}

// cmdWatch: storyline watch [--db FILE] [--interval D] [--once] FEED_URL… | --opml FILE
func cmdWatch(ctx context.Context, args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "storyline.db", "store to add articles to")
	once := fs.Bool("once", false, "poll every feed once and stop")
	var ff feedFlags
	ff.register(fs, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	ff.urls = append(ff.urls, fs.Args()...)
	feeds, err := ff.feeds()
	if err != nil {
		fmt.Fprintf(stderr, "storyline watch: %v\n", err)
		return exitUsage
	}
	if len(feeds) == 0 {
		fmt.Fprintln(stderr, "usage: storyline watch [--db FILE] [--interval 10m] [--once] [--no-pages] FEED_URL… | --opml FILE")
		return exitUsage
	}
	st, a, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	svc, err := newService(e, st, view.NewLive(a))
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "storyline: watching %d feed(s) into %s\n", len(feeds), store.Redact(*db))
	if err := ff.watcher(svc, log).Run(ctx, feeds, *once); err != nil {
		fmt.Fprintf(stderr, "storyline watch: %v\n", err)
		return exitFailed
	}
	failed := 0
	for _, f := range feeds {
		if f.LastError != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", f.LastError)
			failed++
		}
	}
	if failed > 0 && *once {
		return exitPartial
	}
	return exitOK
}
