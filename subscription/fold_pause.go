package subscription

import (
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// slotOf reports whether p is exactly one billing period of the runs, before
// the termination date.
func (m *model) slotOf(p period.Period) bool {
	end, hasEnd := m.endDate()
	if hasEnd && p.Start >= end {
		return false
	}
	for i := len(m.runs) - 1; i >= 0; i-- {
		r := m.runs[i]
		if p.Start < r.sched.Boundary(r.firstK) || p.Start >= r.until {
			continue
		}
		k, _ := r.sched.Index(p.Start)
		return r.sched.Boundary(k) == p.Start && r.sched.Boundary(k+1) == p.End
	}
	return false
}

func (m *model) addPause(idx int, e Event) error {
	rec := pauseRec{id: idx, on: e.Date, flex: e.Flexible, whole: e.WholePeriod, fee: m.cur().plan.Pauses.Fee}
	if err := m.checkPolicy(rec); err != nil {
		return err
	}
	end, hasEnd := m.endDate()
	for _, r := range rec.ranges() {
		if r.Start < m.start || (hasEnd && r.End > end) {
			return fmt.Errorf("%w: pause %s outside the subscription's life [%s, %s)", pause.ErrInvalidPause, r, m.start, endText(end, hasEnd))
		}
		for _, other := range m.activePauses() {
			for _, o := range other.ranges() {
				if r.Overlaps(o) {
					return fmt.Errorf("%w: %s overlaps pause %d on %s", ErrOverlap, r, other.id, o)
				}
			}
		}
	}
	if w := rec.whole; w != nil {
		future := m.withChange() // the schedule after a pending plan change
		for _, p := range w.Periods {
			if !future.slotOf(p) {
				return fmt.Errorf("%w: %s", ErrNotBillingPeriod, p)
			}
			if p.Start <= e.Date {
				return fmt.Errorf("%w: %s has started on %s", ErrPeriodInvoiced, p, e.Date)
			}
		}
	}
	if m.end != forever {
		rec.shiftsEnd = true
	}
	if f := rec.flex; f != nil {
		if f.Extension.Periods > 0 {
			cmdEnd := m.commandEnd()
			_, onBoundary := m.shiftEnd(cmdEnd, 0)
			termEnd, hasTerm := m.termEnd()
			switch {
			case cmdEnd != forever && onBoundary && (!hasTerm || cmdEnd <= termEnd):
				// The extension's periods come after the end a command set.
				rec.extStart = m.countedBefore(cmdEnd)
			case m.plan.Periods > 0 && cmdEnd == forever:
				// They come after the term and the extensions before them,
				// even while suspended, when the term's end is not known.
				rec.extStart = m.plan.Periods + m.pauseAdds()
			default:
				return fmt.Errorf("%w: extension by %d periods on %s", ErrNoEnd, f.Extension.Periods, e.Date)
			}
		}
		for _, o := range f.Overrides {
			if !m.slotOf(o.Period) || !o.Period.Overlaps(f.Days) {
				return fmt.Errorf("%w: override of %s, not a billing period touched by %s", ErrNotBillingPeriod, o.Period, f.Days)
			}
		}
	}
	after := m.clone()
	after.pauses = append(after.pauses, rec)
	if err := sameIssued(m, after, rec, e.Date); err != nil {
		return err
	}
	m.pauses = after.pauses
	return nil
}

func (m *model) deletePause(e Event) error {
	i := -1
	for j, p := range m.pauses {
		if p.id == e.PauseID && !p.deleted {
			i = j
		}
	}
	if i < 0 {
		return fmt.Errorf("%w: pause %d on %s", ErrPauseNotFound, e.PauseID, e.Date)
	}
	after := m.clone()
	after.pauses[i].deleted = true
	for _, p := range after.activePauses() {
		if p.whole == nil {
			continue
		}
		for _, pp := range p.whole.Periods {
			if !after.slotOf(pp) {
				return fmt.Errorf("%w: pause %d on %s stands on a period that pause %d added; delete it first", ErrOrphanPause, p.id, pp, e.PauseID)
			}
		}
	}
	if err := sameIssued(m, after, m.pauses[i], e.Date); err != nil {
		return err
	}
	m.pauses = after.pauses
	return nil
}

// sameIssued returns an error wrapping ErrPeriodInvoiced if before and
// after differ in an invoice issued on or before d: a pause may change only
// what has not been invoiced yet.
func sameIssued(before, after *model, p pauseRec, d date.Date) error {
	// What a pause can change: the invoices of the periods it pauses or
	// overrides, and its fee, billed after the day it was decided.
	from := min(d, p.on)
	for _, r := range p.ranges() {
		from = min(from, r.Start)
	}
	if p.flex != nil {
		for _, o := range p.flex.Overrides {
			from = min(from, o.Period.Start)
		}
	}
	a, errA := before.issued(from, d+1)
	b, errB := after.issued(from, d+1)
	if errA != nil || errB != nil {
		return fmt.Errorf("subscription: pause on %s: %w", d, firstErr(errA, errB))
	}
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || !a[i].Equal(b[i]) {
			var which period.Period
			if i < len(a) {
				which = a[i].Period
			} else {
				which = b[i].Period
			}
			return fmt.Errorf("%w: the invoice of %s was issued on or before %s", ErrPeriodInvoiced, which, d)
		}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func endText(end date.Date, ok bool) string {
	if !ok {
		return "no end"
	}
	return end.String()
}

// checkPolicy checks a new pause against the contract's pause policy. A
// whole-period pause of consecutive periods counts as one pause.
func (m *model) checkPolicy(rec pauseRec) error {
	pol := m.cur().plan.Pauses
	var taken []period.Period
	for _, p := range m.activePauses() {
		taken = append(taken, p.ranges()...)
	}
	var spans []period.Period
	for _, r := range rec.ranges() {
		if n := len(spans); n > 0 && spans[n-1].End == r.Start {
			spans[n-1].End = r.End
			continue
		}
		spans = append(spans, r)
	}
	for _, r := range spans {
		if err := pol.Check(r, rec.on, taken); err != nil {
			return fmt.Errorf("subscription: pause %s (%s): %w", r, rec.reason(), err)
		}
		taken = append(taken, r)
	}
	return nil
}

// feeLines returns the freeze fee lines that belong on the invoice of slot
// s: each pause's fee goes on the first invoice issued after the pause was
// decided.
func (m *model) feeLines(s slot) ([]invoice.Line, error) {
	var lines []invoice.Line
	for _, p := range m.pauses {
		if p.deleted || p.fee == nil {
			continue
		}
		target, ok := m.firstBilledAfter(p.on)
		if !ok || target != s.p {
			continue
		}
		amount, err := p.fee.Amount(m.runs[s.run].plan.Price.Recurring)
		if err != nil {
			return nil, err
		}
		lines = append(lines, invoice.Line{Kind: invoice.LineFee, Description: "pause fee: " + p.reason(),
			Period: s.p, Quantity: 1, UnitPrice: amount, Amount: amount})
	}
	return lines, nil
}

// firstBilledAfter returns the period of the first invoice issued after d.
func (m *model) firstBilledAfter(d date.Date) (period.Period, bool) {
	for s := range m.slots(d, forever) {
		if s.paused == nil && !m.freeTrial(s) && m.issueDate(s) > d {
			return s.p, true
		}
	}
	return period.Period{}, false
}
