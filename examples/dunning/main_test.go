package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"04-02 failed, 04-03 planned, 04-04 planned, 04-05 planned, 04-06 planned  retrying",
		"04-02 failed, 04-04 planned, 04-06 planned, 04-08 planned",
		"04-02 failed, 04-03 succeeded",
		"exhausted    2024-04-06  true",
		"exhausted    2024-04-08  true",
		"2024-04-01 [2024-04-01, 2024-05-01)  10.00 EUR  2024-05-01",
		"2024-04-06 (last day 2024-04-05)",
		"2024-04-08 (last day 2024-04-07)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEndings(t *testing.T) {
	for _, p := range policies {
		_, rec, exh, err := variants(p)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		last := due + date.Date(mustWindow(p.p)) // D+N: the day of the last attempt
		for d := period.MustParseDate("2024-03-25"); d < period.MustParseDate("2024-04-15"); d++ {
			if !rec.sub.Entitled(d) {
				t.Errorf("%s: recovered not entitled on %s", p.name, d)
			}
			if want := d < last; exh.sub.Entitled(d) != want {
				t.Errorf("%s: exhausted entitled on %s = %v, want %v", p.name, d, !want, want)
			}
		}
		if got := exh.sub.StatusOn(last).State; got != subscription.Terminated {
			t.Errorf("%s: state on %s = %s, want terminated", p.name, last, got)
		}
		if end, ok := exh.sub.TerminationDate(); !ok || end != last {
			t.Errorf("%s: termination = %s, %v; want %s", p.name, end, ok, last)
		}
		for rp := range exh.sub.RetryPeriods() {
			for _, a := range rp.Attempts {
				if a.On > last {
					t.Errorf("%s: attempt %s after the end %s", p.name, a.On, last)
				}
			}
		}
	}
}

func mustWindow(p retry.Policy) int {
	w, err := p.Window()
	if err != nil {
		panic(err)
	}
	return w
}
