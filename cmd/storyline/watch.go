package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/feed"
	"github.com/storyline-news/storyline/internal/view"
)

// feedFlags are the flags shared by watch and serve --watch.
type feedFlags struct {
	urls     multiFlag
	opml     string
	interval time.Duration
	noPages  bool
}

func (f *feedFlags) register(fs *flag.FlagSet, urlFlag string) {
	if urlFlag != "" {
		fs.Var(&f.urls, urlFlag, "feed to watch (repeatable)")
	}
	fs.StringVar(&f.opml, "opml", "", "OPML file listing feeds to watch")
	fs.DurationVar(&f.interval, "interval", 10*time.Minute, "time between polls of a feed (a failing feed waits longer, doubling up to 6h)")
	fs.BoolVar(&f.noPages, "no-pages", false, "use the feed's own text instead of fetching each article's page")
}

// feeds returns the feeds named by URLs and the OPML file.
func (f *feedFlags) feeds() ([]*feed.Feed, error) {
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

func (f *feedFlags) watcher(srv *api.Server, log *slog.Logger) *feed.Watcher {
	return &feed.Watcher{Interval: f.interval, Pages: !f.noPages, Log: log,
		Ingest: feed.IngestFunc(func(ctx context.Context, docs []*doc.Doc) (int, error) {
			r, err := srv.IngestDocs(ctx, docs)
			return r.Added + r.Updated, err
		})}
}

// cmdWatch: storyline watch [--db FILE] [--interval D] [--once] FEED_URL… | --opml FILE
func cmdWatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	srv := &api.Server{Store: st, Live: view.NewLive(a), Log: log}
	fmt.Fprintf(stdout, "storyline: watching %d feed(s) into %s\n", len(feeds), *db)
	if err := ff.watcher(srv, log).Run(ctx, feeds, *once); err != nil {
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
