package store

import (
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

// decodeAnalysis reads the stored analysis body from row.
func decodeAnalysis(row *sql.Row) (*model.Analysis, error) {
	var body []byte // text or blob; scanned once, not copied again as a string
	err := row.Scan(&body)
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
	return a, nil
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
