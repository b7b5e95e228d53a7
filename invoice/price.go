package invoice

import (
	"fmt"
)

// MaxQuantity bounds every quantity and tier bound: 10^15 units.
const MaxQuantity int64 = 1_000_000_000_000_000

// MaxDiscountPeriods bounds Discount.Periods: 100,000 billing periods.
const MaxDiscountPeriods = 100_000

// Price is what one billing period of a plan costs: a recurring base price,
// the plan's features and its discounts, all in one currency.
type Price struct {
	// Recurring is the base price of one whole billing period, zero or
	// more; its currency is the price's.
	Recurring Money
	// Features are the plan's features, in the order their lines appear.
	Features []Feature
	// Discounts are the plan's discounts, applied in order.
	Discounts []Discount
}

// Currency returns the currency of the price: that of Recurring.
func (p Price) Currency() Currency { return p.Recurring.cur }

// Validate returns nil if p can be billed. Otherwise it returns an error
// wrapping ErrUnknownCurrency (no currency), ErrCurrencyMismatch (an amount
// in another currency than Recurring), ErrInvalidAmount (a negative price),
// ErrInvalidKind, ErrInvalidFeature, ErrInvalidQuantity, ErrInvalidTiers
// or ErrInvalidDiscount, naming the feature or discount at fault.
func (p Price) Validate() error {
	c := p.Recurring.cur
	if !c.Valid() {
		return fmt.Errorf("%w: recurring price of %d minor units without a currency", ErrUnknownCurrency, p.Recurring.minor)
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
	return p.checkSum(c)
}

// checkSum checks that a whole period at p, its features in use
// included, costs no more than MaxMinor: every invoice of p can be built.
func (p Price) checkSum(c Currency) error {
	total := sum{m: p.Recurring}
	for i, f := range p.Features {
		_, _, a, costs, err := f.charge(c)
		if err != nil {
			return fmt.Errorf("%w (feature %d %q)", err, i, f.Name)
		}
		if costs {
			total.add(a)
		}
	}
	if total.err != nil {
		return fmt.Errorf("%w: a whole period at this price costs more than %d minor units", ErrOutOfRange, MaxMinor)
	}
	return nil
}

// checkPrice checks that m is a non-negative amount in c.
func checkPrice(what string, m Money, c Currency) error {
	if m.cur != c {
		return fmt.Errorf("%w: %s %s, price in %s", ErrCurrencyMismatch, what, m, c)
	}
	if m.minor < 0 {
		return fmt.Errorf("%w: %s %s is negative", ErrInvalidAmount, what, m)
	}
	return nil
}

// checkQuantity checks that 0 ≤ n ≤ MaxQuantity.
func checkQuantity(what string, n int64) error {
	if n < 0 || n > MaxQuantity {
		return fmt.Errorf("%w: %s %d: want 0 to %d", ErrInvalidQuantity, what, n, MaxQuantity)
	}
	return nil
}

// Feature is a feature of a plan, after ProAbono's features: an OnOff
// feature is included or not and may cost a flat amount per period; a
// Limitation feature includes a quantity of units and charges the units
// in use beyond it, at one unit price or by tiers.
//
// With 0 users included, 2 in use and a unit price of 5.00, a period's
// invoice has a feature line of 2 × 5.00 = 10.00.
type Feature struct {
	// Name names the feature; it is the description of its invoice line.
	Name string
	// Kind is OnOff or Limitation.
	Kind FeatureKind

	// Included reports whether an OnOff feature is part of the plan.
	Included bool
	// Flat is the price per period of an included OnOff feature; nil
	// means free.
	Flat *Money

	// QuantityIncluded is the number of units of a Limitation feature the
	// base price includes, 0 to MaxQuantity.
	QuantityIncluded int64
	// QuantityCurrent is the number of units of a Limitation feature in
	// use, 0 to MaxQuantity (ProAbono's QuantityCurrent).
	QuantityCurrent int64
	// UnitPrice is the price of each unit of a Limitation feature beyond
	// QuantityIncluded. It must be nil when Tiers are set; with neither,
	// the units beyond are free.
	UnitPrice *Money
	// Tiers price the units of a Limitation feature beyond QuantityIncluded
	// by tier, as TierMode says. Tier bounds count those units only.
	Tiers []Tier
	// TierMode is Graduated or Volume; required with Tiers.
	TierMode TierMode
}

// Tier is one tier of a Limitation feature's pricing. Tiers are listed in
// increasing order of UpTo and the last one has no upper bound.
type Tier struct {
	// UpTo is the last unit (counted beyond the included quantity) in the
	// tier, 1 to MaxQuantity; 0 means no upper bound, which only the last
	// tier may have.
	UpTo int64
	// UnitPrice is the price of each unit priced by the tier.
	UnitPrice Money
	// Flat is a fee added once when the tier is reached; nil means none.
	Flat *Money
}

func (f Feature) validate(c Currency) error {
	switch f.Kind {
	case OnOff:
		if f.UnitPrice != nil || len(f.Tiers) > 0 || f.TierMode != 0 || f.QuantityIncluded != 0 || f.QuantityCurrent != 0 {
			return fmt.Errorf("%w: an on/off feature has no quantities, unit price or tiers", ErrInvalidFeature)
		}
		if f.Flat != nil {
			return checkPrice("flat price", *f.Flat, c)
		}
		return nil
	case Limitation:
	default:
		return fmt.Errorf("%w: %s", ErrInvalidKind, f.Kind)
	}
	if f.Included || f.Flat != nil {
		return fmt.Errorf("%w: a limitation is not included and has no flat price; use a tier's flat fee", ErrInvalidFeature)
	}
	if err := checkQuantity("quantity included", f.QuantityIncluded); err != nil {
		return err
	}
	if err := checkQuantity("quantity current", f.QuantityCurrent); err != nil {
		return err
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
	if !f.TierMode.Valid() {
		return fmt.Errorf("%w: %s; want graduated or volume", ErrInvalidTiers, f.TierMode)
	}
	var prev int64
	for i, t := range f.Tiers {
		if last := i == len(f.Tiers)-1; last {
			if t.UpTo != 0 {
				return fmt.Errorf("%w: last tier up to %d; want 0 (no upper bound)", ErrInvalidTiers, t.UpTo)
			}
		} else if t.UpTo <= prev || t.UpTo > MaxQuantity {
			return fmt.Errorf("%w: tier %d up to %d after %d; want increasing bounds from 1 to %d", ErrInvalidTiers, i, t.UpTo, prev, MaxQuantity)
		}
		prev = t.UpTo
		if err := t.validate(c); err != nil {
			return fmt.Errorf("%w (tier %d)", err, i)
		}
	}
	return nil
}

func (t Tier) validate(c Currency) error {
	if err := checkPrice("unit price", t.UnitPrice, c); err != nil {
		return err
	}
	if t.Flat != nil {
		return checkPrice("flat fee", *t.Flat, c)
	}
	return nil
}

// charge returns what a valid feature costs for one whole period, in c:
// the quantity charged, the unit price (zero when the units are priced
// differently, as with graduated tiers) and the amount; costs is false
// when it costs nothing. Each pricing rule is written here once: the
// amount is count × unit price, tier by tier, plus flat fees.
func (f Feature) charge(c Currency) (qty int64, unit, amount Money, costs bool, err error) {
	unit, amount = Zero(c), Zero(c)
	if f.Kind == OnOff {
		if f.Included && f.Flat != nil && !f.Flat.IsZero() {
			return 1, *f.Flat, *f.Flat, true, nil
		}
		return 0, unit, amount, false, nil
	}
	q := f.QuantityCurrent - f.QuantityIncluded
	if q <= 0 {
		return 0, unit, amount, false, nil
	}
	acc := sum{m: amount}
	if f.UnitPrice != nil {
		unit = *f.UnitPrice
		acc.addProduct(unit, q)
	} else {
		unit = f.tiers(q, &acc)
	}
	if acc.err != nil {
		return 0, Money{}, Money{}, false, fmt.Errorf("%w (feature %q, %d units)", acc.err, f.Name, q)
	}
	if acc.m.IsZero() {
		return 0, Zero(c), acc.m, false, nil
	}
	return q, unit, acc.m, true, nil
}

// tiers adds to acc what the tiers of a valid feature charge for q units,
// and returns the unit price to show: the tier's for Volume, the first
// tier's for Graduated while only it is reached without a flat fee, zero
// otherwise.
func (f Feature) tiers(q int64, acc *sum) Money {
	unit := Zero(acc.m.cur)
	if f.TierMode == Volume {
		for _, t := range f.Tiers {
			if t.UpTo == 0 || q <= t.UpTo {
				acc.addProduct(t.UnitPrice, q)
				acc.addPtr(t.Flat)
				return t.UnitPrice
			}
		}
		return unit // unreachable for valid tiers: the last is unbounded
	}
	var prev int64
	for i, t := range f.Tiers {
		if q <= prev {
			break
		}
		hi := q
		if t.UpTo != 0 {
			hi = min(q, t.UpTo)
		}
		acc.addProduct(t.UnitPrice, hi-prev)
		acc.addPtr(t.Flat)
		unit = Zero(acc.m.cur)
		if i == 0 && t.Flat == nil {
			unit = t.UnitPrice
		}
		prev = t.UpTo
	}
	return unit
}

// sum adds up money and keeps the first error.
type sum struct {
	m   Money
	err error
}

func (s *sum) add(m Money) {
	if s.err == nil {
		s.m, s.err = s.m.Add(m)
	}
}

func (s *sum) addPtr(m *Money) {
	if m != nil {
		s.add(*m)
	}
}

func (s *sum) addProduct(unit Money, n int64) {
	if s.err != nil {
		return
	}
	p, err := unit.Mul(n)
	if err != nil {
		s.err = err
		return
	}
	s.add(p)
}
