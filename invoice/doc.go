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
// # Prices and invoices
//
// A Price is what one billing period of a plan costs: a recurring base
// price, features after ProAbono's (OnOff: included or not, maybe with a
// flat price; Limitation: a quantity included, the units used beyond it
// charged at a unit price or by graduated or volume tiers) and discounts
// (a percentage or a fixed amount, for the first N periods or for ever).
//
// Build turns a Spec — a price, a billing period, the period's number and
// what changes it (a proration, an override, extra fees) — into an
// Invoice. Each line is rounded once; the total is the sum of the lines and
// never negative, because discounts are capped at what is left to pay.
// A monthly plan at 10.00 EUR with 2 users beyond 0 included at 5.00 and
// a 20% discount for the first 3 periods:
//
//	period number    recurring  Users 2 × 5.00   discount 20%   total
//	0, 1, 2          10.00      10.00            −4.00          16.00
//	3 and later      10.00      10.00                           20.00
//	0, 5/28 prorated 1.79       1.79             −0.72          2.86
//	0, overridden    0.00 "paused", one override line           0.00
//
// Prorated, each line is rounded once: 10.00 × 5/28 = 1.7857… → 1.79, and
// the discount is 20% of the rounded subtotal 3.58, 0.716 → 0.72.
//
// Invoices are computed, never stored: whether one has been issued as of a
// date follows from its IssueDate (Invoice.IsIssued). An invoice names the
// buyer when the buyer is not the beneficiary.
//
// # Text forms
//
// Money is {"amount":"29.90","currency":"EUR"}, the amount with exactly the
// currency's minor digits; decoding rejects more digits ("29.905" EUR),
// exponents, signs other than a leading minus, and spaces. Enums are
// lower-case words ("on_off", "graduated", "percent", "recurring"); dates
// are strict YYYY-MM-DD. Every amount of a Price must be exact in its
// currency's minor unit, so that prices round-trip through their text form.
//
// The package never reads shopspring/decimal's package-level settings:
// division rounds by an explicit rule and JSON is written as fixed-point
// strings ("29.90").
package invoice
