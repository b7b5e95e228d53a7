package period

import (
	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// The bounds of every date billcycle accepts or returns: the years an ISO
// YYYY-MM-DD text can write. A date outside them is an error wrapping
// ErrInvalidDate wherever it is given, and no computation returns one: a
// billing period whose end would fall after MaxDate does not exist.
const (
	// MinDate is 0001-01-01.
	MinDate date.Date = civil.MinDate
	// MaxDate is 9999-12-31.
	MaxDate date.Date = civil.MaxDate
)

// CheckDate returns nil if d lies in MinDate … MaxDate, and otherwise an
// error wrapping ErrInvalidDate that names d.
func CheckDate(d date.Date) error { return civil.CheckDate(d) }

// ParseDate parses an ISO 8601 calendar date, exactly "YYYY-MM-DD", from
// 0001-01-01 to 9999-12-31. Unlike date.Date's own decoders it never
// normalises: "2021-02-30", "2021-13-01", "2023-02-29", "0000-01-01",
// "02/01/2021" and "2021-1-1" are errors wrapping ErrInvalidDate, not
// other dates.
func ParseDate(s string) (date.Date, error) { return civil.ParseDate(s) }

// MustParseDate is like ParseDate but panics on error. It is meant for tests
// and setup code with constant text.
func MustParseDate(s string) date.Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// formatDate returns the YYYY-MM-DD form of d, or date.Date's own form
// ("+10000-01-01") for a date out of bounds.
func formatDate(d date.Date) string {
	var buf [10]byte
	b, err := civil.AppendDate(buf[:0], d)
	if err != nil {
		return d.String()
	}
	return string(b)
}
