package invoice_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
)

// roundTrip checks, for data that decodes as a T, that it encodes and that
// decoding the encoding gives the same value: decode∘encode is the
// identity on what the decoder accepts. A whole null decodes to nothing
// and is skipped.
func roundTrip[T any](t *testing.T, data []byte, equal func(a, b T) bool) {
	t.Helper()
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s decoded as %+v but does not encode: %v", data, v, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s re-encoded as %s, which does not decode: %v", data, b, err)
	}
	if !equal(back, v) {
		t.Fatalf("%s decoded as %+v, then %s as %+v", data, v, b, back)
	}
}

func seeds(f *testing.F, values []any, texts ...string) {
	for _, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range texts {
		f.Add([]byte(s))
	}
}

func eq[T comparable](a, b T) bool { return a == b }

func FuzzMoneyJSON(f *testing.F) {
	seeds(f, []any{eur("29.90"), eur("-0.13"), invoice.MustParseMoney("500", invoice.JPY), invoice.MustParseMoney("1.250", invoice.KWD)},
		`{"amount":"29.905","currency":"EUR"}`, `{"amount":"1e3","currency":"EUR"}`, `{"amount":"+5","currency":"EUR"}`,
		`{"amount":".5","currency":"EUR"}`, `{"amount":"5","currency":"XXX"}`, `{"amount":29.90,"currency":"EUR"}`,
		`{"amount":"5"}`, `{"amount":"-0.00","currency":"EUR"}`, `{"amount":"1","amount":"2","currency":"EUR"}`,
		`null`, `{}`, `[]`, `"29.90 EUR"`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, eq[invoice.Money]) })
}

func samplePrice() invoice.Price {
	five := eur("5.00")
	return invoice.Price{
		Recurring: eur("10.00"),
		Features: []invoice.Feature{
			{Name: "Users", Kind: invoice.Limitation, QuantityIncluded: 1, QuantityCurrent: 2, UnitPrice: &five},
			{Name: "Sauna", Kind: invoice.OnOff, Included: true, Flat: &five},
			{Name: "Seats", Kind: invoice.Limitation, QuantityCurrent: 30, Tiers: tiers10_20(), TierMode: invoice.Graduated},
		},
		Discounts: []invoice.Discount{
			{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.NewFromInt(20), Periods: 3},
			{Name: "Loyalty", Kind: invoice.Fixed, Amount: eur("1.00")},
		},
	}
}

func FuzzPriceJSON(f *testing.F) {
	seeds(f, []any{samplePrice(), invoice.Price{Recurring: eur("0.00")}},
		`{"recurring":{"amount":"1.00","currency":"EUR"},"features":[{"name":"x","kind":"on_off","unit_price":{"amount":"1.00","currency":"EUR"}}]}`,
		`{"recurring":{"amount":"1.00","currency":"EUR"},"discounts":[{"name":"x","kind":"percent","percent":"1e1"}]}`,
		`{"recurring":{"amount":"1.00","currency":"EUR"},"features":null}`, `{"recurrng":{}}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, invoice.Price.Equal) })
}

func FuzzFeatureJSON(f *testing.F) {
	var values []any
	for _, x := range samplePrice().Features {
		values = append(values, x)
	}
	seeds(f, values, `{"name":"Users","kind":"limitation","quantity_current":-1}`, `{"name":"Users","kind":"limitation","quantity_current":1e3}`,
		`{"name":"S","kind":"limitation","tiers":[{"unit_price":{"amount":"1.00","currency":"EUR"}}]}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, invoice.Feature.Equal) })
}

func FuzzTierJSON(f *testing.F) {
	var values []any
	for _, x := range tiers10_20() {
		values = append(values, x)
	}
	seeds(f, values, `{"up_to":-1,"unit_price":{"amount":"1.00","currency":"EUR"}}`, `{"up_to":10}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, func(a, b invoice.Tier) bool {
			return invoice.Feature{Tiers: []invoice.Tier{a}}.Equal(invoice.Feature{Tiers: []invoice.Tier{b}})
		})
	})
}

func FuzzDiscountJSON(f *testing.F) {
	var values []any
	for _, x := range samplePrice().Discounts {
		values = append(values, x)
	}
	seeds(f, values, `{"name":"x","kind":"percent","percent":"12.50"}`, `{"name":"x","kind":"percent","percent":"0"}`,
		`{"name":"x","kind":"fixed","amount":{"amount":"0.00","currency":"EUR"}}`, `{"name":"x","kind":"percent","percent":20}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, invoice.Discount.Equal) })
}

func FuzzOverrideJSON(f *testing.F) {
	seeds(f, []any{invoice.Override{Amount: eur("0.00"), Reason: "paused"}},
		`{"amount":{"amount":"-1.00","currency":"EUR"},"reason":"x"}`, `{"amount":{"amount":"1.00","currency":"EUR"},"reason":" "}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, eq[invoice.Override]) })
}

func sampleInvoices(f *testing.F) []any {
	var out []any
	for _, s := range []invoice.Spec{
		{Price: invoice.Price{Recurring: eur("10.00")}, Period: oct21, IssueDate: oct1},
		{Price: samplePrice(), Period: oct21, IssueDate: oct1, Buyer: "company", Beneficiary: "employee",
			Fees: []invoice.Line{{Description: "Freeze fee", Amount: eur("3.00")}}},
		{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, IssueDate: feb1, Proration: &period.Fraction{Num: 5, Den: 28}},
		{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, IssueDate: feb1, Override: &invoice.Override{Amount: eur("0.00"), Reason: "paused"}},
	} {
		inv, err := invoice.Build(s)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, inv)
	}
	credited := out[0].(invoice.Invoice)
	cn, err := invoice.NewCreditNote(credited, oct1+14, period.Period{Start: oct1 + 14, End: nov1}, []invoice.Line{
		{Kind: invoice.LineCredit, Description: "unused days", Period: period.Period{Start: oct1 + 14, End: nov1}, Quantity: 1, UnitPrice: eur("10.00"), Amount: eur("-5.48")},
	})
	if err != nil {
		f.Fatal(err)
	}
	return append(out, cn)
}

func FuzzLineJSON(f *testing.F) {
	var values []any
	for _, inv := range sampleInvoices(f) {
		for _, l := range inv.(invoice.Invoice).Lines {
			values = append(values, l)
		}
	}
	seeds(f, values, `{"kind":"discount","period":{"start":"2021-10-01","end":"2021-11-01"},"quantity":1,"unit_price":{"amount":"1.00","currency":"EUR"},"amount":{"amount":"1.00","currency":"EUR"}}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, eq[invoice.Line]) })
}

func FuzzInvoiceJSON(f *testing.F) {
	seeds(f, sampleInvoices(f),
		`{"kind":"invoice","issue_date":"2021-02-30","period":{"start":"2021-10-01","end":"2021-11-01"},"lines":[],"subtotal":{"amount":"0.00","currency":"EUR"},"discount":{"amount":"0.00","currency":"EUR"},"total":{"amount":"0.00","currency":"EUR"},"currency":"EUR"}`,
		`{"kind":"credit_note","issue_date":"2021-10-01","period":{"start":"2021-11-01","end":"2021-10-01"},"lines":null,"currency":"EUR"}`,
		`{}`, `null`, `[]`, `{"lines":[{"kind":"bogus"}]}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, invoice.Invoice.Equal) })
}
