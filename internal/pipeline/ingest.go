package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
)

// Store is what the engine needs of a database (internal/store's stores
// have it all).
type Store interface {
	// Hashes returns the stored content hash of each given id that exists.
	Hashes(ctx context.Context, ids []string) (map[string]string, error)
	// AllHashes returns the content hash of every stored document.
	AllHashes(ctx context.Context) (map[string]string, error)
	// Docs returns stored documents (without tokens); nil ids means all.
	Docs(ctx context.Context, ids []string) ([]*doc.Doc, error)
	// Stale returns the ids of the documents whose layers were made by
	// stages older than version.
	Stale(ctx context.Context, version int) ([]string, error)
	// PutDocs stores analysed documents in one transaction.
	PutDocs(ctx context.Context, docs []*doc.Doc) (added, updated, unchanged int, err error)
	// PutAnalysis replaces the stored analysis.
	PutAnalysis(ctx context.Context, a *model.Analysis) error
	// Storylines returns the stored analysis' storylines (none when
	// nothing was analysed yet).
	Storylines(ctx context.Context) ([]model.Storyline, error)
}

// BatchStore is a store that records failures with what it stores, in
// one transaction (a job queue marks the jobs done or failed). Ingest
// uses PutBatch when the store has it.
type BatchStore interface {
	PutBatch(ctx context.Context, ok []*doc.Doc, failed []model.Failure) (added, updated, unchanged int, err error)
}

// Ingest analyses the given documents that are new or changed (by content
// hash) and stores those that went through, in one transaction. A
// document a stage failed on is not stored (and an earlier version of it
// stays as it was); the report names it and the stage, and the next
// ingestion of it tries again. Documents given twice under one id with
// different text keep the first and report the second. Before anything
// else, stored documents analysed by an older version of the stages are
// analysed again. Ingest does not recompute the cross-document layers:
// call Recompute (or Update, which does both) when they are due.
func (e *Engine) Ingest(ctx context.Context, st Store, docs []*doc.Doc) (model.IngestReport, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rep := model.IngestReport{Failed: []model.Failure{}, Errors: []string{}, Documents: []string{}}
	if err := e.refresh(ctx, st, &rep); err != nil {
		return rep, err
	}
	docs = uniqueIDs(docs, &rep)
	ids := make([]string, len(docs))
	for i, d := range docs {
		if d.Hash == "" {
			d.Hash = ingest.ContentHash(d)
		}
		ids[i] = d.ID
	}
	stored, err := st.Hashes(ctx, ids)
	if err != nil {
		return rep, fmt.Errorf("reading the store: %w", err)
	}
	if !e.cfg.Replace {
		if err := keepApart(ctx, st, docs, stored, &rep); err != nil {
			return rep, fmt.Errorf("reading the store: %w", err)
		}
	}
	var todo []*doc.Doc
	for _, d := range docs {
		if stored[d.ID] == d.Hash {
			rep.Unchanged++
		} else {
			todo = append(todo, d)
		}
	}
	ok, failed, err := e.analyze(ctx, todo)
	if err != nil {
		return rep, err // interrupted: nothing was written
	}
	added, updated, unchanged, err := put(ctx, st, ok, failed)
	if err != nil {
		return rep, fmt.Errorf("storing documents: %w (nothing was written)", err)
	}
	rep.Added, rep.Updated, rep.Unchanged = added, updated, rep.Unchanged+unchanged
	addFailures(&rep, failed)
	e.remember(ok)
	return rep, nil
}

// Update is Ingest, then Recompute when anything was stored: what a
// server does with the documents it is sent.
func (e *Engine) Update(ctx context.Context, st Store, docs []*doc.Doc) (model.IngestReport, *model.Analysis, error) {
	rep, err := e.Ingest(ctx, st, docs)
	if err != nil || rep.Added+rep.Updated+rep.Reanalysed == 0 {
		return rep, nil, err
	}
	a, _, err := e.Recompute(ctx, st)
	return rep, a, err
}

// put stores what went through, with the failures where the store keeps
// them.
func put(ctx context.Context, st Store, ok []*doc.Doc, failed []model.Failure) (int, int, int, error) {
	if bs, isBatch := st.(BatchStore); isBatch {
		return bs.PutBatch(ctx, ok, failed)
	}
	if len(ok) == 0 {
		return 0, 0, 0, nil
	}
	return st.PutDocs(ctx, ok)
}

func addFailures(rep *model.IngestReport, fs []model.Failure) {
	rep.Failed = append(rep.Failed, fs...)
	for _, f := range fs {
		rep.Errors = append(rep.Errors, f.String())
	}
}

// keepApart gives a document whose id is its file's name (doc.IDFromName)
// an id of its path when a document of another file holds that id in the
// store with other content: `analyze x/report.txt` then `analyze
// y/report.txt` replaced the first article. stored (id → hash) gains the
// new ids.
func keepApart(ctx context.Context, st Store, docs []*doc.Doc, stored map[string]string, rep *model.IngestReport) error {
	var clash []string
	for _, d := range docs {
		if d.IDFromName && stored[d.ID] != "" && stored[d.ID] != d.Hash {
			clash = append(clash, d.ID)
		}
	}
	if len(clash) == 0 {
		return nil
	}
	held, err := readDocs(ctx, st, clash, false)
	if err != nil {
		return err
	}
	origin := map[string]string{}
	for _, h := range held {
		origin[h.ID] = h.Origin
	}
	var renamed []string
	for _, d := range docs {
		if o := origin[d.ID]; o != "" && d.IDFromName && filepath.Clean(o) != filepath.Clean(d.Origin) {
			to := filepath.ToSlash(strings.TrimSuffix(filepath.Clean(d.Origin), filepath.Ext(d.Origin)))
			rep.Renamed = append(rep.Renamed, model.Rename{From: d.ID, To: to, Origin: d.Origin, Holder: o})
			if i := slices.Index(rep.Documents, d.ID); i >= 0 {
				rep.Documents[i] = to
			}
			d.ID, d.IDFromName = to, false
			d.Hash = ingest.ContentHash(d)
			renamed = append(renamed, to)
		}
	}
	now, err := st.Hashes(ctx, renamed)
	for id, h := range now {
		stored[id] = h
	}
	return err
}

// uniqueIDs keeps the first document of each id; a later one with the
// same id and other text is refused (ids are unique in a batch), one with
// the same text dropped.
func uniqueIDs(docs []*doc.Doc, rep *model.IngestReport) []*doc.Doc {
	seen := make(map[string]*doc.Doc, len(docs))
	out := make([]*doc.Doc, 0, len(docs))
	for _, d := range docs {
		rep.Documents = append(rep.Documents, d.ID)
		if first, ok := seen[d.ID]; ok {
			if first.Text != d.Text {
				rep.Errors = append(rep.Errors, fmt.Sprintf("%s: document id %q already used by %s; skipped", d.Origin, d.ID, first.Origin))
			}
			continue
		}
		seen[d.ID] = d
		out = append(out, d)
	}
	return out
}
