package store

import (
	"fmt"
	"strings"
)

// Open selects a store from a --db value: a file path or ":memory:" for
// SQLite. PostgreSQL URLs are recognised and refused with a clear message
// until that store exists.
func Open(dsn string) (Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("--db %s: the PostgreSQL store is not available in this version; use a SQLite file path", redact(dsn))
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
