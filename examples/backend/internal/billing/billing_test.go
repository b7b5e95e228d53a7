package billing

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

const monthly = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2021-10-01"}`

// planJSON is a monthly plan at the given price in EUR.
func planJSON(price string) string {
	return `{"every":"P1M","price":{"recurring":{"amount":"` + price + `","currency":"EUR"}}}`
}

func mustSub(t *testing.T, terms string) Subscription {
	t.Helper()
	s, _, err := NewSubscription([]byte(terms))
	if err != nil {
		t.Fatalf("NewSubscription(%s): %v", terms, err)
	}
	return s
}

func TestNewSubscriptionFields(t *testing.T) {
	tests := []struct {
		name, terms, field, code string
	}{
		{"not an object", `[1]`, "terms", "invalid_terms"},
		{"null", `null`, "terms", "bad_request"},
		{"not JSON", `{"plan":`, "terms", "bad_request"},
		{"unknown field", strings.Replace(monthly, `"start"`, `"evnts":[],"start"`, 1), "terms.evnts", "invalid_terms"},
		{"events", strings.Replace(monthly, `"start"`, `"events":[{"kind":"suspend","date":"2021-10-02","reason":"by_business"}],"start"`, 1), "terms.events", "bad_request"},
		{"impossible start", strings.Replace(monthly, "2021-10-01", "2021-02-30", 1), "terms.start", "invalid_date"},
		{"no start", `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}}}`, "terms.start", "invalid_terms"},
		{"start not a string", strings.Replace(monthly, `"2021-10-01"`, `20211001`, 1), "terms.start", "invalid_terms"},
		{"bad anchor", strings.Replace(monthly, `}`+`,"start"`, `},"anchor":"2023-02-29","start"`, 1), "terms.anchor", "invalid_date"},
		{"bad recurrence", strings.Replace(monthly, "P1M", "P1.5M", 1), "terms.plan.every", "invalid_recurrence"},
		{"bad amount", strings.Replace(monthly, "10.00", "10.001", 1), "terms.plan.price.recurring.amount", "invalid_amount"},
		{"buyer not a string", strings.Replace(monthly, `"start"`, `"buyer":7,"start"`, 1), "terms.buyer", "invalid_terms"},
		{"key given twice", strings.Replace(monthly, `"start"`, `"buyer":"a","buyer":"b","start"`, 1), "terms.buyer", "invalid_terms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := NewSubscription([]byte(tt.terms))
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("NewSubscription error %v; want a FieldError on %s", err, tt.field)
			}
			if code, status, _ := Classify(err); code != tt.code || status != http.StatusBadRequest {
				t.Fatalf("Classify(%v) = %s, %d; want %s, 400", err, code, status, tt.code)
			}
		})
	}
}

func TestTermsRoundTrip(t *testing.T) {
	s, canon, err := NewSubscription([]byte(`{"beneficiary":"m1","start":"2021-10-01","plan":{"every":"P1M","price":{"recurring":{"amount":"10","currency":"EUR"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Replay(canon, nil)
	if err != nil {
		t.Fatalf("Replay(canonical terms %s): %v", canon, err)
	}
	if r.Start() != s.Start() || r.Beneficiary() != "m1" || r.Version() != 0 {
		t.Fatalf("replayed start %s, beneficiary %q, version %d", r.Start(), r.Beneficiary(), r.Version())
	}
}

func TestDecodeCommand(t *testing.T) {
	tests := []struct {
		name, cmd, body, field, code string
	}{
		{"not JSON", "restart", `{"on":`, "body", "bad_request"},
		{"trailing data", "restart", `{"on":"2021-10-20"} {}`, "body", "bad_request"},
		{"key given twice", "restart", `{"on":"2021-10-20","on":"2021-10-21"}`, "on", "bad_request"},
		{"no date", "restart", `{}`, "on", "bad_request"},
		{"null date", "restart", `{"on":null}`, "on", "bad_request"},
		{"impossible date", "restart", `{"on":"2021-02-30"}`, "on", "invalid_date"},
		{"month 13", "suspend", `{"on":"2021-13-01","reason":"by_business"}`, "on", "invalid_date"},
		{"unknown field", "restart", `{"on":"2021-10-20","reason":"by_business"}`, "reason", "bad_request"},
		{"bad reason", "suspend", `{"on":"2021-10-20","reason":"bored"}`, "reason", "invalid_event"},
		{"version not a number", "restart", `{"on":"2021-10-20","version":"3"}`, "version", "bad_request"},
		{"ref not a string", "restart", `{"on":"2021-10-20","ref":3}`, "ref", "bad_request"},
		{"ref too long", "restart", `{"on":"2021-10-20","ref":"` + strings.Repeat("r", 257) + `"}`, "ref", "bad_request"},
		{"bad effective", "schedule_suspension", `{"on":"2021-10-20","reason":"by_business","effective":"2021-11-31"}`, "effective", "invalid_date"},
		{"pause without reason", "add_flexible_pause", `{"on":"2021-10-20","pause":{"days":{"start":"2021-11-01","end":"2021-11-05"},"reason":" "}}`, "pause", "reason_required"},
		{"bad pause date", "add_whole_period_pause", `{"on":"2021-10-20","pause":{"periods":[{"start":"2023-02-29","end":"2023-03-29"}],"reason":"x"}}`, "pause.periods[0].start", "invalid_date"},
		{"bad due", "record_payment_failure", `{"on":"2021-10-20","due":"yesterday"}`, "due", "invalid_date"},
		{"no proration", "change_plan_now", `{"on":"2021-10-20","plan":` + planJSON("20.00") + `}`, "proration", "bad_request"},
		{"bad proration", "change_quantity", `{"on":"2021-10-20","feature":"seats","quantity":3,"proration":"sometimes"}`, "proration", "invalid_event"},
		{"quantity not a number", "change_quantity", `{"on":"2021-10-20","feature":"seats","quantity":"3","proration":"prorate_now"}`, "quantity", "bad_request"},
		{"bad credit", "terminate_now_with_credit", `{"on":"2021-10-20","credit":"half"}`, "credit", "invalid_event"},
		{"bad discount", "grant_discount", `{"on":"2021-10-20","discount":{"name":"x","kind":"percent","percent":"120"}}`, "discount.percent", "invalid_percent"},
		{"bad plan", "change_plan", `{"on":"2021-10-20","plan":{"every":"P1M"}}`, "plan.price", "invalid_plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeCommand(tt.cmd, []byte(tt.body))
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("DecodeCommand(%s, %s) error %v; want a FieldError on %s", tt.cmd, tt.body, err, tt.field)
			}
			if code, status, _ := Classify(err); code != tt.code || status != http.StatusBadRequest {
				t.Fatalf("Classify(%v) = %s, %d; want %s, 400", err, code, status, tt.code)
			}
		})
	}
	if _, err := DecodeCommand("reboot", []byte(`{}`)); !errors.Is(err, ErrUnknownCommand) {
		t.Fatalf("unknown command: %v; want ErrUnknownCommand", err)
	}
}

// TestApplyRefusals checks that the library's refusals come back with the
// stable code of their sentinel and a 422 (ACCEPTANCE S-05 and W-06).
func TestApplyRefusals(t *testing.T) {
	s := mustSub(t, monthly)
	ended, _, err := s.Apply(mustCommand(t, "terminate_now", `{"on":"2021-10-15"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sub  Subscription
		cmd  Command
		code string
		is   error
	}{
		{"restart after termination", ended, mustCommand(t, "restart", `{"on":"2021-10-20"}`), "terminated", subscription.ErrTerminated},
		{"restart of an active subscription", s, mustCommand(t, "restart", `{"on":"2021-10-20"}`), "not_suspended", subscription.ErrNotSuspended},
		{"pause of an invoiced period", s, mustCommand(t, "add_whole_period_pause",
			`{"on":"2021-10-20","pause":{"periods":[{"start":"2021-10-01","end":"2021-11-01"}],"reason":"travel"}}`), "period_invoiced", subscription.ErrPeriodInvoiced},
		{"event before the start", s, mustCommand(t, "suspend", `{"on":"2021-09-01","reason":"by_business"}`), "before_start", subscription.ErrBeforeStart},
		{"payment of nothing", s, mustCommand(t, "record_payment", `{"on":"2021-10-20","due":"2021-10-01"}`), "not_due", subscription.ErrNotDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := tt.sub.Apply(tt.cmd)
			if !errors.Is(err, tt.is) {
				t.Fatalf("Apply: %v; want %v", err, tt.is)
			}
			if code, status, ok := Classify(err); !ok || code != tt.code || status != http.StatusUnprocessableEntity {
				t.Fatalf("Classify(%v) = %s, %d, %v; want %s, 422", err, code, status, ok, tt.code)
			}
		})
	}
}

func mustCommand(t *testing.T, name, body string) Command {
	t.Helper()
	c, err := DecodeCommand(name, []byte(body))
	if err != nil {
		t.Fatalf("DecodeCommand(%s, %s): %v", name, body, err)
	}
	return c
}

// TestRestartRenews is ACCEPTANCE S-02 through the layer: suspended on
// 2021-10-15, restarted on 2021-11-10, one renewal invoice on 11-10 for
// [11-10, 12-10), and the next action is that renewal's end.
func TestRestartRenews(t *testing.T) {
	s := mustSub(t, monthly)
	s, _, err := s.Apply(mustCommand(t, "suspend", `{"on":"2021-10-15","reason":"by_business"}`))
	if err != nil {
		t.Fatal(err)
	}
	s, ev, err := s.Apply(mustCommand(t, "restart", `{"on":"2021-11-10"}`))
	if err != nil || ev.Kind != "restart" || ev.On.String() != "2021-11-10" {
		t.Fatalf("restart: event %+v, %v", ev, err)
	}
	due, err := s.DueOn(ev.On)
	if err != nil || len(due.Invoices) != 1 || len(due.Changes) != 1 || due.Changes[0].Kind != "restart" {
		t.Fatalf("DueOn(2021-11-10) = %+v, %v; want one invoice", due, err)
	}
	inv := due.Invoices[0]
	if inv.Key != "2021-11-10/2021-11-10" || inv.PeriodEnd.String() != "2021-12-10" || inv.TotalMinor != 1000 || inv.Currency != "EUR" {
		t.Fatalf("renewal invoice %+v", inv)
	}
	if next, ok := s.NextAction(ev.On); !ok || next.String() != "2021-12-10" {
		t.Fatalf("NextAction(2021-11-10) = %s, %v; want 2021-12-10", next, ok)
	}
}

func TestDrift(t *testing.T) {
	s := mustSub(t, monthly)
	invs, err := s.Invoices(s.Start(), s.Start()+62)
	if err != nil || len(invs) < 3 {
		t.Fatalf("Invoices: %d, %v", len(invs), err)
	}
	through := invs[1].IssueDate
	stored := map[string][]byte{invs[0].Key: invs[0].JSON, invs[1].Key: invs[1].JSON}
	if d, err := s.Drift(stored, through); err != nil || len(d) != 0 {
		t.Fatalf("Drift of what was computed = %+v, %v; want none", d, err)
	}
	changed := []byte(strings.Replace(string(invs[0].JSON), `"10.00"`, `"11.00"`, -1))
	stored = map[string][]byte{invs[0].Key: changed, "1999-01-01/1999-01-01": invs[1].JSON}
	d, err := s.Drift(stored, through)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, x := range d {
		kinds = append(kinds, x.Kind+" "+x.Key)
	}
	want := "missing 1999-01-01/1999-01-01,changed " + invs[0].Key + ",unexpected " + invs[1].Key
	if strings.Join(kinds, ",") != want {
		t.Fatalf("Drift = %v; want %s", kinds, want)
	}
}

// seatsMonthly is monthly at 10.00 from 2021-10-01 with one seat included
// and 5.00 per seat beyond.
const seatsMonthly = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"},` +
	`"features":[{"name":"seats","kind":"limitation","quantity_included":1,"quantity_current":1,` +
	`"unit_price":{"amount":"5.00","currency":"EUR"}}]}},"start":"2021-10-01"}`

// TestChangesInsideAPeriod applies the commands of issue 14 through the
// layer and checks the documents they issue on their day (October has 31
// days; 21 are left on 2021-10-11): the events the library writes, and the
// amounts day by day, rounded once per line.
func TestChangesInsideAPeriod(t *testing.T) {
	tests := []struct {
		name, cmd, body, kind string
		docs                  []string // key total_minor on the command's day
	}{
		{"seats added now", "change_quantity", `{"on":"2021-10-11","feature":"seats","quantity":4,"proration":"prorate_now"}`,
			"change_quantity", []string{"2021-10-11/2021-10-11 1016"}}, // 3 seats × 5.00 × 21/31 = 10.16
		{"seats added at renewal", "change_quantity", `{"on":"2021-10-11","feature":"seats","quantity":4,"proration":"prorate_at_renewal"}`,
			"change_quantity", nil},
		{"upgrade now", "change_plan_now", `{"on":"2021-10-11","proration":"prorate_now","plan":` + planJSON("20.00") + `}`,
			"change_plan_now", []string{"2021-10-11/2021-10-11 678"}}, // 21/31 × 20.00 = 13.55 less 21/31 × 10.00 = 6.77, each rounded
		{"downgrade now", "change_plan_now", `{"on":"2021-10-11","proration":"prorate_now","plan":` + planJSON("4.00") + `}`,
			"change_plan_now", []string{"cn/2021-10-11/2021-10-11 -406"}}, // a credit note: 21/31 × (4.00 − 10.00)
		{"termination with a prorated credit", "terminate_now_with_credit", `{"on":"2021-10-11","credit":"prorated"}`,
			"terminate", []string{"cn/2021-10-11/2021-10-11 -677"}},
		{"termination with no credit", "terminate_now_with_credit", `{"on":"2021-10-11","credit":"no_credit"}`,
			"terminate", nil},
		{"discount granted", "grant_discount", `{"on":"2021-10-11","discount":{"name":"Sorry","kind":"fixed","amount":{"amount":"2.00","currency":"EUR"},"periods":1}}`,
			"grant_discount", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSub(t, seatsMonthly)
			s, ev, err := s.Apply(mustCommand(t, tt.cmd, tt.body))
			if err != nil || ev.Kind != tt.kind || ev.On.String() != "2021-10-11" {
				t.Fatalf("Apply: event %+v, %v; want %s on 2021-10-11", ev, err, tt.kind)
			}
			due, err := s.DueOn(ev.On)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, inv := range due.Invoices {
				got = append(got, fmt.Sprintf("%s %d", inv.Key, inv.TotalMinor))
				if inv.CreditNote && inv.Credits != "2021-10-01/2021-10-01" {
					t.Errorf("credit note %s credits %q; want the October invoice", inv.Key, inv.Credits)
				}
			}
			if !slices.Equal(got, tt.docs) {
				t.Fatalf("documents of 2021-10-11: %v; want %v", got, tt.docs)
			}
		})
	}
	s := mustSub(t, seatsMonthly)
	s, _, err := s.Apply(mustCommand(t, "grant_discount", `{"on":"2021-10-11","discount":{"name":"Sorry","kind":"fixed","amount":{"amount":"2.00","currency":"EUR"},"periods":1}}`))
	if err != nil {
		t.Fatal(err)
	}
	invs, err := s.Invoices(date.New(2021, 11, 1), date.New(2021, 12, 2))
	if err != nil || len(invs) != 2 || invs[0].TotalMinor != 800 || invs[1].TotalMinor != 1000 {
		t.Fatalf("invoices after a discount for one period: %+v, %v; want 8.00 then 10.00", invs, err)
	}
}

// TestEventsKeepRefAndMeta checks that a command's ref and metadata reach
// the event, its JSON and a replay, and that a payment recorded twice (a
// replayed webhook) appends nothing.
func TestEventsKeepRefAndMeta(t *testing.T) {
	retrying := strings.Replace(monthly, `}},"start"`, `},"retry":{"attempts":2}},"start"`, 1)
	s := mustSub(t, retrying)
	s, ev, err := s.RecordChargeFailure(date.New(2021, 10, 1), date.New(2021, 10, 1), "ch_1", map[string]string{"via": "daily-job"})
	if err != nil || !strings.Contains(string(ev.JSON), `"ref":"ch_1"`) || !strings.Contains(string(ev.JSON), `"meta":{"via":"daily-job"}`) {
		t.Fatalf("failure event %s, %v; want the ref and the meta", ev.JSON, err)
	}
	c := mustCommand(t, "record_payment", `{"on":"2021-10-02","due":"2021-10-01","ref":"ch_2"}`)
	c.Meta, err = MetaFor("psp-webhook", "evt_9")
	if err != nil {
		t.Fatal(err)
	}
	paid, ev, err := s.Apply(c)
	want := `{"kind":"record_payment","date":"2021-10-02","due":"2021-10-01","ref":"ch_2","meta":{"caller":"psp-webhook","idempotency_key":"evt_9","via":"api"}}`
	if err != nil || string(ev.JSON) != want {
		t.Fatalf("payment event %s, %v; want %s", ev.JSON, err, want)
	}
	again, ev, err := paid.Apply(c)
	if err != nil || ev.JSON != nil || again.Version() != paid.Version() {
		t.Fatalf("payment recorded again: event %s, version %d, %v; want nothing appended", ev.JSON, again.Version(), err)
	}
	_, terms, err := NewSubscription([]byte(retrying))
	if err != nil {
		t.Fatal(err)
	}
	var evs [][]byte
	for e := range paid.s.Events() {
		b, _ := json.Marshal(e)
		evs = append(evs, b)
	}
	r, err := Replay(terms, evs)
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	if a, b := mustJSONOf(t, paid), mustJSONOf(t, r); a != b {
		t.Fatalf("replayed %s; want %s", b, a)
	}
	if _, err := MetaFor(strings.Repeat("x", 1025), ""); err == nil {
		t.Fatal("a 1025-byte caller was accepted")
	}
}

func mustJSONOf(t *testing.T, s Subscription) string {
	t.Helper()
	b, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
