package job_test

import (
	"context"
	"errors"
	"testing"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

const terms = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}},"retry":{"attempts":2}},"start":"2025-01-01"}`

var jan1 = date.New(2025, 1, 1)

func setup(t *testing.T, db dbtest.DB, ids ...string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, id := range ids {
		sub, canon, err := billing.NewSubscription([]byte(terms))
		if err != nil {
			t.Fatal(err)
		}
		next, ok := sub.NextAction(sub.Start() - 1)
		if _, _, err := st.CreateSubscription(ctx, store.NewSubscription{ID: id, Series: "T", Terms: canon, NextActionOn: next, HasNext: ok}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func runDays(t *testing.T, r *job.Runner, from, to date.Date) job.Report {
	t.Helper()
	var total job.Report
	for d := from; d <= to; d++ {
		rep, err := r.RunDue(context.Background(), d)
		if err != nil {
			t.Fatalf("RunDue(%s): %v", d, err)
		}
		total.Subscriptions += rep.Subscriptions
		total.Invoices += rep.Invoices
		total.Charges += rep.Charges
		total.Declined += rep.Declined
		total.Events += rep.Events
		total.Drift = append(total.Drift, rep.Drift...)
		total.Errors = append(total.Errors, rep.Errors...)
	}
	return total
}

// TestRetriesAndRerun runs a quarter with the renewal of 2025-02-01
// declined once, then runs every day again: the retry is made and
// recorded once, and the rerun issues and charges nothing.
func TestRetriesAndRerun(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		st := setup(t, db, "a", "b")
		psp := &job.FakePSP{Script: []job.Decline{{Subscription: "a", Due: jan1 + 31, Failures: 1}}}
		r := &job.Runner{Store: st, PSP: psp, Workers: 2}
		rep := runDays(t, r, jan1, jan1+89)
		// Two subscriptions × three months; one decline and its retry.
		if rep.Invoices != 6 || rep.Charges != 7 || rep.Declined != 1 || rep.Events != 2 || len(rep.Errors) != 0 || len(rep.Drift) != 0 {
			t.Fatalf("report %+v; want 6 invoices, 7 charges, 1 declined, 2 events", rep)
		}
		if calls := psp.Calls(); calls[len(calls)-1].AmountMinor != 1000 {
			t.Fatalf("last charge %+v; want 10.00", calls[len(calls)-1])
		}
		if _, err := st.DB().Exec(`UPDATE subscriptions SET next_action_on = '2025-01-01'`); err != nil {
			t.Fatal(err)
		}
		again := runDays(t, r, jan1, jan1+89)
		if again.Invoices != 0 || again.Charges != 0 || again.Events != 0 || len(again.Drift) != 0 {
			t.Fatalf("rerun %+v; want nothing issued, charged or appended", again)
		}
	})
}

// failingPSP cannot be reached.
type failingPSP struct{}

func (failingPSP) Charge(context.Context, job.ChargeRequest) (job.ChargeResult, error) {
	return job.ChargeResult{}, errors.New("connection refused")
}

// TestPSPDown checks that a subscription whose charge cannot be made is
// reported, left untouched (no invoice, nothing appended) and tried again
// on the next day's run.
func TestPSPDown(t *testing.T) {
	st := setup(t, dbtest.SQLite(t), "a")
	down := &job.Runner{Store: st, PSP: failingPSP{}}
	rep, err := down.RunDue(context.Background(), jan1)
	if err != nil || len(rep.Errors) != 1 || rep.Errors[0].SubscriptionID != "a" || rep.Invoices != 0 {
		t.Fatalf("run with the PSP down: %+v, %v; want one error and nothing issued", rep, err)
	}
	if again, _ := down.RunDue(context.Background(), jan1); again.Subscriptions != 0 || len(again.Errors) != 0 {
		t.Fatalf("same day again: %+v; want the failed subscription left for the next day", again)
	}
	up := &job.Runner{Store: st, PSP: &job.FakePSP{}}
	rep, err = up.RunDue(context.Background(), jan1+1)
	if err != nil || rep.Invoices != 1 || rep.Charges != 1 || len(rep.Errors) != 0 {
		t.Fatalf("next day with the PSP back: %+v, %v; want the invoice of 2025-01-01 issued and charged", rep, err)
	}
}

// TestDriftReportedNeverRewritten files an invoice that differs from the
// library's before the job runs: the job reports the drift, issues nothing
// over it and leaves the filed text as it was.
func TestDriftReportedNeverRewritten(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		st := setup(t, db, "a")
		forged := `{"forged":true}`
		if _, err := st.DB().Exec(`INSERT INTO invoices (series, number, subscription_id, invoice_key, issue_date, total_minor, currency, body)
			VALUES ('T-2025', 1, 'a', '2025-01-01/2025-01-01', '2025-01-01', 999, 'EUR', $1)`, forged); err != nil {
			t.Fatal(err)
		}
		r := &job.Runner{Store: st, PSP: &job.FakePSP{}}
		rep, err := r.RunDue(context.Background(), jan1)
		if err != nil || len(rep.Drift) != 1 || rep.Drift[0].Kind != "changed" || rep.Invoices != 0 {
			t.Fatalf("report %+v, %v; want one changed invoice and nothing issued", rep, err)
		}
		var body string
		if err := st.DB().QueryRow(`SELECT body FROM invoices WHERE subscription_id = 'a'`).Scan(&body); err != nil || body != forged {
			t.Fatalf("filed invoice now %q, %v; want it untouched", body, err)
		}
		msgs, err := st.OutboxAfter(context.Background(), 0, "a", 100)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range msgs {
			found = found || m.Topic == "invoice.drift"
		}
		if !found {
			t.Fatalf("no invoice.drift message in %+v", msgs)
		}
	})
}
