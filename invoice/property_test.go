package invoice_test

import (
	"encoding/json"
	"errors"
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

func minor(n int64, c invoice.Currency) invoice.Money {
	m, err := invoice.FromMinor(n, c)
	if err != nil {
		panic(err)
	}
	return m
}

// genAmount draws any amount within the range, negative included.
func genAmount(t *rapid.T, c invoice.Currency, label string) invoice.Money {
	n := rapid.OneOf(rapid.Int64Range(-1e6, 1e6), rapid.Int64Range(-invoice.MaxMinor, invoice.MaxMinor)).Draw(t, label)
	return minor(n, c)
}

// genPrice draws a non-negative price in c: mostly everyday prices, now
// and then ones large enough to overflow a sum.
func genPrice(t *rapid.T, c invoice.Currency, label string) invoice.Money {
	return minor(rapid.OneOf(rapid.Int64Range(0, 1e7), rapid.Int64Range(0, invoice.MaxMinor)).Draw(t, label), c)
}

func genFeature(t *rapid.T, c invoice.Currency) invoice.Feature {
	if rapid.Bool().Draw(t, "on/off") {
		f := invoice.Feature{Name: "on/off", Kind: invoice.OnOff, Included: rapid.Bool().Draw(t, "included")}
		if rapid.Bool().Draw(t, "flat") {
			m := genPrice(t, c, "flat")
			f.Flat = &m
		}
		return f
	}
	f := invoice.Feature{
		Name: "limitation", Kind: invoice.Limitation,
		QuantityIncluded: rapid.Int64Range(0, 20).Draw(t, "quantity included"),
		QuantityCurrent:  rapid.OneOf(rapid.Int64Range(0, 1000), rapid.Int64Range(0, invoice.MaxQuantity)).Draw(t, "quantity current"),
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
	return f
}

func genValidPrice(t *rapid.T) invoice.Price {
	c := genCurrency(t)
	p := invoice.Price{Recurring: genPrice(t, c, "recurring")}
	for range rapid.IntRange(0, 3).Draw(t, "features") {
		p.Features = append(p.Features, genFeature(t, c))
	}
	for range rapid.IntRange(0, 3).Draw(t, "discounts") {
		d := invoice.Discount{Name: "discount", Periods: rapid.IntRange(0, 5).Draw(t, "periods")}
		if rapid.Bool().Draw(t, "percent") {
			d.Kind = invoice.Percent
			d.Percent = decimal.New(rapid.Int64Range(1, 10000).Draw(t, "basis points"), -2)
		} else {
			d.Kind = invoice.Fixed
			d.Amount = minor(rapid.Int64Range(1, 1e9).Draw(t, "fixed"), c)
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
	for range rapid.IntRange(0, 2).Draw(t, "fees") {
		s.Fees = append(s.Fees, invoice.Line{Description: "fee", Amount: genPrice(t, c, "fee")})
	}
	return s
}

// The oracle: Build's rules computed again with big.Int and big.Rat, in
// minor units, sharing no code with the package.

func bigOf(m invoice.Money) *big.Int { return big.NewInt(m.Minor()) }

// roundRat rounds r half away from zero.
func roundRat(r *big.Rat) *big.Int {
	num, den := new(big.Int).Abs(r.Num()), r.Denom()
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(rem, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return q
}

// oracleFeature returns the exact amount of a feature for a whole period.
func oracleFeature(f invoice.Feature) *big.Int {
	amount := new(big.Int)
	if f.Kind == invoice.OnOff {
		if f.Included && f.Flat != nil {
			amount.Set(bigOf(*f.Flat))
		}
		return amount
	}
	q := f.QuantityCurrent - f.QuantityIncluded
	if q <= 0 {
		return amount
	}
	units := func(m invoice.Money, n int64) *big.Int { return new(big.Int).Mul(bigOf(m), big.NewInt(n)) }
	switch {
	case f.UnitPrice != nil:
		return units(*f.UnitPrice, q)
	case f.TierMode == invoice.Volume:
		for _, tier := range f.Tiers {
			if tier.UpTo == 0 || q <= tier.UpTo {
				amount.Add(amount, units(tier.UnitPrice, q))
				if tier.Flat != nil {
					amount.Add(amount, bigOf(*tier.Flat))
				}
				return amount
			}
		}
	case f.TierMode == invoice.Graduated:
		var from int64
		for _, tier := range f.Tiers {
			if q <= from {
				break
			}
			to := q
			if tier.UpTo != 0 && tier.UpTo < q {
				to = tier.UpTo
			}
			amount.Add(amount, units(tier.UnitPrice, to-from))
			if tier.Flat != nil {
				amount.Add(amount, bigOf(*tier.Flat))
			}
			from = tier.UpTo
		}
	}
	return amount
}

// oracle returns the line amounts and the total Build should give, and
// false when a sum leaves ±MaxMinor.
func oracle(s invoice.Spec) (lines []*big.Int, total *big.Int, ok bool) {
	limit := big.NewInt(invoice.MaxMinor)
	// A price whose whole period costs more than MaxMinor is invalid, even
	// when this invoice bills part of it or overrides it.
	whole := bigOf(s.Price.Recurring)
	for _, f := range s.Price.Features {
		whole.Add(whole, oracleFeature(f))
	}
	if whole.Cmp(limit) > 0 {
		return nil, nil, false
	}
	sub, taken := new(big.Int), new(big.Int)
	add := func(a *big.Int) {
		lines = append(lines, a)
		sub.Add(sub, a)
	}
	if s.Override != nil {
		add(bigOf(s.Override.Amount))
	} else {
		ratio := big.NewRat(1, 1)
		if s.Proration != nil {
			ratio = big.NewRat(int64(s.Proration.Num), int64(s.Proration.Den))
		}
		prorate := func(a *big.Int) *big.Int { return roundRat(new(big.Rat).Mul(new(big.Rat).SetInt(a), ratio)) }
		add(prorate(bigOf(s.Price.Recurring)))
		for _, f := range s.Price.Features {
			raw := oracleFeature(f)
			if raw.Cmp(limit) > 0 {
				return nil, nil, false
			}
			if raw.Sign() > 0 {
				add(prorate(raw))
			}
		}
		if sub.Cmp(limit) > 0 {
			return nil, nil, false
		}
		base, left := new(big.Int).Set(sub), new(big.Int).Set(sub)
		for _, d := range s.Price.Discounts {
			if !d.AppliesTo(s.Number) || left.Sign() <= 0 {
				continue
			}
			off := bigOf(d.Amount)
			if d.Kind == invoice.Percent {
				r := new(big.Rat).SetInt(base)
				r.Mul(r, d.Percent.Rat())
				off = roundRat(r.Quo(r, big.NewRat(100, 1)))
			}
			if off.Cmp(left) > 0 {
				off = new(big.Int).Set(left)
			}
			if off.Sign() <= 0 {
				continue
			}
			left.Sub(left, off)
			taken.Add(taken, off)
			lines = append(lines, new(big.Int).Neg(off))
		}
	}
	for _, fee := range s.Fees {
		add(bigOf(fee.Amount))
	}
	if sub.Cmp(limit) > 0 {
		return nil, nil, false
	}
	return lines, new(big.Int).Sub(sub, taken), true
}

// TestPropertyBuildOracle checks Build, in int64, against the big-number
// oracle: the same lines, the same total, and ErrOutOfRange exactly when
// a sum leaves the range.
func TestPropertyBuildOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSpec(t)
		inv, err := invoice.Build(s)
		want, total, ok := oracle(s)
		if !ok {
			if !errors.Is(err, invoice.ErrOutOfRange) {
				t.Fatalf("Build = %v; the oracle overflows, want ErrOutOfRange", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Build of a valid spec: %v", err)
		}
		if len(inv.Lines) != len(want) {
			t.Fatalf("Build gave %d lines %v; the oracle %d %v", len(inv.Lines), inv.Lines, len(want), want)
		}
		for i, l := range inv.Lines {
			if l.Amount.Minor() != want[i].Int64() || l.Period != s.Period {
				t.Fatalf("line %d = %s for %s; the oracle %s minor units", i, l.Amount, l.Period, want[i])
			}
		}
		if inv.Total.Minor() != total.Int64() {
			t.Fatalf("Total = %s; the oracle %s minor units", inv.Total, total)
		}
		if err := inv.Validate(); err != nil {
			t.Fatalf("Build's invoice is invalid: %v", err)
		}
		b, err := json.Marshal(inv)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var back invoice.Invoice
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(inv) {
			t.Fatalf("Unmarshal(%s) = %+v, %v; want %+v", b, back, err, inv)
		}
	})
}

func TestPropertyAllocate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCurrency(t)
		total := genAmount(t, c, "total")
		weights := rapid.SliceOfN(rapid.OneOf(rapid.Int64Range(0, 1e9), rapid.Int64Range(0, math.MaxInt64/16)), 1, 12).Draw(t, "weights")
		sum := new(big.Int)
		for _, w := range weights {
			sum.Add(sum, big.NewInt(w))
		}
		if sum.Sign() == 0 {
			weights[0] = 1
			sum.SetInt64(1)
		}
		parts, err := invoice.Allocate(total, weights)
		if err != nil {
			t.Fatalf("Allocate(%s, %v): %v", total, weights, err)
		}
		acc := invoice.Zero(c)
		for _, p := range parts {
			acc, _ = acc.Add(p)
		}
		if acc != total {
			t.Fatalf("parts %v add up to %s; want %s", parts, acc, total)
		}
		// |part × sum − total × w| < sum: within one unit of the exact share.
		for i, p := range parts {
			d := new(big.Int).Mul(bigOf(p), sum)
			d.Sub(d, new(big.Int).Mul(bigOf(total), big.NewInt(weights[i])))
			if d.Abs(d).Cmp(sum) >= 0 {
				t.Fatalf("part %d = %s is a unit or more from %s × %d/%s", i, p, total, weights[i], sum)
			}
		}
	})
}

// TestPropertyMulRatio checks MulRatio against big.Rat, half away from
// zero, and ErrOutOfRange exactly when the result leaves the range.
func TestPropertyMulRatio(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genAmount(t, genCurrency(t), "m")
		den := rapid.OneOf(rapid.Int64Range(1, 400), rapid.Int64Range(1, math.MaxInt64)).Draw(t, "den")
		num := rapid.OneOf(rapid.Int64Range(0, den), rapid.Int64Range(0, math.MaxInt64)).Draw(t, "num")
		got, err := m.MulRatio(num, den)
		want := roundRat(new(big.Rat).Mul(new(big.Rat).SetInt(bigOf(m)), big.NewRat(num, den)))
		if want.CmpAbs(big.NewInt(invoice.MaxMinor)) > 0 {
			if !errors.Is(err, invoice.ErrOutOfRange) {
				t.Fatalf("%s × %d/%d = %s, %v; want ErrOutOfRange", m, num, den, got, err)
			}
			return
		}
		if err != nil || got.Minor() != want.Int64() || got.Currency() != m.Currency() {
			t.Fatalf("%s × %d/%d = %s, %v; want %s minor units", m, num, den, got, err, want)
		}
	})
}

// TestPropertyArithmetic checks Add, Sub and Mul against big.Int.
func TestPropertyArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCurrency(t)
		a, b := genAmount(t, c, "a"), genAmount(t, c, "b")
		n := rapid.OneOf(rapid.Int64Range(-1000, 1000), rapid.Int64()).Draw(t, "n")
		limit := big.NewInt(invoice.MaxMinor)
		check := func(op string, got invoice.Money, err error, want *big.Int) {
			if want.CmpAbs(limit) > 0 {
				if !errors.Is(err, invoice.ErrOutOfRange) {
					t.Fatalf("%s = %s, %v; want ErrOutOfRange", op, got, err)
				}
				return
			}
			if err != nil || got.Minor() != want.Int64() {
				t.Fatalf("%s = %s, %v; want %s minor units", op, got, err, want)
			}
		}
		s, err := a.Add(b)
		check("add", s, err, new(big.Int).Add(bigOf(a), bigOf(b)))
		d, err := a.Sub(b)
		check("sub", d, err, new(big.Int).Sub(bigOf(a), bigOf(b)))
		p, err := a.Mul(n)
		check("mul", p, err, new(big.Int).Mul(bigOf(a), big.NewInt(n)))
		if cmp, err := a.Cmp(b); err != nil || cmp != bigOf(a).Cmp(bigOf(b)) {
			t.Fatalf("Cmp(%s, %s) = %d, %v", a, b, cmp, err)
		}
	})
}

// TestPropertyMoneyText checks that every amount's text parses back to it,
// and its JSON decodes back to it.
func TestPropertyMoneyText(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genAmount(t, genCurrency(t), "m")
		back, err := invoice.ParseMoney(m.Text(), m.Currency())
		if err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %s, %v; want %s", m.Text(), back, err, m)
		}
		if !m.Decimal().Equal(decimal.New(m.Minor(), -int32(m.Currency().Digits()))) {
			t.Fatalf("Decimal(%s) = %s", m, m.Decimal())
		}
		if fd, err := invoice.FromDecimal(m.Decimal(), m.Currency()); err != nil || fd != m {
			t.Fatalf("FromDecimal(Decimal(%s)) = %s, %v", m, fd, err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var j invoice.Money
		if err := json.Unmarshal(b, &j); err != nil || j != m {
			t.Fatalf("Unmarshal(%s) = %s, %v; want %s", b, j, err, m)
		}
	})
}
