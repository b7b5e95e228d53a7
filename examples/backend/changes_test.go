package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

// seatsTerms is monthly at 10.00 from 2021-10-01 with one seat included
// and 5.00 a month per seat beyond.
const seatsTerms = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"},` +
	`"features":[{"name":"seats","kind":"limitation","quantity_included":1,"quantity_current":1,` +
	`"unit_price":{"amount":"5.00","currency":"EUR"}}]}},"start":"2021-10-01"}`

// filed lists the documents filed for a subscription: "number key total".
func filed(t *testing.T, c *client, id string) []string {
	t.Helper()
	var out []string
	for _, inv := range getInvoices(t, c, id) {
		out = append(out, inv.Number+" "+inv.IssueDate+" "+inv.Invoice.Total.Amount)
	}
	return out
}

// TestChangeCommands gives the commands of issue 14 over HTTP, runs the
// daily job over October, and checks what it filed and charged: the
// invoice of a seat change, a credit note for the termination with a
// prorated credit, filed in its own series and never charged.
func TestChangeCommands(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		c, st := testServer(t, db)
		if err := c.must(201, "POST", "/subscriptions", `{"id":"s1","series":"T","terms":`+seatsTerms+`}`, nil); err != nil {
			t.Fatal(err)
		}
		cmd := "/subscriptions/s1/commands/"
		for _, r := range []struct{ name, body string }{
			{"grant_discount", `{"on":"2021-10-05","discount":{"name":"Sorry","kind":"fixed","amount":{"amount":"1.00","currency":"EUR"},"periods":1}}`},
			{"change_quantity", `{"on":"2021-10-11","feature":"seats","quantity":4,"proration":"prorate_now"}`},
			{"change_plan_now", `{"on":"2021-10-15","proration":"prorate_at_renewal","plan":{"every":"P1M","price":{"recurring":{"amount":"12.00","currency":"EUR"},` +
				`"features":[{"name":"seats","kind":"limitation","quantity_included":1,"quantity_current":4,"unit_price":{"amount":"5.00","currency":"EUR"}}]}}}`},
			{"terminate_now_with_credit", `{"on":"2021-10-21","credit":"prorated"}`},
		} {
			if err := c.must(200, "POST", cmd+r.name, r.body, nil); err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
		}
		if err := playDays(c, day("2021-10-01"), day("2021-11-30")); err != nil {
			t.Fatal(err)
		}
		// 10-11: 3 seats × 5.00 × 21/31 = 10.16. 10-21: no renewal follows,
		// so the termination issues the lines ProrateAtRenewal kept for it,
		// 17/31 × (27.00 − 25.00) = 1.10, and credits the 11 days left at
		// the terms in effect, 27.00 × 11/31 = 9.58.
		got := filed(t, c, "s1")
		want := []string{"T-2021-000001 2021-10-01 10.00", "T-2021-000002 2021-10-11 10.16",
			"T-2021-000003 2021-10-21 1.10", "T-CN-2021-000001 2021-10-21 -9.58"}
		if !slices.Equal(got, want) {
			t.Fatalf("filed %v; want %v", got, want)
		}
		var charged []string
		rows, err := st.DB().Query(`SELECT due, amount_minor FROM charges WHERE subscription_id = 's1' ORDER BY due`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var due string
			var amount int64
			if err := rows.Scan(&due, &amount); err != nil {
				t.Fatal(err)
			}
			charged = append(charged, fmt.Sprintf("%s %d", due, amount))
		}
		if w := []string{"2021-10-01 1000", "2021-10-11 1016", "2021-10-21 110"}; !slices.Equal(charged, w) {
			t.Fatalf("charges %v; want %v: the credit note is not charged", charged, w)
		}
		var notes []store.StoredInvoice
		all, err := st.Invoices(t.Context(), "s1")
		if err != nil {
			t.Fatal(err)
		}
		for _, inv := range all {
			if inv.Kind == store.KindCreditNote {
				notes = append(notes, inv)
			}
		}
		if len(notes) != 1 || notes[0].Credits != "2021-10-01/2021-10-01" || notes[0].Key != "cn/2021-10-21/2021-10-21" {
			t.Fatalf("credit notes %+v; want one crediting the invoice of 2021-10-01", notes)
		}
		if topics := outboxTopics(t, c, "s1"); !slices.Contains(topics, "2021-10-21 credit_note.issued") {
			t.Fatalf("outbox %v lacks the credit note", topics)
		}
	})
}

// TestChangeOnAHandledDay checks the rule for a command dated on the last
// day the job handled: a seat change that rewrites the invoice filed that
// day (the library lets a change dated on an invoice's issue date rewrite
// it), or adds an invoice once the day is charged, is refused; one on a
// day with no charge is accepted, and the next run issues and charges its
// invoice.
func TestChangeOnAHandledDay(t *testing.T) {
	c, st := testServer(t, dbtest.SQLite(t))
	if err := c.must(201, "POST", "/subscriptions", `{"id":"s1","series":"T","terms":`+seatsTerms+`}`, nil); err != nil {
		t.Fatal(err)
	}
	if err := playDays(c, day("2021-10-01"), day("2021-10-01")); err != nil {
		t.Fatal(err)
	}
	cmd := "/subscriptions/s1/commands/change_quantity"
	res, err := c.do("POST", cmd, `{"on":"2021-10-01","feature":"seats","quantity":4,"proration":"prorate_now"}`)
	if err != nil || res.Status != 422 || !strings.Contains(string(res.Body), `"backdated"`) {
		t.Fatalf("seat change rewriting a filed invoice: %d %s %v; want 422 backdated", res.Status, res.Body, err)
	}
	if err := playDays(c, day("2021-10-02"), day("2021-10-11")); err != nil {
		t.Fatal(err)
	}
	if err := c.must(200, "POST", cmd, `{"on":"2021-10-11","feature":"seats","quantity":4,"proration":"prorate_now"}`, nil); err != nil {
		t.Fatalf("seat change on a day without charge: %v", err)
	}
	if err := playDays(c, day("2021-10-12"), day("2021-10-12")); err != nil {
		t.Fatal(err)
	}
	// A change before the job's run of its day, then a second one after it,
	// which would add an invoice to a day charged already.
	if err := c.must(200, "POST", cmd, `{"on":"2021-10-13","feature":"seats","quantity":5,"proration":"prorate_now"}`, nil); err != nil {
		t.Fatal(err)
	}
	if err := playDays(c, day("2021-10-13"), day("2021-10-13")); err != nil {
		t.Fatal(err)
	}
	res, err = c.do("POST", cmd, `{"on":"2021-10-13","feature":"seats","quantity":6,"proration":"prorate_now"}`)
	if err != nil || res.Status != 422 || !strings.Contains(string(res.Body), `"backdated"`) {
		t.Fatalf("second seat change on a charged day: %d %s %v; want 422 backdated", res.Status, res.Body, err)
	}
	got := filed(t, c, "s1")
	// 3 seats × 5.00 × 21/31 = 10.16; on 10-13, 19 days at 30.00 (18.39)
	// less 19 days at 25.00 (15.32), each rounded: 3.07.
	if w := []string{"T-2021-000001 2021-10-01 10.00", "T-2021-000002 2021-10-11 10.16", "T-2021-000003 2021-10-13 3.07"}; !slices.Equal(got, w) {
		t.Fatalf("filed %v; want %v", got, w)
	}
	if ok, err := st.HasCharge(t.Context(), "s1", day("2021-10-11")); err != nil || !ok {
		t.Fatalf("charge of 2021-10-11: %v, %v; want made by the next run", ok, err)
	}
}

// TestPaymentWebhookReplayed records a late payment twice, as a payment
// provider's webhook may arrive twice with different delivery IDs: the
// second appends nothing and answers with a null event. The event keeps
// the body's ref and the X-Caller header.
func TestPaymentWebhookReplayed(t *testing.T) {
	c, _ := testServer(t, dbtest.SQLite(t))
	terms := strings.Replace(monthlyTerms, `}},"start"`, `},"retry":{"attempts":3}},"start"`, 1)
	if err := c.must(201, "POST", "/subscriptions", `{"id":"s1","terms":`+terms+`}`, nil); err != nil {
		t.Fatal(err)
	}
	cmd := "/subscriptions/s1/commands/"
	if err := c.must(200, "POST", cmd+"record_payment_failure", `{"on":"2021-11-01","due":"2021-11-01"}`, nil); err != nil {
		t.Fatal(err)
	}
	body := `{"on":"2021-11-02","due":"2021-11-01","ref":"ch_42"}`
	var first, second struct {
		Version int64
		Event   json.RawMessage
	}
	if err := c.must(200, "POST", cmd+"record_payment", body, &first, "X-Caller", "psp-webhook", "Idempotency-Key", "evt_1"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first.Event), `"ref":"ch_42","meta":{"caller":"psp-webhook","idempotency_key":"evt_1","via":"api"}`) {
		t.Fatalf("payment event %s; want the ref and the caller", first.Event)
	}
	if err := c.must(200, "POST", cmd+"record_payment", body, &second, "X-Caller", "psp-webhook", "Idempotency-Key", "evt_2"); err != nil {
		t.Fatal(err)
	}
	if second.Version != first.Version || string(second.Event) != "null" {
		t.Fatalf("replayed payment: version %d, event %s; want version %d and null", second.Version, second.Event, first.Version)
	}
	res, err := c.do("POST", cmd+"restart", `{"on":"2021-11-03"}`, "X-Caller", strings.Repeat("x", 1025))
	if err != nil || res.Status != 400 || !strings.Contains(string(res.Body), `"field":"X-Caller"`) {
		t.Fatalf("overlong X-Caller: %d %s %v; want 400 naming the header", res.Status, res.Body, err)
	}
}
