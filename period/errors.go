package period

import (
	"errors"

	"github.com/billcycle/billcycle/internal/civil"
)

// Sentinel errors returned by this package, matched with errors.Is. The
// returned errors wrap them with the offending values.
var (
	// ErrInvalidUnit reports a unit that is not day, week, month or year.
	ErrInvalidUnit = errors.New("period: invalid unit")
	// ErrInvalidRecurrence reports a recurrence of zero or negative length,
	// one longer than MaxYears years, or a text that is not a one-unit ISO
	// 8601 duration.
	ErrInvalidRecurrence = errors.New("period: invalid recurrence")
	// ErrInvalidRange reports a range whose end is before its start, or the
	// JSON form of a range that is not {"start":…,"end":…}.
	ErrInvalidRange = errors.New("period: invalid range")
	// ErrEmptyPeriod reports a computation that needs at least one day, such
	// as a proration over a period with no days.
	ErrEmptyPeriod = errors.New("period: empty period")
	// ErrInvalidFraction reports a Fraction whose denominator is below 1 or
	// whose numerator is not between 0 and the denominator.
	ErrInvalidFraction = errors.New("period: invalid fraction")
	// ErrInvalidDate reports a date text that is not a valid YYYY-MM-DD date,
	// or a date outside MinDate … MaxDate.
	ErrInvalidDate = civil.ErrInvalidDate
)
