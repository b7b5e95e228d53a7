package invoice

import (
	"cmp"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Arithmetic on Money is exact in int64 minor units and checked: a result
// beyond ±MaxMinor is an error wrapping ErrOutOfRange, two currencies an
// error wrapping ErrCurrencyMismatch. Nothing panics and nothing reads
// shopspring/decimal's package-level settings.

func mismatch(op string, m, o Money) error {
	return fmt.Errorf("%w: %s %s and %s", ErrCurrencyMismatch, op, m, o)
}

// Add returns m + o. It returns an error wrapping ErrCurrencyMismatch if
// the currencies differ and ErrOutOfRange if the sum is beyond ±MaxMinor.
func (m Money) Add(o Money) (Money, error) {
	if m.cur != o.cur {
		return Money{}, mismatch("add", m, o)
	}
	s := m.minor + o.minor // cannot overflow: both within ±MaxMinor
	if !inRange(s) {
		return Money{}, outOfRange("add "+m.String()+" and "+o.String(), m.cur)
	}
	return Money{s, m.cur}, nil
}

// Sub returns m − o, with the errors of Add.
func (m Money) Sub(o Money) (Money, error) {
	if m.cur != o.cur {
		return Money{}, mismatch("subtract", m, o)
	}
	return m.Add(o.Neg())
}

// Mul returns m × n. It returns an error wrapping ErrOutOfRange if the
// product is beyond ±MaxMinor.
func (m Money) Mul(n int64) (Money, error) {
	hi, lo := bits.Mul64(abs(m.minor), abs(n))
	if hi != 0 || lo > uint64(MaxMinor) {
		return Money{}, outOfRange(fmt.Sprintf("%s × %d", m, n), m.cur)
	}
	p := int64(lo)
	if (m.minor < 0) != (n < 0) {
		p = -p
	}
	return Money{p, m.cur}, nil
}

func abs(n int64) uint64 {
	if n < 0 {
		return uint64(-n) // MinInt64 wraps to 1<<63, its absolute value
	}
	return uint64(n)
}

// MulRatio returns m × num / den rounded to the minor unit once, half away
// from zero: 0.125 EUR is 0.13 and −0.125 EUR is −0.13, never banker's
// 0.12. 10.00 EUR × 5/28 is 1.79 (1.7857…). The product is computed in 128
// bits, so only the result is bounded. It returns an error wrapping
// ErrInvalidProration if den < 1 or num < 0, and ErrOutOfRange if the
// result is beyond ±MaxMinor.
func (m Money) MulRatio(num, den int64) (Money, error) {
	if den < 1 || num < 0 {
		return Money{}, fmt.Errorf("%w: ratio %d/%d: want a denominator of at least 1 and a numerator of at least 0", ErrInvalidProration, num, den)
	}
	if num == den {
		return m, nil
	}
	q, ok := mulDivRound(abs(m.minor), uint64(num), uint64(den))
	if !ok || q > uint64(MaxMinor) {
		return Money{}, outOfRange(fmt.Sprintf("%s × %d/%d", m, num, den), m.cur)
	}
	r := int64(q)
	if m.minor < 0 {
		r = -r
	}
	return Money{r, m.cur}, nil
}

// mulDivRound returns x × num / den rounded half up, and false if the
// quotient does not fit in 64 bits. den ≥ 1.
func mulDivRound(x, num, den uint64) (uint64, bool) {
	hi, lo := bits.Mul64(x, num)
	if hi >= den {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, den)
	if r >= den-r { // 2r ≥ den, without overflow
		q++
		if q == 0 {
			return 0, false
		}
	}
	return q, true
}

// MaxPercentDigits bounds the fraction digits of a percentage: 12.5 and
// 33.3333333333333333 (16 digits) are fine, more are errors, and so are
// more than 18 significant digits.
const MaxPercentDigits = 16

// percentRatio returns p/100 as num/den with 0 ≤ num ≤ den, and false
// unless 0 < p ≤ 100 with at most MaxPercentDigits fraction digits.
func percentRatio(p decimal.Decimal) (num, den int64, ok bool) {
	e := p.Exponent()
	if p.Sign() <= 0 || e < -MaxPercentDigits || p.NumDigits() > 18 {
		return 0, 0, false
	}
	if e > 2 {
		return 0, 0, false // p = coefficient × 10^e ≥ 1000
	}
	num, den = p.CoefficientInt64(), 1 // p/100 = num × 10^(e−2)
	for ; e < 2; e++ {
		den *= 10
	}
	return num, den, num <= den
}

// decimalText writes d for a message, in scientific form when it would be
// long: a hostile exponent must not make a huge text.
func decimalText(d decimal.Decimal) string {
	if e := d.Exponent(); e >= -30 && e <= 30 && d.NumDigits() <= 40 {
		return d.String()
	}
	c := d.Coefficient().String()
	if len(c) > 20 {
		c = c[:20] + "…"
	}
	return c + "e" + strconv.Itoa(int(d.Exponent()))
}

// CheckPercent returns nil if 0 < p ≤ 100 with at most MaxPercentDigits
// fraction digits, and otherwise an error wrapping ErrInvalidPercent.
func CheckPercent(p decimal.Decimal) error {
	if _, _, ok := percentRatio(p); !ok {
		return fmt.Errorf("%w: %s%%: want more than 0 and at most 100, with at most %d fraction digits", ErrInvalidPercent, decimalText(p), MaxPercentDigits)
	}
	return nil
}

// ParsePercent parses a percentage written as a plain decimal, "20" or
// "12.5", and checks it with CheckPercent. Exponents ("1e1"), signs,
// spaces and anything but digits and one point are errors wrapping
// ErrInvalidPercent.
func ParsePercent(s string) (decimal.Decimal, error) {
	whole, frac, dot := strings.Cut(s, ".")
	if !isDigits(whole) || (dot && !isDigits(frac)) || len(frac) > MaxPercentDigits || len(whole) > 3 {
		return decimal.Decimal{}, fmt.Errorf("%w %s: want a plain decimal such as 20 or 12.5, at most 100", ErrInvalidPercent, quote(s))
	}
	p, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w %s: %v", ErrInvalidPercent, quote(s), err)
	}
	if err := CheckPercent(p); err != nil {
		return decimal.Decimal{}, err
	}
	return p, nil
}

// Percent returns p percent of m, rounded to the minor unit once, half away
// from zero: 20 percent of 29.90 EUR is 5.98 EUR, 12.5 percent of 0.10 EUR
// is 0.01 EUR (0.0125). It returns an error wrapping ErrInvalidPercent
// unless p passes CheckPercent.
func (m Money) Percent(p decimal.Decimal) (Money, error) {
	num, den, ok := percentRatio(p)
	if !ok {
		return Money{}, CheckPercent(p)
	}
	return m.MulRatio(num, den)
}

// Cmp compares the amounts of m and o: −1, 0 or +1. It returns an error
// wrapping ErrCurrencyMismatch if the currencies differ.
func (m Money) Cmp(o Money) (int, error) {
	if m.cur != o.cur {
		return 0, mismatch("compare", m, o)
	}
	return cmp.Compare(m.minor, o.minor), nil
}
