package subscription_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// refModel is the reference model of the state machine: it tracks only
// whether the subscription is terminated or suspended, and its termination
// date. What it cannot compute simply (where pauses move a term end) it
// reads from the subscription after a command succeeded.
type refModel struct {
	terminated bool
	termAt     date.Date // the day it became terminated

	hasEnd   bool      // a termination date is known
	end      date.Date // that date
	endByCmd bool      // a terminate command planned it (KindCancelTermination applies)

	suspended    bool
	hasScheduled bool
	scheduled    date.Date

	retryOpen bool
	retryDue  date.Date
	failures  int
	unpaid    []date.Date
	failed    []date.Date // the invoices whose charge failed once: a second failure is refused

	invalid bool // payment method invalid
}

// advance fires what the model knows is planned on or before on.
func (m *refModel) advance(on date.Date) {
	if m.terminated {
		return
	}
	if m.hasScheduled && m.scheduled <= on && (!m.hasEnd || m.scheduled < m.end) {
		m.suspended, m.hasScheduled, m.retryOpen = true, false, false
	}
	if m.hasEnd && m.end <= on {
		m.terminated, m.termAt = true, m.end
	}
}

// smState is the state of one run of the state machine.
type smState struct {
	s      subscription.Subscription
	plan   subscription.Plan
	start  date.Date
	now    date.Date
	ref    refModel
	span   period.Period
	trace  []string
	policy retry.Policy
}

func (st *smState) logf(t *rapid.T, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	st.trace = append(st.trace, msg)
	t.Log(msg)
}

// date draws the date of the next command: on or after the last one.
func (st *smState) date(t *rapid.T) date.Date {
	on := st.now + date.Date(rapid.IntRange(0, 12).Draw(t, "days"))
	if on >= st.span.End-400 {
		t.Skip("past the span")
	}
	st.now = on // the clock moves even if the action is skipped
	st.syncAuto(on)
	return on
}

// outcome says what the model expects of a command.
type outcome struct {
	ok      bool    // the command must succeed
	anyOf   []error // else it must fail with one of these (nil: may succeed)
	mayPass bool    // success is acceptable too
}

func mustPass() outcome                { return outcome{ok: true} }
func mustFail(errs ...error) outcome   { return outcome{anyOf: errs} }
func passOrFail(errs ...error) outcome { return outcome{anyOf: errs, mayPass: true} }

// run applies cmd on date on, checks the outcome against want, checks that a
// refused command changes nothing, and returns whether it succeeded.
func (st *smState) run(t *rapid.T, name string, on date.Date, want outcome,
	cmd func(subscription.Subscription) (subscription.Subscription, error)) bool {
	st.ref.advance(on)
	if st.ref.terminated {
		// A command that is invalid on its own may say so first.
		want = mustFail(subscription.ErrTerminated, pause.ErrReasonRequired, pause.ErrInvalidPause, subscription.ErrInvalidEvent)
	}
	got, err := cmd(st.s)
	st.now = on
	st.logf(t, "%s on %s: err=%v", name, on, err)
	if err != nil {
		var ee *subscription.EventError
		if !errors.As(err, &ee) {
			t.Fatalf("%s on %s: error %v is not an *EventError", name, on, err)
		}
		if ee.Index != len(slices.Collect(st.s.Events())) {
			t.Fatalf("%s on %s: EventError.Index = %d; want %d", name, on, ee.Index, len(slices.Collect(st.s.Events())))
		}
		if want.ok {
			t.Fatalf("%s on %s: unexpected error %v (model %+v)", name, on, err, st.ref)
		}
		matched := false
		for _, e := range want.anyOf {
			matched = matched || errors.Is(err, e)
		}
		if !matched {
			t.Fatalf("%s on %s: error %v; want one of %v (model %+v)", name, on, err, want.anyOf, st.ref)
		}
		assertUnchanged(t, st.s, got, st.span, on, name)
		return false
	}
	if !want.ok && !want.mayPass {
		t.Fatalf("%s on %s succeeded; want one of %v (model %+v)", name, on, want.anyOf, st.ref)
	}
	checkIssuedHistory(t, st.s, got, on, name)
	st.s = got
	st.syncEnd()
	return true
}

// syncEnd reads the termination date after a command that succeeded.
func (st *smState) syncEnd() {
	st.ref.end, st.ref.hasEnd = st.s.TerminationDate()
}

// assertUnchanged checks that a refused command returned the subscription
// unchanged.
func assertUnchanged(t *rapid.T, before, after subscription.Subscription, span period.Period, on date.Date, name string) {
	if a, b := mustJSON(t, slices.Collect(before.Events())), mustJSON(t, slices.Collect(after.Events())); a != b {
		t.Fatalf("refused %s on %s changed the log:\n%s\n%s", name, on, a, b)
	}
	sameTimeline(t, mustTimeline(t, before, span, on), mustTimeline(t, after, span, on), "refused "+name)
}

// checkIssuedHistory checks that an event dated on did not change an
// invoice issued before on: what has been issued stays issued, unchanged.
func checkIssuedHistory(t *rapid.T, before, after subscription.Subscription, on date.Date, name string) {
	from := before.Start() - 40
	a, err := collect(before.Invoices(period.Period{Start: from, End: on}))
	if err != nil {
		t.Fatalf("Invoices: %v", err)
	}
	b, err := collect(after.Invoices(period.Period{Start: from, End: on + 400}))
	if err != nil {
		t.Fatalf("Invoices: %v", err)
	}
	for _, inv := range a {
		if inv.IssueDate >= on {
			continue
		}
		found := slices.ContainsFunc(b, func(o invoice.Invoice) bool { return o.Equal(inv) })
		if !found {
			t.Fatalf("%s on %s changed the invoice issued on %s for %s (total %s): after it %v",
				name, on, inv.IssueDate, inv.Period, inv.Total, describe(b))
		}
	}
}

func describe(invs []invoice.Invoice) []string {
	var out []string
	for _, inv := range invs {
		out = append(out, fmt.Sprintf("%s %s %s", inv.IssueDate, inv.Period, inv.Total))
	}
	return out
}

func mustJSON(t *rapid.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}

func mustTimeline(t *rapid.T, s subscription.Subscription, span period.Period, asOf date.Date) subscription.Timeline {
	tl, err := s.Timeline(span, asOf)
	if err != nil {
		t.Fatalf("Timeline(%s, %s): %v", span, asOf, err)
	}
	return tl
}

// sameTimeline fails t unless want and got are the same timeline, money
// compared by value.
func sameTimeline(t *rapid.T, want, got subscription.Timeline, what string) {
	if want.Span != got.Span || want.AsOf != got.AsOf {
		t.Fatalf("%s: span/asOf %s %s; want %s %s", what, got.Span, got.AsOf, want.Span, want.AsOf)
	}
	if a, b := mustJSON(t, want.Segments), mustJSON(t, got.Segments); a != b {
		t.Fatalf("%s: segments\n got %s\nwant %s", what, b, a)
	}
	if a, b := mustJSON(t, want.Periods), mustJSON(t, got.Periods); a != b {
		t.Fatalf("%s: periods\n got %s\nwant %s", what, b, a)
	}
	if len(want.Invoices) != len(got.Invoices) {
		t.Fatalf("%s: %d invoices; want %d", what, len(got.Invoices), len(want.Invoices))
	}
	for i := range want.Invoices {
		if !want.Invoices[i].Invoice.Equal(got.Invoices[i].Invoice) || want.Invoices[i].Issued != got.Invoices[i].Issued {
			t.Fatalf("%s: invoice %d = %+v; want %+v", what, i, got.Invoices[i], want.Invoices[i])
		}
	}
	if a, b := mustJSON(t, want.Retries), mustJSON(t, got.Retries); a != b {
		t.Fatalf("%s: retries\n got %s\nwant %s", what, b, a)
	}
	if a, b := mustJSON(t, want.Events), mustJSON(t, got.Events); a != b {
		t.Fatalf("%s: events\n got %s\nwant %s", what, b, a)
	}
	if (want.Termination == nil) != (got.Termination == nil) || (want.Termination != nil && *want.Termination != *got.Termination) {
		t.Fatalf("%s: termination %v; want %v", what, got.Termination, want.Termination)
	}
}

// checkTiling checks that segments tile span: no gap, no overlap, nothing
// empty, from span.Start to span.End.
func checkTiling(t *rapid.T, segs []subscription.Segment, span period.Period) {
	if len(segs) == 0 {
		if !span.IsEmpty() {
			t.Fatalf("no segment for %s", span)
		}
		return
	}
	if segs[0].Period.Start != span.Start {
		t.Fatalf("first segment %s starts after the span %s", segs[0].Period, span)
	}
	for i, sg := range segs {
		if sg.Period.IsEmpty() {
			t.Fatalf("segment %d %s is empty", i, sg.Period)
		}
		if i > 0 && segs[i-1].Period.End != sg.Period.Start {
			t.Fatalf("segments %d %s and %d %s do not meet", i-1, segs[i-1].Period, i, sg.Period)
		}
		if i > 0 && segs[i-1].State == sg.State && segs[i-1].Reason == sg.Reason &&
			(sg.State != subscription.Paused || segs[i-1].Cause == sg.Cause) {
			// Two pauses that meet are two paused segments, each with its pause.
			t.Fatalf("segments %d and %d have the same state %s", i-1, i, sg.State)
		}
	}
	if last := segs[len(segs)-1]; last.Period.End != span.End {
		t.Fatalf("last segment %s ends before the span %s", last.Period, span)
	}
}

// stateAt returns the state of the segment that holds d.
func stateAt(segs []subscription.Segment, d date.Date) subscription.State {
	i, _ := slices.BinarySearchFunc(segs, d, func(sg subscription.Segment, d date.Date) int {
		switch {
		case sg.Period.End <= d:
			return -1
		case sg.Period.Start > d:
			return 1
		}
		return 0
	})
	return segs[i].State
}

// checkInvariants checks everything that must hold of any subscription.
func (st *smState) checkInvariants(t *rapid.T) {
	st.syncAuto(st.now)
	s := st.s
	tl := mustTimeline(t, s, st.span, st.now)
	checkTiling(t, tl.Segments, st.span)

	// The views agree with the segments.
	for _, day := range []date.Date{st.start, st.now, st.now + 17, st.now + 90} {
		if got, want := s.StatusOn(day).State, stateAt(tl.Segments, day); got != want {
			t.Fatalf("StateOn(%s) = %s; the timeline says %s", day, got, want)
		}
	}

	// Billing periods: ordered, no overlap, consecutive periods of a run
	// meet; a gap between runs lies where the customer has no service (or is
	// past due under restart-on-payment), and no billed period starts on a
	// suspended or terminated day.
	for i, bp := range tl.Periods {
		if bp.Period.IsEmpty() {
			t.Fatalf("period %s is empty", bp.Period)
		}
		if i > 0 {
			prev := tl.Periods[i-1].Period
			if prev.End > bp.Period.Start {
				t.Fatalf("periods %s and %s overlap", prev, bp.Period)
			}
			for day := prev.End; day < bp.Period.Start; day++ {
				if stt := stateAt(tl.Segments, day); stt.Entitled() && stt != subscription.PastDue {
					t.Fatalf("day %s between periods %s and %s is %s, but billed by no period", day, prev, bp.Period, stt)
				}
			}
		}
		if !bp.Paused && span(st).Contains(bp.Period.Start) {
			switch stt := stateAt(tl.Segments, bp.Period.Start); stt {
			case subscription.Suspended, subscription.Terminated, subscription.Pending:
				t.Fatalf("billed period %s starts on a %s day", bp.Period, stt)
			}
		}
	}

	// Terminated is final.
	if end, ok := s.TerminationDate(); ok {
		for _, sg := range tl.Segments {
			if sg.Period.End > end && sg.State != subscription.Terminated {
				t.Fatalf("segment %s is %s after the termination date %s", sg.Period, sg.State, end)
			}
		}
		for _, day := range []date.Date{end, end + 1, end + 365*100} {
			if stt := s.StatusOn(day).State; stt != subscription.Terminated {
				t.Fatalf("StateOn(%s) = %s after the termination date %s", day, stt, end)
			}
		}
		for _, inv := range tl.Invoices {
			// An invoice whose charge failed on its issue day stays listed,
			// unpaid, even if the failure ended the subscription that day.
			if inv.Invoice.Period.Start >= end && (inv.Invoice.IssueDate > end || !failedOn(s, inv.Invoice.IssueDate)) {
				t.Fatalf("invoice of %s after the termination date %s", inv.Invoice.Period, end)
			}
		}
	}

	// Replay gives the same timeline; so does a JSON round trip.
	re, err := subscription.Replay(s.Terms(), s.Events())
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	sameTimeline(t, tl, mustTimeline(t, re, st.span, st.now), "replay")
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var dec subscription.Subscription
	if err := json.Unmarshal(b, &dec); err != nil {
		t.Fatalf("unmarshal %s: %v", b, err)
	}
	sameTimeline(t, tl, mustTimeline(t, dec, st.span, st.now), "JSON round trip")

	// A later asOf never changes what an earlier one reported as issued.
	later := mustTimeline(t, s, st.span, st.now+date.Date(rapid.IntRange(1, 400).Draw(t, "later")))
	if len(later.Invoices) != len(tl.Invoices) {
		t.Fatalf("%d invoices as of %s, %d as of %s", len(tl.Invoices), tl.AsOf, len(later.Invoices), later.AsOf)
	}
	for i, inv := range tl.Invoices {
		if inv.Issued != inv.Invoice.IsIssued(st.now) {
			t.Fatalf("invoice %s: Issued = %t as of %s", inv.Invoice.IssueDate, inv.Issued, st.now)
		}
		if inv.Issued && (!later.Invoices[i].Issued || !later.Invoices[i].Invoice.Equal(inv.Invoice)) {
			t.Fatalf("invoice issued on %s as of %s differs as of %s", inv.Invoice.IssueDate, tl.AsOf, later.AsOf)
		}
	}

	// Invoices: the total is the sum of the lines, never negative but for
	// a credit note, which names the invoice it credits.
	for _, ti := range tl.Invoices {
		inv := ti.Invoice
		sum := invoice.Zero(inv.Currency)
		for _, l := range inv.Lines {
			if sum, err = sum.Add(l.Amount); err != nil {
				t.Fatalf("invoice %s: %v", inv.IssueDate, err)
			}
		}
		if sum != inv.Total {
			t.Fatalf("invoice %s of %s: total %s; lines add up to %s", inv.IssueDate, inv.Period, inv.Total, sum)
		}
		if err := inv.Validate(); err != nil {
			t.Fatalf("invoice %s of %s: %v", inv.IssueDate, inv.Period, err)
		}
		if inv.Total.IsNegative() != (inv.Kind == invoice.KindCreditNote) {
			t.Fatalf("%s %s: total %s", inv.Kind, inv.IssueDate, inv.Total)
		}
	}

	// Whole-period pauses: no invoice covers or is dated in one (in advance).
	for _, bp := range tl.Periods {
		if !bp.Paused {
			continue
		}
		for _, ti := range tl.Invoices {
			if ti.Invoice.Period.Overlaps(bp.Period) {
				t.Fatalf("invoice of %s overlaps the paused period %s", ti.Invoice.Period, bp.Period)
			}
			if st.plan.Billing != subscription.InArrears && bp.Period.Contains(ti.Invoice.IssueDate) {
				t.Fatalf("invoice dated %s inside the paused period %s", ti.Invoice.IssueDate, bp.Period)
			}
		}
	}

	// No paused day is entitled.
	for r := range s.PausedRanges() {
		for day := r.Start; day < r.End && day < st.span.End; day += max(1, date.Date(r.Days()/7)) {
			if s.Entitled(day) {
				t.Fatalf("paused day %s of %s is entitled (state %s)", day, r, s.StatusOn(day).State)
			}
		}
		if s.Entitled(r.End - 1) {
			t.Fatalf("last paused day %s is entitled", r.End-1)
		}
	}

	// The model agrees with the subscription on the current date.
	ref := st.ref
	ref.advance(st.now)
	stt := s.StatusOn(st.now).State
	switch {
	case ref.terminated:
		if stt != subscription.Terminated {
			t.Fatalf("model: terminated on %s; StateOn(%s) = %s", ref.termAt, st.now, stt)
		}
	case ref.suspended:
		if stt != subscription.Suspended {
			t.Fatalf("model: suspended; StateOn(%s) = %s", st.now, stt)
		}
	default:
		if stt == subscription.Suspended || stt == subscription.Terminated {
			t.Fatalf("model: running; StateOn(%s) = %s", st.now, stt)
		}
	}
	if ref.terminated {
		// Every command is refused: spot-check three at once.
		for _, c := range []func(subscription.Subscription) (subscription.Subscription, error){
			func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(st.now) },
			func(s subscription.Subscription) (subscription.Subscription, error) {
				return s.Suspend(st.now, subscription.ByBusiness)
			},
			func(s subscription.Subscription) (subscription.Subscription, error) {
				return s.UpdatePaymentMethod(st.now)
			},
		} {
			got, err := c(s)
			if !errors.Is(err, subscription.ErrTerminated) {
				t.Fatalf("command on %s after termination: err = %v; want ErrTerminated", st.now, err)
			}
			assertUnchanged(t, s, got, st.span, st.now, "command after termination")
		}
	}
}

func span(st *smState) period.Period { return st.span }

var pauseErrs = []error{subscription.ErrOverlap, subscription.ErrNoEnd, subscription.ErrPeriodInvoiced,
	subscription.ErrNotBillingPeriod, pause.ErrReasonRequired, pause.ErrInvalidPause}

func TestStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := rapid.SampledFrom([]string{"2021-10-01", "2024-01-31", "2025-01-15", "2023-02-28"}).Draw(t, "start")
		every := rapid.SampledFrom([]period.Recurrence{period.Monthly, period.Monthly, period.Weekly, period.Quarterly}).Draw(t, "every")
		pol := retry.Policy{Attempts: rapid.IntRange(0, 5).Draw(t, "attempts")}
		if rapid.Bool().Draw(t, "suspendOnExhaustion") {
			pol.OnExhausted = retry.Suspend
		}
		if rapid.Bool().Draw(t, "restartOnPayment") {
			pol.LatePayment = retry.RestartOnPayment
		}
		plan := subscription.Plan{Every: every, Price: invoice.Price{Recurring: eur("30.00")}, Retry: pol,
			Periods:    rapid.SampledFrom([]int{0, 0, 6, 12}).Draw(t, "periods"),
			Suspension: retry.Suspension{InvalidPaymentMethod: rapid.Bool().Draw(t, "autoSuspend")}}
		if rapid.IntRange(0, 3).Draw(t, "arrears") == 0 {
			plan.Billing = subscription.InArrears
		}
		s, err := subscription.New(subscription.Terms{Plan: plan, Start: d(start)})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		st := &smState{s: s, plan: plan, start: d(start), now: d(start), policy: pol,
			span: period.Period{Start: d(start) - 10, End: d(start) + 365*5}}
		st.syncEnd()

		otherPlans := []subscription.Plan{
			{Every: period.Monthly, Price: invoice.Price{Recurring: eur("45.00")}, Retry: pol, Billing: plan.Billing},
			{Every: period.Weekly, Price: invoice.Price{Recurring: eur("9.00")}, Retry: pol, Billing: plan.Billing},
			{Every: period.Yearly, Price: invoice.Price{Recurring: eur("300.00")}, Retry: pol, Billing: plan.Billing},
			{Every: every, Price: invoice.Price{Recurring: eur("31.50")}, Retry: pol, Billing: plan.Billing},
		}

		t.Repeat(map[string]func(*rapid.T){
			"": st.checkInvariants,
			"KindSuspend": func(t *rapid.T) {
				on := st.date(t)
				st.ref.advance(on)
				want := mustPass()
				if st.ref.suspended {
					want = mustFail(subscription.ErrInvalidTransition)
				}
				if st.run(t, "KindSuspend", on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.Suspend(on, subscription.ByBusiness)
				}) {
					st.ref.suspended, st.ref.hasScheduled, st.ref.retryOpen = true, false, false
				}
			},
			"KindScheduleSuspension": func(t *rapid.T) {
				on := st.date(t)
				eff := on + date.Date(rapid.IntRange(1, 60).Draw(t, "effectiveIn"))
				st.ref.advance(on)
				want := mustPass()
				if st.ref.suspended {
					want = mustFail(subscription.ErrInvalidTransition)
				}
				if st.run(t, "KindScheduleSuspension "+eff.String(), on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.ScheduleSuspension(on, eff, subscription.ByBusiness)
				}) {
					st.ref.hasScheduled, st.ref.scheduled = true, eff
				}
			},
			"KindCancelSuspension": func(t *rapid.T) {
				on := st.date(t)
				st.ref.advance(on)
				want := mustPass()
				if !st.ref.hasScheduled {
					want = mustFail(subscription.ErrNotSuspended)
				}
				if st.run(t, "KindCancelSuspension", on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.CancelSuspension(on)
				}) {
					st.ref.hasScheduled = false
				}
			},
			"KindRestart": func(t *rapid.T) {
				on := st.date(t)
				st.syncAuto(on)
				want := mustFail(subscription.ErrNotSuspended)
				if st.ref.suspended || st.ref.hasScheduled {
					// A renewal re-anchors the schedule: it may orphan a
					// whole-period pause.
					want = passOrFail(subscription.ErrOrphanPause)
				}
				if st.run(t, "KindRestart", on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.Restart(on)
				}) {
					st.ref.suspended, st.ref.hasScheduled = false, false
				}
			},
			"TerminateNow": func(t *rapid.T) {
				on := st.date(t)
				if st.run(t, "TerminateNow", on, mustPass(), func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.TerminateNow(on)
				}) {
					if end, ok := st.s.TerminationDate(); !ok || end != on {
						t.Fatalf("TerminateNow(%s): TerminationDate() = %s, %t", on, end, ok)
					}
					st.ref.terminated, st.ref.termAt = true, on
				}
			},
			"TerminateAtPeriodEnd": func(t *rapid.T) {
				on := st.date(t)
				st.syncAuto(on)
				if st.run(t, "TerminateAtPeriodEnd", on, passOrFail(subscription.ErrInvalidTransition), func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.TerminateAtPeriodEnd(on)
				}) {
					if !st.ref.hasEnd || st.ref.end <= on {
						t.Fatalf("TerminateAtPeriodEnd(%s): TerminationDate() = %s, %t", on, st.ref.end, st.ref.hasEnd)
					}
					st.ref.endByCmd = true
				}
			},
			"KindCancelTermination": func(t *rapid.T) {
				on := st.date(t)
				// A whole-period pause the termination made moot (a renewal
				// re-anchored the schedule under it) would be orphaned.
				want := passOrFail(subscription.ErrOrphanPause)
				if !st.ref.endByCmd {
					want = mustFail(subscription.ErrInvalidTransition)
				}
				if st.run(t, "KindCancelTermination", on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.CancelTermination(on)
				}) {
					st.ref.endByCmd = false
				}
			},
			"ChangePlanAtRenewal": func(t *rapid.T) {
				on := st.date(t)
				p := rapid.SampledFrom(otherPlans).Draw(t, "plan")
				// A plan that re-anchors the schedule under a whole-period pause
				// orphans it.
				st.run(t, "ChangePlanAtRenewal "+p.Every.String(), on, passOrFail(subscription.ErrOrphanPause), func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.ChangePlanAtRenewal(on, p)
				})
			},
			"KindAddFlexiblePause": func(t *rapid.T) {
				on := st.date(t)
				from := on + date.Date(rapid.IntRange(-20, 90).Draw(t, "pauseIn"))
				f := pause.Flexible{Days: period.Period{Start: from, End: from + date.Date(rapid.IntRange(1, 45).Draw(t, "pauseDays"))},
					Reason: rapid.SampledFrom([]string{"injury", "travel", "", "illness"}).Draw(t, "reason")}
				if rapid.Bool().Draw(t, "extend") {
					f.Extension.Periods = rapid.IntRange(1, 2).Draw(t, "extension")
				}
				touched := slices.Collect(st.s.PreviewFlexiblePause(f.Days))
				if len(touched) > 0 && rapid.Bool().Draw(t, "override") {
					tc := touched[rapid.IntRange(0, len(touched)-1).Draw(t, "overridden")]
					o := pause.InvoiceOverride{Period: tc.Period, Mode: pause.Prorated}
					if rapid.Bool().Draw(t, "fixed") {
						o = pause.InvoiceOverride{Period: tc.Period, Mode: pause.FixedAmount, Amount: ptr(eur("0.00"))}
					}
					f.Overrides = []pause.InvoiceOverride{o}
				}
				st.run(t, fmt.Sprintf("KindAddFlexiblePause %s %q ext %d ovr %v", f.Days, f.Reason, f.Extension.Periods, f.Overrides), on,
					passOrFail(pauseErrs...), func(s subscription.Subscription) (subscription.Subscription, error) {
						return s.AddFlexiblePause(on, f)
					})
			},
			"KindAddWholePeriodPause": func(t *rapid.T) {
				on := st.date(t)
				var cands []period.Period
				for bp := range st.s.Periods(period.Period{Start: on - 40, End: on + 200}) {
					cands = append(cands, bp.Period)
				}
				if len(cands) == 0 {
					t.Skip("no period")
				}
				w := pause.WholePeriod{Periods: []period.Period{rapid.SampledFrom(cands).Draw(t, "whole")},
					Reason: rapid.SampledFrom([]string{"travel", "injury"}).Draw(t, "reason"), SkipOnly: rapid.Bool().Draw(t, "skipOnly")}
				st.run(t, fmt.Sprintf("KindAddWholePeriodPause %s skip=%t", w.Periods[0], w.SkipOnly), on, passOrFail(pauseErrs...),
					func(s subscription.Subscription) (subscription.Subscription, error) {
						return s.AddWholePeriodPause(on, w)
					})
			},
			"KindDeletePause": func(t *rapid.T) {
				on := st.date(t)
				id := rapid.IntRange(0, max(0, len(slices.Collect(st.s.Events()))-1)).Draw(t, "pauseID")
				if ps := slices.Collect(st.s.Pauses("")); len(ps) > 0 && rapid.IntRange(0, 3).Draw(t, "existing") > 0 {
					id = rapid.SampledFrom(ps).Draw(t, "pause").ID
				}
				st.run(t, fmt.Sprintf("KindDeletePause %d", id), on,
					passOrFail(subscription.ErrPauseNotFound, subscription.ErrPeriodInvoiced, subscription.ErrOrphanPause),
					func(s subscription.Subscription) (subscription.Subscription, error) { return s.DeletePause(on, id) })
			},
			"FailRenewal": func(t *rapid.T) {
				invs, err := collect(st.s.Invoices(period.Period{Start: st.now, End: st.now + 120}))
				if err != nil {
					t.Fatalf("Invoices: %v", err)
				}
				i := slices.IndexFunc(invs, func(inv invoice.Invoice) bool { return inv.IssueDate >= st.now && !inv.Total.IsZero() })
				if i < 0 || invs[i].IssueDate >= st.span.End-400 {
					t.Skip("no renewal due")
				}
				on := invs[i].IssueDate
				st.syncAuto(on)
				want := mustPass()
				if st.ref.suspended || st.ref.retryOpen {
					want = mustFail(subscription.ErrInvalidTransition, subscription.ErrNotDue)
				}
				if slices.Contains(st.ref.failed, on) {
					want = mustFail(subscription.ErrNotDue, subscription.ErrInvalidTransition)
				}
				if !st.run(t, "RecordPaymentFailure (charge)", on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.RecordPaymentFailure(on, on)
				}) {
					return
				}
				st.ref.retryOpen, st.ref.retryDue, st.ref.failures = true, on, 0
				st.ref.failed = append(st.ref.failed, on)
				if st.policy.Attempts == 0 {
					st.exhaust(t, on)
				}
			},
			"FailAttempt": func(t *rapid.T) {
				if !st.ref.retryOpen {
					t.Skip("no retry period")
				}
				on := st.ref.retryDue + date.Date(st.ref.failures+1)
				if on < st.now {
					t.Skip("attempt day passed")
				}
				st.syncAuto(on)
				want := mustPass()
				if !st.ref.retryOpen {
					want = mustFail(subscription.ErrNotDue)
				}
				if st.run(t, "RecordPaymentFailure (attempt)", on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.RecordPaymentFailure(on, st.ref.retryDue)
				}) {
					st.ref.failures++
					if st.ref.failures == st.policy.Attempts {
						st.exhaust(t, on)
					}
				}
			},
			"Pay": func(t *rapid.T) {
				if st.ref.retryOpen {
					window, _ := st.policy.Window()
					last := st.ref.retryDue + date.Date(window)
					first := max(st.now, st.ref.retryDue+date.Date(st.ref.failures))
					if first > last {
						t.Skip("retry window passed")
					}
					on := first + date.Date(rapid.IntRange(0, int(last-first)).Draw(t, "payIn"))
					due := st.ref.retryDue
					st.syncAuto(on)
					want := mustPass()
					if st.policy.EffectiveLatePayment() == retry.RestartOnPayment && on > due {
						// A late payment re-anchors the schedule: it may orphan
						// a whole-period pause.
						want = passOrFail(subscription.ErrOrphanPause)
					}
					if !st.ref.retryOpen {
						want = mustFail(subscription.ErrNotDue)
					}
					if st.run(t, "RecordPayment "+due.String(), on, want, func(s subscription.Subscription) (subscription.Subscription, error) {
						return s.RecordPayment(on, due)
					}) {
						st.ref.retryOpen = false
					}
					return
				}
				if len(st.ref.unpaid) == 0 {
					t.Skip("nothing to pay")
				}
				due := st.ref.unpaid[0]
				on := st.date(t)
				if st.run(t, "RecordPayment (unpaid) "+due.String(), on, mustPass(), func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.RecordPayment(on, due)
				}) {
					st.ref.unpaid = st.ref.unpaid[1:]
				}
			},
			"InvalidatePaymentMethod": func(t *rapid.T) {
				on := st.date(t)
				if st.run(t, "InvalidatePaymentMethod", on, mustPass(), func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.InvalidatePaymentMethod(on)
				}) {
					st.ref.invalid = true
				}
			},
			"UpdatePaymentMethod": func(t *rapid.T) {
				on := st.date(t)
				st.syncAuto(on)
				if st.run(t, "UpdatePaymentMethod", on, mustPass(), func(s subscription.Subscription) (subscription.Subscription, error) {
					return s.UpdatePaymentMethod(on)
				}) {
					st.ref.invalid = false
				}
			},
		})
	})
}

// exhaust applies the exhaustion of the retry period on day on.
func (st *smState) exhaust(t *rapid.T, on date.Date) {
	st.ref.retryOpen = false
	if st.policy.EffectiveOnExhausted() == retry.Terminate {
		st.ref.terminated, st.ref.termAt = true, on
		if end, ok := st.s.TerminationDate(); !ok || end != on {
			t.Fatalf("exhausted on %s: TerminationDate() = %s, %t", on, end, ok)
		}
		return
	}
	st.ref.suspended, st.ref.hasScheduled = true, false
	st.ref.unpaid = append(st.ref.unpaid, st.ref.retryDue)
	if stt := st.s.StatusOn(on); stt.State != subscription.Suspended || stt.Reason != subscription.PaymentDue {
		t.Fatalf("exhausted on %s with OnExhausted suspend: status %+v", on, stt)
	}
}

// syncAuto takes in the automatic suspension for an invalid payment method,
// which falls on the next renewal: the model only checks its reason.
func (st *smState) syncAuto(on date.Date) {
	st.ref.advance(on)
	if !st.ref.invalid || !st.plan.Suspension.InvalidPaymentMethod || st.ref.suspended || st.ref.terminated {
		return
	}
	if stt := st.s.StatusOn(on); stt.State == subscription.Suspended && stt.Reason == subscription.PaymentMethodInvalid {
		st.ref.suspended, st.ref.hasScheduled, st.ref.retryOpen = true, false, false
	}
}

// failedOn reports whether the charge of the invoice issued on due failed.
func failedOn(s subscription.Subscription, due date.Date) bool {
	return slices.ContainsFunc(slices.Collect(s.RetryPeriods()), func(rp subscription.RetryPeriod) bool { return rp.Due == due })
}
