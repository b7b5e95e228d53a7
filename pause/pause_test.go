package pause_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prefixes matches a package prefix where a message could repeat one: at
// the start, or after ": ".
var prefixes = regexp.MustCompile(`(^|: )(pause|period|invoice|retry): `)

func eur(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }

func eurp(s string) *invoice.Money { m := eur(s); return &m }

func TestFlexibleValidate(t *testing.T) {
	days := span("2025-03-10", "2025-04-21")
	feb := span("2025-02-15", "2025-03-15")
	mar := span("2025-03-15", "2025-04-15")
	ok := pause.Flexible{Days: days, Reason: "travel"}
	tests := []struct {
		name string
		edit func(f *pause.Flexible)
		want error
	}{
		{"valid", func(*pause.Flexible) {}, nil},
		{"empty reason", func(f *pause.Flexible) { f.Reason = "" }, pause.ErrReasonRequired},
		{"blank reason", func(f *pause.Flexible) { f.Reason = "  " }, pause.ErrReasonRequired},
		{"tab and newline reason", func(f *pause.Flexible) { f.Reason = "\t\n" }, pause.ErrReasonRequired},
		{"empty days", func(f *pause.Flexible) { f.Days = span("2025-03-10", "2025-03-10") }, pause.ErrInvalidPause},
		{"reversed days", func(f *pause.Flexible) { f.Days = span("2025-03-10", "2025-03-01") }, pause.ErrInvalidPause},
		{"negative extension", func(f *pause.Flexible) { f.Extension.Periods = -1 }, pause.ErrInvalidPause},
		{"extension of 2", func(f *pause.Flexible) { f.Extension = pause.Extension{Periods: 2, Amount: eurp("30.00")} }, nil},
		{"extension at 0", func(f *pause.Flexible) { f.Extension = pause.Extension{Periods: 1, Amount: eurp("0")} }, nil},
		{"negative extension amount", func(f *pause.Flexible) { f.Extension = pause.Extension{Periods: 1, Amount: eurp("-1.00")} }, pause.ErrInvalidPause},
		{"extension amount without currency", func(f *pause.Flexible) {
			f.Extension = pause.Extension{Periods: 1, Amount: &invoice.Money{}}
		}, pause.ErrInvalidPause},
		{"fixed override at 0", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: pause.FixedAmount, Amount: eurp("0.00")}}
		}, nil},
		{"fixed and prorated overrides", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated}, {Period: mar, Mode: pause.FixedAmount, Amount: eurp("0")}}
		}, nil},
		{"negative override", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: pause.FixedAmount, Amount: eurp("-0.01")}}
		}, pause.ErrInvalidPause},
		{"fixed override without currency", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: pause.FixedAmount}}
		}, pause.ErrInvalidPause},
		{"prorated override with amount", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated, Amount: eurp("3.00")}}
		}, pause.ErrInvalidPause},
		{"override without mode", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Amount: eurp("3.00")}}
		}, pause.ErrInvalidPause},
		{"override mode 9", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: 9}}
		}, pause.ErrInvalidPause},
		{"two overrides of one period", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated}, {Period: feb, Mode: pause.FixedAmount, Amount: eurp("0")}}
		}, pause.ErrInvalidPause},
		{"override of an untouched period", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: span("2025-01-15", "2025-02-15"), Mode: pause.Prorated}}
		}, pause.ErrInvalidPause},
		{"override of an empty period", func(f *pause.Flexible) {
			f.Overrides = []pause.InvoiceOverride{{Period: span("2025-03-20", "2025-03-20"), Mode: pause.Prorated}}
		}, pause.ErrInvalidPause},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ok
			f.Overrides = slices.Clone(ok.Overrides)
			tt.edit(&f)
			err := f.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			// One package prefix: pause's, or that of the cause (period's
			// for a range), never two.
			require.True(t, strings.HasPrefix(err.Error(), "pause: ") || strings.HasPrefix(err.Error(), "period: "),
				"message %q", err)
			require.Len(t, prefixes.FindAllString(err.Error(), -1), 1, "message %q", err)
		})
	}
}

func TestFlexibleValidateMessages(t *testing.T) {
	f := pause.Flexible{Days: span("2025-03-10", "2025-04-21"), Reason: "  "}
	err := f.Validate()
	require.ErrorIs(t, err, pause.ErrReasonRequired)
	assert.Contains(t, err.Error(), "[2025-03-10, 2025-04-21)")

	f.Reason = "injury"
	f.Overrides = []pause.InvoiceOverride{{Period: span("2025-06-15", "2025-07-15"), Mode: pause.Prorated}}
	err = f.Validate()
	require.ErrorIs(t, err, pause.ErrInvalidPause)
	assert.Contains(t, err.Error(), "[2025-06-15, 2025-07-15)")
}

func TestFlexibleOverride(t *testing.T) {
	feb := span("2025-02-15", "2025-03-15")
	f := pause.Flexible{Days: span("2025-03-10", "2025-04-21"), Reason: "travel",
		Overrides: []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated}}}
	o, ok := f.Override(feb)
	require.True(t, ok)
	require.Equal(t, pause.Prorated, o.Mode)
	_, ok = f.Override(span("2025-03-15", "2025-04-15"))
	require.False(t, ok)
}

func TestWholePeriodValidate(t *testing.T) {
	apr := span("2025-04-15", "2025-05-15")
	may := span("2025-05-15", "2025-06-15")
	jul := span("2025-07-15", "2025-08-15")
	tests := []struct {
		name string
		w    pause.WholePeriod
		want error
	}{
		{"one period", pause.WholePeriod{Periods: []period.Period{apr}, Reason: "travel"}, nil},
		{"adjacent periods", pause.WholePeriod{Periods: []period.Period{apr, may, jul}, Reason: "travel", SkipOnly: true}, nil},
		{"blank reason", pause.WholePeriod{Periods: []period.Period{apr}, Reason: "  "}, pause.ErrReasonRequired},
		{"no period", pause.WholePeriod{Reason: "travel"}, pause.ErrInvalidPause},
		{"empty period", pause.WholePeriod{Periods: []period.Period{span("2025-04-15", "2025-04-15")}, Reason: "travel"}, pause.ErrInvalidPause},
		{"reversed period", pause.WholePeriod{Periods: []period.Period{{Start: apr.End, End: apr.Start}}, Reason: "travel"}, pause.ErrInvalidPause},
		{"unsorted", pause.WholePeriod{Periods: []period.Period{may, apr}, Reason: "travel"}, pause.ErrInvalidPause},
		{"twice", pause.WholePeriod{Periods: []period.Period{apr, apr}, Reason: "travel"}, pause.ErrInvalidPause},
		{"overlapping", pause.WholePeriod{Periods: []period.Period{apr, span("2025-05-01", "2025-06-01")}, Reason: "travel"}, pause.ErrInvalidPause},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.w.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
		})
	}
	err := pause.WholePeriod{Periods: []period.Period{may, apr}, Reason: "travel"}.Validate()
	assert.Contains(t, err.Error(), may.String())
	assert.Contains(t, err.Error(), apr.String())

	w := pause.WholePeriod{Periods: []period.Period{apr, jul}, Reason: "travel"}
	require.Equal(t, 61, w.Days())
	require.True(t, w.Pauses(jul))
	require.False(t, w.Pauses(may))
}

func TestTouched(t *testing.T) {
	s := monthlyFrom("2025-01-15")
	all := s.PeriodsFrom(s.Anchor)
	tests := []struct {
		name    string
		periods func(yield func(period.Period) bool)
		days    period.Period
		want    []pause.Touch
	}{
		{"inside one period", all, span("2025-03-20", "2025-03-25"),
			[]pause.Touch{{Period: span("2025-03-15", "2025-04-15"), PausedDays: 5, Days: 31}}},
		{"exactly one period", all, span("2025-03-15", "2025-04-15"),
			[]pause.Touch{{Period: span("2025-03-15", "2025-04-15"), PausedDays: 31, Days: 31}}},
		{"last day of one, first of next", all, span("2025-04-14", "2025-04-16"),
			[]pause.Touch{
				{Period: span("2025-03-15", "2025-04-15"), PausedDays: 1, Days: 31},
				{Period: span("2025-04-15", "2025-05-15"), PausedDays: 1, Days: 30},
			}},
		{"spanning many", all, span("2025-01-20", "2025-06-01"),
			[]pause.Touch{
				{Period: span("2025-01-15", "2025-02-15"), PausedDays: 26, Days: 31},
				{Period: span("2025-02-15", "2025-03-15"), PausedDays: 28, Days: 28},
				{Period: span("2025-03-15", "2025-04-15"), PausedDays: 31, Days: 31},
				{Period: span("2025-04-15", "2025-05-15"), PausedDays: 30, Days: 30},
				{Period: span("2025-05-15", "2025-06-15"), PausedDays: 17, Days: 31},
			}},
		{"before all periods", all, span("2024-12-01", "2025-01-15"), nil},
		{"straddling the first period", all, span("2025-01-10", "2025-01-20"),
			[]pause.Touch{{Period: span("2025-01-15", "2025-02-15"), PausedDays: 5, Days: 31}}},
		{"after a finite schedule", s.Periods(period.Period{Start: s.Anchor, End: day("2026-01-15")}), span("2026-02-01", "2026-03-01"), nil},
		{"empty pause", all, span("2025-03-20", "2025-03-20"), nil},
		{"reversed pause", all, span("2025-03-20", "2025-03-10"), nil},
		{"nil sequence", nil, span("2025-03-20", "2025-03-25"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Collect(pause.Touched(tt.periods, tt.days))
			require.Equal(t, tt.want, got)
		})
	}
}

func TestTouchFractions(t *testing.T) {
	tc := pause.Touch{Period: span("2025-02-15", "2025-03-15"), PausedDays: 5, Days: 28}
	require.Equal(t, 23, tc.UnpausedDays())
	require.Equal(t, period.Fraction{Num: 5, Den: 28}, tc.PausedFraction())
	require.Equal(t, period.Fraction{Num: 23, Den: 28}, tc.UnpausedFraction())
	require.False(t, tc.IsWhole())
}

func TestSuggestedAmount(t *testing.T) {
	feb := span("2025-02-15", "2025-03-15")
	tests := []struct {
		name          string
		amount        invoice.Money
		touch         pause.Touch
		kept, dropped invoice.Money
	}{
		{"5 of 28", eur("30.00"), pause.Touch{Period: feb, PausedDays: 5, Days: 28}, eur("24.64"), eur("5.36")},
		{"31 of 31", eur("30.00"), pause.Touch{Period: feb, PausedDays: 31, Days: 31}, eur("0.00"), eur("30.00")},
		{"6 of 30", eur("30.00"), pause.Touch{Period: feb, PausedDays: 6, Days: 30}, eur("24.00"), eur("6.00")},
		{"0 of 30", eur("30.00"), pause.Touch{Period: feb, PausedDays: 0, Days: 30}, eur("30.00"), eur("0.00")},
		{"49.90 1 of 3", eur("49.90"), pause.Touch{Period: feb, PausedDays: 1, Days: 3}, eur("33.27"), eur("16.63")},
		{"JPY 5000 5 of 28", invoice.MustParseMoney("5000", invoice.JPY), pause.Touch{Period: feb, PausedDays: 5, Days: 28},
			invoice.MustParseMoney("4107", invoice.JPY), invoice.MustParseMoney("893", invoice.JPY)},
		{"zero", eur("0"), pause.Touch{Period: feb, PausedDays: 5, Days: 28}, eur("0"), eur("0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pause.SuggestedAmount(tt.amount, tt.touch)
			require.NoError(t, err)
			require.True(t, got == tt.kept, "SuggestedAmount(%s, %d/%d) = %s; want %s",
				tt.amount, tt.touch.PausedDays, tt.touch.Days, got, tt.kept)
			kept, dropped, err := pause.Split(tt.amount, tt.touch)
			require.NoError(t, err)
			require.True(t, kept == tt.kept, "kept %s; want %s", kept, tt.kept)
			require.True(t, dropped == tt.dropped, "paused part %s; want %s", dropped, tt.dropped)
			sum, err := kept.Add(dropped)
			require.NoError(t, err)
			require.True(t, sum == tt.amount, "%s + %s = %s; want %s", kept, dropped, sum, tt.amount)
		})
	}
	for _, bad := range []pause.Touch{
		{Period: feb, PausedDays: 5, Days: 0},
		{Period: feb, PausedDays: -1, Days: 28},
		{Period: feb, PausedDays: 29, Days: 28},
		{},
	} {
		_, err := pause.SuggestedAmount(eur("30.00"), bad)
		require.ErrorIs(t, err, pause.ErrInvalidPause, "touch %+v", bad)
	}
}

func TestHit(t *testing.T) {
	bookings := []pause.Booking{
		{On: day("2025-03-09"), ID: "b1"},
		{On: day("2025-03-10"), ID: "b2"},
		{On: day("2025-05-02"), ID: "b3"},
		{On: day("2025-04-20"), ID: "b4"},
		{On: day("2025-04-21"), ID: "b5"},
		{On: day("2025-03-12"), ID: "b6"},
	}
	f01 := span("2025-03-10", "2025-04-21")
	may := span("2025-05-01", "2025-05-03")
	tests := []struct {
		name   string
		paused []period.Period
		t      pause.Treatment
		want   []string
	}{
		{"one range", []period.Period{f01}, pause.Delete, []string{"b2", "b4", "b6"}},
		{"two ranges", []period.Period{may, f01}, pause.Detach, []string{"b2", "b3", "b4", "b6"}},
		{"overlapping ranges report once", []period.Period{f01, f01, span("2025-03-01", "2025-03-11")}, pause.Delete, []string{"b1", "b2", "b4", "b6"}},
		{"no range", nil, pause.Delete, nil},
		{"empty range", []period.Period{span("2025-03-10", "2025-03-10")}, pause.Delete, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pause.Hit(bookings, tt.paused, tt.t)
			require.NoError(t, err)
			var ids []string
			for a := range got {
				require.Equal(t, tt.t, a.Treatment)
				ids = append(ids, a.Booking.ID)
			}
			require.Equal(t, tt.want, ids)
		})
	}
	require.True(t, pause.IsPaused(day("2025-04-20"), []period.Period{f01}))
	require.False(t, pause.IsPaused(day("2025-04-21"), []period.Period{f01}))
}

func TestEnumsText(t *testing.T) {
	for _, m := range []pause.OverrideMode{pause.FixedAmount, pause.Prorated} {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back pause.OverrideMode
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, m, back)
	}
	require.Equal(t, "fixed_amount", pause.FixedAmount.String())
	require.Equal(t, "prorated", pause.Prorated.String())
	require.Equal(t, "override mode(0)", pause.OverrideMode(0).String())
	_, err := pause.OverrideMode(0).MarshalText()
	require.ErrorIs(t, err, pause.ErrInvalidPause)
	var m pause.OverrideMode
	require.ErrorIs(t, m.UnmarshalText([]byte("Prorated")), pause.ErrInvalidPause)
	require.ErrorIs(t, m.UnmarshalText([]byte("")), pause.ErrInvalidPause)

	for _, tr := range []pause.Treatment{pause.Delete, pause.Detach} {
		b, err := tr.MarshalText()
		require.NoError(t, err)
		var back pause.Treatment
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, tr, back)
	}
	require.Equal(t, "delete", pause.Delete.String())
	require.Equal(t, "detach", pause.Detach.String())
	require.Equal(t, "booking treatment(7)", pause.Treatment(7).String())
	_, err = pause.Treatment(0).MarshalText()
	require.ErrorIs(t, err, pause.ErrInvalidPause)
	var tr pause.Treatment
	require.ErrorIs(t, tr.UnmarshalText([]byte("keep")), pause.ErrInvalidPause)
}

func TestBookingJSON(t *testing.T) {
	a := pause.BookingAction{Booking: pause.Booking{On: day("2025-03-12"), ID: "yoga-7"}, Treatment: pause.Detach}
	b, err := json.Marshal(a)
	require.NoError(t, err)
	require.JSONEq(t, `{"booking":{"on":"2025-03-12","id":"yoga-7"},"treatment":"detach"}`, string(b))
	var back pause.BookingAction
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, a, back)

	var bk pause.Booking
	require.ErrorIs(t, json.Unmarshal([]byte(`{"on":"2025-02-30","id":"x"}`), &bk), period.ErrInvalidDate)
}

func TestPolicyValidate(t *testing.T) {
	pct := func(s string) *pause.Fee { return &pause.Fee{Percent: decimal.RequireFromString(s)} }
	tests := []struct {
		name string
		p    pause.Policy
		ok   bool
	}{
		{"zero", pause.Policy{}, true},
		{"all limits", pause.Policy{MinDays: 7, MaxDays: 90, MaxPausesPerYear: 2, MaxDaysPerYear: 120, NoticeDays: 3, Fee: &pause.Fee{Flat: eurp("5.00")}}, true},
		{"min without max", pause.Policy{MinDays: 7}, true},
		{"min equals max", pause.Policy{MinDays: 7, MaxDays: 7}, true},
		{"negative min", pause.Policy{MinDays: -1}, false},
		{"negative notice", pause.Policy{NoticeDays: -1}, false},
		{"negative pauses", pause.Policy{MaxPausesPerYear: -2}, false},
		{"min above max", pause.Policy{MinDays: 8, MaxDays: 7}, false},
		{"percent 100", pause.Policy{Fee: pct("100")}, true},
		{"percent 0.5", pause.Policy{Fee: pct("0.5")}, true},
		{"percent 0", pause.Policy{Fee: pct("0")}, false},
		{"percent 100.01", pause.Policy{Fee: pct("100.01")}, false},
		{"percent negative", pause.Policy{Fee: pct("-5")}, false},
		{"percent too precise", pause.Policy{Fee: &pause.Fee{Percent: decimal.New(1, -30)}}, false},
		{"flat and percent", pause.Policy{Fee: &pause.Fee{Flat: eurp("5.00"), Percent: decimal.NewFromInt(10)}}, false},
		{"flat 0", pause.Policy{Fee: &pause.Fee{Flat: eurp("0")}}, true},
		{"flat negative", pause.Policy{Fee: &pause.Fee{Flat: eurp("-5.00")}}, false},
		{"flat without currency", pause.Policy{Fee: &pause.Fee{Flat: &invoice.Money{}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, pause.ErrInvalidPolicy)
		})
	}
}

func TestPolicyCheck(t *testing.T) {
	asked := day("2025-03-01")
	tests := []struct {
		name       string
		p          pause.Policy
		days       period.Period
		on         date.Date
		taken      []period.Period
		limit      string
		value, max int
		year       int
		message    string
	}{
		{"min days", pause.Policy{MinDays: 7}, span("2025-03-10", "2025-03-13"), asked, nil,
			pause.LimitMinDays, 3, 7, 0, "pause: policy limit min_days: pause of 3 days, at least 7"},
		{"max days", pause.Policy{MaxDays: 30}, span("2025-03-10", "2025-04-21"), asked, nil,
			pause.LimitMaxDays, 42, 30, 0, "pause: policy limit max_days: pause of 42 days, at most 30"},
		{"notice", pause.Policy{NoticeDays: 14}, span("2025-03-10", "2025-03-20"), asked, nil,
			pause.LimitNoticeDays, 9, 14, 0, "pause: policy limit notice_days: pause starting 9 days after the request, at least 14"},
		{"notice, requested after the start", pause.Policy{NoticeDays: 1}, span("2025-03-10", "2025-03-20"), day("2025-03-12"), nil,
			pause.LimitNoticeDays, -2, 1, 0, "pause: policy limit notice_days: pause starting -2 days after the request, at least 1"},
		{"pauses per year", pause.Policy{MaxPausesPerYear: 2}, span("2025-09-01", "2025-09-08"), asked,
			[]period.Period{span("2024-12-20", "2025-01-05"), span("2025-02-01", "2025-02-08"), span("2025-05-01", "2025-05-08")},
			pause.LimitMaxPausesPerYear, 3, 2, 2025, "pause: policy limit max_pauses_per_year: 3 pauses starting in 2025, at most 2"},
		{"days per year", pause.Policy{MaxDaysPerYear: 60}, span("2025-03-10", "2025-04-21"), asked,
			[]period.Period{span("2024-12-20", "2025-01-05"), span("2025-07-01", "2025-07-15")},
			pause.LimitMaxDaysPerYear, 60, 60, 0, ""}, // 4 + 42 + 14 = 60: allowed
		{"days per year over", pause.Policy{MaxDaysPerYear: 59}, span("2025-03-10", "2025-04-21"), asked,
			[]period.Period{span("2024-12-20", "2025-01-05"), span("2025-07-01", "2025-07-15")},
			pause.LimitMaxDaysPerYear, 60, 59, 2025, "pause: policy limit max_days_per_year: 60 paused days in 2025, at most 59"},
		{"days per year, second year", pause.Policy{MaxDaysPerYear: 20}, span("2025-12-20", "2026-01-10"), asked,
			[]period.Period{span("2026-02-01", "2026-02-15")},
			pause.LimitMaxDaysPerYear, 23, 20, 2026, "pause: policy limit max_days_per_year: 23 paused days in 2026, at most 20"},
		{"days per year, overlap counted once", pause.Policy{MaxDaysPerYear: 42}, span("2025-03-10", "2025-04-21"), asked,
			[]period.Period{span("2025-03-10", "2025-03-20")},
			pause.LimitMaxDaysPerYear, 42, 42, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Check(tt.days, tt.on, tt.taken)
			if tt.message == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, pause.ErrPolicy)
			var pe *pause.PolicyError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.limit, pe.Limit)
			require.Equal(t, tt.value, pe.Value)
			require.Equal(t, tt.max, pe.LimitValue)
			require.Equal(t, tt.year, pe.Year)
			require.Equal(t, tt.message, err.Error())
		})
	}
}

func TestPolicyCheckSeveral(t *testing.T) {
	p := pause.Policy{MinDays: 50, NoticeDays: 30, MaxDays: 60}
	err := p.Check(span("2025-03-10", "2025-04-21"), day("2025-03-01"), nil)
	require.ErrorIs(t, err, pause.ErrPolicy)
	var pe *pause.PolicyError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, pause.LimitMinDays, pe.Limit)
	require.Contains(t, err.Error(), "min_days")
	require.Contains(t, err.Error(), "notice_days")
	require.NotContains(t, err.Error(), "max_days")

	require.NoError(t, pause.Policy{}.Check(span("2025-03-10", "2025-04-21"), day("2025-03-10"), nil))
	require.ErrorIs(t, pause.Policy{MinDays: -1}.Check(span("2025-03-10", "2025-04-21"), day("2025-03-10"), nil), pause.ErrInvalidPolicy)
	require.ErrorIs(t, pause.Policy{}.Check(span("2025-03-10", "2025-03-10"), day("2025-03-10"), nil), pause.ErrInvalidPause)
	require.ErrorIs(t, pause.Policy{}.Check(span("2025-03-10", "2025-03-01"), day("2025-03-10"), nil), pause.ErrInvalidPause)
	far := period.Period{Start: date.Max() - 10, End: date.Max()}
	require.ErrorIs(t, pause.Policy{MaxDaysPerYear: 3}.Check(far, 0, nil), pause.ErrInvalidPause)
	require.False(t, errors.Is(pause.Policy{MaxDays: 1}.Check(span("2025-03-10", "2025-03-11"), 0, nil), pause.ErrPolicy))
}

func TestFeeAmount(t *testing.T) {
	pct := func(s string) pause.Fee { return pause.Fee{Percent: decimal.RequireFromString(s)} }
	tests := []struct {
		name  string
		fee   pause.Fee
		price invoice.Money
		want  invoice.Money
	}{
		{"flat", pause.Fee{Flat: eurp("5.00")}, eur("49.00"), eur("5.00")},
		{"flat 0", pause.Fee{Flat: eurp("0")}, eur("49.00"), eur("0.00")},
		{"10%", pct("10"), eur("49.00"), eur("4.90")},
		{"12.5% rounds half away", pct("12.5"), eur("49.90"), eur("6.24")}, // 6.2375
		{"half cent up", pct("50"), eur("0.25"), eur("0.13")},              // 0.125
		{"100%", pct("100"), eur("30.00"), eur("30.00")},
		{"33.3333% of 30", pct("33.3333"), eur("30.00"), eur("10.00")},                                              // 9.99999
		{"JPY", pct("15"), invoice.MustParseMoney("4999", invoice.JPY), invoice.MustParseMoney("750", invoice.JPY)}, // 749.85
		{"price 0", pct("20"), eur("0"), eur("0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.fee.Amount(tt.price)
			require.NoError(t, err)
			require.True(t, got == tt.want, "Amount(%s) = %s; want %s", tt.price, got, tt.want)
		})
	}
	_, err := pause.Fee{Flat: eurp("5.00")}.Amount(invoice.MustParseMoney("500", invoice.JPY))
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)
	_, err = pct("10").Amount(eur("-1.00"))
	require.ErrorIs(t, err, pause.ErrInvalidPolicy)
	_, err = pct("10").Amount(invoice.Money{})
	require.ErrorIs(t, err, pause.ErrInvalidPolicy)
	_, err = pause.Fee{}.Amount(eur("10.00"))
	require.ErrorIs(t, err, pause.ErrInvalidPolicy)
}

func TestPolicyJSON(t *testing.T) {
	p := pause.Policy{MinDays: 7, MaxDays: 90, MaxPausesPerYear: 2, MaxDaysPerYear: 120, NoticeDays: 3,
		Fee: &pause.Fee{Percent: decimal.RequireFromString("12.5")}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.JSONEq(t, `{"min_days":7,"max_days":90,"max_pauses_per_year":2,"max_days_per_year":120,"notice_days":3,"fee":{"percent":"12.5"}}`, string(b))
	var back pause.Policy
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, back.Fee.Percent.Equal(p.Fee.Percent))

	flat := pause.Policy{Fee: &pause.Fee{Flat: eurp("5.00")}}
	b, err = json.Marshal(flat)
	require.NoError(t, err)
	require.JSONEq(t, `{"fee":{"flat":{"amount":"5.00","currency":"EUR"}}}`, string(b))
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, eur("5"), *back.Fee.Flat)

	for _, bad := range []string{
		`{"fee":{}}`,
		`{"fee":{"percent":"1e-99999999"}}`,
		`{"fee":{"percent":"101"}}`,
		`{"fee":{"percent":"ten"}}`,
		`{"fee":{"percent":"5","flat":{"amount":"1.00","currency":"EUR"}}}`,
	} {
		var p pause.Policy
		require.Error(t, json.Unmarshal([]byte(bad), &p), bad)
	}
}

func TestPassFreezeErrors(t *testing.T) {
	card := pause.Pass{Valid: span("2025-06-01", "2025-09-01"), Sessions: 10, Used: 4}
	frozen, err := card.Freeze(day("2025-07-01"))
	require.NoError(t, err)
	tests := []struct {
		name string
		do   func() (pause.Pass, error)
		want error
	}{
		{"freeze before validity", func() (pause.Pass, error) { return card.Freeze(day("2025-05-31")) }, pause.ErrOutsideValidity},
		{"freeze on the end", func() (pause.Pass, error) { return card.Freeze(day("2025-09-01")) }, pause.ErrOutsideValidity},
		{"freeze twice", func() (pause.Pass, error) { return frozen.Freeze(day("2025-06-15")) }, pause.ErrAlreadyFrozen},
		{"unfreeze a pass not frozen", func() (pause.Pass, error) { return card.Unfreeze(day("2025-07-01")) }, pause.ErrNotFrozen},
		{"unfreeze before the freeze", func() (pause.Pass, error) { return frozen.Unfreeze(day("2025-06-30")) }, pause.ErrUnfreezeBeforeFreeze},
		{"invalid pass", func() (pause.Pass, error) {
			return pause.Pass{Valid: card.Valid, Sessions: 3, Used: 4}.Freeze(day("2025-07-01"))
		}, pause.ErrInvalidPass},
		{"inconsistent frozen pass", func() (pause.Pass, error) {
			bad := frozen
			bad.Frozen = &pause.Freeze{From: frozen.Frozen.From + 1, RemainingDays: frozen.Frozen.RemainingDays}
			return bad.Unfreeze(day("2025-10-01"))
		}, pause.ErrInvalidPass},
		{"overflowing unfreeze", func() (pause.Pass, error) {
			return frozen.Unfreeze(date.Date(1<<63 - 10))
		}, pause.ErrInvalidPass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.do()
			require.ErrorIs(t, err, tt.want)
			require.Equal(t, pause.Pass{}, got)
		})
	}

	// Freezing on the first day keeps every day; unfreezing on the day of
	// the freeze loses none.
	first, err := card.Freeze(card.Valid.Start)
	require.NoError(t, err)
	require.Equal(t, 92, first.Frozen.RemainingDays)
	require.True(t, first.Valid.IsEmpty())
	same, err := frozen.Unfreeze(frozen.Frozen.From)
	require.NoError(t, err)
	require.Equal(t, span("2025-07-01", "2025-09-01"), same.Valid)
}

func TestPassSessions(t *testing.T) {
	timePass := pause.Pass{Valid: span("2025-06-01", "2025-07-01")}
	_, limited := timePass.SessionsLeft()
	require.False(t, limited)
	require.False(t, timePass.IsCard())
	card := pause.Pass{Valid: span("2025-06-01", "2025-07-01"), Sessions: 10, Used: 10}
	left, limited := card.SessionsLeft()
	require.True(t, limited)
	require.Equal(t, 0, left)
}

func TestPassJSON(t *testing.T) {
	card := pause.Pass{Valid: span("2025-06-01", "2025-09-01"), Sessions: 10, Used: 4}
	frozen, err := card.Freeze(day("2025-07-01"))
	require.NoError(t, err)
	b, err := json.Marshal(frozen)
	require.NoError(t, err)
	require.JSONEq(t, `{"valid":{"start":"2025-06-01","end":"2025-07-01"},"sessions":10,"used":4,
		"frozen":{"from":"2025-07-01","remaining_days":62}}`, string(b))
	var back pause.Pass
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, frozen, back)

	for _, bad := range []string{
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"frozen":{"from":"2025-06-30","remaining_days":3}}`,
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"frozen":{"from":"2025-07-01","remaining_days":0}}`,
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"frozen":{"from":"2025-02-30","remaining_days":3}}`,
		`{"valid":{"start":"2025-06-01","end":"2025-05-01"}}`,
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"sessions":2,"used":3}`,
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"sessions":-2}`,
	} {
		var p pause.Pass
		require.Error(t, json.Unmarshal([]byte(bad), &p), bad)
	}
}

func TestFlexibleJSON(t *testing.T) {
	f := pause.Flexible{
		Days:   span("2025-03-10", "2025-04-21"),
		Reason: "travel",
		Overrides: []pause.InvoiceOverride{
			{Period: span("2025-02-15", "2025-03-15"), Mode: pause.Prorated},
			{Period: span("2025-03-15", "2025-04-15"), Mode: pause.FixedAmount, Amount: eurp("0.00")},
		},
		Extension: pause.Extension{Periods: 2, Amount: eurp("30.00")},
	}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	require.JSONEq(t, `{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"travel",
		"overrides":[{"period":{"start":"2025-02-15","end":"2025-03-15"},"mode":"prorated"},
		{"period":{"start":"2025-03-15","end":"2025-04-15"},"mode":"fixed_amount","amount":{"amount":"0.00","currency":"EUR"}}],
		"extension":{"periods":2,"amount":{"amount":"30.00","currency":"EUR"}}}`, string(b))
	var back pause.Flexible
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, flexibleEqual(f, back), "%+v", back)

	for _, bad := range []string{
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":" "}`,
		`{"days":{"start":"2025-03-10","end":"2025-02-30"},"reason":"x"}`,
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"x","extension":{"periods":-1}}`,
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"x","overrides":[{"period":{"start":"2025-02-15","end":"2025-03-15"},"mode":"zero"}]}`,
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"x","overrides":[{"period":{"start":"2025-02-15","end":"2025-03-15"},"mode":"fixed_amount","amount":{"amount":"1.001","currency":"EUR"}}]}`,
	} {
		var f pause.Flexible
		require.Error(t, json.Unmarshal([]byte(bad), &f), bad)
	}
}

func TestWholePeriodJSON(t *testing.T) {
	w := pause.WholePeriod{Periods: []period.Period{span("2025-04-15", "2025-05-15")}, Reason: "travel", SkipOnly: true}
	b, err := json.Marshal(w)
	require.NoError(t, err)
	require.JSONEq(t, `{"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"travel","skip_only":true}`, string(b))
	var back pause.WholePeriod
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, w, back)
	require.Error(t, json.Unmarshal([]byte(`{"periods":[],"reason":"travel"}`), &back))
}
