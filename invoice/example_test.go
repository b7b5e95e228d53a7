package invoice_test

import (
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
			{Name: "Users", Kind: invoice.Limitation, QuantityIncluded: 0, QuantityUsed: 2, UnitPrice: &five},
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
