package period

import "fmt"

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

var unitNames = [...]string{Day: "day", Week: "week", Month: "month", Year: "year"}

// String returns the lower-case English name of the unit ("month"), or
// "unit(N)" for an invalid value.
func (u Unit) String() string {
	if u.Valid() {
		return unitNames[u]
	}
	return fmt.Sprintf("unit(%d)", uint8(u))
}

// Valid reports whether u is one of Day, Week, Month and Year.
func (u Unit) Valid() bool { return u >= Day && u <= Year }

// ParseUnit returns the unit named by s: "day", "week", "month" or "year".
// It returns an error wrapping ErrInvalidUnit for anything else.
func ParseUnit(s string) (Unit, error) {
	for u := Day; u <= Year; u++ {
		if unitNames[u] == s {
			return u, nil
		}
	}
	return 0, fmt.Errorf("%w %q: want day, week, month or year", ErrInvalidUnit, s)
}

// MarshalText encodes the unit as its lower-case name. An invalid unit is an
// error wrapping ErrInvalidUnit.
func (u Unit) MarshalText() ([]byte, error) {
	if !u.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidUnit, uint8(u))
	}
	return []byte(unitNames[u]), nil
}

// UnmarshalText decodes a unit from its lower-case name.
func (u *Unit) UnmarshalText(text []byte) error {
	v, err := ParseUnit(string(text))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// designator returns the ISO 8601 letter of the unit.
func (u Unit) designator() byte {
	return "?DWMY"[u]
}
