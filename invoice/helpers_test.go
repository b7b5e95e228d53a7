package invoice_test

import (
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
)

// Named dates used across the tests.
var (
	oct1  = period.MustParseDate("2021-10-01")
	nov1  = period.MustParseDate("2021-11-01")
	feb1  = period.MustParseDate("2025-02-01")
	mar1  = period.MustParseDate("2025-03-01")
	oct21 = period.Period{Start: oct1, End: nov1}
	feb25 = period.Period{Start: feb1, End: mar1} // 28 days
)

func eur(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }

func ptr(m invoice.Money) *invoice.Money { return &m }
