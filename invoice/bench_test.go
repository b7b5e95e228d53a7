package invoice_test

import (
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/shopspring/decimal"
)

// BenchmarkBuild5Lines builds an invoice of five lines: the recurring
// price, two features, one discount and one fee.
func BenchmarkBuild5Lines(b *testing.B) {
	s := invoice.Spec{
		Price: invoice.Price{
			Recurring: eur("29.90"),
			Features: []invoice.Feature{
				{Name: "Sauna", Kind: invoice.OnOff, Included: true, Flat: ptr(eur("4.50"))},
				{Name: "Users", Kind: invoice.Limitation, QuantityIncluded: 2, QuantityCurrent: 5, UnitPrice: ptr(eur("5.00"))},
			},
			Discounts: []invoice.Discount{{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.NewFromInt(20), Periods: 3}},
		},
		Period: oct21, IssueDate: oct1,
		Fees: []invoice.Line{{Description: "Freeze fee", Amount: eur("3.00")}},
	}
	b.ReportAllocs()
	for b.Loop() {
		inv, err := invoice.Build(s)
		if err != nil || len(inv.Lines) != 5 {
			b.Fatalf("Build: %d lines, %v", len(inv.Lines), err)
		}
	}
}

// BenchmarkBuildPlain builds the invoice of a plain price, with no feature
// and no discount: the case every renewal of a simple plan takes. Issue 10
// wants it within 5× Schedule.PeriodOf and at most one allocation, the
// lines slice.
func BenchmarkBuildPlain(b *testing.B) {
	s := invoice.Spec{Price: invoice.Price{Recurring: eur("29.90")}, Period: oct21, IssueDate: oct1}
	b.ReportAllocs()
	for b.Loop() {
		inv, err := invoice.Build(s)
		if err != nil || len(inv.Lines) != 1 {
			b.Fatalf("Build: %d lines, %v", len(inv.Lines), err)
		}
	}
}
