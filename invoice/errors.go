package invoice

import "errors"

// Sentinel errors returned by this package, matched with errors.Is. The
// returned errors wrap them with the offending values.
var (
	// ErrUnknownCurrency reports a currency code this package does not know.
	ErrUnknownCurrency = errors.New("invoice: unknown currency")
	// ErrCurrencyMismatch reports arithmetic or a price mixing currencies.
	ErrCurrencyMismatch = errors.New("invoice: currency mismatch")
	// ErrInvalidAmount reports an amount text that is not an exact decimal,
	// or one with more minor digits than its currency has.
	ErrInvalidAmount = errors.New("invoice: invalid amount")
	// ErrInvalidWeights reports an allocation over no weights, negative
	// weights or weights that add up to zero.
	ErrInvalidWeights = errors.New("invoice: invalid allocation weights")
)
