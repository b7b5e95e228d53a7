package period_test

import (
	"fmt"
	"time"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Monthly periods anchored on January 31 come back to the 31st whenever the
// month has one: they are never chained from the clamped February date.
func ExampleSchedule_Periods() {
	s := period.Schedule{Anchor: date.New(2024, time.January, 31), Every: period.Monthly}
	for p := range s.Periods(s.Anchor, date.New(2024, time.April, 30)) {
		fmt.Printf("%s..%s\n", p.Start, p.End)
	}
	// Output:
	// 2024-01-31..2024-02-29
	// 2024-02-29..2024-03-31
	// 2024-03-31..2024-04-30
}

// The period that holds a date a century after the anchor is found by
// arithmetic, not by walking 1,200 periods.
func ExampleSchedule_PeriodOf() {
	s := period.Schedule{Anchor: date.New(2024, time.January, 31), Every: period.Monthly}
	p, k, ok := s.PeriodOf(date.New(2124, time.March, 15))
	fmt.Println(p, k, ok)
	_, _, ok = s.PeriodOf(date.New(2023, time.December, 31))
	fmt.Println(ok)
	// Output:
	// [2124-02-29, 2124-03-31) 1201 true
	// false
}

// A yearly schedule anchored on February 29 falls on February 28 in common
// years.
func ExampleSchedule_Boundary() {
	s := period.Schedule{Anchor: date.New(2024, time.February, 29), Every: period.Yearly}
	for k := 1; k <= 4; k++ {
		fmt.Println(s.Boundary(k))
	}
	// Output:
	// 2025-02-28
	// 2026-02-28
	// 2027-02-28
	// 2028-02-29
}

func ExampleSchedule_Next() {
	s := period.Schedule{Anchor: date.New(2022, time.June, 3), Every: period.Weekly}
	next, _ := s.Next(date.New(2022, time.June, 12))
	fmt.Println(next, next.Weekday())
	// Output: 2022-06-17 Friday
}

func ExampleParseRecurrence() {
	for _, s := range []string{"P3M", "P10D", "P1Y2M", "p1m"} {
		r, err := period.ParseRecurrence(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r, r.Every, r.Unit)
	}
	// Output:
	// P3M 3 month
	// P10D 10 day
	// period: invalid recurrence "P1Y2M": the count must be a whole number and the duration have one unit
	// period: invalid recurrence "p1m": want P, a count and one of D, W, M, Y
}

func ExampleParseDate() {
	d, err := period.ParseDate("2024-02-29")
	fmt.Println(d, err)
	_, err = period.ParseDate("2023-02-29")
	fmt.Println(err)
	// Output:
	// 2024-02-29 <nil>
	// period: invalid date "2023-02-29": day 29 is not in 2023-02
}

// A pause of days 2025-03-10 through 2025-04-20 covers part of three
// monthly periods.
func ExampleCoverage() {
	pause := period.Period{Start: date.New(2025, time.March, 10), End: date.New(2025, time.April, 21)}
	s := period.Schedule{Anchor: date.New(2025, time.January, 15), Every: period.Monthly}
	for p := range s.Periods(pause.Start, pause.End) {
		f, err := period.Coverage(p, pause)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p, f, f.IsWhole())
	}
	// Output:
	// [2025-02-15, 2025-03-15) 5/28 false
	// [2025-03-15, 2025-04-15) 31/31 true
	// [2025-04-15, 2025-05-15) 6/30 false
}

// Last is for display: store End, show Last.
func ExamplePeriod_Last() {
	p := period.Period{Start: date.New(2021, time.October, 1), End: date.New(2021, time.November, 1)}
	last, ok := p.Last()
	fmt.Printf("%s: %d days, valid through %s (%t)\n", p, p.Days(), last, ok)
	// Output: [2021-10-01, 2021-11-01): 31 days, valid through 2021-10-31 (true)
}

func ExampleNew() {
	p, err := period.New(date.New(2021, time.October, 1), date.New(2021, time.November, 1))
	fmt.Println(p, err)
	_, err = period.New(date.New(2021, time.November, 1), date.New(2021, time.October, 1))
	fmt.Println(err)
	// Output:
	// [2021-10-01, 2021-11-01) <nil>
	// period: invalid range: end 2021-10-01 before start 2021-11-01
}

// ProAbono's DurationRecurrence and UnitRecurrence pair.
func ExampleFromProAbono() {
	r, err := period.FromProAbono(3, "Month")
	fmt.Println(r, err, r == period.Quarterly)
	_, err = period.FromProAbono(1, "Fortnight")
	fmt.Println(err)
	// Output:
	// P3M <nil> true
	// period: invalid unit: UnitRecurrence "Fortnight": want Day, Week, Month or Year
}

func ExampleRecurrence_MinDays() {
	for _, r := range []period.Recurrence{period.Monthly, period.Quarterly, period.Yearly, {Every: 2, Unit: period.Week}} {
		fmt.Println(r, r.MinDays())
	}
	// Output:
	// P1M 28
	// P3M 89
	// P1Y 365
	// P2W 14
}
