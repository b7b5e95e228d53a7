package period_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Monthly periods anchored on January 31 come back to the 31st whenever the
// month has one: they are never chained from the clamped February date.
func ExampleSchedule_Periods() {
	s := period.Schedule{Anchor: date.New(2024, time.January, 31), Every: period.Monthly}
	for p := range s.Periods(period.Period{Start: s.Anchor, End: date.New(2024, time.April, 30)}) {
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
	// A boundary past 9999-12-31 does not exist.
	fmt.Println(s.Boundary(8000))
	// Output:
	// 2025-02-28 true
	// 2026-02-28 true
	// 2027-02-28 true
	// 2028-02-29 true
	// 0001-01-01 false
}

func ExampleSchedule_Period() {
	s := period.Schedule{Anchor: date.New(2021, time.January, 31), Every: period.Monthly}
	fmt.Println(s.Period(1))
	fmt.Println(s.Period(-1))
	// Output:
	// [2021-02-28, 2021-03-31) true
	// [2020-12-31, 2021-01-31) true
}

func ExampleSchedule_Index() {
	s := period.Schedule{Anchor: date.New(2024, time.February, 29), Every: period.Yearly}
	fmt.Println(s.Index(date.New(2025, time.February, 27)))
	fmt.Println(s.Index(date.New(2025, time.February, 28)))
	fmt.Println(s.Index(date.New(2024, time.February, 28)))
	// Output:
	// 0 true
	// 1 true
	// 0 false
}

// PeriodsFrom starts with the period that holds the date and runs on: stop
// ranging when you have enough.
func ExampleSchedule_PeriodsFrom() {
	s := period.Schedule{Anchor: date.New(2022, time.June, 3), Every: period.Weekly}
	n := 0
	for p := range s.PeriodsFrom(date.New(2022, time.June, 12)) {
		fmt.Println(p)
		if n++; n == 2 {
			break
		}
	}
	// Output:
	// [2022-06-10, 2022-06-17)
	// [2022-06-17, 2022-06-24)
}

// The last period of a schedule is the last one that ends on or before
// 9999-12-31.
func ExampleSchedule_PeriodsFrom_end() {
	s := period.Schedule{Anchor: date.New(2021, time.January, 1), Every: period.Yearly}
	var last period.Period
	for p := range s.PeriodsFrom(date.New(9990, time.June, 1)) {
		last = p
	}
	fmt.Println(last)
	_, _, ok := s.PeriodOf(date.New(9999, time.June, 1))
	fmt.Println(ok)
	// Output:
	// [9998-01-01, 9999-01-01)
	// false
}

func ExampleSchedule_Validate() {
	fmt.Println(period.Schedule{Anchor: date.New(2024, time.January, 1), Every: period.Monthly}.Validate())
	fmt.Println(period.Schedule{Anchor: date.New(2024, time.January, 1)}.Validate())
	fmt.Println(period.Schedule{Anchor: date.New(10000, time.January, 1), Every: period.Monthly}.Validate())
	// Output:
	// <nil>
	// period: invalid unit: recurrence every 0 of unit(0) (schedule from 2024-01-01)
	// period: invalid date: day number 3652059 (+10000-01-01) is outside 0001-01-01 to 9999-12-31 (schedule anchor)
}

func ExampleSchedule_Next() {
	s := period.Schedule{Anchor: date.New(2022, time.June, 3), Every: period.Weekly}
	next, _ := s.Next(date.New(2022, time.June, 12))
	fmt.Println(next, next.Weekday())
	// Output: 2022-06-17 Friday
}

func ExampleParseRecurrence() {
	for _, s := range []string{"P3M", "P10D", "P1Y2M", "p1m", "P9000Y"} {
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
	// period: invalid recurrence "P9000Y": more than 100 years (100 years)
}

func ExampleMustParseRecurrence() {
	r := period.MustParseRecurrence("P2W")
	fmt.Println(r.Every, r.Unit, r.MinDays())
	// Output: 2 week 14
}

func ExampleRecurrence_Validate() {
	fmt.Println(period.Recurrence{Every: 1200, Unit: period.Month}.Validate())
	fmt.Println(period.Recurrence{Every: 1201, Unit: period.Month}.Validate())
	fmt.Println(period.Recurrence{Every: 0, Unit: period.Day}.Validate())
	// Output:
	// <nil>
	// period: invalid recurrence: every 1201 month: want 1 to 1200 (100 years at most)
	// period: invalid recurrence: every 0 day: want 1 to 36500 (100 years at most)
}

func ExampleRecurrence_MarshalText() {
	b, err := json.Marshal(struct {
		Every period.Recurrence `json:"every"`
	}{period.Quarterly})
	fmt.Println(string(b), err)
	var back struct {
		Every period.Recurrence `json:"every"`
	}
	fmt.Println(json.Unmarshal([]byte(`{"every":"P1M1Y"}`), &back))
	// Output:
	// {"every":"P3M"} <nil>
	// period: invalid recurrence "P1M1Y": the count must be a whole number and the duration have one unit
}

func ExampleParseUnit() {
	u, err := period.ParseUnit("week")
	fmt.Println(u, err, u.MaxEvery())
	_, err = period.ParseUnit("Week")
	fmt.Println(err)
	// Output:
	// week <nil> 5200
	// period: invalid unit: unit "Week": want day, week, month or year
}

func ExampleParseDate() {
	d, err := period.ParseDate("2024-02-29")
	fmt.Println(d, err)
	for _, s := range []string{"2023-02-29", "0000-01-01", "02/01/2021"} {
		_, err = period.ParseDate(s)
		fmt.Println(err)
	}
	// Output:
	// 2024-02-29 <nil>
	// period: invalid date "2023-02-29": day 29 is not in 2023-02
	// period: invalid date "0000-01-01": year 0000 is before 0001-01-01
	// period: invalid date "02/01/2021": want YYYY-MM-DD
}

func ExampleMustParseDate() {
	fmt.Println(period.MustParseDate("2021-10-01").Weekday())
	// Output: Friday
}

func ExampleCheckDate() {
	fmt.Println(period.CheckDate(period.MaxDate), period.MaxDate)
	fmt.Println(period.CheckDate(period.MaxDate + 1))
	// Output:
	// <nil> 9999-12-31
	// period: invalid date: day number 3652059 (+10000-01-01) is outside 0001-01-01 to 9999-12-31
}

// A pause of days 2025-03-10 through 2025-04-20 covers part of three
// monthly periods.
func ExampleCoverage() {
	pause := period.Period{Start: date.New(2025, time.March, 10), End: date.New(2025, time.April, 21)}
	s := period.Schedule{Anchor: date.New(2025, time.January, 15), Every: period.Monthly}
	for p := range s.Periods(pause) {
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

func ExampleFraction_Validate() {
	fmt.Println(period.Fraction{Num: 5, Den: 28}.Validate())
	fmt.Println(period.Fraction{Num: 29, Den: 28}.Validate())
	// Output:
	// <nil>
	// period: invalid fraction 29/28: want a denominator of at least 1 and a numerator from 0 to it
}

func ExamplePeriod_Intersect() {
	oct := period.Period{Start: date.New(2021, time.October, 1), End: date.New(2021, time.November, 1)}
	pause := period.Period{Start: date.New(2021, time.October, 25), End: date.New(2021, time.November, 10)}
	fmt.Println(oct.Intersect(pause))
	fmt.Println(oct.Overlaps(pause), oct.Contains(pause.End), oct.IsEmpty())
	// Output:
	// [2021-10-25, 2021-11-01) true
	// true false false
}

func ExamplePeriod_Shift() {
	p := period.Period{Start: date.New(2021, time.October, 1), End: date.New(2021, time.November, 1)}
	fmt.Println(p.Shift(10))
	fmt.Println(p.Shift(3_000_000))
	// Output:
	// [2021-10-11, 2021-11-11) true
	// [0001-01-01, 0001-01-01) false
}

// GoString makes %#v, and so testify's "expected:"/"actual:" lines, print
// the dates.
func ExamplePeriod_GoString() {
	p := period.Period{Start: date.New(2021, time.October, 1), End: date.New(2021, time.November, 1)}
	fmt.Printf("%#v\n", p)
	// Output: [2021-10-01, 2021-11-01)
}

func ExamplePeriod_UnmarshalJSON() {
	var p period.Period
	fmt.Println(json.Unmarshal([]byte(`{"start":"2021-10-01","end":"2021-11-01"}`), &p), p)
	b, _ := json.Marshal(p)
	fmt.Println(string(b))
	for _, bad := range []string{
		`{"start":"2021-02-30","end":"2021-03-01"}`,
		`{"start":"2021-10-01","end":"2021-11-01","end":"2021-12-01"}`,
		`{"start":"2021-10-01","stop":"2021-11-01"}`,
		`{"start":"2021-10-01"}`,
	} {
		fmt.Println(json.Unmarshal([]byte(bad), &p))
	}
	// Output:
	// <nil> [2021-10-01, 2021-11-01)
	// {"start":"2021-10-01","end":"2021-11-01"}
	// period: field start: invalid date "2021-02-30": day 30 is not in 2021-02
	// period: field end: invalid range: duplicate key
	// period: field stop: invalid range: unknown field
	// period: field end: invalid range: missing
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

func ExamplePeriod_Validate() {
	fmt.Println(period.Period{Start: date.New(2021, time.October, 1), End: date.New(2021, time.November, 1)}.Validate())
	fmt.Println(period.Period{Start: date.New(2021, time.October, 1), End: date.New(10000, time.January, 1)}.Validate())
	// Output:
	// <nil>
	// period: invalid date: day number 3652059 (+10000-01-01) is outside 0001-01-01 to 9999-12-31 (end of [2021-10-01, +10000-01-01))
}

// Days, Contains and Overlaps read a half-open range: End is not in it.
func ExamplePeriod_Contains() {
	oct := period.Period{Start: date.New(2021, time.October, 1), End: date.New(2021, time.November, 1)}
	nov := period.Period{Start: oct.End, End: date.New(2021, time.December, 1)}
	fmt.Println(oct.Days(), oct.Contains(oct.Start), oct.Contains(oct.End), oct.Overlaps(nov), oct.IsEmpty())
	// Output: 31 true false false false
}

func ExampleUnit_MaxEvery() {
	for _, u := range []period.Unit{period.Day, period.Week, period.Month, period.Year} {
		fmt.Println(u, u.MaxEvery())
	}
	// Output:
	// day 36500
	// week 5200
	// month 1200
	// year 100
}

func ExampleFraction_IsWhole() {
	fmt.Println(period.Fraction{Num: 28, Den: 28}.IsWhole(), period.Fraction{Num: 5, Den: 28}.IsWhole(), period.Fraction{}.IsWhole())
	// Output: true false false
}
