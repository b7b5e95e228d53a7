package subscriptiontest_test

import (
	"iter"

	"github.com/billcycle/billcycle/invoice"
)

// collect returns the invoices of seq, or its error.
func collect(seq iter.Seq2[invoice.Invoice, error]) ([]invoice.Invoice, error) {
	var out []invoice.Invoice
	for inv, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// cents returns n minor units of c, within invoice.MaxMinor in the tests.
func cents(n int64, c invoice.Currency) invoice.Money {
	m, err := invoice.FromMinor(n, c)
	if err != nil {
		panic(err)
	}
	return m
}
