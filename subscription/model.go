package subscription

import (
	"github.com/billcycle/billcycle/invoice"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// run is a stretch of billing on one anchored schedule: the periods of
// sched from firstK on, while they start before until. A restart after the
// last period ended, a plan change with another recurrence, or a late
// payment under the restart-on-payment policy begins a new run.
type run struct {
	sched  period.Schedule
	plan   *Plan
	firstK int
	from   date.Date // the first day of the run: Boundary(firstK)
	until  date.Date
	// slotBase is the number of billing periods of the runs before it.
	slotBase int
	// planRun is the index of the run in which its plan took effect: the
	// first periods of a plan are counted from there (discounts for the
	// first N periods).
	planRun int
	// renewal reports whether the first period is a renewal (a restart or
	// a late payment).
	renewal bool
	// cause is the log index of the event that began the run: the
	// restart, the late payment or the plan change; -1 for the first.
	cause int
}

// count returns the number of periods of r that start before its until
// and before limit.
func (r *run) count(limit date.Date) int {
	u := min(r.until, limit)
	if u == forever {
		return maxSlots
	}
	if u <= r.from {
		return 0
	}
	k, _ := r.sched.Index(u - 1)
	return k - r.firstK + 1
}

// maxSlots stands for the periods of a run without end.
const maxSlots = 1 << 40

// seg is a change of the base state on a date; the state holds until the
// next seg. Several segs may share a date: the last of a day wins, as
// same-day events apply in log order. Pending, trial and paused days are
// overlaid by the views.
type seg struct {
	from   date.Date
	state  State
	reason Reason
	cause  int // log index of the event behind the change; -1 for the plan
}

// pauseRec is a pause of the log that has not been deleted.
type pauseRec struct {
	id    int // log index of the event that added it
	on    date.Date
	flex  *pause.Flexible
	whole *pause.WholePeriod
	fee   *pause.Fee // the plan's freeze fee when the pause was added
	// extStart is the number, among the periods counted towards the term,
	// of the first period of a flexible pause's extension.
	extStart int
}

// reason returns the pause's reason.
func (p *pauseRec) reason() string {
	if p.flex != nil {
		return p.flex.Reason
	}
	return p.whole.Reason
}

// ranges returns the days the pause covers.
func (p *pauseRec) ranges() []period.Period {
	if p.flex != nil {
		return []period.Period{p.flex.Days}
	}
	return p.whole.Periods
}

// adds returns the number of periods the pause's extension adds to a term.
// A moved whole period needs none: it does not count towards the term, so
// the term ends one period later by itself.
func (p *pauseRec) adds() int {
	if p.flex != nil {
		return p.flex.Extension.Periods
	}
	return 0
}

// moves returns the number of periods a whole-period pause moves to the end.
func (p *pauseRec) moves() int {
	if p.whole == nil || p.whole.SkipOnly {
		return 0
	}
	return len(p.whole.Periods)
}

// retryRec is the retry period that follows a failed charge.
type retryRec struct {
	due      date.Date
	policy   retry.Policy
	outcomes []retry.Outcome
	// closed is the day a suspension or termination stopped the period
	// before it settled; forever if none did.
	closed date.Date
	// paidLate is the day the invoice was paid after the period ran out or
	// was closed; forever if it was not.
	paidLate date.Date
	// inv is the invoice whose charge failed, as issued on due: it stays
	// listed even when no billing period holds it any more (a termination
	// or suspension on its issue day).
	inv invoice.Invoice
	// run is the index of the run that billed inv.
	run int
}

// status returns what the retry period has come to.
func (r *retryRec) status() retry.Status {
	st, _ := r.policy.Evaluate(r.due, r.outcomes) // checked when each outcome was recorded
	return st
}

// unpaid reports whether the invoice is unpaid: its retries ran out or a
// suspension or termination stopped them, and nothing was paid since.
func (r *retryRec) unpaid() bool {
	if r.paidLate != forever {
		return false
	}
	st := r.status()
	return st.State == retry.Exhausted || (r.closed != forever && st.State == retry.Retrying)
}

// pending is what the log has scheduled and not yet happened.
type pending struct {
	// suspension is a scheduled suspension: from is its effective date.
	suspension *seg
	// change is a plan change waiting for the next renewal, due on
	// changeAt (forever while suspended: it waits for the restart).
	change      *Plan
	changeAt    date.Date
	changeCause int
	// autoAt is the automatic suspension for an invalid payment method, at
	// the next renewal; forever if none is planned.
	autoAt    date.Date
	autoCause int
	// autoFrom is the day autoAt was planned from: the next renewal after
	// it, skipping the periods pauses remove, is autoAt.
	autoFrom date.Date
}

// model is the fold of a subscription's log as of its last event (the
// fold), or that fold with everything it schedules fired to the end of
// time (the projection, which the views read). Neither changes once its
// Subscription value is made: the fold is copied for the next event, and
// the append-only lists are shared between the copies.
type model struct {
	t *terms

	status State // base state: Active, SuspensionScheduled, Suspended, PastDue or Terminated
	now    date.Date

	cur  run       // the run in progress
	runs pvec[run] // the runs before it
	segs pvec[seg] // base state changes, from the start's on
	// tail holds what the projection adds to runs and segs, so that the
	// fold's lists stay append-only for the next event.
	tail *tail

	// lastEnd is the end of the last period that ran, set by a suspension:
	// a restart on or after it renews. unpaidFrom is the first day
	// of a period whose renewal charge was never paid, which did not run,
	// or forever; a restart on or after it renews too.
	lastEnd    date.Date
	unpaidFrom date.Date
	// end is the termination date a KindTerminate command set, or forever;
	// endCause is that event, and the pauses added after it (IDs above
	// endMark) move it by the periods they add or move.
	end      date.Date
	endCause int
	endMark  int
	// known is the termination date as the log knew it after the events
	// of each day, from the start's on: an invoice issued on a day prorates
	// to the termination known then, and never changes after.
	known pvec[knownEnd]

	pend      pending
	invalidAt date.Date // the payment method became invalid; forever while valid

	pauses  []pauseRec  // in the order they were added; copied on change
	pidx    *pauseIndex // the pauses resolved; nil without pauses
	retries pvec[retryRec]
	open    *retryRec   // the retry period in progress, or nil; copied on change
	grants  pvec[grant] // discounts granted, in log order
	// adjusts are the changes inside periods invoiced in advance, in log
	// order: each issues a document or carries lines to the next invoice.
	adjusts pvec[adjustment]
	// log is the log before the event being applied: the deletion of a
	// pause folds it again without the pause.
	log pvec[Event]
	// holdEnd holds, while a deletion folds the log again, a termination
	// date before it: the pauses given since may move it again.
	holdEnd date.Date
	// marks are the plans that took effect inside a period, in log order:
	// the changes now that keep the recurrence, whose run starts at the
	// next renewal (the days left of the period are an adjustment).
	marks pvec[planMark]

	// idx is the projection's resolved data for the views, and projected
	// reports whether m is a projection (and idx set).
	idx       index
	projected bool
}

// planMark is a plan in effect from a day inside a billing period.
type planMark struct {
	on    date.Date
	plan  *Plan
	cause int
}

// grant is a discount granted to the customer on the invoices issued from
// a day on.
type grant struct {
	on       date.Date
	discount invoice.Discount
}

// knownEnd is the termination date known from a day on.
type knownEnd struct {
	on, end date.Date
}

// tail holds the runs and state changes a projection adds.
type tail struct {
	runs    []run
	segs    []seg
	retries []retryRec
}
