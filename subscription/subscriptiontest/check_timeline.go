package subscriptiontest

import (
	"errors"
	"slices"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

func (c *checker) segments(tl subscription.Timeline) {
	if len(tl.Segments) == 0 {
		c.add(RuleSegmentsTile, "no segment over %s", c.span)
		return
	}
	at := c.span.Start
	for i, sg := range tl.Segments {
		if sg.Period.Start != at {
			c.add(RuleSegmentsTile, "segment %d %s starts on %s; want %s", i, sg.Period, sg.Period.Start, at)
		}
		if sg.Period.IsEmpty() || sg.Period.End < sg.Period.Start {
			c.add(RuleSegmentsTile, "segment %d %s is empty", i, sg.Period)
		}
		if i > 0 && tl.Segments[i-1].State == sg.State && tl.Segments[i-1].Reason == sg.Reason &&
			(sg.State != subscription.Paused || tl.Segments[i-1].Cause == sg.Cause) {
			c.add(RuleSegmentsTile, "segments %d and %d are both %s (%s), not merged", i-1, i, sg.State, sg.Reason)
		}
		if sg.State < subscription.Pending || sg.State > subscription.Terminated {
			c.add(RuleSegmentsTile, "segment %d has state %s", i, sg.State)
		}
		if sg.Cause < -1 || sg.Cause >= len(slices.Collect(c.s.Events())) {
			c.add(RuleSegmentsTile, "segment %d has cause %d, log of %d", i, sg.Cause, len(slices.Collect(c.s.Events())))
		}
		at = sg.Period.End
	}
	if at != c.span.End {
		c.add(RuleSegmentsTile, "segments end on %s; want %s", at, c.span.End)
	}
}

func (c *checker) periods(tl subscription.Timeline, end date.Date, hasEnd bool) {
	invoiced := map[period.Period]bool{}
	for _, ti := range tl.Invoices {
		invoiced[ti.Invoice.Period] = true
	}
	for i, bp := range tl.Periods {
		if bp.Period.IsEmpty() || bp.Period.End < bp.Period.Start {
			c.add(RulePeriodsTile, "period %d %s is empty", i, bp.Period)
		}
		if hasEnd && bp.Period.Start >= end {
			c.add(RulePeriodsTile, "period %s starts on or after the termination %s", bp.Period, end)
		}
		if bp.Paused && bp.PauseReason == "" {
			c.add(RulePeriodsTile, "paused period %s has no reason", bp.Period)
		}
		if i == 0 {
			continue
		}
		prev := tl.Periods[i-1]
		if bp.Period.Start < prev.Period.End {
			c.add(RulePeriodsTile, "period %s overlaps %s", bp.Period, prev.Period)
		}
		// Number counts the billed periods before: one more after a period
		// with its own invoice, the same after a paused one, and either
		// after a period without an invoice of its own (a free trial
		// period, a period prepaid by a late payment).
		lo, hi := prev.Number, prev.Number+1
		switch {
		case prev.Paused:
			hi = lo
		case invoiced[prev.Period]:
			lo = hi
		}
		if bp.Number < lo || bp.Number > hi {
			c.add(RulePeriodsTile, "period %s has number %d; want %d to %d after %s (number %d, paused %t, invoiced %t)",
				bp.Period, bp.Number, lo, hi, prev.Period, prev.Number, prev.Paused, invoiced[prev.Period])
		}
	}
}

func (c *checker) terminated(tl subscription.Timeline, end date.Date, hasEnd bool) {
	if (tl.Termination != nil) != hasEnd || (hasEnd && *tl.Termination != end) {
		c.add(RuleTerminatedFinal, "timeline termination %v; TerminationDate %s, %t", tl.Termination, end, hasEnd)
	}
	seen := false
	for _, sg := range tl.Segments {
		if seen && sg.State != subscription.Terminated {
			c.add(RuleTerminatedFinal, "%s on %s after a termination", sg.State, sg.Period)
		}
		if sg.State == subscription.Terminated && !seen {
			seen = true
			if !hasEnd || (sg.Period.Start != end && sg.Period.Start != c.span.Start) {
				c.add(RuleTerminatedFinal, "terminated from %s; termination date %s (%t)", sg.Period.Start, end, hasEnd)
			}
		}
	}
	if !hasEnd {
		return
	}
	if c.span.Contains(end) && !seen {
		c.add(RuleTerminatedFinal, "termination %s in %s but no terminated segment", end, c.span)
	}
	for _, ti := range tl.Invoices {
		if ti.Invoice.IssueDate > end {
			c.add(RuleTerminatedFinal, "invoice of %s issued on %s, after the termination %s", ti.Invoice.Period, ti.Invoice.IssueDate, end)
		}
	}
	for _, rp := range tl.Retries {
		for _, a := range rp.Attempts {
			if a.State == retry.Planned && a.On >= end {
				c.add(RuleTerminatedFinal, "attempt planned on %s for the charge due %s, termination %s", a.On, rp.Due, end)
			}
		}
		if rp.Next != nil && *rp.Next >= end {
			c.add(RuleTerminatedFinal, "next attempt %s for the charge due %s, termination %s", *rp.Next, rp.Due, end)
		}
	}
	on := end
	if evs := slices.Collect(c.s.Events()); len(evs) > 0 {
		on = max(on, evs[len(evs)-1].Date)
	}
	cmds := map[string]func() (subscription.Subscription, error){
		"restart":   func() (subscription.Subscription, error) { return c.s.Restart(on) },
		"suspend":   func() (subscription.Subscription, error) { return c.s.Suspend(on, subscription.ByBusiness) },
		"terminate": func() (subscription.Subscription, error) { return c.s.TerminateNow(on) },
		"cancel_termination": func() (subscription.Subscription, error) {
			return c.s.CancelTermination(on)
		},
		"pause": func() (subscription.Subscription, error) {
			return c.s.AddFlexiblePause(on, pause.Flexible{Days: period.Period{Start: on + 1, End: on + 2}, Reason: "check"})
		},
	}
	for _, name := range []string{"restart", "suspend", "terminate", "cancel_termination", "pause"} {
		after, err := cmds[name]()
		if !errors.Is(err, subscription.ErrTerminated) {
			c.add(RuleTerminatedFinal, "%s on %s, terminated on %s: error %v; want ErrTerminated", name, on, end, err)
		}
		if len(slices.Collect(after.Events())) != len(slices.Collect(c.s.Events())) {
			c.add(RuleTerminatedFinal, "refused %s on %s changed the log", name, on)
		}
	}
}

func (c *checker) wholePauses(tl subscription.Timeline, end date.Date, hasEnd bool) {
	for p := range c.s.Pauses("") {
		if p.WholePeriod == nil {
			continue
		}
		for _, pp := range p.WholePeriod.Periods {
			for _, ti := range tl.Invoices {
				inv := ti.Invoice
				if inv.Period == pp {
					c.add(RuleNoInvoiceInWholePause, "invoice issued %s for %s, paused by pause %d (%s)", inv.IssueDate, pp, p.ID, p.Reason)
				} else if pp.Contains(inv.IssueDate) && inv.IssueDate < inv.Period.End && (!hasEnd || inv.IssueDate < end) {
					// An invoice in arrears is issued at its period's end, or
					// at the termination: neither is a day of service.
					c.add(RuleNoInvoiceInWholePause, "invoice of %s issued on %s inside %s, paused by pause %d (%s)", inv.Period, inv.IssueDate, pp, p.ID, p.Reason)
				}
			}
		}
	}
	for _, bp := range tl.Periods {
		if !bp.Paused {
			continue
		}
		for _, ti := range tl.Invoices {
			if ti.Invoice.Period.Overlaps(bp.Period) {
				c.add(RuleNoInvoiceInWholePause, "invoice of %s overlaps the paused period %s", ti.Invoice.Period, bp.Period)
			}
		}
	}
}
