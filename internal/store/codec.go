package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// What both stores write and read, in one place: a document's layers and
// the analysis, as JSON.

// encodeLayers is a document's layers as stored (without tokens: json:"-"
// on doc.Doc; the pipeline segments again on load). What it returns is
// checked to read back: a store must never hold a row that every later
// read fails on.
func encodeLayers(d *doc.Doc) (string, error) {
	b, err := encodeDoc(d)
	return string(b), err
}

// encodeDoc is d as JSON, refused when it could not be stored and read
// back: a NUL character (PostgreSQL text cannot hold one, and ingest
// removes them), or JSON the decoder refuses (nested too deeply).
func encodeDoc(d *doc.Doc) ([]byte, error) {
	if f := nulField(d); f != "" {
		return nil, fmt.Errorf("document %s: its %s holds a NUL character, which no store keeps", d.ID, f)
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", d.ID, err)
	}
	if !json.Valid(b) {
		return nil, fmt.Errorf("document %s: its JSON would not read back (metadata nested too deeply?)", d.ID)
	}
	return b, nil
}

// nulField names the first field of d holding a NUL character, or "".
// The layers' strings are pieces of the text, so the text and metadata
// are what can hold one.
func nulField(d *doc.Doc) string {
	for _, f := range []struct{ name, v string }{{"id", d.ID}, {"title", d.Title}, {"source", d.Source}, {"url", d.URL},
		{"author", d.Author}, {"published", d.Published}, {"origin", d.Origin}, {"hash", d.Hash}, {"text", d.Text}} {
		if strings.IndexByte(f.v, 0) >= 0 {
			return f.name
		}
	}
	if hasNUL(d.Meta) {
		return "metadata"
	}
	return ""
}

func hasNUL(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.IndexByte(v, 0) >= 0
	case map[string]any:
		for k, x := range v {
			if strings.IndexByte(k, 0) >= 0 || hasNUL(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasNUL(x) {
				return true
			}
		}
	}
	return false
}

// scanDocs reads rows of (id, layers, layers version) into documents.
func scanDocs(rows *sql.Rows, err error) ([]*doc.Doc, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*doc.Doc
	for rows.Next() {
		var id, layers string
		var version int
		if err := rows.Scan(&id, &layers, &version); err != nil {
			return nil, err
		}
		d, err := decodeLayers([]byte(layers), version)
		if err != nil {
			return nil, fmt.Errorf("stored document %s is corrupt: %w", id, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// decodeLayers reads a stored document. Rows written before layers had a
// version (0) were encoded with Go's field names and a publication date
// the dating stage may have filled in: they come back with what ingest
// gave (text, credits, metadata) and the date as the metadata gave it,
// for the pipeline to analyse again (see pipeline.Engine), since their
// other layers would not decode faithfully.
func decodeLayers(b []byte, version int) (*doc.Doc, error) {
	d := &doc.Doc{}
	if err := json.Unmarshal(b, d); err != nil {
		return nil, err
	}
	d.LayersVersion = version
	if version > 0 {
		return d, nil
	}
	var old struct {
		PublishedInferred bool
		PublishedEvidence string
	}
	if err := json.Unmarshal(b, &old); err != nil {
		return nil, err
	}
	if old.PublishedInferred || old.PublishedEvidence != "" {
		d.Published = "" // the dating stage's, not the metadata's
	}
	*d = doc.Doc{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Author: d.Author, Published: d.Published,
		Meta: d.Meta, Origin: d.Origin, Hash: d.Hash, Text: d.Text, Credits: d.Credits}
	return d, nil
}

// The analysis is stored as a head (everything but its long lists) and
// parts of at most partSize items of one list each. Encoded whole, the
// analysis of 100,000 articles is gigabytes of JSON, and encoding,
// copying and binding it as one value tripled that in peak memory; part
// by part, only one part's JSON exists at a time. A store written before
// parts existed holds the whole analysis in the head, which reads the
// same.
const partSize = 2000

// encodeAnalysis calls part with each part's JSON, in order (with the
// name of the list it holds), and returns the head's.
func encodeAnalysis(a *model.Analysis, part func(n int, list string, body []byte) error) ([]byte, error) {
	n := 0
	for _, l := range model.Lists {
		for from := 0; from < l.Len(a); from += partSize {
			b, err := json.Marshal(l.Part(a, from, min(from+partSize, l.Len(a))))
			if err != nil {
				return nil, err
			}
			if err := part(n, l.Name, b); err != nil {
				return nil, err
			}
			n++
		}
	}
	head := model.Analysis{Schema: a.Schema, Generated: a.Generated}
	return json.Marshal(&head)
}

// putAnalysis replaces the stored analysis in one transaction: the parts,
// then the head. The stores differ only in their SQL: insertPart takes
// (part, list, body), upsertHead (schema, body, extra...); body converts
// a part's JSON to what the store's text column takes.
func putAnalysis(ctx context.Context, db *sql.DB, a *model.Analysis, insertPart, upsertHead string, body func([]byte) any, extra ...any) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM analysis_parts`); err != nil {
		return err
	}
	head, err := encodeAnalysis(a, func(n int, list string, part []byte) error {
		if !json.Valid(part) {
			return fmt.Errorf("part %d (%s) of the analysis would not read back", n, list)
		}
		_, err := tx.ExecContext(ctx, insertPart, n, list, body(part))
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
// order, if any (both stores use the same SQL). With only set, it reads
// the parts of that list alone (and of parts written before parts were
// named) and returns an analysis holding that list.
func readAnalysis(ctx context.Context, db *sql.DB, only string) (*model.Analysis, error) {
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
	q := `SELECT body FROM analysis_parts ORDER BY part`
	if only != "" {
		if model.ListNamed(only) == nil {
			return nil, fmt.Errorf("no list %q in an analysis", only)
		}
		// A list's name, never user input: the one query both stores take.
		q = `SELECT body FROM analysis_parts WHERE list = '' OR list = '` + only + `' ORDER BY part`
	}
	rows, err := db.QueryContext(ctx, q)
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
		for _, l := range model.Lists {
			l.Append(a, &p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if only != "" {
		l := model.ListNamed(only)
		part := l.Part(a, 0, l.Len(a))
		part.Schema, part.Generated, a = a.Schema, a.Generated, part
	}
	model.EnsureLists(a)
	return a, nil
}

// readStorylines reads the storylines of the stored analysis alone; none
// before anything was analysed.
func readStorylines(ctx context.Context, db *sql.DB) ([]model.Storyline, error) {
	a, err := readAnalysis(ctx, db, "storylines")
	if errors.Is(err, ErrNoAnalysis) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return a.Storylines, nil
}

// scanIDs reads rows of one column, an id.
func scanIDs(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
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
