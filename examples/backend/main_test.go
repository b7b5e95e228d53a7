package main

import (
	"bytes"
	"context"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billcycle/billcycle/examples/backend/internal/api"
	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// TestOnlyBillingImportsTheLibrary keeps the seam: outside
// internal/billing, no non-test file imports a billcycle package, so that
// re-pointing the backend at a new library API touches one package.
func TestOnlyBillingImportsTheLibrary(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if strings.HasPrefix(filepath.ToSlash(path), "internal/billing/") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if strings.HasPrefix(p, "github.com/billcycle/billcycle/") && !strings.HasPrefix(p, "github.com/billcycle/billcycle/examples/") {
				t.Errorf("%s imports %s: go through internal/billing", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDemo runs the demo as `go run .` does and checks what it prints.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-db", dbtest.SQLite(t).DSN}, &out); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"gym-4711: 10 invoices and 0 credit notes issued; state on 2025-12-31: active\n",
		"GYM-2025-000006  2025-08-01  [2025-08-01, 2025-09-01)  49.00 EUR  recurring",
		"saas-acme: 11 invoices and 1 credit note issued; state on 2025-12-31: terminated\n",
		"SAAS-2025-000003     2025-03-01  [2025-03-01, 2025-03-15)  18.00 EUR   proration",
		"SAAS-2025-000006     2025-05-20  [2025-05-20, 2025-06-20)  135.00 EUR  renewal",
		"SAAS-CN-2025-000001  2025-09-05  [2025-09-05, 2025-09-20)  -11.61 EUR  credit",
		"saas-acme  state.changed       suspension: past_due → suspended payment_due",
		"saas-acme  credit_note.issued  SAAS-CN-2025-000001, -11.61, credits SAAS-2025-000009",
		"gym-4711   attempt.due         charge of 2025-09-01 #2 paid",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out.String())
	}
}

func TestRunRefusesUnknownCommands(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"run-due"}, {"run-due", "-db", "x.db", "-date", "2021-02-30"}} {
		if err := run(context.Background(), args, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded; want an error", args)
		}
	}
}

func TestTriggerNext(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	tr := trigger{loc: paris, at: 2 * time.Hour}
	tests := []struct {
		now, fire, day string
	}{
		{"2025-03-10T00:30:00Z", "2025-03-10T01:00:00Z", "2025-03-10"}, // 01:30 in Paris: today at 02:00
		{"2025-03-10T02:00:00Z", "2025-03-11T01:00:00Z", "2025-03-11"}, // 03:00 in Paris: tomorrow
		{"2025-03-29T23:30:00Z", "2025-03-30T01:00:00Z", "2025-03-30"}, // the night clocks go forward: two hours after midnight is 03:00 CEST
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		fire, d := tr.next(now)
		if got := fire.UTC().Format(time.RFC3339); got != tt.fire || d.String() != tt.day {
			t.Errorf("next(%s) = %s, %s; want %s, %s", tt.now, got, d, tt.fire, tt.day)
		}
	}
}

// TestTriggerLoop runs the trigger on a fake clock: once at start for
// today, then once a day.
func TestTriggerLoop(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	ctx, cancel := context.WithCancel(context.Background())
	var days []string
	tr := trigger{loc: time.UTC, at: 2 * time.Hour,
		now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now },
		after: func(d time.Duration) <-chan time.Time {
			mu.Lock()
			now = now.Add(d)
			mu.Unlock()
			c := make(chan time.Time, 1)
			c <- now
			return c
		}}
	tr.loop(ctx, func(d date.Date) {
		if days = append(days, d.String()); len(days) == 4 {
			cancel()
		}
	})
	if got := strings.Join(days, " "); !strings.HasPrefix(got, "2025-01-01 2025-01-02 2025-01-03 2025-01-04") {
		t.Fatalf("trigger ran on %s; want 2025-01-01 then each next day", got)
	}
}

// FuzzCommandOverHTTP sends any body to any command of a stored
// subscription and checks the answer is never a 500.
func FuzzCommandOverHTTP(f *testing.F) {
	st, err := store.Open(context.Background(), dbtest.SQLite(f).DSN)
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	h := (&api.Server{Store: st, Runner: &job.Runner{Store: st, PSP: &job.FakePSP{}}}).Handler()
	req := httptest.NewRequest("POST", "/subscriptions", strings.NewReader(`{"id":"s1","terms":`+monthlyTerms+`}`))
	rec := httptest.NewRecorder()
	if h.ServeHTTP(rec, req); rec.Code != http.StatusCreated {
		f.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	f.Add("restart", `{"on":"2021-10-20"}`)
	f.Add("suspend", `{"on":"2021-10-20","reason":"payment_due","version":0}`)
	f.Add("add_flexible_pause", `{"on":"2021-10-20","pause":{"days":{"start":"2021-11-01","end":"2021-11-05"},"reason":"x"}}`)
	f.Add("terminate_on", `{"on":"2021-10-20","end":"9999-12-31"}`)
	f.Fuzz(func(t *testing.T, name, body string) {
		for _, path := range []string{"/subscriptions/s1/commands/", "/subscriptions/s1/preview/"} {
			req := httptest.NewRequest("POST", path+url.PathEscape(name), strings.NewReader(body))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("POST %s%s %q: %d %s", path, name, body, rec.Code, rec.Body)
			}
		}
	})
}
