package subscription

import (
	"iter"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// slot is one billing period of a run as the model computes it.
type slot struct {
	run     int
	k       int
	p       period.Period
	shown   period.Period // p, ending where the next run starts if earlier
	billed  int           // number among billed periods, for "first N periods" discounts
	counted int           // number among the periods that count towards the term
	paused  *pauseRec
	end     date.Date // the termination date, or forever, worked out once per walk
}

// slots yields the billing periods that share a day with [from, to), in
// order, without walking from the start: each run is entered by arithmetic.
func (m *model) slots(from, to date.Date) iter.Seq[slot] {
	return func(yield func(slot) bool) {
		end, _ := m.endDate()
		billedBefore, countedBefore := 0, 0
		if m.lead.Days() > 0 && m.plan.Trial.Days == 0 {
			billedBefore = 1 // the stub before the anchor is billed first
		}
		for ri, r := range m.runs {
			limit := min(r.until, end)
			all := m.pausedSlots(r, false)
			moved := m.pausedSlots(r, true)
			n := slotsIn(r, limit)
			k := r.firstK
			if from > r.sched.Boundary(k) {
				if i, _ := r.sched.Index(from); i > k {
					k = i
				}
			}
			for ; k < r.firstK+n; k++ {
				p := r.sched.Period(k)
				if p.Start >= to {
					break
				}
				s := slot{run: ri, k: k, p: p, shown: p, end: end,
					billed:  billedBefore + k - r.firstK - r.uncounted(all, k),
					counted: countedBefore + k - r.firstK - r.uncounted(moved, k)}
				if ri+1 < len(m.runs) {
					// The next run may start inside this period (a
					// late payment restarting it): the period ends there.
					s.shown.End = min(p.End, m.runs[ri+1].sched.Boundary(m.runs[ri+1].firstK))
				}
				if _, found := slices.BinarySearch(all, k); found {
					s.paused = m.wholePauseOf(p)
				}
				if !yield(s) {
					return
				}
			}
			billedBefore += n - r.uncounted(all, r.firstK+n)
			countedBefore += n - r.uncounted(moved, r.firstK+n)
		}
	}
}

func (m *model) wholePauseOf(p period.Period) *pauseRec {
	for i := range m.pauses {
		if w := m.pauses[i].whole; w != nil && !m.pauses[i].deleted && slices.Contains(w.Periods, p) {
			return &m.pauses[i]
		}
	}
	return nil
}

// invoiceOf returns the invoice of a slot, and false for a slot without
// one (a paused period or a free trial period).
func (m *model) invoiceOf(s slot, buyer, beneficiary string) (invoice.Invoice, bool, error) {
	r := m.runs[s.run]
	if s.paused != nil || (r.prepaid && s.k == r.firstK) {
		return invoice.Invoice{}, false, nil
	}
	spec := invoice.Spec{Price: r.plan.Price, Period: s.p, Number: s.billed, IssueDate: s.p.Start,
		Buyer: buyer, Beneficiary: beneficiary}
	if r.renewal && s.k == r.firstK {
		spec.Kind = invoice.LineRenewal
	}
	if m.freeTrial(s) {
		return invoice.Invoice{}, false, nil
	}
	if m.inTrial(s) {
		spec.Price = invoice.Price{Recurring: *m.plan.Trial.Price}
	}
	spec.IssueDate = m.issueDate(s)
	if cut := min(r.until, s.end); r.plan.billing() == InArrears {
		if cut < s.p.End {
			f, err := period.Coverage(s.p, period.Period{Start: s.p.Start, End: cut})
			if err != nil {
				return invoice.Invoice{}, false, err
			}
			spec.Proration = &f
		}
	}
	if f, ok := m.addedBy(s); ok {
		spec.Kind = invoice.LineExtension
		if a := f.flex.Extension.Amount; a != nil {
			// The caller set the amount of each added period.
			spec.Price = invoice.Price{Recurring: *a}
		}
	}
	for _, p := range m.pauses {
		if p.deleted || p.flex == nil {
			continue
		}
		for _, o := range p.flex.Overrides {
			if o.Period != s.p {
				continue
			}
			switch o.Mode {
			case pause.FixedAmount:
				spec.Override = &invoice.Override{Amount: o.Amount, Reason: "pause: " + p.flex.Reason}
			case pause.Prorated:
				full, err := invoice.Build(spec)
				if err != nil {
					return invoice.Invoice{}, false, err
				}
				touch := pause.Touched(slices.Values([]period.Period{s.p}), p.flex.Days)
				if len(touch) == 1 {
					a, err := pause.SuggestedAmount(full.Total, touch[0])
					if err != nil {
						return invoice.Invoice{}, false, err
					}
					spec.Override = &invoice.Override{Amount: a, Reason: "pause, prorated: " + p.flex.Reason}
				}
			}
		}
	}
	fees, err := m.feeLines(s)
	if err != nil {
		return invoice.Invoice{}, false, err
	}
	spec.Fees = fees
	inv, err := invoice.Build(spec)
	return inv, err == nil, err
}

// inTrial reports whether s is one of the trial periods of the plan.
func (m *model) inTrial(s slot) bool {
	return s.run == 0 && s.k < m.plan.Trial.Periods
}

// freeTrial reports whether s is a trial period without invoice.
func (m *model) freeTrial(s slot) bool {
	return m.inTrial(s) && m.plan.Trial.Price == nil
}

// issueDate returns the day the invoice of s is issued: its first day in
// advance; its end, or the day it was cut short, in arrears.
func (m *model) issueDate(s slot) date.Date {
	if m.runs[s.run].plan.billing() != InArrears {
		return s.p.Start
	}
	// Only a termination issues it early: a suspension may be followed by
	// a restart, and an issued invoice never changes.
	return min(s.p.End, s.end)
}

// addedBy returns the flexible pause whose extension added slot s.
func (m *model) addedBy(s slot) (pauseRec, bool) {
	for _, p := range m.pauses {
		if !p.deleted && p.flex != nil && s.counted >= p.extStart && s.counted < p.extStart+p.adds() {
			return p, true
		}
	}
	return pauseRec{}, false
}

// leadInvoice returns the invoice of the paid trial in days or of the stub
// before a later anchor, and false if there is none.
func (m *model) leadInvoice(buyer, beneficiary string) (invoice.Invoice, bool, error) {
	if m.lead.Days() == 0 {
		return invoice.Invoice{}, false, nil
	}
	// Like any period, the lead does not run if the subscription is
	// suspended or ends on its first day.
	end, _ := m.endDate()
	if !m.baseAt(m.lead.Start).state.Entitled() || end <= m.lead.Start {
		return invoice.Invoice{}, false, nil
	}
	spec := invoice.Spec{Period: m.lead, IssueDate: m.lead.Start, Buyer: buyer, Beneficiary: beneficiary}
	if m.plan.Trial.Days > 0 {
		if m.plan.Trial.Price == nil {
			return invoice.Invoice{}, false, nil
		}
		spec.Price = invoice.Price{Recurring: *m.plan.Trial.Price}
	} else {
		full := m.runs[0].sched.Period(-1)
		f, err := period.Coverage(full, m.lead)
		if err != nil {
			return invoice.Invoice{}, false, err
		}
		spec.Price, spec.Proration = m.plan.Price, &f
	}
	if m.plan.billing() == InArrears {
		spec.IssueDate = min(m.lead.End, end)
		if end < m.lead.End {
			// Cut short: bill the days served, of the whole period.
			served := period.Period{Start: m.lead.Start, End: end}
			whole := m.lead
			if m.plan.Trial.Days == 0 {
				whole = m.runs[0].sched.Period(-1)
			}
			f, err := period.Coverage(whole, served)
			if err != nil {
				return invoice.Invoice{}, false, err
			}
			spec.Proration = &f
		}
	}
	inv, err := invoice.Build(spec)
	return inv, err == nil, err
}

// invoices yields the invoices whose period shares a day with [from, to),
// in period order.
func (m *model) invoices(from, to date.Date, buyer, beneficiary string) iter.Seq2[invoice.Invoice, error] {
	return func(yield func(invoice.Invoice, error) bool) {
		if m.lead.Overlaps(period.Period{Start: from, End: to}) {
			inv, ok, err := m.leadInvoice(buyer, beneficiary)
			if (ok || err != nil) && !yield(inv, err) {
				return
			}
		}
		for s := range m.slots(from, to) {
			inv, ok, err := m.invoiceOf(s, buyer, beneficiary)
			if (ok || err != nil) && !yield(inv, err) {
				return
			}
		}
	}
}

// issued returns the invoices issued on a day in [from, to).
func (m *model) issued(from, to date.Date) ([]invoice.Invoice, error) {
	var out []invoice.Invoice
	// An invoice in arrears is issued at its period's end: look one day back.
	for inv, err := range m.invoices(from-1, to, "", "") {
		if err != nil {
			return nil, err
		}
		if inv.IssueDate >= from && inv.IssueDate < to {
			out = append(out, inv)
		}
	}
	return out, nil
}
