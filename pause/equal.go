package pause

import (
	"slices"

	"github.com/billcycle/billcycle/invoice"
)

// Equal reports whether f and o are the same pause: the same days, reason,
// overrides (in order) and extension, comparing the money that pointers
// point to, a nil slice equal to an empty one.
func (f Flexible) Equal(o Flexible) bool {
	return f.Days == o.Days && f.Reason == o.Reason &&
		f.Extension.Periods == o.Extension.Periods && equalMoney(f.Extension.Amount, o.Extension.Amount) &&
		slices.EqualFunc(f.Overrides, o.Overrides, func(a, b InvoiceOverride) bool {
			return a.Period == b.Period && a.Mode == b.Mode && equalMoney(a.Amount, b.Amount)
		})
}

// Equal reports whether w and o are the same pause, a nil slice equal to
// an empty one.
func (w WholePeriod) Equal(o WholePeriod) bool {
	return w.Reason == o.Reason && w.SkipOnly == o.SkipOnly && slices.Equal(w.Periods, o.Periods)
}

// Equal reports whether p and o are the same pass, frozen the same way.
func (p Pass) Equal(o Pass) bool {
	return p.Valid == o.Valid && p.Sessions == o.Sessions && p.Used == o.Used &&
		(p.Frozen == nil) == (o.Frozen == nil) && (p.Frozen == nil || *p.Frozen == *o.Frozen)
}

// Equal reports whether p and o have the same limits and the same fee.
func (p Policy) Equal(o Policy) bool {
	return p.limits() == o.limits() && (p.Fee == nil) == (o.Fee == nil) && (p.Fee == nil || p.Fee.Equal(*o.Fee)) &&
		p.CreditPausedDays == o.CreditPausedDays
}

// Equal reports whether f and o are the same fee, comparing percentages by
// value (12.5 and 12.50 are equal).
func (f Fee) Equal(o Fee) bool {
	return equalMoney(f.Flat, o.Flat) && f.Percent.Equal(o.Percent)
}

func equalMoney(a, b *invoice.Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
