package period_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
)

func TestUnitString(t *testing.T) {
	tests := []struct {
		u    period.Unit
		want string
	}{
		{period.Day, "day"}, {period.Week, "week"}, {period.Month, "month"}, {period.Year, "year"},
		{0, "unit(0)"}, {5, "unit(5)"}, {255, "unit(255)"},
	}
	for _, tt := range tests {
		if got := tt.u.String(); got != tt.want {
			t.Errorf("Unit(%d).String() = %q; want %q", uint8(tt.u), got, tt.want)
		}
	}
}

func TestParseUnit(t *testing.T) {
	for _, u := range []period.Unit{period.Day, period.Week, period.Month, period.Year} {
		got, err := period.ParseUnit(u.String())
		if err != nil || got != u {
			t.Errorf("ParseUnit(%q) = %v, %v; want %v, nil", u.String(), got, err, u)
		}
	}
	for _, s := range []string{"", "Month", "MONTH", "months", "fortnight", " day", "d", "M"} {
		got, err := period.ParseUnit(s)
		if !errors.Is(err, period.ErrInvalidUnit) || got != 0 {
			t.Errorf("ParseUnit(%q) = %v, %v; want 0, an error matching ErrInvalidUnit", s, got, err)
		} else if !strings.Contains(err.Error(), `"`+s+`"`) {
			t.Errorf("ParseUnit(%q) error %q does not name the text", s, err)
		}
	}
}

func TestUnitText(t *testing.T) {
	for _, u := range []period.Unit{period.Day, period.Week, period.Month, period.Year} {
		b, err := u.MarshalText()
		if err != nil || string(b) != u.String() {
			t.Errorf("%v.MarshalText() = %q, %v; want %q, nil", u, b, err, u.String())
		}
		var back period.Unit
		if err := back.UnmarshalText(b); err != nil || back != u {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v, nil", b, back, err, u)
		}
	}
	for _, u := range []period.Unit{0, 5, 255} {
		if b, err := u.MarshalText(); !errors.Is(err, period.ErrInvalidUnit) {
			t.Errorf("Unit(%d).MarshalText() = %q, %v; want an error matching ErrInvalidUnit", uint8(u), b, err)
		}
	}
	u := period.Month
	if err := u.UnmarshalText([]byte("quarter")); !errors.Is(err, period.ErrInvalidUnit) || u != period.Month {
		t.Errorf(`UnmarshalText("quarter") = %v leaving %v; want an error matching ErrInvalidUnit, unit unchanged`, err, u)
	}

	// JSON says "month".
	type plan struct {
		Unit period.Unit `json:"unit"`
	}
	b, err := json.Marshal(plan{Unit: period.Month})
	if err != nil || string(b) != `{"unit":"month"}` {
		t.Errorf(`Marshal(plan) = %s, %v; want {"unit":"month"}`, b, err)
	}
	var p plan
	if err := json.Unmarshal([]byte(`{"unit":"week"}`), &p); err != nil || p.Unit != period.Week {
		t.Errorf(`Unmarshal({"unit":"week"}) = %+v, %v; want week`, p, err)
	}
	if err := json.Unmarshal([]byte(`{"unit":"Week"}`), &p); !errors.Is(err, period.ErrInvalidUnit) {
		t.Errorf(`Unmarshal({"unit":"Week"}) = %v; want an error matching ErrInvalidUnit`, err)
	}
	if _, err := json.Marshal(plan{}); err == nil {
		t.Error("Marshal of a zero Unit succeeded; want an error")
	}
}

func TestRecurrenceValidate(t *testing.T) {
	tests := []struct {
		r       period.Recurrence
		wantErr error
	}{
		{period.Daily, nil},
		{period.Weekly, nil},
		{period.Monthly, nil},
		{period.Quarterly, nil},
		{period.Yearly, nil},
		{period.Recurrence{Every: period.Day.MaxEvery(), Unit: period.Day}, nil},
		{period.Recurrence{Every: 1200, Unit: period.Month}, nil},
		{period.Recurrence{Every: 1201, Unit: period.Month}, period.ErrInvalidRecurrence},
		{period.Recurrence{Every: 101, Unit: period.Year}, period.ErrInvalidRecurrence},
		{period.Recurrence{Every: 5201, Unit: period.Week}, period.ErrInvalidRecurrence},
		{period.Recurrence{}, period.ErrInvalidUnit},
		{period.Recurrence{Every: 1}, period.ErrInvalidUnit},
		{period.Recurrence{Every: 0, Unit: period.Month}, period.ErrInvalidRecurrence},
		{period.Recurrence{Every: -3, Unit: period.Month}, period.ErrInvalidRecurrence},
		{period.Recurrence{Every: period.Day.MaxEvery() + 1, Unit: period.Day}, period.ErrInvalidRecurrence},
	}
	for _, tt := range tests {
		err := tt.r.Validate()
		if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
			t.Errorf("%+v.Validate() = %v; want %v", tt.r, err, tt.wantErr)
		}
	}
}

func TestRecurrenceString(t *testing.T) {
	tests := []struct {
		r    period.Recurrence
		want string
	}{
		{period.Daily, "P1D"},
		{period.Weekly, "P1W"},
		{period.Monthly, "P1M"},
		{period.Quarterly, "P3M"},
		{period.Yearly, "P1Y"},
		{period.Recurrence{Every: 10, Unit: period.Day}, "P10D"},
		{period.Recurrence{Every: period.Day.MaxEvery(), Unit: period.Day}, "P36500D"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%+v.String() = %q; want %q", tt.r, got, tt.want)
		}
	}
	// Invalid recurrences print as something ParseRecurrence rejects.
	for _, r := range []period.Recurrence{{}, {Every: 0, Unit: period.Month}, {Every: 1, Unit: 9}} {
		s := r.String()
		if !strings.HasPrefix(s, "P?") {
			t.Errorf("%+v.String() = %q; want a P? form", r, s)
		}
		if _, err := period.ParseRecurrence(s); !errors.Is(err, period.ErrInvalidRecurrence) {
			t.Errorf("ParseRecurrence(%q) = %v; want an error matching ErrInvalidRecurrence", s, err)
		}
	}
}

func TestParseRecurrenceMore(t *testing.T) {
	for _, s := range []string{"P", "P1", "PM", "PT1H", "P1H", "P01M", "P+1M", "P1m", "P 1M", "P1M ", "1M", "P366001D", "P99999999999999999999999M", "P1DT", "PP1M"} {
		if r, err := period.ParseRecurrence(s); !errors.Is(err, period.ErrInvalidRecurrence) {
			t.Errorf("ParseRecurrence(%q) = %+v, %v; want an error matching ErrInvalidRecurrence", s, r, err)
		}
	}
	if r, err := period.ParseRecurrence("P36500D"); err != nil || r.Every != period.Day.MaxEvery() {
		t.Errorf(`ParseRecurrence("P36500D") = %+v, %v; want MaxEvery days`, r, err)
	}
}

func TestMustParseRecurrence(t *testing.T) {
	if r := period.MustParseRecurrence("P3M"); r != period.Quarterly {
		t.Errorf(`MustParseRecurrence("P3M") = %+v; want Quarterly`, r)
	}
	defer func() {
		if recover() == nil {
			t.Error(`MustParseRecurrence("P0M") did not panic`)
		}
	}()
	period.MustParseRecurrence("P0M")
}

func TestRecurrenceJSON(t *testing.T) {
	type plan struct {
		Every period.Recurrence  `json:"every"`
		Alt   *period.Recurrence `json:"alt,omitempty"`
	}
	in := plan{Every: period.Monthly, Alt: &period.Quarterly}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("Marshal(%+v) error: %v", in, err)
	}
	if got, want := string(b), `{"every":"P1M","alt":"P3M"}`; got != want {
		t.Errorf("Marshal = %s; want %s", got, want)
	}
	var out plan
	if err := json.Unmarshal(b, &out); err != nil || out.Every != period.Monthly || out.Alt == nil || *out.Alt != period.Quarterly {
		t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", b, out, err, in)
	}

	for _, bad := range []string{`{"every":"P0M"}`, `{"every":"p1m"}`, `{"every":"P1Y2M"}`, `{"every":""}`} {
		var p plan
		if err := json.Unmarshal([]byte(bad), &p); !errors.Is(err, period.ErrInvalidRecurrence) {
			t.Errorf("Unmarshal(%s) = %v; want an error matching ErrInvalidRecurrence", bad, err)
		}
	}
	if _, err := json.Marshal(plan{}); err == nil {
		t.Error("Marshal of a zero Recurrence succeeded; want an error")
	}
}

func TestFromProAbono(t *testing.T) {
	tests := []struct {
		n    int
		unit string
		want period.Recurrence
	}{
		{1, "Month", period.Monthly},
		{3, "month", period.Quarterly},
		{1, "MONTH", period.Monthly},
		{1, "Year", period.Yearly},
		{2, "Week", period.Recurrence{Every: 2, Unit: period.Week}},
		{10, "Day", period.Recurrence{Every: 10, Unit: period.Day}},
	}
	for _, tt := range tests {
		got, err := period.FromProAbono(tt.n, tt.unit)
		if err != nil || got != tt.want {
			t.Errorf("FromProAbono(%d, %q) = %+v, %v; want %+v, nil", tt.n, tt.unit, got, err, tt.want)
		}
	}
	bad := []struct {
		n       int
		unit    string
		wantErr error
	}{
		{0, "Month", period.ErrInvalidRecurrence},
		{-1, "Month", period.ErrInvalidRecurrence},
		{period.Day.MaxEvery() + 1, "Day", period.ErrInvalidRecurrence},
		{1, "Fortnight", period.ErrInvalidUnit},
		{1, "", period.ErrInvalidUnit},
		{1, "Months", period.ErrInvalidUnit},
	}
	for _, tt := range bad {
		got, err := period.FromProAbono(tt.n, tt.unit)
		if !errors.Is(err, tt.wantErr) || got != (period.Recurrence{}) {
			t.Errorf("FromProAbono(%d, %q) = %+v, %v; want zero, an error matching %v", tt.n, tt.unit, got, err, tt.wantErr)
		}
	}
	if _, err := period.FromProAbono(1, "Fortnight"); err == nil || !strings.Contains(err.Error(), "Fortnight") {
		t.Errorf(`FromProAbono(1, "Fortnight") error %v does not name the unit`, err)
	}
}

func TestMinDays(t *testing.T) {
	// The shortest run of n consecutive months, counted by hand over a
	// common year (J31 F28 M31 A30 M31 J30 J31 A31 S30 O31 N30 D31).
	months := []int{1: 28, 59, 89, 120, 150, 181, 212, 242, 273, 303, 334, 365,
		393, 424, 454, 485, 515, 546, 577, 607, 638, 668, 699, 730}
	for n := 1; n <= 24; n++ {
		r := period.Recurrence{Every: n, Unit: period.Month}
		if got := r.MinDays(); got != months[n] {
			t.Errorf("%s.MinDays() = %d; want %d", r, got, months[n])
		}
	}
	tests := []struct {
		r    period.Recurrence
		want int
	}{
		{period.Daily, 1},
		{period.Recurrence{Every: 10, Unit: period.Day}, 10},
		{period.Weekly, 7},
		{period.Recurrence{Every: 2, Unit: period.Week}, 14},
		{period.Yearly, 365},
		{period.Recurrence{Every: 4, Unit: period.Year}, 1460}, // [2097-03-01, 2101-03-01)
	}
	for _, tt := range tests {
		if got := tt.r.MinDays(); got != tt.want {
			t.Errorf("%s.MinDays() = %d; want %d", tt.r, got, tt.want)
		}
	}
	// Reached: a P4Y period with no leap day.
	s := period.Schedule{Anchor: day("2097-03-01"), Every: period.Recurrence{Every: 4, Unit: period.Year}}
	if got := periodAt(s, 0).Days(); got != 1460 {
		t.Errorf("Period(0).Days() = %d; want 1460", got)
	}
}

func TestCoverage(t *testing.T) {
	// F-01: days 2025-03-10 through 2025-04-20 are paused.
	pause := span("2025-03-10", "2025-04-21")
	tests := []struct {
		name string
		p    period.Period
		want period.Fraction
	}{
		{"F-01/feb15", span("2025-02-15", "2025-03-15"), period.Fraction{Num: 5, Den: 28}},
		{"F-01/mar15", span("2025-03-15", "2025-04-15"), period.Fraction{Num: 31, Den: 31}},
		{"F-01/apr15", span("2025-04-15", "2025-05-15"), period.Fraction{Num: 6, Den: 30}},
		{"disjoint", span("2025-06-15", "2025-07-15"), period.Fraction{Num: 0, Den: 30}},
		{"touching", span("2025-04-21", "2025-05-21"), period.Fraction{Num: 0, Den: 30}},
	}
	total := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := period.Coverage(tt.p, pause)
			if err != nil || got != tt.want {
				t.Errorf("Coverage(%s, %s) = %v, %v; want %v, nil", tt.p, pause, got, err, tt.want)
			}
			total += got.Num
		})
	}
	if total != 42 {
		t.Errorf("paused days = %d; want 42", total)
	}
	if f := (period.Fraction{Num: 31, Den: 31}); !f.IsWhole() || f.String() != "31/31" {
		t.Errorf("%v: IsWhole() = %t, String() = %q; want true, 31/31", f, f.IsWhole(), f.String())
	}
	if f := (period.Fraction{Num: 5, Den: 28}); f.IsWhole() || f.String() != "5/28" {
		t.Errorf("%v: IsWhole() = %t, String() = %q; want false, 5/28", f, f.IsWhole(), f.String())
	}

	empty := span("2025-03-15", "2025-03-15")
	if f, err := period.Coverage(empty, pause); !errors.Is(err, period.ErrEmptyPeriod) || f != (period.Fraction{}) {
		t.Errorf("Coverage(%s, %s) = %v, %v; want 0/0, an error matching ErrEmptyPeriod", empty, pause, f, err)
	}
	reversed := period.Period{Start: day("2025-04-01"), End: day("2025-03-01")}
	if _, err := period.Coverage(reversed, pause); !errors.Is(err, period.ErrEmptyPeriod) {
		t.Errorf("Coverage(%s, %s) = %v; want an error matching ErrEmptyPeriod", reversed, pause, err)
	}
	// An empty range covers nothing.
	if f, err := period.Coverage(span("2025-03-15", "2025-04-15"), empty); err != nil || f != (period.Fraction{Num: 0, Den: 31}) {
		t.Errorf("Coverage over an empty range = %v, %v; want 0/31, nil", f, err)
	}
}
