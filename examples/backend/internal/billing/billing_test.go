package billing

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/subscription"
)

const monthly = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2021-10-01"}`

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
		{"not an object", `[1]`, "terms", "bad_request"},
		{"unknown field", `{"plan":{},"start":"2021-10-01","evnts":[]}`, "terms.evnts", "bad_request"},
		{"impossible start", strings.Replace(monthly, "2021-10-01", "2021-02-30", 1), "terms.start", "invalid_date"},
		{"no start", `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}}}`, "terms.start", "bad_request"},
		{"start not a string", strings.Replace(monthly, `"2021-10-01"`, `20211001`, 1), "terms.start", "invalid_date"},
		{"bad anchor", strings.Replace(monthly, `}`+`,"start"`, `},"anchor":"2023-02-29","start"`, 1), "terms.anchor", "invalid_date"},
		{"bad recurrence", strings.Replace(monthly, "P1M", "P1.5M", 1), "terms.plan", "invalid_recurrence"},
		{"buyer not a string", strings.Replace(monthly, `"start"`, `"buyer":7,"start"`, 1), "terms.buyer", "bad_request"},
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
		{"no date", "restart", `{}`, "on", "bad_request"},
		{"impossible date", "restart", `{"on":"2021-02-30"}`, "on", "invalid_date"},
		{"month 13", "suspend", `{"on":"2021-13-01","reason":"by_business"}`, "on", "invalid_date"},
		{"unknown field", "restart", `{"on":"2021-10-20","reason":"by_business"}`, "reason", "bad_request"},
		{"bad reason", "suspend", `{"on":"2021-10-20","reason":"bored"}`, "reason", "invalid_event"},
		{"version not a number", "restart", `{"on":"2021-10-20","version":"3"}`, "version", "bad_request"},
		{"bad effective", "schedule_suspension", `{"on":"2021-10-20","reason":"by_business","effective":"2021-11-31"}`, "effective", "invalid_date"},
		{"pause without reason", "add_flexible_pause", `{"on":"2021-10-20","pause":{"days":{"start":"2021-11-01","end":"2021-11-05"},"reason":" "}}`, "pause", "reason_required"},
		{"bad pause date", "add_whole_period_pause", `{"on":"2021-10-20","pause":{"periods":[{"start":"2023-02-29","end":"2023-03-29"}],"reason":"x"}}`, "pause", "invalid_date"},
		{"bad due", "payment_failed", `{"on":"2021-10-20","due":"yesterday"}`, "due", "invalid_date"},
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
			`{"on":"2021-10-20","pause":{"periods":[{"start":"2021-10-01","end":"2021-11-01"}],"reason":"travel"}}`), "period_invoiced", pause.ErrPeriodInvoiced},
		{"event before the start", s, mustCommand(t, "suspend", `{"on":"2021-09-01","reason":"by_business"}`), "before_start", subscription.ErrBeforeStart},
		{"payment of nothing", s, mustCommand(t, "payment_succeeded", `{"on":"2021-10-20","due":"2021-10-01"}`), "not_due", subscription.ErrNotDue},
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

func TestClassifyUnknown(t *testing.T) {
	if _, _, ok := Classify(errors.New("disk on fire")); ok {
		t.Fatal("an error of no known sentinel was classified")
	}
	seen := map[string]bool{}
	for _, c := range Codes() {
		if c == "" || seen[c] {
			t.Fatalf("code %q empty or listed twice", c)
		}
		seen[c] = true
	}
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
	if err != nil || len(due.Invoices) != 1 {
		t.Fatalf("DueOn(2021-11-10) = %+v, %v; want one invoice", due, err)
	}
	inv := due.Invoices[0]
	if inv.Key != "2021-11-10/2021-11-10" || inv.PeriodEnd.String() != "2021-12-10" || inv.TotalMinor != 1000 || inv.Currency != "EUR" {
		t.Fatalf("renewal invoice %+v", inv)
	}
	if next, ok := s.NextActionAfter(ev.On); !ok || next.String() != "2021-12-10" {
		t.Fatalf("NextActionAfter(2021-11-10) = %s, %v; want 2021-12-10", next, ok)
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
