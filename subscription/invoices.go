package subscription

import (
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// This file holds the invoice rules: what each billing period bills, as an
// invoice.Spec, and the invoices of a range of days. Every function here
// reads a projection.

// invoiceOf returns the invoice of a slot, and false for a slot without
// one (a paused period or a free trial period). A walk over the slots
// passes last to reuse the lines of the previous plain invoice, nil
// otherwise.
func (m *model) invoiceOf(s slot, last *lastPlain) (invoice.Invoice, bool, error) {
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
	} else {
		spec.Price.Discounts = m.discountsOf(s, spec.Price.Discounts, spec.Number)
	}
	if f, ok := m.proration(s); ok {
		// The invoice covers the days it bills, and no day after the end.
		spec.Proration = new(period.Fraction) // only a prorated invoice allocates it
		*spec.Proration = f
		spec.Period.End = s.p.Start + date.Date(f.Num)
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
	reuse := last != nil && m.idx.docs.carry == nil && m.grants.len() == 0 && !m.inTrial(s) && plain(&spec)
	if reuse && last.plan == r.plan {
		return last.moved(spec.Period, spec.IssueDate), true, nil
	}
	inv, err := invoice.Build(spec)
	if err == nil && m.idx.docs.carry != nil {
		inv, err = m.withCarry(inv)
	}
	if err == nil && reuse {
		last.plan, last.inv = r.plan, inv
	}
	return inv, err == nil, err
}

// proration returns the part of slot s that its invoice bills when the
// service stops inside it: in arrears, the days served up to a suspension
// or the termination; in advance, the days before a termination decided by
// the day the invoice is issued (an invoice issued before the decision
// stays as it was).
func (m *model) proration(s slot) (period.Fraction, bool) {
	cut := m.idx.end
	if m.run(s.run).plan.billing() == InArrears {
		cut = min(cut, m.run(s.run).until)
	} else {
		cut = m.endKnownOn(s.p.Start)
	}
	if cut >= s.p.End {
		return period.Fraction{}, false
	}
	f, err := period.Coverage(s.p, period.Period{Start: s.p.Start, End: cut})
	return f, err == nil
}

// discountNumber returns the number of slot s among the periods billed at
// its plan's price since the plan was taken: discounts for the first N
// periods count from there, trial periods excluded.
func (m *model) discountNumber(s slot) int {
	planRun := m.run(s.run).planRun
	pos := m.run(planRun).slotBase
	first := pos - m.idx.pausedBelow(pos)
	if planRun > 0 {
		// The stub before a later anchor is period #0 of the first plan
		// only: a plan taken later counts from its own first period.
		first += m.t.stubBilled()
	}
	return max(s.billed-first-m.trialBefore(planRun, s.pos), 0)
}

// trialBefore returns the number of trial periods billed (not paused) at
// the positions from run planRun's first to pos: they use up no discount.
func (m *model) trialBefore(planRun, pos int) int {
	trial := m.t.plan.Trial.Periods
	if trial == 0 || planRun > 0 {
		return 0
	}
	n := 0
	for i := 0; i < m.nruns() && m.run(i).slotBase < pos; i++ {
		r := m.run(i)
		if r.plan != &m.t.plan || r.sched != m.run(0).sched {
			continue
		}
		last := min(r.firstK+r.count(m.idx.end), trial) // trial periods are k < trial
		for k := r.firstK; k < last; k++ {
			if p := r.slotBase + k - r.firstK; p < pos {
				if _, paused := m.idx.wholeAt(p); !paused {
					n++
				}
			}
		}
	}
	return n
}

// discountsOf returns the discounts of slot s: those of its plan that
// apply to its number, then those granted that apply to it.
func (m *model) discountsOf(s slot, plan []invoice.Discount, number int) []invoice.Discount {
	if m.grants.len() == 0 {
		return plan
	}
	var out []invoice.Discount
	for _, d := range plan {
		if d.AppliesTo(number) {
			d.Periods = 0
			out = append(out, d)
		}
	}
	for i, g := range m.grants.all() {
		base := m.idx.grants[i]
		if base >= 0 && s.billed >= base && m.issueDate(s) >= g.on && g.discount.AppliesTo(s.billed-base) {
			d := g.discount
			d.Periods = 0
			out = append(out, d)
		}
	}
	return out
}

// overrideOf sets the override of spec when a flexible pause overrides the
// invoice of slot s.
func (m *model) overrideOf(s slot, spec *invoice.Spec) error {
	for _, o := range m.pidx.overridesOf(s.p) {
		p := m.pauses[o.pause].flex
		switch o.o.Mode {
		case pause.FixedAmount:
			spec.Override = &invoice.Override{Amount: *o.o.Amount, Reason: "pause: " + p.Reason}
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
	// suspended or ends on its first day, or if a renewal replaced it
	// before the anchor (its charge failed: see orphans).
	end := m.idx.end
	if !m.baseAt(lead.Start).state.Entitled() || end <= lead.Start || (m.nruns() > 1 && m.run(1).from < lead.End) {
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
		whole = periodAt(m.run(0).sched, -1)
		f, err := period.Coverage(whole, lead)
		if err != nil {
			return invoice.Invoice{}, false, err
		}
		spec.Price, spec.Proration = t.plan.Price, &f
	}
	if t.plan.billing() == InArrears {
		spec.IssueDate = min(lead.End, end)
	}
	if t.plan.billing() == InAdvance {
		end = m.endKnownOn(lead.Start)
	} else {
		end = min(end, m.run(0).until) // the days served, up to a suspension too
	}
	if end < lead.End {
		// Cut short: bill the days served, of the whole period.
		f, err := period.Coverage(whole, period.Period{Start: lead.Start, End: end})
		if err != nil {
			return invoice.Invoice{}, false, err
		}
		spec.Proration, spec.Period.End = &f, end
	}
	inv, err := invoice.Build(spec)
	return inv, err == nil, err
}
