package period_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Named anchors and recurrences used across the schedule tables.
var (
	jan31 = day("2021-01-31")
	jan30 = day("2021-01-30")
	jan29 = day("2021-01-29")

	jan31leap = day("2024-01-31")
	jan29leap = day("2024-01-29")
	feb29     = day("2024-02-29")
	nov30     = day("2023-11-30")
	feb25leap = day("2024-02-25")
	fri       = day("2022-06-03") // a Friday
	jan1      = day("2024-01-01")

	p10d = period.Recurrence{Every: 10, Unit: period.Day}
	p2w  = period.Recurrence{Every: 2, Unit: period.Week}
)

func TestBoundary(t *testing.T) {
	tests := []struct {
		name   string
		anchor string
		every  period.Recurrence
		k      int
		want   string
	}{
		// Month ends: the anchor's day comes back as soon as it exists.
		{"jan31/monthly/0", "2021-01-31", period.Monthly, 0, "2021-01-31"},
		{"jan31/monthly/1", "2021-01-31", period.Monthly, 1, "2021-02-28"},
		{"jan31/monthly/2", "2021-01-31", period.Monthly, 2, "2021-03-31"},
		{"jan31/monthly/3", "2021-01-31", period.Monthly, 3, "2021-04-30"},
		{"jan31/monthly/4", "2021-01-31", period.Monthly, 4, "2021-05-31"},
		{"jan31/monthly/5", "2021-01-31", period.Monthly, 5, "2021-06-30"},
		{"jan31/monthly/11", "2021-01-31", period.Monthly, 11, "2021-12-31"},
		{"jan31/monthly/12", "2021-01-31", period.Monthly, 12, "2022-01-31"},
		{"jan31/monthly/13", "2021-01-31", period.Monthly, 13, "2022-02-28"},
		{"jan31/monthly/-1", "2021-01-31", period.Monthly, -1, "2020-12-31"},
		{"jan31/monthly/-2", "2021-01-31", period.Monthly, -2, "2020-11-30"},
		{"jan31/monthly/-11", "2021-01-31", period.Monthly, -11, "2020-02-29"},
		{"jan31leap/monthly/1", "2024-01-31", period.Monthly, 1, "2024-02-29"},
		{"jan31leap/monthly/3", "2024-01-31", period.Monthly, 3, "2024-04-30"},
		{"jan30/monthly/1", "2021-01-30", period.Monthly, 1, "2021-02-28"},
		{"jan30/monthly/2", "2021-01-30", period.Monthly, 2, "2021-03-30"},
		{"jan30/monthly/13", "2021-01-30", period.Monthly, 13, "2022-02-28"},
		{"jan30leap/monthly/1", "2024-01-30", period.Monthly, 1, "2024-02-29"},
		{"jan30leap/monthly/2", "2024-01-30", period.Monthly, 2, "2024-03-30"},
		{"jan29/monthly/1", "2021-01-29", period.Monthly, 1, "2021-02-28"},
		{"jan29/monthly/2", "2021-01-29", period.Monthly, 2, "2021-03-29"},
		{"jan29leap/monthly/1", "2024-01-29", period.Monthly, 1, "2024-02-29"},
		{"mar31/monthly/-1", "2021-03-31", period.Monthly, -1, "2021-02-28"},
		{"mar31/monthly/1", "2021-03-31", period.Monthly, 1, "2021-04-30"},
		{"aug31/monthly/1", "2021-08-31", period.Monthly, 1, "2021-09-30"},
		{"aug31/monthly/2", "2021-08-31", period.Monthly, 2, "2021-10-31"},

		// Leap years: 2100 is not a leap year, 2000 and 2400 are.
		{"feb29/yearly/1", "2024-02-29", period.Yearly, 1, "2025-02-28"},
		{"feb29/yearly/4", "2024-02-29", period.Yearly, 4, "2028-02-29"},
		{"feb29/yearly/76", "2024-02-29", period.Yearly, 76, "2100-02-28"},
		{"feb29/yearly/80", "2024-02-29", period.Yearly, 80, "2104-02-29"},
		{"feb29/yearly/376", "2024-02-29", period.Yearly, 376, "2400-02-29"},
		{"feb29/yearly/-24", "2024-02-29", period.Yearly, -24, "2000-02-29"},
		{"feb29/yearly/-124", "2024-02-29", period.Yearly, -124, "1900-02-28"},
		{"feb29/monthly/1", "2024-02-29", period.Monthly, 1, "2024-03-29"},
		{"feb29/monthly/12", "2024-02-29", period.Monthly, 12, "2025-02-28"},
		{"feb29/monthly/13", "2024-02-29", period.Monthly, 13, "2025-03-29"},
		{"feb29/monthly/48", "2024-02-29", period.Monthly, 48, "2028-02-29"},
		{"feb29y96/yearly/4", "2096-02-29", period.Yearly, 4, "2100-02-28"},
		{"feb29y96/yearly/8", "2096-02-29", period.Yearly, 8, "2104-02-29"},
		{"feb29y96c/yearly/4", "1996-02-29", period.Yearly, 4, "2000-02-29"},
		{"jan31y00/monthly/1", "2000-01-31", period.Monthly, 1, "2000-02-29"},
		{"jan31y100/monthly/1", "2100-01-31", period.Monthly, 1, "2100-02-28"},

		// Quarterly.
		{"nov30/quarterly/1", "2023-11-30", period.Quarterly, 1, "2024-02-29"},
		{"nov30/quarterly/2", "2023-11-30", period.Quarterly, 2, "2024-05-30"},
		{"nov30/quarterly/3", "2023-11-30", period.Quarterly, 3, "2024-08-30"},
		{"nov30/quarterly/4", "2023-11-30", period.Quarterly, 4, "2024-11-30"},
		{"jan31/quarterly/1", "2021-01-31", period.Quarterly, 1, "2021-04-30"},
		{"jan31/quarterly/2", "2021-01-31", period.Quarterly, 2, "2021-07-31"},
		{"jan31/quarterly/3", "2021-01-31", period.Quarterly, 3, "2021-10-31"},
		{"jan31/quarterly/4", "2021-01-31", period.Quarterly, 4, "2022-01-31"},
		{"jan31/quarterly/-1", "2021-01-31", period.Quarterly, -1, "2020-10-31"},

		// Ten days, across February.
		{"feb25leap/P10D/1", "2024-02-25", p10d, 1, "2024-03-06"},
		{"feb25leap/P10D/3", "2024-02-25", p10d, 3, "2024-03-26"},
		{"feb25leap/P10D/-1", "2024-02-25", p10d, -1, "2024-02-15"},
		{"feb25/P10D/1", "2023-02-25", p10d, 1, "2023-03-07"},

		// Weeks.
		{"fri/weekly/1", "2022-06-03", period.Weekly, 1, "2022-06-10"},
		{"fri/weekly/-1", "2022-06-03", period.Weekly, -1, "2022-05-27"},
		{"fri/weekly/52", "2022-06-03", period.Weekly, 52, "2023-06-02"},
		{"fri/P2W/2", "2022-06-03", p2w, 2, "2022-07-01"},

		// Far from the anchor: ±400 years.
		{"jan31leap/monthly/4800", "2024-01-31", period.Monthly, 4800, "2424-01-31"},
		{"jan31leap/monthly/4801", "2024-01-31", period.Monthly, 4801, "2424-02-29"},
		{"jan31leap/monthly/-4800", "2024-01-31", period.Monthly, -4800, "1624-01-31"},
		{"jan31leap/monthly/-4799", "2024-01-31", period.Monthly, -4799, "1624-02-29"},
		{"jan31leap/monthly/-4797", "2024-01-31", period.Monthly, -4797, "1624-04-30"},
		{"feb29/yearly/-400", "2024-02-29", period.Yearly, -400, "1624-02-29"},
		{"feb29/yearly/-324", "2024-02-29", period.Yearly, -324, "1700-02-28"},
		{"jan1/daily/146097", "2024-01-01", period.Daily, 146097, "2424-01-01"},
		{"jan1/daily/-146097", "2024-01-01", period.Daily, -146097, "1624-01-01"},
		{"fri/weekly/20871", "2022-06-03", period.Weekly, 20871, "2422-06-03"},
		{"fri/weekly/-20871", "2022-06-03", period.Weekly, -20871, "1622-06-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := period.Schedule{Anchor: day(tt.anchor), Every: tt.every}
			if got := boundary(s, tt.k); got != day(tt.want) {
				t.Errorf("Boundary(%d) = %s; want %s", tt.k, got, tt.want)
			}
			if got := periodAt(s, tt.k).Start; got != day(tt.want) {
				t.Errorf("Period(%d).Start = %s; want %s", tt.k, got, tt.want)
			}
			if got := periodAt(s, tt.k-1).End; got != day(tt.want) {
				t.Errorf("Period(%d).End = %s; want %s", tt.k-1, got, tt.want)
			}
		})
	}
}

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		name  string
		s     period.Schedule
		d     string
		wantK int
		want  period.Period
	}{
		{"jan31/anchor", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-01-31", 0, span("2021-01-31", "2021-02-28")},
		{"jan31/feb27", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-02-27", 0, span("2021-01-31", "2021-02-28")},
		{"jan31/feb28", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-02-28", 1, span("2021-02-28", "2021-03-31")},
		{"jan31/mar30", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-03-30", 1, span("2021-02-28", "2021-03-31")},
		{"jan31/mar31", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-03-31", 2, span("2021-03-31", "2021-04-30")},
		{"jan31/apr29", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-04-29", 2, span("2021-03-31", "2021-04-30")},
		{"jan31/apr30", period.Schedule{Anchor: jan31, Every: period.Monthly}, "2021-04-30", 3, span("2021-04-30", "2021-05-31")},
		{"jan30/feb28", period.Schedule{Anchor: jan30, Every: period.Monthly}, "2021-02-28", 1, span("2021-02-28", "2021-03-30")},
		{"jan30/mar29", period.Schedule{Anchor: jan30, Every: period.Monthly}, "2021-03-29", 1, span("2021-02-28", "2021-03-30")},
		{"jan29/mar28", period.Schedule{Anchor: jan29, Every: period.Monthly}, "2021-03-28", 1, span("2021-02-28", "2021-03-29")},
		{"jan29leap/feb28", period.Schedule{Anchor: jan29leap, Every: period.Monthly}, "2024-02-28", 0, span("2024-01-29", "2024-02-29")},
		{"jan31leap/feb28", period.Schedule{Anchor: jan31leap, Every: period.Monthly}, "2024-02-28", 0, span("2024-01-31", "2024-02-29")},
		{"jan31leap/feb29", period.Schedule{Anchor: jan31leap, Every: period.Monthly}, "2024-02-29", 1, span("2024-02-29", "2024-03-31")},
		{"jan31leap/R-11", period.Schedule{Anchor: jan31leap, Every: period.Monthly}, "2124-03-15", 1201, span("2124-02-29", "2124-03-31")},
		{"jan31leap/400y-1", period.Schedule{Anchor: jan31leap, Every: period.Monthly}, "2424-01-30", 4799, span("2423-12-31", "2424-01-31")},
		{"jan31leap/400y", period.Schedule{Anchor: jan31leap, Every: period.Monthly}, "2424-01-31", 4800, span("2424-01-31", "2424-02-29")},
		{"feb29/yearly/2100-02-27", period.Schedule{Anchor: feb29, Every: period.Yearly}, "2100-02-27", 75, span("2099-02-28", "2100-02-28")},
		{"feb29/yearly/2100-02-28", period.Schedule{Anchor: feb29, Every: period.Yearly}, "2100-02-28", 76, span("2100-02-28", "2101-02-28")},
		{"feb29/yearly/2424-02-28", period.Schedule{Anchor: feb29, Every: period.Yearly}, "2424-02-28", 399, span("2423-02-28", "2424-02-29")},
		{"feb29/yearly/2424-02-29", period.Schedule{Anchor: feb29, Every: period.Yearly}, "2424-02-29", 400, span("2424-02-29", "2425-02-28")},
		{"feb29/monthly/2025-02-28", period.Schedule{Anchor: feb29, Every: period.Monthly}, "2025-02-28", 12, span("2025-02-28", "2025-03-29")},
		{"nov30/quarterly/feb28", period.Schedule{Anchor: nov30, Every: period.Quarterly}, "2024-02-28", 0, span("2023-11-30", "2024-02-29")},
		{"nov30/quarterly/feb29", period.Schedule{Anchor: nov30, Every: period.Quarterly}, "2024-02-29", 1, span("2024-02-29", "2024-05-30")},
		{"nov30/quarterly/may29", period.Schedule{Anchor: nov30, Every: period.Quarterly}, "2024-05-29", 1, span("2024-02-29", "2024-05-30")},
		{"nov30/quarterly/may30", period.Schedule{Anchor: nov30, Every: period.Quarterly}, "2024-05-30", 2, span("2024-05-30", "2024-08-30")},
		{"nov30/quarterly/apr15", period.Schedule{Anchor: nov30, Every: period.Quarterly}, "2024-04-15", 1, span("2024-02-29", "2024-05-30")},
		{"feb25leap/P10D/mar05", period.Schedule{Anchor: feb25leap, Every: p10d}, "2024-03-05", 0, span("2024-02-25", "2024-03-06")},
		{"feb25leap/P10D/mar06", period.Schedule{Anchor: feb25leap, Every: p10d}, "2024-03-06", 1, span("2024-03-06", "2024-03-16")},
		{"fri/weekly/thu", period.Schedule{Anchor: fri, Every: period.Weekly}, "2022-06-09", 0, span("2022-06-03", "2022-06-10")},
		{"fri/weekly/fri", period.Schedule{Anchor: fri, Every: period.Weekly}, "2022-06-10", 1, span("2022-06-10", "2022-06-17")},
		{"fri/weekly/400y", period.Schedule{Anchor: fri, Every: period.Weekly}, "2422-06-03", 20871, span("2422-06-03", "2422-06-10")},
		{"fri/P2W/400y+13", period.Schedule{Anchor: fri, Every: p2w}, "2422-06-16", 10436, span("2422-06-10", "2422-06-24")},
		{"jan1/daily/400y", period.Schedule{Anchor: jan1, Every: period.Daily}, "2424-01-01", 146097, span("2424-01-01", "2424-01-02")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := day(tt.d)
			k, ok := tt.s.Index(d)
			if !ok || k != tt.wantK {
				t.Errorf("Index(%s) = %d, %t; want %d, true", tt.d, k, ok, tt.wantK)
			}
			p, k, ok := tt.s.PeriodOf(d)
			if !ok || k != tt.wantK || p != tt.want {
				t.Errorf("PeriodOf(%s) = %s, %d, %t; want %s, %d, true", tt.d, p, k, ok, tt.want, tt.wantK)
			}
			if !p.Contains(d) {
				t.Errorf("PeriodOf(%s) = %s does not contain %s", tt.d, p, tt.d)
			}
		})
	}
}

func TestPeriodOfBeforeAnchor(t *testing.T) {
	for _, s := range []period.Schedule{
		{Anchor: jan31leap, Every: period.Monthly},
		{Anchor: feb29, Every: period.Yearly},
		{Anchor: fri, Every: period.Weekly},
		{Anchor: feb25leap, Every: p10d},
	} {
		for _, d := range []struct {
			name string
			d    int
		}{{"day before", -1}, {"a year before", -365}, {"400 years before", -146097}} {
			t.Run(s.Every.String()+"/"+d.name, func(t *testing.T) {
				before := s.Anchor + date.Date(d.d)
				if k, ok := s.Index(before); ok || k != 0 {
					t.Errorf("Index(%s) = %d, %t; want 0, false", before, k, ok)
				}
				if p, k, ok := s.PeriodOf(before); ok || k != 0 || p != (period.Period{}) {
					t.Errorf("PeriodOf(%s) = %s, %d, %t; want zero, 0, false", before, p, k, ok)
				}
			})
		}
	}
}

func TestNext(t *testing.T) {
	monthly := period.Schedule{Anchor: jan31, Every: period.Monthly}
	tests := []struct {
		name string
		s    period.Schedule
		d    string
		want string
	}{
		{"jan31/long before", monthly, "1900-01-01", "2021-01-31"},
		{"jan31/day before", monthly, "2021-01-30", "2021-01-31"},
		{"jan31/anchor", monthly, "2021-01-31", "2021-02-28"},
		{"jan31/feb27", monthly, "2021-02-27", "2021-02-28"},
		{"jan31/feb28", monthly, "2021-02-28", "2021-03-31"},
		{"jan31/mar30", monthly, "2021-03-30", "2021-03-31"},
		{"feb29/yearly/2027-03-01", period.Schedule{Anchor: feb29, Every: period.Yearly}, "2027-03-01", "2028-02-29"},
		{"feb29/yearly/2099-03-01", period.Schedule{Anchor: feb29, Every: period.Yearly}, "2099-03-01", "2100-02-28"},
		{"fri/weekly/thu", period.Schedule{Anchor: fri, Every: period.Weekly}, "2022-06-09", "2022-06-10"},
		{"fri/weekly/fri", period.Schedule{Anchor: fri, Every: period.Weekly}, "2022-06-10", "2022-06-17"},
		{"nov30/quarterly", period.Schedule{Anchor: nov30, Every: period.Quarterly}, "2024-01-15", "2024-02-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.s.Next(day(tt.d))
			if !ok || got != day(tt.want) {
				t.Errorf("Next(%s) = %s, %t; want %s, true", tt.d, got, ok, tt.want)
			}
		})
	}
}

// collect gathers a whole finite sequence.
func collect(seq func(func(period.Period) bool)) []period.Period {
	var got []period.Period
	for p := range seq {
		got = append(got, p)
	}
	return got
}

func TestPeriods(t *testing.T) {
	s := period.Schedule{Anchor: jan31, Every: period.Monthly}
	p0 := span("2021-01-31", "2021-02-28")
	p1 := span("2021-02-28", "2021-03-31")
	p2 := span("2021-03-31", "2021-04-30")
	tests := []struct {
		name     string
		from, to string
		want     []period.Period
	}{
		{"to equals from", "2021-02-10", "2021-02-10", nil},
		{"to before from", "2021-03-10", "2021-02-10", nil},
		{"all before the anchor", "2020-01-01", "2021-01-31", nil},
		{"to is the day after the anchor", "2020-01-01", "2021-02-01", []period.Period{p0}},
		{"from before the anchor starts at period 0", "2020-01-01", "2021-03-01", []period.Period{p0, p1}},
		{"inside one period", "2021-03-10", "2021-03-20", []period.Period{p1}},
		{"to on a boundary excludes the next period", "2021-03-15", "2021-03-31", []period.Period{p1}},
		{"to one day past a boundary", "2021-03-15", "2021-04-01", []period.Period{p1, p2}},
		{"from on a boundary", "2021-02-28", "2021-03-31", []period.Period{p1}},
		{"from the day before a boundary", "2021-02-27", "2021-03-01", []period.Period{p0, p1}},
		{"single day", "2021-03-31", "2021-04-01", []period.Period{p2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(s.Periods(spanOf(day(tt.from), day(tt.to))))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Periods(%s, %s) = %v; want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}

	t.Run("early break", func(t *testing.T) {
		n := 0
		for p := range s.Periods(spanOf(day("2021-01-31"), day("2031-01-31"))) {
			n++
			if n == 2 {
				if p != p1 {
					t.Errorf("second period = %s; want %s", p, p1)
				}
				break
			}
		}
		if n != 2 {
			t.Errorf("ranged over %d periods; want 2", n)
		}
	})

	t.Run("ten years", func(t *testing.T) {
		got := collect(s.Periods(spanOf(day("2021-01-31"), day("2031-01-31"))))
		if len(got) != 120 {
			t.Fatalf("Periods over ten years yielded %d periods; want 120", len(got))
		}
		for k, p := range got {
			if want := periodAt(s, k); p != want {
				t.Errorf("Periods[%d] = %s; want %s", k, p, want)
			}
		}
	})
}

func TestPeriodsFrom(t *testing.T) {
	s := period.Schedule{Anchor: jan31, Every: period.Monthly}
	tests := []struct {
		name string
		from string
		want []period.Period
	}{
		{"before the anchor", "2020-06-01", []period.Period{span("2021-01-31", "2021-02-28"), span("2021-02-28", "2021-03-31")}},
		{"on the anchor", "2021-01-31", []period.Period{span("2021-01-31", "2021-02-28"), span("2021-02-28", "2021-03-31")}},
		{"mid period", "2021-03-15", []period.Period{span("2021-02-28", "2021-03-31"), span("2021-03-31", "2021-04-30"), span("2021-04-30", "2021-05-31")}},
		{"on a boundary", "2021-03-31", []period.Period{span("2021-03-31", "2021-04-30")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []period.Period
			for p := range s.PeriodsFrom(day(tt.from)) {
				got = append(got, p)
				if len(got) == len(tt.want) {
					break
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("PeriodsFrom(%s) = %v; want %v", tt.from, got, tt.want)
			}
		})
	}
}

func TestInvalidSchedule(t *testing.T) {
	tests := []struct {
		name    string
		every   period.Recurrence
		wantErr error
	}{
		{"zero recurrence", period.Recurrence{}, period.ErrInvalidUnit},
		{"zero months", period.Recurrence{Every: 0, Unit: period.Month}, period.ErrInvalidRecurrence},
		{"zero days", period.Recurrence{Every: 0, Unit: period.Day}, period.ErrInvalidRecurrence},
		{"minus one month", period.Recurrence{Every: -1, Unit: period.Month}, period.ErrInvalidRecurrence},
		{"minus one week", period.Recurrence{Every: -1, Unit: period.Week}, period.ErrInvalidRecurrence},
		{"unit 0", period.Recurrence{Every: 1}, period.ErrInvalidUnit},
		{"unit 9", period.Recurrence{Every: 1, Unit: 9}, period.ErrInvalidUnit},
		{"unit 255", period.Recurrence{Every: 1, Unit: 255}, period.ErrInvalidUnit},
		{"too many days", period.Recurrence{Every: period.Day.MaxEvery() + 1, Unit: period.Day}, period.ErrInvalidRecurrence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := period.Schedule{Anchor: jan31, Every: tt.every}
			if err := s.Validate(); !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate() = %v; want an error matching %v", err, tt.wantErr)
			}
			for _, d := range []date.Date{jan31 - 1, jan31, jan31 + 40, jan31 + 400} {
				if k, ok := s.Index(d); ok || k != 0 {
					t.Errorf("Index(%s) = %d, %t; want 0, false", d, k, ok)
				}
				if p, k, ok := s.PeriodOf(d); ok || k != 0 || p != (period.Period{}) {
					t.Errorf("PeriodOf(%s) = %s, %d, %t; want zero, 0, false", d, p, k, ok)
				}
				if n, ok := s.Next(d); ok || n != 0 {
					t.Errorf("Next(%s) = %s, %t; want zero, false", d, n, ok)
				}
				if got := collect(s.Periods(spanOf(d, d+1000))); len(got) != 0 {
					t.Errorf("Periods(%s, %s) = %v; want nothing", d, d+1000, got)
				}
				if got := collect(s.PeriodsFrom(d)); len(got) != 0 {
					t.Errorf("PeriodsFrom(%s) = %v; want nothing", d, got)
				}
			}
			for _, k := range []int{-1, 0, 1, 12} {
				if b := boundary(s, k); b != 0 {
					t.Errorf("Boundary(%d) = %s; want the zero date", k, b)
				}
				if p := periodAt(s, k); p != (period.Period{}) {
					t.Errorf("Period(%d) = %s; want the zero Period", k, p)
				}
			}
		})
	}
}
