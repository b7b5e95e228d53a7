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

// Sentinel errors of prices, specs and invoices.
var (
	// ErrInvalidKind reports a feature, tier, discount or line kind that is
	// not one of the defined constants, or unknown text for one.
	ErrInvalidKind = errors.New("invoice: invalid kind")
	// ErrNegativeQuantity reports a negative included or used quantity.
	ErrNegativeQuantity = errors.New("invoice: negative quantity")
	// ErrInvalidFeature reports a feature whose fields do not fit its kind,
	// such as a unit price on an on/off feature.
	ErrInvalidFeature = errors.New("invoice: invalid feature")
	// ErrInvalidTiers reports tiers whose bounds do not increase, whose
	// last tier is bounded, or that lack a tier mode.
	ErrInvalidTiers = errors.New("invoice: invalid tiers")
	// ErrInvalidDiscount reports a percentage outside (0, 100], a fixed
	// discount that is not positive, or a negative number of periods.
	ErrInvalidDiscount = errors.New("invoice: invalid discount")
	// ErrInvalidProration reports a fraction that is not between 0/Den and
	// Den/Den with Den at least 1.
	ErrInvalidProration = errors.New("invoice: invalid proration")
	// ErrOverrideReason reports an override without a reason.
	ErrOverrideReason = errors.New("invoice: override without a reason")
	// ErrInvalidSpec reports a Spec with a negative period number or a main
	// line kind other than recurring, renewal or extension.
	ErrInvalidSpec = errors.New("invoice: invalid spec")
	// ErrInvalidInvoice reports a decoded invoice whose totals do not add
	// up, whose total is negative, or whose amounts mix currencies.
	ErrInvalidInvoice = errors.New("invoice: invalid invoice")
)
