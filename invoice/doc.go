// Package invoice owns billcycle's money: amounts with an ISO 4217
// currency, prices and features, discounts, and the computed documents of
// one billing period — invoices and credit notes.
//
// # Money
//
// Money is a whole number of minor units and its currency: 29.90 EUR is
// 2990 cents, 500 JPY is 500 yen, 1.250 KWD is 1250 fils. It is a small
// value compared with ==, exact by construction, and bounded: |amount| ≤
// MaxMinor (10^15 minor units); beyond, every constructor and every
// operation returns an error wrapping ErrOutOfRange that names the value.
// Its text is a plain decimal with exactly the currency's minor digits
// ("29.90"); ParseMoney accepts fewer digits ("29.9") and refuses more
// ("29.905" EUR), exponents, signs other than a leading minus, negative
// zero and spaces. Nothing is ever rounded silently: FromDecimal refuses a
// decimal finer than the minor unit.
//
// # Rounding
//
// Only a rate or a ratio makes fractions of a minor unit: a percentage
// (Percent), a proration (MulRatio). The result is rounded once, half away
// from zero:
//
//	1.00 EUR × 1/8   → 0.13      −1.00 EUR × 1/8 → −0.13   (never banker's 0.12)
//	10.00 EUR × 5/28 → 1.79      20 % of 29.90   → 5.98
//
// Anything split — a proration over several periods, a discount spread
// over lines — goes through Allocate, so the parts add up to the whole to
// the last minor unit:
//
//	10.00 EUR over 1, 1, 1       → 3.34, 3.33, 3.33
//	30.00 EUR over 28, 31, 30    → 9.44, 10.45, 10.11
//
// # Prices and invoices
//
// A Price is what one billing period of a plan costs: a recurring base
// price, features after ProAbono's (OnOff: included or not, maybe with a
// flat price; Limitation: a quantity included, the units in use beyond it
// charged at a unit price or by graduated or volume tiers) and discounts
// (a percentage or a fixed amount, for the first N periods or for ever).
//
// Build turns a Spec — a price, a billing period, the period's number and
// what changes it (a proration, an override, extra fees) — into an
// Invoice, in int64 arithmetic. Each line is computed once; the total is
// the sum of the lines and never negative, because discounts are capped at
// what is left to pay. A monthly plan at 10.00 EUR with 2 users beyond 0
// included at 5.00 and a 20% discount for the first 3 periods:
//
//	period number    recurring  Users 2 × 5.00   discount 20%   total
//	0, 1, 2          10.00      10.00            −4.00          16.00
//	3 and later      10.00      10.00                           20.00
//	0, 5/28 prorated 1.79       1.79             −0.72          2.86
//	0, overridden    0.00 "paused", one override line           0.00
//
// Prorated, each line is rounded once: 10.00 × 5/28 = 1.7857… → 1.79, and
// the discount is 20% of the subtotal 3.58, 0.716 → 0.72.
//
// # Invoices and credit notes
//
// Documents are computed, never stored: whether one has been issued as of
// a date follows from its IssueDate (Invoice.IsIssued). Issued documents
// never change; a correction is a new document. A credit note
// (KindCreditNote) gives money back for days of an invoice already issued
// — a downgrade, a termination now, a pause over a paid period — and names
// the invoice it credits (Invoice.Credits, a Ref). NewCreditNote builds
// one and refuses to give back more than the invoice charged. The sign of
// each line follows from its kind: discount and credit lines take money
// off, all others charge. Invoice.Validate checks every invariant: kinds,
// signs, quantities, line periods within the document's, one currency,
// totals equal to the sums, an invoice's total zero or more, a credit
// note's negative and within the period of the invoice it credits.
//
// # Text forms
//
// Money is {"amount":"29.90","currency":"EUR"}. Enums are lower-case words
// ("on_off", "graduated", "percent", "recurring", "credit_note"); dates are
// strict YYYY-MM-DD within 0001-01-01 … 9999-12-31; percentages are plain
// decimal strings ("12.5").
//
// Every decoder is strict: unknown fields, duplicate keys, values of the
// wrong type, a number with a fraction or an exponent where an integer is
// wanted, and data after the object are errors that name the field by its
// path ("lines[0].amount.amount") and wrap this package's sentinels. JSON
// null is the same as an absent field: an optional field keeps its zero or
// nil value, a required one is an error naming it. Every decoder validates
// what it decodes, so that decoding then encoding gives back the same
// value.
//
// The package never reads shopspring/decimal's package-level settings:
// decimal appears only in percentages and in FromDecimal/Money.Decimal.
package invoice
