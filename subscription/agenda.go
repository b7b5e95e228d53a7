package subscription

import (
	"cmp"
	"iter"
	"slices"
	"sort"

	"github.com/billcycle/billcycle/internal/enum"
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// ActionKind is the kind of an Action of the agenda.
type ActionKind uint8

// The kinds of actions. A state change is named for what takes effect;
// StateChange covers the others (a retry period that begins or recovers, a
// suspension scheduled, the start of the subscription).
const (
	// ActionInvoice is a document issued on the day: an invoice to charge,
	// or a credit note (Invoice.Kind is invoice.KindCreditNote) to refund
	// or to carry as the customer's credit.
	ActionInvoice ActionKind = iota + 1
	// ActionAttempt is a charge attempt of a retry period on the day.
	ActionAttempt
	// ActionSuspension is a suspension taking effect.
	ActionSuspension
	// ActionRestart is a suspended subscription running again.
	ActionRestart
	// ActionTermination is the first day without service.
	ActionTermination
	// ActionPauseStart is the first paused day of a pause.
	ActionPauseStart
	// ActionPauseEnd is the first day after a pause.
	ActionPauseEnd
	// ActionTrialEnd is the first day after the trial.
	ActionTrialEnd
	// ActionPlanChange is the first day of a new plan.
	ActionPlanChange
	// ActionStateChange is any other change of state.
	ActionStateChange
)

var actionKindNames = enum.New[ActionKind]("action kind", ErrInvalidView, "invoice", "attempt", "suspension",
	"restart", "termination", "pause_start", "pause_end", "trial_end", "plan_change", "state_change")

// String returns the lower-case name of the kind, such as "pause_start",
// or "action kind(N)" for an invalid kind.
func (k ActionKind) String() string { return actionKindNames.String(k) }

// Valid reports whether k is one of the action kinds.
func (k ActionKind) Valid() bool { return actionKindNames.Valid(k) }

// MarshalText encodes the kind as its name; an invalid kind is an error
// wrapping ErrInvalidView.
func (k ActionKind) MarshalText() ([]byte, error) { return actionKindNames.MarshalText(k) }

// UnmarshalText decodes a kind from its name; any other text is an error
// wrapping ErrInvalidView.
func (k *ActionKind) UnmarshalText(b []byte) error { return actionKindNames.UnmarshalText(b, k) }

// Action is one dated thing a backend acts on: an invoice to issue and
// charge, a charge attempt to make, a change of state that takes effect.
// Exactly one of Invoice, Attempt and Change is set, as Kind says.
type Action struct {
	// On is the day of the action.
	On date.Date
	// Kind says what it is.
	Kind ActionKind
	// Invoice is the invoice issued, for ActionInvoice.
	Invoice *invoice.Invoice
	// Attempt is the charge attempt, for ActionAttempt.
	Attempt *AttemptAction
	// Change is the new state, for the changes of state and of plan.
	Change *StateChange
}

// AttemptAction is a charge attempt of a retry period.
type AttemptAction struct {
	// Due is the issue date of the invoice whose charge failed.
	Due date.Date
	// Number is the attempt's number, from 1.
	Number int
	// State is whether the attempt is still planned, failed or succeeded.
	State retry.AttemptState
}

// StateChange is the state of the subscription from a day on, and why.
type StateChange struct {
	// State is the state from the day on, with the reason of a suspension.
	Status
	// From is the state the day before.
	From State
	// Cause is the log index of the event behind the change, the pause's
	// ID for a pause, or -1 when the plan scheduled it (the start, the end
	// of a trial or of the term).
	Cause int
	// PauseReason is the reason of the pause that starts or ends.
	PauseReason string
	// Plan is the plan that takes effect, for ActionPlanChange.
	Plan *Plan
}

// Agenda returns every dated thing in span that a backend acts on, in date
// order, and within a day: changes of plan and state, in log order, then
// invoices, then charge attempts. It agrees with Timeline, Invoices and
// RetryPeriods on every day, and the agenda of a span is the agendas of its
// days one after the other: a daily job asks for the agenda of its day.
// The zero Subscription has none.
func (s Subscription) Agenda(span period.Period) iter.Seq[Action] {
	return func(yield func(Action) bool) {
		var b viewBuf
		m := s.view(&b)
		span := inCalendar(span)
		if m == nil || span.IsEmpty() {
			return
		}
		var out []Action
		m.changes(span, func(a Action) { out = append(out, a) })
		m.eachIssued(span, func(inv invoice.Invoice, err error) bool {
			if err == nil {
				out = append(out, Action{On: inv.IssueDate, Kind: ActionInvoice, Invoice: &inv})
			}
			return true
		})
		if s.h != nil {
			for rp := range s.RetryPeriods() {
				for i, a := range rp.Attempts {
					if span.Contains(a.On) {
						out = append(out, Action{On: a.On, Kind: ActionAttempt, Attempt: &AttemptAction{Due: rp.Due, Number: i + 1, State: a.State}})
					}
				}
			}
		}
		slices.SortStableFunc(out, compareActions)
		for _, a := range out {
			if !yield(a) {
				return
			}
		}
	}
}

// compareActions orders actions by day, then changes before invoices before
// attempts, changes by cause.
func compareActions(a, b Action) int {
	if c := cmp.Compare(a.On, b.On); c != 0 {
		return c
	}
	rank := func(a Action) int {
		switch a.Kind {
		case ActionInvoice:
			return 1
		case ActionAttempt:
			return 2
		}
		return 0
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 || a.Change == nil || b.Change == nil {
		return c
	}
	return cmp.Compare(a.Change.Cause, b.Change.Cause)
}

// changes calls add with the changes of state and of plan in span.
func (m *model) changes(span period.Period, add func(Action)) {
	for c := range m.planChanges(span) {
		st, rs := m.stateOn(c.on)
		p := c.plan.clone()
		add(Action{On: c.on, Kind: ActionPlanChange, Change: &StateChange{Status: Status{State: st, Reason: rs},
			From: st, Cause: c.cause, Plan: &p}})
	}
	for _, c := range m.cuts(span) {
		if a, ok := m.changeOn(c); ok {
			add(a)
		}
	}
}

// planChanges returns the days of span on which another plan takes
// effect, in date order then log order, with the plan and the log index of
// the event behind it: the start of a run on another plan than the day
// before, and every change now inside a period.
func (m *model) planChanges(span period.Period) iter.Seq[planMark] {
	return func(yield func(planMark) bool) {
		i := max(1, sort.Search(m.nruns(), func(i int) bool { return m.run(i).from >= span.Start }))
		j := sort.Search(m.marks.len(), func(i int) bool { return m.marks.items[i].on >= span.Start })
		for {
			runAt, markAt := forever, forever
			if i < m.nruns() {
				runAt = m.run(i).from
			}
			if j < m.marks.len() {
				markAt = m.marks.items[j].on
			}
			switch {
			case min(runAt, markAt) >= min(span.End, forever):
				return
			case runAt <= markAt:
				r := m.run(i)
				i++
				if before, _, _ := m.planOn(r.from - 1); r.plan != before && !yield(planMark{r.from, r.plan, r.cause}) {
					return
				}
			default:
				mk := m.marks.items[j]
				j++
				if !yield(mk) {
					return
				}
			}
		}
	}
}

// cuts returns, in order, the days of span on which the state may change:
// the state changes of the log, the start, the end of the trial, the start
// and end of each pause and the termination.
func (m *model) cuts(span period.Period) []date.Date {
	var out []date.Date
	in := func(d date.Date) {
		if span.Contains(d) {
			out = append(out, d)
		}
	}
	for j := sort.Search(m.nsegs(), func(i int) bool { return m.seg(i).from >= span.Start }); j < m.nsegs(); j++ {
		f := m.seg(j).from
		if f >= span.End {
			break
		}
		in(f)
	}
	in(m.t.start)
	in(m.t.trialEnd)
	in(m.idx.end)
	if x := m.pidx; x != nil {
		for i := max(0, x.pausedIn(span.Start)); i < len(x.paused) && x.paused[i].days.Start < span.End; i++ {
			in(x.paused[i].days.Start)
			in(x.paused[i].days.End)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// changeOn returns the change of state on day d, and false if the state on
// d is the state of the day before.
func (m *model) changeOn(d date.Date) (Action, bool) {
	now, before := m.segmentAt(d), m.segmentAt(d-1)
	if now.State == before.State && now.Reason == before.Reason && now.PauseReason == before.PauseReason &&
		(now.State != Paused || now.Cause == before.Cause) {
		return Action{}, false
	}
	c := &StateChange{Status: Status{State: now.State, Reason: now.Reason}, From: before.State, Cause: now.Cause,
		PauseReason: now.PauseReason}
	kind := ActionStateChange
	switch {
	case now.State == Terminated:
		kind = ActionTermination
	case now.State == Suspended:
		kind = ActionSuspension
	case now.State == Paused:
		kind = ActionPauseStart
	case before.State == Paused:
		kind, c.Cause, c.PauseReason = ActionPauseEnd, before.Cause, before.PauseReason
	case before.State == Suspended:
		kind = ActionRestart
	case before.State == Trial:
		kind = ActionTrialEnd
	}
	return Action{On: d, Kind: kind, Change: c}, true
}
