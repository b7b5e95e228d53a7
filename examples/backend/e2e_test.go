package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/examples/backend/internal/api"
	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

// testServer serves the API on a database for one test.
func testServer(t *testing.T, db dbtest.DB, declines ...job.Decline) (*client, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), db.DSN)
	if err != nil {
		t.Fatalf("Open(%s): %v", db.Name, err)
	}
	runner := &job.Runner{Store: st, PSP: &job.FakePSP{Script: declines}}
	srv := httptest.NewServer((&api.Server{Store: st, Runner: runner}).Handler())
	t.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return &client{base: srv.URL, http: srv.Client()}, st
}

type invoiceRow struct {
	Number    string `json:"number"`
	IssueDate string `json:"issue_date"`
	Invoice   struct {
		Buyer  string `json:"buyer"`
		Period struct{ Start, End string }
		Total  struct{ Amount string }
	} `json:"invoice"`
}

func getInvoices(t *testing.T, c *client, id string) []invoiceRow {
	t.Helper()
	var invs []invoiceRow
	if err := c.must(200, "GET", "/subscriptions/"+id+"/invoices", nil, &invs); err != nil {
		t.Fatal(err)
	}
	return invs
}

// checkStates checks the state on each date: "state" or "state reason".
func checkStates(t *testing.T, c *client, id string, want map[string]string) {
	t.Helper()
	for on, w := range want {
		var st struct{ State, Reason string }
		if err := c.must(200, "GET", "/subscriptions/"+id+"/state?on="+on, nil, &st); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(st.State + " " + st.Reason); got != w {
			t.Errorf("%s on %s: %s; want %s", id, on, got, w)
		}
	}
}

func outboxTopics(t *testing.T, c *client, id string) []string {
	t.Helper()
	var msgs []struct {
		Topic, On string
		Payload   json.RawMessage
	}
	if err := c.must(200, "GET", "/outbox?limit=1000&subscription="+id, nil, &msgs); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.On+" "+m.Topic)
	}
	return out
}

// TestGymYear plays a gym member's year through the API on both
// databases: vacation (flexible pause with one extra month), injury
// (June and July moved to the end), the class card frozen for the injury,
// and a failed renewal recovered by the second retry.
func TestGymYear(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		c, _ := testServer(t, db, gymYear.declines...)
		if err := playYear(c, day("2025-01-01"), day("2026-04-30"), gymYear); err != nil {
			t.Fatal(err)
		}
		invs := getInvoices(t, c, gymYear.id)
		var got []string
		for _, inv := range invs {
			got = append(got, inv.Number+" "+inv.IssueDate+" "+inv.Invoice.Total.Amount)
		}
		var want []string
		for i, m := range []string{"01", "02", "03", "04", "05", "08", "09", "10", "11", "12"} {
			want = append(want, fmt.Sprintf("GYM-2025-%06d 2025-%s-01 49.00", i+1, m))
		}
		for i, m := range []string{"01", "02", "03"} { // two moved months and the extension
			want = append(want, fmt.Sprintf("GYM-2026-%06d 2026-%s-01 49.00", i+1, m))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("invoices:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		checkStates(t, c, gymYear.id, map[string]string{
			"2025-03-09": "active", "2025-03-10": "paused", "2025-03-24": "active",
			"2025-06-15": "paused", "2025-08-01": "active",
			"2025-09-01": "past_due", "2025-09-02": "past_due", "2025-09-03": "active",
			"2026-03-31": "active", "2026-04-01": "terminated",
		})
		for reason, n := range map[string]int{"": 2, "injury": 1, "vacation": 1, "travel": 0} {
			var ps []json.RawMessage
			if err := c.must(200, "GET", "/subscriptions/gym-4711/pauses?reason="+reason, nil, &ps); err != nil || len(ps) != n {
				t.Errorf("pauses?reason=%s: %d, %v; want %d", reason, len(ps), err, n)
			}
		}
		var passes []struct {
			Pass struct {
				Valid    struct{ Start, End string }
				Sessions int `json:"sessions"`
				Used     int `json:"used"`
			} `json:"pass"`
		}
		if err := c.must(200, "GET", "/subscriptions/gym-4711/passes", nil, &passes); err != nil {
			t.Fatal(err)
		}
		// Valid [04-01, 07-01), frozen from 06-01 keeping 30 days, unfrozen on 08-01.
		if len(passes) != 1 || passes[0].Pass.Valid.Start != "2025-08-01" || passes[0].Pass.Valid.End != "2025-08-31" || passes[0].Pass.Used != 3 {
			t.Fatalf("class card after the injury: %+v", passes)
		}
		topics := outboxTopics(t, c, gymYear.id)
		for _, w := range []string{"2025-09-01 attempt.due", "2025-09-02 attempt.due", "2025-09-03 attempt.due", "2025-09-03 state.changed", "2026-04-01 state.changed"} {
			if !slices.Contains(topics, w) {
				t.Errorf("outbox lacks %q: %v", w, topics)
			}
		}
		for _, tp := range topics {
			if strings.HasSuffix(tp, "invoice.drift") {
				t.Errorf("drift reported: %s", tp)
			}
		}
	})
}

// TestSaaSYear plays a SaaS customer's year: the renewal of 2025-04-15 and
// its three retries declined, a suspension for payment due, a restart after
// the unpaid period ended (a renewal from that day), and a termination at
// the end of the period.
func TestSaaSYear(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		c, _ := testServer(t, db, saasYear.declines...)
		if err := playYear(c, day("2025-01-01"), day("2025-04-15"), saasYear); err != nil {
			t.Fatal(err)
		}
		checkAgendaAfterFailure(t, c)
		if err := playDays(c, day("2025-04-16"), day("2025-12-31"), saasYear); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, inv := range getInvoices(t, c, saasYear.id) {
			got = append(got, fmt.Sprintf("%s %s [%s, %s) %s %s", inv.Number, inv.IssueDate, inv.Invoice.Period.Start,
				inv.Invoice.Period.End, inv.Invoice.Total.Amount, inv.Invoice.Buyer))
		}
		want := []string{
			"SAAS-2025-000001 2025-01-15 [2025-01-15, 2025-02-15) 99.00 acme-billing",
			"SAAS-2025-000002 2025-02-15 [2025-02-15, 2025-03-15) 99.00 acme-billing",
			"SAAS-2025-000003 2025-03-01 [2025-03-01, 2025-03-15) 18.00 acme-billing", // 3 seats × 12.00 × 14/28
			"SAAS-2025-000004 2025-03-15 [2025-03-15, 2025-04-15) 135.00 acme-billing",
			"SAAS-2025-000005 2025-04-15 [2025-04-15, 2025-05-15) 135.00 acme-billing",
			"SAAS-2025-000006 2025-05-20 [2025-05-20, 2025-06-20) 135.00 acme-billing",
			"SAAS-2025-000007 2025-06-20 [2025-06-20, 2025-07-20) 135.00 acme-billing",
			"SAAS-2025-000008 2025-07-20 [2025-07-20, 2025-08-20) 135.00 acme-billing",
			"SAAS-2025-000009 2025-08-20 [2025-08-20, 2025-09-20) 135.00 acme-billing",
			// 135.00 × 15/31 = 65.32 credited, 111.00 × 15/31 = 53.71 charged, each rounded.
			"SAAS-CN-2025-000001 2025-09-05 [2025-09-05, 2025-09-20) -11.61 acme-billing",
			"SAAS-2025-000010 2025-09-20 [2025-09-20, 2025-10-20) 111.00 acme-billing",
			"SAAS-2025-000011 2025-10-20 [2025-10-20, 2025-11-20) 111.00 acme-billing",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("invoices:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		checkSaaSOutboxAndLog(t, c)
		checkStates(t, c, saasYear.id, map[string]string{
			"2025-04-14": "active", "2025-04-15": "past_due", "2025-04-17": "past_due",
			"2025-04-18": "suspended payment_due", "2025-05-19": "suspended payment_due",
			"2025-05-20": "active", "2025-11-19": "active", "2025-11-20": "terminated",
		})
	})
}

// checkAgendaAfterFailure checks the SaaS customer's agenda on the day its
// renewal of 2025-04-15 failed.
func checkAgendaAfterFailure(t *testing.T, c *client) {
	t.Helper()
	// On the day of the failure, the agenda has the three retries, then
	// the renewals: that the last retry fails is not known yet.
	var agenda []struct {
		On, Kind string
		Attempt  *struct {
			Number int
			State  string
		}
		Change *struct{ State, Reason string }
	}
	if err := c.must(200, "GET", "/subscriptions/saas-acme/agenda?from=2025-04-16&to=2025-06-16", nil, &agenda); err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, a := range agenda {
		switch {
		case a.Attempt != nil:
			days = append(days, fmt.Sprintf("%s %s %d %s", a.On, a.Kind, a.Attempt.Number, a.Attempt.State))
		case a.Change != nil:
			days = append(days, fmt.Sprintf("%s %s %s %s", a.On, a.Kind, a.Change.State, a.Change.Reason))
		default:
			days = append(days, a.On+" "+a.Kind)
		}
	}
	if w := []string{"2025-04-16 attempt 1 planned", "2025-04-17 attempt 2 planned", "2025-04-18 attempt 3 planned",
		"2025-05-15 invoice", "2025-06-15 invoice"}; !slices.Equal(days, w) {
		t.Errorf("agenda after the failed renewal: %v; want %v", days, w)
	}
}

// checkSaaSOutboxAndLog checks the SaaS customer's outbox and log after its
// year.
func checkSaaSOutboxAndLog(t *testing.T, c *client) {
	t.Helper()
	topics := outboxTopics(t, c, saasYear.id)
	for _, w := range []string{"2025-03-01 invoice.issued", "2025-09-05 credit_note.issued"} {
		if !slices.Contains(topics, w) {
			t.Errorf("outbox lacks %q: %v", w, topics)
		}
	}
	for _, tp := range topics {
		if strings.HasSuffix(tp, "invoice.drift") || strings.HasPrefix(tp, "2025-09-05 attempt.due") {
			t.Errorf("outbox has %s: no drift, and a credit note is not charged", tp)
		}
	}
	// The events keep the request's ref, and the API's metadata; the
	// job's keep the PSP's reference of the charge.
	res, err := c.do("GET", "/subscriptions/saas-acme", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`"ref":"ticket-1042","meta":{"via":"api"}`, `"kind":"record_payment_failure","date":"2025-04-15","due":"2025-04-15","ref":"fake_saas-acme/2025-04-15/0","meta":{"idempotency_key":"saas-acme/2025-04-15/0","via":"daily-job"}`} {
		if !strings.Contains(string(res.Body), w) {
			t.Errorf("subscription lacks %s: %s", w, res.Body)
		}
	}
}
