package subscription

import (
	"fmt"

	"slices"

	"github.com/billcycle/billcycle/period"

	"github.com/billcycle/billcycle/invoice"
	"github.com/rickb777/date/v2"
)

// apply checks e, the event at log index idx, against the state on its
// date and folds it in. On error m is left in an unspecified state: the
// caller works on a copy.
func (m *model) apply(idx int, e Event) error {
	if err := e.validate(); err != nil {
		return err
	}
	if e.Date < m.t.start {
		return fmt.Errorf("%w: %s on %s, start %s", ErrBeforeStart, e.Kind, dateText(e.Date), m.t.start)
	}
	if e.Date < m.now {
		return fmt.Errorf("%w: %s on %s after an event on %s", ErrOutOfOrder, e.Kind, e.Date, m.now)
	}
	if d := slices.Max(e.dates()); d > lastDay {
		return fmt.Errorf("%w: %s on %s: date %s after %s", ErrInvalidEvent, e.Kind, dateText(e.Date), dateText(d), lastDay)
	}
	if err := m.fold(idx, e); err != nil {
		return err
	}
	beyond := m.recordEnd(e.Date)
	if end, ok := m.endDate(); (ok && end > lastDay) || beyond {
		return fmt.Errorf("%w: %s on %s: the subscription would end after %s", ErrInvalidEvent, e.Kind, e.Date, lastDay)
	}
	return nil
}

// fold applies e, already checked for dates, to the fold.
func (m *model) fold(idx int, e Event) error {
	m.advance(e.Date)
	if m.status == Terminated {
		return m.refusal(e)
	}
	switch e.Kind {
	case KindSuspend:
		if m.status == Suspended {
			return m.refusal(e)
		}
		m.suspend(e.Date, e.Reason, idx)
	case KindScheduleSuspension:
		if m.status == Suspended {
			return m.refusal(e)
		}
		m.pend.suspension = &seg{from: e.effective(), reason: e.Reason, cause: idx}
		m.setState(e.Date, m.running(), 0, idx)
	case KindCancelSuspension:
		if m.pend.suspension == nil {
			return fmt.Errorf("%w: no suspension scheduled on %s", ErrNotSuspended, e.Date)
		}
		m.pend.suspension = nil
		m.setState(e.Date, m.running(), 0, idx)
	case KindRestart:
		return m.restart(e.Date, idx)
	case KindTerminate:
		if e.Credit == ProratedCredit || e.Credit == FullCredit {
			m.credit(e.Date, period.Period{Start: e.Date, End: forever}, e.Credit == FullCredit, idx, "termination")
		}
		return m.applyTerminate(e, idx)
	case KindCancelTermination:
		if m.end == forever {
			return fmt.Errorf("%w: cancel termination on %s: no termination planned", ErrInvalidTransition, e.Date)
		}
		if end, _ := m.endDate(); m.holdEnd > 0 && end < e.Date {
			// A deletion's fold holds a termination for the pauses given
			// since to move: one already past cannot be cancelled.
			return fmt.Errorf("%w: cancel termination on %s: the termination on %s is past", ErrInvalidTransition, e.Date, end)
		}
		m.end, m.endCause = forever, -1
		if m.status == Suspended {
			return nil // a renewal restart will check the pauses, see restart
		}
		// The schedule the pauses must stand on is the one after a
		// pending plan change, which the termination no longer stops.
		return m.withChange().checkWholePauses(e.Date, "cancel termination")
	case KindChangePlan:
		return m.changePlan(e, idx)
	case KindChangePlanNow:
		p := e.Plan.clone()
		return m.changeNow(e.Date, &p, e.Proration, idx, "change plan now", "change to "+p.label())
	case KindChangeQuantity:
		p, err := m.planNow().withQuantity(e.Feature, *e.Quantity)
		if err != nil {
			return fmt.Errorf("%w: change quantity on %s: %w", ErrInvalidEvent, e.Date, err)
		}
		return m.changeNow(e.Date, p, e.Proration, idx, "change quantity", fmt.Sprintf("%d %s in use", *e.Quantity, e.Feature))
	case KindAddFlexiblePause, KindAddWholePeriodPause:
		return m.addPause(idx, e)
	case KindDeletePause:
		return m.deletePause(e)
	case KindRecordPaymentFailure:
		return m.paymentFailed(e, idx)
	case KindRecordPayment:
		return m.paymentSucceeded(e, idx)
	case KindInvalidatePaymentMethod:
		m.invalidAt = e.Date
		m.planAutoSuspension(e.Date, idx)
	case KindUpdatePaymentMethod:
		m.invalidAt, m.pend.autoAt = forever, forever
	case KindGrantDiscount:
		price := invoice.Price{Recurring: invoice.Zero(m.cur.plan.Price.Currency()), Discounts: []invoice.Discount{*e.Discount}}
		if err := price.Validate(); err != nil {
			return fmt.Errorf("%w: grant of discount %q on %s: %w", ErrInvalidEvent, e.Discount.Name, e.Date, err)
		}
		m.grants = m.grants.push(grant{on: e.Date, discount: *e.Discount})
	}
	return nil
}

// changePlan plans the plan change of e for the next renewal.
func (m *model) changePlan(e Event, idx int) error {
	p := clonePtr(e.Plan)
	*p = p.clone()
	if err := checkCurrency(p, m.t); err != nil {
		return err
	}
	m.pend.change, m.pend.changeCause = p, idx
	if m.status == Suspended {
		m.pend.changeAt = forever // it waits for the restart
		return nil
	}
	m.pend.changeAt = m.boundaryAfter(e.Date)
	return m.checkChange()
}

// refusal returns the *TransitionError for event e, refused in the state on
// its date.
func (m *model) refusal(e Event) error {
	st, _ := m.stateOn(e.Date)
	since := m.since(e.Date)
	if m.status == Terminated {
		st = Terminated
		since, _ = m.endDate()
	}
	return &TransitionError{Command: e.Kind, On: e.Date, State: st, Since: since}
}

// since returns the first day of the stretch of one base state that holds
// d: changes to the state already in force do not start a stretch.
func (m *model) since(d date.Date) date.Date {
	cur := m.baseAt(d)
	from := cur.from
	for from > m.t.start {
		prev := m.baseAt(from - 1)
		if prev.state != cur.state || prev.reason != cur.reason {
			break
		}
		from = prev.from
	}
	return from
}
