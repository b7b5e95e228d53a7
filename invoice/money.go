package invoice

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an amount in a currency. Amounts hold any exact decimal while
// they are computed; Round rounds them to the currency's minor unit, half
// away from zero, and invoice lines are always rounded. Compare with Equal:
// decimal values that are equal may differ in representation (5 and 5.00).
//
// Money is a value: its methods return new values and never read
// shopspring/decimal's package-level settings.
type Money struct {
	// Amount is the amount, in major units (10.00 for ten euros).
	Amount decimal.Decimal
	// Currency is the ISO 4217 currency of the amount.
	Currency Currency
}

// exactDecimal matches what ParseMoney accepts: an optional minus sign,
// digits, and optional fraction digits. No exponent, no plus sign, no
// thousands separators.
var exactDecimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// ParseMoney parses an exact decimal text such as "29.90", "500" or
// "-3.5" in currency c. It returns an error wrapping ErrInvalidAmount if the
// text is not a plain decimal or has more fraction digits than c's minor
// unit ("29.905" EUR, "500.5" JPY), and ErrUnknownCurrency if c is zero.
func ParseMoney(s string, c Currency) (Money, error) {
	if c.IsZero() {
		return Money{}, fmt.Errorf("%w: amount %q without a currency", ErrUnknownCurrency, s)
	}
	if len(s) > 64 || !exactDecimal.MatchString(s) {
		return Money{}, fmt.Errorf("%w %q: want a plain decimal such as 29.90", ErrInvalidAmount, s)
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > c.Digits() {
		return Money{}, fmt.Errorf("%w %q: %s has %d minor digits", ErrInvalidAmount, s, c.code, c.Digits())
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Money{}, fmt.Errorf("%w %q: %v", ErrInvalidAmount, s, err)
	}
	return Money{Amount: d, Currency: c}, nil
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
func Zero(c Currency) Money { return Money{Amount: decimal.Zero, Currency: c} }

// FromMinor returns the amount of n minor units of c: FromMinor(2990, EUR)
// is 29.90 EUR.
func FromMinor(n int64, c Currency) Money {
	return Money{Amount: decimal.New(n, -c.digits), Currency: c}
}

// Round returns m rounded to its currency's minor unit, half away from zero:
// 0.125 EUR is 0.13 and −0.125 EUR is −0.13.
func (m Money) Round() Money {
	return Money{Amount: roundHalfAway(m.Amount, m.Currency.digits), Currency: m.Currency}
}

// roundHalfAway rounds d to places fraction digits, half away from zero.
// decimal.Round does this already; the helper names the rule where it is
// applied.
func roundHalfAway(d decimal.Decimal, places int32) decimal.Decimal {
	return d.Round(places)
}

// Minor returns m rounded to the minor unit, as a count of minor units:
// 29.90 EUR is 2990.
func (m Money) Minor() int64 {
	return m.Round().Amount.Shift(m.Currency.digits).IntPart()
}

// Add returns m + o, or an error wrapping ErrCurrencyMismatch.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency != o.Currency {
		return Money{}, mismatch("add", m, o)
	}
	return Money{Amount: m.Amount.Add(o.Amount), Currency: m.Currency}, nil
}

// Sub returns m − o, or an error wrapping ErrCurrencyMismatch.
func (m Money) Sub(o Money) (Money, error) {
	if m.Currency != o.Currency {
		return Money{}, mismatch("subtract", m, o)
	}
	return Money{Amount: m.Amount.Sub(o.Amount), Currency: m.Currency}, nil
}

func mismatch(op string, m, o Money) error {
	return fmt.Errorf("%w: %s %s and %s", ErrCurrencyMismatch, op, m, o)
}

// Mul returns m × n, unrounded.
func (m Money) Mul(n int64) Money {
	return Money{Amount: m.Amount.Mul(decimal.NewFromInt(n)), Currency: m.Currency}
}

// MulRatio returns m × num / den rounded to the minor unit, half away from
// zero. den must not be zero; a zero den returns zero money rather than
// panicking.
func (m Money) MulRatio(num, den int64) Money {
	if den == 0 {
		return Zero(m.Currency)
	}
	if num == den {
		return m.Round()
	}
	q := m.Amount.Mul(decimal.NewFromInt(num))
	return Money{Amount: divRound(q, decimal.NewFromInt(den), m.Currency.digits), Currency: m.Currency}
}

// divRound returns a / b rounded to places digits, half away from zero,
// without depending on decimal.DivisionPrecision.
func divRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	// QuoRem to places+1 digits keeps the exact remainder, which settles
	// ties: the rounding is exact, not an approximation.
	q, r := a.QuoRem(b, places)
	if r.IsZero() {
		return q
	}
	// Compare 2|r| with |b| to round half away from zero.
	twice := r.Abs().Mul(decimal.NewFromInt(2))
	unit := decimal.New(1, -places)
	switch twice.Cmp(b.Abs().Mul(unit)) {
	case 1, 0:
		if a.Sign()*b.Sign() < 0 {
			return q.Sub(unit)
		}
		return q.Add(unit)
	}
	return q
}

// Neg returns −m.
func (m Money) Neg() Money { return Money{Amount: m.Amount.Neg(), Currency: m.Currency} }

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Amount.IsZero() }

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.Amount.Sign() < 0 }

// Cmp compares the amounts of m and o: −1, 0 or +1. It returns an error
// wrapping ErrCurrencyMismatch if the currencies differ.
func (m Money) Cmp(o Money) (int, error) {
	if m.Currency != o.Currency {
		return 0, mismatch("compare", m, o)
	}
	return m.Amount.Cmp(o.Amount), nil
}

// Equal reports whether m and o have the same currency and the same amount,
// whatever their representation: 5 and 5.00 are equal.
func (m Money) Equal(o Money) bool {
	return m.Currency == o.Currency && m.Amount.Equal(o.Amount)
}

// String returns the amount with the currency's minor digits and its code,
// "29.90 EUR", rounding for display only.
func (m Money) String() string {
	return m.Text() + " " + m.Currency.code
}

// Text returns the amount with exactly the currency's minor digits, rounded
// half away from zero: "29.90", "500" (JPY).
func (m Money) Text() string {
	return roundHalfAway(m.Amount, m.Currency.digits).StringFixed(m.Currency.digits)
}

type moneyJSON struct {
	Amount   string   `json:"amount"`
	Currency Currency `json:"currency"`
}

// MarshalJSON encodes m as {"amount":"29.90","currency":"EUR"}: the amount
// is a string with exactly the currency's minor digits. Unrounded amounts
// are rounded half away from zero.
func (m Money) MarshalJSON() ([]byte, error) {
	if m.Currency.IsZero() {
		return nil, fmt.Errorf("%w: money %s without a currency", ErrUnknownCurrency, m.Amount.String())
	}
	return json.Marshal(moneyJSON{Amount: m.Text(), Currency: m.Currency})
}

// UnmarshalJSON decodes {"amount":"29.90","currency":"EUR"} strictly with
// ParseMoney.
func (m *Money) UnmarshalJSON(data []byte) error {
	var raw moneyJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("invoice: decoding money: %w", err)
	}
	v, err := ParseMoney(raw.Amount, raw.Currency)
	if err != nil {
		return err
	}
	*m = v
	return nil
}
