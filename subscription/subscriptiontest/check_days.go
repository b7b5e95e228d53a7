package subscriptiontest

import (
	"encoding/json"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// dayList returns the days to check one by one: every day of the span, or
// when it is long, the days around each change and one day in seven.
func (c *checker) dayList(tl subscription.Timeline) []date.Date {
	if c.span.Days() <= maxDays {
		out := make([]date.Date, 0, c.span.Days())
		for d := c.span.Start; d < c.span.End; d++ {
			out = append(out, d)
		}
		return out
	}
	var out []date.Date
	near := func(d date.Date) {
		for x := d - 1; x <= d+1; x++ {
			if c.span.Contains(x) {
				out = append(out, x)
			}
		}
	}
	for _, sg := range tl.Segments {
		near(sg.Period.Start)
		near(sg.Period.End)
	}
	for _, bp := range tl.Periods {
		near(bp.Period.Start)
		near(bp.Period.End)
	}
	for r := range c.s.PausedRanges() {
		near(r.Start)
		near(r.End)
	}
	for d := c.span.Start; d < c.span.End; d += 7 {
		out = append(out, d)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (c *checker) days(tl subscription.Timeline, end date.Date, hasEnd bool) {
	paused := slices.Collect(c.s.PausedRanges())
	anchor := c.s.Anchor()
	const maxReports = 5
	segReports, entReports, billReports := 0, 0, 0
	si, pi := 0, 0
	for _, d := range c.dayList(tl) {
		for si < len(tl.Segments)-1 && tl.Segments[si].Period.End <= d {
			si++
		}
		for pi < len(tl.Periods)-1 && tl.Periods[pi].Period.End <= d {
			pi++
		}
		st := c.s.StatusOn(d).State
		ent := c.s.Entitled(d)
		if sg := tl.Segments[si]; sg.Period.Contains(d) && sg.State != st && segReports < maxReports {
			segReports++
			c.add(RuleSegmentsTile, "segment %s says %s; StateOn(%s) = %s", sg.Period, sg.State, d, st)
		}
		if ent != st.Entitled() && entReports < maxReports {
			entReports++
			c.add(RuleNoEntitlement, "Entitled(%s) = %t in state %s", d, ent, st)
		}
		if ent && pause.IsPaused(d, paused) && entReports < maxReports {
			entReports++
			c.add(RuleNoEntitlement, "entitled on %s, a paused day (state %s)", d, st)
		}
		if ent && (st == subscription.Suspended || st == subscription.Paused) && entReports < maxReports {
			entReports++
			c.add(RuleNoEntitlement, "entitled on %s in state %s", d, st)
		}
		if hasEnd && d >= end && st != subscription.Terminated {
			c.add(RuleTerminatedFinal, "state %s on %s, after the termination %s", st, d, end)
		}
		if (st == subscription.Active || st == subscription.SuspensionScheduled) && d >= anchor && (!hasEnd || d < end) {
			in := len(tl.Periods) > 0 && tl.Periods[pi].Period.Contains(d)
			if !in && billReports < maxReports {
				billReports++
				c.add(RulePeriodsTile, "%s on %s, outside every billing period", st, d)
			}
		}
	}
	for _, ti := range tl.Invoices {
		inv := ti.Invoice
		if inv.IssueDate != inv.Period.Start {
			continue
		}
		if c.failed(inv.IssueDate) {
			// A charge that failed on the issue day may have stopped the
			// service that very day: the invoice stays.
			continue
		}
		if st := c.s.StatusOn(inv.IssueDate).State; st == subscription.Suspended || st == subscription.Terminated || st == subscription.Pending {
			c.add(RuleNoEntitlement, "invoice of %s issued in advance on %s, a %s day", inv.Period, inv.IssueDate, st)
		}
	}
}

func (c *checker) invoices(tl subscription.Timeline) {
	for _, ti := range tl.Invoices {
		inv := ti.Invoice
		if err := inv.Validate(); err != nil {
			c.add(RuleInvoiceTotals, "invoice of %s: %v", inv.Period, err)
		}
		sum := invoice.Zero(inv.Currency)
		for _, l := range inv.Lines {
			var err error
			if sum, err = sum.Add(l.Amount); err != nil {
				c.add(RuleInvoiceTotals, "invoice of %s: line %q: %v", inv.Period, l.Description, err)
			}
		}
		if sum != inv.Total {
			c.add(RuleInvoiceTotals, "invoice of %s: total %s, lines add up to %s", inv.Period, inv.Total, sum)
		}
		if inv.Total.IsNegative() != (inv.Kind == invoice.KindCreditNote) {
			c.add(RuleInvoiceTotals, "%s of %s: total %s", inv.Kind, inv.Period, inv.Total)
		}
		if inv.Period.IsEmpty() {
			c.add(RuleInvoiceTotals, "invoice for the empty period %s", inv.Period)
		}
		if ti.Issued != (inv.IssueDate <= c.asOf) {
			c.add(RuleInvoiceTotals, "invoice of %s issued on %s: Issued = %t as of %s", inv.Period, inv.IssueDate, ti.Issued, c.asOf)
		}
		b, err := json.Marshal(inv)
		var back invoice.Invoice
		if err == nil {
			err = json.Unmarshal(b, &back)
		}
		if err != nil || !back.Equal(inv) {
			c.add(RuleInvoiceTotals, "invoice of %s does not round-trip through JSON: %v", inv.Period, err)
		}
	}
}

// failed reports whether the charge of the invoice issued on due failed.
func (c *checker) failed(due date.Date) bool {
	return slices.ContainsFunc(slices.Collect(c.s.RetryPeriods()), func(rp subscription.RetryPeriod) bool { return rp.Due == due })
}
