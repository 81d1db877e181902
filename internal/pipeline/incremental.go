package pipeline

import (
	"context"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// Source is what Incremental reads: the stored documents (a store
// satisfies it).
type Source interface {
	// AllHashes returns the content hash of every document.
	AllHashes(ctx context.Context) (map[string]string, error)
	// Docs returns the documents with the given ids.
	Docs(ctx context.Context, ids []string) ([]*doc.Doc, error)
}

// Incremental recomputes the cross-document layers of a growing
// collection from what changed since its last update, for long-running
// processes (a worker, the server). It keeps the documents it has read and
// reads again only those whose hash is new, and it gives Reconnect its
// last analysis, so storylines and stories whose documents did not change
// keep their timelines and summaries. Grouping and entity resolution still
// run over all documents: one new article can join two storylines or
// rename an entity. An Incremental is not safe for concurrent use.
type Incremental struct {
	Options Options
	docs    map[string]*doc.Doc // as read, never given to Connect
	prev    *model.Analysis     // made by this process
}

// Stats say what an update did.
type Stats struct {
	Documents int // in the analysis
	Read      int // read from the source this time
	Reuse
}

// Update returns the analysis of every document in src.
func (in *Incremental) Update(ctx context.Context, src Source) (*model.Analysis, Stats, error) {
	var st Stats
	hashes, err := src.AllHashes(ctx)
	if err != nil {
		return nil, st, err
	}
	if in.docs == nil {
		in.docs = map[string]*doc.Doc{}
	}
	var changed []string
	for id, h := range hashes {
		if d := in.docs[id]; d == nil || d.Hash != h {
			changed = append(changed, id)
		}
	}
	for id := range in.docs {
		if _, ok := hashes[id]; !ok {
			delete(in.docs, id)
		}
	}
	if len(changed) > 0 {
		loaded, err := src.Docs(ctx, changed)
		if err != nil {
			return nil, st, err
		}
		for _, d := range loaded {
			in.docs[d.ID] = d
		}
	}
	// Connect changes what it is given; the kept documents stay as read.
	work := make([]*doc.Doc, 0, len(in.docs))
	for _, d := range in.docs {
		work = append(work, d.Clone())
	}
	a, reuse := Reconnect(work, in.prev, in.Options)
	in.prev = a
	return a, Stats{Documents: len(work), Read: len(changed), Reuse: reuse}, nil
}
