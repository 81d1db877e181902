package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// Postgres is the store on PostgreSQL, for a store several machines share.
// It keeps the same tables as SQLite; full-text search uses a generated
// tsvector column with a GIN index.
type Postgres struct {
	db *sql.DB
}

var pgMigrations = []string{
	// 1: documents, layers, full-text index, analysis.
	`CREATE TABLE documents (
		id TEXT PRIMARY KEY,
		hash TEXT NOT NULL,
		title TEXT NOT NULL DEFAULT '',
		source TEXT NOT NULL DEFAULT '',
		url TEXT NOT NULL DEFAULT '',
		published TEXT NOT NULL DEFAULT '',
		published_inferred BOOLEAN NOT NULL DEFAULT false,
		origin TEXT NOT NULL DEFAULT '',
		text TEXT NOT NULL,
		layers TEXT NOT NULL,
		added_at TIMESTAMPTZ NOT NULL,
		updated_at TIMESTAMPTZ NOT NULL,
		tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'B')) STORED
	);
	CREATE INDEX documents_published ON documents(published);
	CREATE INDEX documents_source ON documents(source);
	CREATE INDEX documents_tsv ON documents USING GIN (tsv);
	CREATE TABLE analysis (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		schema TEXT NOT NULL,
		body TEXT NOT NULL,
		updated_at TIMESTAMPTZ NOT NULL
	);`,
	// 2: a queue of documents to analyse, shared by worker processes.
	`CREATE TABLE jobs (
		id BIGSERIAL PRIMARY KEY,
		doc_id TEXT NOT NULL,
		payload TEXT NOT NULL,
		status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
		attempts INTEGER NOT NULL DEFAULT 0,
		error TEXT NOT NULL DEFAULT '',
		created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
		claimed_at TIMESTAMPTZ,
		done_at TIMESTAMPTZ
	);
	CREATE INDEX jobs_queued ON jobs(id) WHERE status IN ('queued', 'running');
	CREATE TABLE analysis_state (id INTEGER PRIMARY KEY CHECK (id = 1), dirty BOOLEAN NOT NULL);
	INSERT INTO analysis_state VALUES (1, false);`,
	// 3: the analysis in parts (see encodeAnalysis).
	`CREATE TABLE analysis_parts (part INTEGER PRIMARY KEY, body TEXT NOT NULL);`,
	// 4: the version of the stages that made a document's layers (see
	// the SQLite migration of the same number).
	`ALTER TABLE documents ADD COLUMN layers_version INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX documents_layers_version ON documents(layers_version);
	ALTER TABLE analysis_parts ADD COLUMN list TEXT NOT NULL DEFAULT '';`,
	// 5: a job's content hash in a column of its own (finding a queued
	// copy never parses payloads, one of which may be unreadable), and a
	// generation counted up by every write of documents, so that a
	// recompute clears the out-of-date mark only if nothing was stored
	// while it ran, and only once its analysis is stored.
	`ALTER TABLE jobs ADD COLUMN hash TEXT NOT NULL DEFAULT '';
	UPDATE jobs SET hash = COALESCE(substring(payload from '"[Hh]ash":"([^"]*)"'), '');
	CREATE INDEX jobs_doc ON jobs(doc_id, hash) WHERE status IN ('queued', 'running');
	ALTER TABLE analysis_state ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;`,
}

// OpenPostgres connects to a PostgreSQL URL and applies migrations.
func OpenPostgres(dsn string) (*Postgres, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	s := &Postgres{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	return s, nil
}

func (s *Postgres) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// One migrator at a time across processes.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7201561)`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
		return err
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	}
	if current > len(pgMigrations) {
		return fmt.Errorf("database schema version %d is newer than this program (%d): upgrade storyline", current, len(pgMigrations))
	}
	for v := current + 1; v <= len(pgMigrations); v++ {
		if _, err := tx.ExecContext(ctx, pgMigrations[v-1]); err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES ($1, now())`, v); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Close implements Store.
func (s *Postgres) Close() error { return s.db.Close() }

// Hashes implements Store.
func (s *Postgres) Hashes(ctx context.Context, ids []string) (map[string]string, error) {
	if len(ids) == 0 {
		return map[string]string{}, nil
	}
	return scanHashes(s.db.QueryContext(ctx, `SELECT id, hash FROM documents WHERE id = ANY($1)`, ids))
}

// AllHashes implements Store.
func (s *Postgres) AllHashes(ctx context.Context) (map[string]string, error) {
	return scanHashes(s.db.QueryContext(ctx, `SELECT id, hash FROM documents`))
}

// PutDocs implements Store: one transaction, documents unchanged by hash
// left alone.
func (s *Postgres) PutDocs(ctx context.Context, docs []*doc.Doc) (added, updated, unchanged int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	defer tx.Rollback()
	added, updated, unchanged, err = putDocs(ctx, tx, docs)
	if err != nil {
		return 0, 0, 0, err
	}
	if added+updated > 0 {
		// Workers bring the analysis up to date when it is marked so.
		if _, err = tx.ExecContext(ctx, `UPDATE analysis_state SET dirty = true, generation = generation + 1 WHERE id = 1`); err != nil {
			return 0, 0, 0, err
		}
	}
	if err = tx.Commit(); err != nil {
		return 0, 0, 0, err
	}
	return added, updated, unchanged, nil
}

// putDocs writes documents inside tx: unchanged ones (by hash) are left
// alone.
func putDocs(ctx context.Context, tx *sql.Tx, docs []*doc.Doc) (added, updated, unchanged int, err error) {
	for _, d := range docs {
		var old string
		var version int
		e := tx.QueryRowContext(ctx, `SELECT hash, layers_version FROM documents WHERE id = $1 FOR UPDATE`, d.ID).Scan(&old, &version)
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
		_, inferred, _ := d.Dated()
		if _, e := tx.ExecContext(ctx, `INSERT INTO documents (id, hash, title, source, url, published, published_inferred, origin, text, layers, layers_version, added_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())
			ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, title = excluded.title, source = excluded.source, url = excluded.url,
				published = excluded.published, published_inferred = excluded.published_inferred, origin = excluded.origin,
				text = excluded.text, layers = excluded.layers, layers_version = excluded.layers_version, updated_at = now()`,
			d.ID, d.Hash, d.Title, d.Source, d.URL, d.PublishedOut(), inferred, d.Origin, d.Text, layers, d.LayersVersion); e != nil {
			return 0, 0, 0, fmt.Errorf("document %s: %w", d.ID, e)
		}
	}
	return added, updated, unchanged, nil
}

// Docs implements Store.
func (s *Postgres) Docs(ctx context.Context, ids []string) ([]*doc.Doc, error) {
	if ids == nil {
		return scanDocs(s.db.QueryContext(ctx, `SELECT id, layers, layers_version FROM documents ORDER BY published, id`))
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return scanDocs(s.db.QueryContext(ctx, `SELECT id, layers, layers_version FROM documents WHERE id = ANY($1) ORDER BY published, id`, ids))
}

// Stale implements Store.
func (s *Postgres) Stale(ctx context.Context, version int) ([]string, error) {
	return scanIDs(s.db.QueryContext(ctx, `SELECT id FROM documents WHERE layers_version < $1 ORDER BY id`, version))
}

// Count implements Store.
func (s *Postgres) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents`).Scan(&n)
	return n, err
}

// PutAnalysis implements Store.
func (s *Postgres) PutAnalysis(ctx context.Context, a *model.Analysis) error {
	return putAnalysis(ctx, s.db, a, `INSERT INTO analysis_parts (part, list, body) VALUES ($1, $2, $3)`,
		`INSERT INTO analysis (id, schema, body, updated_at) VALUES (1, $1, $2, now())
		ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, body = excluded.body, updated_at = now()`, func(b []byte) any { return string(b) })
}

// Analysis implements Store.
func (s *Postgres) Analysis(ctx context.Context) (*model.Analysis, error) {
	return readAnalysis(ctx, s.db, "")
}

// Storylines implements Store: the storylines of the stored analysis
// alone, without reading its other parts.
func (s *Postgres) Storylines(ctx context.Context) ([]model.Storyline, error) {
	return readStorylines(ctx, s.db)
}

// Search implements Store with the tsvector index, ts_rank_cd ranking and
// ts_headline snippets marked with [ and ] as the SQLite store marks them.
func (s *Postgres) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title,
			ts_headline('english', text, q, 'StartSel=[, StopSel=], MaxWords=18, MinWords=8, MaxFragments=1, FragmentDelimiter=…'),
			ts_rank_cd(tsv, q)
		FROM documents, plainto_tsquery('english', $1) q
		WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT $2`, strings.Join(SearchTerms(query), " "), limit)
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
		out = append(out, h)
	}
	return out, rows.Err()
}

// Enqueue adds documents (as read, not yet analysed) to the job queue.
// Documents already stored with the same content hash, or already queued,
// are skipped. It returns how many were queued.
func (s *Postgres) Enqueue(ctx context.Context, docs []*doc.Doc) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	n := 0
	for _, d := range docs {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1 AND hash = $2)
			OR EXISTS (SELECT 1 FROM jobs WHERE doc_id = $1 AND status IN ('queued', 'running') AND hash = $2)`, d.ID, d.Hash).Scan(&exists); err != nil {
			return 0, err
		}
		if exists {
			continue
		}
		payload, err := encodeDoc(d)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO jobs (doc_id, hash, payload) VALUES ($1, $2, $3)`, d.ID, d.Hash, string(payload)); err != nil {
			return 0, err
		}
		n++
	}
	return n, tx.Commit()
}

// Job is a claimed document to analyse.
type Job struct {
	ID  int64
	Doc *doc.Doc
}

// Claim takes up to n queued jobs for this worker: FOR UPDATE SKIP LOCKED,
// so concurrent workers never take the same job. Jobs claimed longer than
// lease ago by a worker that died are taken again.
func (s *Postgres) Claim(ctx context.Context, n int, lease time.Duration) ([]Job, error) {
	rows, err := s.db.QueryContext(ctx, `UPDATE jobs SET status = 'running', claimed_at = now(), attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM jobs
			WHERE status = 'queued' OR (status = 'running' AND claimed_at < now() - make_interval(secs => $2))
			ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
		RETURNING id, payload`, n, lease.Seconds())
	if err != nil {
		return nil, err
	}
	var out []Job
	bad := map[int64]string{}
	for rows.Next() {
		var j Job
		var payload string
		if err := rows.Scan(&j.ID, &payload); err != nil {
			rows.Close()
			return nil, err
		}
		j.Doc = &doc.Doc{}
		if err := json.Unmarshal([]byte(payload), j.Doc); err != nil {
			bad[j.ID] = fmt.Sprintf("job %d: unreadable payload: %v", j.ID, err)
			continue
		}
		out = append(out, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// A payload that does not read fails its own job, not the batch.
	for id, msg := range bad {
		if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'failed', error = $2, done_at = now() WHERE id = $1`, id, msg); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Complete stores the analysed documents of claimed jobs and marks the
// jobs done in one transaction, so a document is stored exactly when its
// job is done. failed maps document ids to their error: those jobs are
// marked failed (and their documents are not among docs).
func (s *Postgres) Complete(ctx context.Context, jobs []Job, docs []*doc.Doc, failed map[string]string) (added, updated, unchanged int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	defer tx.Rollback()
	if added, updated, unchanged, err = putDocs(ctx, tx, docs); err != nil {
		return 0, 0, 0, err
	}
	for _, j := range jobs {
		if msg, bad := failed[j.Doc.ID]; bad {
			_, err = tx.ExecContext(ctx, `UPDATE jobs SET status = 'failed', error = $2, done_at = now() WHERE id = $1`, j.ID, msg)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE jobs SET status = 'done', done_at = now() WHERE id = $1`, j.ID)
		}
		if err != nil {
			return 0, 0, 0, err
		}
	}
	if added+updated > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE analysis_state SET dirty = true, generation = generation + 1 WHERE id = 1`); err != nil {
			return 0, 0, 0, err
		}
	}
	return added, updated, unchanged, tx.Commit()
}

// Pending counts jobs not yet done.
func (s *Postgres) Pending(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')`).Scan(&n)
	return n, err
}

// WithAnalysisLock runs f when the stored analysis is out of date and no
// other worker is recomputing it (a PostgreSQL advisory lock): f
// recomputes the cross-document layers and stores the analysis. The
// out-of-date mark is cleared only after f succeeded, and only if no
// document was stored while it ran (the generation did not move): a
// worker killed during its recompute leaves the mark for the next one,
// and documents stored meanwhile are not forgotten. It reports whether f
// ran.
func (s *Postgres) WithAnalysisLock(ctx context.Context, f func(ctx context.Context) error) (bool, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(7201562)`).Scan(&got); err != nil || !got {
		return false, err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(7201562)`)
	var dirty bool
	var gen int64
	if err := conn.QueryRowContext(ctx, `SELECT dirty, generation FROM analysis_state WHERE id = 1`).Scan(&dirty, &gen); err != nil || !dirty {
		return false, err
	}
	if err := f(ctx); err != nil {
		return true, err // still marked: the next worker tries again
	}
	_, err = conn.ExecContext(ctx, `UPDATE analysis_state SET dirty = false WHERE id = 1 AND generation = $1`, gen)
	return true, err
}

// TempSchema makes a schema of its own in the PostgreSQL database dsn
// names and returns a URL that works in it, and what drops it with all it
// holds: a benchmark or a test then never touches the database's own
// tables nor leaves any behind.
func TempSchema(dsn string) (url string, drop func(), err error) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	schema := fmt.Sprintf("storyline_tmp_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema, func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	}, nil
}
