package subscription

import (
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/rickb777/date/v2"
)

// docs are the documents that adjustments issue, resolved by a projection:
// those issued on their own, in order of issue, and the lines carried to
// the invoice of a renewal, by the renewal's first day.
type docs struct {
	own   []invoice.Invoice
	carry map[date.Date][]invoice.Line
}

// resolveDocs resolves the documents of the adjustments of projection m.
// A ProrateAtRenewal adjustment carries its lines to the invoice of the
// next period; when there is none (the subscription ends, is suspended or
// paused there), or when they would take that invoice below zero, they
// are a document of their own on that day, or on the termination.
func (m *model) resolveDocs() error {
	if m.adjusts.len() == 0 {
		return nil
	}
	d := &m.idx.docs
	carried := map[date.Date][]adjustment{}
	for _, a := range m.adjusts.all() {
		if a.policy == ProrateAtRenewal {
			carried[a.period.End] = append(carried[a.period.End], a)
			continue
		}
		doc, err := a.document(m.t)
		if err != nil {
			return err
		}
		d.own = append(d.own, doc)
	}
	for on, as := range carried {
		var lines []invoice.Line
		for _, a := range as {
			l, err := a.lines()
			if err != nil {
				return err
			}
			lines = append(lines, l...)
		}
		if inv, ok := m.plainInvoiceAt(on); ok && fits(inv, lines) {
			if d.carry == nil {
				d.carry = map[date.Date][]invoice.Line{}
			}
			d.carry[on] = lines
			continue
		}
		for _, a := range as {
			a.on = min(on, m.idx.end)
			doc, err := a.document(m.t)
			if err != nil {
				return err
			}
			d.own = append(d.own, doc)
		}
	}
	slices.SortStableFunc(d.own, func(a, b invoice.Invoice) int { return int(a.IssueDate - b.IssueDate) })
	return nil
}

// fits reports whether lines can join inv without taking it below zero.
func fits(inv invoice.Invoice, lines []invoice.Line) bool {
	total := inv.Total
	for _, l := range lines {
		var err error
		if total, err = total.Add(l.Amount); err != nil {
			return false
		}
	}
	return !total.IsNegative()
}

// plainInvoiceAt returns the invoice in advance of the billing period that
// starts on d, without carried lines, and false if there is none.
func (m *model) plainInvoiceAt(d date.Date) (invoice.Invoice, bool) {
	var out invoice.Invoice
	found := false
	m.eachSlot(d, d+1, func(s slot) bool {
		if s.p.Start == d && m.issueDate(s) == d {
			inv, ok, err := m.invoiceOf(s, nil)
			out, found = inv, ok && err == nil
		}
		return false
	})
	return out, found
}

// withCarry returns inv with the lines carried to it, as one invoice.
func (m *model) withCarry(inv invoice.Invoice) (invoice.Invoice, error) {
	lines, ok := m.idx.docs.carry[inv.Period.Start]
	if !ok || inv.IssueDate != inv.Period.Start || inv.Kind != invoice.KindInvoice {
		return inv, nil
	}
	return invoice.NewDocument(invoice.KindInvoice, inv.IssueDate, inv.Period, nil, inv.Currency, inv.Buyer, inv.Beneficiary,
		append(slices.Clip(inv.Lines), lines...))
}

// ownIn returns the documents issued on their own with a period that
// shares a day with [from, to) (issuedIn false) or issued on a day of it
// (issuedIn true), in order of their periods.
func (m *model) ownIn(from, to date.Date, issuedIn bool) []invoice.Invoice {
	var out []invoice.Invoice
	for _, doc := range m.idx.docs.own {
		if issuedIn && doc.IssueDate >= from && doc.IssueDate < to ||
			!issuedIn && doc.Period.Start < to && from < doc.Period.End {
			out = append(out, doc)
		}
	}
	slices.SortStableFunc(out, func(a, b invoice.Invoice) int { return int(a.Period.Start - b.Period.Start) })
	return out
}
