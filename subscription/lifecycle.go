package subscription

import (
	"fmt"

	"github.com/rickb777/date/v2"
)

// This file holds the lifecycle of the fold: what fires on its date (the
// termination, a scheduled or automatic suspension, a plan change at
// renewal), suspensions, restarts and terminations.

// advance brings the fold to date t, firing what was scheduled before or on
// it: the end of the term or a planned termination, a scheduled or
// automatic suspension, a plan change at renewal.
func (m *model) advance(t date.Date) {
	for m.status != Terminated {
		end, hasEnd := m.endDate()
		hasEnd = hasEnd && end >= m.holdEnd
		next := forever
		if hasEnd {
			next = end
		}
		p := &m.pend
		if p.suspension != nil && p.suspension.from < next {
			next = p.suspension.from
		}
		if m.status != Suspended && p.autoAt < next {
			next = p.autoAt
		}
		if p.change != nil && m.status != Suspended && p.changeAt < next {
			next = p.changeAt
		}
		if next > t || next == forever {
			break
		}
		switch {
		case hasEnd && next == end:
			cause := -1 // the end of the term
			if m.end != forever && end == m.commandEnd() {
				cause = m.endCause
			}
			m.terminate(end, cause)
		case p.suspension != nil && next == p.suspension.from:
			s := *p.suspension
			p.suspension = nil
			m.suspend(s.from, s.reason, s.cause)
		case next == p.autoAt:
			p.autoAt = forever
			m.suspend(next, PaymentMethodInvalid, p.autoCause)
		default:
			m.applyChange(next)
		}
	}
	if t > m.now {
		m.now = t
	}
}

// terminate ends the subscription on d, caused by the event at log index
// cause (-1 for the end of the term).
func (m *model) terminate(d date.Date, cause int) {
	m.closeRetry(d)
	m.pend.suspension, m.pend.change = nil, nil
	m.cutCur(d)
	m.setEnd(d, cause)
	m.setState(d, Terminated, 0, cause)
}

// suspend suspends the subscription from d for reason r, caused by the
// event at log index cause.
func (m *model) suspend(d date.Date, r Reason, cause int) {
	if m.status == Suspended || m.status == Terminated {
		return
	}
	m.closeRetry(d)
	m.pend.suspension, m.pend.autoAt = nil, forever
	m.lastEnd = m.boundaryAtOrAfter(d)
	m.cutCur(d)
	m.setState(d, Suspended, r, cause)
}

// applyChange starts the pending plan at the renewal on date b.
func (m *model) applyChange(b date.Date) {
	p := m.pend.change
	m.pend.change = nil
	m.newRun(b, p, false, m.pend.changeCause)
	m.planAutoSuspension(b, m.pend.autoCause)
}

// planAutoSuspension plans the automatic suspension for an invalid payment
// method at the next renewal after d, if the plan in effect has the rule
// and the method is invalid, and cancels it otherwise.
func (m *model) planAutoSuspension(d date.Date, cause int) {
	m.pend.autoAt = forever
	if m.invalidAt != forever && m.cur.plan.Suspension.InvalidPaymentMethod && m.status != Suspended {
		m.pend.autoAt, m.pend.autoCause, m.pend.autoFrom = m.nextRenewal(d), cause, d
	}
}

// restart restarts the subscription on d, or cancels a scheduled
// suspension.
func (m *model) restart(d date.Date, cause int) error {
	switch {
	case m.status == Suspended:
	case m.pend.suspension != nil:
		// A suspension is scheduled: restarting cancels it.
		m.pend.suspension = nil
		m.setState(d, m.running(), 0, cause)
		return nil
	default:
		return fmt.Errorf("%w: restart on %s: state is %s", ErrNotSuspended, d, m.status)
	}
	renewal := d >= min(m.lastEnd, m.unpaidFrom)
	m.unpaidFrom = forever
	m.setState(d, m.running(), 0, cause)
	if renewal {
		// Renewal: a new period starts on the restart date.
		p := m.cur.plan
		if m.pend.change != nil {
			p, m.pend.change = m.pend.change, nil
		}
		m.newRun(d, p, true, cause)
	} else {
		m.cur.until = forever
		if m.pend.change != nil {
			m.pend.changeAt = m.boundaryAfter(d)
			if err := m.checkChange(); err != nil {
				return err
			}
		}
	}
	m.planAutoSuspension(d, m.pend.autoCause)
	// A renewal re-anchors the schedule, and a restart within the period
	// brings back what the suspension made moot (a cancelled termination):
	// either way the whole-period pauses must still stand.
	return m.withChange().checkWholePauses(d, "restart")
}

// withChange returns the fold with the pending plan change applied on its
// date, or m itself if none is pending or it waits for a restart.
func (m *model) withChange() *model {
	if m.pend.change == nil || m.pend.changeAt == forever || m.status == Suspended {
		return m // no change, or one that waits for a restart
	}
	probe := m.clone()
	probe.tail = &tail{} // the probe must not write into m's lists
	probe.applyChange(m.pend.changeAt)
	return probe
}

// checkChange refuses a pending plan change that would move the schedule
// from under a whole-period pause: a change to another recurrence
// re-anchors it, and a change back leaves a pause on the periods of the
// change it replaces.
func (m *model) checkChange() error {
	if m.pend.change == nil {
		return nil
	}
	return m.withChange().checkWholePauses(m.pend.changeAt, "plan change")
}

// checkWholePauses returns an error wrapping ErrOrphanPause if a
// whole-period pause of a period not over by d no longer names a billing
// period, because a renewal re-anchored the schedule under it.
func (m *model) checkWholePauses(d date.Date, what string) error {
	end, hasEnd := m.endDate()
	for i := range m.pauses {
		p := &m.pauses[i]
		if p.whole == nil {
			continue
		}
		for _, pp := range p.whole.Periods {
			if pp.End > d && !(hasEnd && pp.Start >= end) && !m.slotOf(pp) {
				return fmt.Errorf("%w: %s on %s re-anchors the schedule under pause %d of %s; delete the pause first",
					ErrOrphanPause, what, d, p.id, pp)
			}
		}
	}
	return nil
}

// applyTerminate applies a KindTerminate event: now, or on its effective date.
func (m *model) applyTerminate(e Event, cause int) error {
	if e.effective() == e.Date {
		m.terminate(e.Date, cause)
		return nil
	}
	if cur, ok := m.endDate(); ok && e.effective() > cur {
		return fmt.Errorf("%w: terminate on %s effective %s: the subscription already ends on %s", ErrInvalidTransition, e.Date, e.effective(), cur)
	}
	m.setEnd(e.effective(), cause)
	return nil
}
