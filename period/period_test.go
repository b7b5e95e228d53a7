package period_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/stretchr/testify/assert"
)

func TestParseDate(t *testing.T) {
	valid := []string{"2024-02-29", "2000-02-29", "2021-12-31", "2021-01-01", "0001-01-01", "9999-12-31"}
	for _, s := range valid {
		t.Run(s, func(t *testing.T) {
			d, err := period.ParseDate(s)
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", s, err)
			}
			if got := d.String(); got != s {
				t.Errorf("ParseDate(%q).String() = %q; want %q", s, got, s)
			}
		})
	}
	invalid := []string{
		"2021-02-30", "2021-13-01", "2023-02-29", "2100-02-29", "2021-00-10", "2021-04-31",
		"2021-01-00", "2021-1-01", "21-01-01", "2021/01/01", "", "2021-01-01T00:00",
		" 2021-01-01", "2021-01-1x", "+021-01-01", "2021-0a-01",
	}
	for _, s := range invalid {
		t.Run("invalid/"+s, func(t *testing.T) {
			d, err := period.ParseDate(s)
			if !errors.Is(err, period.ErrInvalidDate) {
				t.Fatalf("ParseDate(%q) = %s, %v; want an error matching ErrInvalidDate", s, d, err)
			}
			if d != 0 {
				t.Errorf("ParseDate(%q) = %s with an error; want the zero Date", s, d)
			}
			if !strings.Contains(err.Error(), `"`+s+`"`) {
				t.Errorf("ParseDate(%q) error %q does not name the text", s, err)
			}
		})
	}
}

func TestMustParseDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error(`MustParseDate("2021-02-30") did not panic`)
		}
	}()
	period.MustParseDate("2021-02-30")
}

func TestNew(t *testing.T) {
	oct1, nov1 := day("2021-10-01"), day("2021-11-01")
	p, err := period.New(oct1, nov1)
	if err != nil || p != (period.Period{Start: oct1, End: nov1}) {
		t.Errorf("New(%s, %s) = %s, %v; want [%s, %s), nil", oct1, nov1, p, err, oct1, nov1)
	}
	p, err = period.New(oct1, oct1)
	if err != nil || !p.IsEmpty() || p.Days() != 0 {
		t.Errorf("New(%s, %s) = %s, %v; want an empty period, nil", oct1, oct1, p, err)
	}
	p, err = period.New(nov1, oct1)
	if !errors.Is(err, period.ErrInvalidRange) || p != (period.Period{}) {
		t.Errorf("New(%s, %s) = %s, %v; want zero, an error matching ErrInvalidRange", nov1, oct1, p, err)
	}
	if err != nil && (!strings.Contains(err.Error(), "2021-10-01") || !strings.Contains(err.Error(), "2021-11-01")) {
		t.Errorf("New error %q does not name both dates", err)
	}
}

func TestPeriodDays(t *testing.T) {
	tests := []struct {
		p    period.Period
		want int
	}{
		{span("2021-10-01", "2021-11-01"), 31},
		{span("2024-02-01", "2024-03-01"), 29},
		{span("2023-02-01", "2023-03-01"), 28},
		{span("2024-01-01", "2025-01-01"), 366},
		{span("2100-01-01", "2101-01-01"), 365},
		{span("2021-10-01", "2021-10-01"), 0},
	}
	for _, tt := range tests {
		if got := tt.p.Days(); got != tt.want {
			t.Errorf("%s.Days() = %d; want %d", tt.p, got, tt.want)
		}
	}
}

func TestPeriodContains(t *testing.T) {
	oct := span("2021-10-01", "2021-11-01")
	tests := []struct {
		d    string
		want bool
	}{
		{"2021-09-30", false},
		{"2021-10-01", true},
		{"2021-10-15", true},
		{"2021-10-31", true},
		{"2021-11-01", false},
	}
	for _, tt := range tests {
		if got := oct.Contains(day(tt.d)); got != tt.want {
			t.Errorf("%s.Contains(%s) = %t; want %t", oct, tt.d, got, tt.want)
		}
	}
	empty := span("2021-10-01", "2021-10-01")
	if empty.Contains(day("2021-10-01")) {
		t.Errorf("%s.Contains(2021-10-01) = true; want false", empty)
	}
}

func TestPeriodOverlapsIntersect(t *testing.T) {
	oct := span("2021-10-01", "2021-11-01")
	tests := []struct {
		name string
		q    period.Period
		want period.Period // zero: no overlap
	}{
		{"same", oct, oct},
		{"inside", span("2021-10-10", "2021-10-20"), span("2021-10-10", "2021-10-20")},
		{"around", span("2021-09-01", "2021-12-01"), oct},
		{"left", span("2021-09-15", "2021-10-05"), span("2021-10-01", "2021-10-05")},
		{"right", span("2021-10-25", "2021-11-05"), span("2021-10-25", "2021-11-01")},
		{"last day", span("2021-10-31", "2021-11-30"), span("2021-10-31", "2021-11-01")},
		{"touching after", span("2021-11-01", "2021-12-01"), period.Period{}},
		{"touching before", span("2021-09-01", "2021-10-01"), period.Period{}},
		{"disjoint", span("2022-01-01", "2022-02-01"), period.Period{}},
		{"empty inside", span("2021-10-10", "2021-10-10"), period.Period{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantOverlap := tt.want != (period.Period{})
			if got := oct.Overlaps(tt.q); got != wantOverlap {
				t.Errorf("%s.Overlaps(%s) = %t; want %t", oct, tt.q, got, wantOverlap)
			}
			if got := tt.q.Overlaps(oct); got != wantOverlap {
				t.Errorf("%s.Overlaps(%s) = %t; want %t", tt.q, oct, got, wantOverlap)
			}
			got, ok := oct.Intersect(tt.q)
			if ok != wantOverlap || got != tt.want {
				t.Errorf("%s.Intersect(%s) = %s, %t; want %s, %t", oct, tt.q, got, ok, tt.want, wantOverlap)
			}
			got, ok = tt.q.Intersect(oct)
			if ok != wantOverlap || got != tt.want {
				t.Errorf("%s.Intersect(%s) = %s, %t; want %s, %t", tt.q, oct, got, ok, tt.want, wantOverlap)
			}
		})
	}
}

func TestPeriodLast(t *testing.T) {
	oct := span("2021-10-01", "2021-11-01")
	if last, ok := oct.Last(); !ok || last != day("2021-10-31") {
		t.Errorf("%s.Last() = %s, %t; want 2021-10-31, true", oct, last, ok)
	}
	one := span("2024-02-29", "2024-03-01")
	if last, ok := one.Last(); !ok || last != day("2024-02-29") {
		t.Errorf("%s.Last() = %s, %t; want 2024-02-29, true", one, last, ok)
	}
	empty := span("2021-10-01", "2021-10-01")
	if last, ok := empty.Last(); ok || last != 0 {
		t.Errorf("%s.Last() = %s, %t; want zero, false", empty, last, ok)
	}
}

func TestPeriodShift(t *testing.T) {
	oct := span("2021-10-01", "2021-11-01")
	tests := []struct {
		days int
		want period.Period
	}{
		{0, oct},
		{31, span("2021-11-01", "2021-12-02")},
		{-1, span("2021-09-30", "2021-10-31")},
		{92, span("2022-01-01", "2022-02-01")},
	}
	for _, tt := range tests {
		if got, ok := oct.Shift(tt.days); !ok || got != tt.want {
			t.Errorf("%s.Shift(%d) = %s, %t; want %s", oct, tt.days, got, ok, tt.want)
		}
	}
	last := span("9999-12-01", "9999-12-31")
	for _, days := range []int{1, 1 << 40, -1 << 40, -int(period.MaxDate) - 1} {
		if got, ok := last.Shift(days); ok {
			t.Errorf("%s.Shift(%d) = %s, true; want false (out of bounds)", last, days, got)
		}
	}
	if got, ok := last.Shift(-1); !ok || got != span("9999-11-30", "9999-12-30") {
		t.Errorf("%s.Shift(-1) = %s, %t", last, got, ok)
	}
}

func TestPeriodString(t *testing.T) {
	if got, want := span("2021-10-01", "2021-11-01").String(), "[2021-10-01, 2021-11-01)"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

func TestPeriodValidate(t *testing.T) {
	if err := span("2021-10-01", "2021-10-01").Validate(); err != nil {
		t.Errorf("empty period Validate() = %v; want nil", err)
	}
	bad := period.Period{Start: day("2021-11-01"), End: day("2021-10-01")}
	if err := bad.Validate(); !errors.Is(err, period.ErrInvalidRange) {
		t.Errorf("%s.Validate() = %v; want an error matching ErrInvalidRange", bad, err)
	}
	if !bad.IsEmpty() || bad.Overlaps(bad) || bad.Contains(bad.Start) {
		t.Errorf("reversed period %s holds days", bad)
	}
}

func TestPeriodJSON(t *testing.T) {
	oct := span("2021-10-01", "2021-11-01")
	b, err := json.Marshal(oct)
	if err != nil {
		t.Fatalf("Marshal(%s) error: %v", oct, err)
	}
	if got, want := string(b), `{"start":"2021-10-01","end":"2021-11-01"}`; got != want {
		t.Errorf("Marshal(%s) = %s; want %s", oct, got, want)
	}
	var back period.Period
	if err := json.Unmarshal(b, &back); err != nil || back != oct {
		t.Errorf("Unmarshal(%s) = %s, %v; want %s, nil", b, back, err, oct)
	}

	// Inside a struct, by value and by pointer.
	type doc struct {
		P  period.Period  `json:"p"`
		PP *period.Period `json:"pp"`
	}
	in := doc{P: oct, PP: &oct}
	b, err = json.Marshal(in)
	if err != nil {
		t.Fatalf("Marshal(doc) error: %v", err)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out.P != oct || out.PP == nil || *out.PP != oct {
		t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", b, out, err, in)
	}
}

func TestPeriodJSONStrict(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		wantErr error // nil: any error
	}{
		{"day 30 of February", `{"start":"2021-02-30","end":"2021-03-30"}`, period.ErrInvalidDate},
		{"month 13", `{"start":"2021-01-01","end":"2021-13-01"}`, period.ErrInvalidDate},
		{"2023-02-29", `{"start":"2023-02-29","end":"2023-03-29"}`, period.ErrInvalidDate},
		{"short date", `{"start":"2021-1-01","end":"2021-03-01"}`, period.ErrInvalidDate},
		{"missing end", `{"start":"2021-01-01"}`, period.ErrInvalidRange},
		{"empty object", `{}`, period.ErrInvalidRange},
		{"end before start", `{"start":"2021-11-01","end":"2021-10-01"}`, period.ErrInvalidRange},
		{"number", `{"start":20211001,"end":"2021-11-01"}`, nil},
		{"array", `["2021-10-01","2021-11-01"]`, nil},
		{"string", `"2021-10-01"`, nil},
		{"truncated", `{"start":"2021-10-01"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p period.Period
			err := json.Unmarshal([]byte(tt.json), &p)
			if err == nil {
				t.Fatalf("Unmarshal(%s) = %s, nil; want an error", tt.json, p)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Unmarshal(%s) error %v; want one matching %v", tt.json, err, tt.wantErr)
			}
			if p != (period.Period{}) {
				t.Errorf("Unmarshal(%s) left %s after an error; want the zero Period", tt.json, p)
			}
		})
	}
}

// recorder is a testify TestingT that keeps the failure message.
type recorder struct{ msg string }

func (r *recorder) Errorf(format string, args ...any) { r.msg = fmt.Sprintf(format, args...) }

// TestTestifyPrintsDates checks what testify v1.12.1 prints for unequal
// periods: its "expected:"/"actual:" lines use %#v, hence GoString, and
// show dates. (Its diff below them uses spew with methods disabled and
// still shows the fields' day numbers.)
func TestTestifyPrintsDates(t *testing.T) {
	var r recorder
	assert.Equal(&r, span("2021-10-01", "2021-11-01"), span("2021-10-01", "2021-12-01"))
	for _, want := range []string{"expected: [2021-10-01, 2021-11-01)", "actual  : [2021-10-01, 2021-12-01)"} {
		if !strings.Contains(r.msg, want) {
			t.Errorf("testify message lacks %q:\n%s", want, r.msg)
		}
	}
}
