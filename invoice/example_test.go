package invoice_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
)

func ExampleAllocate() {
	// 30.00 EUR spread over three periods of 28, 31 and 30 days.
	total := invoice.MustParseMoney("30.00", invoice.EUR)
	parts, err := invoice.Allocate(total, []int64{28, 31, 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(parts)
	// Output:
	// [9.44 EUR 10.45 EUR 10.11 EUR]
}

func ExampleParseMoney() {
	m, err := invoice.ParseMoney("29.90", invoice.EUR)
	fmt.Println(m, err)

	_, err = invoice.ParseMoney("29.905", invoice.EUR)
	fmt.Println(errors.Is(err, invoice.ErrInvalidAmount))

	y, _ := invoice.ParseMoney("500", invoice.JPY)
	fmt.Println(y)
	// Output:
	// 29.90 EUR <nil>
	// true
	// 500 JPY
}

func ExampleBuild() {
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	five := eur("5.00")
	price := invoice.Price{
		Recurring: eur("10.00"),
		Features: []invoice.Feature{
			{Name: "Mypulse Access", Kind: invoice.OnOff, Included: true},
			{Name: "Users", Kind: invoice.Limitation, QuantityIncluded: 0, QuantityCurrent: 2, UnitPrice: &five},
		},
		Discounts: []invoice.Discount{
			{Name: "Welcome 20%", Kind: invoice.Percent, Percent: decimal.NewFromInt(20), Periods: 3},
		},
	}
	oct1 := period.MustParseDate("2021-10-01")
	inv, err := invoice.Build(invoice.Spec{
		Price:     price,
		Period:    period.Period{Start: oct1, End: period.MustParseDate("2021-11-01")},
		Number:    0,
		IssueDate: oct1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range inv.Lines {
		fmt.Printf("%-9s %-11s %d × %-9s %10s\n", l.Kind, l.Description, l.Quantity, l.UnitPrice, l.Amount)
	}
	fmt.Println("subtotal", inv.Subtotal, "discount", inv.Discount, "total", inv.Total)
	// Output:
	// recurring recurring   1 × 10.00 EUR  10.00 EUR
	// feature   Users       2 × 5.00 EUR   10.00 EUR
	// discount  Welcome 20% 1 × -4.00 EUR  -4.00 EUR
	// subtotal 20.00 EUR discount -4.00 EUR total 16.00 EUR
}

func ExampleMustParseMoney() {
	fee := invoice.MustParseMoney("3", invoice.EUR)
	fmt.Println(fee, fee.Minor(), fee.Currency().Digits())
	// Output: 3.00 EUR 300 2
}

func ExampleFromMinor() {
	m, err := invoice.FromMinor(2990, invoice.EUR)
	fmt.Println(m, err)
	_, err = invoice.FromMinor(invoice.MaxMinor+1, invoice.EUR)
	fmt.Println(err)
	// Output:
	// 29.90 EUR <nil>
	// invoice: amount out of range: 1000000000000001 minor units of EUR, beyond ±1000000000000000
}

// FromDecimal converts from decimal arithmetic done elsewhere, exactly: a
// decimal finer than the minor unit is an error, never rounded.
func ExampleFromDecimal() {
	m, err := invoice.FromDecimal(decimal.RequireFromString("12.5"), invoice.EUR)
	fmt.Println(m, err)
	_, err = invoice.FromDecimal(decimal.RequireFromString("0.125"), invoice.EUR)
	fmt.Println(err)
	fmt.Println(m.Decimal())
	// Output:
	// 12.50 EUR <nil>
	// invoice: invalid amount 0.125 in EUR: more than 2 minor digits
	// 12.5
}

func ExampleZero() {
	fmt.Println(invoice.Zero(invoice.JPY), invoice.Zero(invoice.KWD).IsZero())
	// Output: 0 JPY true
}

func ExampleParseCurrency() {
	c, err := invoice.ParseCurrency("KWD")
	fmt.Println(c, c.Digits(), err)
	_, err = invoice.ParseCurrency("eur")
	fmt.Println(errors.Is(err, invoice.ErrUnknownCurrency))
	// Output:
	// KWD 3 <nil>
	// true
}

func ExampleMoney_Add() {
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	fmt.Println(eur("29.90").Add(eur("0.10")))
	fmt.Println(eur("29.90").Sub(eur("30.00")))
	fmt.Println(eur("29.90").Mul(3))
	_, err := eur("1.00").Add(invoice.MustParseMoney("1.00", invoice.USD))
	fmt.Println(err)
	// Output:
	// 30.00 EUR <nil>
	// -0.10 EUR <nil>
	// 89.70 EUR <nil>
	// invoice: currency mismatch: add 1.00 EUR and 1.00 USD
}

// MulRatio prorates: rounded once, half away from zero.
func ExampleMoney_MulRatio() {
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	fmt.Println(eur("10.00").MulRatio(5, 28))
	fmt.Println(eur("1.00").MulRatio(1, 8))
	fmt.Println(eur("-1.00").MulRatio(1, 8))
	// Output:
	// 1.79 EUR <nil>
	// 0.13 EUR <nil>
	// -0.13 EUR <nil>
}

func ExampleMoney_Percent() {
	m := invoice.MustParseMoney("29.90", invoice.EUR)
	fmt.Println(m.Percent(decimal.NewFromInt(20)))
	_, err := m.Percent(decimal.NewFromInt(120))
	fmt.Println(err)
	// Output:
	// 5.98 EUR <nil>
	// invoice: invalid percentage: 120%: want more than 0 and at most 100, with at most 16 fraction digits
}

func ExampleMoney_Cmp() {
	a, b := invoice.MustParseMoney("9.99", invoice.EUR), invoice.MustParseMoney("10", invoice.EUR)
	fmt.Println(a.Cmp(b))
	fmt.Println(a.Neg(), a.Neg().IsNegative(), a == invoice.MustParseMoney("9.990", invoice.KWD))
	// Output:
	// -1 <nil>
	// -9.99 EUR true false
}

func ExampleMoney_Text() {
	for _, m := range []invoice.Money{
		invoice.MustParseMoney("29.9", invoice.EUR),
		invoice.MustParseMoney("500", invoice.JPY),
		invoice.MustParseMoney("-1.5", invoice.KWD),
	} {
		fmt.Printf("%s | %s | %#v\n", m.Text(), m, m)
	}
	// Output:
	// 29.90 | 29.90 EUR | 29.90 EUR
	// 500 | 500 JPY | 500 JPY
	// -1.500 | -1.500 KWD | -1.500 KWD
}

func ExampleMoney_UnmarshalJSON() {
	var m invoice.Money
	fmt.Println(json.Unmarshal([]byte(`{"amount":"29.90","currency":"EUR"}`), &m), m)
	b, _ := json.Marshal(m)
	fmt.Println(string(b))
	for _, bad := range []string{
		`{"amount":"29.905","currency":"EUR"}`,
		`{"amount":29.90,"currency":"EUR"}`,
		`{"amount":"29.90","currency":"EUR","currency":"USD"}`,
		`{"amount":"1e18","currency":"EUR"}`,
	} {
		fmt.Println(json.Unmarshal([]byte(bad), &m))
	}
	// Output:
	// <nil> 29.90 EUR
	// {"amount":"29.90","currency":"EUR"}
	// invoice: field amount: invalid amount "29.905" in EUR: more than 2 minor digits
	// invoice: field amount: invalid amount: want a string, got "29.90"
	// invoice: field currency: invalid amount: duplicate key
	// invoice: field amount: invalid amount "1e18" in EUR: want a plain decimal such as 29.90
}

func ExampleParsePercent() {
	p, err := invoice.ParsePercent("12.5")
	fmt.Println(p, err)
	_, err = invoice.ParsePercent("1e1")
	fmt.Println(err)
	fmt.Println(invoice.CheckPercent(decimal.NewFromInt(0)))
	// Output:
	// 12.5 <nil>
	// invoice: invalid percentage "1e1": want a plain decimal such as 20 or 12.5, at most 100
	// invoice: invalid percentage: 0%: want more than 0 and at most 100, with at most 16 fraction digits
}

func ExamplePrice_Validate() {
	p := invoice.Price{
		Recurring: invoice.MustParseMoney("10.00", invoice.EUR),
		Discounts: []invoice.Discount{{Name: "Loyalty", Kind: invoice.Fixed, Amount: invoice.MustParseMoney("1.00", invoice.USD)}},
	}
	fmt.Println(p.Validate())
	// Output: invoice: currency mismatch: fixed discount 1.00 USD, price in EUR (discount 0 "Loyalty")
}

func ExamplePrice_UnmarshalJSON() {
	var p invoice.Price
	err := json.Unmarshal([]byte(`{
		"recurring": {"amount": "10.00", "currency": "EUR"},
		"features": [{"name": "Users", "kind": "limitation", "quantity_current": 2,
			"unit_price": {"amount": "5.00", "currency": "EUR"}}],
		"discounts": [{"name": "Welcome", "kind": "percent", "percent": "20", "periods": 3}]
	}`), &p)
	fmt.Println(err, p.Recurring, p.Features[0].Name, p.Discounts[0].Percent)
	err = json.Unmarshal([]byte(`{"recurring": {"amount": "10.00", "currency": "EUR"},
		"features": [{"name": "Users", "kind": "limitation", "quantity_curent": 2}]}`), &p)
	fmt.Println(err)
	// Output:
	// <nil> 10.00 EUR Users 20
	// invoice: field features[0].quantity_curent: invalid feature: unknown field
}

func ExampleDiscount_AppliesTo() {
	d := invoice.Discount{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.NewFromInt(20), Periods: 3}
	fmt.Println(d.AppliesTo(0), d.AppliesTo(2), d.AppliesTo(3))
	// Output: true true false
}

// A proration bills part of a period: each line is prorated and rounded
// once.
func ExampleBuild_proration() {
	feb := period.Period{Start: period.MustParseDate("2025-02-01"), End: period.MustParseDate("2025-03-01")}
	inv, err := invoice.Build(invoice.Spec{
		Price:     invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Period:    feb,
		IssueDate: feb.Start,
		Proration: &period.Fraction{Num: 5, Den: 28},
	})
	fmt.Println(err, inv.Lines[0].Kind, inv.Lines[0].Description, inv.Total)
	// Output: <nil> proration proration 5/28 1.79 EUR
}

func ExampleBuild_override() {
	oct := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-11-01")}
	inv, err := invoice.Build(invoice.Spec{
		Price:    invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)},
		Period:   oct,
		Override: &invoice.Override{Amount: invoice.Zero(invoice.EUR), Reason: "paused"},
		Fees:     []invoice.Line{{Description: "Freeze fee", Amount: invoice.MustParseMoney("5.00", invoice.EUR)}},
	})
	for _, l := range inv.Lines {
		fmt.Println(l.Kind, l.Description, l.Amount)
	}
	fmt.Println(err, inv.Total)
	// Output:
	// override paused 0.00 EUR
	// fee Freeze fee 5.00 EUR
	// <nil> 5.00 EUR
}

// A credit note gives back the unused days of an invoice already issued:
// a downgrade on 2021-10-16 credits 16 of the 31 days of October at the old
// price and charges them at the new one. Issued invoices never change.
func ExampleNewCreditNote() {
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	oct := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-11-01")}
	inv, _ := invoice.Build(invoice.Spec{Price: invoice.Price{Recurring: eur("31.00")}, Period: oct, IssueDate: oct.Start})
	change := period.MustParseDate("2021-10-16")
	rest := period.Period{Start: change, End: oct.End}
	old, _ := eur("31.00").MulRatio(16, 31)
	cheaper, _ := eur("15.50").MulRatio(16, 31)
	cn, err := invoice.NewCreditNote(inv, change, rest, []invoice.Line{
		{Kind: invoice.LineCredit, Description: "unused days, old plan", Period: rest, Quantity: 1, UnitPrice: eur("31.00"), Amount: old.Neg()},
		{Kind: invoice.LineProration, Description: "remaining days, new plan", Period: rest, Quantity: 1, UnitPrice: eur("15.50"), Amount: cheaper},
	})
	fmt.Println(err, cn.Kind, cn.Total, cn.Credits)
	_, err = invoice.NewCreditNote(inv, change, rest, []invoice.Line{
		{Kind: invoice.LineCredit, Description: "too much", Period: rest, Quantity: 1, UnitPrice: eur("40.00"), Amount: eur("-40.00")},
	})
	fmt.Println(err)
	// Output:
	// <nil> credit_note -8.00 EUR invoice of [2021-10-01, 2021-11-01) issued 2021-10-01
	// invoice: invalid invoice: credit note gives back 40.00 EUR, more than the 31.00 EUR invoiced by the invoice of [2021-10-01, 2021-11-01) issued 2021-10-01
}

func ExampleInvoice_Validate() {
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	oct := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-11-01")}
	inv, _ := invoice.Build(invoice.Spec{Price: invoice.Price{Recurring: eur("10.00")}, Period: oct, IssueDate: oct.Start})
	fmt.Println(inv.Validate(), inv.IsIssued(oct.Start), inv.IsIssued(oct.Start-1))
	inv.Lines[0].Amount = eur("-10.00")
	fmt.Println(inv.Validate())
	// Output:
	// <nil> true false
	// invoice: invalid invoice: recurring line "recurring" of -10.00 EUR: want zero or positive (line 0)
}

func ExampleLine_Validate() {
	oct := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-11-01")}
	five := invoice.MustParseMoney("5.00", invoice.EUR)
	fmt.Println(invoice.Line{Kind: invoice.LineDiscount, Description: "Welcome", Period: oct, Quantity: 1, UnitPrice: five, Amount: five}.Validate())
	fmt.Println(invoice.Line{Kind: invoice.LineFee, Description: "Freeze", Period: oct, Quantity: 0, UnitPrice: five, Amount: five}.Validate())
	// Output:
	// invoice: invalid invoice: discount line "Welcome" of 5.00 EUR: want zero or negative
	// invoice: invalid quantity: fee line "Freeze" of quantity 0: want 1 to 1000000000000000
}

func ExampleInvoice_UnmarshalJSON() {
	var inv invoice.Invoice
	err := json.Unmarshal([]byte(`{"kind":"invoice","issue_date":"2021-10-01",
		"period":{"start":"2021-10-01","end":"2021-11-01"},
		"lines":[{"kind":"recurring","description":"recurring","period":{"start":"2021-10-01","end":"2021-11-01"},
			"quantity":1,"unit_price":{"amount":"10.00","currency":"EUR"},"amount":{"amount":"10.00","currency":"EUR"}}],
		"subtotal":{"amount":"10.00","currency":"EUR"},"discount":{"amount":"0.00","currency":"EUR"},
		"total":{"amount":"9.00","currency":"EUR"},"currency":"EUR"}`), &inv)
	fmt.Println(err)
	// Output: invoice: invalid invoice: total 9.00 EUR; the lines add up to 10.00 EUR
}

func ExampleCheckPercent() {
	fmt.Println(invoice.CheckPercent(decimal.RequireFromString("33.3333333333333333")))
	fmt.Println(invoice.CheckPercent(decimal.NewFromInt(101)))
	// Output:
	// <nil>
	// invoice: invalid percentage: 101%: want more than 0 and at most 100, with at most 16 fraction digits
}

func ExampleCurrency_Digits() {
	for _, c := range []invoice.Currency{invoice.EUR, invoice.JPY, invoice.KWD} {
		fmt.Println(c.Code(), c.Digits(), c.Valid())
	}
	fmt.Println(invoice.Currency(0).Valid(), invoice.Currency(0))
	// Output:
	// EUR 2 true
	// JPY 0 true
	// KWD 3 true
	// false currency(0)
}

// Minor, Currency and Decimal read money back: minor units are exact, and
// Decimal is for interop with decimal arithmetic done elsewhere.
func ExampleMoney_Minor() {
	m := invoice.MustParseMoney("-12.5", invoice.KWD)
	fmt.Println(m.Minor(), m.Currency(), m.Decimal(), m.IsNegative(), m.IsZero())
	// Output: -12500 KWD -12.5 true false
}

func ExampleMoney_Sub() {
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	fmt.Println(eur("10.00").Sub(eur("12.50")))
	max, _ := invoice.FromMinor(invoice.MaxMinor, invoice.EUR)
	_, err := max.Neg().Sub(eur("0.01"))
	fmt.Println(err)
	// Output:
	// -2.50 EUR <nil>
	// invoice: amount out of range: add -10000000000000.00 EUR and -0.01 EUR: beyond ±10000000000000.00 EUR
}

func ExampleMoney_Mul() {
	fmt.Println(invoice.MustParseMoney("4.99", invoice.EUR).Mul(12))
	_, err := invoice.MustParseMoney("4.99", invoice.EUR).Mul(1 << 62)
	fmt.Println(errors.Is(err, invoice.ErrOutOfRange))
	// Output:
	// 59.88 EUR <nil>
	// true
}

func ExampleMoney_Neg() {
	fmt.Println(invoice.MustParseMoney("5.98", invoice.EUR).Neg())
	// Output: -5.98 EUR
}

func ExampleDiscount_UnmarshalJSON() {
	var d invoice.Discount
	fmt.Println(json.Unmarshal([]byte(`{"name":"Welcome","kind":"percent","percent":"12.50","periods":3}`), &d), d.Percent, d.Periods)
	fmt.Println(json.Unmarshal([]byte(`{"name":"Welcome","kind":"percent","percent":"1e1"}`), &d))
	fmt.Println(d.Equal(invoice.Discount{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.RequireFromString("12.5"), Periods: 3}))
	// Output:
	// <nil> 12.5 3
	// invoice: field percent: invalid percentage "1e1": want a plain decimal such as 20 or 12.5, at most 100
	// true
}

func ExampleFeature_UnmarshalJSON() {
	var f invoice.Feature
	err := json.Unmarshal([]byte(`{"name":"Users","kind":"limitation","quantity_included":2,"quantity_current":5,
		"unit_price":{"amount":"5.00","currency":"EUR"}}`), &f)
	fmt.Println(err, f.Name, f.QuantityCurrent, *f.UnitPrice)
	fmt.Println(json.Unmarshal([]byte(`{"name":"Users","kind":"limitation","quantity_current":-3}`), &f))
	fmt.Println(f.Equal(f))
	// Output:
	// <nil> Users 5 5.00 EUR
	// invoice: invalid quantity: quantity current -3: want 0 to 1000000000000000
	// true
}

func ExampleTier_UnmarshalJSON() {
	var t invoice.Tier
	fmt.Println(json.Unmarshal([]byte(`{"up_to":10,"unit_price":{"amount":"1.00","currency":"EUR"},"flat":{"amount":"2.00","currency":"EUR"}}`), &t), t.UpTo, t.UnitPrice, *t.Flat)
	fmt.Println(json.Unmarshal([]byte(`{"up_to":10}`), &t))
	// Output:
	// <nil> 10 1.00 EUR 2.00 EUR
	// invoice: field unit_price: invalid tiers: missing
}

func ExampleOverride_UnmarshalJSON() {
	var o invoice.Override
	fmt.Println(json.Unmarshal([]byte(`{"amount":{"amount":"0.00","currency":"EUR"},"reason":"paused"}`), &o), o.Amount, o.Reason)
	fmt.Println(json.Unmarshal([]byte(`{"amount":{"amount":"0.00","currency":"EUR"},"reason":" "}`), &o))
	// Output:
	// <nil> 0.00 EUR paused
	// invoice: override without a reason: override to 0.00 EUR has reason " "
}

func ExampleLine_UnmarshalJSON() {
	var l invoice.Line
	err := json.Unmarshal([]byte(`{"kind":"credit","description":"unused days","period":{"start":"2021-10-16","end":"2021-11-01"},
		"quantity":1,"unit_price":{"amount":"31.00","currency":"EUR"},"amount":{"amount":"-16.00","currency":"EUR"}}`), &l)
	fmt.Println(err, l.Kind, l.Kind.Credits(), l.Amount)
	// Output: <nil> credit true -16.00 EUR
}

// A credit note names the invoice it credits by its Ref.
func ExampleInvoice_Ref() {
	oct := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-11-01")}
	inv, _ := invoice.Build(invoice.Spec{Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}, Period: oct, IssueDate: oct.Start})
	b, _ := json.Marshal(inv.Ref())
	fmt.Println(string(b))
	var r invoice.Ref
	fmt.Println(json.Unmarshal(b, &r), r == inv.Ref(), inv.Equal(inv))
	// Output:
	// {"issue_date":"2021-10-01","period":{"start":"2021-10-01","end":"2021-11-01"}}
	// <nil> true true
}

func ExamplePrice_Equal() {
	a := invoice.Price{Recurring: invoice.MustParseMoney("10", invoice.EUR)}
	b := invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR), Features: []invoice.Feature{}}
	fmt.Println(a.Equal(b), a.Currency())
	// Output: true EUR
}
