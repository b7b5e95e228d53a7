package period

import "errors"

// Sentinel errors returned by this package, matched with errors.Is. The
// returned errors wrap them with the offending values.
var (
	// ErrInvalidUnit reports a unit that is not day, week, month or year.
	ErrInvalidUnit = errors.New("period: invalid unit")
	// ErrInvalidRecurrence reports a recurrence of zero or negative length,
	// or a text that is not a one-unit ISO 8601 duration.
	ErrInvalidRecurrence = errors.New("period: invalid recurrence")
	// ErrInvalidRange reports a range whose end is before its start.
	ErrInvalidRange = errors.New("period: invalid range")
	// ErrEmptyPeriod reports a computation that needs at least one day, such
	// as a proration over a period with no days.
	ErrEmptyPeriod = errors.New("period: empty period")
	// ErrBeforeAnchor reports a date before the first period of a schedule.
	ErrBeforeAnchor = errors.New("period: date before the schedule's anchor")
	// ErrInvalidDate reports a date text that is not a valid YYYY-MM-DD date.
	ErrInvalidDate = errors.New("period: invalid date")
)
