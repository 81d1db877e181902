package store

import (
	"net/url"
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

// Redact is a --db value as it may be printed: a URL's password, in its
// user part or as a password= parameter, is replaced by "…". Every message
// that names a store names it so.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return dsn
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "…")
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "…")
		u.RawQuery = q.Encode()
	}
	return strings.NewReplacer("%E2%80%A6", "…").Replace(u.String())
}
