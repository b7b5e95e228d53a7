package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Termination: 2026-04-01 (last day 2026-03-31)",
		"paused      2025-03-10  2025-03-23  14",
		"paused      2025-06-01  2025-07-31  61",
		"terminated  2026-04-01",
		"2026-03-01   [2026-03-01, 2026-04-01)  planned  extension     49.00",
		"13 invoices                                                  637.00",
		"unfrozen on 2025-08-01  [2025-08-01, 2025-08-31)  30    7",
		"yoga-0310     2025-03-10  delete",
		"boxing-0731   2025-07-31  delete",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, absent := range []string{"2025-06-01   [2025-06-01", "2025-07-01   [2025-07-01", "spin-0324", "boxing-0801", "pilates-0531"} {
		if strings.Contains(out, absent) {
			t.Errorf("output has %q:\n%s", absent, out)
		}
	}
}

func TestMembership(t *testing.T) {
	s, err := membership()
	if err != nil {
		t.Fatal(err)
	}
	if end, ok := s.TerminationDate(); !ok || end != period.MustParseDate("2026-04-01") {
		t.Errorf("termination = %s, %v; want 2026-04-01", end, ok)
	}
	if got := len(slices.Collect(s.Pauses("injury"))); got != 1 {
		t.Errorf("pauses for injury = %d, want 1", got)
	}
	for d, want := range map[string]bool{"2025-03-09": true, "2025-03-10": false, "2025-03-23": false, "2025-03-24": true, "2025-06-15": false, "2025-08-01": true} {
		if got := s.Entitled(period.MustParseDate(d)); got != want {
			t.Errorf("entitled on %s = %v, want %v", d, got, want)
		}
	}
}
