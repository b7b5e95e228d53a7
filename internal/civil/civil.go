// Package civil holds the proleptic Gregorian calendar arithmetic that the
// billcycle packages share: conversions between day numbers and
// (year, month, day) triples that cost a few integer operations and never
// allocate, unlike a round trip through time.Time, and the strict ISO
// YYYY-MM-DD text form of a date within the library's bounds, 0001-01-01 to
// 9999-12-31. Month lengths come from github.com/rickb777/date/v2/gregorian.
package civil

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/gregorian"
)

// epochShift is the number of days from 0000-03-01 (the start of the era used
// by the conversion below) to 0001-01-01, which is date.Date(0).
const epochShift = 306

// FromDate splits d into its year, month (1–12) and day of month.
func FromDate(d date.Date) (year, month, day int) {
	// Howard Hinnant's civil_from_days, with eras of 400 years starting on
	// March 1 so that the leap day is the last day of a year. Within an era
	// every quantity is small and non-negative: unsigned 32-bit arithmetic
	// lets the compiler divide by constants without sign fix-ups.
	z := int64(d) + epochShift
	era := FloorDiv(z, 146097)
	doe := uint32(z - era*146097)                          // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // [0, 11]
	day = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		month = int(mp + 3)
	} else {
		month = int(mp - 9)
	}
	year = int(int64(yoe) + era*400)
	if month <= 2 {
		year++
	}
	return year, month, day
}

// ToDate returns the date of the given year, month (1–12) and day of month.
// The day must lie within the month; callers clamp first.
func ToDate(year, month, day int) date.Date {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := FloorDiv(y, 400)
	yoe := uint32(y - era*400) // [0, 399]
	var mp uint32              // months since March, [0, 11]
	if month > 2 {
		mp = uint32(month - 3)
	} else {
		mp = uint32(month + 9)
	}
	doy := (153*mp+2)/5 + uint32(day) - 1 // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return date.Date(era*146097 + int64(doe) - epochShift)
}

// DaysIn returns the number of days in the given month (1–12) of year, as
// gregorian.DaysIn does.
func DaysIn(year, month int) int { return gregorian.DaysIn(year, time.Month(month)) }

// MonthNumber returns year×12 + month − 1: consecutive months have
// consecutive numbers.
func MonthNumber(year, month int) int64 {
	return int64(year)*12 + int64(month-1)
}

// FloorDiv returns a / b rounded towards minus infinity; b must be positive.
func FloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) {
		q--
	}
	return q
}
