package invoice

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Price is what one billing period of a plan costs: a recurring base price,
// the plan's features and its discounts, all in one currency.
//
// Every amount of a Price must be exact in its currency's minor unit (29.90
// EUR, not 29.905), as its text form requires; Validate checks this.
type Price struct {
	// Recurring is the base price of one whole billing period.
	Recurring Money `json:"recurring"`
	// Features are the plan's features, in the order their lines appear.
	Features []Feature `json:"features,omitempty"`
	// Discounts are the plan's discounts, applied in order.
	Discounts []Discount `json:"discounts,omitempty"`
}

// Currency returns the currency of the price: that of Recurring.
func (p Price) Currency() Currency { return p.Recurring.Currency }

// Validate returns nil if p can be billed. Otherwise it returns an error
// wrapping ErrUnknownCurrency (no currency), ErrCurrencyMismatch (an amount
// in another currency than Recurring), ErrInvalidAmount (a negative price
// or one with more minor digits than the currency has), ErrInvalidKind,
// ErrInvalidFeature, ErrNegativeQuantity, ErrInvalidTiers or
// ErrInvalidDiscount, naming the feature or discount at fault.
func (p Price) Validate() error {
	c := p.Recurring.Currency
	if c.IsZero() {
		return fmt.Errorf("%w: recurring price %s without a currency", ErrUnknownCurrency, p.Recurring.Amount.String())
	}
	if err := checkPrice("recurring price", p.Recurring, c); err != nil {
		return err
	}
	for i, f := range p.Features {
		if err := f.validate(c); err != nil {
			return fmt.Errorf("%w (feature %d %q)", err, i, f.Name)
		}
	}
	for i, d := range p.Discounts {
		if err := d.validate(c); err != nil {
			return fmt.Errorf("%w (discount %d %q)", err, i, d.Name)
		}
	}
	return nil
}

// checkPrice checks that m is a non-negative amount in c, exact in c's
// minor unit.
func checkPrice(what string, m Money, c Currency) error {
	if m.Currency != c {
		return fmt.Errorf("%w: %s in %q, price in %s", ErrCurrencyMismatch, what, m.Currency.code, c.code)
	}
	if m.IsNegative() {
		return fmt.Errorf("%w: %s %s is negative", ErrInvalidAmount, what, m.Amount.String())
	}
	if !isRounded(m) {
		return fmt.Errorf("%w: %s %s has more than %d minor digits", ErrInvalidAmount, what, m.Amount.String(), c.digits)
	}
	return nil
}

// isRounded reports whether m is exact in its currency's minor unit.
func isRounded(m Money) bool {
	return m.Amount.Exponent() >= -m.Currency.digits || m.Amount.Equal(m.Amount.Round(m.Currency.digits))
}

// Feature is a feature of a plan, after ProAbono's features: an OnOff
// feature is included or not and may cost a flat amount per period; a
// Limitation feature includes a quantity of units and charges the units
// used beyond it, at one unit price or by tiers.
//
// With 0 users included, 2 used and a unit price of 5.00, a period's
// invoice has a feature line of 2 × 5.00 = 10.00.
type Feature struct {
	// Name names the feature; it is the description of its invoice line.
	Name string `json:"name"`
	// Kind is OnOff or Limitation.
	Kind FeatureKind `json:"kind"`

	// Included reports whether an OnOff feature is part of the plan.
	Included bool `json:"included,omitempty"`
	// Flat is the price per period of an included OnOff feature; nil
	// means free.
	Flat *Money `json:"flat,omitempty"`

	// QuantityIncluded is the number of units of a Limitation feature the
	// base price includes.
	QuantityIncluded int64 `json:"quantity_included,omitempty"`
	// QuantityUsed is the number of units of a Limitation feature in use
	// (ProAbono's QuantityCurrent).
	QuantityUsed int64 `json:"quantity_used,omitempty"`
	// UnitPrice is the price of each unit of a Limitation feature beyond
	// QuantityIncluded. It must be nil when Tiers are set; with neither,
	// the units beyond are free.
	UnitPrice *Money `json:"unit_price,omitempty"`
	// Tiers price the units of a Limitation feature beyond QuantityIncluded
	// by tier, as TierMode says. Tier bounds count those units only.
	Tiers []Tier `json:"tiers,omitempty"`
	// TierMode is Graduated or Volume; required with Tiers.
	TierMode TierMode `json:"tier_mode,omitempty"`
}

// Tier is one tier of a Limitation feature's pricing. Tiers are listed in
// increasing order of UpTo and the last one has no upper bound.
type Tier struct {
	// UpTo is the last unit (counted beyond the included quantity) in the
	// tier; 0 means no upper bound, which only the last tier may have.
	UpTo int64 `json:"up_to,omitempty"`
	// UnitPrice is the price of each unit priced by the tier.
	UnitPrice Money `json:"unit_price"`
	// Flat is a fee added once when the tier is reached; nil means none.
	Flat *Money `json:"flat,omitempty"`
}

func (f Feature) validate(c Currency) error {
	switch f.Kind {
	case OnOff:
		if f.UnitPrice != nil || len(f.Tiers) > 0 || f.TierMode != 0 {
			return fmt.Errorf("%w: an on/off feature has no unit price or tiers", ErrInvalidFeature)
		}
		if f.Flat != nil {
			return checkPrice("flat price", *f.Flat, c)
		}
		return nil
	case Limitation:
	default:
		return fmt.Errorf("%w: feature kind %d", ErrInvalidKind, f.Kind)
	}
	if f.QuantityIncluded < 0 {
		return fmt.Errorf("%w: quantity included %d", ErrNegativeQuantity, f.QuantityIncluded)
	}
	if f.QuantityUsed < 0 {
		return fmt.Errorf("%w: quantity used %d", ErrNegativeQuantity, f.QuantityUsed)
	}
	if f.Flat != nil {
		return fmt.Errorf("%w: a limitation has no flat price; use a tier's flat fee", ErrInvalidFeature)
	}
	if f.UnitPrice != nil {
		if len(f.Tiers) > 0 || f.TierMode != 0 {
			return fmt.Errorf("%w: both a unit price and tiers", ErrInvalidFeature)
		}
		return checkPrice("unit price", *f.UnitPrice, c)
	}
	if len(f.Tiers) == 0 {
		if f.TierMode != 0 {
			return fmt.Errorf("%w: tier mode %s without tiers", ErrInvalidTiers, f.TierMode)
		}
		return nil
	}
	if f.TierMode != Graduated && f.TierMode != Volume {
		return fmt.Errorf("%w: tier mode %d; want graduated or volume", ErrInvalidTiers, f.TierMode)
	}
	var prev int64
	for i, t := range f.Tiers {
		last := i == len(f.Tiers)-1
		switch {
		case last && t.UpTo != 0:
			return fmt.Errorf("%w: last tier up to %d; want 0 (no upper bound)", ErrInvalidTiers, t.UpTo)
		case !last && t.UpTo <= prev:
			return fmt.Errorf("%w: tier %d up to %d after %d; want increasing positive bounds", ErrInvalidTiers, i, t.UpTo, prev)
		}
		prev = t.UpTo
		if err := checkPrice("unit price", t.UnitPrice, c); err != nil {
			return fmt.Errorf("%w (tier %d)", err, i)
		}
		if t.Flat != nil {
			if err := checkPrice("flat fee", *t.Flat, c); err != nil {
				return fmt.Errorf("%w (tier %d)", err, i)
			}
		}
	}
	return nil
}

// charge returns what a valid feature costs for one whole period: the
// quantity charged, the unit price (zero when units are priced
// differently) and the exact amount; ok is false when it costs nothing.
func (f Feature) charge() (qty int64, unit, amount decimal.Decimal, ok bool) {
	switch f.Kind {
	case OnOff:
		if f.Included && f.Flat != nil && !f.Flat.IsZero() {
			return 1, f.Flat.Amount, f.Flat.Amount, true
		}
		return 0, unit, amount, false
	case Limitation:
	default:
		return 0, unit, amount, false
	}
	q := f.QuantityUsed - f.QuantityIncluded
	if q <= 0 {
		return 0, unit, amount, false
	}
	n := decimal.NewFromInt(q)
	switch {
	case f.UnitPrice != nil:
		unit = f.UnitPrice.Amount
		amount = unit.Mul(n)
	case len(f.Tiers) == 0:
		return 0, unit, amount, false
	case f.TierMode == Volume:
		for _, t := range f.Tiers {
			if t.UpTo == 0 || q <= t.UpTo {
				unit = t.UnitPrice.Amount
				amount = unit.Mul(n)
				if t.Flat != nil {
					amount = amount.Add(t.Flat.Amount)
				}
				break
			}
		}
	default: // Graduated
		var prev int64
		reached := 0
		for _, t := range f.Tiers {
			if q <= prev {
				break
			}
			hi := q
			if t.UpTo != 0 && t.UpTo < q {
				hi = t.UpTo
			}
			amount = amount.Add(t.UnitPrice.Amount.Mul(decimal.NewFromInt(hi - prev)))
			if t.Flat != nil {
				amount = amount.Add(t.Flat.Amount)
			}
			if reached == 0 && t.Flat == nil {
				unit = t.UnitPrice.Amount
			} else {
				unit = decimal.Zero
			}
			reached++
			prev = t.UpTo
		}
	}
	if amount.IsZero() {
		return 0, unit, amount, false
	}
	return q, unit, amount, true
}

// Discount takes a percentage or a fixed amount off the invoices of the
// first Periods billing periods, or of every period when Periods is 0.
// Discounts never take an invoice's total below zero.
//
// Its JSON form is {"name":…,"kind":"percent","percent":"20","periods":3}
// or {"name":…,"kind":"fixed","amount":{"amount":"5.00","currency":"EUR"}};
// the percentage is a string, exactly as given.
type Discount struct {
	// Name names the discount; it is the description of its invoice line.
	Name string
	// Kind is Percent or Fixed.
	Kind DiscountKind
	// Percent is the percentage taken off a Percent discount: 0 < p ≤ 100.
	Percent decimal.Decimal
	// Amount is the amount taken off a Fixed discount, positive and in
	// the price's currency.
	Amount Money
	// Periods is the number of billing periods the discount applies to,
	// periods 0 to Periods − 1; 0 means every period.
	Periods int
}

// AppliesTo reports whether d applies to the billing period with the
// given number (0 for the first).
func (d Discount) AppliesTo(number int) bool {
	return number >= 0 && (d.Periods == 0 || number < d.Periods)
}

var hundred = decimal.NewFromInt(100)

func (d Discount) validate(c Currency) error {
	if d.Periods < 0 {
		return fmt.Errorf("%w: %d periods", ErrInvalidDiscount, d.Periods)
	}
	switch d.Kind {
	case Percent:
		if d.Percent.Sign() <= 0 || d.Percent.GreaterThan(hundred) {
			return fmt.Errorf("%w: %s%% is not in (0, 100]", ErrInvalidDiscount, d.Percent.String())
		}
		return nil
	case Fixed:
		if err := checkPrice("fixed discount", d.Amount, c); err != nil {
			return err
		}
		if d.Amount.IsZero() {
			return fmt.Errorf("%w: fixed discount of zero", ErrInvalidDiscount)
		}
		return nil
	}
	return fmt.Errorf("%w: discount kind %d", ErrInvalidKind, d.Kind)
}

type discountJSON struct {
	Name    string       `json:"name"`
	Kind    DiscountKind `json:"kind"`
	Percent string       `json:"percent,omitempty"`
	Amount  *Money       `json:"amount,omitempty"`
	Periods int          `json:"periods,omitempty"`
}

// MarshalJSON encodes d with the field of its kind only: "percent" as a
// decimal string for Percent, "amount" as money for Fixed.
func (d Discount) MarshalJSON() ([]byte, error) {
	raw := discountJSON{Name: d.Name, Kind: d.Kind, Periods: d.Periods}
	switch d.Kind {
	case Percent:
		raw.Percent = d.Percent.String()
	case Fixed:
		raw.Amount = &d.Amount
	}
	return json.Marshal(raw)
}

// UnmarshalJSON decodes d from its JSON form (see Discount). The
// percentage must be a plain decimal string such as "20" or "12.5";
// otherwise the error wraps ErrInvalidDiscount. Use Price.Validate to check
// the ranges.
func (d *Discount) UnmarshalJSON(data []byte) error {
	var raw discountJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("invoice: decoding discount: %w", err)
	}
	v := Discount{Name: raw.Name, Kind: raw.Kind, Periods: raw.Periods}
	if raw.Percent != "" {
		if len(raw.Percent) > 64 || !exactDecimal.MatchString(raw.Percent) {
			return fmt.Errorf("%w: percent %q: want a plain decimal such as 20 or 12.5", ErrInvalidDiscount, raw.Percent)
		}
		p, err := decimal.NewFromString(raw.Percent)
		if err != nil {
			return fmt.Errorf("%w: percent %q: %v", ErrInvalidDiscount, raw.Percent, err)
		}
		v.Percent = p
	}
	if raw.Amount != nil {
		v.Amount = *raw.Amount
	}
	*d = v
	return nil
}

// Equal reports whether d and o are the same discount, comparing the
// percentage and the amount by value.
func (d Discount) Equal(o Discount) bool {
	return d.Name == o.Name && d.Kind == o.Kind && d.Percent.Equal(o.Percent) &&
		d.Amount.Equal(o.Amount) && d.Periods == o.Periods
}

// Equal reports whether p and o are the same price, comparing amounts by
// value (5 and 5.00 are equal).
func (p Price) Equal(o Price) bool {
	if !p.Recurring.Equal(o.Recurring) || len(p.Features) != len(o.Features) || len(p.Discounts) != len(o.Discounts) {
		return false
	}
	for i := range p.Features {
		if !p.Features[i].Equal(o.Features[i]) {
			return false
		}
	}
	for i := range p.Discounts {
		if !p.Discounts[i].Equal(o.Discounts[i]) {
			return false
		}
	}
	return true
}

// Equal reports whether f and o are the same feature, comparing amounts by
// value.
func (f Feature) Equal(o Feature) bool {
	if f.Name != o.Name || f.Kind != o.Kind || f.Included != o.Included ||
		f.QuantityIncluded != o.QuantityIncluded || f.QuantityUsed != o.QuantityUsed ||
		f.TierMode != o.TierMode || len(f.Tiers) != len(o.Tiers) ||
		!equalPtr(f.Flat, o.Flat) || !equalPtr(f.UnitPrice, o.UnitPrice) {
		return false
	}
	for i := range f.Tiers {
		a, b := f.Tiers[i], o.Tiers[i]
		if a.UpTo != b.UpTo || !a.UnitPrice.Equal(b.UnitPrice) || !equalPtr(a.Flat, b.Flat) {
			return false
		}
	}
	return true
}

func equalPtr(a, b *Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// Percent returns p percent of m, rounded to the minor unit half away from
// zero: 20 percent of 29.90 EUR is 5.98 EUR, and 12.5 percent of 0.10 EUR
// is 0.01 EUR (0.0125 rounded).
func (m Money) Percent(p decimal.Decimal) Money {
	// Dividing by 100 is exact: a shift of the decimal point.
	return Money{Amount: roundHalfAway(m.Amount.Mul(p).Shift(-2), m.Currency.digits), Currency: m.Currency}
}

// blank reports whether s has no text other than white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
