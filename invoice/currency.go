package invoice

import (
	"fmt"
	"strings"
)

// Currency is an ISO 4217 currency with its minor unit: the number of
// decimal digits its amounts are rounded to (2 for EUR, 0 for JPY, 3 for
// KWD). Currencies are values compared with ==; the zero Currency is
// invalid. Obtain one from ParseCurrency or the variables below.
type Currency struct {
	code   string
	digits int32
}

// The currencies in common use. ParseCurrency knows all of them.
var (
	AUD = Currency{"AUD", 2}
	BHD = Currency{"BHD", 3}
	BRL = Currency{"BRL", 2}
	CAD = Currency{"CAD", 2}
	CHF = Currency{"CHF", 2}
	CNY = Currency{"CNY", 2}
	CZK = Currency{"CZK", 2}
	DKK = Currency{"DKK", 2}
	EUR = Currency{"EUR", 2}
	GBP = Currency{"GBP", 2}
	HKD = Currency{"HKD", 2}
	HUF = Currency{"HUF", 2}
	INR = Currency{"INR", 2}
	ISK = Currency{"ISK", 0}
	JOD = Currency{"JOD", 3}
	JPY = Currency{"JPY", 0}
	KRW = Currency{"KRW", 0}
	KWD = Currency{"KWD", 3}
	MXN = Currency{"MXN", 2}
	NOK = Currency{"NOK", 2}
	NZD = Currency{"NZD", 2}
	OMR = Currency{"OMR", 3}
	PLN = Currency{"PLN", 2}
	RON = Currency{"RON", 2}
	SEK = Currency{"SEK", 2}
	SGD = Currency{"SGD", 2}
	TND = Currency{"TND", 3}
	USD = Currency{"USD", 2}
	ZAR = Currency{"ZAR", 2}
)

// currencies lists what ParseCurrency accepts, in code order.
var currencies = [...]Currency{AUD, BHD, BRL, CAD, CHF, CNY, CZK, DKK, EUR, GBP, HKD, HUF, INR, ISK, JOD, JPY, KRW, KWD, MXN, NOK, NZD, OMR, PLN, RON, SEK, SGD, TND, USD, ZAR}

// ParseCurrency returns the currency with the given upper-case ISO 4217
// code, or an error wrapping ErrUnknownCurrency.
func ParseCurrency(code string) (Currency, error) {
	for _, c := range currencies {
		if c.code == code {
			return c, nil
		}
	}
	return Currency{}, fmt.Errorf("%w %q", ErrUnknownCurrency, code)
}

// Code returns the ISO 4217 code, such as "EUR"; "" for the zero Currency.
func (c Currency) Code() string { return c.code }

// Digits returns the number of minor digits: 2 for EUR, 0 for JPY.
func (c Currency) Digits() int { return int(c.digits) }

// IsZero reports whether c is the zero, invalid Currency.
func (c Currency) IsZero() bool { return c.code == "" }

// String returns the ISO 4217 code.
func (c Currency) String() string { return c.code }

// MarshalText encodes the currency as its ISO 4217 code. The zero Currency
// is an error wrapping ErrUnknownCurrency.
func (c Currency) MarshalText() ([]byte, error) {
	if c.IsZero() {
		return nil, fmt.Errorf("%w: zero currency", ErrUnknownCurrency)
	}
	return []byte(c.code), nil
}

// UnmarshalText decodes a currency from its upper-case ISO 4217 code.
func (c *Currency) UnmarshalText(text []byte) error {
	v, err := ParseCurrency(strings.TrimSpace(string(text)))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
