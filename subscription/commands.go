package subscription

import (
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/rickb777/date/v2"
)

// Suspend suspends the subscription from date on (that day has no
// service), for the given reason. It may return ErrTerminated or
// ErrInvalidTransition (already suspended), wrapped in an *EventError.
func (s Subscription) Suspend(on date.Date, reason Reason) (Subscription, error) {
	return s.Apply(Event{Kind: Suspend, Date: on, Reason: reason})
}

// ScheduleSuspension plans a suspension from effective (for example the
// end of the current period); until then the state is SuspensionScheduled.
func (s Subscription) ScheduleSuspension(on, effective date.Date, reason Reason) (Subscription, error) {
	return s.Apply(Event{Kind: ScheduleSuspension, Date: on, Effective: effective, Reason: reason})
}

// CancelSuspension cancels a scheduled suspension. It returns
// ErrNotSuspended if none is scheduled.
func (s Subscription) CancelSuspension(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: CancelSuspension, Date: on})
}

// Restart restarts a suspended subscription on date on (DESIGN rule 8): if
// on falls on or after the end of the last period that ran, a new period
// starts on it and is invoiced; otherwise nothing is renewed and the next
// renewal comes on the date already scheduled. A scheduled suspension is
// cancelled. It returns ErrNotSuspended or ErrTerminated.
func (s Subscription) Restart(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: Restart, Date: on})
}

// TerminateNow ends the subscription on date on: it is the termination
// date, the first day without service.
func (s Subscription) TerminateNow(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: Terminate, Date: on, Effective: on})
}

// TerminateAtPeriodEnd ends the subscription at the end of the billing
// period that holds date on.
func (s Subscription) TerminateAtPeriodEnd(on date.Date) (Subscription, error) {
	if s.t == nil {
		return s.Apply(Event{Kind: Terminate, Date: on, Effective: on})
	}
	end := s.fold()
	end.tail = &tail{} // a probe: nothing of it is kept
	end.advance(on)
	return s.TerminateOn(on, end.boundaryAfter(on))
}

// TerminateOn ends the subscription on date end (the first day without
// service), decided on date on. It returns ErrInvalidTransition if the
// subscription already ends before end.
func (s Subscription) TerminateOn(on, end date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: Terminate, Date: on, Effective: end})
}

// CancelTermination cancels a termination planned by a Terminate command.
func (s Subscription) CancelTermination(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: CancelTermination, Date: on})
}

// ChangePlanAtRenewal switches to plan p at the next renewal after on
// (ProAbono's "changement d'offre à l'échéance"). A plan with the same
// recurrence keeps the schedule's anchor.
func (s Subscription) ChangePlanAtRenewal(on date.Date, p Plan) (Subscription, error) {
	return s.Apply(Event{Kind: ChangePlan, Date: on, Plan: &p})
}

// AddFlexiblePause adds a flexible pause, decided on date on (DESIGN rule
// 9). It returns ErrReasonRequired, ErrOverlap, ErrNoEnd (an extension of a
// subscription without term), ErrNotBillingPeriod (an override of a period
// the pause does not touch) or ErrPeriodInvoiced (an override of an issued
// invoice).
func (s Subscription) AddFlexiblePause(on date.Date, p pause.Flexible) (Subscription, error) {
	return s.Apply(Event{Kind: AddFlexiblePause, Date: on, Flexible: &p})
}

// AddWholePeriodPause pauses whole billing periods, decided on date on
// (DESIGN rule 10). It returns ErrNotBillingPeriod for a range that is not
// exactly a billing period before the termination date, ErrPeriodInvoiced
// for a period already invoiced or started, ErrOverlap or
// ErrReasonRequired.
func (s Subscription) AddWholePeriodPause(on date.Date, p pause.WholePeriod) (Subscription, error) {
	return s.Apply(Event{Kind: AddWholePeriodPause, Date: on, WholePeriod: &p})
}

// DeletePause deletes the pause with the given ID (see Pauses), restoring
// exactly the timeline without it. It returns ErrPauseNotFound,
// ErrPeriodInvoiced if an issued invoice would change, or ErrOrphanPause if
// a later pause stands on a period this one added.
func (s Subscription) DeletePause(on date.Date, id int) (Subscription, error) {
	return s.Apply(Event{Kind: DeletePause, Date: on, PauseID: id})
}

// RecordPaymentFailure records that the charge of the invoice issued on due
// failed on date on: the renewal charge itself when on == due (which opens
// the retry period, DESIGN rule 13), or a retry attempt.
func (s Subscription) RecordPaymentFailure(on, due date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: PaymentFailed, Date: on, Due: due})
}

// RecordPayment records that the invoice issued on due, whose charge had
// failed, was paid on date on.
func (s Subscription) RecordPayment(on, due date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: PaymentSucceeded, Date: on, Due: due})
}

// InvalidatePaymentMethod records that the payment method became invalid on
// date on. With the plan's Suspension.InvalidPaymentMethod rule, the
// subscription is suspended at the next renewal unless a valid method comes
// back first.
func (s Subscription) InvalidatePaymentMethod(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: PaymentMethodInvalidated, Date: on})
}

// UpdatePaymentMethod records that a valid payment method is back.
func (s Subscription) UpdatePaymentMethod(on date.Date) (Subscription, error) {
	return s.Apply(Event{Kind: PaymentMethodUpdated, Date: on})
}

// GrantDiscount gives the customer discount d on the invoices issued from
// date on: for the first d.Periods of them, or all of them when d.Periods
// is 0 (a goodwill gesture, a retention offer). Its amount must be in the
// plan's currency. It returns ErrInvalidEvent for an invalid discount.
func (s Subscription) GrantDiscount(on date.Date, d invoice.Discount) (Subscription, error) {
	return s.Apply(Event{Kind: GrantDiscount, Date: on, Discount: &d})
}
