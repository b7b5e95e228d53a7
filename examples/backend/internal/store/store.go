// Package store keeps the backend's state behind database/sql: SQLite
// (modernc.org/sqlite, pure Go) by default, PostgreSQL (pgx) for a
// postgres:// address. Both dialects share every query but one: claiming a
// due subscription uses FOR UPDATE SKIP LOCKED on PostgreSQL, so several
// workers on several machines share a run.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/rickb777/date/v2"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect is the kind of database behind a Store.
type Dialect uint8

const (
	// SQLite is an embedded SQLite file.
	SQLite Dialect = iota + 1
	// Postgres is a PostgreSQL server.
	Postgres
)

// String returns "sqlite" or "postgres".
func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

var (
	// ErrNotFound reports a subscription, pass or invoice that does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict reports an append whose expected version is stale:
	// another command got there first.
	ErrConflict = errors.New("store: version conflict")
	// ErrDuplicate reports an insert whose unique key already exists, such as
	// an idempotency key used by a concurrent request.
	ErrDuplicate = errors.New("store: duplicate key")
)

// Store is the backend's database.
type Store struct {
	db      *sql.DB
	dialect Dialect
}

// Open connects to dsn — a postgres:// or postgresql:// URL, or the path of
// a SQLite file — and applies the embedded migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{dialect: SQLite}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s.dialect = Postgres
		s.db, err = sql.Open("pgx", dsn)
		if err == nil {
			s.db.SetMaxOpenConns(16)
			s.db.SetMaxIdleConns(16)
		}
	} else {
		s.db, err = sql.Open("sqlite", sqliteDSN(dsn))
		if err == nil {
			s.db.SetMaxOpenConns(4)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", s.dialect, err)
	}
	s.db.SetConnMaxIdleTime(time.Minute)
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// sqliteDSN adds the settings the backend relies on: WAL so that readers do
// not block the writer, a busy timeout instead of immediate SQLITE_BUSY,
// foreign keys, and write transactions that take the lock when they begin.
func sqliteDSN(path string) string {
	if !strings.HasPrefix(path, "file:") {
		path = "file:" + path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// Dialect returns the kind of database.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB returns the underlying database, for tests and reports.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// isUnique reports whether err is a unique or primary key violation.
func isUnique(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return lite.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || lite.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// dayText is a date as stored: ISO text, or NULL for none.
func dayText(d date.Date, ok bool) sql.NullString {
	if !ok {
		return sql.NullString{}
	}
	return sql.NullString{String: d.String(), Valid: true}
}

// parseDay reads a stored date; NULL is (0, false).
func parseDay(ns sql.NullString) (date.Date, bool, error) {
	if !ns.Valid {
		return 0, false, nil
	}
	d, err := billing.ParseDay(ns.String)
	if err != nil {
		return 0, false, fmt.Errorf("store: stored date: %w", err)
	}
	return d, true, nil
}

// rollback ends tx when it was not committed, ignoring the error of a
// transaction already done.
func rollback(tx *sql.Tx) { _ = tx.Rollback() }

// parseDayText reads a stored, non-NULL date.
func parseDayText(s string) (date.Date, error) {
	d, _, err := parseDay(sql.NullString{String: s, Valid: true})
	return d, err
}
