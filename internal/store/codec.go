package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// What both stores write and read, in one place: a document's layers and
// the analysis, as JSON.

// encodeLayers is a document's layers as stored. Tokens are cheap to
// recompute and make up most of a document's layers: they are not stored
// (the pipeline re-segments on load).
func encodeLayers(d *doc.Doc) (string, error) {
	slim := *d
	slim.Tokens = nil
	b, err := json.Marshal(&slim)
	if err != nil {
		return "", fmt.Errorf("document %s: %w", d.ID, err)
	}
	return string(b), nil
}

// scanDocs reads rows of one column, the stored layers, into documents.
func scanDocs(rows *sql.Rows, err error) ([]*doc.Doc, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*doc.Doc
	for rows.Next() {
		var layers string
		if err := rows.Scan(&layers); err != nil {
			return nil, err
		}
		d := &doc.Doc{}
		if err := json.Unmarshal([]byte(layers), d); err != nil {
			return nil, fmt.Errorf("stored document is corrupt: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// The analysis is stored as a head (everything but its long lists) and
// parts of at most partSize items of one list each. Encoded whole, the
// analysis of 100,000 articles is gigabytes of JSON, and encoding,
// copying and binding it as one value tripled that in peak memory; part
// by part, only one part's JSON exists at a time. A store written before
// parts existed holds the whole analysis in the head, which reads the
// same.
const partSize = 2000

// encodeAnalysis calls part with each part's JSON, in order, and returns
// the head's.
func encodeAnalysis(a *model.Analysis, part func(n int, body []byte) error) ([]byte, error) {
	n := 0
	emit := func(p *model.Analysis) error {
		b, err := json.Marshal(p)
		if err != nil {
			return err
		}
		err = part(n, b)
		n++
		return err
	}
	for _, f := range []func() error{
		func() error {
			return chunk(a.Documents, func(c []model.Document) error { return emit(&model.Analysis{Documents: c}) })
		},
		func() error {
			return chunk(a.Entities, func(c []model.Entity) error { return emit(&model.Analysis{Entities: c}) })
		},
		func() error {
			return chunk(a.Quotes, func(c []model.Quote) error { return emit(&model.Analysis{Quotes: c}) })
		},
		func() error {
			return chunk(a.Times, func(c []model.Time) error { return emit(&model.Analysis{Times: c}) })
		},
		func() error {
			return chunk(a.Quantities, func(c []model.Quantity) error { return emit(&model.Analysis{Quantities: c}) })
		},
		func() error {
			return chunk(a.Events, func(c []model.Event) error { return emit(&model.Analysis{Events: c}) })
		},
		func() error {
			return chunk(a.Storylines, func(c []model.Storyline) error { return emit(&model.Analysis{Storylines: c}) })
		},
	} {
		if err := f(); err != nil {
			return nil, err
		}
	}
	head := model.Analysis{Schema: a.Schema, Generated: a.Generated}
	return json.Marshal(&head)
}

func chunk[T any](list []T, f func([]T) error) error {
	for i := 0; i < len(list); i += partSize {
		if err := f(list[i:min(i+partSize, len(list))]); err != nil {
			return err
		}
	}
	return nil
}

// putAnalysis replaces the stored analysis in one transaction: the parts,
// then the head. The stores differ only in their SQL: insertPart takes
// (part, body), upsertHead (schema, body, extra...); body converts a part's
// JSON to what the store's text column takes.
func putAnalysis(ctx context.Context, db *sql.DB, a *model.Analysis, insertPart, upsertHead string, body func([]byte) any, extra ...any) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM analysis_parts`); err != nil {
		return err
	}
	head, err := encodeAnalysis(a, func(n int, part []byte) error {
		_, err := tx.ExecContext(ctx, insertPart, n, body(part))
		return err
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, upsertHead, append([]any{a.Schema, body(head)}, extra...)...); err != nil {
		return err
	}
	return tx.Commit()
}

// readAnalysis reads the stored analysis: the head, then the parts in
// order, if any (both stores use the same SQL).
func readAnalysis(ctx context.Context, db *sql.DB) (*model.Analysis, error) {
	var body []byte // text or blob; scanned once, not copied again as a string
	err := db.QueryRowContext(ctx, `SELECT body FROM analysis WHERE id = 1`).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoAnalysis
	}
	if err != nil {
		return nil, err
	}
	a := &model.Analysis{}
	if err := json.Unmarshal(body, a); err != nil {
		return nil, fmt.Errorf("stored analysis is corrupt: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT body FROM analysis_parts ORDER BY part`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		var p model.Analysis
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, fmt.Errorf("stored analysis is corrupt: %w", err)
		}
		a.Documents = append(a.Documents, p.Documents...)
		a.Entities = append(a.Entities, p.Entities...)
		a.Quotes = append(a.Quotes, p.Quotes...)
		a.Times = append(a.Times, p.Times...)
		a.Quantities = append(a.Quantities, p.Quantities...)
		a.Events = append(a.Events, p.Events...)
		a.Storylines = append(a.Storylines, p.Storylines...)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Lists are never null in the analysis JSON.
	a.Documents = nonNil(a.Documents)
	a.Entities = nonNil(a.Entities)
	a.Quotes = nonNil(a.Quotes)
	a.Times = nonNil(a.Times)
	a.Quantities = nonNil(a.Quantities)
	a.Events = nonNil(a.Events)
	a.Storylines = nonNil(a.Storylines)
	return a, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// scanHashes reads rows of (id, hash).
func scanHashes(rows *sql.Rows, err error) (map[string]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		out[id] = h
	}
	return out, rows.Err()
}
