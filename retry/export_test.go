package retry

import (
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Test shorthands with the old in-band defaults, so that table tests read
// as one value per case; the tests of the real signatures are in
// policy_test.go and hostile_test.go.

// W is Window, 0 for an invalid policy.
func (p Policy) W() int {
	w, err := p.Window()
	if err != nil {
		return 0
	}
	return w
}

// Dates is AttemptDates collected, nil on error.
func (p Policy) Dates(failedOn date.Date) []date.Date {
	seq, err := p.AttemptDates(failedOn)
	if err != nil {
		return nil
	}
	return slices.Collect(seq)
}

// Grace is GracePeriod, [failedOn, failedOn) on error.
func (p Policy) Grace(failedOn date.Date) period.Period {
	g, err := p.GracePeriod(failedOn)
	if err != nil {
		return period.Period{Start: failedOn, End: failedOn}
	}
	return g
}

// NextOn is *s.Next, the zero Date when nil.
func (s Status) NextOn() date.Date {
	if s.Next == nil {
		return 0
	}
	return *s.Next
}

// SettledOn is *s.Settled, the zero Date when nil.
func (s Status) SettledOn() date.Date {
	if s.Settled == nil {
		return 0
	}
	return *s.Settled
}
