package subscription

import (
	"cmp"
	"iter"
	"slices"
	"sort"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// This file holds the walks over the invoices of a projection: those of
// the periods that share a day with a range (the timeline), those issued
// in a span (the views and the agenda), the failed invoices no period
// bills any more, and the reuse of a plain invoice's lines along a walk.

// lastPlain is the last plain invoice a walk over the slots built: one of
// a whole period at a plan's price, with neither a proration, an
// override, an extension, fees, carried lines, nor a discount that
// depends on the period's number or date (a discount for N periods, a
// discount granted). Its lines depend on the plan only, so
// the next plain period of the same plan copies them instead of pricing
// them again. The zero lastPlain holds none.
type lastPlain struct {
	plan *Plan
	inv  invoice.Invoice
}

// plain reports whether spec describes a plain invoice.
func plain(spec *invoice.Spec) bool {
	return spec.Kind == 0 && spec.Proration == nil && spec.Override == nil && len(spec.Fees) == 0 &&
		!slices.ContainsFunc(spec.Price.Discounts, func(d invoice.Discount) bool { return d.Periods > 0 })
}

// moved returns a copy of the last plain invoice for period p issued on
// issue: the same lines, over p.
func (c *lastPlain) moved(p period.Period, issue date.Date) invoice.Invoice {
	inv := c.inv
	lines := make([]invoice.Line, len(inv.Lines))
	copy(lines, inv.Lines)
	for i := range lines {
		lines[i].Period = p
	}
	inv.Lines, inv.Period, inv.IssueDate = lines, p, issue
	return inv
}

// invoices yields the invoices whose period shares a day with [from, to),
// in period order (see eachInvoice).
func (m *model) invoices(from, to date.Date) iter.Seq2[invoice.Invoice, error] {
	return func(yield func(invoice.Invoice, error) bool) { m.eachInvoice(from, to, yield) }
}

// eachInvoice calls yield with the invoices whose period shares a day with
// [from, to), in period order, the failed invoices that no billing period
// holds any more included, until yield returns false. Unlike invoices, it
// keeps m on the caller's stack.
func (m *model) eachInvoice(from, to date.Date, yield func(invoice.Invoice, error) bool) {
	span := period.Period{Start: from, End: to}
	if m.t.lead.Overlaps(span) {
		inv, ok, err := m.leadInvoice()
		if (ok || err != nil) && !yield(inv, err) {
			return
		}
	}
	if m.idx.err != nil {
		yield(invoice.Invoice{}, m.idx.err)
		return
	}
	orphans := m.extrasIn(m.orphansIn(span), m.ownIn(from, to, false))
	stopped := false
	var last lastPlain
	m.eachSlot(from, to, func(s slot) bool {
		for len(orphans) > 0 && orphans[0].Period.Start < s.p.Start {
			if !yield(orphans[0], nil) {
				stopped = true
				return false
			}
			orphans = orphans[1:]
		}
		inv, ok, err := m.invoiceOf(s, &last)
		if (ok || err != nil) && !yield(inv, err) {
			stopped = true
			return false
		}
		return true
	})
	for _, inv := range orphans {
		if stopped || !yield(inv, nil) {
			return
		}
	}
}

// extrasIn returns the failed invoices no period holds and the documents
// of changes, together in period order.
func (m *model) extrasIn(orphans, own []invoice.Invoice) []invoice.Invoice {
	if len(own) == 0 {
		return orphans
	}
	out := append(slices.Clip(orphans), own...)
	slices.SortStableFunc(out, func(a, b invoice.Invoice) int { return int(a.Period.Start - b.Period.Start) })
	return out
}

// orphansIn returns, in period order, the failed invoices whose period
// shares a day with span and that no billing period holds.
func (m *model) orphansIn(span period.Period) []invoice.Invoice {
	var out []invoice.Invoice // a timeline's: it lists every retry period anyway
	for _, inv := range m.orphans(period.Period{Start: period.MinDate, End: lastDay + 1}) {
		if inv.Period.Overlaps(span) {
			out = append(out, inv)
		}
	}
	return out
}

// issued returns the invoices issued on a day in [from, to).
func (m *model) issued(from, to date.Date) ([]invoice.Invoice, error) {
	v := m
	if !v.projected {
		v = m.project()
	}
	var out []invoice.Invoice
	var err error
	v.eachIssued(period.Period{Start: from, End: to}, func(inv invoice.Invoice, e error) bool {
		if e != nil {
			err = e
			return false
		}
		out = append(out, inv)
		return true
	})
	return out, err
}

// eachIssued calls yield with the invoices issued on a day of span, in
// period order, building no other.
func (m *model) eachIssued(span period.Period, yield func(invoice.Invoice, error) bool) {
	if m.t.lead.Days() > 0 {
		inv, ok, err := m.leadInvoice()
		if (err != nil || (ok && span.Contains(inv.IssueDate))) && !yield(inv, err) {
			return
		}
	}
	if m.idx.err != nil {
		yield(invoice.Invoice{}, m.idx.err)
		return
	}
	orphans := m.orphans(span)
	orphans = m.extrasIn(orphans, m.ownIn(span.Start, span.End, true))
	// An invoice in arrears is issued at its period's end, or on the
	// termination that cuts it short: look one day back.
	stopped := false
	var last lastPlain
	m.eachSlot(span.Start-1, span.End, func(s slot) bool {
		for len(orphans) > 0 && orphans[0].Period.Start < s.p.Start {
			if stopped = !yield(orphans[0], nil); stopped {
				return false
			}
			orphans = orphans[1:]
		}
		if s.paused >= 0 || m.freeTrial(s) || !span.Contains(m.issueDate(s)) {
			return true
		}
		inv, ok, err := m.invoiceOf(s, &last)
		stopped = (ok || err != nil) && !yield(inv, err)
		return !stopped
	})
	for _, inv := range orphans {
		if stopped || !yield(inv, nil) {
			return
		}
	}
}

// orphans returns, in period order, the failed invoices issued on a day of
// issued that the projection no longer bills (see bills): the service
// stopped on their issue day, or a renewal replaced their period. The
// retry periods are in issue date order, so only those of the span are
// looked at.
func (m *model) orphans(issued period.Period) []invoice.Invoice {
	var out []invoice.Invoice
	n := m.nretries()
	for i := sort.Search(n, func(i int) bool { return m.retry(i).due >= issued.Start }); i < n && m.retry(i).due < issued.End; i++ {
		if r := m.retry(i); !m.bills(r) {
			out = append(out, r.inv)
		}
	}
	if r := m.open; r != nil && issued.Contains(r.due) && !m.bills(r) {
		out = append(out, r.inv)
	}
	slices.SortStableFunc(out, func(a, b invoice.Invoice) int { return cmp.Compare(a.Period.Start, b.Period.Start) })
	return out
}

// bills reports whether the projection still bills the failed invoice of
// r: the lead with an invoice, or a billing period of the run that billed
// it starting where the invoice's does. (Its amount may differ from r's
// copy when an event of its issue day changed it, a termination that day
// prorating it.)
func (m *model) bills(r *retryRec) bool {
	start := r.inv.Period.Start
	if l := m.t.lead; l.Days() > 0 && start == l.Start {
		_, ok, err := m.leadInvoice()
		return ok && err == nil
	}
	for s := range m.slots(start, start+1) {
		if s.p.Start == start {
			return s.run == r.run && s.paused < 0
		}
	}
	return false
}
