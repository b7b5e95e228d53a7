package pause_test

import (
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
)

// moneyPtrEqual compares optional money with Money.Equal.
func moneyPtrEqual(a, b *invoice.Money) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// flexibleEqual compares flexible pauses field by field, money with Equal
// and a nil slice equal to an empty one.
func flexibleEqual(a, b pause.Flexible) bool {
	if a.Days != b.Days || a.Reason != b.Reason || len(a.Overrides) != len(b.Overrides) ||
		a.Extension.Periods != b.Extension.Periods || !moneyPtrEqual(a.Extension.Amount, b.Extension.Amount) {
		return false
	}
	for i, o := range a.Overrides {
		p := b.Overrides[i]
		if o.Period != p.Period || o.Mode != p.Mode {
			return false
		}
		if o.Mode == pause.FixedAmount && !o.Amount.Equal(p.Amount) {
			return false
		}
	}
	return true
}
