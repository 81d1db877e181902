package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver with FTS5

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// SQLite is the embedded default store.
type SQLite struct {
	db *sql.DB
}

// migrations are applied in order, each in its own transaction; the
// schema_migrations table records which ran. Never edit a released entry:
// add a new one.
var migrations = []string{
	// 1: documents, layers, full-text index, analysis.
	`CREATE TABLE documents (
		id TEXT PRIMARY KEY,
		hash TEXT NOT NULL,
		title TEXT NOT NULL DEFAULT '',
		source TEXT NOT NULL DEFAULT '',
		url TEXT NOT NULL DEFAULT '',
		published TEXT NOT NULL DEFAULT '',
		published_inferred INTEGER NOT NULL DEFAULT 0,
		origin TEXT NOT NULL DEFAULT '',
		text TEXT NOT NULL,
		layers TEXT NOT NULL,
		added_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE INDEX documents_published ON documents(published);
	CREATE INDEX documents_source ON documents(source);
	CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
	CREATE TABLE analysis (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		schema TEXT NOT NULL,
		body TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);`,
	// 2: the full-text row of a document shares its rowid, so replacing it
	// is a look-up, not a scan of the whole index (which made storing n
	// documents cost n²).
	`DELETE FROM documents_fts;
	INSERT INTO documents_fts (rowid, id, title, text) SELECT rowid, id, title, text FROM documents;`,
	// 3: the analysis in parts (see encodeAnalysis).
	`CREATE TABLE analysis_parts (part INTEGER PRIMARY KEY, body BLOB NOT NULL);`,
	// 4: the version of the stages that made a document's layers; rows
	// of an older version are analysed again (see pipeline.Engine).
	`ALTER TABLE documents ADD COLUMN layers_version INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX documents_layers_version ON documents(layers_version);
	ALTER TABLE analysis_parts ADD COLUMN list TEXT NOT NULL DEFAULT '';`,
}

// OpenSQLite opens (creating if needed) the database at path; ":memory:"
// gives a private in-memory store. The path is a file name, whatever it
// holds: "q?x.db" is a file of that name, not "q" with options.
func OpenSQLite(path string) (*SQLite, error) {
	dsn := "file::memory:?"
	if path != ":memory:" {
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&"
	}
	dsn += "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if path == ":memory:" {
		// One connection: each in-memory connection would be its own database.
		db.SetMaxOpenConns(1)
	}
	s := &SQLite{db: db}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

func (s *SQLite) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("not a Storyline database or not writable: %w", err)
	}
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	}
	if current > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this program (%d): upgrade storyline", current, len(migrations))
	}
	for v := current + 1; v <= len(migrations); v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, v, now()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
	}
	return nil
}

// SchemaVersion returns the applied schema version.
func (s *SQLite) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }

// Hashes implements Store.
func (s *SQLite) Hashes(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(ids); start += 500 {
		end := min(start+500, len(ids))
		chunk := ids[start:end]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		q := `SELECT id, hash FROM documents WHERE id IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, h string
			if err := rows.Scan(&id, &h); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PutDocs implements Store.
func (s *SQLite) PutDocs(ctx context.Context, docs []*doc.Doc) (added, updated, unchanged int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	ts := now()
	for _, d := range docs {
		var old string
		var version int
		e := tx.QueryRowContext(ctx, `SELECT hash, layers_version FROM documents WHERE id = ?`, d.ID).Scan(&old, &version)
		switch {
		case e == nil && old == d.Hash && version == d.LayersVersion:
			unchanged++
			continue
		case e == nil:
			updated++
		case errors.Is(e, sql.ErrNoRows):
			added++
		default:
			return 0, 0, 0, e
		}
		layers, e := encodeLayers(d)
		if e != nil {
			return 0, 0, 0, e
		}
		inferred := 0
		if _, inf, _ := d.Dated(); inf {
			inferred = 1
		}
		if _, e := tx.ExecContext(ctx, `INSERT INTO documents (id, hash, title, source, url, published, published_inferred, origin, text, layers, layers_version, added_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, title = excluded.title, source = excluded.source, url = excluded.url,
				published = excluded.published, published_inferred = excluded.published_inferred, origin = excluded.origin,
				text = excluded.text, layers = excluded.layers, layers_version = excluded.layers_version, updated_at = excluded.updated_at`,
			d.ID, d.Hash, d.Title, d.Source, d.URL, d.PublishedOut(), inferred, d.Origin, d.Text, layers, d.LayersVersion, ts, ts); e != nil {
			return 0, 0, 0, fmt.Errorf("document %s: %w", d.ID, e)
		}
		var rowid int64
		if e := tx.QueryRowContext(ctx, `SELECT rowid FROM documents WHERE id = ?`, d.ID).Scan(&rowid); e != nil {
			return 0, 0, 0, e
		}
		if _, e := tx.ExecContext(ctx, `DELETE FROM documents_fts WHERE rowid = ?`, rowid); e != nil {
			return 0, 0, 0, e
		}
		if _, e := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, id, title, text) VALUES (?, ?, ?, ?)`, rowid, d.ID, d.Title, d.Text); e != nil {
			return 0, 0, 0, e
		}
	}
	if err = tx.Commit(); err != nil {
		return 0, 0, 0, err
	}
	return added, updated, unchanged, nil
}

// Docs implements Store.
func (s *SQLite) Docs(ctx context.Context, ids []string) ([]*doc.Doc, error) {
	q := `SELECT id, layers, layers_version FROM documents ORDER BY published, id`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return nil, nil
		}
		q = `SELECT id, layers, layers_version FROM documents WHERE id IN (?` + strings.Repeat(",?", len(ids)-1) + `) ORDER BY published, id`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	return scanDocs(s.db.QueryContext(ctx, q, args...))
}

// Stale implements Store.
func (s *SQLite) Stale(ctx context.Context, version int) ([]string, error) {
	return scanIDs(s.db.QueryContext(ctx, `SELECT id FROM documents WHERE layers_version < ? ORDER BY id`, version))
}

// AllHashes implements Store.
func (s *SQLite) AllHashes(ctx context.Context) (map[string]string, error) {
	return scanHashes(s.db.QueryContext(ctx, `SELECT id, hash FROM documents`))
}

// Count implements Store.
func (s *SQLite) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents`).Scan(&n)
	return n, err
}

// PutAnalysis implements Store.
func (s *SQLite) PutAnalysis(ctx context.Context, a *model.Analysis) error {
	// Bytes, not a copy as a string: a part is bound as it was encoded.
	asBytes := func(b []byte) any { return b }
	return putAnalysis(ctx, s.db, a, `INSERT INTO analysis_parts (part, list, body) VALUES (?, ?, ?)`,
		`INSERT INTO analysis (id, schema, body, updated_at) VALUES (1, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET schema = excluded.schema, body = excluded.body, updated_at = excluded.updated_at`, asBytes, now())
}

// Analysis implements Store.
func (s *SQLite) Analysis(ctx context.Context) (*model.Analysis, error) {
	return readAnalysis(ctx, s.db, "")
}

// Storylines implements Store: the storylines of the stored analysis
// alone, without reading its other parts.
func (s *SQLite) Storylines(ctx context.Context) ([]model.Storyline, error) {
	return readStorylines(ctx, s.db)
}

// Search implements Store with FTS5 and bm25 ranking.
func (s *SQLite) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, snippet(documents_fts, 2, '[', ']', '…', 12), bm25(documents_fts)
		FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?`, ftsQuery(query), limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Title, &h.Snippet, &h.Score); err != nil {
			return nil, err
		}
		h.Score = -h.Score
		out = append(out, h)
	}
	return out, rows.Err()
}

// ftsQuery turns free text into an FTS5 query of quoted terms, so user
// input never breaks the query syntax.
func ftsQuery(q string) string {
	var terms []string
	for _, w := range SearchTerms(q) {
		w = strings.ReplaceAll(w, `"`, `""`)
		terms = append(terms, `"`+w+`"`)
	}
	if len(terms) == 0 {
		return `""`
	}
	return strings.Join(terms, " ")
}
