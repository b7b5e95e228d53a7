package subscriptiontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// The rules Check enforces, as a Violation names them.
const (
	// RuleViews names the rule that every view (Timeline, Invoices, Replay of a prefix) works
	// without error on a valid subscription.
	RuleViews = "views"
	// RuleSegmentsTile names the rule that the timeline's segments tile its span in order,
	// none empty, neighbours in different states, and agree with StateOn on
	// every day.
	RuleSegmentsTile = "segments-tile"
	// RulePeriodsTile names the rule that billing periods are non-empty, in order and do not
	// overlap; each is numbered one after the last billed one; none starts
	// on or after the termination date; and every active day from the
	// anchor to the termination lies in a billing period (the periods of a
	// run tile it: billing stops only where the service does).
	RulePeriodsTile = "periods-tile"
	// RuleTerminatedFinal names the rule that terminated is final; the
	// termination date is the first terminated day; nothing is issued or
	// planned after it; every command after it fails with ErrTerminated.
	RuleTerminatedFinal = "terminated-final"
	// RuleNoInvoiceInWholePause names the rule that a period removed by a whole-period pause
	// has no invoice, and no invoice is issued inside it before the
	// termination (except an in-arrears invoice, issued at its period's
	// end).
	RuleNoInvoiceInWholePause = "no-invoice-in-whole-pause"
	// RuleNoEntitlement names the rule of no entitlement on a paused, suspended, pending or
	// terminated day; Entitled agrees with StateOn; no in-advance invoice
	// is issued on a suspended or terminated day.
	RuleNoEntitlement = "no-entitlement"
	// RuleInvoiceTotals names the rule that every invoice is valid, its total is the sum of
	// its lines and not negative, and it survives a JSON round-trip.
	RuleInvoiceTotals = "invoice-totals"
	// RuleReplay names the rule that replaying the terms and the log gives the same timeline.
	RuleReplay = "replay"
	// RuleJSON names the rule that the subscription and its timeline round-trip through JSON
	// and give the same timeline.
	RuleJSON = "json-round-trip"
	// RuleIssuedStable names the rule that the invoices issued as of asOf are unchanged as of
	// any later date, and the log's events after asOf did not change them
	// either (the log up to asOf issues the same invoices).
	RuleIssuedStable = "issued-stable"
)

// Violation is one broken invariant: the rule (one of the Rule constants)
// and what broke it, with the dates and values involved.
type Violation struct {
	// Rule names the invariant, such as "segments-tile".
	Rule string
	// Detail says what is wrong, with the dates and values involved.
	Detail string
}

// String returns "rule: detail".
func (v Violation) String() string { return v.Rule + ": " + v.Detail }

// maxDays bounds the days Check walks one by one; beyond it, it samples
// the days around every change and one day in seven.
const maxDays = 5000

// horizon is how far past asOf, or past the termination, Check looks.
const horizon = 3 * 366

// maxYears bounds how far past asOf Check looks for the termination.
const maxYears = 40

type checker struct {
	s    subscription.Subscription
	asOf date.Date
	span period.Period
	out  []Violation
}

func (c *checker) add(rule, format string, args ...any) {
	c.out = append(c.out, Violation{Rule: rule, Detail: fmt.Sprintf(format, args...)})
}

// Check checks the invariants of DESIGN.md on s as of asOf and returns
// every violation found, or nil. It looks at the span from the start of s
// to three years past asOf, or past the termination date when that is
// later:
//
//   - the timeline's segments tile the span (RuleSegmentsTile);
//   - billing periods do not overlap and tile within each run
//     (RulePeriodsTile);
//   - terminated is final (RuleTerminatedFinal);
//   - no invoice is dated inside a whole-period pause
//     (RuleNoInvoiceInWholePause);
//   - no entitlement on a paused or suspended day (RuleNoEntitlement);
//   - invoice totals are the sum of their lines, never negative
//     (RuleInvoiceTotals);
//   - Replay of the terms and the log gives an identical timeline
//     (RuleReplay), and so does a JSON round-trip (RuleJSON);
//   - the invoices issued as of asOf are unchanged as of any later date
//     (RuleIssuedStable).
//
// Timelines are compared by their JSON encoding, which is canonical: money
// is written with exactly the currency's minor digits. Check only reads s;
// it is safe to call concurrently.
func Check(s subscription.Subscription, asOf date.Date) []Violation {
	start := s.Start()
	far := max(asOf, start)
	end, hasEnd := s.TerminationDate()
	if hasEnd && end > far {
		// A termination decades away (a long fixed term) is looked at no
		// further than maxYears past asOf, to bound the work.
		far = min(end, far+maxYears*366)
	}
	c := &checker{s: s, asOf: asOf, span: period.Period{Start: start, End: far + horizon}}
	tl, err := s.Timeline(c.span, asOf)
	if err != nil {
		c.add(RuleViews, "Timeline(%s, %s): %v", c.span, asOf, err)
		return c.out
	}
	c.segments(tl)
	c.periods(tl, end, hasEnd)
	c.terminated(tl, end, hasEnd)
	c.wholePauses(tl, end, hasEnd)
	c.days(tl, end, hasEnd)
	c.invoices(tl)
	c.replay(tl)
	c.roundTrip(tl)
	c.issuedStable(tl, end, hasEnd)
	return c.out
}

// TB is the part of testing.TB that Require uses. *testing.T, *testing.B,
// *testing.F and *rapid.T all implement it, so Require works in plain tests
// and inside rapid properties alike.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// Require checks s as of asOf (see Check) and fails t with every violation,
// one error each, then stops the test. It names s's terms and log in JSON so
// that a failure can be replayed.
func Require(t TB, s subscription.Subscription, asOf date.Date) {
	t.Helper()
	vs := Check(s, asOf)
	if len(vs) == 0 {
		return
	}
	for _, v := range vs {
		t.Errorf("subscriptiontest: as of %s: %s", asOf, v)
	}
	b, _ := json.Marshal(s)
	t.Errorf("subscriptiontest: subscription: %s", b)
	t.FailNow()
}

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
		if sg.Cause < -1 || sg.Cause >= len(c.s.Events()) {
			c.add(RuleSegmentsTile, "segment %d has cause %d, log of %d", i, sg.Cause, len(c.s.Events()))
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
		for _, a := range rp.Status.Attempts {
			if a.State == retry.Planned && a.On >= end {
				c.add(RuleTerminatedFinal, "attempt planned on %s for the charge due %s, termination %s", a.On, rp.Due, end)
			}
		}
		if rp.Status.HasNext && rp.Status.Next >= end {
			c.add(RuleTerminatedFinal, "next attempt %s for the charge due %s, termination %s", rp.Status.Next, rp.Due, end)
		}
	}
	on := end
	if evs := c.s.Events(); len(evs) > 0 {
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
		if len(after.Events()) != len(c.s.Events()) {
			c.add(RuleTerminatedFinal, "refused %s on %s changed the log", name, on)
		}
	}
}

func (c *checker) wholePauses(tl subscription.Timeline, end date.Date, hasEnd bool) {
	for _, p := range c.s.Pauses("") {
		if p.WholePeriod == nil {
			continue
		}
		for _, pp := range p.WholePeriod.Periods {
			for _, ti := range tl.Invoices {
				inv := ti.Invoice
				if inv.Period == pp {
					c.add(RuleNoInvoiceInWholePause, "invoice issued %s for %s, paused by pause %d (%s)", inv.IssueDate, pp, p.ID, p.Reason)
				} else if pp.Contains(inv.IssueDate) && inv.IssueDate != inv.Period.End && (!hasEnd || inv.IssueDate < end) {
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
	for _, r := range c.s.PausedRanges() {
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
	paused := c.s.PausedRanges()
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
		st := c.s.StateOn(d)
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
		if st := c.s.StateOn(inv.IssueDate); st == subscription.Suspended || st == subscription.Terminated || st == subscription.Pending {
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
		if !sum.Equal(inv.Total) {
			c.add(RuleInvoiceTotals, "invoice of %s: total %s, lines add up to %s", inv.Period, inv.Total, sum)
		}
		if inv.Total.IsNegative() {
			c.add(RuleInvoiceTotals, "invoice of %s: negative total %s", inv.Period, inv.Total)
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

// sameTimeline reports how a and b differ, by their JSON encodings, or ""
// if they are the same.
func sameTimeline(a, b subscription.Timeline) string {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return fmt.Sprintf("encoding: %v, %v", errA, errB)
	}
	if bytes.Equal(ja, jb) {
		return ""
	}
	i := 0
	for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("first difference at byte %d:\n  %s\n  %s", i, clip(ja, from, i+120), clip(jb, from, i+120))
}

func clip(b []byte, from, to int) string { return string(b[min(from, len(b)):min(to, len(b))]) }

func (c *checker) replay(tl subscription.Timeline) {
	r, err := subscription.Replay(c.s.Terms(), c.s.Events())
	if err != nil {
		c.add(RuleReplay, "Replay: %v", err)
		return
	}
	tr, err := r.Timeline(c.span, c.asOf)
	if err != nil {
		c.add(RuleReplay, "Timeline after Replay: %v", err)
		return
	}
	if diff := sameTimeline(tl, tr); diff != "" {
		c.add(RuleReplay, "timelines differ after Replay: %s", diff)
	}
}

func (c *checker) roundTrip(tl subscription.Timeline) {
	b, err := json.Marshal(c.s)
	if err != nil {
		c.add(RuleJSON, "encoding the subscription: %v", err)
		return
	}
	var back subscription.Subscription
	if err := json.Unmarshal(b, &back); err != nil {
		c.add(RuleJSON, "decoding %s: %v", b, err)
		return
	}
	if again, err := json.Marshal(back); err != nil || !bytes.Equal(again, b) {
		c.add(RuleJSON, "encoding changed after a round-trip: %v\n  %s\n  %s", err, b, again)
	}
	tb, err := back.Timeline(c.span, c.asOf)
	if err != nil {
		c.add(RuleJSON, "Timeline after decoding: %v", err)
		return
	}
	if diff := sameTimeline(tl, tb); diff != "" {
		c.add(RuleJSON, "timelines differ after a JSON round-trip: %s", diff)
	}
	jt, err := json.Marshal(tl)
	if err != nil {
		c.add(RuleJSON, "encoding the timeline: %v", err)
		return
	}
	var tback subscription.Timeline
	if err := json.Unmarshal(jt, &tback); err != nil {
		c.add(RuleJSON, "decoding the timeline: %v", err)
		return
	}
	if diff := sameTimeline(tl, tback); diff != "" {
		c.add(RuleJSON, "timeline changed by a JSON round-trip: %s", diff)
	}
}

// issued returns the invoices of tl issued as of its date.
func issued(tl subscription.Timeline) []invoice.Invoice {
	var out []invoice.Invoice
	for _, ti := range tl.Invoices {
		if ti.Issued {
			out = append(out, ti.Invoice)
		}
	}
	return out
}

func sameInvoices(a, b []invoice.Invoice) string {
	for i := range max(len(a), len(b)) {
		switch {
		case i >= len(a):
			return fmt.Sprintf("extra invoice of %s issued on %s", b[i].Period, b[i].IssueDate)
		case i >= len(b):
			return fmt.Sprintf("invoice of %s issued on %s is gone", a[i].Period, a[i].IssueDate)
		case !a[i].Equal(b[i]):
			return fmt.Sprintf("invoice of %s issued on %s, total %s, became the invoice of %s issued on %s, total %s",
				a[i].Period, a[i].IssueDate, a[i].Total, b[i].Period, b[i].IssueDate, b[i].Total)
		}
	}
	return ""
}

func (c *checker) issuedStable(tl subscription.Timeline, end date.Date, hasEnd bool) {
	now := issued(tl)
	laters := []date.Date{c.asOf + 1, c.asOf + 31, c.asOf + 366, c.span.End}
	if hasEnd {
		laters = append(laters, end)
	}
	for _, l := range laters {
		if l <= c.asOf {
			continue
		}
		tl2, err := c.s.Timeline(c.span, l)
		if err != nil {
			c.add(RuleViews, "Timeline(%s, %s): %v", c.span, l, err)
			continue
		}
		var kept []invoice.Invoice
		for _, inv := range issued(tl2) {
			if inv.IssueDate <= c.asOf {
				kept = append(kept, inv)
			}
		}
		if diff := sameInvoices(now, kept); diff != "" {
			c.add(RuleIssuedStable, "as of %s, then %s: %s", c.asOf, l, diff)
		}
	}
	// The log up to asOf must issue the same invoices: events after asOf
	// cannot rewrite what was issued.
	evs := c.s.Events()
	n := len(evs)
	for n > 0 && evs[n-1].Date > c.asOf {
		n--
	}
	if n == len(evs) {
		return
	}
	prefix, err := subscription.Replay(c.s.Terms(), evs[:n])
	if err != nil {
		c.add(RuleViews, "Replay of the %d events up to %s: %v", n, c.asOf, err)
		return
	}
	tp, err := prefix.Timeline(c.span, c.asOf)
	if err != nil {
		c.add(RuleViews, "Timeline of the log up to %s: %v", c.asOf, err)
		return
	}
	if diff := sameInvoices(issued(tp), now); diff != "" {
		c.add(RuleIssuedStable, "the events after %s changed an invoice issued by then: %s", c.asOf, diff)
	}
}
