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
