package billing

import (
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Replace with sub.Agenda / sub.NextAction (issue 13).
//
// Everything in this file is built on today's public API: Timeline (its
// segments, invoices and retry periods) and StatusOn. When the library
// gains Agenda and NextAction, DueOn becomes Agenda over one day and
// NextActionAfter becomes NextAction; the types below stay.

// Attempt is a planned retry of a failed charge.
type Attempt struct {
	// Due is the issue date of the invoice whose charge failed.
	Due date.Date `json:"due"`
	// Number counts the attempts after the failed charge, from 1.
	Number int `json:"number"`
}

// Change is a change of state taking effect on a day.
type Change struct {
	// From is the state the day before.
	From Status `json:"from"`
	// To is the state on the day.
	To Status `json:"to"`
}

// Due is what a backend acts on during one day.
type Due struct {
	// On is the day.
	On date.Date `json:"on"`
	// Invoices are the invoices issued that day.
	Invoices []Invoice `json:"-"`
	// Attempts are the retry attempts planned that day.
	Attempts []Attempt `json:"attempts,omitempty"`
	// Change is the change of state taking effect that day, if any.
	Change *Change `json:"change,omitempty"`
}

// Empty reports whether nothing is due.
func (d Due) Empty() bool { return len(d.Invoices) == 0 && len(d.Attempts) == 0 && d.Change == nil }

// Replace with sub.Agenda / sub.NextAction (issue 13).
//
// DueOn returns what is due on day d: the invoices whose issue date is d
// (an invoice billed in arrears is issued on its period's end, so the
// period holding d−1 is looked at as well as the one holding d), the retry
// attempts planned on d, and the change of state on d.
func (s Subscription) DueOn(d date.Date) (Due, error) {
	out := Due{On: d}
	lo := max(d-1, date.Min())
	tl, err := s.s.Timeline(period.Period{Start: lo, End: d + 1}, d)
	if err != nil {
		return out, err
	}
	for _, ti := range tl.Invoices {
		if ti.Invoice.IssueDate == d {
			inv, err := fromInvoice(ti.Invoice)
			if err != nil {
				return out, err
			}
			out.Invoices = append(out.Invoices, inv)
		}
	}
	for _, rp := range s.s.RetryPeriods() {
		for i, a := range rp.Status.Attempts {
			if a.On == d && a.State == retry.Planned {
				out.Attempts = append(out.Attempts, Attempt{Due: rp.Due, Number: i + 1})
			}
		}
	}
	if from, to := s.StatusOn(d-1), s.StatusOn(d); from != to {
		out.Change = &Change{From: from, To: to}
	}
	return out, nil
}

// Replace with sub.Agenda / sub.NextAction (issue 13).
//
// NextActionAfter returns the first day after `after` on which DueOn is not
// empty, and false when nothing will happen again without a new command
// (terminated, suspended for good, a fixed term fully billed). It looks at
// a window of the timeline that doubles until something is found, up to
// the termination date or twenty years.
func (s Subscription) NextActionAfter(after date.Date) (date.Date, bool) {
	if s.s.StatusOn(after).State == subscription.Terminated {
		return 0, false
	}
	limit := min(after+20*366, date.Max())
	if end, ok := s.s.TerminationDate(); ok {
		limit = min(limit, end+1)
	}
	best, found := date.Date(0), false
	for h := date.Date(maxPeriodDays(s.s.Plan().Every) + 2); ; h *= 2 {
		to := min(after+h, limit)
		tl, err := s.s.Timeline(period.Period{Start: after, End: to}, after)
		if err != nil {
			return 0, false
		}
		consider := func(d date.Date) {
			if d > after && d < to && (!found || d < best) {
				best, found = d, true
			}
		}
		for _, ti := range tl.Invoices {
			consider(ti.Invoice.IssueDate)
		}
		for _, rp := range tl.Retries {
			for _, a := range rp.Status.Attempts {
				if a.State == retry.Planned {
					consider(a.On)
				}
			}
		}
		for i := 1; i < len(tl.Segments); i++ {
			a, b := tl.Segments[i-1], tl.Segments[i]
			if a.State != b.State || a.Reason != b.Reason {
				consider(b.Period.Start)
				break
			}
		}
		if found || to >= limit {
			return best, found
		}
	}
}

// Replace with sub.Agenda / sub.NextAction (issue 13).
//
// Agenda returns what is due on each day of [from, to) on which something
// is, in date order.
func (s Subscription) Agenda(from, to date.Date) ([]Due, error) {
	var out []Due
	for d, ok := s.NextActionAfter(from - 1); ok && d < to; d, ok = s.NextActionAfter(d) {
		due, err := s.DueOn(d)
		if err != nil {
			return nil, err
		}
		out = append(out, due)
	}
	return out, nil
}

// maxPeriodDays is the length of the longest period of recurrence r.
func maxPeriodDays(r period.Recurrence) int {
	switch r.Unit {
	case period.Week:
		return 7 * r.Every
	case period.Month:
		return 31 * r.Every
	case period.Year:
		return 366 * r.Every
	default:
		return r.Every
	}
}
