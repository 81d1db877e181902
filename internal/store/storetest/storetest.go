// Package storetest gives tests a PostgreSQL database of their own.
package storetest

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Postgres returns a URL for a fresh schema in the database named by
// STORYLINE_TEST_POSTGRES, dropped when the test ends, and a handle on
// that schema (for checks in SQL). Without the variable the test is skipped
// with a message.
func Postgres(t testing.TB) (string, *sql.DB) {
	t.Helper()
	dsn := os.Getenv("STORYLINE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("STORYLINE_TEST_POSTGRES is not set (e.g. postgres://user:pw@localhost/db): PostgreSQL not tested")
	}
	schema := fmt.Sprintf("t_%d_%d", os.Getpid(), time.Now().UnixNano())
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	url := dsn + sep + "search_path=" + schema
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	return url, db
}
