package store

import (
	"strings"
)

// Open selects a store from a --db value: a postgres:// URL for
// PostgreSQL, else a file path or ":memory:" for SQLite.
func Open(dsn string) (Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return OpenPostgres(dsn)
	}
	return OpenSQLite(dsn)
}

func redact(dsn string) string {
	if at := strings.LastIndexByte(dsn, '@'); at > 0 {
		if i := strings.Index(dsn, "://"); i > 0 {
			return dsn[:i+3] + "…" + dsn[at:]
		}
	}
	return dsn
}
