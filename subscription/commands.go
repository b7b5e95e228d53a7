package subscription

import (
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// Every command checks itself against the state on its date and returns a
// new subscription with one more event, or the receiver unchanged and an
// *EventError. Besides the errors each command names, every command may
// return errors wrapping ErrNoTerms (the zero Subscription), ErrBeforeStart
// (a date before the start), ErrOutOfOrder (a date before the last event),
// ErrInvalidEvent (a field of the wrong form, or a date after 9999-12-31)
// and ErrTerminated (a *TransitionError: terminated is final).

// Suspend suspends the subscription from date on (that day has no
// service), for the given reason. It returns ErrInvalidTransition when the
// subscription is suspended already.
func (s Subscription) Suspend(on date.Date, reason Reason) (Subscription, error) {
	return s.Apply(Event{Kind: KindSuspend, Date: on, Reason: reason})
}

// ScheduleSuspension plans a suspension from effective (for example the
// end of the current period); until then the state is
// SuspensionScheduled. It returns ErrInvalidTransition when the
// subscription is suspended already, and ErrInvalidEvent when effective is
// not after on.
func (s Subscription) ScheduleSuspension(on, effective date.Date, reason Reason) (Subscription, error) {
	return s.Apply(Event{Kind: KindScheduleSuspension, Date: on, Effective: &effective, Reason: reason})
}

// CancelSuspension cancels a scheduled suspension. It returns
// ErrNotSuspended when none is scheduled.
func (s Subscription) CancelSuspension(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindCancelSuspension, Date: on})
}

// Restart restarts a suspended subscription on date on: if on falls on or
// after the end of the last period that ran, a new period starts on it and
// is invoiced; otherwise nothing is renewed and the next renewal comes on
// the date already scheduled (see the package documentation). A scheduled
// suspension is cancelled instead. It returns ErrNotSuspended when the
// subscription is neither suspended nor has a suspension scheduled, and
// ErrOrphanPause when the renewal would move the schedule from under a
// whole-period pause.
func (s Subscription) Restart(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindRestart, Date: on})
}

// TerminateNow ends the subscription on date on: it is the termination
// date, the first day without service. Invoices already issued stay as
// they are.
func (s Subscription) TerminateNow(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindTerminate, Date: on, Effective: &on})
}

// TerminateAtPeriodEnd ends the subscription at the end of the billing
// period that holds date on, as TerminateOn does.
func (s Subscription) TerminateAtPeriodEnd(on date.Date) (Subscription, error) {
	end := on
	if s.t != nil && on >= s.t.start && on <= lastDay {
		probe := s.fold()
		probe.tail = &tail{} // a probe: nothing of it is kept
		probe.advance(on)
		if end = probe.boundaryAfter(on); end > lastDay {
			e := Event{Kind: KindTerminate, Date: on}
			return s, &EventError{Index: s.Len(), Event: e,
				Err: fmt.Errorf("%w: terminate at period end on %s: the period holding it ends after %s", ErrInvalidEvent, on, lastDay)}
		}
	}
	return s.TerminateOn(on, end)
}

// TerminateOn ends the subscription on date end (the first day without
// service), decided on date on. An invoice issued after on for a period
// that end cuts short bills the days up to end. It returns
// ErrInvalidTransition when the subscription already ends before end, and
// ErrInvalidEvent when end is before on.
func (s Subscription) TerminateOn(on, end date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindTerminate, Date: on, Effective: &end})
}

// CancelTermination cancels a termination planned by TerminateOn or
// TerminateAtPeriodEnd. It returns ErrInvalidTransition when none is
// planned.
func (s Subscription) CancelTermination(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindCancelTermination, Date: on})
}

// ChangePlanAtRenewal switches to plan p at the next renewal after on
// (ProAbono's "changement d'offre à l'échéance"); while suspended, at the
// restart. A plan with the same recurrence keeps the schedule's anchor;
// another recurrence starts a schedule anchored on the renewal. The
// discounts of p for its first N periods count from there. It returns
// ErrInvalidPlan for a plan that cannot work, and ErrOrphanPause when the
// new schedule would move from under a whole-period pause.
func (s Subscription) ChangePlanAtRenewal(on date.Date, p Plan) (Subscription, error) {
	return s.Apply(Event{Kind: KindChangePlan, Date: on, Plan: &p})
}

// AddFlexiblePause adds a flexible pause, decided on date on: no service on
// its days; the invoices of the periods it touches keep their amounts
// unless its overrides set them; its extension adds whole periods at the
// end. It returns pause.ErrReasonRequired, pause.ErrInvalidPause for a
// pause invalid on its own (see pause.Flexible.Validate: an override of a
// period it does not touch, for one), ErrOverlap (another pause shares a
// day), ErrNoEnd (an extension of a subscription without a termination on
// a period boundary), ErrNotBillingPeriod (an override of a period that is
// not a billing period), ErrPeriodInvoiced (an override of an invoice
// issued by on), invoice.ErrCurrencyMismatch (an amount in another
// currency than the subscription's) and pause.ErrPolicy.
func (s Subscription) AddFlexiblePause(on date.Date, p pause.Flexible) (Subscription, error) {
	return s.Apply(Event{Kind: KindAddFlexiblePause, Date: on, Flexible: &p})
}

// AddWholePeriodPause pauses whole billing periods, decided on date on: by
// default each moves to the end of the subscription (see the package
// documentation). It returns ErrNotBillingPeriod for a range that is not
// exactly a billing period before the termination date, ErrPeriodInvoiced
// for a period that has started, ErrOverlap, pause.ErrReasonRequired, and
// pause.ErrPolicy or pause.ErrInvalidPause.
func (s Subscription) AddWholePeriodPause(on date.Date, p pause.WholePeriod) (Subscription, error) {
	return s.Apply(Event{Kind: KindAddWholePeriodPause, Date: on, WholePeriod: &p})
}

// DeletePause deletes the pause with the given ID (see Pauses), restoring
// exactly the timeline without it. It returns ErrPauseNotFound,
// ErrPeriodInvoiced when an invoice issued by on would change, and
// ErrOrphanPause when a later pause stands on a period this one added.
func (s Subscription) DeletePause(on date.Date, id int) (Subscription, error) {
	return s.Apply(Event{Kind: KindDeletePause, Date: on, PauseID: &id})
}

// RecordPaymentFailure records that the charge of the invoice issued on due
// failed on date on: the renewal charge itself when on is due, which opens
// the retry period of the plan's policy, or a retry attempt. It returns
// ErrNotDue (no invoice to charge issued on due, a charge that failed
// already, or no retry period open for it), ErrInvalidTransition (the
// subscription is suspended, or another retry period is open) and the
// errors of retry.Policy.Evaluate (retry.ErrNotAttemptDay, …).
func (s Subscription) RecordPaymentFailure(on, due date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindRecordPaymentFailure, Date: on, Due: &due})
}

// RecordPayment records that the invoice issued on due, whose charge
// failed, was paid on date on: it recovers the retry period, or settles an
// invoice left unpaid. Recording the payment of an invoice already paid
// returns the receiver unchanged and no error, so that a payment
// provider's webhook may be replayed. It returns ErrNotDue when the charge
// of that invoice never failed, retry.ErrOutsidePeriod for a payment after
// the last attempt day, and ErrOrphanPause when a late payment under
// retry.RestartOnPayment would move the schedule from under a
// whole-period pause.
func (s Subscription) RecordPayment(on, due date.Date) (Subscription, error) {
	if s.paid(due) {
		return s, nil
	}
	return s.Apply(Event{Kind: KindRecordPayment, Date: on, Due: &due})
}

// InvalidatePaymentMethod records that the payment method became invalid on
// date on. With the plan's Suspension.InvalidPaymentMethod rule, the
// subscription is suspended at the next renewal unless a valid method
// comes back first.
func (s Subscription) InvalidatePaymentMethod(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindInvalidatePaymentMethod, Date: on})
}

// UpdatePaymentMethod records that a valid payment method is back on date
// on, which cancels a planned automatic suspension for an invalid one.
func (s Subscription) UpdatePaymentMethod(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: KindUpdatePaymentMethod, Date: on})
}

// GrantDiscount gives the customer discount d on the invoices issued from
// date on: for the first d.Periods of them, or all of them when d.Periods
// is 0 (a goodwill gesture, a retention offer). It returns ErrInvalidEvent
// for a discount that is invalid or in another currency than the plan's.
func (s Subscription) GrantDiscount(on date.Date, d invoice.Discount) (Subscription, error) {
	return s.Apply(Event{Kind: KindGrantDiscount, Date: on, Discount: &d})
}

// paid reports whether the charge of the invoice issued on due failed and
// was paid since.
func (s Subscription) paid(due date.Date) bool {
	if s.h == nil {
		return false
	}
	m := s.h.fold
	if i := m.retryFor(due); i >= 0 {
		r := m.retry(i)
		return r.paidLate != forever || r.status().State == retry.Recovered
	}
	return false
}

// ChangePlanNow switches to plan p from date on, inside the billing
// period. With p's recurrence, in a period invoiced in advance, the anchor
// stays and pol says how the days left are billed: ProrateNow issues on on a document crediting them at
// the old terms and charging them at the new (an invoice, or a credit
// note when the downgrade gives money back), ProrateAtRenewal puts those
// lines on the next invoice, NoProration bills nothing until the next
// renewal, at the new terms. With another recurrence, or where nothing of
// the period was invoiced yet (billed in arrears, before the first
// period), a new schedule starts on on: the days before it are billed at
// the old terms (in arrears, at the end of the period they were in), its
// first period at the new; in advance the days left of the old period are
// credited unless pol is NoProration. Every amount is priced
// by days, rounded once (see the package documentation). PlanOn and the
// agenda's ActionPlanChange say p from on, and p replaces a plan change
// planned for the renewal. It returns
// ErrInvalidPlan for a plan that cannot work or in another currency,
// ErrInvalidEvent for an invalid policy, ErrInvalidTransition while
// suspended, and ErrOrphanPause when the new schedule would move from
// under a whole-period pause.
func (s Subscription) ChangePlanNow(on date.Date, p Plan, pol ProrationPolicy) (Subscription, error) {
	return s.Apply(Event{Kind: KindChangePlanNow, Date: on, Plan: &p, Proration: pol})
}

// ChangeQuantity sets the quantity in use of the plan's Limitation
// feature named feature (seats, users) to qty from date on, inside the
// billing period, billed as ChangePlanNow bills a plan with that quantity.
// It returns ErrInvalidEvent for an unknown feature, a quantity below 0 or
// above invoice.MaxQuantity, or an invalid policy, and
// ErrInvalidTransition while suspended.
func (s Subscription) ChangeQuantity(on date.Date, feature string, qty int64, pol ProrationPolicy) (Subscription, error) {
	return s.Apply(Event{Kind: KindChangeQuantity, Date: on, Feature: feature, Quantity: &qty, Proration: pol})
}

// TerminateNowWithCredit ends the subscription on date on, as
// TerminateNow does, and gives back what credit says of the period
// invoiced in advance that it cuts short: ProratedCredit credits the days
// from on to the period's end at the terms in effect, FullCredit
// everything the period was billed, NoCredit nothing. The credit note is
// issued on on and names the period's invoice. It returns ErrInvalidEvent
// for an invalid credit policy.
func (s Subscription) TerminateNowWithCredit(on date.Date, credit CreditPolicy) (Subscription, error) {
	e := Event{Kind: KindTerminate, Date: on, Effective: &on, Credit: credit}
	if !credit.Valid() {
		return s, &EventError{Index: s.Len(), Event: e, Err: fmt.Errorf("%w: terminate on %s with credit %s: want no_credit, prorated or full", ErrInvalidEvent, on, credit)}
	}
	return s.Apply(e)
}
