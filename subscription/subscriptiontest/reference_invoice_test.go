package subscriptiontest_test

// The invoices of the reference model: written once, on the day they are
// issued, from the period, its plan and the pauses standing that day.

import (
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// apply returns the total an invoice of o.p comes to under o, from the
// total it had, and the kind of override line it gets: a fixed amount, or
// the total for the unpaused days of the period.
func (o refOverride) apply(total int64, days period.Period) (int64, int) {
	if !o.prorated {
		return o.amount, 1
	}
	in, _ := o.p.Intersect(days)
	return roundDiv(total, int64(o.p.Days()-in.Days()), int64(o.p.Days())), 2
}

// issueLead issues the invoice of the lead for num of its full days.
func (w *world) issueLead(on date.Date, num, full date.Date) {
	pl := w.cfg.plan
	// A cut-short invoice names the days it bills.
	p := w.lead.p
	if num < full {
		p.End = p.Start + num
	}
	if pl.trialDays > 0 {
		if pl.trialPrice != nil {
			w.invoices = append(w.invoices, refInvoice{issue: on, period: p, slot: -1,
				total: charge(*pl.trialPrice, nil, 0, int64(num), int64(full))})
		}
		return
	}
	// A stub is billed as its share of the whole period before the anchor.
	first := refSched{w.cfg.anchor, pl.every}
	whole := int64(first.at(0) - first.at(-1))
	w.invoices = append(w.invoices, refInvoice{issue: on, period: p, slot: -1,
		total: charge(pl.price, pl.discounts, 0, int64(num), whole)})
}

// issueSlot issues the invoice of slot i on date on, for num of its den
// days.
func (w *world) issueSlot(i int, on date.Date, num, den int64) {
	s := &w.slots[i]
	s.pending = false
	w.invoices = append(w.invoices, w.slotInvoice(i, on, num, den))
}

// slotInvoice returns the invoice of slot i issued on date on for num of
// its den days, under the pauses standing.
func (w *world) slotInvoice(i int, on date.Date, num, den int64) refInvoice {
	s := &w.slots[i]
	price, discounts := s.plan.price, s.plan.discounts
	if s.trial {
		price, discounts = *w.cfg.plan.trialPrice, nil
	}
	inv := refInvoice{issue: on, period: s.p, slot: i, num: num, den: den}
	if num < den {
		inv.period.End = s.p.Start + date.Date(num) // a cut-short invoice names the days it bills
	}
	// The last extension to claim the period adds it: an earlier one
	// placed before a termination date a command set since is cut off
	// by it.
	for _, pz := range slices.Backward(w.pauses) {
		if pz.flex && s.counted >= pz.extStart && s.counted < pz.extStart+pz.ext {
			inv.ext = true
			if pz.extAmt != nil {
				price, discounts = *pz.extAmt, nil
			}
			break
		}
	}
	// Discounts for the first N periods count from when the plan was
	// taken, trial periods excluded (issue 10, defect 4).
	inv.total = charge(price, discounts, s.discNo, num, den)
	for _, pz := range w.pauses {
		if !pz.flex {
			continue
		}
		for _, o := range pz.overrides {
			if o.p != s.p {
				continue
			}
			inv.total, inv.over = o.apply(inv.total, pz.days)
		}
	}
	// The invoice shows it bills an added period only on a whole,
	// unprorated, unoverridden main line.
	inv.ext = inv.ext && num == den && inv.over == 0
	return inv
}

// reissued reports whether every invoice of a billing period comes out
// again as it was issued under the pauses standing now: no pause given
// since may change it (issued invoices never change, rule 17).
func (w *world) reissued() bool {
	for _, inv := range w.invoices {
		if inv.slot < 0 || inv.orphan {
			continue
		}
		if again := w.slotInvoice(inv.slot, inv.issue, inv.num, inv.den); !sameInvoices([]refInvoice{inv}, []refInvoice{again}) {
			return false
		}
	}
	return true
}

// issueArrears issues, on date d, the in-arrears invoices of the periods
// ending on d.
func (w *world) issueArrears(d date.Date) {
	if l := w.lead; l != nil && l.pending && l.p.End == d {
		w.issueLeadArrears(d)
	}
	// Only the last two periods can still wait for their invoice: the
	// running one, and the one a late payment's new run cut short.
	for i := max(0, len(w.slots)-2); i < len(w.slots); i++ {
		if s := &w.slots[i]; s.pending && s.p.End == d {
			w.issueSlotArrears(i, d)
		}
	}
}

func (w *world) issueLeadArrears(on date.Date) {
	l := w.lead
	l.pending = false
	full, served := l.p.End-l.p.Start, on-l.p.Start
	if l.cut != 0 && l.cut < on {
		served = l.cut - l.p.Start
	}
	w.issueLead(on, min(served, full), full)
}

func (w *world) issueSlotArrears(i int, on date.Date) {
	s := w.slots[i]
	served := on
	if s.cut != 0 && s.cut < on {
		served = s.cut
	}
	num := int64(min(served, s.p.End) - s.p.Start)
	w.issueSlot(i, on, num, int64(s.p.End-s.p.Start))
}
