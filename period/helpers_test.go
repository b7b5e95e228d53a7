package period_test

import (
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// boundary is s.Boundary(k) for tests that check the ok result elsewhere:
// the zero Date when there is none.
func boundary(s period.Schedule, k int) date.Date {
	b, _ := s.Boundary(k)
	return b
}

// periodAt is s.Period(k), the zero Period when there is none.
func periodAt(s period.Schedule, k int) period.Period {
	p, _ := s.Period(k)
	return p
}

// spanOf is the half-open range [from, to).
func spanOf(from, to date.Date) period.Period { return period.Period{Start: from, End: to} }
