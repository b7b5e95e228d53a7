package invoice

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Discount takes a percentage or a fixed amount off the invoices of the
// first Periods billing periods, or of every period when Periods is 0.
// Discounts never take an invoice's total below zero.
type Discount struct {
	// Name names the discount; it is the description of its invoice line.
	Name string
	// Kind is Percent or Fixed.
	Kind DiscountKind
	// Percent is the percentage taken off a Percent discount: more than 0
	// and at most 100 (see CheckPercent); zero for a Fixed discount.
	Percent decimal.Decimal
	// Amount is the amount taken off a Fixed discount, positive and in
	// the price's currency; the zero Money for a Percent discount.
	Amount Money
	// Periods is the number of billing periods the discount applies to,
	// periods 0 to Periods − 1; 0 means every period. At most
	// MaxDiscountPeriods.
	Periods int
}

// AppliesTo reports whether d applies to the billing period with the
// given number (0 for the first).
func (d Discount) AppliesTo(number int) bool {
	return number >= 0 && (d.Periods == 0 || number < d.Periods)
}

// validate checks d; c is the price's currency, or 0 to check d alone.
func (d Discount) validate(c Currency) error {
	if d.Periods < 0 || d.Periods > MaxDiscountPeriods {
		return fmt.Errorf("%w: %d periods: want 0 (every period) to %d", ErrInvalidDiscount, d.Periods, MaxDiscountPeriods)
	}
	switch d.Kind {
	case Percent:
		if err := CheckPercent(d.Percent); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidDiscount, err)
		}
		if d.Amount != (Money{}) {
			return fmt.Errorf("%w: a percent discount has no amount, got %s", ErrInvalidDiscount, d.Amount)
		}
		return nil
	case Fixed:
		if !d.Percent.IsZero() {
			return fmt.Errorf("%w: a fixed discount has no percentage, got %s", ErrInvalidDiscount, decimalText(d.Percent))
		}
		if c == 0 {
			c = d.Amount.cur
		}
		if err := checkPrice("fixed discount", d.Amount, c); err != nil {
			return err
		}
		if d.Amount.IsZero() {
			return fmt.Errorf("%w: fixed discount of %s", ErrInvalidDiscount, d.Amount)
		}
		return nil
	}
	return fmt.Errorf("%w: %s", ErrInvalidKind, d.Kind)
}

// Equal reports whether d and o are the same discount, comparing the
// percentages by value (12.5 and 12.50 are equal).
func (d Discount) Equal(o Discount) bool {
	return d.Name == o.Name && d.Kind == o.Kind && d.Percent.Equal(o.Percent) &&
		d.Amount == o.Amount && d.Periods == o.Periods
}

// Equal reports whether p and o are the same price.
func (p Price) Equal(o Price) bool {
	if p.Recurring != o.Recurring || len(p.Features) != len(o.Features) || len(p.Discounts) != len(o.Discounts) {
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

// Equal reports whether f and o are the same feature, comparing the money
// that pointers point to.
func (f Feature) Equal(o Feature) bool {
	if f.Name != o.Name || f.Kind != o.Kind || f.Included != o.Included ||
		f.QuantityIncluded != o.QuantityIncluded || f.QuantityCurrent != o.QuantityCurrent ||
		f.TierMode != o.TierMode || len(f.Tiers) != len(o.Tiers) ||
		!equalPtr(f.Flat, o.Flat) || !equalPtr(f.UnitPrice, o.UnitPrice) {
		return false
	}
	for i := range f.Tiers {
		a, b := f.Tiers[i], o.Tiers[i]
		if a.UpTo != b.UpTo || a.UnitPrice != b.UnitPrice || !equalPtr(a.Flat, b.Flat) {
			return false
		}
	}
	return true
}

func equalPtr(a, b *Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
