package subscription

import (
	"fmt"
	"iter"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Status is the state of a subscription on a date, with the reason of a
// suspension.
type Status struct {
	// State is the state on the date.
	State State `json:"state"`
	// Reason is why the subscription is suspended; zero otherwise.
	Reason Reason `json:"reason,omitempty"`
}

// StatusOn returns the state of the subscription on date d, as its whole
// log says, with what the log schedules (a suspension, the end of a term)
// taking effect on its date. It runs in time independent of the
// subscription's age. The zero Subscription has the zero Status.
func (s Subscription) StatusOn(d date.Date) Status {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return Status{}
	}
	st, r := m.stateOn(d)
	return Status{State: st, Reason: r}
}

// StateOn returns the state of the subscription on date d (see StatusOn).
func (s Subscription) StateOn(d date.Date) State { return s.StatusOn(d).State }

// Entitled reports whether the customer may use the service (or book a
// class) on date d: in trial, active, with a suspension scheduled, or past
// due. Paused, suspended, pending and terminated days are not entitled.
func (s Subscription) Entitled(d date.Date) bool { return s.StateOn(d).Entitled() }

// TerminationDate returns the first day without service, as the log and
// the plan's term say, and false for a subscription without end.
func (s Subscription) TerminationDate() (date.Date, bool) {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return 0, false
	}
	return m.endDate()
}

// PlanOn returns the plan in effect on date d: the plan of the billing
// run that holds d, the first plan before the start. The zero Subscription
// has the zero Plan.
func (s Subscription) PlanOn(d date.Date) Plan {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return Plan{}
	}
	i := max(0, m.runOf(d))
	return m.run(i).plan.clone()
}

// BillingPeriod is one period of the billing schedule.
type BillingPeriod struct {
	// Period is the range of days the period covers.
	Period period.Period `json:"period"`
	// Number counts the billed periods before it (paused ones excluded).
	Number int `json:"number"`
	// Paused reports whether a whole-period pause removed the period: it
	// has no invoice and no access.
	Paused bool `json:"paused,omitempty"`
	// PauseReason is the reason of that pause.
	PauseReason string `json:"pause_reason,omitempty"`
}

// Periods returns the billing periods that share a day with [from, to), in
// order: a subscription without end has periods for ever, so the range
// bounds the sequence. The periods before a later anchor, or of a trial in
// days, are not billing periods (see Invoices).
func (s Subscription) Periods(from, to date.Date) iter.Seq[BillingPeriod] {
	return func(yield func(BillingPeriod) bool) {
		var b viewBuf
		m := s.view(&b)
		if m == nil {
			return
		}
		m.eachSlot(from, to, func(sl slot) bool {
			bp := BillingPeriod{Period: sl.shown, Number: sl.billed, Paused: sl.paused >= 0}
			if sl.paused >= 0 {
				bp.PauseReason = m.pauses[sl.paused].reason()
			}
			return yield(bp)
		})
	}
}

// Invoices returns the invoices of the periods that share a day with
// [from, to), in order, issued or planned: an invoice has been issued as of
// a date if its IssueDate is on or before it.
func (s Subscription) Invoices(from, to date.Date) ([]invoice.Invoice, error) {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return nil, nil
	}
	var out []invoice.Invoice
	for inv, err := range m.invoices(from, to) {
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// NextRenewal returns the first day after asOf on which a billed period
// starts, and false if there is none (terminated, suspended, or ending
// before).
func (s Subscription) NextRenewal(asOf date.Date) (date.Date, bool) {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return 0, false
	}
	next, ok := date.Date(0), false
	m.eachSlot(asOf+1, m.idx.end, func(sl slot) bool {
		if sl.p.Start > asOf && sl.paused < 0 {
			next, ok = sl.p.Start, true
			return false
		}
		return true
	})
	return next, ok
}

// PauseInfo is a pause of the subscription, as Pauses lists it.
type PauseInfo struct {
	// ID identifies the pause for KindDeletePause: the log index of the event
	// that added it.
	ID int `json:"id"`
	// On is the day the pause was decided.
	On date.Date `json:"on"`
	// Reason is the pause's reason.
	Reason string `json:"reason"`
	// Flexible is set for a flexible pause.
	Flexible *pause.Flexible `json:"flexible,omitempty"`
	// WholePeriod is set for a whole-period pause.
	WholePeriod *pause.WholePeriod `json:"whole_period,omitempty"`
}

// Pauses returns the pauses that are not deleted, in the order they were
// added; a non-empty reason keeps only the pauses with that reason. The
// pauses are copies: changing them changes nothing here.
func (s Subscription) Pauses(reason string) []PauseInfo {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return nil
	}
	var out []PauseInfo
	for i := range m.pauses {
		p := &m.pauses[i]
		if reason != "" && reason != p.reason() {
			continue
		}
		e := Event{Flexible: p.flex, WholePeriod: p.whole}.clone()
		out = append(out, PauseInfo{ID: p.id, On: p.on, Reason: p.reason(), Flexible: e.Flexible, WholePeriod: e.WholePeriod})
	}
	return out
}

// PausedRanges returns the day ranges of the pauses that are not deleted,
// for pause.Hit and other day checks.
func (s Subscription) PausedRanges() []period.Period {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return nil
	}
	var out []period.Period
	for i := range m.pauses {
		out = append(out, m.pauses[i].ranges()...)
	}
	return out
}

// PreviewFlexiblePause lists the billing periods that a flexible pause of
// the given days would touch, with paused days of total days, without
// changing the subscription.
func (s Subscription) PreviewFlexiblePause(days period.Period) []pause.Touch {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return nil
	}
	return pause.Touched(func(yield func(period.Period) bool) {
		for sl := range m.slots(days.Start, days.End) {
			if !yield(sl.p) {
				return
			}
		}
	}, days)
}

// String returns a one-line summary such as
// "subscription P1M from 2021-10-01, 3 events".
func (s Subscription) String() string {
	if s.t == nil {
		return "subscription (zero)"
	}
	return fmt.Sprintf("subscription %s from %s, %d events", s.t.plan.Every, s.t.start, len(s.log()))
}
