package period_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// hostileCase is one named hostile input: run feeds it to a decoder or a
// constructor, and want is the sentinel its error must match.
type hostileCase struct {
	name string
	run  func() error
	want error
}

// decodeJSON returns a case body that feeds data to *T's UnmarshalJSON
// directly, so that the package's own strictness is what is tested (not
// encoding/json's syntax check).
func decodeJSON[T any, PT interface {
	*T
	json.Unmarshaler
}](data string) func() error {
	return func() error {
		var v T
		return PT(&v).UnmarshalJSON([]byte(data))
	}
}

// refused turns a (value, bool) lookup into an error: a lookup answers
// false to hostile input, which counts as errRefused; true is a silent
// acceptance.
func refused(found bool) error {
	if found {
		return nil
	}
	return errRefused
}

var errRefused = errors.New("refused: the lookup reported false")

// runHostile runs the corpus: every case must return an error matching
// its sentinel — never nil (silent acceptance), never a panic. It logs
// the counts by outcome.
func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	var typed, panics, silent int
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			panicked := func() (p bool) {
				defer func() {
					if r := recover(); r != nil {
						p = true
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				err = tc.run()
				return false
			}()
			switch {
			case panicked:
				panics++
				t.Errorf("panicked: %v", err)
			case err == nil:
				silent++
				t.Errorf("accepted silently; want an error matching %v", tc.want)
			case !errors.Is(err, tc.want):
				t.Errorf("error %q does not match %v", err, tc.want)
			default:
				typed++
			}
		})
	}
	t.Logf("hostile corpus: %d cases: %d typed errors, %d panics, %d silent acceptances", len(cases), typed, panics, silent)
}

// TestHostile is period's hostile-input corpus: dates outside 0001–9999,
// lenient dates, recurrences too long or malformed, JSON with unknown and
// duplicate keys, wrong types, null, and lookups out of bounds.
func TestHostile(t *testing.T) {
	parse := func(s string) func() error {
		return func() error { _, err := period.ParseDate(s); return err }
	}
	rec := func(s string) func() error {
		return func() error { _, err := period.ParseRecurrence(s); return err }
	}
	monthly := period.Schedule{Anchor: day("2021-01-31"), Every: period.Monthly}
	var cases []hostileCase
	add := func(name string, want error, run func() error) {
		cases = append(cases, hostileCase{name: name, run: run, want: want})
	}
	for _, s := range []string{
		"2021-02-30", "2021-13-01", "2023-02-29", "1900-02-29", "2021-04-31", "2021-00-01", "2021-01-00",
		"02/01/2021", "2021/01/02", "2021-1-1", "21-01-01", "0000-01-01", "0000-12-31", "10000-01-01",
		"+2021-01-01", "-2021-01-01", " 2021-01-01", "2021-01-01 ", "2021-01-01T00:00:00Z", "20210101",
		"", "NaN", "２０２１-01-01", "2021-01-1e",
	} {
		add("ParseDate "+s, period.ErrInvalidDate, parse(s))
	}
	for _, s := range []string{
		"P9000Y", "P366000M", "P36501D", "P5201W", "P101Y", "P1201M", "P0D", "P0M", "P-1M", "P+1M", "P1.5M",
		"p1m", "P1m", "P1Y2M", "P1W2D", "P1M,1Y", "PT1H", "P", "P1", "M", "", "P99999999999999999999D",
		"P1e3D", " P1M", "P1M ", "P01M", "P１M",
	} {
		add("ParseRecurrence "+s, period.ErrInvalidRecurrence, rec(s))
	}
	for _, s := range []string{"", "Month", "months", "fortnight", " day"} {
		add("ParseUnit "+s, period.ErrInvalidUnit, func() error { _, err := period.ParseUnit(s); return err })
	}
	add("FromProAbono 1<<40 months", period.ErrInvalidRecurrence, func() error { _, err := period.FromProAbono(1<<40, "Month"); return err })
	add("FromProAbono MaxInt days", period.ErrInvalidRecurrence, func() error { _, err := period.FromProAbono(math.MaxInt, "Day"); return err })
	add("FromProAbono -1", period.ErrInvalidRecurrence, func() error { _, err := period.FromProAbono(-1, "Week"); return err })
	add("FromProAbono fortnight", period.ErrInvalidUnit, func() error { _, err := period.FromProAbono(1, "Fortnight"); return err })
	add("Recurrence 101 years", period.ErrInvalidRecurrence, period.Recurrence{Every: 101, Unit: period.Year}.Validate)
	add("Recurrence unit 9", period.ErrInvalidUnit, period.Recurrence{Every: 1, Unit: 9}.Validate)
	for name, data := range map[string]string{
		"unknown key":      `{"start":"2021-10-01","end":"2021-11-01","stop":"2021-12-01"}`,
		"duplicate start":  `{"start":"2021-10-01","start":"2021-10-02","end":"2021-11-01"}`,
		"case-folded key":  `{"Start":"2021-10-01","end":"2021-11-01"}`,
		"missing end":      `{"start":"2021-10-01"}`,
		"null end":         `{"start":"2021-10-01","end":null}`,
		"number date":      `{"start":20211001,"end":"2021-11-01"}`,
		"object date":      `{"start":{},"end":"2021-11-01"}`,
		"array":            `["2021-10-01","2021-11-01"]`,
		"string":           `"[2021-10-01, 2021-11-01)"`,
		"trailing data":    `{"start":"2021-10-01","end":"2021-11-01"} {}`,
		"end before start": `{"start":"2021-11-01","end":"2021-10-01"}`,
		"empty object":     `{}`,
		"truncated":        `{"start":"2021-10-01",`,
	} {
		want := period.ErrInvalidRange
		cases = append(cases, hostileCase{name: "Period JSON " + name, run: decodeJSON[period.Period](data), want: want})
	}
	for name, data := range map[string]string{
		"lenient start": `{"start":"2021-02-30","end":"2021-03-01"}`,
		"year 0000":     `{"start":"0000-01-01","end":"2021-03-01"}`,
		"year 10000":    `{"start":"2021-01-01","end":"10000-01-01"}`,
		"slashed date":  `{"start":"02/01/2021","end":"2021-03-01"}`,
	} {
		cases = append(cases, hostileCase{name: "Period JSON " + name, run: decodeJSON[period.Period](data), want: period.ErrInvalidDate})
	}
	add("Recurrence text P9000Y", period.ErrInvalidRecurrence, func() error { var r period.Recurrence; return r.UnmarshalText([]byte("P9000Y")) })
	add("Recurrence JSON number", period.ErrInvalidRecurrence, func() error {
		var v struct{ R period.Recurrence }
		err := json.Unmarshal([]byte(`{"R":"P1M1Y"}`), &v)
		return err
	})
	add("Unit text Month", period.ErrInvalidUnit, func() error { var u period.Unit; return u.UnmarshalText([]byte("Month")) })
	add("Unit marshal 0", period.ErrInvalidUnit, func() error { _, err := period.Unit(0).MarshalText(); return err })
	add("Recurrence marshal zero", period.ErrInvalidUnit, func() error { _, err := period.Recurrence{}.MarshalText(); return err })
	add("New start MinInt64", period.ErrInvalidDate, func() error { _, err := period.New(date.Date(math.MinInt64), day("2021-01-01")); return err })
	add("New end after 9999", period.ErrInvalidDate, func() error { _, err := period.New(day("2021-01-01"), period.MaxDate+1); return err })
	add("New reversed", period.ErrInvalidRange, func() error { _, err := period.New(day("2021-02-01"), day("2021-01-01")); return err })
	add("Period marshal year 10000", period.ErrInvalidDate, func() error {
		_, err := json.Marshal(period.Period{Start: period.MaxDate, End: period.MaxDate + 1})
		return err
	})
	add("CheckDate MinInt64", period.ErrInvalidDate, func() error { return period.CheckDate(date.Date(math.MinInt64)) })
	add("CheckDate date.Max()", period.ErrInvalidDate, func() error { return period.CheckDate(date.Max()) })
	add("Schedule anchor date.Min()", period.ErrInvalidDate, period.Schedule{Anchor: date.Min(), Every: period.Monthly}.Validate)
	add("Schedule P9000Y", period.ErrInvalidRecurrence, period.Schedule{Anchor: day("2021-01-01"), Every: period.Recurrence{Every: 9000, Unit: period.Year}}.Validate)
	add("Fraction 0/0", period.ErrInvalidFraction, period.Fraction{}.Validate)
	add("Fraction 29/28", period.ErrInvalidFraction, period.Fraction{Num: 29, Den: 28}.Validate)
	add("Fraction -1/28", period.ErrInvalidFraction, period.Fraction{Num: -1, Den: 28}.Validate)
	add("Coverage of an empty period", period.ErrEmptyPeriod, func() error {
		_, err := period.Coverage(span("2021-01-01", "2021-01-01"), span("2021-01-01", "2021-02-01"))
		return err
	})
	add("Boundary MaxInt", errRefused, func() error { _, found := monthly.Boundary(math.MaxInt); return refused(found) })
	add("Boundary MinInt", errRefused, func() error { _, found := monthly.Boundary(math.MinInt); return refused(found) })
	add("Boundary past 9999", errRefused, func() error { _, found := monthly.Boundary(12 * 8000); return refused(found) })
	add("Boundary before 0001", errRefused, func() error { _, found := monthly.Boundary(-12 * 2021); return refused(found) })
	add("Period past 9999", errRefused, func() error { _, found := monthly.Period(12*7979 - 1); return refused(found) })
	add("PeriodOf 9999-12-31", errRefused, func() error { _, _, found := monthly.PeriodOf(period.MaxDate); return refused(found) })
	add("PeriodOf date.Max()", errRefused, func() error { _, _, found := monthly.PeriodOf(date.Max()); return refused(found) })
	add("Index date.Max()", errRefused, func() error { _, found := monthly.Index(date.Max()); return refused(found) })
	add("Next 9999-12-31", errRefused, func() error { _, found := monthly.Next(period.MaxDate); return refused(found) })
	add("Shift past 9999", errRefused, func() error { _, found := span("9999-12-01", "9999-12-31").Shift(1); return refused(found) })
	add("Shift MinInt", errRefused, func() error { _, found := span("2021-01-01", "2021-02-01").Shift(math.MinInt); return refused(found) })
	add("yearly schedule in 9999", errRefused, func() error {
		s := period.Schedule{Anchor: day("9999-01-01"), Every: period.Yearly}
		for range s.PeriodsFrom(s.Anchor) {
			return nil // a period ending in 10000 was yielded
		}
		return errRefused
	})
	runHostile(t, cases)
}
