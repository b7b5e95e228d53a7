package subscription

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

func (m *model) addPause(idx int, e Event) error {
	// The event is the log's own copy: the pause may share it.
	rec := pauseRec{id: idx, on: e.Date, fee: m.cur.plan.Pauses.Fee, flex: e.Flexible, whole: e.WholePeriod}
	if err := m.checkPause(rec, e.Date); err != nil {
		return err
	}
	if err := m.placeExtension(&rec, e.Date); err != nil {
		return err
	}
	if err := m.setPauses(append(slices.Clip(m.pauses), rec), rec, e.Date); err != nil {
		return err
	}
	if rec.flex != nil {
		m.creditPause(e.Date, rec.flex.Days, idx, rec.flex.Reason)
	}
	return nil
}

// setPauses replaces the pauses with those given, which add pause p on
// date on, unless that would change an invoice issued by on
// (ErrPeriodInvoiced) or end the subscription before on. The automatic
// suspension for an invalid payment method moves with the renewals the
// pauses skip.
func (m *model) setPauses(pauses []pauseRec, p pauseRec, on date.Date) error {
	after := m.withPauses(pauses)
	// What a new pause can change: the invoices of the periods it pauses
	// or overrides, and its fee, billed after the day it was decided.
	from := min(on, p.on)
	for _, r := range p.ranges() {
		from = min(from, r.Start)
	}
	if p.flex != nil {
		for _, o := range p.flex.Overrides {
			from = min(from, o.Period.Start)
		}
	}
	if err := sameIssued(m, after, from, on); err != nil {
		return err
	}
	if end, ok := after.endDate(); ok && end < on {
		return fmt.Errorf("%w: the subscription would have ended on %s, before %s", ErrPeriodInvoiced, end, on)
	}
	m.pauses, m.pidx = after.pauses, after.pidx
	if m.pend.autoAt != forever {
		m.planAutoSuspension(m.pend.autoFrom, m.pend.autoCause)
	}
	return nil
}

// checkPause checks a new pause given on date on: the contract's policy,
// the subscription's life, the other pauses, and for a whole-period pause
// or an override the billing periods, on the schedule after a pending
// plan change.
func (m *model) checkPause(rec pauseRec, on date.Date) error {
	if err := m.checkPolicy(rec); err != nil {
		return err
	}
	end, hasEnd := m.endDate()
	for _, r := range rec.ranges() {
		if r.Start < m.t.start || (hasEnd && r.End > end) {
			if rec.whole != nil {
				return fmt.Errorf("%w: %s outside the subscription's life [%s, %s)", ErrNotBillingPeriod, r, m.t.start, endText(end, hasEnd))
			}
			return fmt.Errorf("%w: pause %s outside the subscription's life [%s, %s)", pause.ErrInvalidPause, r, m.t.start, endText(end, hasEnd))
		}
		if o, ok := m.pidx.overlap(r); ok {
			return fmt.Errorf("%w: %s overlaps pause %d on %s", ErrOverlap, r, m.pauses[o.pause].id, o.days)
		}
	}
	future := m.withChange() // the schedule after a pending plan change
	if w := rec.whole; w != nil {
		for _, p := range w.Periods {
			if !future.slotOf(p) {
				return fmt.Errorf("%w: %s", ErrNotBillingPeriod, p)
			}
			if p.Start <= on {
				return fmt.Errorf("%w: %s has started on %s", ErrPeriodInvoiced, p, on)
			}
		}
	}
	if f := rec.flex; f != nil {
		if err := f.ValidateFor(m.t.plan.Price.Currency()); err != nil {
			return err
		}
		for _, o := range f.Overrides {
			if !future.slotOf(o.Period) || !o.Period.Overlaps(f.Days) {
				return fmt.Errorf("%w: override of %s, not a billing period touched by %s", ErrNotBillingPeriod, o.Period, f.Days)
			}
		}
	}
	return nil
}

// placeExtension sets where the periods of a flexible pause's extension
// count towards the term: after the end a command set, or after the term
// and the extensions before them. It returns ErrNoEnd when the
// subscription has no end on a period boundary to extend.
func (m *model) placeExtension(rec *pauseRec, on date.Date) error {
	n := rec.adds()
	if n == 0 {
		return nil
	}
	cmdEnd := m.commandEnd()
	_, onBoundary := m.shiftEnd(cmdEnd, 0)
	termEnd, hasTerm := m.termEnd()
	switch {
	case cmdEnd != forever && onBoundary && (!hasTerm || cmdEnd <= termEnd):
		// While suspended no period lies ahead: the added periods are
		// counted on the schedule as it stands.
		probe := m
		if m.status == Suspended {
			probe = m.clone()
			probe.cur.until = forever
		}
		rec.extStart = probe.countedBefore(cmdEnd)
	case m.t.plan.Periods > 0 && cmdEnd == forever:
		// They come after the term and the extensions before them, even
		// while suspended, when the term's end is not known.
		rec.extStart = m.t.plan.Periods + m.pauseAdds()
	default:
		return fmt.Errorf("%w: extension by %d periods on %s", ErrNoEnd, n, on)
	}
	return nil
}

// withPauses returns a copy of m with the given pauses.
func (m *model) withPauses(pauses []pauseRec) *model {
	c := m.clone()
	c.pauses, c.pidx = pauses, nil
	if len(pauses) > 0 {
		c.pidx = newPauseIndex(pauses)
	}
	return c
}

// sameIssued returns an error wrapping ErrPeriodInvoiced if before and
// after differ in an invoice issued from from to d: a change may touch
// only what has not been invoiced yet.
func sameIssued(before, after *model, from, d date.Date) error {
	a, errA := before.issued(from, d+1)
	b, errB := after.issued(from, d+1)
	if err := cmpOr(errA, errB); err != nil {
		return err
	}
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || !a[i].Equal(b[i]) {
			which := a
			if i >= len(a) {
				which = b
			}
			return fmt.Errorf("%w: the invoice of %s was issued on or before %s", ErrPeriodInvoiced, which[i].Period, d)
		}
	}
	return nil
}

// cmpOr returns the first error that is not nil.
func cmpOr(errs ...error) error {
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
	pol := m.cur.plan.Pauses
	var taken []period.Period
	if pol.MaxPausesPerYear > 0 || pol.MaxDaysPerYear > 0 {
		for i := range m.pauses {
			taken = append(taken, m.pauses[i].ranges()...)
		}
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
			return fmt.Errorf("%w (pause %s, %s)", err, r, rec.reason())
		}
		taken = append(taken, r)
	}
	return nil
}

// pausedOn returns the pause that covers day d, and false if none does.
func (m *model) pausedOn(d date.Date) (*pauseRec, bool) {
	if i := m.pidx.pausedIn(d); i >= 0 && m.pidx.paused[i].days.Contains(d) {
		return &m.pauses[m.pidx.paused[i].pause], true
	}
	return nil, false
}
