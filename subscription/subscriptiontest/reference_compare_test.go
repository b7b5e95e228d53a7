package subscriptiontest_test

// The comparison of a generated log's views with the model's walk.

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// stateOn returns the state on d of a walk that went past d: the day's
// state under the overlays of the pauses not deleted and of the trial.
func (w *world) stateOn(d date.Date) refDay {
	if d < w.cfg.start {
		return refDay{state: subscription.Pending}
	}
	b := w.days[d-w.cfg.start]
	if b.state == subscription.Terminated || b.state == subscription.Suspended {
		return b
	}
	for _, p := range w.pauses {
		for _, r := range p.ranges() {
			if r.Contains(d) {
				return refDay{state: subscription.Paused}
			}
		}
	}
	if d < w.cfg.trialEnd() && b.state == subscription.Active {
		return refDay{state: subscription.Trial}
	}
	return b
}

type refRetryView struct {
	due      date.Date
	state    retry.State
	attempts []retry.Attempt
	next     date.Date
	hasNext  bool
	unpaid   bool
}

func (r refRetryRec) view() refRetryView {
	v := refRetryView{due: r.due, state: retry.Retrying, unpaid: r.unpaid}
	for _, f := range r.failures {
		v.attempts = append(v.attempts, retry.Attempt{On: f, State: retry.Failed})
	}
	switch {
	case r.recovered:
		v.state = retry.Recovered
		v.attempts = append(v.attempts, retry.Attempt{On: r.paidOn, State: retry.Succeeded})
	case r.exhausted:
		v.state = retry.Exhausted
	default:
		// A suspension or termination stops the attempts from its day on;
		// one planned before it stays planned, and next (issue 10,
		// defect 2).
		for i := len(r.failures); i < r.policy.attempts; i++ {
			if on := r.due + date.Date(r.policy.offset(i)); r.closed == 0 || on < r.closed {
				v.attempts = append(v.attempts, retry.Attempt{On: on, State: retry.Planned})
			}
		}
		if len(v.attempts) > len(r.failures) {
			v.next, v.hasNext = v.attempts[len(r.failures)].On, true
		}
	}
	return v
}

func libRetryView(r subscription.RetryPeriod) refRetryView {
	v := refRetryView{due: r.Due, state: r.State, attempts: r.Attempts, unpaid: r.Unpaid}
	if r.Next != nil {
		v.next, v.hasNext = *r.Next, true
	}
	return v
}

func (v refRetryView) String() string {
	return fmt.Sprintf("{due %s %s %v next %s/%t unpaid %t}", v.due, v.state, v.attempts, v.next, v.hasNext, v.unpaid)
}

type refPeriodView struct {
	p      period.Period
	number int
	paused bool
}

// refDiff is a difference between a view of the library and the model:
// what names the view ("states", "periods", "invoices", "renewal", "end",
// "retries", "model"), text says how they differ.
type refDiff struct{ what, text string }

// compareWithModel returns the differences between the library's views of
// s and the model's walk of the same log, one per view. It compares up to
// 500 days after the last command, walking the model 400 days further so
// that the in-arrears invoices of the periods started by then are out.
func compareWithModel(m *refModel, s subscription.Subscription, last date.Date) []refDiff {
	start := m.cfg.start
	horizon := last + 500
	fw := m.w.clone()
	fw.to(horizon + 400)
	m.final = fw
	if fw.hits[hitModel] {
		return []refDiff{{"model", "the model cannot account for the log: " + fw.why}}
	}
	// The incremental walk must be the walk of the log from scratch.
	rs := m.replay(horizon+400, m.deleted, 0)
	if !fw.reissued() {
		return []refDiff{{"model", fmt.Sprintf("an invoice comes out otherwise under the pauses standing: %v", fw.invoices)}}
	}
	if !sameInvoices(rs.invoices, fw.invoices) || !slices.Equal(rs.days, fw.days) || len(rs.slots) != len(fw.slots) {
		return []refDiff{{"model", fmt.Sprintf("the incremental walk differs from a replay:\n  %v\n  %v", fw.invoices, rs.invoices)}}
	}
	var out []refDiff
	if diff := compareStates(fw, s, start, horizon); diff != "" {
		out = append(out, refDiff{"states", diff})
	}
	var got, want []refPeriodView
	for bp := range s.Periods(period.Period{Start: start, End: horizon}) {
		got = append(got, refPeriodView{p: bp.Period, number: bp.Number, paused: bp.Paused})
	}
	for _, sl := range fw.slots {
		if sl.p.Start < horizon {
			want = append(want, refPeriodView{p: sl.shown, number: sl.number, paused: sl.pauseID >= 0})
		}
	}
	if !slices.Equal(got, want) {
		out = append(out, refDiff{"periods", fmt.Sprintf("Periods = %v\nthe model says %v", got, want)})
	}
	if d, ok := compareInvoices(fw, s, start, horizon); !ok {
		out = append(out, d)
	}
	for _, e := range m.log {
		if diff := compareRenewal(fw, s, e.on); diff != "" {
			out = append(out, refDiff{"renewal", diff})
			break
		}
	}
	end, ok := s.TerminationDate()
	wantEnd, wantOK := fw.end()
	if (ok != wantOK || (ok && end != wantEnd)) && (wantOK || end < fw.day) {
		out = append(out, refDiff{"end", fmt.Sprintf("TerminationDate = %s, %t; the model says %s, %t", end, ok, wantEnd, wantOK)})
	}
	var gotR, wantR []string
	for r := range s.RetryPeriods() {
		gotR = append(gotR, libRetryView(r).String())
	}
	rw := fw
	if end, ok := fw.projectTerm().end(); ok && fw.open >= 0 && end > fw.day {
		// RetryPeriods is what the whole log comes to: a retry period
		// still open is closed by the termination ahead.
		rw = fw.clone()
		rw.to(end + 1)
	}
	for _, r := range rw.retries {
		wantR = append(wantR, r.view().String())
	}
	if !slices.Equal(gotR, wantR) {
		out = append(out, refDiff{"retries", fmt.Sprintf("RetryPeriods = %v\nthe model says %v", gotR, wantR)})
	}
	return out
}

// compareRenewal compares NextRenewal(asOf): the first day after asOf on
// which a period starts that no whole-period pause removes.
func compareRenewal(fw *world, s subscription.Subscription, asOf date.Date) string {
	got, ok := s.NextRenewal(asOf)
	var want date.Date
	wantOK := false
	for _, sl := range fw.slots {
		if sl.p.Start > asOf && sl.pauseID < 0 {
			want, wantOK = sl.p.Start, true
			break
		}
	}
	if ok != wantOK || got != want {
		return fmt.Sprintf("NextRenewal(%s) = %s, %t; the model says %s, %t", asOf, got, ok, want, wantOK)
	}
	return ""
}

// compareInvoices compares the invoices of the periods that start before
// horizon.
func compareInvoices(fw *world, s subscription.Subscription, start, horizon date.Date) (refDiff, bool) {
	var invs []invoice.Invoice
	for inv, err := range s.Invoices(period.Period{Start: start - 1, End: horizon + 800}) {
		if err != nil {
			return refDiff{"invoices", fmt.Sprintf("Invoices: %v", err)}, false
		}
		if inv.Period.Start < horizon {
			invs = append(invs, inv)
		}
	}
	// Invoices come in period order; those of one start (a failed
	// invoice and the renewal that replaced it) in no documented order:
	// both lists are sorted by start, then issue date, then end.
	byPeriod := func(a, b refInvoice) int {
		return cmp.Or(cmp.Compare(a.period.Start, b.period.Start), cmp.Compare(a.issue, b.issue), cmp.Compare(a.period.End, b.period.End))
	}
	var lib []refInvoice
	for _, inv := range invs {
		lib = append(lib, refInvoice{issue: inv.IssueDate, period: inv.Period, total: inv.Total.Minor()})
	}
	slices.SortStableFunc(lib, byPeriod)
	model := slices.Clone(fw.invoices)
	slices.SortStableFunc(model, byPeriod)
	var got, want []string
	for _, inv := range lib {
		got = append(got, inv.String())
	}
	for _, inv := range model {
		if inv.period.Start >= horizon {
			continue
		}
		want = append(want, inv.String())
	}
	if slices.Equal(got, want) {
		return refDiff{}, true
	}
	return refDiff{"invoices", fmt.Sprintf("Invoices = %v\nthe model says %v", got, want)}, false
}

// compareStates compares every day's state through the timeline's
// segments, and StatusOn and Entitled on the days where something changes.
func compareStates(fw *world, s subscription.Subscription, start, horizon date.Date) string {
	tl, err := s.Timeline(period.Period{Start: start - 2, End: horizon}, horizon)
	if err != nil {
		return fmt.Sprintf("Timeline: %v", err)
	}
	var probes []date.Date
	for _, sg := range tl.Segments {
		for d := sg.Period.Start; d < sg.Period.End; d++ {
			if want := fw.stateOn(d); want.state != sg.State || want.reason != sg.Reason {
				return fmt.Sprintf("on %s the timeline says %s (%s); the model says %s (%s)", d, sg.State, sg.Reason, want.state, want.reason)
			}
		}
		probes = append(probes, sg.Period.Start-1, sg.Period.Start, sg.Period.End-1)
	}
	for _, d := range probes {
		if d < start-2 || d >= horizon {
			continue
		}
		want := fw.stateOn(d)
		if got := s.StatusOn(d); got.State != want.state || got.Reason != want.reason {
			return fmt.Sprintf("StatusOn(%s) = %s (%s); the model says %s (%s)", d, got.State, got.Reason, want.state, want.reason)
		}
		if got := s.Entitled(d); got != want.state.Entitled() {
			return fmt.Sprintf("Entitled(%s) = %t; the model says %s", d, got, want.state)
		}
	}
	return ""
}
