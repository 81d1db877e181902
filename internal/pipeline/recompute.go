package pipeline

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// Stats say what a recompute did.
type Stats struct {
	Documents int // in the analysis
	Read      int // read from the store this time
	Reuse
	// Reanalysed and Failed are the stored documents of an older version
	// of the stages analysed again first, and those a stage failed on.
	Reanalysed int
	Failed     []model.Failure
}

// Reuse counts what a recompute took from the previous analysis instead
// of computing it again.
type Reuse struct {
	Storylines, Stories int
}

// refreshBatch is how many stale stored documents are analysed again and
// stored at a time.
const refreshBatch = 500

// Recompute makes the cross-document layers of everything stored and
// stores the analysis. Grouping and entity resolution run over every
// document (one new article can join two storylines or rename an
// entity); with Config.Keep, storylines and stories made of the same
// unchanged documents keep their timelines and summaries. Storylines and
// stories keep their ids from the stored analysis (see assignIDs).
func (e *Engine) Recompute(ctx context.Context, st Store) (*model.Analysis, Stats, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var stats Stats
	var rep model.IngestReport
	if err := e.refresh(ctx, st, &rep); err != nil {
		return nil, stats, err
	}
	stats.Reanalysed, stats.Failed = rep.Reanalysed, rep.Failed
	work, read, err := e.collect(ctx, st)
	if err != nil {
		return nil, stats, fmt.Errorf("reading the store: %w", err)
	}
	like, err := e.previousStorylines(ctx, st)
	if err != nil {
		return nil, stats, fmt.Errorf("reading the stored analysis: %w", err)
	}
	var memoFrom *model.Analysis
	if e.cfg.Keep {
		memoFrom = e.prev
	}
	a, reuse := e.connect(work, memoFrom, like)
	if err := ctx.Err(); err != nil {
		return nil, stats, err
	}
	if err := st.PutAnalysis(ctx, a); err != nil {
		return nil, stats, fmt.Errorf("storing the analysis: %w", err)
	}
	if e.cfg.Keep {
		e.prev = a
	}
	stats.Documents, stats.Read, stats.Reuse = len(work), read, reuse
	return a, stats, nil
}

// AnalysisOf is the analysis of some stored documents alone (what
// `analyze` reports on: its inputs), with storyline and story ids taken
// from like where the groups are the same. Nothing is stored.
func (e *Engine) AnalysisOf(ctx context.Context, st Store, ids []string, like *model.Analysis) (*model.Analysis, error) {
	docs, err := readDocs(ctx, st, ids, false)
	if err != nil {
		return nil, fmt.Errorf("reading the store: %w", err)
	}
	var prev []model.Storyline
	if like != nil {
		prev = like.Storylines
	}
	a, _ := e.connect(docs, nil, prev)
	return a, nil
}

// Connect is the analysis of docs alone, without a store (evaluations,
// benchmarks, tests). Documents must have been through AnalyzeDoc; see
// connect for what it changes in them.
func (e *Engine) Connect(docs []*doc.Doc) *model.Analysis {
	a, _ := e.connect(docs, nil, nil)
	return a
}

// refresh analyses again, a batch at a time, the stored documents whose
// layers an older version of the stages made (and those stored before
// layers had versions), and stores them: the migration of layers.
func (e *Engine) refresh(ctx context.Context, st Store, rep *model.IngestReport) error {
	ids, err := st.Stale(ctx, LayersVersion)
	if err != nil {
		return fmt.Errorf("reading the store: %w", err)
	}
	for start := 0; start < len(ids); start += refreshBatch {
		docs, err := st.Docs(ctx, ids[start:min(start+refreshBatch, len(ids))])
		if err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
		for _, d := range docs {
			clearStageLayers(d)
		}
		ok, failed, err := e.analyze(ctx, docs)
		if err != nil {
			return err
		}
		if len(ok) > 0 {
			if _, _, _, err := st.PutDocs(ctx, ok); err != nil {
				return fmt.Errorf("storing documents analysed again: %w", err)
			}
		}
		rep.Reanalysed += len(ok)
		addFailures(rep, failed)
		e.remember(ok)
	}
	return nil
}

// remember keeps documents just stored for the next recompute, so that
// it need not read them back.
func (e *Engine) remember(docs []*doc.Doc) {
	keep := &e.fresh
	if e.cfg.Keep {
		keep = &e.kept
	}
	if *keep == nil {
		*keep = map[string]*doc.Doc{}
	}
	for _, d := range docs {
		(*keep)[d.ID] = d
	}
}

// collect returns every stored document for a recompute, as documents the
// cross-document stages may change, and how many it read from the store.
// With Keep it holds on to what it read (and gives out copies), reading
// again only documents whose hash changed; without, it uses the documents
// Ingest just stored and reads the rest.
func (e *Engine) collect(ctx context.Context, st Store) ([]*doc.Doc, int, error) {
	hashes, err := st.AllHashes(ctx)
	if err != nil {
		return nil, 0, err
	}
	held := e.fresh
	if e.cfg.Keep {
		held = e.kept
	}
	var work []*doc.Doc
	var need []string
	for id, h := range hashes {
		if d := held[id]; d != nil && d.Hash == h {
			work = append(work, d)
		} else {
			need = append(need, id)
		}
	}
	loaded, err := readDocs(ctx, st, need, len(need) == len(hashes))
	if err != nil {
		return nil, 0, err
	}
	work = append(work, loaded...)
	if !e.cfg.Keep {
		e.fresh = nil
		return work, len(loaded), nil
	}
	e.kept = make(map[string]*doc.Doc, len(work))
	for i, d := range work {
		e.kept[d.ID] = d
		work[i] = d.Clone() // connect changes what it is given
	}
	return work, len(loaded), nil
}

// readDocs reads documents by id, a thousand at a time (a store's query
// takes only so many), or all of them at once.
func readDocs(ctx context.Context, st Store, ids []string, all bool) ([]*doc.Doc, error) {
	if all {
		return st.Docs(ctx, nil)
	}
	var out []*doc.Doc
	for start := 0; start < len(ids); start += 1000 {
		ds, err := st.Docs(ctx, ids[start:min(start+1000, len(ids))])
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

// previousStorylines are the storylines whose ids a recompute keeps: the
// engine's last analysis, else the stored one.
func (e *Engine) previousStorylines(ctx context.Context, st Store) ([]model.Storyline, error) {
	if e.prev != nil {
		return e.prev.Storylines, nil
	}
	return st.Storylines(ctx)
}
