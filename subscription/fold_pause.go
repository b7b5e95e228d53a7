package subscription

import (
	"fmt"
	"slices"
	"strings"

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
	if err := sameIssued(m, after, on); err != nil {
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

// readdPause adds again, as it was given, a pause that a deletion's fold
// keeps: the checks against the calendar are left to the deletion (see
// stranded), which may have made the pause moot.
func (m *model) readdPause(idx int, e Event) {
	rec := pauseRec{id: idx, on: e.Date, fee: m.cur.plan.Pauses.Fee, flex: e.Flexible, whole: e.WholePeriod}
	if m.placeExtension(&rec, e.Date) != nil {
		rec.extStart = -1 << 30 // no end to extend any more: its periods count nowhere
	}
	m.pauses = append(slices.Clip(m.pauses), rec)
	m.pidx = newPauseIndex(m.pauses)
	if m.pend.autoAt != forever {
		m.planAutoSuspension(m.pend.autoFrom, m.pend.autoCause)
	}
	if rec.flex != nil {
		m.creditPause(e.Date, rec.flex.Days, idx, rec.flex.Reason)
	}
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

// deletePause deletes the pause of e: the fold becomes the log folded
// again without it (and without the pauses deleted before), which restores
// exactly the timeline without it, unless that would change the past — an
// invoice issued by the deletion's date, or a suspension or termination
// before it (ErrPeriodInvoiced) — or leave a later pause standing on a
// period that is no longer a billing period (ErrOrphanPause).
func (m *model) deletePause(e Event) error {
	i := slices.IndexFunc(m.pauses, func(p pauseRec) bool { return p.id == *e.PauseID })
	if i < 0 {
		return fmt.Errorf("%w: pause %d on %s", ErrPauseNotFound, *e.PauseID, e.Date)
	}
	gone := m.pauses[i]
	without, err := m.refoldWithout(gone.id, e.Date)
	if err != nil {
		return err
	}
	mootFrom, _ := m.endDate() // what lay past the end already is moot
	if err := without.stranded(gone.id, mootFrom); err != nil {
		return err
	}
	if err := sameIssued(m, without, e.Date); err != nil {
		return err
	}
	if err := sameStops(m, without, e.Date); err != nil {
		return err
	}
	if end, ok := without.endDate(); ok && end < e.Date {
		return fmt.Errorf("%w: the subscription would have ended on %s, before %s", ErrPeriodInvoiced, end, e.Date)
	}
	log := m.log
	*m = *without
	m.log = log
	return nil
}

// refoldWithout returns the fold of the log without pause id and the
// pauses deleted before it, advanced to on. The pauses given after it are
// added again as they were given (stranded checks them). A later event
// the log without the pause refuses refuses the deletion, unless it is
// moot (a termination set for a day after the end the fold has by then).
// A termination the fold comes to by the deletion's date waits for the
// pauses given since, which may move it, and the day's events.
func (m *model) refoldWithout(id int, on date.Date) (*model, error) {
	kept := make(map[int]bool, len(m.pauses))
	for _, p := range m.pauses {
		kept[p.id] = p.id != id
	}
	re := newModel(m.t)
	re.holdEnd = on + 1 // a termination by then comes after the day's events
	for i, ev := range m.log.all() {
		switch ev.Kind {
		case KindDeletePause:
			continue // its pause is left out
		case KindAddFlexiblePause, KindAddWholePeriodPause:
			if kept[i] {
				re.advance(ev.Date)
				re.readdPause(i, ev)
				re.recordEnd(ev.Date)
			}
			continue
		}
		try := re.clone()
		err := try.apply(i, ev)
		switch {
		case err == nil:
			re = try
		case re.moot(ev):
		default:
			why := strings.TrimPrefix(err.Error(), "subscription: ")
			return nil, fmt.Errorf("%w: without pause %d, event %d (%s on %s) is refused (%s)", ErrPeriodInvoiced, id, i, ev.Kind, ev.Date, why)
		}
	}
	re.holdEnd = 0
	re.advance(on)
	return re, nil
}

// moot reports whether event e, refused by the fold of a deletion, no
// longer matters: a termination set for a day after the end the fold has.
func (m *model) moot(e Event) bool {
	if e.Kind != KindTerminate {
		return false
	}
	end, ok := m.endDate()
	return ok && e.effective() > end
}

// stranded returns an error wrapping ErrOrphanPause if a pause of m, the
// fold without pause id, no longer stands where it was given: a
// whole-period pause on a period that is not a billing period, or a
// flexible pause reaching past the termination date. What starts on or
// after mootFrom, the end before the deletion, was past it already and
// is moot.
func (m *model) stranded(id int, mootFrom date.Date) error {
	future := m.withChange()
	end, hasEnd := future.endDate()
	for i := range m.pauses {
		p := &m.pauses[i]
		for _, r := range p.ranges() {
			// A flexible pause that reached past the end already is not
			// stranded by the deletion: only by an end it brings earlier.
			if r.Start >= mootFrom || (p.whole != nil && future.slotOf(r)) || (p.flex != nil && !(hasEnd && r.End > end && end < mootFrom)) {
				continue
			}
			return fmt.Errorf("%w: pause %d of %s would not stand without pause %d; delete it first", ErrOrphanPause, p.id, r, id)
		}
		if p.flex != nil {
			for _, o := range p.flex.Overrides {
				if o.Period.Start < mootFrom && !future.slotOf(o.Period) {
					return fmt.Errorf("%w: the override of %s of pause %d would not stand without pause %d; delete it first", ErrOrphanPause, o.Period, p.id, id)
				}
			}
		}
	}
	return nil
}

// sameStops returns an error wrapping ErrPeriodInvoiced if before and
// after differ in a suspension or termination that took effect before d:
// a deletion may not stop the service on a day already past.
func sameStops(before, after *model, d date.Date) error {
	stops := func(m *model) []seg {
		var out []seg
		for i := range m.nsegs() {
			if s := m.seg(i); s.from < d && (s.state == Suspended || s.state == Terminated) {
				out = append(out, s)
			}
		}
		return out
	}
	a, b := stops(before), stops(after)
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			which := a
			if i >= len(a) {
				which = b
			}
			return fmt.Errorf("%w: the deletion would change the %s from %s, before %s", ErrPeriodInvoiced, which[i].state, which[i].from, d)
		}
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
// after differ in an invoice issued on or before d: a pause may change only
// what has not been invoiced yet.
func sameIssued(before, after *model, d date.Date) error {
	a, errA := before.issued(before.t.start, d+1)
	b, errB := after.issued(after.t.start, d+1)
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
