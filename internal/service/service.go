// Package service binds the engine to one store and one live view: what
// a long-running process (serve, watch) does with the documents that
// arrive. It is the only writer behind the API and the feed watcher,
// which themselves only read.
package service

import (
	"bytes"
	"context"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/view"
)

// Service ingests documents into Store with Engine (built with Keep, so
// that each recompute reads only what changed) and shows every new
// analysis in Live.
type Service struct {
	Engine *pipeline.Engine
	Store  pipeline.Store
	Live   *view.Live
}

// IngestBody reads documents from a JSON object, a JSON array or JSON
// lines, with the validation the CLI applies, and ingests them. A body
// with no valid document gives a report with no documents and its
// errors, and stores nothing.
func (s *Service) IngestBody(ctx context.Context, body []byte) (model.IngestReport, error) {
	res := ingest.Read([]string{"-"}, ingest.Options{Stdin: bytes.NewReader(body), MaxBytes: int64(len(body)) + 1})
	var errs []string
	for _, e := range res.Errors {
		errs = append(errs, strings.Replace(e.Error(), "stdin", "body", 1))
	}
	if len(res.Docs) == 0 {
		return model.IngestReport{Failed: []model.Failure{}, Errors: append([]string{}, errs...), Documents: []string{}}, nil
	}
	rep, err := s.IngestDocs(ctx, res.Docs)
	rep.Errors = append(append([]string{}, errs...), rep.Errors...) // never null in the JSON
	return rep, err
}

// IngestDocs ingests documents already read (from a feed, say) and, when
// anything was stored, recomputes the cross-document layers and shows
// the new analysis.
func (s *Service) IngestDocs(ctx context.Context, docs []*doc.Doc) (model.IngestReport, error) {
	rep, a, err := s.Engine.Update(ctx, s.Store, docs)
	if a != nil {
		s.Live.Set(a)
	}
	return rep, err
}

// CatchUp brings the live analysis up to date with the store when it is
// behind: documents stored without an analysis that covers them (a run
// killed between storing documents and storing the analysis, or
// documents another process added) are analysed into it. It reports
// whether it recomputed.
func (s *Service) CatchUp(ctx context.Context) (bool, error) {
	hashes, err := s.Store.AllHashes(ctx)
	if err != nil {
		return false, err
	}
	stale, err := s.Store.Stale(ctx, pipeline.LayersVersion)
	if err != nil {
		return false, err
	}
	if len(stale) == 0 && s.Live.Get().Covers(hashes) {
		return false, nil
	}
	a, _, err := s.Engine.Recompute(ctx, s.Store)
	if err != nil {
		return true, err
	}
	s.Live.Set(a)
	return true, nil
}
