package subscription

import (
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Segment is a stretch of days with one state, and why it is in it.
type Segment struct {
	// Period is the range of days, clipped to the timeline's span.
	Period period.Period
	// State is the state on those days.
	State State
	// Reason is the suspension reason, if any.
	Reason Reason
	// Cause is the log index of the event that began the segment — for a
	// paused segment, the event that added the pause, which is its ID — or
	// −1 when the plan did (the start, the end of a trial or of the term).
	Cause int
	// PauseReason is the reason of the pause of a paused segment.
	PauseReason string
}

// TimelineInvoice is an invoice of the timeline, whether it has been
// issued as of the timeline's date, and whether it was paid.
type TimelineInvoice struct {
	// Invoice is the computed invoice.
	Invoice invoice.Invoice
	// Issued reports whether IssueDate is on or before the timeline's AsOf.
	Issued bool
	// Payment is whether the invoice was paid, as the whole log says: paid
	// unless its charge failed, open while retrying, unpaid when the
	// retries ran out or were stopped with no payment since.
	Payment Payment
}

// Timeline is everything a backend needs about a span of days: the states,
// the billing periods, the invoices issued or planned, the retry periods
// and the events of the log, as of a date.
type Timeline struct {
	// Span is the range of days the timeline covers.
	Span period.Period
	// AsOf is the date the Issued flags are computed for.
	AsOf date.Date
	// Segments tile Span with states, in order.
	Segments []Segment
	// Periods are the billing periods that share a day with Span.
	Periods []BillingPeriod
	// Invoices are the invoices of those periods.
	Invoices []TimelineInvoice
	// Retries are the retry periods of the log, with every attempt.
	Retries []RetryPeriod
	// Events are the events of the log dated within Span.
	Events []Event
	// Termination is the termination date, if the subscription has one.
	Termination *date.Date
}

// Timeline returns the timeline of span as of asOf. It returns an error
// wrapping period.ErrInvalidRange for an invalid span. The zero
// Subscription has an empty timeline.
func (s Subscription) Timeline(span period.Period, asOf date.Date) (Timeline, error) {
	if err := span.Validate(); err != nil {
		return Timeline{}, err
	}
	tl := Timeline{Span: span, AsOf: asOf}
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return tl, nil
	}
	tl.Segments = m.segments(span)
	tl.Retries = slices.AppendSeq(tl.Retries, s.RetryPeriods())
	for bp := range s.Periods(span) {
		tl.Periods = append(tl.Periods, bp)
	}
	for inv, err := range m.invoices(span.Start, span.End) {
		if err != nil {
			return Timeline{}, err
		}
		tl.Invoices = append(tl.Invoices, TimelineInvoice{Invoice: inv, Issued: inv.IsIssued(asOf), Payment: m.paymentOf(inv.IssueDate)})
	}
	for _, e := range s.log() {
		if span.Contains(e.Date) {
			tl.Events = append(tl.Events, e.clone())
		}
	}
	if end, ok := m.endDate(); ok {
		tl.Termination = &end
	}
	return tl, nil
}

// segments returns the states over span: the base state changes, split
// where a trial ends and where pauses begin and end.
func (m *model) segments(span period.Period) []Segment {
	if span.IsEmpty() {
		return []Segment{}
	}
	cuts := []date.Date{span.Start, m.t.start, m.t.trialEnd}
	for i := range m.nsegs() {
		cuts = append(cuts, m.seg(i).from)
	}
	if end, ok := m.endDate(); ok {
		cuts = append(cuts, end)
	}
	for _, pd := range m.pausedDays() {
		cuts = append(cuts, pd.days.Start, pd.days.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []Segment
	for i, c := range cuts {
		if c < span.Start || c >= span.End {
			continue
		}
		end := span.End
		if i+1 < len(cuts) && cuts[i+1] < end {
			end = cuts[i+1]
		}
		sg := m.segmentAt(c)
		sg.Period = period.Period{Start: c, End: end}
		if n := len(out); n > 0 && out[n-1].State == sg.State && out[n-1].Reason == sg.Reason &&
			out[n-1].PauseReason == sg.PauseReason && (sg.State != Paused || out[n-1].Cause == sg.Cause) {
			out[n-1].Period.End = end
			continue
		}
		out = append(out, sg)
	}
	return out
}

// segmentAt returns the state on d and its cause.
func (m *model) segmentAt(d date.Date) Segment {
	st, r := m.stateOn(d)
	sg := Segment{State: st, Reason: r, Cause: -1}
	switch st {
	case Pending, Trial:
	case Paused:
		p, _ := m.pausedOn(d)
		sg.Cause, sg.PauseReason = p.id, p.reason()
	default:
		sg.Cause = m.baseAt(d).cause
	}
	return sg
}

// Preview is what a command would do: the timeline before and after it.
type Preview struct {
	// Before is the timeline without the command.
	Before Timeline
	// After is the timeline with the command applied.
	After Timeline
}

// Preview runs cmd on the subscription and returns the timelines of span
// before and after it, as of asOf, without changing anything: support
// staff see what a restart or a pause will bill before doing it. It returns
// the command's error if the command is refused.
//
//	p, err := sub.Preview(func(s Subscription) (Subscription, error) { return s.Restart(d) }, span, d)
func (s Subscription) Preview(cmd func(Subscription) (Subscription, error), span period.Period, asOf date.Date) (Preview, error) {
	after, err := cmd(s)
	if err != nil {
		return Preview{}, err
	}
	before, err := s.Timeline(span, asOf)
	if err != nil {
		return Preview{}, err
	}
	at, err := after.Timeline(span, asOf)
	if err != nil {
		return Preview{}, err
	}
	return Preview{Before: before, After: at}, nil
}

// pausedDays returns the paused ranges in order.
func (m *model) pausedDays() []pausedDays {
	if m.pidx == nil {
		return nil
	}
	return m.pidx.paused
}
