package subscriptiontest_test

// The payment commands of the reference model: a failed renewal charge
// opens a retry period (rule 13), attempts fail on their planned days, a
// payment recovers it, and the last failure applies the policy and the
// automatic suspension rules.

import (
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

func (w *world) paymentFailed(e *refEvent) error {
	if w.open >= 0 && w.retries[w.open].due == e.due && e.on > e.due {
		r := &w.retries[w.open]
		if want := r.due + date.Date(r.policy.offset(len(r.failures))); e.on != want {
			return retry.ErrNotAttemptDay
		}
		r.failures = append(r.failures[:len(r.failures):len(r.failures)], e.on)
		if len(r.failures) == r.policy.attempts {
			w.exhaust(w.open, e.on)
		}
		return nil
	}
	if e.on != e.due {
		return subscription.ErrNotDue
	}
	if w.status == stSuspended || w.open >= 0 {
		return subscription.ErrInvalidTransition
	}
	t := w.today()
	last := -1
	for i, inv := range t.invoices {
		if inv.issue == e.due {
			last = i
		}
	}
	if last < 0 || t.invoices[last].total == 0 {
		return subscription.ErrNotDue
	}
	inv := t.invoices[last]
	if last >= len(w.invoices) {
		w.committed = &inv // issued at today's renewal, charged already
	}
	w.retries = append(w.retries, refRetryRec{due: e.due, policy: w.plan.retry, period: inv.period,
		advance: inv.issue == inv.period.Start})
	if w.plan.retry.attempts == 0 {
		w.exhaust(len(w.retries)-1, e.due)
		return nil
	}
	w.open = len(w.retries) - 1
	return nil
}

// changesRecurrence reports whether a plan change to another recurrence
// is pending for a renewal ahead.
func (w *world) changesRecurrence() bool {
	return w.change != nil && !w.waits && w.change.every != w.plan.every
}

// current returns the period running today: the lead or the last one that
// started.
func (w *world) current() (period.Period, bool) {
	if l := w.lead; l != nil && l.ran && l.p.Contains(w.day) {
		return l.p, true
	}
	if n := len(w.slots); n > 0 && w.slots[n-1].p.Contains(w.day) {
		return w.slots[n-1].p, true
	}
	return period.Period{}, false
}

// exhaust applies what the policy says when the last attempt failed on d,
// then the automatic suspension for unpaid invoices.
func (w *world) exhaust(i int, d date.Date) {
	r := &w.retries[i]
	r.exhausted, r.unpaid = true, true
	w.unpaid++
	w.open = -1
	ur := -1
	if cur, ok := w.current(); ok && r.advance && cur == r.period {
		ur = i
	}
	switch r.policy.exhausted {
	case retry.Suspend:
		w.suspend(d, subscription.PaymentDue, ur)
	case retry.LeaveUnpaid:
	default:
		w.terminate(d)
	}
	if n := w.plan.unpaidRule; n > 0 && w.unpaid >= n {
		for _, r := range w.retries {
			if r.unpaid && r.closed != 0 {
				w.hits[hitClosedRetryUsed] = true // today's library does not count it
			}
		}
		w.suspend(d, subscription.PaymentDue, ur)
	}
}

func (w *world) paymentSucceeded(e *refEvent) error {
	if w.open >= 0 && w.retries[w.open].due == e.due {
		r := &w.retries[w.open]
		if e.on > r.due+date.Date(r.policy.window()) {
			return retry.ErrOutsidePeriod
		}
		r.recovered, r.paidOn = true, e.on
		w.open = -1
		if r.policy.late && e.on > e.due {
			// The renewed period starts on the payment day; the invoice
			// charged on the due date pays for it (issue 10, defect 3:
			// today's library numbers and covers these periods wrongly).
			w.hits[hitLatePayment] = true
			w.newRun(e.on, w.plan, false)
			w.prepaid = !w.plan.arrears
			if _, bad := w.orphan(e.due); bad {
				return subscription.ErrOrphanPause
			}
		}
		return nil
	}
	for i := range w.retries {
		if r := &w.retries[i]; r.due == e.due && r.unpaid {
			if r.closed != 0 {
				w.hits[hitClosedRetryUsed] = true
			}
			r.unpaid = false
			w.unpaid--
			return nil
		}
	}
	return subscription.ErrNotDue
}
