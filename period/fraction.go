package period

import (
	"fmt"
	"strconv"
)

// Fraction is an exact ratio of whole days, Num/Den, such as 5/28 for five
// days of a 28-day period. Proration keeps it exact; rounding to money
// happens once, on the invoice line. A valid Fraction has Den ≥ 1 and
// 0 ≤ Num ≤ Den; whoever consumes one checks it with Validate.
type Fraction struct {
	// Num is the number of days covered, 0 to Den.
	Num int
	// Den is the number of days in the whole, at least 1.
	Den int
}

// String returns the fraction as "Num/Den".
func (f Fraction) String() string { return strconv.Itoa(f.Num) + "/" + strconv.Itoa(f.Den) }

// Validate returns nil if Den ≥ 1 and 0 ≤ Num ≤ Den, and otherwise an
// error wrapping ErrInvalidFraction that names the fraction.
func (f Fraction) Validate() error {
	if f.Den < 1 || f.Num < 0 || f.Num > f.Den {
		return fmt.Errorf("%w %s: want a denominator of at least 1 and a numerator from 0 to it", ErrInvalidFraction, f)
	}
	return nil
}

// IsWhole reports whether the fraction covers its whole period: a valid
// fraction with Num == Den.
func (f Fraction) IsWhole() bool { return f.Num == f.Den && f.Den >= 1 }

// Coverage returns the fraction of the days of p that r covers: the days of
// their intersection over the days of p. It returns an error wrapping
// ErrEmptyPeriod if p has no day, rather than dividing by zero.
func Coverage(p, r Period) (Fraction, error) {
	if p.IsEmpty() {
		return Fraction{}, fmt.Errorf("%w: proration over %s", ErrEmptyPeriod, p)
	}
	covered := 0
	if in, ok := p.Intersect(r); ok {
		covered = in.Days()
	}
	return Fraction{Num: covered, Den: p.Days()}, nil
}
