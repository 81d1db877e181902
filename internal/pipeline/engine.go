package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
)

// Engine analyses documents with one set of stages, models and options.
// It is safe for concurrent use: Ingest and Recompute run one at a time.
type Engine struct {
	cfg    Config
	stages []Stage

	mu    sync.Mutex          // one Ingest or Recompute at a time; guards what follows
	kept  map[string]*doc.Doc // with Keep: stored documents as read, without tokens
	fresh map[string]*doc.Doc // without Keep: analysed since the last Recompute
	prev  *model.Analysis     // with Keep: the last analysis made
}

// New builds an engine. A model that fails to load is an error here,
// never a silent fall-back to rules (Config.EntityRules and QuoteRules
// ask for the rules explicitly), and so is a stage list whose order
// cannot work.
func New(cfg Config) (*Engine, error) {
	ents, quotes, err := loadModels(cfg)
	if err != nil {
		return nil, err
	}
	list := stages(ents, quotes)
	if cfg.Stages != nil {
		list = cfg.Stages(list)
	}
	if err := checkStages(list); err != nil {
		return nil, err
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	return &Engine{cfg: cfg, stages: list}, nil
}

func loadModels(cfg Config) (*ner.Recognizer, *quote.Quoter, error) {
	ents, err := entityStage(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("loading the entity model: %w", err)
	}
	quotes, err := quoteStage(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("loading the attribution model: %w", err)
	}
	return ents, quotes, nil
}

// entityStage is the entity stage the configuration asks for: the rules
// alone, a model given, or the embedded one.
func entityStage(cfg Config) (*ner.Recognizer, error) {
	switch {
	case cfg.EntityRules:
		return ner.New(nil), nil
	case cfg.NERModel != nil:
		return ner.New(cfg.NERModel), nil
	}
	return ner.Default()
}

// quoteStage is the quote stage the configuration asks for.
func quoteStage(cfg Config) (*quote.Quoter, error) {
	switch {
	case cfg.QuoteRules:
		return quote.New(nil), nil
	case cfg.QuoteModel != nil:
		return quote.New(cfg.QuoteModel), nil
	}
	return quote.Default()
}

// Stages returns the engine's per-document stages, in order.
func (e *Engine) Stages() []Stage { return e.stages }

// Config returns what the engine was built from.
func (e *Engine) Config() Config { return e.cfg }

// StageError is a document a stage failed on. Its layers are then
// incomplete: it is never stored, and the next run tries it again.
type StageError struct {
	Doc, Origin, Stage string
	Cause              any
}

func (e *StageError) Error() string {
	return fmt.Sprintf("%s: stage %s failed: %v", e.Origin, e.Stage, e.Cause)
}

// Failure is the error as an ingestion report lists it.
func (e *StageError) Failure() model.Failure {
	return model.Failure{ID: e.Doc, Origin: e.Origin, Stage: e.Stage, Error: fmt.Sprint(e.Cause)}
}

// AnalyzeDoc runs every per-document stage on d. A panic in a stage is
// turned into a *StageError naming the document and the stage, so one bad
// article never takes a batch down.
func (e *Engine) AnalyzeDoc(d *doc.Doc) (err error) {
	stage := ""
	defer func() {
		if r := recover(); r != nil {
			err = &StageError{Doc: d.ID, Origin: d.Origin, Stage: stage, Cause: r}
		}
	}()
	if d.Hash == "" {
		d.Hash = ingest.ContentHash(d)
	}
	for _, s := range e.stages {
		stage = s.Name
		s.Run(d)
	}
	d.LayersVersion = LayersVersion
	return nil
}

// AnalyzeAll runs the per-document stages over docs on the engine's
// workers and returns each document's error in its place (nil when it
// went through). done, if not nil, is called with each document once its
// stages ran (from the worker goroutines, one call at a time). Documents
// not reached before ctx is done get ctx's error.
func (e *Engine) AnalyzeAll(ctx context.Context, docs []*doc.Doc, done func(*doc.Doc)) []error {
	errs := make([]error, len(docs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex // done is called one document at a time
	for w := 0; w < e.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if errs[i] = ctx.Err(); errs[i] != nil {
					continue
				}
				errs[i] = e.AnalyzeDoc(docs[i])
				if done != nil {
					mu.Lock()
					done(docs[i])
					mu.Unlock()
				}
			}
		}()
	}
	for i := range docs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return errs
}

// analyze runs the stages over documents about to be stored and sorts
// them into those that went through and the failures. A document's tokens
// are taken back once its stages ran: a store keeps none, the
// cross-document stages make them again while they read a document, and
// held for every document of a large run they were a third of its
// memory.
func (e *Engine) analyze(ctx context.Context, docs []*doc.Doc) ([]*doc.Doc, []model.Failure, error) {
	n := 0
	done := func(d *doc.Doc) {
		d.Tokens = nil
		n++
		if e.cfg.Progress != nil {
			e.cfg.Progress(n, len(docs))
		}
	}
	var ok []*doc.Doc
	var failed []model.Failure
	for i, err := range e.AnalyzeAll(ctx, docs, done) {
		switch se := err.(type) {
		case nil:
			ok = append(ok, docs[i])
		case *StageError:
			failed = append(failed, se.Failure())
		default:
			return nil, nil, err
		}
	}
	return ok, failed, nil
}
