package billing

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Invoice is one computed document — an invoice, which is charged, or a
// credit note, which gives money back for an invoice already issued — with
// what storage needs to file it.
type Invoice struct {
	// Key identifies the document within its subscription: its issue date
	// and the first day of the period it covers ("2025-03-01/2025-03-01"),
	// with "cn/" before a credit note's, and "#2", "#3"… after the second
	// and later documents of one kind issued on one day for periods that
	// start on one day (two quantity changes on a day, say).
	Key string
	// CreditNote reports whether the document is a credit note.
	CreditNote bool
	// Credits is the key of the invoice a credit note credits; empty for an
	// invoice.
	Credits string
	// IssueDate is the day the document is issued.
	IssueDate date.Date
	// PeriodStart and PeriodEnd are the half-open range it covers.
	PeriodStart, PeriodEnd date.Date
	// TotalMinor is the amount in minor units (2990 for 29.90 EUR): zero or
	// more for an invoice, negative for a credit note.
	TotalMinor int64
	// Currency is the ISO 4217 code of the amount.
	Currency string
	// JSON is the document's JSON form, the text frozen once it is issued.
	JSON []byte
}

// Kind returns "invoice" or "credit_note".
func (i Invoice) Kind() string {
	if i.CreditNote {
		return invoice.KindCreditNote.String()
	}
	return invoice.KindInvoice.String()
}

// keyer gives documents their keys: it counts the documents of one kind
// seen so far per issue date and period start. Feed it every document of a
// day, in the library's order, and the keys are stable.
type keyer map[string]int

// key returns the key of inv.
func (k keyer) key(inv invoice.Invoice) string {
	base := refKey(inv.IssueDate, inv.Period.Start)
	if inv.Kind == invoice.KindCreditNote {
		base = "cn/" + base
	}
	k[base]++
	if n := k[base]; n > 1 {
		return fmt.Sprintf("%s#%d", base, n)
	}
	return base
}

// refKey is the key of the first invoice issued on issued for a period
// that starts on start.
func refKey(issued, start date.Date) string { return issued.String() + "/" + start.String() }

// fromInvoice turns a library document into the layer's, with its key.
func fromInvoice(inv invoice.Invoice, k keyer) (Invoice, error) {
	b, err := json.Marshal(inv)
	if err != nil {
		return Invoice{}, err
	}
	out := Invoice{
		Key: k.key(inv), CreditNote: inv.Kind == invoice.KindCreditNote,
		IssueDate: inv.IssueDate, PeriodStart: inv.Period.Start, PeriodEnd: inv.Period.End,
		TotalMinor: inv.Total.Minor(), Currency: inv.Currency.Code(), JSON: b,
	}
	if inv.Credits != nil {
		out.Credits = refKey(inv.Credits.IssueDate, inv.Credits.Period.Start)
	}
	return out, nil
}

// Invoices returns the documents — invoices and credit notes — issued on a
// day of [from, to), issued already or planned, in the library's order.
func (s Subscription) Invoices(from, to date.Date) ([]Invoice, error) {
	var out []Invoice
	k := keyer{}
	for inv, err := range s.s.Invoices(period.Period{Start: from, End: to}) {
		if err != nil {
			return nil, err
		}
		v, err := fromInvoice(inv, k)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// SameInvoice reports whether two JSON forms of a document say the same
// thing: equal bytes, or equal once decoded (money compared by value).
func SameInvoice(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y invoice.Invoice
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return x.Equal(y)
}
