package invoice_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestLineValidate walks every rule of Line.Validate.
func TestLineValidate(t *testing.T) {
	good := invoice.Line{Kind: invoice.LineFee, Description: "Freeze", Period: oct21, Quantity: 1, UnitPrice: eur("5.00"), Amount: eur("5.00")}
	require.NoError(t, good.Validate())
	credit := good
	credit.Kind, credit.Amount = invoice.LineCredit, eur("-5.00")
	require.NoError(t, credit.Validate(), "a credit line may have a positive unit price")
	zero := good
	zero.Kind, zero.Amount = invoice.LineDiscount, eur("0.00")
	require.NoError(t, zero.Validate(), "a discount of zero")
	for name, tc := range map[string]struct {
		edit func(*invoice.Line)
		want error
	}{
		"kind 0":               {func(l *invoice.Line) { l.Kind = 0 }, invoice.ErrInvalidKind},
		"reversed period":      {func(l *invoice.Line) { l.Period = period.Period{Start: nov1, End: oct1} }, period.ErrInvalidRange},
		"empty period":         {func(l *invoice.Line) { l.Period = period.Period{Start: oct1, End: oct1} }, period.ErrEmptyPeriod},
		"quantity 0":           {func(l *invoice.Line) { l.Quantity = 0 }, invoice.ErrInvalidQuantity},
		"quantity too large":   {func(l *invoice.Line) { l.Quantity = invoice.MaxQuantity + 1 }, invoice.ErrInvalidQuantity},
		"amount without money": {func(l *invoice.Line) { l.Amount = invoice.Money{} }, invoice.ErrUnknownCurrency},
		"unit price in USD":    {func(l *invoice.Line) { l.UnitPrice = usd("5.00") }, invoice.ErrCurrencyMismatch},
		"negative fee":         {func(l *invoice.Line) { l.Amount = eur("-5.00") }, invoice.ErrInvalidInvoice},
		"negative unit price":  {func(l *invoice.Line) { l.UnitPrice = eur("-5.00") }, invoice.ErrInvalidInvoice},
		"positive discount":    {func(l *invoice.Line) { l.Kind = invoice.LineDiscount }, invoice.ErrInvalidInvoice},
		"positive credit":      {func(l *invoice.Line) { l.Kind = invoice.LineCredit }, invoice.ErrInvalidInvoice},
	} {
		t.Run(name, func(t *testing.T) {
			l := good
			tc.edit(&l)
			require.ErrorIs(t, l.Validate(), tc.want)
		})
	}
}

func TestDiscountValidate(t *testing.T) {
	five := decimal.NewFromInt(5)
	for name, tc := range map[string]struct {
		d    invoice.Discount
		want error
	}{
		"percent with an amount":    {invoice.Discount{Kind: invoice.Percent, Percent: five, Amount: eur("1.00")}, invoice.ErrInvalidDiscount},
		"fixed with a percentage":   {invoice.Discount{Kind: invoice.Fixed, Percent: five, Amount: eur("1.00")}, invoice.ErrInvalidDiscount},
		"fixed in another currency": {invoice.Discount{Kind: invoice.Fixed, Amount: usd("1.00")}, invoice.ErrCurrencyMismatch},
		"fixed negative":            {invoice.Discount{Kind: invoice.Fixed, Amount: eur("-1.00")}, invoice.ErrInvalidAmount},
		"no kind":                   {invoice.Discount{Percent: five}, invoice.ErrInvalidKind},
		"kind 9":                    {invoice.Discount{Kind: 9}, invoice.ErrInvalidKind},
	} {
		t.Run(name, func(t *testing.T) {
			err := invoice.Price{Recurring: eur("10.00"), Discounts: []invoice.Discount{tc.d}}.Validate()
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// TestEqual checks that Equal tells apart prices, features and discounts
// that differ in any one field.
func TestEqual(t *testing.T) {
	base := samplePrice()
	require.True(t, base.Equal(samplePrice()))
	edits := map[string]func(*invoice.Price){
		"recurring":         func(p *invoice.Price) { p.Recurring = eur("10.01") },
		"one feature less":  func(p *invoice.Price) { p.Features = p.Features[:2] },
		"one discount less": func(p *invoice.Price) { p.Discounts = p.Discounts[:1] },
		"feature name":      func(p *invoice.Price) { p.Features[0].Name = "Seats" },
		"feature flat":      func(p *invoice.Price) { p.Features[1].Flat = nil },
		"feature flat value": func(p *invoice.Price) {
			m := eur("4.99")
			p.Features[1].Flat = &m
		},
		"tier bound":     func(p *invoice.Price) { p.Features[2].Tiers[0].UpTo = 9 },
		"tier price":     func(p *invoice.Price) { p.Features[2].Tiers[1].UnitPrice = eur("0.81") },
		"tier flat":      func(p *invoice.Price) { p.Features[2].Tiers[1].Flat = nil },
		"discount name":  func(p *invoice.Price) { p.Discounts[0].Name = "Hello" },
		"percent":        func(p *invoice.Price) { p.Discounts[0].Percent = decimal.NewFromInt(21) },
		"fixed amount":   func(p *invoice.Price) { p.Discounts[1].Amount = eur("1.01") },
		"periods":        func(p *invoice.Price) { p.Discounts[0].Periods = 4 },
		"quantity":       func(p *invoice.Price) { p.Features[0].QuantityCurrent++ },
		"quantity incl.": func(p *invoice.Price) { p.Features[0].QuantityIncluded++ },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			p := samplePrice()
			p.Features[2].Tiers = tiers10_20()
			edit(&p)
			require.False(t, base.Equal(p), "%s", name)
			require.False(t, p.Equal(base), "%s", name)
		})
	}
}

func TestKindsText(t *testing.T) {
	require.True(t, invoice.Limitation.Valid())
	require.False(t, invoice.FeatureKind(0).Valid())
	require.True(t, invoice.Fixed.Valid())
	require.False(t, invoice.DiscountKind(3).Valid())
	require.Equal(t, "percent", invoice.Percent.String())
	require.Equal(t, "discount kind(3)", invoice.DiscountKind(3).String())
	require.True(t, invoice.Volume.Valid())
	require.True(t, invoice.KindCreditNote.Valid())
	require.Equal(t, "credit_note", invoice.KindCreditNote.String())
	for _, k := range []invoice.LineKind{invoice.LineDiscount, invoice.LineCredit} {
		require.True(t, k.Credits(), "%s", k)
	}
	require.False(t, invoice.LineFee.Credits())
}

// TestHostileText checks that hostile texts are cut in messages and that
// the 128-bit rounding reports a quotient that overflows even 64 bits.
func TestHostileText(t *testing.T) {
	long := strings.Repeat("9", 500)
	_, err := invoice.ParseMoney(long, invoice.EUR)
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
	require.Less(t, len(err.Error()), 200)
	huge := decimal.NewFromBigInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(60), nil), 1000)
	err = invoice.CheckPercent(huge)
	require.ErrorIs(t, err, invoice.ErrInvalidPercent)
	require.Less(t, len(err.Error()), 200)
	// 2^39×31 × (2^65−1)/31 / 2^40 = 2^64 − ½: rounds to 2^64.
	m := minorOf(17042430230528, invoice.EUR)
	_, err = m.MulRatio(1190112520884487201, 1<<40)
	require.True(t, errors.Is(err, invoice.ErrOutOfRange), "%v", err)
}

// TestInvoiceValidateKinds walks the rules of each document kind.
func TestInvoiceValidateKinds(t *testing.T) {
	inv, err := invoice.Build(invoice.Spec{Price: invoice.Price{Recurring: eur("10.00")}, Period: oct21, IssueDate: oct1})
	require.NoError(t, err)
	rest := period.Period{Start: oct1 + 15, End: nov1}
	lines := []invoice.Line{{Kind: invoice.LineCredit, Description: "unused", Period: rest, Quantity: 1, UnitPrice: eur("10.00"), Amount: eur("-5.00")}}
	cn, err := invoice.NewCreditNote(inv, rest.Start, rest, lines)
	require.NoError(t, err)
	require.NoError(t, cn.Validate())
	require.Equal(t, inv.Ref(), *cn.Credits)

	for name, tc := range map[string]struct {
		doc  invoice.Invoice
		edit func(*invoice.Invoice)
		want error
	}{
		"no currency":    {inv, func(v *invoice.Invoice) { v.Currency = 0 }, invoice.ErrUnknownCurrency},
		"invoice in USD": {inv, func(v *invoice.Invoice) { v.Currency = invoice.USD }, invoice.ErrCurrencyMismatch},
		"negative invoice": {inv, func(v *invoice.Invoice) {
			v.Kind = invoice.KindInvoice
			v.Lines = cn.Lines
			v.Period = cn.Period
			v.Subtotal, v.Total = cn.Subtotal, cn.Total
		}, invoice.ErrInvalidInvoice},
		"credited date in 10000": {cn, func(v *invoice.Invoice) { v.Credits = &invoice.Ref{IssueDate: period.MaxDate + 1, Period: oct21} }, period.ErrInvalidDate},
		"positive credit note": {cn, func(v *invoice.Invoice) {
			v.Lines, v.Subtotal, v.Total = inv.Lines, inv.Subtotal, inv.Total
			v.Period = oct21
		}, invoice.ErrInvalidInvoice},
		"sum beyond range": {inv, func(v *invoice.Invoice) { v.Lines = []invoice.Line{maxLine(), maxLine()} }, invoice.ErrOutOfRange},
	} {
		t.Run(name, func(t *testing.T) {
			v := tc.doc
			tc.edit(&v)
			require.ErrorIs(t, v.Validate(), tc.want)
		})
	}
	bad := inv
	bad.Total = eur("1.00")
	_, err = invoice.NewCreditNote(bad, rest.Start, rest, lines)
	require.ErrorIs(t, err, invoice.ErrInvalidInvoice)
	neg := func(l invoice.Line) invoice.Line {
		l.Kind, l.Period, l.Amount = invoice.LineCredit, rest, l.Amount.Neg()
		return l
	}
	_, err = invoice.NewCreditNote(inv, rest.Start, rest, []invoice.Line{neg(maxLine()), neg(maxLine())})
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
}

func maxLine() invoice.Line {
	m := minorOf(invoice.MaxMinor, invoice.EUR)
	return invoice.Line{Kind: invoice.LineFee, Period: oct21, Quantity: 1, UnitPrice: m, Amount: m}
}
