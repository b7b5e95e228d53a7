package civil

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/rickb777/date/v2"
)

// The bounds of every date the library accepts or returns: the years an ISO
// YYYY-MM-DD text can write, 0001 to 9999.
const (
	// MinDate is 0001-01-01, date.Date(0).
	MinDate date.Date = 0
	// MaxDate is 9999-12-31.
	MaxDate date.Date = 3_652_058
)

// ErrInvalidDate reports a date text that is not a valid YYYY-MM-DD date, or
// a date outside MinDate … MaxDate. Package period exports it as
// period.ErrInvalidDate; its message carries period's prefix.
var ErrInvalidDate = errors.New("period: invalid date")

// InBounds reports whether d lies in MinDate … MaxDate.
func InBounds(d date.Date) bool { return d >= MinDate && d <= MaxDate }

// CheckDate returns nil if d lies in MinDate … MaxDate, and otherwise an
// error wrapping ErrInvalidDate that names d by its day number and its
// text.
func CheckDate(d date.Date) error {
	if InBounds(d) {
		return nil
	}
	return fmt.Errorf("%w: day number %d (%s) is outside 0001-01-01 to 9999-12-31", ErrInvalidDate, int64(d), d.String())
}

// ParseDate parses exactly "YYYY-MM-DD" with a year from 0001 to 9999, a
// month from 01 to 12 and a day that exists in that month. Anything else is
// an error wrapping ErrInvalidDate that quotes the text.
func ParseDate(s string) (date.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%w %s: want YYYY-MM-DD", ErrInvalidDate, quote(s))
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	switch {
	case !ok1 || !ok2 || !ok3:
		return 0, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrInvalidDate, s)
	case y < 1:
		return 0, fmt.Errorf("%w %q: year 0000 is before 0001-01-01", ErrInvalidDate, s)
	case m < 1 || m > 12:
		return 0, fmt.Errorf("%w %q: month %d is not 1 to 12", ErrInvalidDate, s, m)
	case d < 1 || d > DaysIn(y, m):
		return 0, fmt.Errorf("%w %q: day %d is not in %04d-%02d", ErrInvalidDate, s, d, y, m)
	}
	return ToDate(y, m, d), nil
}

// quote quotes s for an error message, cut to 40 bytes so that a hostile
// text cannot fill the message.
func quote(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "…"
	}
	return strconv.Quote(s)
}

// digits returns the decimal number written by s, and false if s holds
// anything but ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// AppendDate appends the YYYY-MM-DD form of d to b. It returns an error
// wrapping ErrInvalidDate, and b unchanged, if d is outside MinDate …
// MaxDate.
func AppendDate(b []byte, d date.Date) ([]byte, error) {
	if err := CheckDate(d); err != nil {
		return b, err
	}
	y, m, dd := FromDate(d)
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+dd/10), byte('0'+dd%10)), nil
}
