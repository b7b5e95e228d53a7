package main

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// envInt reads a positive size from the environment, or def.
func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}

// buildBackend builds the binary once per test into a temporary folder.
func buildBackend(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "backend")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// workerRun is a population, a span of days and the worker processes that
// run them.
type workerRun struct {
	bin, dsn string
	from, to date.Date
	workers  int
	// killAfter is the number of subscriptions the first worker handles
	// before it is SIGKILLed.
	killAfter int
}

func (w workerRun) command(ctx context.Context) *exec.Cmd {
	return exec.CommandContext(ctx, w.bin, "run-due", "-db", w.dsn, "-date", w.from.String(), "-to", w.to.String(),
		"-psp-fail-every", "7", "-progress")
}

// run starts the workers, kills the first once it has handled killAfter
// subscriptions, waits for the others, then reruns one worker over the
// whole span.
func (w workerRun) run(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, w.workers)
	killed := false
	for i := range w.workers {
		cmd := w.command(ctx)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			handled, sc := 0, bufio.NewScanner(out)
			for sc.Scan() {
				if i == 0 && strings.HasPrefix(sc.Text(), "handled ") {
					if handled++; handled == w.killAfter {
						killed = cmd.Process.Kill() == nil // SIGKILL: no cleanup, the transaction is cut
					}
				}
			}
			errs[i] = cmd.Wait()
		})
	}
	wg.Wait()
	if !killed {
		t.Fatalf("worker 0 ended before handling %d subscriptions: make the run bigger", w.killAfter)
	}
	var exit *exec.ExitError
	if !errors.As(errs[0], &exit) {
		t.Fatalf("killed worker: %v; want it killed", errs[0])
	}
	for i, err := range errs[1:] {
		if err != nil {
			t.Fatalf("worker %d: %v", i+1, err)
		}
	}
	rerun := w.command(ctx)
	if out, err := rerun.CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
}

// TestWorkersShareARun runs 4 worker processes on PostgreSQL over 10,000
// subscriptions and 60 days (BILLCYCLE_HEAVY_SUBS, BILLCYCLE_HEAVY_DAYS),
// kills one of them mid-run with SIGKILL, reruns, and checks that every
// due invoice was issued exactly once with gap-free numbers.
func TestWorkersShareARun(t *testing.T) {
	db := dbtest.Postgres(t)
	n, days := envInt(t, "BILLCYCLE_HEAVY_SUBS", 10_000), envInt(t, "BILLCYCLE_HEAVY_DAYS", 60)
	from := date.New(2025, 1, 1)
	w := workerRun{bin: buildBackend(t), dsn: db.DSN, from: from, to: from + date.Date(days-1), workers: 4, killAfter: max(n/20, 1)}
	st := seeded(t, db, population{N: n, First: from - 30, Spread: 60, Prefix: "W", Seed: 7})
	w.run(t)
	checkExactlyOnce(t, st, w.to)
}

// TestWorkerKilledOnSQLite is the same on the default database with one
// worker at a time: killed mid-run, then a second worker and a rerun.
func TestWorkerKilledOnSQLite(t *testing.T) {
	db := dbtest.SQLite(t)
	n, days := 1500, 30
	from := date.New(2025, 1, 1)
	w := workerRun{bin: buildBackend(t), dsn: db.DSN, from: from, to: from + date.Date(days-1), workers: 2, killAfter: n / 10}
	st := seeded(t, db, population{N: n, First: from - 20, Spread: 40, Prefix: "L", Seed: 3})
	w.run(t)
	checkExactlyOnce(t, st, w.to)
}

func seeded(t *testing.T, db dbtest.DB, p population) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), db.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := p.seed(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

// checkExactlyOnce checks the database after a run through day to: no
// subscription left due or in error; the invoices filed for each are those
// billcycle issues through to (no drift, none missing, none twice); every
// series is numbered 1…n without gaps; every invoice was charged and every
// decline is in the log; one outbox message per invoice.
func checkExactlyOnce(t *testing.T, st *store.Store, to date.Date) {
	t.Helper()
	ctx := context.Background()
	for query, want := range map[string]int{
		`SELECT count(*) FROM subscriptions WHERE job_error IS NOT NULL`:                   0,
		`SELECT count(*) FROM subscriptions WHERE next_action_on <= '` + to.String() + `'`: 0,
		`SELECT count(*) FROM invoices i WHERE total_minor > 0 AND NOT EXISTS (SELECT 1 FROM charges c
			WHERE c.subscription_id = i.subscription_id AND c.due = i.issue_date AND c.attempt = 0)`: 0,
		`SELECT (SELECT count(*) FROM charges WHERE outcome = 'failed') -
			(SELECT count(*) FROM events WHERE kind = 'record_payment_failure')`: 0,
		`SELECT (SELECT count(*) FROM invoices) - (SELECT count(*) FROM outbox WHERE topic = 'invoice.issued')`: 0,
	} {
		var got int
		if err := st.DB().QueryRowContext(ctx, query).Scan(&got); err != nil || got != want {
			t.Errorf("%s = %d, %v; want %d", query, got, err, want)
		}
	}
	series, err := st.Series(ctx)
	if err != nil || len(series) == 0 {
		t.Fatalf("Series: %v, %v", series, err)
	}
	total := int64(0)
	for _, s := range series {
		if s.Min != 1 || s.Max != s.Count {
			t.Errorf("series %s: %d invoices numbered %d…%d; want 1…%d", s.Series, s.Count, s.Min, s.Max, s.Count)
		}
		total += s.Count
	}
	rows, err := st.DB().QueryContext(ctx, `SELECT id FROM subscriptions ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		checkSubscription(t, st, id, to)
	}
	t.Logf("%d subscriptions, %d invoices in %d series, all issued exactly once", len(ids), total, len(series))
}

func checkSubscription(t *testing.T, st *store.Store, id string, to date.Date) {
	ctx := context.Background()
	row, err := st.Load(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := billing.Replay(row.Terms, row.Events)
	if err != nil {
		t.Fatalf("replay %s: %v", id, err)
	}
	invs, err := st.Invoices(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	filed := map[string][]byte{}
	for _, inv := range invs {
		filed[inv.Key] = inv.Body
	}
	drift, err := sub.Drift(filed, to)
	if err != nil || len(drift) != 0 {
		t.Errorf("%s: invoices filed differ from those issued through %s: %+v, %v", id, to, drift, err)
	}
}
