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
	State State
	// Reason is why the subscription is suspended; zero otherwise.
	Reason Reason
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

// Entitled reports whether the customer may use the service (or book a
// class) on date d: in trial, active, with a suspension scheduled, or past
// due. Paused, suspended, pending and terminated days are not entitled.
func (s Subscription) Entitled(d date.Date) bool { return s.StatusOn(d).State.Entitled() }

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
	p, _, _ := m.planOn(d)
	return p.clone()
}

// BillingPeriod is one period of the billing schedule.
type BillingPeriod struct {
	// Period is the range of days the period covers.
	Period period.Period
	// Number counts the billed periods before it (paused ones excluded).
	Number int
	// Paused reports whether a whole-period pause removed the period: it
	// has no invoice and no access.
	Paused bool
	// PauseReason is the reason of that pause.
	PauseReason string
}

// Periods returns the billing periods that share a day with span, in
// order: a subscription without end has periods for ever, so the span
// bounds the sequence. The periods before a later anchor, or of a trial in
// days, are not billing periods (see Invoices).
func (s Subscription) Periods(span period.Period) iter.Seq[BillingPeriod] {
	return func(yield func(BillingPeriod) bool) {
		var b viewBuf
		m := s.view(&b)
		if m == nil {
			return
		}
		span := inCalendar(span)
		m.eachSlot(span.Start, span.End, func(sl slot) bool {
			bp := BillingPeriod{Period: sl.shown, Number: sl.billed, Paused: sl.paused >= 0}
			if sl.paused >= 0 {
				bp.PauseReason = m.pauses[sl.paused].reason()
			}
			return yield(bp)
		})
	}
}

// Invoices returns the invoices issued on a day of span, issued already or
// planned, in the order of their periods: an invoice has been issued as of
// a date if its IssueDate is on or before it (invoice.Invoice.IsIssued).
// In advance an invoice is issued on its period's first day, in arrears on
// its end or on the termination that cuts it short. An error ends the
// sequence; for a subscription that New, Replay or a command accepted
// there is none.
func (s Subscription) Invoices(span period.Period) iter.Seq2[invoice.Invoice, error] {
	return func(yield func(invoice.Invoice, error) bool) {
		var b viewBuf
		if m := s.view(&b); m != nil {
			m.eachIssued(inCalendar(span), func(inv invoice.Invoice, err error) bool { return yield(inv, err) && err == nil })
		}
	}
}

// inCalendar returns the days of span within 0001-01-01 … 9999-12-31:
// there are no others to report.
func inCalendar(span period.Period) period.Period {
	return period.Period{Start: max(span.Start, period.MinDate), End: min(span.End, lastDay+1)}
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
	ID int
	// On is the day the pause was decided.
	On date.Date
	// Reason is the pause's reason.
	Reason string
	// Flexible is set for a flexible pause.
	Flexible *pause.Flexible
	// WholePeriod is set for a whole-period pause.
	WholePeriod *pause.WholePeriod
}

// Pauses returns the pauses that are not deleted, in the order they were
// added; a non-empty reason keeps only the pauses with that reason. The
// pauses are copies: changing them changes nothing here.
func (s Subscription) Pauses(reason string) iter.Seq[PauseInfo] {
	return func(yield func(PauseInfo) bool) {
		var b viewBuf
		m := s.view(&b)
		if m == nil {
			return
		}
		for i := range m.pauses {
			p := &m.pauses[i]
			if reason != "" && reason != p.reason() {
				continue
			}
			e := Event{Flexible: p.flex, WholePeriod: p.whole}.clone()
			if !yield(PauseInfo{ID: p.id, On: p.on, Reason: p.reason(), Flexible: e.Flexible, WholePeriod: e.WholePeriod}) {
				return
			}
		}
	}
}

// PausedRanges returns the day ranges of the pauses that are not deleted,
// in the order of their first days, for pause.Hit and other day checks.
func (s Subscription) PausedRanges() iter.Seq[period.Period] {
	return func(yield func(period.Period) bool) {
		var b viewBuf
		m := s.view(&b)
		if m == nil {
			return
		}
		for _, pd := range m.pausedDays() {
			if !yield(pd.days) {
				return
			}
		}
	}
}

// PreviewFlexiblePause returns the billing periods that a flexible pause of
// the given days would touch, with paused days of total days, without
// changing the subscription.
func (s Subscription) PreviewFlexiblePause(days period.Period) iter.Seq[pause.Touch] {
	return func(yield func(pause.Touch) bool) {
		var b viewBuf
		m := s.view(&b)
		if m == nil {
			return
		}
		for t := range pause.Touched(func(yield func(period.Period) bool) {
			m.eachSlot(days.Start, days.End, func(sl slot) bool { return yield(sl.p) })
		}, days) {
			if !yield(t) {
				return
			}
		}
	}
}

// String returns a one-line summary such as
// "subscription P1M from 2021-10-01, 3 events".
func (s Subscription) String() string {
	if s.t == nil {
		return "subscription (zero)"
	}
	n := len(s.log())
	if n == 1 {
		return fmt.Sprintf("subscription %s from %s, 1 event", s.t.plan.Every, s.t.start)
	}
	return fmt.Sprintf("subscription %s from %s, %d events", s.t.plan.Every, s.t.start, n)
}
