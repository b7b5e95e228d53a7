package invoice_test

import (
	"encoding/json"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
)

func FuzzMoneyJSON(f *testing.F) {
	for _, s := range []string{
		`{"amount":"29.90","currency":"EUR"}`,
		`{"amount":"-0.13","currency":"EUR"}`,
		`{"amount":"500","currency":"JPY"}`,
		`{"amount":"1.250","currency":"KWD"}`,
		`{"amount":"29.905","currency":"EUR"}`,
		`{"amount":"1e3","currency":"EUR"}`,
		`{"amount":"+5","currency":"EUR"}`,
		`{"amount":".5","currency":"EUR"}`,
		`{"amount":"5","currency":"XXX"}`,
		`{"amount":29.90,"currency":"EUR"}`,
		`{"amount":"5"}`,
		`null`, `{}`, `[]`, `"29.90 EUR"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m invoice.Money
		if err := json.Unmarshal(data, &m); err != nil {
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("%s decoded as %s but does not encode: %v", data, m, err)
		}
		var back invoice.Money
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s re-encoded as %s, which does not decode: %v", data, b, err)
		}
		if !back.Equal(m) {
			t.Fatalf("%s decoded as %s, then %s as %s", data, m, b, back)
		}
	})
}

func FuzzInvoiceJSON(f *testing.F) {
	five := eur("5.00")
	for _, s := range []invoice.Spec{
		{Price: invoice.Price{Recurring: eur("10.00")}, Period: oct21, IssueDate: oct1},
		{
			Price: invoice.Price{
				Recurring: eur("10.00"),
				Features:  []invoice.Feature{{Name: "Users", Kind: invoice.Limitation, QuantityUsed: 2, UnitPrice: &five}},
				Discounts: []invoice.Discount{{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.NewFromInt(20), Periods: 3}},
			},
			Period: oct21, IssueDate: oct1, Buyer: "company", Beneficiary: "employee",
			Fees: []invoice.Line{{Description: "Freeze fee", Amount: eur("3.00")}},
		},
		{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, IssueDate: feb1, Proration: &period.Fraction{Num: 5, Den: 28}},
		{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, IssueDate: feb1, Override: &invoice.Override{Amount: eur("0.00"), Reason: "paused"}},
	} {
		inv, err := invoice.Build(s)
		if err != nil {
			f.Fatal(err)
		}
		b, err := json.Marshal(inv)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`{"issue_date":"2021-02-30","period":{"start":"2021-10-01","end":"2021-11-01"},"lines":[],"subtotal":{"amount":"0.00","currency":"EUR"},"discount":{"amount":"0.00","currency":"EUR"},"total":{"amount":"0.00","currency":"EUR"},"currency":"EUR"}`,
		`{"issue_date":"2021-10-01","period":{"start":"2021-10-01","end":"2021-11-01"},"lines":[],"subtotal":{"amount":"1.00","currency":"EUR"},"discount":{"amount":"0.00","currency":"EUR"},"total":{"amount":"1.00","currency":"EUR"},"currency":"EUR"}`,
		`{"issue_date":"2021-10-01","period":{"start":"2021-11-01","end":"2021-10-01"},"lines":null,"currency":"EUR"}`,
		`{}`, `null`, `[]`, `{"lines":[{"kind":"bogus"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var inv invoice.Invoice
		if err := json.Unmarshal(data, &inv); err != nil {
			return
		}
		b, err := json.Marshal(inv)
		if err != nil {
			t.Fatalf("%s decoded but does not encode: %v", data, err)
		}
		var back invoice.Invoice
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s re-encoded as %s, which does not decode: %v", data, b, err)
		}
		if !back.Equal(inv) {
			t.Fatalf("%s decoded as %+v, then %s as %+v", data, inv, b, back)
		}
	})
}
