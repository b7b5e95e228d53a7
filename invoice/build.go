package invoice

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Spec describes the invoice of one billing period: the price, the period,
// its number among the subscription's billed periods, and what changes the
// usual amount (a proration, an override, extra fees).
type Spec struct {
	// Price is the plan's price for one whole period.
	Price Price
	// Period is the billing period covered; it must hold at least one day.
	Period period.Period
	// Number is the index of this period among the subscription's billed
	// periods, 0 for the first; discounts for the first N periods apply to
	// numbers 0 to N − 1.
	Number int
	// IssueDate is the day the invoice is issued.
	IssueDate date.Date
	// Buyer is an opaque reference to who pays; empty when the same as the
	// Beneficiary.
	Buyer string
	// Beneficiary is an opaque reference to who uses the subscription.
	Beneficiary string
	// Kind is the kind of the main line: LineRecurring (also when 0),
	// LineRenewal or LineExtension. A Proration makes it LineProration.
	Kind LineKind
	// Proration bills only this fraction of the period: the main line and
	// the feature lines are multiplied by Num/Den and rounded once each.
	// nil, or a whole fraction, bills the whole period.
	Proration *period.Fraction
	// Override, if set, replaces the computed lines with one line of its
	// amount.
	Override *Override
	// Fees are extra lines added after the others, such as a freeze fee.
	// Their amounts must be zero or more and in the price's currency. A
	// zero Kind becomes LineFee, a zero Period the invoice's period, a zero
	// Quantity 1 and a unit price without a currency the line's Amount.
	Fees []Line
}

// Override is an amount a caller sets for an invoice instead of the
// computed one, such as 0.00 for a period mostly paused, with the reason.
type Override struct {
	// Amount is the amount due instead: zero or more, in the price's
	// currency.
	Amount Money
	// Reason says why; it is required and becomes the line's description.
	Reason string
}

// MarshalJSON encodes o as {"amount":{…},"reason":"paused"}.
func (o Override) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Value("amount", o.Amount)
	w.String("reason", o.Reason)
	return w.Bytes()
}

// UnmarshalJSON decodes o from the form MarshalJSON writes, both fields
// required, and checks it: a blank reason is an error wrapping
// ErrOverrideReason, a negative amount one wrapping ErrInvalidAmount.
// Structural errors wrap ErrInvalidSpec.
func (o *Override) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, o, ErrInvalidSpec, func(v Override) error { return v.validate(v.Amount.cur) }, func(v *Override) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("amount", &v.Amount).Required(),
			jsonx.String("reason", &v.Reason).Required(),
		}
	})
}

func (o Override) validate(c Currency) error {
	if strings.TrimSpace(o.Reason) == "" {
		return fmt.Errorf("%w: override to %s has reason %q", ErrOverrideReason, o.Amount, o.Reason)
	}
	return checkPrice("override", o.Amount, c)
}

// Build computes the invoice s describes, of kind KindInvoice. Its lines
// are, in order:
//
//   - the main line: quantity 1, unit price Price.Recurring, amount
//     Recurring, of kind s.Kind; with a Proration, of kind LineProration
//     and amount Recurring × Num/Den rounded once, half away from zero;
//   - one line per feature that costs something: an included OnOff feature
//     with a flat price, or a Limitation feature with units in use beyond
//     the included quantity, priced by unit price or tiers (prorated like
//     the main line);
//   - one line per discount that applies to s.Number, negative: a
//     percentage of the sum of the lines above, rounded half away from
//     zero, or a fixed amount; each is capped so that the total stays at
//     or above zero, and a discount capped to nothing gets no line;
//   - the fees, as given.
//
// With an Override, the main, feature and discount lines are replaced by a
// single LineOverride line of the override's amount, described by its
// reason; the fees follow it. In every case Total is the sum of the lines.
// All arithmetic is in int64 minor units; only percentages use a ratio.
//
// Build returns an error, and never panics, for an invalid price (see
// Price.Validate), a period that is invalid (period.ErrInvalidRange,
// period.ErrInvalidDate) or empty (period.ErrEmptyPeriod), an issue date
// out of bounds (period.ErrInvalidDate), a negative Number or a main line
// kind other than recurring, renewal and extension (ErrInvalidSpec), an
// invalid fraction (ErrInvalidProration), an override without a reason
// (ErrOverrideReason) or with a negative or foreign amount
// (ErrInvalidAmount, ErrCurrencyMismatch), such a fee or one outside the
// period (ErrInvalidSpec), and amounts whose sums leave ±MaxMinor
// (ErrOutOfRange).
func Build(s Spec) (Invoice, error) {
	if err := s.validate(); err != nil {
		return Invoice{}, err
	}
	c := s.Price.Recurring.cur
	inv := Invoice{
		Kind: KindInvoice, IssueDate: s.IssueDate, Period: s.Period,
		Buyer: s.Buyer, Beneficiary: s.Beneficiary, Currency: c,
	}
	n := 1 + len(s.Fees)
	if s.Override == nil {
		n += len(s.Price.Features) + len(s.Price.Discounts)
	}
	inv.Lines = make([]Line, 0, n)
	line := func(kind LineKind, desc string, qty int64, unit, amount Money) {
		inv.Lines = append(inv.Lines, Line{Kind: kind, Description: desc, Period: s.Period, Quantity: qty, UnitPrice: unit, Amount: amount})
	}
	sub, disc := sum{m: Zero(c)}, sum{m: Zero(c)}
	if o := s.Override; o != nil {
		line(LineOverride, o.Reason, 1, o.Amount, o.Amount)
		sub.add(o.Amount)
	} else {
		kind, desc, num, den := s.mainLine()
		rec := s.Price.Recurring
		amount, err := rec.MulRatio(num, den)
		if err != nil {
			return Invoice{}, err
		}
		line(kind, desc, 1, rec, amount)
		sub.add(amount)
		for _, f := range s.Price.Features {
			qty, unit, a, costs, err := f.charge(c)
			if err == nil && costs {
				a, err = a.MulRatio(num, den)
				line(LineFeature, f.Name, qty, unit, a)
				sub.add(a)
			}
			if err != nil {
				return Invoice{}, err
			}
		}
		if err := s.discount(&sub, &disc, line); err != nil {
			return Invoice{}, err
		}
	}
	for _, l := range s.Fees {
		l = s.fee(l)
		inv.Lines = append(inv.Lines, l)
		sub.add(l.Amount)
	}
	if sub.err != nil {
		return Invoice{}, sub.err
	}
	inv.Subtotal, inv.Discount = sub.m, disc.m
	inv.Total = Money{sub.m.minor + disc.m.minor, c} // 0 ≤ total ≤ subtotal: discounts are capped
	return inv, nil
}

// discount adds the discount lines of s that apply to its number, each
// capped at what is left to pay, to disc.
func (s *Spec) discount(sub, disc *sum, line func(LineKind, string, int64, Money, Money)) error {
	if sub.err != nil {
		return sub.err
	}
	base, left := sub.m, sub.m.minor
	for _, d := range s.Price.Discounts {
		if !d.AppliesTo(s.Number) || left <= 0 {
			continue
		}
		off := d.Amount
		if d.Kind == Percent {
			var err error
			if off, err = base.Percent(d.Percent); err != nil {
				return err
			}
		}
		off.minor = min(off.minor, left)
		if off.minor <= 0 {
			continue
		}
		left -= off.minor
		line(LineDiscount, d.Name, 1, off.Neg(), off.Neg())
		disc.add(off.Neg())
	}
	return nil
}

// mainLine returns the kind, description and proration ratio of the main
// line of a valid spec.
func (s *Spec) mainLine() (kind LineKind, desc string, num, den int64) {
	kind = s.Kind
	if kind == 0 {
		kind = LineRecurring
	}
	if f := s.Proration; f != nil && !f.IsWhole() {
		return LineProration, "proration " + strconv.Itoa(f.Num) + "/" + strconv.Itoa(f.Den), int64(f.Num), int64(f.Den)
	}
	return kind, kind.String(), 1, 1
}

// fee returns fee line l with its defaults filled in (see Spec.Fees).
func (s *Spec) fee(l Line) Line {
	if l.Kind == 0 {
		l.Kind = LineFee
	}
	if l.Period == (period.Period{}) {
		l.Period = s.Period
	}
	if l.Quantity == 0 {
		l.Quantity = 1
	}
	if !l.UnitPrice.cur.Valid() {
		l.UnitPrice = l.Amount
	}
	return l
}

func (s *Spec) validate() error {
	if err := s.Price.Validate(); err != nil {
		return err
	}
	if err := checkDocument("invoice", s.IssueDate, s.Period); err != nil {
		return err
	}
	if s.Number < 0 {
		return fmt.Errorf("%w: period number %d is negative", ErrInvalidSpec, s.Number)
	}
	switch s.Kind {
	case 0, LineRecurring, LineRenewal, LineExtension:
	default:
		return fmt.Errorf("%w: main line kind %s; want recurring, renewal or extension", ErrInvalidSpec, s.Kind)
	}
	if f := s.Proration; f != nil {
		if err := f.Validate(); err != nil {
			return fmt.Errorf("%w: fraction %s: want a denominator of at least 1 and a numerator from 0 to it", ErrInvalidProration, f)
		}
	}
	c := s.Price.Recurring.cur
	if o := s.Override; o != nil {
		if err := o.validate(c); err != nil {
			return err
		}
	}
	for i, l := range s.Fees {
		if l.Kind.Credits() || (l.Kind != 0 && !l.Kind.Valid()) {
			return fmt.Errorf("%w: fee %d %q of kind %s", ErrInvalidSpec, i, l.Description, l.Kind)
		}
		l = s.fee(l)
		if err := l.Validate(); err != nil {
			return fmt.Errorf("%w (fee %d)", err, i)
		}
		if l.Amount.cur != c {
			return fmt.Errorf("%w: fee %d %q of %s, price in %s", ErrCurrencyMismatch, i, l.Description, l.Amount, c)
		}
		if l.Period.Start < s.Period.Start || l.Period.End > s.Period.End {
			return fmt.Errorf("%w: fee %d %q bills %s, outside the billing period %s", ErrInvalidSpec, i, l.Description, l.Period, s.Period)
		}
	}
	return nil
}
