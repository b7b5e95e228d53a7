package subscriptiontest

import (
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/period"
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
	// RuleInvoiceTotals names the rule that every document is valid, its
	// total is the sum of its lines, not negative for an invoice and
	// negative for a credit note, and it survives a JSON round-trip.
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
	// RuleStretches names the rule that every day from the start to the
	// termination lies in exactly one stretch: a billing period (billed or
	// paused), the lead before the anchor, a suspension, or the grace of a
	// retry period; no day lies in two billing periods.
	RuleStretches = "stretches"
	// RuleNoInvoiceAfterEnd names the rule that no invoice covers a day
	// after the termination, unless it was issued before the termination
	// was decided (an invoice issued and then cut short by a later
	// decision, or an invoice whose failed charge ended the subscription
	// on its issue day).
	RuleNoInvoiceAfterEnd = "no-invoice-after-end"
	// RuleNumbers names the rule that the numbers of the invoiced billing
	// periods strictly increase: no two periods are billed as the same
	// number.
	RuleNumbers = "numbers"
	// RuleRetryClosed names the rule that a retry period is closed by
	// whatever stops the service: no attempt is planned on or after a
	// suspended or terminated day, and a period the service stopped
	// during is closed, or settled, never left retrying.
	RuleRetryClosed = "retry-closed"
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
	// The calendar ends on 9999-12-31: so does what Check looks at.
	c := &checker{s: s, asOf: asOf, span: period.Period{Start: start, End: min(far+horizon, period.MaxDate)}}
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
	c.stretches(tl, end, hasEnd)
	c.noInvoiceAfterEnd(tl, end, hasEnd)
	c.numbers(tl)
	c.retriesClosed(tl)
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
