package subscriptiontest_test

// The payment commands of the reference model: a failed renewal charge
// opens a retry period (rule 13), attempts fail on their planned days, a
// payment recovers it, and the last failure applies the policy and the
// automatic suspension rules.

import (
	"errors"
	"slices"

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
	if slices.ContainsFunc(w.retries, func(r refRetryRec) bool { return r.due == e.due }) {
		// The charge of the invoice issued that day failed already: a
		// second failure of it is refused, retrying or not, even for
		// another invoice of that day (a renewal restart on the failed
		// invoice's issue day), since the command names an invoice by
		// its issue date.
		return subscription.ErrNotDue
	}
	if w.status == stSuspended || w.open >= 0 {
		return subscription.ErrInvalidTransition // another charge's retry period is open
	}
	t := w.today()
	last := -1
	end, hasEnd := w.end()
	for i, inv := range t.invoices {
		// Replaying for a deletion, periods go on past a termination
		// that waits for it (see refModel.replay); none is billed by
		// then.
		if inv.issue == e.due && (!hasEnd || inv.period.Start < end) {
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

// exhaust applies what the policy says when the last attempt failed on d,
// then the automatic suspension for unpaid invoices.
func (w *world) exhaust(i int, d date.Date) {
	r := &w.retries[i]
	r.exhausted, r.unpaid = true, true
	w.unpaid++
	w.open = -1
	// The period the failed invoice bills in advance is the one running
	// (the retry window is shorter than any period), or due today (the
	// lead or a period charged on its first day, before it starts at the
	// day's close). It did not run.
	ur := -1
	if r.advance {
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
			r.unpaid, r.paidLate = false, true
			w.unpaid--
			return nil
		}
	}
	return subscription.ErrNotDue
}

// errNoOp is the model's answer to a command the library takes as a
// no-op: it returns the receiver unchanged, with no error and no event.
var errNoOp = errors.New("no-op")

// paid reports whether the charge of the invoice issued on due failed
// and was paid since: recording its payment again is a no-op, whatever
// the state (a replayed webhook).
func (w *world) paid(due date.Date) bool {
	return slices.ContainsFunc(w.retries, func(r refRetryRec) bool { return r.due == due && (r.recovered || r.paidLate) })
}
