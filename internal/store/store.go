// Package store owns all persistence: documents with their annotation
// layers, the cross-document analysis, and full-text search. Every write is
// one transaction, so a failure (or a kill) leaves the store as it was;
// writing the same document twice is a no-op.
package store

import (
	"context"
	"errors"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// Store is what the CLI, the API and the pipeline need from a database.
type Store interface {
	// Hashes returns the stored content hash of each given id that exists.
	Hashes(ctx context.Context, ids []string) (map[string]string, error)
	// AllHashes returns the content hash of every stored document (what
	// an incremental recompute compares with the documents it holds).
	AllHashes(ctx context.Context) (map[string]string, error)
	// PutDocs stores analysed documents in one transaction. Documents whose
	// id and hash are already stored are left alone (unchanged counts them).
	PutDocs(ctx context.Context, docs []*doc.Doc) (added, updated, unchanged int, err error)
	// Docs returns stored documents with their layers; nil ids means all.
	Docs(ctx context.Context, ids []string) ([]*doc.Doc, error)
	// Stale returns the ids of the documents whose layers were made by
	// stages older than version (to be analysed again).
	Stale(ctx context.Context, version int) ([]string, error)
	// Count returns the number of stored documents.
	Count(ctx context.Context) (int, error)
	// PutAnalysis replaces the stored cross-document analysis.
	PutAnalysis(ctx context.Context, a *model.Analysis) error
	// Analysis returns the stored analysis, or ErrNoAnalysis.
	Analysis(ctx context.Context) (*model.Analysis, error)
	// Storylines returns the storylines of the stored analysis alone
	// (their ids, documents and stories are what a recompute keeps ids
	// from); none before anything was analysed.
	Storylines(ctx context.Context) ([]model.Storyline, error)
	// Search runs a full-text query over titles and texts.
	Search(ctx context.Context, query string, limit int) ([]Hit, error)
	Close() error
}

// Hit is one search result.
type Hit struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

// MaxSearchTerms is how many distinct words a search uses: the cost of a
// full-text query grows with the square of its terms, and a GET anyone's
// page can trigger must stay cheap.
const MaxSearchTerms = 16

// SearchTerms are the words a query searches for: distinct (ignoring
// case), at most MaxSearchTerms, each at most 64 bytes.
func SearchTerms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(q) {
		if len(w) > 64 {
			w = w[:64]
		}
		if k := strings.ToLower(w); !seen[k] && len(out) < MaxSearchTerms {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}

// ErrNoAnalysis is returned before anything was analysed.
var ErrNoAnalysis = errors.New("no analysis stored yet")
