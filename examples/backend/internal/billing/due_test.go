package billing

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/subscription"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// window is how many days after the start the properties look at: long
// enough for yearly renewals, retries and the end of most terms.
const window = 400

// withChanges draws a subscription from subscriptiontest and gives it up to
// four of the commands that generator does not draw — changes of price and
// quantity inside a period, terminations with a credit, granted discounts —
// so that logs have credit notes and several documents on one day.
func withChanges(t *rapid.T) subscription.Subscription {
	s := subscriptiontest.Subscription().Draw(t, "sub")
	last := s.Start()
	for e := range s.Events() {
		last = e.Date
	}
	policies := []subscription.ProrationPolicy{subscription.ProrateNow, subscription.ProrateAtRenewal, subscription.NoProration}
	for range rapid.IntRange(0, 4).Draw(t, "changes") {
		on := last + date.Date(rapid.IntRange(0, 90).Draw(t, "days"))
		pol := rapid.SampledFrom(policies).Draw(t, "proration")
		plan := s.PlanOn(on)
		var (
			next subscription.Subscription
			err  error
		)
		switch c := rapid.IntRange(0, 3).Draw(t, "change"); {
		case c == 0:
			num := rapid.Int64Range(0, 8).Draw(t, "price_quarters")
			if plan.Price.Recurring, err = plan.Price.Recurring.MulRatio(num, 4); err == nil {
				next, err = s.ChangePlanNow(on, plan, pol)
			}
		case c == 1:
			qty := rapid.Int64Range(0, 9).Draw(t, "quantity")
			next, err = s.ChangeQuantity(on, "Users", qty, pol)
		case c == 2:
			credit := rapid.SampledFrom([]subscription.CreditPolicy{subscription.NoCredit, subscription.ProratedCredit, subscription.FullCredit}).Draw(t, "credit")
			next, err = s.TerminateNowWithCredit(on, credit)
		default:
			d := invoice.Discount{Name: "Goodwill", Kind: invoice.Fixed, Periods: rapid.IntRange(0, 2).Draw(t, "discount_periods")}
			if d.Amount, err = plan.Price.Recurring.MulRatio(1, 2); err == nil {
				next, err = s.GrantDiscount(on, d)
			}
		}
		if err == nil {
			s, last = next, on
		}
	}
	return s
}

// TestTheJobsWalkFilesEveryDocumentOnce checks the layer the daily job and
// storage rely on, over generated logs with changes inside periods and
// credit notes (the library's own properties check its agenda against its
// views; these check the backend's use of them):
//   - walking from the day before the start by NextAction, DueOn of the
//     days visited lists exactly the documents Invoices lists for the
//     window, each under one key, with the same JSON;
//   - keys are unique, and a credit note's Credits names an invoice issued
//     no later than it;
//   - what the walk files has no drift;
//   - the stored forms (canonical terms, events' JSON) replay to the same
//     subscription.
func TestTheJobsWalkFilesEveryDocumentOnce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := Subscription{s: withChanges(t)}
		lo, hi := s.Start()-1, s.Start()+window
		walked := map[string][]byte{}
		for d, ok := lo, true; ok && d < hi; d, ok = s.NextAction(d) {
			due, err := s.DueOn(d)
			if err != nil {
				t.Fatalf("DueOn(%s): %v", d, err)
			}
			for _, inv := range due.Invoices {
				if _, dup := walked[inv.Key]; dup {
					t.Fatalf("key %s filed twice by the walk", inv.Key)
				}
				walked[inv.Key] = inv.JSON
			}
		}
		listed := checkListed(t, s, lo, hi)
		if !maps.EqualFunc(walked, listed, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Fatalf("documents by the walk %v; by Invoices %v", slices.Sorted(maps.Keys(walked)), slices.Sorted(maps.Keys(listed)))
		}
		if drift, err := s.Drift(walked, hi-1); err != nil || len(drift) != 0 {
			t.Fatalf("drift of what the walk filed: %+v, %v", drift, err)
		}
		checkStoredForms(t, s)
	})
}

// checkListed returns the documents Invoices issues in [lo, hi) by key,
// checking that keys are unique and credit notes credit an earlier invoice.
func checkListed(t *rapid.T, s Subscription, lo, hi date.Date) map[string][]byte {
	invs, err := s.Invoices(lo, hi)
	if err != nil {
		t.Fatalf("Invoices: %v", err)
	}
	out := map[string][]byte{}
	issued := map[string]date.Date{}
	for _, inv := range invs {
		if _, dup := out[inv.Key]; dup {
			t.Fatalf("Invoices lists key %s twice", inv.Key)
		}
		out[inv.Key] = inv.JSON
		if !inv.CreditNote {
			issued[inv.Key] = inv.IssueDate
			continue
		}
		if !strings.HasPrefix(inv.Key, "cn/") || inv.TotalMinor >= 0 {
			t.Fatalf("credit note %s of total %d", inv.Key, inv.TotalMinor)
		}
		if on, ok := issued[inv.Credits]; !ok || on > inv.IssueDate {
			t.Fatalf("credit note %s credits %q, not an invoice issued by %s", inv.Key, inv.Credits, inv.IssueDate)
		}
	}
	return out
}

// checkStoredForms replays s from what storage keeps and compares.
func checkStoredForms(t *rapid.T, s Subscription) {
	_, terms, err := NewSubscription(mustJSON(t, s.s.Terms(), s))
	if err != nil {
		t.Fatalf("NewSubscription(terms of %s): %v", s.s, err)
	}
	var events [][]byte
	for e := range s.s.Events() {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("event %+v: %v", e, err)
		}
		events = append(events, b)
	}
	r, err := Replay(terms, events)
	if err != nil {
		t.Fatalf("Replay(%s, %d events): %v", terms, len(events), err)
	}
	a, _ := s.JSON()
	b, _ := r.JSON()
	if string(a) != string(b) {
		t.Fatalf("replayed from storage:\n%s\nwant:\n%s", b, a)
	}
}

// mustJSON returns the JSON of the subscription with terms t and no events.
func mustJSON(t *rapid.T, terms subscription.Terms, s Subscription) []byte {
	n, err := subscription.New(terms)
	if err != nil {
		t.Fatalf("New(terms of %s): %v", s.s, err)
	}
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatalf("JSON of %s: %v", s.s, err)
	}
	return b
}

// TestDueOnWalk checks the days a weekly fixed term visits and what is due
// on each: three invoices, the start (pending → active) and the end of the
// term, then nothing.
func TestDueOnWalk(t *testing.T) {
	s := mustSub(t, `{"plan":{"every":"P1W","price":{"recurring":{"amount":"5.00","currency":"EUR"}},"periods":3},"start":"2025-01-06"}`)
	var got []string
	d, ok := s.NextAction(s.Start() - 1)
	for ; ok; d, ok = s.NextAction(d) {
		due, err := s.DueOn(d)
		if err != nil {
			t.Fatal(err)
		}
		line := d.String()
		for _, c := range due.Changes {
			line += " " + c.Kind + ":" + c.State
		}
		for _, inv := range due.Invoices {
			line += " " + inv.Kind() + ":" + inv.Key
		}
		got = append(got, line)
	}
	want := []string{
		"2025-01-06 state_change:active invoice:2025-01-06/2025-01-06",
		"2025-01-13 invoice:2025-01-13/2025-01-13",
		"2025-01-20 invoice:2025-01-20/2025-01-20",
		"2025-01-27 termination:terminated",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("walk:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSameDayDocuments checks the keys of several documents of one kind
// issued on one day for one period (two seat changes), and of a credit
// note: each document gets its own key, the same from DueOn and Invoices.
func TestSameDayDocuments(t *testing.T) {
	s := mustSub(t, `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"},`+
		`"features":[{"name":"seats","kind":"limitation","quantity_included":1,"quantity_current":1,`+
		`"unit_price":{"amount":"5.00","currency":"EUR"}}]}},"start":"2021-10-01"}`)
	for _, body := range []string{
		`{"on":"2021-10-11","feature":"seats","quantity":5,"proration":"prorate_now"}`,
		`{"on":"2021-10-11","feature":"seats","quantity":3,"proration":"prorate_now"}`,
		`{"on":"2021-10-11","feature":"seats","quantity":8,"proration":"prorate_now"}`,
	} {
		var err error
		if s, _, err = s.Apply(mustCommand(t, "change_quantity", body)); err != nil {
			t.Fatalf("change_quantity %s: %v", body, err)
		}
	}
	due, err := s.DueOn(date.New(2021, 10, 11))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, inv := range due.Invoices {
		got = append(got, inv.Key+" "+inv.Credits)
	}
	want := []string{"2021-10-11/2021-10-11 ", "cn/2021-10-11/2021-10-11 2021-10-01/2021-10-01", "2021-10-11/2021-10-11#2 "}
	if !slices.Equal(got, want) {
		t.Fatalf("documents of 2021-10-11: %q; want %q", got, want)
	}
	invs, err := s.Invoices(date.New(2021, 10, 11), date.New(2021, 10, 12))
	if err != nil || len(invs) != 3 {
		t.Fatalf("Invoices of 2021-10-11: %d, %v", len(invs), err)
	}
	for i, inv := range invs {
		if inv.Key != due.Invoices[i].Key || string(inv.JSON) != string(due.Invoices[i].JSON) {
			t.Fatalf("Invoices[%d] = %s; DueOn has %s", i, inv.Key, due.Invoices[i].Key)
		}
	}
}

// inArrears is a monthly plan at 10.00 billed in arrears, from 2020-01-01.
const inArrears = `{"plan":{"every":"P1M","billing":"in_arrears","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2020-01-01"}`

// TestNextActionSeesChangeDocuments checks the layer's NextAction on the
// cases where the library's misses a document its Agenda lists (see
// NextAction): each document's issue date is a day the job visits.
func TestNextActionSeesChangeDocuments(t *testing.T) {
	seats := `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"},` +
		`"features":[{"name":"seats","kind":"limitation","quantity_included":1,"quantity_current":1,` +
		`"unit_price":{"amount":"5.00","currency":"EUR"}}]}},"start":"2020-01-01"}`
	tests := []struct {
		name, terms string
		cmds        [][2]string
		after, want string
	}{
		{"quantity change now", seats, [][2]string{{"change_quantity", `{"on":"2020-01-10","feature":"seats","quantity":4,"proration":"prorate_now"}`}},
			"2020-01-05", "2020-01-10"},
		{"plan change now in arrears", inArrears, [][2]string{{"change_plan_now", `{"on":"2020-01-10","proration":"prorate_now",` +
			`"plan":{"every":"P1M","billing":"in_arrears","price":{"recurring":{"amount":"20.00","currency":"EUR"}}}}`}},
			"2020-01-10", "2020-02-01"},
		{"change at renewal of a suspended subscription", monthly2020, [][2]string{
			{"schedule_suspension", `{"on":"2020-01-01","effective":"2020-01-03","reason":"by_business"}`},
			{"change_plan_now", `{"on":"2020-01-02","proration":"prorate_at_renewal",` +
				`"plan":{"every":"P1M","price":{"recurring":{"amount":"20.00","currency":"EUR"}}}}`}},
			"2020-01-03", "2020-02-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSub(t, tt.terms)
			for _, c := range tt.cmds {
				var err error
				if s, _, err = s.Apply(mustCommand(t, c[0], c[1])); err != nil {
					t.Fatalf("%s %s: %v", c[0], c[1], err)
				}
			}
			after, _ := ParseDay(tt.after)
			next, ok := s.NextAction(after)
			if !ok || next.String() != tt.want {
				t.Fatalf("NextAction(%s) = %s, %v; want %s", tt.after, next, ok, tt.want)
			}
			if due, err := s.DueOn(next); err != nil || len(due.Invoices) == 0 {
				t.Fatalf("DueOn(%s) = %+v, %v; want a document", next, due, err)
			}
			if lib, _ := s.s.NextAction(after); lib == next {
				t.Logf("the library's NextAction(%s) is right on this case now", tt.after)
			}
		})
	}
}

const monthly2020 = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2020-01-01"}`
