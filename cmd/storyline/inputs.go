package main

import (
	"context"
	"flag"
	"net/netip"
	"time"

	"github.com/storyline-news/storyline/internal/feed"
	"github.com/storyline-news/storyline/internal/fetch"
	"github.com/storyline-news/storyline/internal/ingest"
)

// netFlags are analyze's flags for web addresses: lists of them, and the
// ranges a fetch may reach although they are loopback or private.
type netFlags struct {
	urls    multiFlag
	allow   allowFlag
	timeout time.Duration
}

func (n *netFlags) register(fs *flag.FlagSet) {
	fs.Var(&n.urls, "urls", "read the web addresses listed in this file, one a line (# comments; repeatable)")
	fs.Var(&n.allow, "allow-net", "fetch from this range or address although it is loopback, private or link-local (repeatable; e.g. 10.0.0.0/8)")
	fs.DurationVar(&n.timeout, "fetch-timeout", 30*time.Second, "time allowed for fetching one web address, body included")
}

// allowFlag is --allow-net, checked as it is given: a bad range is a
// usage error before anything is read.
type allowFlag []netip.Prefix

func (a *allowFlag) String() string { return "" }
func (a *allowFlag) Set(v string) error {
	p, err := fetch.ParseAllow([]string{v})
	if err != nil {
		return err
	}
	*a = append(*a, p...)
	return nil
}

// readInputs reads analyze's inputs and the addresses its --urls files
// list. Addresses are fetched with the project's client (internal/fetch:
// its timeout, the size limit of --max-bytes, at most 5 redirects on http
// and https only, no loopback, private or link-local address unless
// --allow-net names it).
func readInputs(ctx context.Context, inputs []string, f analyzeFlags, e *env) ingest.Result {
	var listErrs []error
	for _, list := range f.net.urls {
		urls, errs := ingest.ReadURLList(list)
		inputs = append(inputs, urls...)
		listErrs = append(listErrs, errs...)
	}
	client := fetch.NewClient(fetch.Options{Allow: f.net.allow, Timeout: f.net.timeout})
	opt := ingest.Options{MaxBytes: f.maxBytes, Stdin: e.stdin, Feed: feed.FromFile,
		Fetch: func(u string) (*fetch.Page, error) {
			max := f.maxBytes
			if max <= 0 {
				max = ingest.DefaultMaxBytes
			}
			return fetch.GetPage(ctx, client, u, max)
		}}
	res := ingest.Read(inputs, opt)
	res.Errors = append(listErrs, res.Errors...)
	return res
}
