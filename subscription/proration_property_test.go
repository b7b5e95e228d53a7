package subscription_test

import (
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// seatPlan returns a plan with a base price and a seat feature.
func seatPlan(every period.Recurrence, base, seat int64, seats int64) subscription.Plan {
	unit := cents(seat)
	return subscription.Plan{Every: every, Price: invoice.Price{Recurring: cents(base),
		Features: []invoice.Feature{{Name: "seats", Kind: invoice.Limitation, QuantityCurrent: seats, UnitPrice: &unit}}}}
}

func cents(n int64) invoice.Money {
	m, err := invoice.FromMinor(n, invoice.EUR)
	if err != nil {
		panic(err)
	}
	return m
}

// tailOf is R(x) = a × (e − x) / D, rounded half away from zero, computed
// here on its own in int64 cents.
func tailOf(a int64, p period.Period, x date.Date) int64 {
	num, den := a*int64(p.End-x), int64(p.Days())
	q, r := num/den, num%den
	if 2*abs(r) >= den {
		if num < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// TestProrationProperties checks, over random seat changes inside one
// monthly, weekly or yearly period, that the documents of the period add
// up to the price of its days at each quantity (no lost cent), that a
// change and its reversal on one day net to zero, and that no credit
// gives back more than was charged.
func TestProrationProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		every := rapid.SampledFrom([]period.Recurrence{period.Monthly, period.Weekly, period.Yearly, period.Quarterly}).Draw(t, "every")
		base := rapid.Int64Range(0, 50_000).Draw(t, "base")
		seat := rapid.Int64Range(1, 9_999).Draw(t, "seat")
		seats := rapid.Int64Range(0, 50).Draw(t, "seats")
		pol := rapid.SampledFrom([]subscription.ProrationPolicy{subscription.ProrateNow, subscription.ProrateAtRenewal}).Draw(t, "policy")
		start := date.New(2024, 1, 1) + date.Date(rapid.IntRange(0, 400).Draw(t, "start"))
		s, err := subscription.New(subscription.Terms{Plan: seatPlan(every, base, seat, seats), Start: start})
		if err != nil {
			t.Fatal(err)
		}
		p, _, _ := period.Schedule{Anchor: start, Every: every}.PeriodOf(start)
		// The quantity on each day of the period, as the changes set it.
		qty := make([]int64, p.Days())
		for i := range qty {
			qty[i] = seats
		}
		on := p.Start + 1
		for n := rapid.IntRange(0, 6).Draw(t, "changes"); n > 0 && on < p.End; n-- {
			on += date.Date(rapid.IntRange(0, max(0, int(p.End-on)-1)).Draw(t, "after"))
			q := rapid.Int64Range(0, 50).Draw(t, "qty")
			reverse := rapid.Bool().Draw(t, "reverse")
			before := qty[on-p.Start]
			if s, err = s.ChangeQuantity(on, "seats", q, pol); err != nil {
				t.Fatalf("ChangeQuantity(%s, %d): %v", on, q, err)
			}
			if reverse {
				if s, err = s.ChangeQuantity(on, "seats", before, pol); err != nil {
					t.Fatalf("ChangeQuantity(%s, %d) back: %v", on, before, err)
				}
				q = before
			}
			for d := on; d < p.End; d++ {
				qty[d-p.Start] = q
			}
		}
		// What the days cost at each quantity, priced by tails per line.
		want := int64(0)
		for i := 0; i < len(qty); {
			j := i
			for j < len(qty) && qty[j] == qty[i] {
				j++
			}
			a, b := p.Start+date.Date(i), p.Start+date.Date(j)
			for _, line := range []int64{base, seat * qty[i]} {
				want += tailOf(line, p, a) - tailOf(line, p, b)
			}
			i = j
		}
		// What the documents of the period charge, in advance: the
		// period's invoice, the documents of the changes, and under
		// ProrateAtRenewal the lines carried to the next invoice.
		got, charged, credited := int64(0), int64(0), int64(0)
		for inv, err := range s.Invoices(period.Period{Start: p.Start, End: p.End + 1}) {
			if err != nil {
				t.Fatal(err)
			}
			if err := inv.Validate(); err != nil {
				t.Fatalf("%s of %s: %v", inv.Kind, inv.Period, err)
			}
			for _, l := range inv.Lines {
				if inv.Period.Start >= p.End && !l.Kind.Adjusts() {
					continue // the next period's own lines
				}
				got += l.Amount.Minor()
				if l.Amount.IsNegative() {
					credited -= l.Amount.Minor()
				} else {
					charged += l.Amount.Minor()
				}
			}
		}
		if got != want {
			t.Fatalf("the documents of %s add up to %d cents; its days at their quantities cost %d (quantities %v)", p, got, want, qty)
		}
		if credited > charged {
			t.Fatalf("%d cents credited, more than the %d charged", credited, charged)
		}
	})
}
