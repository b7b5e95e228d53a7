package period

import (
	"fmt"
	"iter"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// Schedule is an anchored sequence of billing periods: boundary k is
// Anchor + k × Every, computed from the anchor every time, never by adding
// one period to the previous boundary. Month and year steps clamp the day
// to the length of the month they land in and return to the anchor's day as
// soon as it exists again:
//
//	anchor 2024-01-31, monthly: 2024-02-29, 2024-03-31, 2024-04-30, …
//	anchor 2024-02-29, yearly:  2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29
//
// Period k is [Boundary(k), Boundary(k+1)); period 0 starts on the anchor.
// Finding the period that holds a date is arithmetic, whatever the distance
// from the anchor.
//
// No period of a schedule leaves the bounds of dates: a period whose end
// would fall after MaxDate (9999-12-31) does not exist, so the sequences
// stop before it and lookups report false.
//
// Methods of an invalid Schedule (see Validate) return zero values and
// false; they never panic.
type Schedule struct {
	// Anchor is the first day of period 0.
	Anchor date.Date
	// Every is the length of each period.
	Every Recurrence
}

// Validate returns an error wrapping ErrInvalidUnit or
// ErrInvalidRecurrence if the recurrence of s is invalid, and
// ErrInvalidDate if the anchor lies outside MinDate … MaxDate.
func (s Schedule) Validate() error {
	if err := CheckDate(s.Anchor); err != nil {
		return fmt.Errorf("%w (schedule anchor)", err)
	}
	if err := s.Every.Validate(); err != nil {
		return fmt.Errorf("%w (schedule from %s)", err, formatDate(s.Anchor))
	}
	return nil
}

// valid reports whether Validate returns nil, without building an error.
func (s Schedule) valid() bool {
	return s.Every.valid() && s.Anchor >= MinDate && s.Anchor <= MaxDate
}

// maxPeriodDays is the most days a period of a valid recurrence can have:
// 100 years with 25 leap days.
const maxPeriodDays = MaxYears*365 + MaxYears/4

// maxIndex bounds the period indexes worth computing: beyond it, with at
// least one day or month a period, a boundary is out of bounds anyway, and
// the arithmetic stays far from overflow.
const maxIndex = int(MaxDate) + 1

// anchorParts holds what boundary computations need, the anchor split
// into year, month and day once, so that repeated boundaries do not split
// it again. The schedule must be valid.
type anchorParts struct {
	anchor date.Date
	unit   Unit
	step   int64 // days for Day and Week units, months for Month and Year
	month  int64 // the anchor's month number (civil.MonthNumber)
	day    int   // the anchor's day of month
}

// init sets a up for s. It works in place: returning the struct by value
// costs more than the arithmetic it saves (a store-forwarding stall).
func (a *anchorParts) init(s Schedule) {
	a.anchor, a.unit = s.Anchor, s.Every.Unit
	switch s.Every.Unit {
	case Day, Week:
		a.step = s.Every.days()
	case Month, Year:
		a.step = s.Every.months()
		y, m, d := civil.FromDate(s.Anchor)
		a.month, a.day = civil.MonthNumber(y, m), d
	}
}

// boundary returns the first day of period k, computed from the anchor.
func (a *anchorParts) boundary(k int) date.Date {
	if a.unit == Day || a.unit == Week {
		return a.anchor + date.Date(int64(k)*a.step)
	}
	return a.monthBoundary(a.month + int64(k)*a.step)
}

// monthBoundary returns the boundary in month number mn: the anchor's day,
// clamped to the length of that month.
func (a *anchorParts) monthBoundary(mn int64) date.Date {
	y := civil.FloorDiv(mn, 12)
	m := int(mn-y*12) + 1
	return civil.ToDate(int(y), m, min(a.day, civil.DaysIn(int(y), m)))
}

// periodOf returns the index of the period that holds d and that period.
// d must be on or after the anchor.
func (a *anchorParts) periodOf(d date.Date) (int, Period) {
	if a.unit == Day || a.unit == Week {
		k := int64(d-a.anchor) / a.step
		start := a.anchor + date.Date(k*a.step)
		return int(k), Period{Start: start, End: start + date.Date(a.step)}
	}
	y, m, dd := civil.FromDate(d)
	diff := civil.MonthNumber(y, m) - a.month // ≥ 0 because d ≥ anchor
	k := diff / a.step
	var start date.Date
	if c := min(a.day, civil.DaysIn(y, m)); diff == k*a.step && dd >= c {
		// d is in the month of boundary k, on or after its day.
		start = d - date.Date(dd-c)
	} else {
		if diff == k*a.step {
			// d is in the month of boundary k but before its day.
			k--
		}
		start = a.monthBoundary(a.month + k*a.step)
	}
	return int(k), Period{Start: start, End: a.monthBoundary(a.month + (k+1)*a.step)}
}

// index returns the index of the period that holds d. d must be on or
// after the anchor.
func (a *anchorParts) index(d date.Date) int {
	if a.unit == Day || a.unit == Week {
		return int(int64(d-a.anchor) / a.step)
	}
	y, m, dd := civil.FromDate(d)
	diff := civil.MonthNumber(y, m) - a.month // ≥ 0 because d ≥ anchor
	k := diff / a.step
	if diff == k*a.step && dd < min(a.day, civil.DaysIn(y, m)) {
		// d is in the month of boundary k but before its day.
		k--
	}
	return int(k)
}

// Boundary returns the first day of period k: Anchor + k × Every, with the
// day of month clamped for month and year units. k may be negative. It
// returns false if s is invalid or the boundary lies outside MinDate …
// MaxDate.
func (s Schedule) Boundary(k int) (date.Date, bool) {
	if !s.valid() || k < -maxIndex || k > maxIndex {
		return 0, false
	}
	var a anchorParts
	a.init(s)
	b := a.boundary(k)
	if b < MinDate || b > MaxDate {
		return 0, false
	}
	return b, true
}

// Period returns period k, [Boundary(k), Boundary(k+1)). It returns false
// if s is invalid or a date of the period lies outside MinDate … MaxDate.
func (s Schedule) Period(k int) (Period, bool) {
	if !s.valid() || k < -maxIndex || k >= maxIndex {
		return Period{}, false
	}
	var a anchorParts
	a.init(s)
	p := Period{Start: a.boundary(k), End: a.boundary(k + 1)}
	if p.Start < MinDate || p.End > MaxDate {
		return Period{}, false
	}
	return p, true
}

// Index returns the index of the period that holds d, and false if d is
// before the anchor, s is invalid, or the period would end after MaxDate.
// It runs in constant time.
func (s Schedule) Index(d date.Date) (int, bool) {
	if d < s.Anchor || d > MaxDate || s.Anchor < MinDate || !s.Every.valid() {
		return 0, false
	}
	var a anchorParts
	a.init(s)
	k := a.index(d)
	if d > MaxDate-maxPeriodDays && a.boundary(k+1) > MaxDate {
		return 0, false
	}
	return k, true
}

// PeriodOf returns the period that holds d and its index, and false if d is
// before the anchor, s is invalid, or the period would end after MaxDate.
// It runs in constant time.
func (s Schedule) PeriodOf(d date.Date) (Period, int, bool) {
	// The anchor is at most d, so at most MaxDate: only its lower bound is
	// left to check.
	if d < s.Anchor || d > MaxDate || s.Anchor < MinDate || !s.Every.valid() {
		return Period{}, 0, false
	}
	var a anchorParts
	a.init(s)
	k, p := a.periodOf(d)
	if p.End > MaxDate {
		return Period{}, 0, false
	}
	return p, k, true
}

// Next returns the first boundary strictly after d: the anchor itself if d
// is before it. It returns false if s is invalid or that boundary would lie
// after MaxDate.
func (s Schedule) Next(d date.Date) (date.Date, bool) {
	if !s.valid() || d >= MaxDate {
		return 0, false
	}
	if d < s.Anchor {
		return s.Anchor, true
	}
	var a anchorParts
	a.init(s)
	b := a.boundary(a.index(d) + 1)
	if b > MaxDate {
		return 0, false
	}
	return b, true
}

// Periods returns the periods of s that share at least one day with span,
// in order, starting no earlier than period 0. It yields nothing if span
// is empty or s is invalid, and stops before a period that would end after
// MaxDate.
func (s Schedule) Periods(span Period) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if span.IsEmpty() {
			return
		}
		for p := range s.PeriodsFrom(span.Start) {
			if p.Start >= span.End || !yield(p) {
				return
			}
		}
	}
}

// PeriodsFrom returns the periods of s from the one that holds from (or
// period 0 if from is before the anchor) onwards. The sequence runs until
// the last period that ends on or before MaxDate: for a practical purpose
// it is infinite, so stop ranging when you have enough.
func (s Schedule) PeriodsFrom(from date.Date) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if !s.valid() || from > MaxDate {
			return
		}
		var a anchorParts
		a.init(s)
		k := 0
		if from > s.Anchor {
			k = a.index(from)
		}
		start := a.boundary(k)
		for {
			end := a.boundary(k + 1)
			if end > MaxDate || !yield(Period{Start: start, End: end}) {
				return
			}
			k, start = k+1, end
		}
	}
}
