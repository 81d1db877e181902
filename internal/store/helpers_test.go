package store

import (
	"database/sql"
	"os"
	"testing"
)

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

// pgSchema returns a URL for a fresh schema in the database named by
// STORYLINE_TEST_POSTGRES, dropped when the test ends, and a handle on it
// for checks in SQL. Without the variable the test is skipped.
func pgSchema(t testing.TB) (string, *sql.DB) {
	t.Helper()
	dsn := os.Getenv("STORYLINE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("STORYLINE_TEST_POSTGRES is not set (e.g. postgres://user:pw@localhost/db): PostgreSQL not tested")
	}
	url, drop, err := TempSchema(dsn)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(); drop() })
	return url, db
}
