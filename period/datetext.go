package period

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// ParseDate parses an ISO 8601 calendar date, exactly "YYYY-MM-DD". Unlike
// date.Date's own decoders it never normalises: "2021-02-30", "2021-13-01"
// and "2023-02-29" are errors wrapping ErrInvalidDate, not March dates.
func ParseDate(s string) (date.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrInvalidDate, s)
	}
	num := func(from, to int) (int, bool) {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	m, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	if !ok1 || !ok2 || !ok3 {
		return 0, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrInvalidDate, s)
	}
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("%w %q: month %d is not 1 to 12", ErrInvalidDate, s, m)
	}
	if d < 1 || d > civil.DaysIn(y, m) {
		return 0, fmt.Errorf("%w %q: day %d is not in %04d-%02d", ErrInvalidDate, s, d, y, m)
	}
	return civil.ToDate(y, m, d), nil
}

// MustParseDate is like ParseDate but panics on error. It is meant for tests
// and setup code with constant text.
func MustParseDate(s string) date.Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
