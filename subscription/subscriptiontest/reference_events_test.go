package subscriptiontest_test

// The commands of the reference model: what each does to the world, and
// what the model refuses, with the sentinel it expects. Where several
// reasons to refuse apply, the model checks them in the order the
// library documents or, failing that, does: the state first, then the
// dates, then what an issued invoice forbids.

import (
	"fmt"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

type refKind int

const (
	evSuspend refKind = iota + 1
	evSchedule
	evCancelSuspension
	evRestart
	evTerminateNow
	evTerminateOn
	evTerminateAtEnd
	evCancelTermination
	evChangePlan
	evFlexible
	evWhole
	evDelete
	evPayFail
	evPaySucceed
	evInvalidate
	evUpdateMethod
)

var refKindNames = [...]string{evSuspend: "suspend", evSchedule: "schedule_suspension",
	evCancelSuspension: "cancel_suspension", evRestart: "restart", evTerminateNow: "terminate_now",
	evTerminateOn: "terminate_on", evTerminateAtEnd: "terminate_at_period_end",
	evCancelTermination: "cancel_termination", evChangePlan: "change_plan", evFlexible: "flexible_pause",
	evWhole: "whole_period_pause", evDelete: "delete_pause", evPayFail: "payment_failed",
	evPaySucceed: "payment_succeeded", evInvalidate: "invalidate_method", evUpdateMethod: "update_method"}

func (k refKind) String() string { return refKindNames[k] }

// refEvent is one command of a generated log.
type refEvent struct {
	kind      refKind
	on        date.Date
	id        int // index in the library's log, once accepted
	reason    subscription.Reason
	eff       date.Date // schedule_suspension, terminate_on; terminate_at_period_end once applied
	plan      *refPlan
	days      period.Period
	ext       int
	extAmt    *int64
	overrides []refOverride
	whole     []period.Period
	skip      bool
	pauseID   int
	due       date.Date
}

func (e *refEvent) String() string {
	s := fmt.Sprintf("%s %s", e.on, e.kind)
	switch e.kind {
	case evSuspend:
		s += " " + e.reason.String()
	case evSchedule:
		s += fmt.Sprintf(" from %s %s", e.eff, e.reason)
	case evTerminateOn, evTerminateAtEnd:
		s += fmt.Sprintf(" effective %s", e.eff)
	case evChangePlan:
		s += " to " + e.plan.String()
	case evFlexible:
		s += fmt.Sprintf(" %s", e.days)
		if e.ext > 0 {
			s += fmt.Sprintf(" ext=%d", e.ext)
			if e.extAmt != nil {
				s += fmt.Sprintf("@%dc", *e.extAmt)
			}
		}
		for _, o := range e.overrides {
			if o.prorated {
				s += fmt.Sprintf(" prorate %s", o.p)
			} else {
				s += fmt.Sprintf(" set %s to %dc", o.p, o.amount)
			}
		}
	case evWhole:
		s += fmt.Sprintf(" %v skip=%t", e.whole, e.skip)
	case evDelete:
		s += fmt.Sprintf(" #%d", e.pauseID)
	case evPayFail, evPaySucceed:
		s += fmt.Sprintf(" due %s", e.due)
	}
	return s
}

// refPause is a pause the log added and did not delete.
type refPause struct {
	id        int // log index of the event that added it
	on        date.Date
	flex      bool
	days      period.Period // flexible
	ext       int
	extAmt    *int64
	overrides []refOverride
	whole     []period.Period
	skip      bool
	shiftsEnd bool // added while a termination date set by a command stood
	extStart  int  // counted number of the first period its extension adds
}

// refOverride sets the invoice of a period a flexible pause touches.
type refOverride struct {
	p        period.Period
	prorated bool
	amount   int64
}

// ranges returns the days the pause covers.
func (p refPause) ranges() []period.Period {
	if p.flex {
		return []period.Period{p.days}
	}
	return p.whole
}

// refRetryRec is the retry period that followed a failed renewal charge.
type refRetryRec struct {
	due       date.Date
	policy    refRetry
	failures  []date.Date
	paidOn    date.Date
	recovered bool
	exhausted bool
	closed    date.Date // a suspension or termination stopped it; 0 if none
	unpaid    bool
	paidLate  bool          // paid after it ran out or was stopped
	period    period.Period // of the invoice charged
	advance   bool          // that invoice is its period's, issued on its first day
}

// refScheduled is a suspension planned for a later date.
type refScheduled struct {
	eff    date.Date
	reason subscription.Reason
}

// apply folds e into the world, which is open on e's day, and returns the
// sentinel the model expects if it refuses e (the world is then to be
// thrown away).
func (w *world) apply(e *refEvent) error {
	if w.status == stTerminated {
		return subscription.ErrTerminated
	}
	switch e.kind {
	case evSuspend:
		if w.status == stSuspended {
			return subscription.ErrInvalidTransition
		}
		w.suspend(e.on, e.reason, -1)
	case evSchedule:
		if w.status == stSuspended {
			return subscription.ErrInvalidTransition
		}
		w.schedSusp = &refScheduled{eff: e.eff, reason: e.reason}
	case evCancelSuspension:
		if w.schedSusp == nil {
			return subscription.ErrNotSuspended
		}
		w.schedSusp = nil
	case evRestart:
		return w.restart(e.on)
	case evTerminateNow:
		w.terminate(e.on)
	case evTerminateOn, evTerminateAtEnd:
		return w.terminateOn(e)
	case evCancelTermination:
		if !w.hasCmdEnd {
			return subscription.ErrInvalidTransition
		}
		w.hasCmdEnd = false
		// A whole-period pause the termination made moot must still
		// name a billing period (DESIGN rule 20). While suspended no
		// period lies ahead: the restart checks the pauses.
		if _, bad := w.orphan(e.on); bad && w.status != stSuspended {
			return subscription.ErrOrphanPause
		}
	case evChangePlan:
		w.change = e.plan
		if w.status == stSuspended {
			w.waits = true // taken at the restart
			return nil
		}
		w.waits, w.changeAt = false, w.boundaryAfter(e.on)
		if _, bad := w.orphan(e.on); bad {
			return subscription.ErrOrphanPause
		}
	case evFlexible, evWhole:
		return w.addPause(e)
	case evPayFail:
		return w.paymentFailed(e)
	case evPaySucceed:
		return w.paymentSucceeded(e)
	case evInvalidate:
		w.invalid = true
		w.planAuto(e.on)
	case evUpdateMethod:
		w.invalid, w.hasAuto = false, false
	default:
		w.bug("event %v applied as a plain command", e)
	}
	return nil
}

// restart applies rule 8: a renewal on d if d is on or after the end of
// the last period that ran; a period whose charge was never paid did not
// run, unless a payment recovered it since.
func (w *world) restart(d date.Date) error {
	switch {
	case w.status == stSuspended:
	case w.schedSusp != nil:
		w.schedSusp = nil
		return nil
	default:
		return subscription.ErrNotSuspended
	}
	lastEnd := w.lastEnd
	if r := w.susUnpaid; r >= 0 && w.retries[r].unpaid {
		lastEnd = w.retries[r].period.Start
	}
	w.status, w.reason, w.susUnpaid = stActive, 0, -1
	if renewal := d >= lastEnd; renewal {
		p, taken := w.plan, false
		if w.change != nil {
			p, taken, w.change = w.change, true, nil
		}
		w.newRun(d, p, taken)
	} else {
		// The period goes on: nothing cut it short.
		if n := len(w.slots); n > 0 {
			w.slots[n-1].cut = 0
		}
		if w.lead != nil {
			w.lead.cut = 0
		}
		if w.change != nil {
			w.waits, w.changeAt = false, w.boundaryAfter(d)
		}
	}
	w.planAuto(d)
	// The schedule ahead must hold every whole-period pause: a renewal
	// may re-anchor it, a plan change may, and a termination cancelled
	// while suspended brings back the pauses it made moot.
	if _, bad := w.orphan(d); bad {
		return subscription.ErrOrphanPause
	}
	return nil
}

func (w *world) terminateOn(e *refEvent) error {
	if e.eff == 0 {
		e.eff = w.boundaryAfter(e.on) // terminate_at_period_end
	}
	if e.eff == e.on {
		w.terminate(e.on)
		return nil
	}
	if end, ok := w.projectFor(e.eff).end(); ok && e.eff > end {
		if w.replaying {
			// Replaying for a deletion, a termination set past the end
			// the walk has without the pause is moot.
			return nil
		}
		return subscription.ErrInvalidTransition
	}
	w.cmdEnd, w.hasCmdEnd = e.eff, true
	for i := range w.pauses {
		w.pauses[i].shiftsEnd = false // the command says the date
	}
	return nil
}
