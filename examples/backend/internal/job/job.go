// Package job is the backend's daily run: for a day D it claims, one at a
// time and one transaction each, the subscriptions whose next_action_on is
// on or before D; walks the library's agenda of each day from there;
// issues the invoices and credit notes with gap-free numbers; makes the
// charges and retries that are due through a PSP (never for a credit note)
// and records the outcomes as events; writes the outbox; checks the filed
// documents for drift; and stores the next day each subscription must be
// looked at (NextAction).
//
// Everything it does for a day is idempotent: documents are keyed by
// (subscription, document key), charges by (subscription, due, attempt),
// outbox messages by (subscription, dedupe key). A worker killed mid-run
// loses its open transaction only, and a rerun issues nothing twice.
package job

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// Runner runs the daily job.
type Runner struct {
	// Store is the database.
	Store *store.Store
	// PSP charges the customers.
	PSP PSP
	// Workers is the number of subscriptions handled at once in this
	// process; zero means one. Several processes may run on one PostgreSQL
	// database at the same time.
	Workers int
	// Progress, if set, gets one line per subscription handled.
	Progress io.Writer
}

// Report says what a run did.
type Report struct {
	// Day is the day run.
	Day date.Date `json:"day"`
	// Subscriptions is the number of subscriptions handled.
	Subscriptions int `json:"subscriptions"`
	// Invoices and CreditNotes count the documents issued.
	Invoices    int `json:"invoices"`
	CreditNotes int `json:"credit_notes"`
	// Charges and Declined count the charges made and those declined.
	Charges  int `json:"charges"`
	Declined int `json:"declined"`
	// Events is the number of events appended to logs.
	Events int `json:"events"`
	// StateChanges is the number of state changes announced.
	StateChanges int `json:"state_changes"`
	// Drift lists the filed invoices that differ from what the library
	// computes today, by subscription.
	Drift []SubscriptionDrift `json:"drift,omitempty"`
	// Errors lists the subscriptions the run could not handle; they are
	// tried again the next day.
	Errors []SubscriptionError `json:"errors,omitempty"`
}

// SubscriptionDrift is a drift found on one subscription.
type SubscriptionDrift struct {
	// SubscriptionID is the subscription whose invoice drifted.
	SubscriptionID string `json:"subscription_id"`
	billing.Drift
}

// SubscriptionError is a subscription the run could not handle.
type SubscriptionError struct {
	// SubscriptionID is the subscription left for the next run.
	SubscriptionID string `json:"subscription_id"`
	// Error says why.
	Error string `json:"error"`
}

// add sums o into r.
func (r *Report) add(o Report) {
	r.Subscriptions += o.Subscriptions
	r.Invoices += o.Invoices
	r.CreditNotes += o.CreditNotes
	r.Charges += o.Charges
	r.Declined += o.Declined
	r.Events += o.Events
	r.StateChanges += o.StateChanges
	r.Drift = append(r.Drift, o.Drift...)
	r.Errors = append(r.Errors, o.Errors...)
}

// RunDue handles every subscription due on or before day. It returns an
// error only when the database fails; a subscription that cannot be handled
// is reported in Report.Errors and the run goes on.
func (r *Runner) RunDue(ctx context.Context, day date.Date) (Report, error) {
	total := Report{Day: day}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
	)
	for range max(r.Workers, 1) {
		wg.Go(func() {
			rep, err := r.work(ctx, day)
			mu.Lock()
			defer mu.Unlock()
			total.add(rep)
			errs = append(errs, err)
		})
	}
	wg.Wait()
	return total, errors.Join(errs...)
}

// work claims and handles subscriptions until none is due.
func (r *Runner) work(ctx context.Context, day date.Date) (Report, error) {
	rep := Report{Day: day}
	for ctx.Err() == nil {
		jt, ok, err := r.Store.Claim(ctx, day)
		if err != nil || !ok {
			return rep, err
		}
		one, err := r.handle(ctx, jt, day)
		if err != nil {
			jt.Rollback()
			rep.Errors = append(rep.Errors, SubscriptionError{SubscriptionID: jt.Sub.ID, Error: err.Error()})
			if err := r.Store.MarkJobError(ctx, jt.Sub.ID, day, err.Error()); err != nil {
				return rep, err
			}
			continue
		}
		rep.add(one)
		if r.Progress != nil {
			fmt.Fprintf(r.Progress, "handled %s through %s\n", jt.Sub.ID, day)
		}
	}
	return rep, ctx.Err()
}

// handle does everything due for one claimed subscription, from its
// next_action_on through day, and commits.
func (r *Runner) handle(ctx context.Context, jt *store.JobTx, day date.Date) (Report, error) {
	sub, err := billing.Replay(jt.Sub.Terms, jt.Sub.Events)
	if err != nil {
		return Report{}, fmt.Errorf("replay: %w", err)
	}
	w := &dayWork{r: r, jt: jt, sub: sub, rep: Report{Day: day, Subscriptions: 1}}
	for d, ok := jt.Sub.NextActionOn, true; ok && d <= day; d, ok = w.sub.NextAction(d) {
		if err := w.handleDay(ctx, d); err != nil {
			return Report{}, fmt.Errorf("%s: %w", d, err)
		}
	}
	through := day
	if jt.Sub.HasProcessed && jt.Sub.ProcessedThrough > day {
		through = jt.Sub.ProcessedThrough
	}
	if err := w.checkDrift(ctx, through); err != nil {
		return Report{}, fmt.Errorf("drift check: %w", err)
	}
	if err := jt.AppendEvents(ctx, w.events); err != nil {
		return Report{}, err
	}
	next, hasNext := w.sub.NextAction(day)
	if err := jt.Update(ctx, w.sub.Version(), next, hasNext, through); err != nil {
		return Report{}, err
	}
	// Numbering locks the series' counter until commit: it comes last.
	if err := w.issue(ctx); err != nil {
		return Report{}, err
	}
	if err := w.flush(ctx); err != nil {
		return Report{}, err
	}
	if err := jt.Commit(); err != nil {
		return Report{}, err
	}
	return w.rep, nil
}
