package invoice

import (
	"fmt"
	"strconv"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
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
	// Their amounts must be non-negative, rounded, and in the price's
	// currency. A zero Kind becomes LineFee, a zero Period the invoice's
	// period, a zero Quantity 1 and a unit price without a currency the
	// line's Amount.
	Fees []Line
}

// Override is an amount a caller sets for an invoice instead of the
// computed one, such as 0.00 for a period mostly paused, with the reason.
type Override struct {
	// Amount is the amount due instead: non-negative, rounded to the
	// minor unit, in the price's currency.
	Amount Money `json:"amount"`
	// Reason says why; it is required and becomes the line's description.
	Reason string `json:"reason"`
}

// Build computes the invoice s describes. Its lines are, in order:
//
//   - the main line: quantity 1, unit price Price.Recurring, amount
//     Recurring rounded, of kind s.Kind; with a Proration, of kind
//     LineProration and amount Recurring × Num/Den rounded once;
//   - one line per feature that costs something: an included OnOff feature
//     with a flat price, or a Limitation feature with units used beyond the
//     included quantity, priced by unit price or tiers (prorated like the
//     main line);
//   - one line per discount that applies to s.Number, negative: a
//     percentage of the sum of the lines above rounded half away from zero,
//     or a fixed amount; each is capped so that the total stays at or above
//     zero, and a discount capped to nothing gets no line;
//   - the fees, as given.
//
// With an Override, the main, feature and discount lines are replaced by a
// single LineOverride line of the override's amount, described by its
// reason; the fees follow it. In every case Total is the sum of the lines.
//
// Build returns an error, and never panics, for an invalid price (see
// Price.Validate), a period that is invalid (period.ErrInvalidRange) or
// empty (period.ErrEmptyPeriod), a negative Number or a main line kind
// other than recurring, renewal and extension (ErrInvalidSpec), a fraction
// outside [0, 1] (ErrInvalidProration), an override without a reason
// (ErrOverrideReason) or with a negative, unrounded or foreign amount
// (ErrInvalidAmount, ErrCurrencyMismatch), or such a fee.
func Build(s Spec) (Invoice, error) {
	if err := s.validate(); err != nil {
		return Invoice{}, err
	}
	if inv, ok := buildMinor(s); ok {
		return inv, nil
	}
	return buildDecimal(s), nil
}

// mainLine returns the kind, description and proration ratio of the main
// line of a valid spec.
func (s Spec) mainLine() (kind LineKind, desc string, num, den int64) {
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
func (s Spec) fee(l Line) Line {
	if l.Kind == 0 {
		l.Kind = LineFee
	}
	if l.Period == (period.Period{}) {
		l.Period = s.Period
	}
	if l.Quantity == 0 {
		l.Quantity = 1
	}
	if l.UnitPrice.Currency.IsZero() {
		l.UnitPrice = l.Amount
	}
	return l
}

// buildDecimal builds the invoice of a valid spec with decimal arithmetic,
// for any amount. buildMinor is its fast path.
func buildDecimal(s Spec) Invoice {
	c := s.Price.Recurring.Currency
	inv := Invoice{
		IssueDate: s.IssueDate, Period: s.Period, Buyer: s.Buyer, Beneficiary: s.Beneficiary,
		Currency: c,
	}
	n := 1 + len(s.Fees)
	if s.Override == nil {
		n += len(s.Price.Features) + len(s.Price.Discounts)
	}
	inv.Lines = make([]Line, 0, n)
	var sub, disc decimal.Decimal
	add := func(l Line) {
		inv.Lines = append(inv.Lines, l)
		if l.Kind == LineDiscount {
			disc = disc.Add(l.Amount.Amount)
		} else {
			sub = sub.Add(l.Amount.Amount)
		}
	}
	if o := s.Override; o != nil {
		add(Line{Kind: LineOverride, Description: o.Reason, Period: s.Period, Quantity: 1, UnitPrice: o.Amount, Amount: o.Amount})
	} else {
		kind, desc, num, den := s.mainLine()
		rec := s.Price.Recurring
		add(Line{Kind: kind, Description: desc, Period: s.Period, Quantity: 1, UnitPrice: rec, Amount: rec.MulRatio(num, den)})
		for _, f := range s.Price.Features {
			qty, unit, amount, ok := f.charge()
			if !ok {
				continue
			}
			add(Line{
				Kind: LineFeature, Description: f.Name, Period: s.Period, Quantity: qty,
				UnitPrice: Money{Amount: unit, Currency: c},
				Amount:    Money{Amount: amount, Currency: c}.MulRatio(num, den),
			})
		}
		base := Money{Amount: sub, Currency: c}
		left := sub // what the discounts may still take off
		for _, d := range s.Price.Discounts {
			if !d.AppliesTo(s.Number) || left.Sign() <= 0 {
				continue
			}
			off := d.Amount.Amount
			if d.Kind == Percent {
				off = base.Percent(d.Percent).Amount
			}
			if off.GreaterThan(left) {
				off = left
			}
			if off.Sign() <= 0 {
				continue
			}
			left = left.Sub(off)
			m := Money{Amount: off.Neg(), Currency: c}
			add(Line{Kind: LineDiscount, Description: d.Name, Period: s.Period, Quantity: 1, UnitPrice: m, Amount: m})
		}
	}
	for _, l := range s.Fees {
		add(s.fee(l))
	}
	inv.Subtotal = Money{Amount: sub, Currency: c}
	inv.Discount = Money{Amount: disc, Currency: c}
	inv.Total = Money{Amount: sub.Add(disc), Currency: c}
	return inv
}

func (s Spec) validate() error {
	if err := s.Price.Validate(); err != nil {
		return err
	}
	if err := s.Period.Validate(); err != nil {
		return err
	}
	if s.Period.IsEmpty() {
		return fmt.Errorf("%w: billing period %s", period.ErrEmptyPeriod, s.Period)
	}
	if s.Number < 0 {
		return fmt.Errorf("%w: period number %d is negative", ErrInvalidSpec, s.Number)
	}
	switch s.Kind {
	case 0, LineRecurring, LineRenewal, LineExtension:
	default:
		return fmt.Errorf("%w: main line kind %s; want recurring, renewal or extension", ErrInvalidSpec, s.Kind)
	}
	if f := s.Proration; f != nil && (f.Den < 1 || f.Num < 0 || f.Num > f.Den) {
		return fmt.Errorf("%w: fraction %s", ErrInvalidProration, f)
	}
	c := s.Price.Recurring.Currency
	if o := s.Override; o != nil {
		if blank(o.Reason) {
			return fmt.Errorf("%w: override to %s", ErrOverrideReason, o.Amount)
		}
		if err := checkPrice("override", o.Amount, c); err != nil {
			return err
		}
	}
	for i, l := range s.Fees {
		if l.Kind == LineDiscount || (l.Kind != 0 && !l.Kind.valid()) {
			return fmt.Errorf("%w: fee %d %q of kind %s", ErrInvalidKind, i, l.Description, l.Kind)
		}
		if err := checkPrice("fee", l.Amount, c); err != nil {
			return fmt.Errorf("%w (fee %d %q)", err, i, l.Description)
		}
		if !l.UnitPrice.Currency.IsZero() && l.UnitPrice.Currency != c {
			return fmt.Errorf("%w: fee %d %q unit price in %s, price in %s", ErrCurrencyMismatch, i, l.Description, l.UnitPrice.Currency.code, c.code)
		}
		if err := l.Period.Validate(); err != nil {
			return fmt.Errorf("%w (fee %d %q)", err, i, l.Description)
		}
	}
	return nil
}
