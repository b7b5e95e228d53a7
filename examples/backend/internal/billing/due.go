package billing

import (
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Attempt is a planned retry of a failed charge.
type Attempt struct {
	// Due is the issue date of the invoices whose charge failed.
	Due date.Date
	// Number counts the attempts after the failed charge, from 1.
	Number int
}

// Change is a change of state or of plan taking effect on a day.
type Change struct {
	// Kind is the action's kind, such as "suspension" or "pause_start".
	Kind string
	// State and Reason are the state from the day on.
	State, Reason string
	// Cause is the log index of the event behind the change, or -1 when
	// the plan scheduled it.
	Cause int
	// JSON is the library's JSON of the action.
	JSON []byte
}

// Key identifies the change within its day, for deduplication.
func (c Change) Key() string { return fmt.Sprintf("%s/%s/%s/%d", c.Kind, c.State, c.Reason, c.Cause) }

// Due is what a backend acts on during one day: the library's agenda of
// that day, sorted for the job.
type Due struct {
	// On is the day.
	On date.Date
	// Invoices are the documents issued that day, invoices and credit
	// notes, in the library's order.
	Invoices []Invoice
	// Attempts are the retry attempts still planned that day; the agenda's
	// attempts that failed or succeeded already are left out.
	Attempts []Attempt
	// Changes are the changes of state and plan taking effect that day, in
	// log order.
	Changes []Change
}

// Empty reports whether nothing is due.
func (d Due) Empty() bool { return len(d.Invoices) == 0 && len(d.Attempts) == 0 && len(d.Changes) == 0 }

// DueOn returns what is due on day d: the library's Agenda of that day.
func (s Subscription) DueOn(d date.Date) (Due, error) {
	out := Due{On: d}
	k := keyer{}
	for a := range s.s.Agenda(period.Period{Start: d, End: d + 1}) {
		switch {
		case a.Invoice != nil:
			inv, err := fromInvoice(*a.Invoice, k)
			if err != nil {
				return out, err
			}
			out.Invoices = append(out.Invoices, inv)
		case a.Attempt != nil:
			if a.Attempt.State == retry.Planned {
				out.Attempts = append(out.Attempts, Attempt{Due: a.Attempt.Due, Number: a.Attempt.Number})
			}
		case a.Change != nil:
			c, err := change(a)
			if err != nil {
				return out, err
			}
			out.Changes = append(out.Changes, c)
		}
	}
	return out, nil
}

// change returns the layer's form of a change of the agenda.
func change(a subscription.Action) (Change, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return Change{}, err
	}
	c := Change{Kind: a.Kind.String(), State: a.Change.State.String(), Cause: a.Change.Cause, JSON: b}
	if a.Change.Reason != 0 {
		c.Reason = a.Change.Reason.String()
	}
	return c, nil
}

// NextAction returns the first day after `after` on which the library's
// agenda is not empty, and false when nothing will happen again without a
// new command (terminated, a fixed term fully billed). The backend stores it
// in subscriptions.next_action_on.
func (s Subscription) NextAction(after date.Date) (date.Date, bool) {
	return s.s.NextAction(after)
}
