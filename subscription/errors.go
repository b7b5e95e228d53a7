package subscription

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Sentinel errors returned by this package, matched with errors.Is. The
// returned errors wrap them with the offending values.
var (
	// ErrTerminated reports a command given to a terminated subscription.
	ErrTerminated = errors.New("subscription: terminated")
	// ErrNotSuspended reports a restart or cancellation of a subscription
	// that is neither suspended nor has a suspension scheduled.
	ErrNotSuspended = errors.New("subscription: not suspended")
	// ErrInvalidTransition reports a command that the state on its date
	// does not allow; the error is an *TransitionError.
	ErrInvalidTransition = errors.New("subscription: invalid transition")
	// ErrBeforeStart reports an event dated before the subscription starts.
	ErrBeforeStart = errors.New("subscription: event before the start")
	// ErrOutOfOrder reports an event dated before the event ahead of it.
	ErrOutOfOrder = errors.New("subscription: event out of order")
	// ErrInvalidPlan reports a plan that cannot work.
	ErrInvalidPlan = errors.New("subscription: invalid plan")
	// ErrInvalidEvent reports an event whose fields do not fit its kind.
	ErrInvalidEvent = errors.New("subscription: invalid event")
	// ErrNoEnd reports an extension of a subscription whose end is not on a
	// period boundary (open-ended, or terminating mid-period).
	ErrNoEnd = errors.New("subscription: no termination on a period boundary to extend")
	// ErrNoTerms reports a command given to the zero Subscription, which
	// has no terms: make subscriptions with New, Replay or JSON decoding.
	ErrNoTerms = errors.New("subscription: no terms (the zero Subscription)")
	// ErrInvalidTerms reports terms that cannot work: a start or anchor
	// outside the calendar, an anchor before the start or more than one
	// period after it, a term that ends after 9999-12-31.
	ErrInvalidTerms = errors.New("subscription: invalid terms")
	// ErrInvalidView reports a view (a Status, a Timeline, an Action…)
	// decoded from malformed JSON.
	ErrInvalidView = errors.New("subscription: invalid view")
	// ErrNotDue reports a payment event for a date on which no invoice is
	// due, or for an invoice with no failed charge.
	ErrNotDue = errors.New("subscription: no payment due")

	// ErrPeriodInvoiced reports a pause, or the deletion of one, that would
	// change an invoice already issued on the command's date.
	ErrPeriodInvoiced = errors.New("subscription: period already invoiced")
	// ErrNotBillingPeriod reports a whole-period pause of a range that is not
	// exactly one of the subscription's billing periods.
	ErrNotBillingPeriod = errors.New("subscription: not a billing period")
	// ErrOverlap reports a pause that shares days with another pause.
	ErrOverlap = errors.New("subscription: overlaps another pause")
	// ErrPauseNotFound reports the deletion of a pause that does not exist
	// or was already deleted.
	ErrPauseNotFound = errors.New("subscription: pause not found")
	// ErrOrphanPause reports a command that would leave a whole-period pause
	// on a period that is no longer a billing period: the deletion of a
	// pause whose extension added it, or a renewal (restart, late payment
	// under retry.RestartOnPayment, plan change to another recurrence) that
	// re-anchors the schedule under it. Delete that pause first.
	ErrOrphanPause = errors.New("subscription: a whole-period pause would no longer name a billing period")
)

// TransitionError reports a command that the subscription's state on the
// command's date does not allow. It matches ErrInvalidTransition, and
// ErrTerminated when the state is terminated.
type TransitionError struct {
	// Command is the kind of the refused command.
	Command Kind
	// On is the command's date.
	On date.Date
	// State is the subscription's state on the command's date.
	State State
	// Since is the day that state began (the termination date of a
	// terminated subscription).
	Since date.Date
}

// Error returns a message such as
// "subscription: restart on 2021-10-20: terminated on 2021-10-15".
func (e *TransitionError) Error() string {
	verb := " since "
	if e.State == Terminated {
		verb = " on "
	}
	return "subscription: " + e.Command.String() + " on " + e.On.String() + ": " + e.State.String() + verb + e.Since.String()
}

// Is reports whether target is ErrInvalidTransition, or ErrTerminated for a
// terminated subscription.
func (e *TransitionError) Is(target error) bool {
	return target == ErrInvalidTransition || (target == ErrTerminated && e.State == Terminated)
}

// onePrefix returns msg without the package prefixes that the causes it
// wraps repeat inside it: "subscription: invalid plan: period: invalid
// recurrence …" reads "subscription: invalid plan: invalid recurrence …".
func onePrefix(msg string) string {
	for _, p := range [...]string{"subscription", "period", "invoice", "pause", "retry"} {
		msg = strings.ReplaceAll(msg, ": "+p+": ", ": ")
	}
	return msg
}

// cleanError is an error whose message says one package prefix (see
// onePrefix); errors.Is and errors.As see the error it holds.
type cleanError struct{ err error }

func (e *cleanError) Error() string { return onePrefix(e.err.Error()) }
func (e *cleanError) Unwrap() error { return e.err }

// clean returns err with one package prefix in its message, or nil.
func clean(err error) error {
	if err == nil {
		return nil
	}
	return &cleanError{err}
}

// dateText returns d as YYYY-MM-DD, or as date(N) for a day outside
// 0001-01-01 … 9999-12-31, whose ISO text would mislead.
func dateText(d date.Date) string {
	if period.CheckDate(d) != nil {
		return "date(" + strconv.FormatInt(int64(d), 10) + ")"
	}
	return d.String()
}

// EventError reports which event of a log could not be applied.
type EventError struct {
	// Index is the position of the event in the log.
	Index int
	// Event is the event that failed.
	Event Event
	// Err is the reason.
	Err error
}

// Error returns the index, the event's kind and date, and the reason, with
// one package prefix: "subscription: event 2 (restart on 2021-11-01): not
// suspended: …".
func (e *EventError) Error() string {
	reason := "unknown reason"
	if e.Err != nil {
		// The reason's own prefix and its repeat of the command and date
		// go: the event's are said once, ahead of it.
		reason = strings.TrimPrefix(e.Err.Error(), "subscription: ")
		reason = strings.Replace(reason, e.Event.Kind.String()+" on "+e.Event.Date.String()+": ", "", 1)
	}
	return onePrefix(fmt.Sprintf("subscription: event %d (%s on %s): %s", e.Index, e.Event.Kind, e.Event.Date, reason))
}

// Unwrap returns the reason, so that errors.Is sees through an EventError.
func (e *EventError) Unwrap() error { return e.Err }
