package period

import "fmt"

// Fraction is an exact ratio of whole days, Num/Den, such as 5/28 for five
// days of a 28-day period. Proration keeps it exact; rounding to money
// happens once, on the invoice line.
type Fraction struct {
	// Num is the number of days covered.
	Num int
	// Den is the number of days in the whole, at least 1.
	Den int
}

// String returns the fraction as "Num/Den".
func (f Fraction) String() string { return fmt.Sprintf("%d/%d", f.Num, f.Den) }

// IsWhole reports whether the fraction covers its whole period.
func (f Fraction) IsWhole() bool { return f.Num == f.Den }

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
