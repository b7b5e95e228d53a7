// Package dbtest gives tests real databases: a SQLite file in a temporary
// folder always, and a fresh schema on a PostgreSQL server when one is
// reachable — at BILLCYCLE_PG_URL, or by default on the local socket. Without
// a server the PostgreSQL tests skip, loudly; with BILLCYCLE_PG_REQUIRED=1
// (as ci.sh sets) they fail instead.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// warnOnce prints the skip to stderr once per test binary, so that it shows
// without -v.
var warnOnce sync.Once

// DefaultPG is the PostgreSQL tried when BILLCYCLE_PG_URL is not set.
const DefaultPG = "postgres:///postgres?host=/var/run/postgresql&user=postgres&sslmode=disable"

// DB is a database for one test.
type DB struct {
	// Name is "sqlite" or "postgres", for t.Run.
	Name string
	// DSN opens it with store.Open.
	DSN string
}

// SQLite returns a SQLite file in the test's temporary folder.
func SQLite(t testing.TB) DB {
	return DB{Name: "sqlite", DSN: filepath.Join(t.TempDir(), "backend.db")}
}

// Postgres returns a fresh schema on the PostgreSQL server, dropped when
// the test ends, or skips (fails, with BILLCYCLE_PG_REQUIRED=1) when no
// server answers.
func Postgres(t testing.TB) DB {
	url := os.Getenv("BILLCYCLE_PG_URL")
	if url == "" {
		url = DefaultPG
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", url)
	if err == nil {
		err = admin.PingContext(ctx)
	}
	if err != nil {
		if os.Getenv("BILLCYCLE_PG_REQUIRED") == "1" {
			t.Fatalf("PostgreSQL required (BILLCYCLE_PG_REQUIRED=1) but not reachable at %s: %v", url, err)
		}
		msg := fmt.Sprintf("SKIPPING PostgreSQL tests: no server at %s (%v). Set BILLCYCLE_PG_URL, or run ci.sh, to run them.", url, err)
		warnOnce.Do(func() { fmt.Fprintln(os.Stderr, "dbtest:", msg) })
		t.Skip(msg)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "bt_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return DB{Name: "postgres", DSN: url + sep + "search_path=" + schema}
}

// Both returns a SQLite database and, when reachable, a PostgreSQL one;
// each runs as a subtest, and the PostgreSQL subtest skips or fails as
// Postgres says.
func Both(t *testing.T, f func(t *testing.T, db DB)) {
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, Postgres(t)) })
}
