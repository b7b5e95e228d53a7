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
// Methods of an invalid Schedule (see Validate) return zero values and
// false; they never panic.
type Schedule struct {
	// Anchor is the first day of period 0.
	Anchor date.Date
	// Every is the length of each period.
	Every Recurrence
}

// Validate returns an error if the recurrence of s is invalid.
func (s Schedule) Validate() error {
	if err := s.Every.Validate(); err != nil {
		return fmt.Errorf("period: schedule from %s: %w", s.Anchor, err)
	}
	return nil
}

// anchorParts holds the anchor split into year, month and day, so that
// repeated boundary computations split it once.
type anchorParts struct {
	s                Schedule
	year, month, day int
}

func (s Schedule) parts() anchorParts {
	a := anchorParts{s: s}
	if s.Every.Unit == Month || s.Every.Unit == Year {
		a.year, a.month, a.day = civil.FromDate(s.Anchor)
	}
	return a
}

func (a anchorParts) boundary(k int) date.Date {
	switch a.s.Every.Unit {
	case Day, Week:
		return a.s.Anchor + date.Date(int64(k)*a.s.Every.days())
	case Month, Year:
		return civil.AddMonths(a.year, a.month, a.day, int(int64(k)*a.s.Every.months()))
	}
	return a.s.Anchor
}

// Boundary returns the first day of period k: Anchor + k × Every, with the
// day of month clamped for month and year units. k may be negative.
func (s Schedule) Boundary(k int) date.Date {
	return s.parts().boundary(k)
}

// Period returns period k, [Boundary(k), Boundary(k+1)).
func (s Schedule) Period(k int) Period {
	a := s.parts()
	return Period{Start: a.boundary(k), End: a.boundary(k + 1)}
}

// Index returns the index of the period that holds d, and false if d is
// before the anchor or s is invalid. It runs in constant time.
func (s Schedule) Index(d date.Date) (int, bool) {
	if d < s.Anchor || s.Every.Validate() != nil {
		return 0, false
	}
	switch s.Every.Unit {
	case Day, Week:
		return int(int64(d-s.Anchor) / s.Every.days()), true
	default: // Month, Year
		step := s.Every.months()
		ay, am, ad := civil.FromDate(s.Anchor)
		y, m, dd := civil.FromDate(d)
		diff := civil.MonthNumber(y, m) - civil.MonthNumber(ay, am)
		k := diff / step // diff ≥ 0 because d ≥ anchor
		if diff == k*step && dd < min(ad, civil.DaysIn(y, m)) {
			// d is in the month of boundary k but before its day.
			k--
		}
		return int(k), true
	}
}

// PeriodOf returns the period that holds d and its index, and false if d is
// before the anchor or s is invalid. It runs in constant time.
func (s Schedule) PeriodOf(d date.Date) (Period, int, bool) {
	k, ok := s.Index(d)
	if !ok {
		return Period{}, 0, false
	}
	return s.Period(k), k, true
}

// Next returns the first boundary strictly after d: the anchor itself if d
// is before it. It returns false only if s is invalid.
func (s Schedule) Next(d date.Date) (date.Date, bool) {
	if s.Every.Validate() != nil {
		return 0, false
	}
	k, ok := s.Index(d)
	if !ok {
		return s.Anchor, true
	}
	return s.Boundary(k + 1), true
}

// Periods returns the periods of s that share at least one day with
// [from, to), in order, starting no earlier than period 0. It yields nothing
// if to ≤ from or s is invalid.
func (s Schedule) Periods(from, to date.Date) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if to <= from || s.Every.Validate() != nil {
			return
		}
		k, ok := s.Index(from)
		if !ok {
			k = 0
		}
		a := s.parts()
		start := a.boundary(k)
		for start < to {
			end := a.boundary(k + 1)
			if !yield(Period{Start: start, End: end}) {
				return
			}
			k, start = k+1, end
		}
	}
}

// PeriodsFrom returns the periods of s from the one that holds from (or
// period 0 if from is before the anchor) onwards. The sequence is infinite:
// stop ranging when you have enough.
func (s Schedule) PeriodsFrom(from date.Date) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if s.Every.Validate() != nil {
			return
		}
		k, ok := s.Index(from)
		if !ok {
			k = 0
		}
		a := s.parts()
		start := a.boundary(k)
		for {
			end := a.boundary(k + 1)
			if !yield(Period{Start: start, End: end}) {
				return
			}
			k, start = k+1, end
		}
	}
}
