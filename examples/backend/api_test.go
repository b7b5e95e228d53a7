package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/billcycle/billcycle/examples/backend/internal/api"
	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/rickb777/date/v2"
)

const monthlyTerms = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2021-10-01"}`

func createMonthly(t *testing.T, c *client, id string) {
	t.Helper()
	if err := c.must(201, "POST", "/subscriptions", `{"id":"`+id+`","terms":`+monthlyTerms+`}`, nil); err != nil {
		t.Fatal(err)
	}
}

// TestProblems checks every kind of refusal: RFC 9457 problem+json with a
// stable code, 400 naming the field for what cannot be read, never a 500.
func TestProblems(t *testing.T) {
	c, _ := testServer(t, dbtest.SQLite(t))
	createMonthly(t, c, "s1")
	cmd := "/subscriptions/s1/commands/"
	huge := `{"on":"2021-10-20","x":"` + strings.Repeat("a", api.MaxBody) + `"}`
	tests := []struct {
		name, method, path, body string
		status                   int
		code, field              string
	}{
		{"bad JSON", "POST", cmd + "restart", `{"on":`, 400, "bad_request", "body"},
		{"impossible date", "POST", cmd + "restart", `{"on":"2021-02-30"}`, 400, "invalid_date", "on"},
		{"date not a string", "POST", cmd + "restart", `{"on":20211020}`, 400, "invalid_date", "on"},
		{"unknown field", "POST", cmd + "restart", `{"on":"2021-10-20","when":"now"}`, 400, "bad_request", "when"},
		{"bad terms date", "POST", "/subscriptions", `{"terms":` + strings.Replace(monthlyTerms, "2021-10-01", "2023-02-29", 1) + `}`, 400, "invalid_date", "terms.start"},
		{"bad terms type", "POST", "/subscriptions", `{"terms":{},"series":7}`, 400, "bad_request", "series"},
		{"bad id", "POST", "/subscriptions", `{"id":"a b","terms":` + monthlyTerms + `}`, 400, "bad_request", "id"},
		{"bad query date", "GET", "/subscriptions/s1/state?on=2021-13-01", "", 400, "invalid_date", "on"},
		{"missing query date", "GET", "/subscriptions/s1/state", "", 400, "bad_request", "on"},
		{"bad span", "GET", "/subscriptions/s1/timeline?from=2022-01-01&to=2021-01-01", "", 400, "bad_request", "to"},
		{"bad outbox cursor", "GET", "/outbox?after=x", "", 400, "bad_request", "after"},
		{"outbox ack without id", "POST", "/outbox/delivered", `{}`, 400, "bad_request", "through"},
		{"body too large", "POST", cmd + "restart", huge, 413, "body_too_large", ""},
		{"unknown command", "POST", cmd + "reboot", `{"on":"2021-10-20"}`, 404, "unknown_command", ""},
		{"unknown subscription", "POST", "/subscriptions/nobody/commands/restart", `{"on":"2021-10-20"}`, 404, "not_found", ""},
		{"unknown route", "GET", "/nowhere", "", 404, "not_found", ""},
		{"refused by the library", "POST", cmd + "restart", `{"on":"2021-10-20"}`, 422, "not_suspended", ""},
		{"pause of an invoiced period", "POST", cmd + "add_whole_period_pause",
			`{"on":"2021-10-20","pause":{"periods":[{"start":"2021-10-01","end":"2021-11-01"}],"reason":"travel"}}`, 422, "period_invoiced", ""},
		{"stale version", "POST", cmd + "suspend", `{"on":"2021-10-20","reason":"by_business","version":7}`, 409, "version_conflict", ""},
		{"taken id", "POST", "/subscriptions", `{"id":"s1","terms":` + monthlyTerms + `}`, 409, "duplicate", ""},
		{"bad pass", "POST", "/subscriptions/s1/passes", `{"pass":{"valid":{"start":"2025-06-01","end":"2025-09-01"},"sessions":2,"used":5}}`, 400, "invalid_pass", "pass"},
		{"pass refusal", "POST", "/subscriptions/s1/passes/none/commands/freeze", `{"on":"2025-06-01"}`, 404, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.do(tt.method, tt.path, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			var p api.Problem
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" || json.Unmarshal(res.Body, &p) != nil {
				t.Fatalf("%s %s: %d %s %s; want a problem", tt.method, tt.path, res.Status, ct, res.Body)
			}
			if res.Status != tt.status || p.Status != tt.status || p.Code != tt.code || p.Field != tt.field || p.Type != "/problems/"+tt.code {
				t.Fatalf("%s %s: %d %+v; want %d code %s field %q", tt.method, tt.path, res.Status, p, tt.status, tt.code, tt.field)
			}
			if p.Detail == "" || p.Title != http.StatusText(tt.status) {
				t.Fatalf("problem without detail or title: %+v", p)
			}
		})
	}
}

// TestIdempotencyKey checks that a retried command returns the first answer
// and appends nothing, and that the key cannot serve another request.
func TestIdempotencyKey(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		c, _ := testServer(t, db)
		createMonthly(t, c, "s1")
		body := `{"on":"2021-10-15","reason":"by_business"}`
		first, err := c.do("POST", "/subscriptions/s1/commands/suspend", body, "Idempotency-Key", "webhook-1")
		if err != nil || first.Status != 200 {
			t.Fatalf("first: %d %s %v", first.Status, first.Body, err)
		}
		again, err := c.do("POST", "/subscriptions/s1/commands/suspend", body, "Idempotency-Key", "webhook-1")
		if err != nil || again.Status != 200 || string(again.Body) != string(first.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("retry: %d %s %v; want the first answer %s", again.Status, again.Body, err, first.Body)
		}
		var sub struct{ Version int64 }
		if err := c.must(200, "GET", "/subscriptions/s1", nil, &sub); err != nil || sub.Version != 1 {
			t.Fatalf("version after a retried command: %d, %v; want 1", sub.Version, err)
		}
		other := `{"on":"2021-10-16","reason":"by_business"}`
		res, err := c.do("POST", "/subscriptions/s1/commands/suspend", other, "Idempotency-Key", "webhook-1")
		if err != nil || res.Status != 422 || !strings.Contains(string(res.Body), "idempotency_key_reused") {
			t.Fatalf("key reused for another body: %d %s %v; want 422 idempotency_key_reused", res.Status, res.Body, err)
		}
		created := `{"id":"s2","terms":` + monthlyTerms + `}`
		for range 2 {
			if err := c.must(201, "POST", "/subscriptions", created, nil, "Idempotency-Key", "signup-2"); err != nil {
				t.Fatalf("retried creation: %v", err)
			}
		}
	})
}

// TestConcurrentCommands sends commands at one subscription from 8
// goroutines, half without a version (the server retries on a fresh read)
// and half with the version they read (retrying on 409 themselves), and
// checks that every command landed exactly once.
func TestConcurrentCommands(t *testing.T) {
	const goroutines, each = 8, 5
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		c, _ := testServer(t, db)
		createMonthly(t, c, "s1")
		var wg sync.WaitGroup
		errs := make(chan error, goroutines*each)
		for g := range goroutines {
			wg.Go(func() {
				for i := range each {
					errs <- sendPause(c, g, i, g%2 == 0)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var sub struct{ Version int64 }
		var pauses []json.RawMessage
		if err := c.must(200, "GET", "/subscriptions/s1", nil, &sub); err != nil {
			t.Fatal(err)
		}
		if err := c.must(200, "GET", "/subscriptions/s1/pauses", nil, &pauses); err != nil {
			t.Fatal(err)
		}
		if sub.Version != goroutines*each || len(pauses) != goroutines*each {
			t.Fatalf("version %d, %d pauses; want %d of each: an update was lost", sub.Version, len(pauses), goroutines*each)
		}
	})
}

// sendPause adds a two-day flexible pause of its own in 2022, all decided
// on the same day so that any order is valid.
func sendPause(c *client, g, i int, withVersion bool) error {
	start := day("2022-01-03") + date.Date(3*(g*10+i))
	body := fmt.Sprintf(`{"on":"2021-10-10","pause":{"days":{"start":%q,"end":%q},"reason":"g%d"}}`, start, start+2, g)
	for try := 0; try < 50; try++ {
		b := body
		if withVersion {
			var sub struct{ Version int64 }
			if err := c.must(200, "GET", "/subscriptions/s1", nil, &sub); err != nil {
				return err
			}
			b = strings.Replace(body, `{"on"`, fmt.Sprintf(`{"version":%d,"on"`, sub.Version), 1)
		}
		res, err := c.do("POST", "/subscriptions/s1/commands/add_flexible_pause", b)
		if err != nil {
			return err
		}
		switch res.Status {
		case 200:
			return nil
		case 409:
			continue
		default:
			return fmt.Errorf("pause %d/%d: %d %s", g, i, res.Status, res.Body)
		}
	}
	return fmt.Errorf("pause %d/%d: still in conflict after 50 tries", g, i)
}

// TestPreviewStoresNothing previews a restart that renews (ACCEPTANCE S-02)
// and checks the renewal invoice appears after, not before, and that
// nothing was appended.
func TestPreviewStoresNothing(t *testing.T) {
	c, _ := testServer(t, dbtest.SQLite(t))
	createMonthly(t, c, "s1")
	if err := c.must(200, "POST", "/subscriptions/s1/commands/suspend", `{"on":"2021-10-15","reason":"by_business"}`, nil); err != nil {
		t.Fatal(err)
	}
	var p struct {
		Before, After struct {
			Invoices []struct {
				Invoice struct {
					IssueDate string `json:"issue_date"`
				} `json:"invoice"`
			} `json:"invoices"`
		}
	}
	if err := c.must(200, "POST", "/subscriptions/s1/preview/restart?from=2021-10-01&to=2021-12-01", `{"on":"2021-11-10"}`, &p); err != nil {
		t.Fatal(err)
	}
	has := func(invs []struct {
		Invoice struct {
			IssueDate string `json:"issue_date"`
		} `json:"invoice"`
	}) bool {
		for _, i := range invs {
			if i.Invoice.IssueDate == "2021-11-10" {
				return true
			}
		}
		return false
	}
	if has(p.Before.Invoices) || !has(p.After.Invoices) {
		t.Fatalf("preview: renewal before %v, after %v; want only after", has(p.Before.Invoices), has(p.After.Invoices))
	}
	var sub struct{ Version int64 }
	if err := c.must(200, "GET", "/subscriptions/s1", nil, &sub); err != nil || sub.Version != 1 {
		t.Fatalf("version after a preview: %d, %v; want 1", sub.Version, err)
	}
}

// TestBackdatedCommand checks that once the job has handled a day, a
// command dated before it is refused: what it could change is issued. On
// the day handled itself, a command is refused if it would change that
// day's filed invoice (a suspension on a renewal day cancels the renewal),
// and accepted if it leaves it alone.
func TestBackdatedCommand(t *testing.T) {
	c, _ := testServer(t, dbtest.SQLite(t))
	createMonthly(t, c, "s1")
	if err := c.must(200, "POST", "/jobs/run-due", `{"on":"2021-11-01"}`, nil); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{`{"on":"2021-10-20","reason":"by_business"}`, `{"on":"2021-11-01","reason":"by_business"}`} {
		res, err := c.do("POST", "/subscriptions/s1/commands/suspend", body)
		if err != nil || res.Status != 422 || !strings.Contains(string(res.Body), `"backdated"`) {
			t.Fatalf("suspend %s: %d %s %v; want 422 backdated", body, res.Status, res.Body, err)
		}
	}
	if err := c.must(200, "POST", "/subscriptions/s1/commands/schedule_suspension", `{"on":"2021-11-01","effective":"2021-11-15","reason":"by_business"}`, nil); err != nil {
		t.Fatalf("command on the day handled: %v", err)
	}
}

// TestViews checks the read side on a subscription the job has run for:
// issued and planned invoices, the timeline, the agenda and the entity.
func TestViews(t *testing.T) {
	c, _ := testServer(t, dbtest.SQLite(t))
	createMonthly(t, c, "s1")
	if err := c.must(200, "POST", "/jobs/run-due", `{"on":"2021-10-01"}`, nil); err != nil {
		t.Fatal(err)
	}
	var invs []struct {
		Number, Key string
		Issued      bool
	}
	if err := c.must(200, "GET", "/subscriptions/s1/invoices?from=2021-10-01&to=2021-12-01", nil, &invs); err != nil {
		t.Fatal(err)
	}
	if len(invs) != 2 || invs[0].Number != "INV-2021-000001" || !invs[0].Issued || invs[1].Issued || invs[1].Number != "" {
		t.Fatalf("invoices of Oct and Nov: %+v; want Oct issued as INV-2021-000001, Nov planned", invs)
	}
	var tl struct {
		Segments []struct{ State string }
		Invoices []struct{ Issued bool }
	}
	if err := c.must(200, "GET", "/subscriptions/s1/timeline?from=2021-09-01&to=2021-12-01", nil, &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl.Segments) != 2 || tl.Segments[0].State != "pending" || tl.Segments[1].State != "active" || len(tl.Invoices) != 2 || !tl.Invoices[0].Issued || tl.Invoices[1].Issued {
		t.Fatalf("timeline as of the last day run: %+v", tl)
	}
	var agenda []struct{ On string }
	if err := c.must(200, "GET", "/subscriptions/s1/agenda?from=2021-10-02&to=2022-01-01", nil, &agenda); err != nil {
		t.Fatal(err)
	}
	if len(agenda) != 2 || agenda[0].On != "2021-11-01" || agenda[1].On != "2021-12-01" {
		t.Fatalf("agenda: %+v; want the renewals of Nov and Dec", agenda)
	}
	var msgs []struct{ ID int64 }
	if err := c.must(200, "GET", "/outbox", nil, &msgs); err != nil || len(msgs) != 3 {
		t.Fatalf("outbox after the first day: %+v, %v; want invoice, charge and state change", msgs, err)
	}
	if err := c.must(204, "POST", "/outbox/delivered", fmt.Sprintf(`{"through":%d}`, msgs[1].ID), nil); err != nil {
		t.Fatal(err)
	}
	if err := c.must(200, "GET", "/outbox", nil, &msgs); err != nil || len(msgs) != 1 {
		t.Fatalf("outbox after acknowledging two: %+v, %v; want one left", msgs, err)
	}
	var sub struct {
		Version          int64  `json:"version"`
		NextActionOn     string `json:"next_action_on"`
		ProcessedThrough string `json:"processed_through"`
	}
	res, err := c.do("GET", "/subscriptions/s1", nil)
	if err != nil || json.Unmarshal(res.Body, &sub) != nil || sub.NextActionOn != "2021-11-01" || sub.ProcessedThrough != "2021-10-01" || res.Header.Get("ETag") != `"0"` {
		t.Fatalf("subscription: %s %v; want next action 2021-11-01, processed through 2021-10-01, ETag \"0\"", res.Body, err)
	}
}
