package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// runDueCmd is `backend run-due -db URL -date D [-to D2]`: the daily job
// for D, or for every day from D through D2, as one worker process among
// any number sharing the database.
func runDueCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("run-due", flag.ContinueOnError)
	dsn := fs.String("db", "", "postgres:// URL or SQLite file (required)")
	day := fs.String("date", "", "the day to run, YYYY-MM-DD (required)")
	to := fs.String("to", "", "run every day from -date through this one")
	workers := fs.Int("workers", 1, "subscriptions handled at once in this process")
	failEvery := fs.Int("psp-fail-every", 0, "the fake PSP declines the first charge of one invoice in N")
	progress := fs.Bool("progress", false, "print a line per subscription handled")
	asJSON := fs.Bool("json", false, "print each day's report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" || *day == "" {
		return fmt.Errorf("run-due: -db and -date are required")
	}
	from, err := billing.ParseDay(*day)
	if err != nil {
		return fmt.Errorf("run-due -date: %w", err)
	}
	last := from
	if *to != "" {
		if last, err = billing.ParseDay(*to); err != nil {
			return fmt.Errorf("run-due -to: %w", err)
		}
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	r := &job.Runner{Store: st, PSP: &job.FakePSP{FailEvery: *failEvery}, Workers: *workers}
	if *progress {
		r.Progress = out
	}
	for d := from; d <= last; d++ {
		if err := runDay(ctx, r, d, *asJSON, out); err != nil {
			return err
		}
	}
	return nil
}

// runDay runs the job for day d and prints its report.
func runDay(ctx context.Context, r *job.Runner, d date.Date, asJSON bool, out io.Writer) error {
	rep, err := r.RunDue(ctx, d)
	if err != nil {
		return fmt.Errorf("run-due %s: %w", d, err)
	}
	if asJSON {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, string(b))
		return nil
	}
	fmt.Fprintf(out, "%s: %d subscriptions, %d invoices, %d charges (%d declined), %d events, %d state changes, %d drift, %d errors\n",
		d, rep.Subscriptions, rep.Invoices, rep.Charges, rep.Declined, rep.Events, rep.StateChanges, len(rep.Drift), len(rep.Errors))
	for _, e := range rep.Errors {
		fmt.Fprintf(out, "  error %s: %s\n", e.SubscriptionID, e.Error)
	}
	for _, dr := range rep.Drift {
		fmt.Fprintf(out, "  drift %s %s: %s\n", dr.SubscriptionID, dr.Key, dr.Kind)
	}
	return nil
}
