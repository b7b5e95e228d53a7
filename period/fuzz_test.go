package period_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// v02 is the V-02 table: texts that parse, then texts that must not.
var (
	v02Valid   = []string{"P1D", "P10D", "P1W", "P2W", "P1M", "P3M", "P1Y"}
	v02Invalid = []string{"P1M,1Y", "P1.5M", "P0M", "P-1M", "P1Y2M", "P1W2D", "p1m", ""}
)

func FuzzParseRecurrence(f *testing.F) {
	for _, s := range v02Valid {
		f.Add(s)
	}
	for _, s := range v02Invalid {
		f.Add(s)
	}
	for _, s := range []string{"P366000D", "P366001D", "PT1H", "P01M", "P1M1Y", "P?(0 unit(0))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := period.ParseRecurrence(s)
		if err != nil {
			if !errors.Is(err, period.ErrInvalidRecurrence) {
				t.Fatalf("ParseRecurrence(%q) error %v does not match ErrInvalidRecurrence", s, err)
			}
			if r != (period.Recurrence{}) {
				t.Fatalf("ParseRecurrence(%q) = %+v with an error", s, r)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("ParseRecurrence(%q) = %+v, which fails Validate: %v", s, r, err)
		}
		if got := r.String(); got != s {
			t.Fatalf("ParseRecurrence(%q).String() = %q", s, got)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2024-02-29", "2021-02-30", "2021-13-01", "2023-02-29", "2021-1-01", "21-01-01",
		"2021/01/01", "", "0000-01-01", "9999-12-31", "2100-02-29", "2000-02-29",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := period.ParseDate(s)
		if err != nil {
			if !errors.Is(err, period.ErrInvalidDate) {
				t.Fatalf("ParseDate(%q) error %v does not match ErrInvalidDate", s, err)
			}
			if d != 0 {
				t.Fatalf("ParseDate(%q) = %s with an error", s, d)
			}
			return
		}
		if got := d.String(); got != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, got)
		}
	})
}

func FuzzPeriodJSON(f *testing.F) {
	for _, s := range []string{
		`{"start":"2021-10-01","end":"2021-11-01"}`,
		`{"start":"2021-10-01","end":"2021-10-01"}`,
		`{"start":"2021-11-01","end":"2021-10-01"}`,
		`{"start":"2021-02-30","end":"2021-03-30"}`,
		`{"end":"2021-11-01","start":"2021-10-01","extra":1}`,
		`{"start":"2021-10-01"}`,
		`{}`, `null`, `[]`, `"2021-10-01"`, `{"start":20211001,"end":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p period.Period
		if err := json.Unmarshal(data, &p); err != nil {
			if p != (period.Period{}) {
				t.Fatalf("Unmarshal(%q) left %s after error %v", data, p, err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("Unmarshal(%q) = %s, which fails Validate: %v", data, p, err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("Marshal(%s) error: %v", p, err)
		}
		var back period.Period
		if err := json.Unmarshal(b, &back); err != nil || back != p {
			t.Fatalf("Unmarshal(Marshal(%s)) = %s, %v", p, back, err)
		}
	})
}

// FuzzSchedule checks that no schedule, however invalid, panics, and that
// a valid one is self-consistent: Index, Period and Next agree.
func FuzzSchedule(f *testing.F) {
	f.Add(int64(737820), 1, uint8(period.Month), int64(40)) // 2021-01-31 monthly
	f.Add(int64(738579), 1, uint8(period.Year), int64(365)) // 2024-02-29 yearly
	f.Add(int64(738309), 1, uint8(period.Week), int64(-3))  // a Friday, weekly, before
	f.Add(int64(737820), 0, uint8(period.Month), int64(10)) // zero recurrence
	f.Add(int64(737820), -3, uint8(9), int64(1_000_000))    // nonsense
	f.Add(int64(737820), period.Year.MaxEvery(), uint8(period.Year), int64(100))
	f.Add(int64(period.MaxDate-40), 1, uint8(period.Month), int64(20)) // the last periods
	f.Fuzz(func(t *testing.T, anchor int64, every int, unit uint8, offset int64) {
		// Keep dates within ±27,000 years of 1970.
		const lim = 10_000_000
		anchor, offset = anchor%lim, offset%lim
		s := period.Schedule{Anchor: date.Date(anchor), Every: period.Recurrence{Every: every, Unit: period.Unit(unit)}}
		d := s.Anchor + date.Date(offset)
		valid := s.Validate() == nil

		k, ok := s.Index(d)
		p, pk, pok := s.PeriodOf(d)
		n, nok := s.Next(d)
		for range s.Periods(spanOf(d, d+100)) {
			break
		}
		for range s.PeriodsFrom(d) {
			break
		}
		_ = boundary(s, k)

		if !valid {
			if ok || pok || nok {
				t.Fatalf("invalid schedule %+v: Index, PeriodOf, Next report ok", s)
			}
			return
		}
		if pok != ok || (ok && d < s.Anchor) {
			t.Fatalf("%+v: Index(%s) ok = %t, PeriodOf ok = %t", s, d, ok, pok)
		}
		if d < s.Anchor {
			if !nok || n != s.Anchor {
				t.Fatalf("%+v: Next(%s) = %s, %t before the anchor; want the anchor", s, d, n, nok)
			}
			return
		}
		if !ok {
			// d is past the last period that ends by 9999-12-31.
			if nok || (d <= period.MaxDate && d < s.Anchor) {
				t.Fatalf("%+v: Next(%s) = %s, %t past the last period", s, d, n, nok)
			}
			return
		}
		if pk != k || !p.Contains(d) || p != periodAt(s, k) || !nok || n != p.End || p.End > period.MaxDate {
			t.Fatalf("%+v at %s: Index %d, PeriodOf %s %d, Next %s %t", s, d, k, p, pk, n, nok)
		}
	})
}
