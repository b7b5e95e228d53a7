package invoice

import "errors"

// Sentinel errors of money, matched with errors.Is. The returned errors
// wrap them with the offending values.
var (
	// ErrUnknownCurrency reports a currency code this package does not know,
	// or money without a currency.
	ErrUnknownCurrency = errors.New("invoice: unknown currency")
	// ErrCurrencyMismatch reports arithmetic, a price or an invoice mixing
	// currencies.
	ErrCurrencyMismatch = errors.New("invoice: currency mismatch")
	// ErrInvalidAmount reports an amount text that is not a plain decimal,
	// one with more minor digits than its currency has, negative zero, a
	// decimal that is not a whole number of minor units, or a negative
	// price.
	ErrInvalidAmount = errors.New("invoice: invalid amount")
	// ErrOutOfRange reports an amount, or the result of arithmetic on
	// amounts, beyond ±MaxMinor minor units, and a quantity beyond
	// MaxQuantity.
	ErrOutOfRange = errors.New("invoice: amount out of range")
	// ErrInvalidWeights reports an allocation over no weights, negative
	// weights, or weights that add up to zero or beyond the range of int64.
	ErrInvalidWeights = errors.New("invoice: invalid allocation weights")
	// ErrInvalidPercent reports a percentage that is not a plain decimal
	// from 0 (excluded) to 100 with at most MaxPercentDigits fraction digits.
	ErrInvalidPercent = errors.New("invoice: invalid percentage")
)

// Sentinel errors of prices, specs and invoices.
var (
	// ErrInvalidKind reports a feature, tier, discount, line or document
	// kind that is not one of the defined constants, or unknown text for
	// one.
	ErrInvalidKind = errors.New("invoice: invalid kind")
	// ErrInvalidQuantity reports a quantity below zero or above
	// MaxQuantity, or a line quantity below 1.
	ErrInvalidQuantity = errors.New("invoice: invalid quantity")
	// ErrInvalidPrice reports the JSON form of a price that is not one:
	// unknown or duplicate fields, values of the wrong type.
	ErrInvalidPrice = errors.New("invoice: invalid price")
	// ErrInvalidFeature reports a feature whose fields do not fit its kind,
	// such as a unit price on an on/off feature.
	ErrInvalidFeature = errors.New("invoice: invalid feature")
	// ErrInvalidTiers reports tiers whose bounds do not increase, whose
	// last tier is bounded, or that lack a tier mode.
	ErrInvalidTiers = errors.New("invoice: invalid tiers")
	// ErrInvalidDiscount reports a discount whose percentage is invalid, a
	// fixed discount that is not positive, or a number of periods below 0
	// or above MaxDiscountPeriods.
	ErrInvalidDiscount = errors.New("invoice: invalid discount")
	// ErrInvalidProration reports a proration fraction or a ratio that is
	// not between 0/Den and Den/Den with Den at least 1.
	ErrInvalidProration = errors.New("invoice: invalid proration")
	// ErrOverrideReason reports an override without a reason.
	ErrOverrideReason = errors.New("invoice: override without a reason")
	// ErrInvalidSpec reports a Spec with a negative period number, a main
	// line kind other than recurring, renewal or extension, or a fee that
	// cannot be a fee, and the JSON form of an override that is not one.
	ErrInvalidSpec = errors.New("invoice: invalid spec")
	// ErrInvalidInvoice reports an invoice or a credit note that breaks an
	// invariant of Invoice.Validate, or a line that breaks one of
	// Line.Validate.
	ErrInvalidInvoice = errors.New("invoice: invalid invoice")
)
