// Package invoice owns billcycle's money: amounts with an ISO 4217
// currency, prices and features, discounts, and the computed invoice of one
// billing period.
//
// # Rounding
//
// Amounts are exact decimals while they are computed and are rounded to the
// currency's minor unit once, on the invoice line, half away from zero:
//
//	0.125 EUR → 0.13      −0.125 EUR → −0.13     (never banker's 0.12)
//	0.5 JPY   → 1         29.905 KWD stays 29.905 (3 minor digits)
//
// Anything split — a proration, a discount spread over lines — goes through
// Allocate, so the parts add up to the whole to the last minor unit:
//
//	10.00 EUR over 1, 1, 1       → 3.34, 3.33, 3.33
//	30.00 EUR over 28, 31, 30    → 9.44, 10.45, 10.11
//
// The package never reads shopspring/decimal's package-level settings:
// division rounds by an explicit rule and JSON is written as fixed-point
// strings ("29.90").
package invoice
