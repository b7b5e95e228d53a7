package subscriptiontest

import (
	"slices"

	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// stretches checks RuleStretches over the days of the span up to the
// termination.
func (c *checker) stretches(tl subscription.Timeline, end date.Date, hasEnd bool) {
	const maxReports = 5
	reports := 0
	lead := c.s.Anchor()
	pi, si := 0, 0
	for _, d := range c.dayList(tl) {
		if d < c.s.Start() || (hasEnd && d >= end) {
			continue
		}
		for pi < len(tl.Periods) && tl.Periods[pi].Period.End <= d {
			pi++
		}
		for si < len(tl.Segments)-1 && tl.Segments[si].Period.End <= d {
			si++
		}
		in := 0
		for j := pi; j < len(tl.Periods) && tl.Periods[j].Period.Start <= d; j++ {
			if tl.Periods[j].Period.Contains(d) {
				in++
			}
		}
		st := tl.Segments[si].State
		ok := false
		switch {
		case in > 1:
		case in == 1, d < lead:
			ok = true
		case st == subscription.Suspended, st == subscription.PastDue:
			ok = true
		case st == subscription.Paused:
			// A flexible pause outside a billing period is a pause of the
			// days a suspension would have had.
			ok = true
		}
		if !ok && reports < maxReports {
			reports++
			c.add(RuleStretches, "%s on %s lies in %d billing periods", st, d, in)
		}
	}
}

// decidedOn returns the day the termination was decided: the day of the
// event that caused the terminated segment, or the termination itself for
// the end of a term.
func (c *checker) decidedOn(tl subscription.Timeline, end date.Date) date.Date {
	evs := slices.Collect(c.s.Events())
	for _, sg := range tl.Segments {
		if sg.State == subscription.Terminated && sg.Cause >= 0 && sg.Cause < len(evs) {
			return evs[sg.Cause].Date
		}
	}
	return end
}

// noInvoiceAfterEnd checks RuleNoInvoiceAfterEnd.
func (c *checker) noInvoiceAfterEnd(tl subscription.Timeline, end date.Date, hasEnd bool) {
	if !hasEnd {
		return
	}
	decided := c.decidedOn(tl, end)
	for _, ti := range tl.Invoices {
		inv := ti.Invoice
		if inv.Period.End <= end {
			continue
		}
		before := inv.IssueDate < decided || (inv.IssueDate == decided && c.failed(inv.IssueDate))
		if !before {
			c.add(RuleNoInvoiceAfterEnd, "invoice of %s issued on %s covers days after the termination %s, decided on %s",
				inv.Period, inv.IssueDate, end, decided)
		}
	}
}

// numbers checks RuleNumbers.
func (c *checker) numbers(tl subscription.Timeline) {
	invoiced := map[date.Date]bool{}
	for _, ti := range tl.Invoices {
		invoiced[ti.Invoice.Period.Start] = true
	}
	last := -1
	for _, bp := range tl.Periods {
		if bp.Paused || !invoiced[bp.Period.Start] {
			continue
		}
		if bp.Number <= last {
			c.add(RuleNumbers, "billing period %s is number %d, after a period billed as number %d", bp.Period, bp.Number, last)
		}
		last = bp.Number
	}
}

// retriesClosed checks RuleRetryClosed.
func (c *checker) retriesClosed(tl subscription.Timeline) {
	stopped := func(d date.Date) bool {
		st := c.s.StatusOn(d).State
		return st == subscription.Suspended || st == subscription.Terminated
	}
	for _, rp := range tl.Retries {
		for _, a := range rp.Attempts {
			if a.State == retry.Planned && stopped(a.On) {
				c.add(RuleRetryClosed, "attempt planned on %s for the charge due %s, a %s day", a.On, rp.Due, c.s.StatusOn(a.On).State)
			}
		}
		if rp.State != retry.Retrying || rp.Closed != nil {
			continue
		}
		for _, a := range rp.Attempts {
			if a.State == retry.Planned {
				break
			}
		}
		for d := rp.Due; d <= lastAttempt(rp); d++ {
			if stopped(d) {
				c.add(RuleRetryClosed, "the retry period of the charge due %s is still retrying, but the service stopped on %s", rp.Due, d)
				break
			}
		}
	}
}

// lastAttempt returns the day of the last attempt of rp.
func lastAttempt(rp subscription.RetryPeriod) date.Date {
	last := rp.Due
	for _, a := range rp.Attempts {
		last = max(last, a.On)
	}
	return last
}
