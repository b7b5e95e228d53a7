package period

import (
	"fmt"
	"strings"

	"github.com/billcycle/billcycle/internal/civil"
)

// Recurrence is a length of time made of Every whole Units: one month, three
// months, two weeks, ten days, one year. Its text form is a one-unit ISO 8601
// duration ("P1M", "P3M", "P2W", "P10D", "P1Y").
//
// Its length is bounded: at most MaxYears (100) years whatever the unit —
// P36500D, P5200W, P1200M, P100Y — so that no schedule steps past the
// bounds of dates in one period. The zero Recurrence is invalid.
type Recurrence struct {
	// Every is the number of units, from 1 to Unit.MaxEvery().
	Every int
	// Unit is the calendar unit.
	Unit Unit
}

// Common recurrences.
var (
	Daily     = Recurrence{Every: 1, Unit: Day}
	Weekly    = Recurrence{Every: 1, Unit: Week}
	Monthly   = Recurrence{Every: 1, Unit: Month}
	Quarterly = Recurrence{Every: 3, Unit: Month}
	Yearly    = Recurrence{Every: 1, Unit: Year}
)

// Validate returns nil if r has a valid unit and 1 ≤ Every ≤
// r.Unit.MaxEvery(), and otherwise an error wrapping ErrInvalidUnit or
// ErrInvalidRecurrence that names the values.
func (r Recurrence) Validate() error {
	if !r.Unit.Valid() {
		return fmt.Errorf("%w: recurrence every %d of %v", ErrInvalidUnit, r.Every, r.Unit)
	}
	if !r.valid() {
		return fmt.Errorf("%w: every %d %s: want 1 to %d (%d years at most)", ErrInvalidRecurrence, r.Every, r.Unit, r.Unit.MaxEvery(), MaxYears)
	}
	return nil
}

// valid reports whether Validate returns nil, without building an error.
// Counts up to MaxYears are valid for every unit: the common case costs
// three comparisons.
func (r Recurrence) valid() bool {
	if r.Every >= 1 && r.Every <= MaxYears {
		return r.Unit >= Day && r.Unit <= Year
	}
	return r.Every >= 1 && r.Every <= r.Unit.MaxEvery()
}

// String returns the ISO 8601 form of r, such as "P1M" or "P10D". An invalid
// recurrence prints as "P?" followed by its fields, which ParseRecurrence
// rejects.
func (r Recurrence) String() string {
	if r.Validate() != nil {
		return fmt.Sprintf("P?(%d %v)", r.Every, r.Unit)
	}
	return fmt.Sprintf("P%d%c", r.Every, r.Unit.designator())
}

// ParseRecurrence parses a one-unit ISO 8601 duration: "P", a positive
// integer without sign or leading zero, and one of the upper-case designators
// D, W, M or Y. Mixed units ("P1Y2M"), fractions ("P1.5M"), zero ("P0M"),
// signs ("P-1M"), lower case ("p1m"), times ("PT1H") and lengths beyond
// MaxYears years ("P9000Y", "P366000M") are errors wrapping
// ErrInvalidRecurrence.
func ParseRecurrence(s string) (Recurrence, error) {
	bad := func(why string) (Recurrence, error) {
		q := s
		if len(q) > 40 {
			q = q[:40] + "…"
		}
		return Recurrence{}, fmt.Errorf("%w %q: %s", ErrInvalidRecurrence, q, why)
	}
	if len(s) < 3 || s[0] != 'P' {
		return bad("want P, a count and one of D, W, M, Y")
	}
	digits := s[1 : len(s)-1]
	var unit Unit
	switch s[len(s)-1] {
	case 'D':
		unit = Day
	case 'W':
		unit = Week
	case 'M':
		unit = Month
	case 'Y':
		unit = Year
	default:
		return bad("want a single unit D, W, M or Y at the end")
	}
	if digits[0] == '0' {
		return bad("the count must be a positive integer without leading zero")
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return bad("the count must be a whole number and the duration have one unit")
		}
		n = n*10 + int(c-'0')
		if n > unit.MaxEvery() {
			return bad(fmt.Sprintf("more than %d %ss (%d years)", unit.MaxEvery(), unit, MaxYears))
		}
	}
	return Recurrence{Every: n, Unit: unit}, nil
}

// MustParseRecurrence is like ParseRecurrence but panics on error. It is
// meant for tests and package-level setup with constant text.
func MustParseRecurrence(s string) Recurrence {
	r, err := ParseRecurrence(s)
	if err != nil {
		panic(err)
	}
	return r
}

// FromProAbono converts ProAbono's DurationRecurrence and UnitRecurrence
// pair ("Day", "Week", "Month" or "Year", in any letter case) into a
// Recurrence. It returns an error wrapping ErrInvalidRecurrence or
// ErrInvalidUnit when the pair is not valid.
func FromProAbono(durationRecurrence int, unitRecurrence string) (Recurrence, error) {
	u, err := ParseUnit(strings.ToLower(unitRecurrence))
	if err != nil {
		return Recurrence{}, fmt.Errorf("%w: UnitRecurrence %q: want Day, Week, Month or Year", ErrInvalidUnit, unitRecurrence)
	}
	r := Recurrence{Every: durationRecurrence, Unit: u}
	if err := r.Validate(); err != nil {
		return Recurrence{}, err
	}
	return r, nil
}

// MarshalText encodes r in its ISO 8601 form. An invalid recurrence is an
// error.
func (r Recurrence) MarshalText() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return []byte(r.String()), nil
}

// UnmarshalText decodes r from its ISO 8601 form with ParseRecurrence.
func (r *Recurrence) UnmarshalText(text []byte) error {
	v, err := ParseRecurrence(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// days returns the length of r in days for Day and Week units.
func (r Recurrence) days() int64 {
	if r.Unit == Week {
		return 7 * int64(r.Every)
	}
	return int64(r.Every)
}

// months returns the length of r in months for Month and Year units.
func (r Recurrence) months() int64 {
	if r.Unit == Year {
		return 12 * int64(r.Every)
	}
	return int64(r.Every)
}

// MinDays returns the fewest days any period of r can have: 28 for a month,
// 365 for a year, Every×7 for weeks. Policies use it to reject settings that
// cannot fit in a period.
func (r Recurrence) MinDays() int {
	switch r.Unit {
	case Day, Week:
		return int(r.days())
	case Month:
		// The shortest run of Every consecutive months of a common year.
		n := r.Every % 12
		best := 0
		for first := 1; first <= 12; first++ {
			sum := 0
			for i := 0; i < n; i++ {
				sum += civil.DaysIn(1, (first+i-1)%12+1)
			}
			if first == 1 || sum < best {
				best = sum
			}
		}
		return r.Every/12*365 + best
	case Year:
		return 365 * r.Every
	}
	return 0
}
