package pause

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// The names of the limits of a Policy, as a PolicyError reports them.
const (
	// LimitMinDays names Policy.MinDays.
	LimitMinDays = "min_days"
	// LimitMaxDays names Policy.MaxDays.
	LimitMaxDays = "max_days"
	// LimitMaxPausesPerYear names Policy.MaxPausesPerYear.
	LimitMaxPausesPerYear = "max_pauses_per_year"
	// LimitMaxDaysPerYear names Policy.MaxDaysPerYear.
	LimitMaxDaysPerYear = "max_days_per_year"
	// LimitNoticeDays names Policy.NoticeDays.
	LimitNoticeDays = "notice_days"
)

// The bounds of the limits of a Policy.
const (
	// MaxPolicyDays bounds MinDays, MaxDays and NoticeDays: ten years of
	// days.
	MaxPolicyDays = 3660
	// MaxPerYear bounds MaxPausesPerYear and MaxDaysPerYear: the days of a
	// leap year.
	MaxPerYear = 366
)

// Policy is what a gym contract says about pauses, as data: limits on their
// length and number, the notice the customer gives, and an optional fee.
// Every limit is a count of days or pauses; 0 means no limit. Years are
// calendar years, January 1 to December 31.
type Policy struct {
	// MinDays is the shortest pause allowed, in days, 0 to MaxPolicyDays.
	MinDays int
	// MaxDays is the longest pause allowed, in days, 0 to MaxPolicyDays.
	MaxDays int
	// MaxPausesPerYear is the number of pauses that may start within one
	// calendar year, the new pause included, 0 to MaxPerYear.
	MaxPausesPerYear int
	// MaxDaysPerYear is the number of days that may be paused within one
	// calendar year, the new pause included, 0 to MaxPerYear. A pause
	// across New Year counts its days in each year.
	MaxDaysPerYear int
	// NoticeDays is the notice: a pause must start at least this many days
	// after the day it is requested, 0 to MaxPolicyDays. 1 forbids a pause
	// from the day of the request.
	NoticeDays int
	// Fee is the optional freeze fee, billed as its own invoice line.
	Fee *Fee
	// CreditPausedDays makes a flexible pause over days already invoiced
	// give them back: package subscription issues a credit note for them,
	// priced by days. Days not invoiced yet are set by overrides.
	CreditPausedDays bool
}

// limits lists the limits of p with their names and bounds.
func (p Policy) limits() [5]struct {
	name     string
	v, bound int
} {
	return [5]struct {
		name     string
		v, bound int
	}{
		{LimitMinDays, p.MinDays, MaxPolicyDays}, {LimitMaxDays, p.MaxDays, MaxPolicyDays},
		{LimitMaxPausesPerYear, p.MaxPausesPerYear, MaxPerYear},
		{LimitMaxDaysPerYear, p.MaxDaysPerYear, MaxPerYear}, {LimitNoticeDays, p.NoticeDays, MaxPolicyDays},
	}
}

// Validate returns an error wrapping ErrInvalidPolicy if a limit is below 0
// or above its bound, MinDays is above MaxDays, or the fee is invalid (see
// Fee.Validate).
func (p Policy) Validate() error {
	for _, l := range p.limits() {
		if l.v < 0 || l.v > l.bound {
			return fmt.Errorf("%w: %s is %d: want 0 (no limit) to %d", ErrInvalidPolicy, l.name, l.v, l.bound)
		}
	}
	if p.MaxDays > 0 && p.MinDays > p.MaxDays {
		return fmt.Errorf("%w: min_days %d above max_days %d", ErrInvalidPolicy, p.MinDays, p.MaxDays)
	}
	if p.Fee != nil {
		if err := p.Fee.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// PolicyError is a pause that breaks one limit of a Policy. It matches
// ErrPolicy with errors.Is; its message names the limit and both values.
type PolicyError struct {
	// Limit names the limit: LimitMinDays, LimitMaxDays, LimitNoticeDays,
	// LimitMaxPausesPerYear or LimitMaxDaysPerYear.
	Limit string
	// Value is what the pause has: its days, its notice in days, the
	// number of pauses or of paused days in Year with it.
	Value int
	// LimitValue is the value of the limit in the policy.
	LimitValue int
	// Year is the calendar year of a per-year limit, 0 for the others.
	Year int
}

// Error returns the breach, naming the limit and both values:
// "pause: policy limit max_days: pause of 42 days, at most 30".
func (e *PolicyError) Error() string {
	var what string
	switch e.Limit {
	case LimitMinDays:
		what = fmt.Sprintf("pause of %d days, at least %d", e.Value, e.LimitValue)
	case LimitMaxDays:
		what = fmt.Sprintf("pause of %d days, at most %d", e.Value, e.LimitValue)
	case LimitNoticeDays:
		what = fmt.Sprintf("pause starting %d days after the request, at least %d", e.Value, e.LimitValue)
	case LimitMaxPausesPerYear:
		what = fmt.Sprintf("%d pauses starting in %d, at most %d", e.Value, e.Year, e.LimitValue)
	case LimitMaxDaysPerYear:
		what = fmt.Sprintf("%d paused days in %d, at most %d", e.Value, e.Year, e.LimitValue)
	default:
		what = fmt.Sprintf("value %d, limit %d", e.Value, e.LimitValue)
	}
	return "pause: policy limit " + e.Limit + ": " + what
}

// Unwrap returns ErrPolicy.
func (e *PolicyError) Unwrap() error { return ErrPolicy }

// Check checks a pause of the days in days, requested on requestedOn,
// against p, given the day ranges of the pauses already taken (in any
// order). It checks every limit and returns nil, one *PolicyError, or
// several joined with errors.Join in the order min_days, max_days,
// notice_days, max_pauses_per_year, max_days_per_year: errors.Is(err,
// ErrPolicy) holds for each, and errors.As finds the first.
//
// Pauses per year count the pauses starting in the calendar year in which
// the new pause starts. Days per year count, for each calendar year the new
// pause touches, the days in that year covered by any pause (a day covered
// twice counts once), and report the first year over the limit.
//
// Check returns an error wrapping ErrInvalidPolicy if p is invalid, and
// ErrInvalidPause if days is empty, reversed or outside 0001-01-01 …
// 9999-12-31 (period.ErrInvalidDate too).
func (p Policy) Check(days period.Period, requestedOn date.Date, taken []period.Period) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkDays("days", days); err != nil {
		return err
	}
	var errs []error
	breach := func(limit string, value, limitValue, year int) {
		errs = append(errs, &PolicyError{Limit: limit, Value: value, LimitValue: limitValue, Year: year})
	}
	n := days.Days()
	if p.MinDays > 0 && n < p.MinDays {
		breach(LimitMinDays, n, p.MinDays, 0)
	}
	if p.MaxDays > 0 && n > p.MaxDays {
		breach(LimitMaxDays, n, p.MaxDays, 0)
	}
	if p.NoticeDays > 0 {
		if notice := int(days.Start - requestedOn); notice < p.NoticeDays {
			breach(LimitNoticeDays, notice, p.NoticeDays, 0)
		}
	}
	if p.MaxPausesPerYear > 0 {
		year := yearOf(days.Start)
		count := 1
		for _, t := range taken {
			if !t.IsEmpty() && year.Contains(t.Start) {
				count++
			}
		}
		if count > p.MaxPausesPerYear {
			breach(LimitMaxPausesPerYear, count, p.MaxPausesPerYear, days.Start.Year())
		}
	}
	if p.MaxDaysPerYear > 0 {
		for year := yearOf(days.Start); year.Start < days.End; year = yearOf(year.End) {
			if used := unionDays(year, days, taken); used > p.MaxDaysPerYear {
				breach(LimitMaxDaysPerYear, used, p.MaxDaysPerYear, year.Start.Year())
				break
			}
		}
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// checkDays returns an error wrapping ErrInvalidPause (and the period's
// own sentinel) unless days is a valid range of at least one day within
// the bounds of dates.
func checkDays(field string, days period.Period) error {
	if err := days.Validate(); err != nil {
		return jsonxAt(field, err)
	}
	if days.IsEmpty() {
		return fmt.Errorf("%w: %s %s hold no day", ErrInvalidPause, field, days)
	}
	return nil
}

// yearOf returns the calendar year that holds d, as a period. The year
// 9999 ends on MaxDate + 1, the first day after the bounds, as half-open
// ranges do.
func yearOf(d date.Date) period.Period {
	y := d.Year()
	return period.Period{Start: date.New(y, time.January, 1), End: date.New(y+1, time.January, 1)}
}

// unionDays returns the number of days of within covered by days or any of
// taken, each day once.
func unionDays(within, days period.Period, taken []period.Period) int {
	parts := make([]period.Period, 0, len(taken)+1)
	for _, q := range append([]period.Period{days}, taken...) {
		if in, ok := within.Intersect(q); ok {
			parts = append(parts, in)
		}
	}
	slices.SortFunc(parts, func(a, b period.Period) int { return int(a.Start - b.Start) })
	n := 0
	var cur period.Period
	for i, q := range parts {
		switch {
		case i == 0:
			cur = q
		case q.Start <= cur.End:
			cur.End = max(cur.End, q.End)
		default:
			n += cur.Days()
			cur = q
		}
	}
	return n + cur.Days()
}
