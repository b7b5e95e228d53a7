package invoice

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/shopspring/decimal"
)

// MaxMinor bounds every amount: |amount| ≤ 10^15 minor units, ten trillion
// euros. An amount beyond it — parsed, built or computed — is an error
// wrapping ErrOutOfRange that names the value.
const MaxMinor int64 = 1_000_000_000_000_000

// Money is an amount in a currency, held as a whole number of the
// currency's minor units: 29.90 EUR is 2990 cents. Money is always exact in
// its minor unit, so it never needs rounding; where a rate or a ratio
// makes fractions (MulRatio, Percent), the result is rounded once, half
// away from zero.
//
// Money is a small value compared with ==: 16 bytes, its fields
// unexported. The zero Money has no currency and is invalid wherever money
// is required. Build one with ParseMoney, FromMinor, FromDecimal or Zero.
type Money struct {
	minor int64
	cur   Currency
}

// inRange reports whether n minor units lie within ±MaxMinor.
func inRange(n int64) bool { return n >= -MaxMinor && n <= MaxMinor }

// outOfRange returns the error of a result of op beyond ±MaxMinor.
func outOfRange(op string, c Currency) error {
	return fmt.Errorf("%w: %s: beyond ±%s %s", ErrOutOfRange, op, Money{MaxMinor, c}.Text(), c)
}

// ParseMoney parses an exact decimal text such as "29.90", "29.9", "500"
// or "-3.5" in currency c. It returns an error wrapping ErrUnknownCurrency
// if c is invalid; ErrInvalidAmount if the text is not a plain decimal (an
// optional minus sign, digits, an optional point followed by digits: no
// exponent, plus sign, spaces or separators), is negative zero ("-0.00"),
// or has more fraction digits than c's minor unit ("29.905" EUR, "500.5"
// JPY); and ErrOutOfRange beyond ±MaxMinor minor units.
func ParseMoney(s string, c Currency) (Money, error) {
	if !c.Valid() {
		return Money{}, fmt.Errorf("%w: amount %s in %s", ErrUnknownCurrency, quote(s), c)
	}
	n, err := parseMinor(s, c.Digits())
	if err != nil {
		return Money{}, fmt.Errorf("%w %s in %s: %s", err.sentinel, quote(s), c, err.why)
	}
	return Money{n, c}, nil
}

// quote quotes s for a message, cut so that a hostile text cannot fill it.
func quote(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "…"
	}
	return strconv.Quote(s)
}

type parseError struct {
	sentinel error
	why      string
}

// parseMinor returns the number of minor units written by s for a currency
// of the given digits.
func parseMinor(s string, digits int) (int64, *parseError) {
	body, neg := strings.CutPrefix(s, "-")
	whole, frac, dot := strings.Cut(body, ".")
	if !isDigits(whole) || (dot && !isDigits(frac)) {
		return 0, &parseError{ErrInvalidAmount, "want a plain decimal such as 29.90"}
	}
	if len(frac) > digits {
		return 0, &parseError{ErrInvalidAmount, fmt.Sprintf("more than %d minor digits", digits)}
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 16 {
		return 0, &parseError{ErrOutOfRange, "beyond ±10^15 minor units"}
	}
	var n int64
	for _, part := range []string{whole, frac + "000"[:digits-len(frac)]} {
		for i := 0; i < len(part); i++ {
			n = n*10 + int64(part[i]-'0')
		}
	}
	if n > MaxMinor {
		return 0, &parseError{ErrOutOfRange, "beyond ±10^15 minor units"}
	}
	if neg && n == 0 {
		return 0, &parseError{ErrInvalidAmount, "negative zero"}
	}
	if neg {
		n = -n
	}
	return n, nil
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MustParseMoney is like ParseMoney but panics on error. It is meant for
// tests and setup code with constant text.
func MustParseMoney(s string, c Currency) Money {
	m, err := ParseMoney(s, c)
	if err != nil {
		panic(err)
	}
	return m
}

// Zero returns no money in currency c.
func Zero(c Currency) Money { return Money{0, c} }

// FromMinor returns n minor units of c: FromMinor(2990, EUR) is 29.90 EUR.
// It returns an error wrapping ErrUnknownCurrency if c is invalid and
// ErrOutOfRange if |n| > MaxMinor.
func FromMinor(n int64, c Currency) (Money, error) {
	if !c.Valid() {
		return Money{}, fmt.Errorf("%w: %d minor units in %s", ErrUnknownCurrency, n, c)
	}
	if !inRange(n) {
		return Money{}, fmt.Errorf("%w: %d minor units of %s, beyond ±%d", ErrOutOfRange, n, c, MaxMinor)
	}
	return Money{n, c}, nil
}

// FromDecimal returns the amount d of currency c. d must be a whole number
// of c's minor units — 29.90 or 29.9 EUR, not 29.905 — and is never
// rounded: anything else is an error wrapping ErrInvalidAmount. It also
// returns ErrUnknownCurrency for an invalid c and ErrOutOfRange beyond
// ±MaxMinor minor units.
func FromDecimal(d decimal.Decimal, c Currency) (Money, error) {
	if !c.Valid() {
		return Money{}, fmt.Errorf("%w: amount %s in %s", ErrUnknownCurrency, decimalText(d), c)
	}
	if d.IsZero() {
		return Money{0, c}, nil
	}
	// Bound the work before any big-number arithmetic: with nd digits and
	// exponent e in minor units, the value has nd+e digits before the point.
	units := d.Shift(int32(c.Digits()))
	digits := units.NumDigits() + int(units.Exponent()) // before the point
	if digits <= 0 || !units.IsInteger() {
		return Money{}, fmt.Errorf("%w %s in %s: more than %d minor digits", ErrInvalidAmount, decimalText(d), c, c.Digits())
	}
	if digits > 16 || units.Abs().GreaterThan(decimal.NewFromInt(MaxMinor)) {
		return Money{}, fmt.Errorf("%w: %s %s is beyond ±%d minor units", ErrOutOfRange, decimalText(d), c, MaxMinor)
	}
	return Money{units.IntPart(), c}, nil
}

// Minor returns the amount as a count of minor units: 29.90 EUR is 2990.
func (m Money) Minor() int64 { return m.minor }

// Currency returns the currency of m.
func (m Money) Currency() Currency { return m.cur }

// Decimal returns the amount in major units as a decimal, for interop:
// 29.90 EUR is 29.9 (exactly 2990 × 10^-2).
func (m Money) Decimal() decimal.Decimal { return decimal.New(m.minor, -int32(m.cur.Digits())) }

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.minor == 0 }

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.minor < 0 }

// Neg returns −m.
func (m Money) Neg() Money { return Money{-m.minor, m.cur} }

// Text returns the amount with exactly the currency's minor digits:
// "29.90", "-3.50", "500" (JPY), "29.905" (KWD).
func (m Money) Text() string {
	var buf [24]byte
	return string(m.appendText(buf[:0]))
}

// appendText appends the Text form of m to b. |m.minor| ≤ MaxMinor: every
// constructor checks it.
func (m Money) appendText(b []byte) []byte {
	u := uint64(m.minor)
	if m.minor < 0 {
		b = append(b, '-')
		u = uint64(-m.minor)
	}
	d := m.cur.Digits()
	p := uint64(1)
	for range d {
		p *= 10
	}
	b = strconv.AppendUint(b, u/p, 10)
	if d > 0 {
		b = append(b, '.')
		start := len(b)
		b = append(b, "000"[:d]...)
		for i, f := len(b)-1, u%p; i >= start; i, f = i-1, f/10 {
			b[i] = byte('0' + f%10)
		}
	}
	return b
}

// String returns the amount and its currency, "29.90 EUR".
func (m Money) String() string { return m.Text() + " " + m.cur.String() }

// GoString returns m as String does, so that %#v — and testify's failure
// messages — print "29.90 EUR" rather than the fields.
func (m Money) GoString() string { return m.String() }

// MarshalJSON encodes m as {"amount":"29.90","currency":"EUR"}: the amount
// is a string with exactly the currency's minor digits. Money without a
// currency is an error wrapping ErrUnknownCurrency.
func (m Money) MarshalJSON() ([]byte, error) {
	if !m.cur.Valid() {
		return nil, fmt.Errorf("%w: money of %d minor units without a currency", ErrUnknownCurrency, m.minor)
	}
	var o jsonx.Object
	o.String("amount", m.Text())
	o.Text("currency", m.cur)
	return o.Bytes()
}

// UnmarshalJSON decodes {"amount":"29.90","currency":"EUR"}, both fields
// required, the amount with ParseMoney. Unknown fields, duplicate keys and
// values of the wrong type are errors wrapping ErrInvalidAmount that name
// the field; JSON null counts as absent, and a whole null leaves m
// unchanged.
func (m *Money) UnmarshalJSON(data []byte) error {
	if jsonx.IsNull(data) {
		return nil
	}
	var amount string
	var c Currency
	if err := jsonx.Decode(data, ErrInvalidAmount,
		jsonx.String("amount", &amount).Required(),
		jsonx.Text("currency", &c).Required(),
	); err != nil {
		return err
	}
	v, err := ParseMoney(amount, c)
	if err != nil {
		return jsonx.At("amount", ErrInvalidAmount, err)
	}
	*m = v
	return nil
}
