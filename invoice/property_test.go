package invoice_test

import (
	"encoding/json"
	"math"
	"math/big"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var allCurrencies = []invoice.Currency{invoice.EUR, invoice.USD, invoice.JPY, invoice.KRW, invoice.KWD, invoice.BHD, invoice.GBP, invoice.ISK}

func genCurrency(t *rapid.T) invoice.Currency {
	return rapid.SampledFrom(allCurrencies).Draw(t, "currency")
}

// genAmount draws an exact, unrounded amount: up to 6 fraction digits.
func genAmount(t *rapid.T, c invoice.Currency, label string) invoice.Money {
	n := rapid.Int64Range(-1e12, 1e12).Draw(t, label)
	exp := rapid.Int32Range(-6, 0).Draw(t, label+" exponent")
	return invoice.Money{Amount: decimal.New(n, exp), Currency: c}
}

// genPrice draws a rounded, non-negative price in c.
func genPrice(t *rapid.T, c invoice.Currency, label string) invoice.Money {
	// Mostly everyday prices; now and then ones large enough to take
	// Build's decimal path.
	n := rapid.OneOf(rapid.Int64Range(0, 1e9), rapid.Int64Range(0, math.MaxInt64/4)).Draw(t, label)
	return invoice.FromMinor(n, c)
}

func genValidPrice(t *rapid.T) invoice.Price {
	c := genCurrency(t)
	p := invoice.Price{Recurring: genPrice(t, c, "recurring")}
	nf := rapid.IntRange(0, 3).Draw(t, "features")
	for i := 0; i < nf; i++ {
		if rapid.Bool().Draw(t, "on/off") {
			f := invoice.Feature{Name: "on/off", Kind: invoice.OnOff, Included: rapid.Bool().Draw(t, "included")}
			if rapid.Bool().Draw(t, "flat") {
				m := genPrice(t, c, "flat")
				f.Flat = &m
			}
			p.Features = append(p.Features, f)
			continue
		}
		f := invoice.Feature{
			Name: "limitation", Kind: invoice.Limitation,
			QuantityIncluded: rapid.Int64Range(0, 20).Draw(t, "quantity included"),
			QuantityUsed:     rapid.OneOf(rapid.Int64Range(0, 1e6), rapid.Int64Range(0, math.MaxInt64)).Draw(t, "quantity used"),
		}
		switch rapid.IntRange(0, 2).Draw(t, "pricing") {
		case 0:
			m := genPrice(t, c, "unit price")
			f.UnitPrice = &m
		case 1:
			f.TierMode = rapid.SampledFrom([]invoice.TierMode{invoice.Graduated, invoice.Volume}).Draw(t, "tier mode")
			nt := rapid.IntRange(1, 4).Draw(t, "tiers")
			var upTo int64
			for j := 0; j < nt; j++ {
				tier := invoice.Tier{UnitPrice: genPrice(t, c, "tier unit price")}
				if j < nt-1 {
					upTo += rapid.Int64Range(1, 100).Draw(t, "tier width")
					tier.UpTo = upTo
				}
				if rapid.Bool().Draw(t, "tier flat") {
					m := genPrice(t, c, "tier flat")
					tier.Flat = &m
				}
				f.Tiers = append(f.Tiers, tier)
			}
		}
		p.Features = append(p.Features, f)
	}
	nd := rapid.IntRange(0, 3).Draw(t, "discounts")
	for i := 0; i < nd; i++ {
		d := invoice.Discount{Name: "discount", Periods: rapid.IntRange(0, 5).Draw(t, "periods")}
		if rapid.Bool().Draw(t, "percent") {
			d.Kind = invoice.Percent
			d.Percent = decimal.New(rapid.Int64Range(1, 10000).Draw(t, "basis points"), -2)
		} else {
			d.Kind = invoice.Fixed
			d.Amount = invoice.FromMinor(rapid.Int64Range(1, 1e9).Draw(t, "fixed"), c)
		}
		p.Discounts = append(p.Discounts, d)
	}
	return p
}

func genDate(t *rapid.T, label string) date.Date {
	lo, hi := period.MustParseDate("1900-01-01"), period.MustParseDate("2199-12-01")
	return date.Date(rapid.Int64Range(int64(lo), int64(hi)).Draw(t, label))
}

func genSpec(t *rapid.T) invoice.Spec {
	p := genValidPrice(t)
	c := p.Currency()
	start := genDate(t, "start")
	s := invoice.Spec{
		Price:       p,
		Period:      period.Period{Start: start, End: start + date.Date(rapid.IntRange(1, 400).Draw(t, "days"))},
		Number:      rapid.IntRange(0, 8).Draw(t, "number"),
		IssueDate:   genDate(t, "issue date"),
		Buyer:       rapid.String().Draw(t, "buyer"),
		Beneficiary: rapid.String().Draw(t, "beneficiary"),
		Kind:        rapid.SampledFrom([]invoice.LineKind{0, invoice.LineRecurring, invoice.LineRenewal, invoice.LineExtension}).Draw(t, "kind"),
	}
	if rapid.Bool().Draw(t, "prorated") {
		den := rapid.IntRange(1, 366).Draw(t, "den")
		s.Proration = &period.Fraction{Num: rapid.IntRange(0, den).Draw(t, "num"), Den: den}
	}
	if rapid.IntRange(0, 4).Draw(t, "override") == 0 {
		s.Override = &invoice.Override{Amount: genPrice(t, c, "override"), Reason: "reason"}
	}
	nfees := rapid.IntRange(0, 2).Draw(t, "fees")
	for i := 0; i < nfees; i++ {
		s.Fees = append(s.Fees, invoice.Line{Description: "fee", Amount: genPrice(t, c, "fee")})
	}
	return s
}

func TestPropertyAllocate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCurrency(t)
		total := genAmount(t, c, "total")
		weights := rapid.SliceOfN(rapid.Int64Range(0, 1e9), 1, 12).Draw(t, "weights")
		var sum int64
		for _, w := range weights {
			sum += w
		}
		if sum == 0 {
			weights[0] = 1
			sum = 1
		}
		parts, err := invoice.Allocate(total, weights)
		if err != nil {
			t.Fatalf("Allocate(%s, %v): %v", total, weights, err)
		}
		rounded := total.Round()
		acc := invoice.Zero(c)
		for _, p := range parts {
			if !p.Round().Equal(p) {
				t.Fatalf("part %s is not rounded", p)
			}
			acc, _ = acc.Add(p)
		}
		if !acc.Equal(rounded) {
			t.Fatalf("parts %v add up to %s; want %s", parts, acc, rounded)
		}
		// |part × sum − total × w| < sum, in minor units: within one unit
		// of the exact share.
		units := big.NewInt(rounded.Minor())
		bsum := big.NewInt(sum)
		for i, p := range parts {
			d := new(big.Int).Mul(big.NewInt(p.Minor()), bsum)
			d.Sub(d, new(big.Int).Mul(units, big.NewInt(weights[i])))
			if d.Abs(d).Cmp(bsum) >= 0 {
				t.Fatalf("part %d = %s is a unit or more from %s × %d/%d", i, p, rounded, weights[i], sum)
			}
		}
	})
}

func TestPropertyRoundIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genAmount(t, genCurrency(t), "amount")
		once := m.Round()
		if !once.Round().Equal(once) {
			t.Fatalf("Round(Round(%s)) = %s; want %s", m.Amount, once.Round().Amount, once.Amount)
		}
		// Half away from zero is symmetric.
		if !m.Neg().Round().Equal(once.Neg()) {
			t.Fatalf("Round(−%s) = %s; want −%s", m.Amount, m.Neg().Round().Amount, once.Amount)
		}
		// Rounding moves by at most half a minor unit.
		diff := m.Amount.Sub(once.Amount).Abs().Mul(decimal.NewFromInt(2))
		if diff.GreaterThan(decimal.New(1, -int32(m.Currency.Digits()))) {
			t.Fatalf("Round(%s) = %s moved by more than half a unit", m.Amount, once.Amount)
		}
	})
}

func TestPropertyBuild(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSpec(t)
		inv, err := invoice.Build(s)
		if err != nil {
			t.Fatalf("Build of a valid spec: %v", err)
		}
		sum := invoice.Zero(inv.Currency)
		for _, l := range inv.Lines {
			if !l.Amount.Round().Equal(l.Amount) {
				t.Fatalf("line %+v is not rounded", l)
			}
			sum, _ = sum.Add(l.Amount)
		}
		if !inv.Total.Equal(sum) {
			t.Fatalf("Total %s; the lines add up to %s", inv.Total, sum)
		}
		if inv.Total.IsNegative() {
			t.Fatalf("Total %s is negative", inv.Total)
		}
		if err := inv.Validate(); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		if s.Override != nil && !inv.Lines[0].Amount.Equal(s.Override.Amount) {
			t.Fatalf("override line %s; want %s", inv.Lines[0].Amount, s.Override.Amount)
		}
	})
}

func TestPropertyMoneyJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genAmount(t, genCurrency(t), "amount").Round()
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("Marshal(%s): %v", m, err)
		}
		var back invoice.Money
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !back.Equal(m) {
			t.Fatalf("%s decoded as %s; want %s", b, back, m)
		}
	})
}

func TestPropertyInvoiceJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSpec(t)
		inv, err := invoice.Build(s)
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		b, err := json.Marshal(inv)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var back invoice.Invoice
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !back.Equal(inv) {
			t.Fatalf("%s decoded as %+v; want %+v", b, back, inv)
		}
		// The price, which a plan stores, round-trips too.
		pb, err := json.Marshal(s.Price)
		if err != nil {
			t.Fatalf("Marshal price: %v", err)
		}
		var p invoice.Price
		if err := json.Unmarshal(pb, &p); err != nil || !p.Equal(s.Price) {
			t.Fatalf("price %s decoded as %+v, %v; want %+v", pb, p, err, s.Price)
		}
	})
}

// TestPropertyFastPath checks Build's int64 fast path against its decimal
// path, the oracle, on every spec the fast path takes.
func TestPropertyFastPath(t *testing.T) {
	taken, declined := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		s := genSpec(t)
		want, err := invoice.BuildDecimal(s)
		if err != nil {
			t.Fatalf("BuildDecimal: %v", err)
		}
		got, ok := invoice.BuildMinor(s)
		if !ok {
			declined++
			return
		}
		taken++
		if !got.Equal(want) {
			t.Fatalf("fast path %+v; decimal path %+v", got, want)
		}
	})
	t.Logf("fast path took %d specs and declined %d", taken, declined)
	if taken == 0 {
		t.Error("the fast path never ran")
	}
}
