package invoice

import "github.com/billcycle/billcycle/internal/enum"

// Currency is an ISO 4217 currency with its minor unit: the number of
// decimal digits of its amounts (2 for EUR, 0 for JPY, 3 for KWD).
// Currencies are small values compared with ==; the zero Currency is
// invalid, so money without a currency fails validation. Its text form is
// the upper-case code, "EUR".
type Currency uint8

// The currencies this package knows, in code order.
const (
	AUD Currency = iota + 1
	BHD
	BRL
	CAD
	CHF
	CNY
	CZK
	DKK
	EUR
	GBP
	HKD
	HUF
	INR
	ISK
	JOD
	JPY
	KRW
	KWD
	MXN
	NOK
	NZD
	OMR
	PLN
	RON
	SEK
	SGD
	TND
	USD
	ZAR
)

var currencyNames = enum.New[Currency]("currency", ErrUnknownCurrency,
	"AUD", "BHD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "INR", "ISK", "JOD", "JPY", "KRW", "KWD", "MXN", "NOK", "NZD", "OMR", "PLN", "RON", "SEK", "SGD", "TND", "USD", "ZAR")

// currencyDigits holds the minor digits of each currency, by value.
const currencyDigits = "-23222222222220300322232222322"

// ParseCurrency returns the currency with the given upper-case ISO 4217
// code, exactly ("EUR", not "eur" or " EUR"), or an error wrapping
// ErrUnknownCurrency.
func ParseCurrency(code string) (Currency, error) { return currencyNames.Parse(code) }

// Valid reports whether c is one of the currencies of this package.
func (c Currency) Valid() bool { return currencyNames.Valid(c) }

// Code returns the ISO 4217 code, such as "EUR"; "" for an invalid
// Currency.
func (c Currency) Code() string {
	if !c.Valid() {
		return ""
	}
	return currencyNames.String(c)
}

// Digits returns the number of minor digits: 2 for EUR, 0 for JPY, 3 for
// KWD; 0 for an invalid Currency.
func (c Currency) Digits() int {
	if !c.Valid() {
		return 0
	}
	return int(currencyDigits[c] - '0')
}

// String returns the ISO 4217 code, or "currency(N)" for an invalid value.
func (c Currency) String() string { return currencyNames.String(c) }

// MarshalText encodes the currency as its ISO 4217 code. An invalid
// Currency is an error wrapping ErrUnknownCurrency.
func (c Currency) MarshalText() ([]byte, error) { return currencyNames.MarshalText(c) }

// UnmarshalText decodes a currency from its upper-case ISO 4217 code, with
// ParseCurrency.
func (c *Currency) UnmarshalText(text []byte) error { return currencyNames.UnmarshalText(text, c) }
