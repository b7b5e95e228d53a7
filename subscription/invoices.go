package subscription

import (
	"iter"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// This file holds the invoice rules: what each billing period bills, as an
// invoice.Spec, and the invoices of a range of days. Every function here
// reads a projection.

// invoiceOf returns the invoice of a slot, and false for a slot without
// one (a paused period or a free trial period).
func (m *model) invoiceOf(s slot) (invoice.Invoice, bool, error) {
	if s.paused >= 0 || m.freeTrial(s) {
		return invoice.Invoice{}, false, nil
	}
	r := m.run(s.run)
	spec := invoice.Spec{Price: r.plan.Price, Period: s.p, Number: m.discountNumber(s), IssueDate: m.issueDate(s),
		Buyer: m.t.buyer, Beneficiary: m.t.beneficiary}
	if r.renewal && s.k == r.firstK {
		spec.Kind = invoice.LineRenewal
	}
	if m.inTrial(s) {
		spec.Price = invoice.Price{Recurring: *m.t.plan.Trial.Price}
	}
	if f, ok := m.proration(s); ok {
		spec.Proration = &f
	}
	if i, ok := m.pidx.extensionOf(s.counted); ok {
		spec.Kind = invoice.LineExtension
		if a := m.pauses[i].flex.Extension.Amount; a != nil {
			// The caller set the amount of each added period.
			spec.Price = invoice.Price{Recurring: *a}
		}
	}
	if err := m.overrideOf(s, &spec); err != nil {
		return invoice.Invoice{}, false, err
	}
	fees, err := m.feeLines(s)
	if err != nil {
		return invoice.Invoice{}, false, err
	}
	spec.Fees = fees
	inv, err := invoice.Build(spec)
	return inv, err == nil, err
}

// proration returns the part of slot s that its invoice bills when the
// subscription ends inside it: in arrears, the days served; in advance,
// the days before a termination decided by the day the invoice is issued
// (an invoice issued before the decision stays as it was).
func (m *model) proration(s slot) (period.Fraction, bool) {
	r := m.run(s.run)
	cut := min(r.until, m.idx.end)
	if cut >= s.p.End {
		return period.Fraction{}, false
	}
	if r.plan.billing() != InArrears && (cut != m.idx.end || m.endOn > s.p.Start) {
		return period.Fraction{}, false
	}
	f, err := period.Coverage(s.p, period.Period{Start: s.p.Start, End: cut})
	return f, err == nil
}

// discountNumber returns the number of slot s among the periods billed at
// its plan's price since the plan was taken: discounts for the first N
// periods count from there, trial periods excluded.
func (m *model) discountNumber(s slot) int {
	base := m.run(m.run(s.run).planRun)
	pos := base.slotBase
	first := pos - m.idx.pausedBelow(pos)
	if base.slotBase > 0 {
		first += m.t.stubBilled()
	}
	n := s.billed - first
	if m.run(s.run).planRun == 0 {
		n -= min(s.k, m.t.plan.Trial.Periods)
	}
	return max(n, 0)
}

// overrideOf sets the override of spec when a flexible pause overrides the
// invoice of slot s.
func (m *model) overrideOf(s slot, spec *invoice.Spec) error {
	for _, o := range m.pidx.overridesOf(s.p) {
		p := m.pauses[o.pause].flex
		switch o.o.Mode {
		case pause.FixedAmount:
			spec.Override = &invoice.Override{Amount: o.o.Amount, Reason: "pause: " + p.Reason}
		case pause.Prorated:
			full, err := invoice.Build(*spec)
			if err != nil {
				return err
			}
			in, ok := s.p.Intersect(p.Days)
			if !ok {
				continue
			}
			a, err := pause.SuggestedAmount(full.Total, pause.Touch{Period: s.p, PausedDays: in.Days(), Days: s.p.Days()})
			if err != nil {
				return err
			}
			spec.Override = &invoice.Override{Amount: a, Reason: "pause, prorated: " + p.Reason}
		}
	}
	return nil
}

// overridesOf returns the overrides of the billing period p.
func (x *pauseIndex) overridesOf(p period.Period) []override {
	if x == nil {
		return nil
	}
	lo := 0
	for lo < len(x.overs) && x.overs[lo].period.Start < p.Start {
		lo++
	}
	hi := lo
	for hi < len(x.overs) && x.overs[hi].period.Start == p.Start {
		hi++
	}
	out := x.overs[lo:hi]
	for i, o := range out {
		if o.period != p {
			return out[:i]
		}
	}
	return out
}

// feeLines returns the freeze fee lines that belong on the invoice of slot
// s: each pause's fee goes on the first invoice issued after the pause was
// decided.
func (m *model) feeLines(s slot) ([]invoice.Line, error) {
	var lines []invoice.Line
	for _, f := range m.idx.fees {
		if f.pos != s.pos {
			continue
		}
		p := &m.pauses[f.pause]
		amount, err := p.fee.Amount(m.run(s.run).plan.Price.Recurring)
		if err != nil {
			return nil, err
		}
		lines = append(lines, invoice.Line{Kind: invoice.LineFee, Description: "pause fee: " + p.reason(),
			Period: s.p, Quantity: 1, UnitPrice: amount, Amount: amount})
	}
	return lines, nil
}

// leadInvoice returns the invoice of the paid trial in days or of the stub
// before a later anchor, and false if there is none.
func (m *model) leadInvoice() (invoice.Invoice, bool, error) {
	t := m.t
	lead := t.lead
	if lead.Days() == 0 {
		return invoice.Invoice{}, false, nil
	}
	// Like any period, the lead does not run if the subscription is
	// suspended or ends on its first day.
	end := m.idx.end
	if !m.baseAt(lead.Start).state.Entitled() || end <= lead.Start {
		return invoice.Invoice{}, false, nil
	}
	spec := invoice.Spec{Period: lead, IssueDate: lead.Start, Buyer: t.buyer, Beneficiary: t.beneficiary}
	whole := lead
	if t.plan.Trial.Days > 0 {
		if t.plan.Trial.Price == nil {
			return invoice.Invoice{}, false, nil
		}
		spec.Price = invoice.Price{Recurring: *t.plan.Trial.Price}
	} else {
		whole = m.run(0).sched.Period(-1)
		f, err := period.Coverage(whole, lead)
		if err != nil {
			return invoice.Invoice{}, false, err
		}
		spec.Price, spec.Proration = t.plan.Price, &f
	}
	if t.plan.billing() == InArrears {
		spec.IssueDate = min(lead.End, end)
	}
	if end < lead.End && (t.plan.billing() == InArrears || m.endOn <= lead.Start) {
		// Cut short: bill the days served, of the whole period.
		f, err := period.Coverage(whole, period.Period{Start: lead.Start, End: end})
		if err != nil {
			return invoice.Invoice{}, false, err
		}
		spec.Proration = &f
	}
	inv, err := invoice.Build(spec)
	return inv, err == nil, err
}

// invoices yields the invoices whose period shares a day with [from, to),
// in period order, then the failed invoices that no billing period holds
// any more.
func (m *model) invoices(from, to date.Date) iter.Seq2[invoice.Invoice, error] {
	return func(yield func(invoice.Invoice, error) bool) {
		if m.t.lead.Overlaps(period.Period{Start: from, End: to}) {
			inv, ok, err := m.leadInvoice()
			if (ok || err != nil) && !yield(inv, err) {
				return
			}
		}
		for s := range m.slots(from, to) {
			inv, ok, err := m.invoiceOf(s)
			if (ok || err != nil) && !yield(inv, err) {
				return
			}
		}
	}
}

// issued returns the invoices issued on a day in [from, to).
func (m *model) issued(from, to date.Date) ([]invoice.Invoice, error) {
	v := m
	if v.idx == nil {
		v = m.project()
	}
	var out []invoice.Invoice
	// An invoice in arrears is issued at its period's end: look one day
	// back.
	for inv, err := range v.invoices(from-1, to) {
		if err != nil {
			return nil, err
		}
		if inv.IssueDate >= from && inv.IssueDate < to {
			out = append(out, inv)
		}
	}
	return out, nil
}
