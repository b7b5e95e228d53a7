package invoice

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// This file holds Build's fast path: the same computation as buildDecimal
// in int64 counts of minor units, which allocates a handful of values
// instead of dozens. It gives up (ok false) whenever an amount is not a
// whole number of minor units below maxUnits or an intermediate result
// would overflow, and Build then takes the decimal path. A property test
// checks that both paths agree.

// maxUnits bounds the amounts the fast path takes: 10^15 minor units, ten
// trillion euros.
const maxUnits = 1_000_000_000_000_000

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// minorUnits returns d in minor units of a currency with the given digits,
// and false if it is not a whole number of them or is maxUnits or more.
func minorUnits(d decimal.Decimal, digits int32) (int64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	v := d.CoefficientInt64()
	if v == 0 {
		return 0, true
	}
	switch e := d.Exponent() + digits; {
	case e > 0:
		if e > 15 {
			return 0, false
		}
		var ok bool
		if v, ok = mul(v, pow10[e]); !ok {
			return 0, false
		}
	case e < 0:
		if e < -18 || v%pow10[-e] != 0 {
			return 0, false
		}
		v /= pow10[-e]
	}
	if v >= maxUnits || v <= -maxUnits {
		return 0, false
	}
	return v, true
}

// mul returns a × b for non-negative a and b, and false on overflow.
func mul(a, b int64) (int64, bool) {
	if a < 0 || b < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}

// add returns a + b for non-negative a and b, and false on overflow.
func add(a, b int64) (int64, bool) {
	if a < 0 || b < 0 || a > math.MaxInt64-b {
		return 0, false
	}
	return a + b, true
}

// ratio returns x × num / den rounded half away from zero, for x ≥ 0 and
// 0 ≤ num ≤ den, den ≥ 1, and false on overflow.
func ratio(x, num, den int64) (int64, bool) {
	if num == den {
		return x, true
	}
	p, ok := mul(x, num)
	if !ok {
		return 0, false
	}
	q, r := p/den, p%den
	if r >= den-r {
		q++
	}
	return q, true
}

// chargeMinor is Feature.charge in minor units: the exact amount of a
// valid feature for a whole period, and the unit price (nil when units are
// priced differently).
func (f Feature) chargeMinor(digits int32) (qty int64, unit *Money, amount int64, costs, ok bool) {
	units := func(m Money) (int64, bool) { return minorUnits(m.Amount, digits) }
	switch f.Kind {
	case OnOff:
		if !f.Included || f.Flat == nil || f.Flat.IsZero() {
			return 0, nil, 0, false, true
		}
		a, ok := units(*f.Flat)
		return 1, f.Flat, a, true, ok
	case Limitation:
	default:
		return 0, nil, 0, false, true
	}
	q := f.QuantityUsed - f.QuantityIncluded
	if q <= 0 {
		return 0, nil, 0, false, true
	}
	switch {
	case f.UnitPrice != nil:
		u, ok := units(*f.UnitPrice)
		if !ok {
			return 0, nil, 0, false, false
		}
		if amount, ok = mul(u, q); !ok {
			return 0, nil, 0, false, false
		}
		unit = f.UnitPrice
	case len(f.Tiers) == 0:
		return 0, nil, 0, false, true
	case f.TierMode == Volume:
		for i := range f.Tiers {
			t := &f.Tiers[i]
			if t.UpTo != 0 && q > t.UpTo {
				continue
			}
			u, ok := units(t.UnitPrice)
			if !ok {
				return 0, nil, 0, false, false
			}
			if amount, ok = mul(u, q); !ok {
				return 0, nil, 0, false, false
			}
			if t.Flat != nil {
				fl, ok1 := units(*t.Flat)
				var ok2 bool
				amount, ok2 = add(amount, fl)
				if !ok1 || !ok2 {
					return 0, nil, 0, false, false
				}
			}
			unit = &t.UnitPrice
			break
		}
	default: // Graduated
		var prev int64
		for i := range f.Tiers {
			t := &f.Tiers[i]
			if q <= prev {
				break
			}
			hi := q
			if t.UpTo != 0 && t.UpTo < q {
				hi = t.UpTo
			}
			u, ok1 := units(t.UnitPrice)
			part, ok2 := mul(u, hi-prev)
			var ok3 bool
			amount, ok3 = add(amount, part)
			if !ok1 || !ok2 || !ok3 {
				return 0, nil, 0, false, false
			}
			if t.Flat != nil {
				fl, ok1 := units(*t.Flat)
				var ok2 bool
				amount, ok2 = add(amount, fl)
				if !ok1 || !ok2 {
					return 0, nil, 0, false, false
				}
			}
			if i == 0 && t.Flat == nil {
				unit = &t.UnitPrice
			} else {
				unit = nil
			}
			prev = t.UpTo
		}
	}
	if amount == 0 {
		return 0, nil, 0, false, true
	}
	return q, unit, amount, true, true
}

// percentMinor returns p percent of x minor units (x ≥ 0, 0 < p ≤ 100),
// rounded half away from zero, and false if it cannot be computed exactly
// in int64.
func percentMinor(x int64, p decimal.Decimal) (int64, bool) {
	if p.NumDigits() > 18 {
		return 0, false
	}
	v, ok := mul(x, p.CoefficientInt64())
	if !ok {
		return 0, false
	}
	switch e := p.Exponent() - 2; { // x × v × 10^e
	case e > 0:
		if e > 18 {
			return 0, false
		}
		return mul(v, pow10[e])
	case e < 0:
		if e < -18 {
			return 0, false
		}
		return ratio(v, 1, pow10[-e])
	}
	return v, true
}

// buildMinor builds the invoice of a valid spec in minor units, and
// returns false when an amount is out of its range (see maxUnits).
func buildMinor(s Spec) (Invoice, bool) {
	c := s.Price.Recurring.Currency
	digits := c.digits
	money := func(units int64) Money { return Money{Amount: decimal.New(units, -digits), Currency: c} }
	inv := Invoice{
		IssueDate: s.IssueDate, Period: s.Period, Buyer: s.Buyer, Beneficiary: s.Beneficiary,
		Currency: c,
	}
	n := 1 + len(s.Fees)
	if s.Override == nil {
		n += len(s.Price.Features) + len(s.Price.Discounts)
	}
	inv.Lines = make([]Line, 0, n)
	var sub, disc int64
	if o := s.Override; o != nil {
		a, ok := minorUnits(o.Amount.Amount, digits)
		if !ok {
			return Invoice{}, false
		}
		sub = a
		inv.Lines = append(inv.Lines, Line{Kind: LineOverride, Description: o.Reason, Period: s.Period, Quantity: 1, UnitPrice: o.Amount, Amount: o.Amount})
	} else {
		kind, desc, num, den := s.mainLine()
		rec := s.Price.Recurring
		r, ok := minorUnits(rec.Amount, digits)
		if !ok {
			return Invoice{}, false
		}
		amount := rec // rounded: Validate checked it
		if num != den {
			if r, ok = ratio(r, num, den); !ok {
				return Invoice{}, false
			}
			amount = money(r)
		}
		sub = r
		inv.Lines = append(inv.Lines, Line{Kind: kind, Description: desc, Period: s.Period, Quantity: 1, UnitPrice: rec, Amount: amount})
		for _, f := range s.Price.Features {
			qty, unit, a, costs, ok := f.chargeMinor(digits)
			if !ok {
				return Invoice{}, false
			}
			if !costs {
				continue
			}
			if a, ok = ratio(a, num, den); !ok {
				return Invoice{}, false
			}
			if sub, ok = add(sub, a); !ok {
				return Invoice{}, false
			}
			u := Zero(c)
			if unit != nil {
				u = *unit
			}
			inv.Lines = append(inv.Lines, Line{Kind: LineFeature, Description: f.Name, Period: s.Period, Quantity: qty, UnitPrice: u, Amount: money(a)})
		}
		left := sub
		for _, d := range s.Price.Discounts {
			if !d.AppliesTo(s.Number) || left <= 0 {
				continue
			}
			var off int64
			if d.Kind == Percent {
				off, ok = percentMinor(sub, d.Percent)
			} else {
				off, ok = minorUnits(d.Amount.Amount, digits)
			}
			if !ok {
				return Invoice{}, false
			}
			off = min(off, left)
			if off <= 0 {
				continue
			}
			left -= off
			disc -= off
			m := money(-off)
			inv.Lines = append(inv.Lines, Line{Kind: LineDiscount, Description: d.Name, Period: s.Period, Quantity: 1, UnitPrice: m, Amount: m})
		}
	}
	for _, l := range s.Fees {
		a, ok1 := minorUnits(l.Amount.Amount, digits)
		var ok2 bool
		sub, ok2 = add(sub, a)
		if !ok1 || !ok2 {
			return Invoice{}, false
		}
		inv.Lines = append(inv.Lines, s.fee(l))
	}
	if sub >= maxUnits {
		return Invoice{}, false
	}
	inv.Subtotal = money(sub)
	inv.Discount = money(disc)
	inv.Total = money(sub + disc)
	return inv, true
}
