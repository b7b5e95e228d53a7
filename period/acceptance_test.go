package period_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// day parses a constant ISO date for tests.
func day(s string) date.Date { return period.MustParseDate(s) }

// span returns the period [start, end) from two constant ISO dates.
func span(start, end string) period.Period {
	return period.Period{Start: day(start), End: day(end)}
}

// firstPeriods returns the first n periods of s, through the public
// iterator.
func firstPeriods(s period.Schedule, n int) []period.Period {
	var got []period.Period
	for p := range s.PeriodsFrom(s.Anchor) {
		if len(got) == n {
			break
		}
		got = append(got, p)
	}
	return got
}

// checkPeriods checks that s's first periods are want, both through
// PeriodsFrom and through Period(k).
func checkPeriods(t *testing.T, s period.Schedule, want []period.Period) {
	t.Helper()
	got := firstPeriods(s, len(want))
	if len(got) != len(want) {
		t.Fatalf("PeriodsFrom(%s) yielded %d periods; want %d", s.Anchor, len(got), len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("PeriodsFrom(%s)[%d] = %s; want %s", s.Anchor, k, got[k], w)
		}
		if p := periodAt(s, k); p != w {
			t.Errorf("Period(%d) = %s; want %s", k, p, w)
		}
	}
}

func TestAcceptance(t *testing.T) {
	t.Run("R-01", func(t *testing.T) {
		s := period.Schedule{Anchor: day("2021-01-31"), Every: period.Monthly}
		checkPeriods(t, s, []period.Period{
			span("2021-01-31", "2021-02-28"),
			span("2021-02-28", "2021-03-31"),
			span("2021-03-31", "2021-04-30"),
			span("2021-04-30", "2021-05-31"),
		})
	})

	t.Run("R-02", func(t *testing.T) {
		s := period.Schedule{Anchor: day("2024-01-31"), Every: period.Monthly}
		want := []period.Period{
			span("2024-01-31", "2024-02-29"),
			span("2024-02-29", "2024-03-31"),
			span("2024-03-31", "2024-04-30"),
		}
		checkPeriods(t, s, want)
		// The same periods through Periods(from, to).
		var got []period.Period
		for p := range s.Periods(spanOf(day("2024-01-31"), day("2024-04-30"))) {
			got = append(got, p)
		}
		if len(got) != len(want) {
			t.Fatalf("Periods(2024-01-31, 2024-04-30) yielded %v; want %v", got, want)
		}
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("Periods(2024-01-31, 2024-04-30)[%d] = %s; want %s", k, got[k], want[k])
			}
		}
		// Never the chained dates.
		for k, chained := range map[int]date.Date{2: day("2024-03-29"), 3: day("2024-04-29")} {
			if b := boundary(s, k); b == chained {
				t.Errorf("Boundary(%d) = %s: chained, not anchored", k, b)
			}
		}
	})

	t.Run("R-03", func(t *testing.T) {
		s := period.Schedule{Anchor: day("2022-06-03"), Every: period.Weekly}
		if wd := s.Anchor.Weekday().String(); wd != "Friday" {
			t.Fatalf("anchor %s is a %s; want Friday", s.Anchor, wd)
		}
		for k, want := range []string{1: "2022-06-10", 2: "2022-06-17", 3: "2022-06-24"} {
			if k == 0 {
				continue
			}
			if got := boundary(s, k); got != day(want) {
				t.Errorf("Boundary(%d) = %s; want %s", k, got, want)
			}
		}
	})

	t.Run("R-06", func(t *testing.T) {
		s := period.Schedule{Anchor: day("2024-02-29"), Every: period.Yearly}
		want := []period.Period{
			span("2024-02-29", "2025-02-28"),
			span("2025-02-28", "2026-02-28"),
			span("2026-02-28", "2027-02-28"),
			span("2027-02-28", "2028-02-29"),
		}
		checkPeriods(t, s, want)
		for _, tt := range []struct {
			d     string
			wantK int
		}{{"2025-02-28", 1}, {"2025-02-27", 0}} {
			p, k, ok := s.PeriodOf(day(tt.d))
			if !ok || k != tt.wantK || p != want[tt.wantK] {
				t.Errorf("PeriodOf(%s) = %s, %d, %t; want %s, %d, true", tt.d, p, k, ok, want[tt.wantK], tt.wantK)
			}
		}
	})

	t.Run("R-11", func(t *testing.T) {
		s := period.Schedule{Anchor: day("2024-01-31"), Every: period.Monthly}
		d := day("2124-03-15")
		want := span("2124-02-29", "2124-03-31")
		p, k, ok := s.PeriodOf(d)
		if !ok || p != want || k != 1201 {
			t.Fatalf("PeriodOf(%s) = %s, %d, %t; want %s, 1201, true", d, p, k, ok, want)
		}
		// Arithmetic, not a walk: no allocation, and a date 7,500 years on
		// is as easy as one a century on.
		if n := testing.AllocsPerRun(100, func() { _, _, _ = s.PeriodOf(d) }); n != 0 {
			t.Errorf("PeriodOf allocates %v times; want 0", n)
		}
		far := boundary(s, 90_000) + 3
		if k, ok := s.Index(far); !ok || k != 90_000 || far.Year() != 9524 {
			t.Errorf("Index(%s) = %d, %t; want 90000, true", far, k, ok)
		}
	})

	t.Run("V-02", func(t *testing.T) {
		valid := map[string]period.Recurrence{
			"P1D":  {Every: 1, Unit: period.Day},
			"P10D": {Every: 10, Unit: period.Day},
			"P1W":  {Every: 1, Unit: period.Week},
			"P2W":  {Every: 2, Unit: period.Week},
			"P1M":  {Every: 1, Unit: period.Month},
			"P3M":  {Every: 3, Unit: period.Month},
			"P1Y":  {Every: 1, Unit: period.Year},
		}
		for text, want := range valid {
			t.Run(text, func(t *testing.T) {
				r, err := period.ParseRecurrence(text)
				if err != nil {
					t.Fatalf("ParseRecurrence(%q) error: %v", text, err)
				}
				if r != want {
					t.Errorf("ParseRecurrence(%q) = %+v; want %+v", text, r, want)
				}
				if got := r.String(); got != text {
					t.Errorf("ParseRecurrence(%q).String() = %q; want %q", text, got, text)
				}
			})
		}
		for _, text := range []string{"P1M,1Y", "P1.5M", "P0M", "P-1M", "P1Y2M", "P1W2D", "p1m", ""} {
			t.Run(strconv.Quote(text), func(t *testing.T) {
				r, err := period.ParseRecurrence(text)
				if !errors.Is(err, period.ErrInvalidRecurrence) {
					t.Fatalf("ParseRecurrence(%q) = %+v, %v; want an error matching ErrInvalidRecurrence", text, r, err)
				}
				if r != (period.Recurrence{}) {
					t.Errorf("ParseRecurrence(%q) = %+v with an error; want the zero Recurrence", text, r)
				}
				if !strings.Contains(err.Error(), strconv.Quote(text)) {
					t.Errorf("ParseRecurrence(%q) error %q does not name the text", text, err)
				}
			})
		}
	})
}
