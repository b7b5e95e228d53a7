package subscription

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
)

// This file holds the deletion of a pause: the log folded again without
// it, and the checks that the past and the other pauses stand.

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
	if err := sameIssued(m, without, m.t.start, e.Date); err != nil { // a deletion's fold may change anything
		if !errors.Is(err, ErrPeriodInvoiced) {
			// The log without the pause bills nothing coherent: what it
			// changed cannot be undone.
			err = fmt.Errorf("%w: without pause %d the invoices issued by %s cannot be restored (%s)",
				ErrPeriodInvoiced, gone.id, e.Date, strings.TrimPrefix(err.Error(), "period: "))
		}
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
