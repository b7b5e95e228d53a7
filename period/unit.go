package period

import "github.com/billcycle/billcycle/internal/enum"

// Unit is the calendar unit of a recurrence. The zero value is not a valid
// unit, so a forgotten field fails validation instead of meaning "day".
type Unit uint8

// The units of a recurrence.
const (
	Day Unit = iota + 1
	Week
	Month
	Year
)

var unitNames = enum.New[Unit]("unit", ErrInvalidUnit, "day", "week", "month", "year")

// String returns the lower-case English name of the unit ("month"), or
// "unit(N)" for an invalid value.
func (u Unit) String() string { return unitNames.String(u) }

// Valid reports whether u is one of Day, Week, Month and Year.
func (u Unit) Valid() bool { return unitNames.Valid(u) }

// ParseUnit returns the unit named by s: "day", "week", "month" or "year".
// It returns an error wrapping ErrInvalidUnit for anything else.
func ParseUnit(s string) (Unit, error) { return unitNames.Parse(s) }

// MarshalText encodes the unit as its lower-case name. An invalid unit is an
// error wrapping ErrInvalidUnit.
func (u Unit) MarshalText() ([]byte, error) { return unitNames.MarshalText(u) }

// UnmarshalText decodes a unit from its lower-case name; anything else is
// an error wrapping ErrInvalidUnit.
func (u *Unit) UnmarshalText(text []byte) error { return unitNames.UnmarshalText(text, u) }

// MaxYears bounds the length of a recurrence: at most 100 years, whatever
// the unit. Together with the bounds of dates it keeps every boundary
// computation far from integer overflow.
const MaxYears = 100

// MaxEvery returns the largest count of u a Recurrence accepts, MaxYears
// years of it: 36500 days, 5200 weeks, 1200 months or 100 years; 0 for an
// invalid unit.
func (u Unit) MaxEvery() int {
	switch u {
	case Day:
		return MaxYears * 365
	case Week:
		return MaxYears * 52
	case Month:
		return MaxYears * 12
	case Year:
		return MaxYears
	}
	return 0
}

// designator returns the ISO 8601 letter of the unit.
func (u Unit) designator() byte {
	return "?DWMY"[u]
}
