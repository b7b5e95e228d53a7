package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

// benchCmd is `backend bench -n 100000 [-db URL] [-workers 4]`: it files n
// subscriptions that all start on -date (the population's mix of plans), then
// times the daily job for that day, which issues, numbers and charges the
// first invoice of each, and prints subscriptions per second. Use an empty
// database: the job handles every subscription due in it.
func benchCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	dsn := fs.String("db", "", "postgres:// URL or SQLite file (default: a file in a temporary folder)")
	n := fs.Int("n", 100_000, "number of subscriptions")
	day := fs.String("date", "2025-01-31", "the day run")
	workers := fs.Int("workers", 1, "subscriptions handled at once")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := billing.ParseDay(*day)
	if err != nil {
		return fmt.Errorf("bench -date: %w", err)
	}
	db, cleanup, err := dsnOrTemp(*dsn)
	if err != nil {
		return err
	}
	defer cleanup()
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	tag := make([]byte, 3)
	_, _ = rand.Read(tag)
	pop := population{N: *n, First: d, Prefix: "B" + hex.EncodeToString(tag), Seed: 1}
	t0 := time.Now()
	if err := pop.seed(ctx, st); err != nil {
		return err
	}
	seeded := time.Since(t0)
	r := &job.Runner{Store: st, PSP: &job.FakePSP{}, Workers: *workers}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	t1 := time.Now()
	rep, err := r.RunDue(ctx, d)
	if err != nil {
		return err
	}
	el := time.Since(t1)
	fmt.Fprintf(out, "bench %s, %d workers: seeded %d subscriptions in %s; run-due %s: %d subscriptions, %d invoices, %d charges, %d errors in %s: %.0f subscriptions/s\n",
		st.Dialect(), *workers, *n, seeded.Round(time.Millisecond), d, rep.Subscriptions, rep.Invoices, rep.Charges,
		len(rep.Errors), el.Round(time.Millisecond), float64(rep.Subscriptions)/el.Seconds())
	return nil
}
