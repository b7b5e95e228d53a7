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
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Named dates of the tables.
var (
	oct01_21 = d("2021-10-01")
	oct10_21 = d("2021-10-10")
	oct15_21 = d("2021-10-15")
	oct20_21 = d("2021-10-20")
	nov01_21 = d("2021-11-01")
	dec01_21 = d("2021-12-01")

	jan01_24 = d("2024-01-01")
	jan15_24 = d("2024-01-15")
	jan31_24 = d("2024-01-31")
	feb01_24 = d("2024-02-01")
	feb15_24 = d("2024-02-15")
	feb20_24 = d("2024-02-20")
	feb29_24 = d("2024-02-29")
	mar01_24 = d("2024-03-01")
	mar02_24 = d("2024-03-02")
	mar31_24 = d("2024-03-31")
	apr01_24 = d("2024-04-01")

	jan15_25 = d("2025-01-15")
	mar01_25 = d("2025-03-01")
)

// ---- helpers -------------------------------------------------------------

// periodStarts returns the start of each billing period of s in [from, to)
// that is not paused.
func periodStarts(s subscription.Subscription, from, to string) []string {
	var out []string
	for bp := range s.Periods(period.Period{Start: d(from), End: d(to)}) {
		if !bp.Paused {
			out = append(out, bp.Period.Start.String())
		}
	}
	return out
}

// requireSameTimeline compares two timelines field by field, money by value.
func requireSameTimeline(t *testing.T, want, got subscription.Timeline, msgAndArgs ...any) {
	t.Helper()
	require.Equal(t, want.Span, got.Span, msgAndArgs...)
	require.Equal(t, want.AsOf, got.AsOf, msgAndArgs...)
	require.Equal(t, want.Segments, got.Segments, msgAndArgs...)
	require.Equal(t, want.Periods, got.Periods, msgAndArgs...)
	require.Equal(t, len(want.Invoices), len(got.Invoices), msgAndArgs...)
	for i := range want.Invoices {
		require.True(t, want.Invoices[i].Invoice.Equal(got.Invoices[i].Invoice),
			"invoice %d: got %+v; want %+v %v", i, got.Invoices[i].Invoice, want.Invoices[i].Invoice, fmt.Sprint(msgAndArgs...))
		require.Equal(t, want.Invoices[i].Issued, got.Invoices[i].Issued, msgAndArgs...)
	}
	require.Equal(t, jsonOf(t, want.Retries), jsonOf(t, got.Retries), msgAndArgs...)
	require.Equal(t, jsonOf(t, want.Events), jsonOf(t, got.Events), msgAndArgs...)
	require.Equal(t, want.Termination, got.Termination, msgAndArgs...)
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func timelineOf(t *testing.T, s subscription.Subscription, from, to string, asOf date.Date) subscription.Timeline {
	t.Helper()
	tl, err := s.Timeline(pp(from, to), asOf)
	require.NoError(t, err)
	return tl
}

// ---- trials --------------------------------------------------------------

func TestTrials(t *testing.T) {
	one := eur("1.00")
	five := eur("5.00")
	tests := []struct {
		name      string
		trial     subscription.TrialOffer
		trialDays []date.Date // days in trial
		firstAct  date.Date   // first active day
		periods   []string    // billing period starts in [2024-01-01, 2024-04-01)
		issues    []string    // invoice issue dates in [2024-01-01, 2024-04-01)
		totals    []string
	}{
		{name: "days/free", trial: subscription.TrialOffer{Days: 14},
			trialDays: []date.Date{jan01_24, d("2024-01-14")}, firstAct: jan15_24,
			periods: []string{"2024-01-15", "2024-02-15", "2024-03-15"},
			issues:  []string{"2024-01-15", "2024-02-15", "2024-03-15"},
			totals:  []string{"10.00", "10.00", "10.00"}},
		{name: "days/paid", trial: subscription.TrialOffer{Days: 14, Price: &five},
			trialDays: []date.Date{jan01_24, d("2024-01-14")}, firstAct: jan15_24,
			periods: []string{"2024-01-15", "2024-02-15", "2024-03-15"},
			issues:  []string{"2024-01-01", "2024-01-15", "2024-02-15", "2024-03-15"},
			totals:  []string{"5.00", "10.00", "10.00", "10.00"}},
		{name: "periods/free", trial: subscription.TrialOffer{Periods: 1},
			trialDays: []date.Date{jan01_24, jan31_24}, firstAct: feb01_24,
			periods: []string{"2024-01-01", "2024-02-01", "2024-03-01"},
			issues:  []string{"2024-02-01", "2024-03-01"},
			totals:  []string{"10.00", "10.00"}},
		{name: "periods/paid", trial: subscription.TrialOffer{Periods: 2, Price: &one},
			trialDays: []date.Date{jan01_24, feb29_24}, firstAct: mar01_24,
			periods: []string{"2024-01-01", "2024-02-01", "2024-03-01"},
			issues:  []string{"2024-01-01", "2024-02-01", "2024-03-01"},
			totals:  []string{"1.00", "1.00", "10.00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := monthly("10.00")
			p.Trial = tc.trial
			s := newSub(t, p, "2024-01-01")
			for _, day := range tc.trialDays {
				assert.Equal(t, subscription.Trial, s.StatusOn(day).State, "StateOn(%s)", day)
				assert.True(t, s.Entitled(day), "Entitled(%s)", day)
			}
			assert.Equal(t, subscription.Active, s.StatusOn(tc.firstAct).State, "StateOn(%s)", tc.firstAct)
			assert.Equal(t, tc.periods, periodStarts(s, "2024-01-01", "2024-04-01"), "period starts")
			invs := invoicesOf(t, s, "2024-01-01", "2024-04-01")
			assert.Equal(t, tc.issues, issueDates(invs), "issue dates")
			require.Len(t, invs, len(tc.totals))
			for i, want := range tc.totals {
				assertMoney(t, want, invs[i].Total)
			}
			if tc.trial.Days > 0 {
				assert.Equal(t, tc.firstAct, s.Anchor(), "Anchor() = %s; want the trial end %s", s.Anchor(), tc.firstAct)
			}
		})
	}
}

// ---- fixed terms ---------------------------------------------------------

func TestFixedTerm(t *testing.T) {
	tests := []struct {
		name, start string
		every       period.Recurrence
		periods     int
		end         string
		issues      []string
	}{
		{"monthly/3 from jan31", "2024-01-31", period.Monthly, 3, "2024-04-30", []string{"2024-01-31", "2024-02-29", "2024-03-31"}},
		{"monthly/3 from oct01", "2021-10-01", period.Monthly, 3, "2022-01-01", []string{"2021-10-01", "2021-11-01", "2021-12-01"}},
		{"weekly/3", "2022-06-03", period.Weekly, 3, "2022-06-24", []string{"2022-06-03", "2022-06-10", "2022-06-17"}},
		{"yearly/3 from feb29", "2024-02-29", period.Yearly, 3, "2027-02-28", []string{"2024-02-29", "2025-02-28", "2026-02-28"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := subscription.Plan{Every: tc.every, Price: invoice.Price{Recurring: eur("10.00")}, Periods: tc.periods}
			s := newSub(t, p, tc.start)
			end, ok := s.TerminationDate()
			require.True(t, ok, "TerminationDate: none")
			assert.Equal(t, tc.end, end.String(), "TerminationDate() = %s; want %s", end, tc.end)
			invs := invoicesOf(t, s, tc.start, "2100-01-01")
			assert.Equal(t, tc.issues, issueDates(invs))
			assert.Equal(t, subscription.Terminated, s.StatusOn(end).State)
			assert.Equal(t, subscription.Terminated, s.StatusOn(end+400).State)
			assert.Equal(t, subscription.Active, s.StatusOn(end-1).State)
			_, ok = s.NextRenewal(end - 1)
			assert.False(t, ok, "NextRenewal after the last period")
		})
	}
}

// ---- in arrears ----------------------------------------------------------

func TestInArrears(t *testing.T) {
	p := monthly("10.00")
	p.Billing = subscription.InArrears
	s := newSub(t, p, "2024-01-01")

	t.Run("issued on period ends", func(t *testing.T) {
		invs := invoicesOf(t, s, "2024-01-01", "2024-04-02") // issued on a day of [01-01, 04-02)
		require.Len(t, invs, 3)
		for i, want := range []struct {
			period period.Period
			issue  string
		}{
			{pp("2024-01-01", "2024-02-01"), "2024-02-01"},
			{pp("2024-02-01", "2024-03-01"), "2024-03-01"},
			{pp("2024-03-01", "2024-04-01"), "2024-04-01"},
		} {
			assert.Equal(t, want.period, invs[i].Period)
			assert.Equal(t, want.issue, invs[i].IssueDate.String(), "invoice of %s", want.period)
			assertMoney(t, "10.00", invs[i].Total)
		}
	})
	t.Run("terminate mid-period prorated", func(t *testing.T) {
		s := must(t)(s.TerminateOn(d("2024-02-05"), feb15_24))
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, feb15_24, end)
		invs := invoicesOf(t, s, "2024-01-01", "2025-01-01")
		require.Len(t, invs, 2)
		last := invs[1]
		assert.Equal(t, "2024-02-15", last.IssueDate.String(), "last invoice issued on the termination date")
		// 14 of 29 days of February 2024: 10.00 × 14/29 = 4.827… → 4.83.
		assertMoney(t, "4.83", last.Total)
	})
}

// ---- plan change at renewal ----------------------------------------------

func TestChangePlanAtRenewal(t *testing.T) {
	dearer := monthly("15.00")
	yearly := subscription.Plan{Every: period.Yearly, Price: invoice.Price{Recurring: eur("100.00")}}
	// The subscription starts on its anchor 2024-01-31; the change is
	// decided during the first period, [2024-01-31, 2024-02-29).
	base := func(t *testing.T) subscription.Subscription { return newSub(t, monthly("10.00"), "2024-01-31") }

	t.Run("monthly to dearer monthly keeps the anchor", func(t *testing.T) {
		s := must(t)(base(t).ChangePlanAtRenewal(feb20_24, dearer))
		invs := invoicesOf(t, s, "2024-01-31", "2024-05-01")
		assert.Equal(t, []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"}, issueDates(invs))
		require.Len(t, invs, 4)
		assertMoney(t, "10.00", invs[0].Total)
		for _, inv := range invs[1:] {
			assertMoney(t, "15.00", inv.Total)
		}
		next, ok := s.NextRenewal(feb29_24)
		require.True(t, ok)
		assert.Equal(t, mar31_24, next)
	})
	t.Run("monthly to yearly starts a schedule at the renewal", func(t *testing.T) {
		s := must(t)(base(t).ChangePlanAtRenewal(feb20_24, yearly))
		invs := invoicesOf(t, s, "2024-01-31", "2026-06-01")
		assert.Equal(t, []string{"2024-01-31", "2024-02-29", "2025-02-28", "2026-02-28"}, issueDates(invs))
		require.Len(t, invs, 4)
		assert.Equal(t, pp("2024-02-29", "2025-02-28"), invs[1].Period)
		assertMoney(t, "100.00", invs[1].Total)
	})
	t.Run("decided on the renewal day waits for the next one", func(t *testing.T) {
		s := must(t)(base(t).ChangePlanAtRenewal(feb29_24, dearer))
		invs := invoicesOf(t, s, "2024-01-31", "2024-05-01")
		require.Len(t, invs, 4)
		assertMoney(t, "10.00", invs[1].Total)
		assertMoney(t, "15.00", invs[2].Total)
	})
}

// ---- lifecycle -----------------------------------------------------------

func TestLifecycle(t *testing.T) {
	base := func(t *testing.T) subscription.Subscription { return newSub(t, monthly("10.00"), "2021-10-01") }
	type check struct {
		on    date.Date
		state subscription.State
	}
	tests := []struct {
		name    string
		cmds    func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription
		checks  []check
		issues  []string // invoice issue dates in [2021-10-01, 2022-01-01)
		end     string   // termination date, "" for none
		reason  subscription.Reason
		reasonD date.Date
	}{
		{name: "same-day suspend and restart",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				s = m(s.Suspend(oct15_21, subscription.ByBusiness))
				return m(s.Restart(oct15_21))
			},
			checks: []check{{oct15_21, subscription.Active}, {oct20_21, subscription.Active}},
			issues: []string{"2021-10-01", "2021-11-01", "2021-12-01"}},
		{name: "schedule then cancel suspension",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				s = m(s.ScheduleSuspension(oct10_21, nov01_21, subscription.ByBusiness))
				return m(s.CancelSuspension(oct20_21))
			},
			checks: []check{{oct10_21, subscription.SuspensionScheduled}, {oct15_21, subscription.SuspensionScheduled},
				{oct20_21, subscription.Active}, {nov01_21, subscription.Active}},
			issues: []string{"2021-10-01", "2021-11-01", "2021-12-01"}},
		{name: "scheduled suspension reaches its date",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				return m(s.ScheduleSuspension(oct10_21, nov01_21, subscription.ByBusiness))
			},
			checks: []check{{oct10_21, subscription.SuspensionScheduled}, {d("2021-10-31"), subscription.SuspensionScheduled},
				{nov01_21, subscription.Suspended}, {dec01_21, subscription.Suspended}},
			issues: []string{"2021-10-01"}, reason: subscription.ByBusiness, reasonD: nov01_21},
		{name: "terminate at period end",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				return m(s.TerminateAtPeriodEnd(oct15_21))
			},
			checks: []check{{oct20_21, subscription.Active}, {d("2021-10-31"), subscription.Active},
				{nov01_21, subscription.Terminated}, {dec01_21, subscription.Terminated}},
			issues: []string{"2021-10-01"}, end: "2021-11-01"},
		{name: "cancel termination",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				s = m(s.TerminateAtPeriodEnd(oct15_21))
				return m(s.CancelTermination(oct20_21))
			},
			checks: []check{{nov01_21, subscription.Active}, {dec01_21, subscription.Active}},
			issues: []string{"2021-10-01", "2021-11-01", "2021-12-01"}},
		{name: "restart cancels a scheduled suspension",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				s = m(s.ScheduleSuspension(oct10_21, nov01_21, subscription.ByBusiness))
				return m(s.Restart(oct20_21))
			},
			checks: []check{{oct15_21, subscription.SuspensionScheduled}, {oct20_21, subscription.Active},
				{nov01_21, subscription.Active}},
			issues: []string{"2021-10-01", "2021-11-01", "2021-12-01"}},
		{name: "terminate now",
			cmds: func(m func(subscription.Subscription, error) subscription.Subscription, s subscription.Subscription) subscription.Subscription {
				return m(s.TerminateNow(oct15_21))
			},
			checks: []check{{d("2021-10-14"), subscription.Active}, {oct15_21, subscription.Terminated}},
			issues: []string{"2021-10-01"}, end: "2021-10-15"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.cmds(must(t), base(t))
			for _, c := range tc.checks {
				got := s.StatusOn(c.on).State
				assert.Equal(t, c.state, got, "StateOn(%s) = %s; want %s", c.on, got, c.state)
				assert.Equal(t, c.state.Entitled(), s.Entitled(c.on), "Entitled(%s)", c.on)
			}
			assert.Equal(t, tc.issues, issueDates(invoicesOf(t, s, "2021-10-01", "2022-01-01")), "issue dates")
			end, ok := s.TerminationDate()
			if tc.end == "" {
				assert.False(t, ok, "TerminationDate() = %s; want none", end)
			} else {
				require.True(t, ok)
				assert.Equal(t, tc.end, end.String())
			}
			if tc.reason != 0 {
				assert.Equal(t, tc.reason, s.StatusOn(tc.reasonD).Reason)
			}
		})
	}
}

// ---- errors --------------------------------------------------------------

func TestCommandErrors(t *testing.T) {
	base := func(t *testing.T) subscription.Subscription { return newSub(t, monthly("10.00"), "2021-10-01") }

	t.Run("restart of an active subscription", func(t *testing.T) {
		_, err := base(t).Restart(oct20_21)
		require.ErrorIs(t, err, subscription.ErrNotSuspended)
		assert.Contains(t, err.Error(), "2021-10-20")
	})
	t.Run("cancel suspension with none scheduled", func(t *testing.T) {
		_, err := base(t).CancelSuspension(oct20_21)
		require.ErrorIs(t, err, subscription.ErrNotSuspended)
	})
	t.Run("out of order", func(t *testing.T) {
		s := must(t)(base(t).Suspend(oct20_21, subscription.ByBusiness))
		_, err := s.Restart(oct15_21)
		require.ErrorIs(t, err, subscription.ErrOutOfOrder)
		assert.Contains(t, err.Error(), "2021-10-15")
		assert.Contains(t, err.Error(), "2021-10-20")
	})
	t.Run("before start", func(t *testing.T) {
		_, err := base(t).Suspend(d("2021-09-30"), subscription.ByBusiness)
		require.ErrorIs(t, err, subscription.ErrBeforeStart)
		assert.Contains(t, err.Error(), "2021-09-30")
	})
	t.Run("suspend twice", func(t *testing.T) {
		s := must(t)(base(t).Suspend(oct15_21, subscription.ByBusiness))
		_, err := s.Suspend(oct20_21, subscription.ByBusiness)
		require.ErrorIs(t, err, subscription.ErrInvalidTransition)
		var te *subscription.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, subscription.Suspended, te.State)
		assert.Equal(t, subscription.KindSuspend, te.Command)
	})
	t.Run("event error index", func(t *testing.T) {
		m := must(t)
		s := m(base(t).Suspend(oct15_21, subscription.ByBusiness))
		s = m(s.Restart(oct20_21))
		_, err := s.Restart(nov01_21)
		var ee *subscription.EventError
		require.ErrorAs(t, err, &ee)
		assert.Equal(t, 2, ee.Index)
		assert.Equal(t, subscription.KindRestart, ee.Event.Kind)
		assert.Equal(t, nov01_21, ee.Event.Date)
		assert.ErrorIs(t, err, subscription.ErrNotSuspended)

		events := slices.Collect(s.Events())
		events = append(events[:1], subscription.Event{Kind: subscription.KindRestart, Date: oct10_21}, events[1])
		_, err = subscription.Replay(s.Terms(), slices.Values(events))
		require.ErrorAs(t, err, &ee)
		assert.Equal(t, 1, ee.Index, "Replay names the first bad event")
		assert.ErrorIs(t, err, subscription.ErrOutOfOrder)
	})
	t.Run("transition error carries the dates", func(t *testing.T) {
		s := must(t)(base(t).TerminateNow(oct15_21))
		_, err := s.Restart(oct20_21)
		require.ErrorIs(t, err, subscription.ErrTerminated)
		var te *subscription.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, subscription.Terminated, te.State)
		// STYLE.md point 7: "subscription: restart on 2021-10-20: terminated on 2021-10-15".
		assert.Contains(t, err.Error(), "2021-10-20", "the command's date")
		assert.Contains(t, err.Error(), "2021-10-15", "the termination date")
	})
}

func TestTerminatedRefusesEveryCommand(t *testing.T) {
	p := monthly("10.00")
	p.Retry = retry.Policy{Attempts: 3}
	p.Periods = 12
	s := must(t)(newSub(t, p, "2021-10-01").TerminateNow(oct15_21))
	on := oct20_21
	flex := pause.Flexible{Days: pp("2021-11-10", "2021-11-20"), Reason: "injury"}
	whole := pause.WholePeriod{Periods: []period.Period{pp("2021-12-01", "2022-01-01")}, Reason: "travel"}
	cmds := []struct {
		name string
		run  func(subscription.Subscription) (subscription.Subscription, error)
	}{
		{"KindSuspend", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(on, subscription.ByBusiness)
		}},
		{"KindScheduleSuspension", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, dec01_21, subscription.ByBusiness)
		}},
		{"KindCancelSuspension", func(s subscription.Subscription) (subscription.Subscription, error) { return s.CancelSuspension(on) }},
		{"KindRestart", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(on) }},
		{"TerminateNow", func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateNow(on) }},
		{"TerminateAtPeriodEnd", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateAtPeriodEnd(on)
		}},
		{"TerminateOn", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(on, dec01_21)
		}},
		{"KindCancelTermination", func(s subscription.Subscription) (subscription.Subscription, error) { return s.CancelTermination(on) }},
		{"ChangePlanAtRenewal", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanAtRenewal(on, monthly("15.00"))
		}},
		{"KindAddFlexiblePause", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddFlexiblePause(on, flex)
		}},
		{"KindAddWholePeriodPause", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddWholePeriodPause(on, whole)
		}},
		{"KindDeletePause", func(s subscription.Subscription) (subscription.Subscription, error) { return s.DeletePause(on, 0) }},
		{"RecordPaymentFailure", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPaymentFailure(on, on)
		}},
		{"RecordPayment", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPayment(on, oct01_21)
		}},
		{"InvalidatePaymentMethod", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.InvalidatePaymentMethod(on)
		}},
		{"UpdatePaymentMethod", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.UpdatePaymentMethod(on)
		}},
	}
	before := timelineOf(t, s, "2021-09-01", "2022-12-01", on)
	for _, c := range cmds {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.run(s)
			require.ErrorIs(t, err, subscription.ErrTerminated, "%s after termination", c.name)
			var ee *subscription.EventError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, 1, ee.Index)
			assert.Contains(t, err.Error(), "2021-10-20")
			assert.Equal(t, jsonOf(t, slices.Collect(s.Events())), jsonOf(t, slices.Collect(got.Events())), "log unchanged")
			requireSameTimeline(t, before, timelineOf(t, got, "2021-09-01", "2022-12-01", on))
		})
	}
}

// ---- pauses --------------------------------------------------------------

// gym12 is the W-*/F-* base: monthly from 2025-01-15, 12 periods.
func gym12(t *testing.T, price string) subscription.Subscription {
	p := monthly(price)
	p.Periods = 12
	return newSub(t, p, "2025-01-15")
}

func TestPauseRules(t *testing.T) {
	flex := func(from, to, reason string) pause.Flexible {
		return pause.Flexible{Days: pp(from, to), Reason: reason}
	}
	whole := func(from, to, reason string) pause.WholePeriod {
		return pause.WholePeriod{Periods: []period.Period{pp(from, to)}, Reason: reason}
	}
	errTests := []struct {
		name string
		run  func(t *testing.T) error
		want error
	}{
		{"overlapping flexible pauses", func(t *testing.T) error {
			s := must(t)(gym12(t, "30.00").AddFlexiblePause(mar01_25, flex("2025-03-10", "2025-03-20", "injury")))
			_, err := s.AddFlexiblePause(mar01_25, flex("2025-03-19", "2025-03-25", "travel"))
			return err
		}, subscription.ErrOverlap},
		{"whole pause overlapping a flexible one", func(t *testing.T) error {
			s := must(t)(gym12(t, "30.00").AddFlexiblePause(mar01_25, flex("2025-04-10", "2025-04-20", "injury")))
			_, err := s.AddWholePeriodPause(mar01_25, whole("2025-04-15", "2025-05-15", "travel"))
			return err
		}, subscription.ErrOverlap},
		{"whole-period range that is not a billing period", func(t *testing.T) error {
			_, err := gym12(t, "30.00").AddWholePeriodPause(mar01_25, whole("2025-04-01", "2025-05-01", "travel"))
			return err
		}, subscription.ErrNotBillingPeriod},
		{"whole-period range of two periods", func(t *testing.T) error {
			_, err := gym12(t, "30.00").AddWholePeriodPause(mar01_25, whole("2025-04-15", "2025-06-15", "travel"))
			return err
		}, subscription.ErrNotBillingPeriod},
		{"flexible without reason", func(t *testing.T) error {
			_, err := gym12(t, "30.00").AddFlexiblePause(mar01_25, flex("2025-03-10", "2025-03-20", ""))
			return err
		}, pause.ErrReasonRequired},
		{"whole without reason", func(t *testing.T) error {
			_, err := gym12(t, "30.00").AddWholePeriodPause(mar01_25, whole("2025-04-15", "2025-05-15", ""))
			return err
		}, pause.ErrReasonRequired},
		{"extension of an open-ended plan", func(t *testing.T) error {
			f := flex("2025-03-10", "2025-03-20", "injury")
			f.Extension = pause.Extension{Periods: 1}
			_, err := newSub(t, monthly("30.00"), "2025-01-15").AddFlexiblePause(mar01_25, f)
			return err
		}, subscription.ErrNoEnd},
		{"delete an unknown pause", func(t *testing.T) error {
			_, err := gym12(t, "30.00").DeletePause(mar01_25, 7)
			return err
		}, subscription.ErrPauseNotFound},
	}
	for _, tc := range errTests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run(t)
			require.ErrorIs(t, err, tc.want)
			var ee *subscription.EventError
			assert.ErrorAs(t, err, &ee)
		})
	}

	t.Run("delete restores the exact timeline", func(t *testing.T) {
		for _, kind := range []string{"flexible", "whole", "whole skip-only", "flexible with extension"} {
			t.Run(kind, func(t *testing.T) {
				s := gym12(t, "30.00")
				var err error
				var with subscription.Subscription
				switch kind {
				case "flexible":
					with, err = s.AddFlexiblePause(mar01_25, flex("2025-03-10", "2025-04-21", "injury"))
				case "flexible with extension":
					f := flex("2025-03-10", "2025-04-21", "injury")
					f.Extension = pause.Extension{Periods: 2}
					f.Overrides = []pause.InvoiceOverride{{Period: pp("2025-03-15", "2025-04-15"), Mode: pause.FixedAmount, Amount: ptr(eur("0.00"))}}
					with, err = s.AddFlexiblePause(mar01_25, f)
				case "whole":
					with, err = s.AddWholePeriodPause(mar01_25, whole("2025-04-15", "2025-05-15", "travel"))
				case "whole skip-only":
					w := whole("2025-04-15", "2025-05-15", "travel")
					w.SkipOnly = true
					with, err = s.AddWholePeriodPause(mar01_25, w)
				}
				require.NoError(t, err)
				want := timelineOf(t, s, "2025-01-01", "2027-01-01", d("2025-03-02"))
				changed := timelineOf(t, with, "2025-01-01", "2027-01-01", d("2025-03-02"))
				require.NotEqual(t, jsonOf(t, want.Segments), jsonOf(t, changed.Segments), "the pause changes the timeline")
				without := must(t)(with.DeletePause(d("2025-03-02"), 0))
				got := timelineOf(t, without, "2025-01-01", "2027-01-01", d("2025-03-02"))
				got.Events = want.Events // the log differs by the add and the delete
				requireSameTimeline(t, want, got)
				assert.Empty(t, slices.Collect(without.Pauses("")))
				assert.Empty(t, slices.Collect(without.PausedRanges()))
			})
		}
	})
	t.Run("delete after its period was invoiced", func(t *testing.T) {
		s := must(t)(gym12(t, "30.00").AddWholePeriodPause(mar01_25, whole("2025-04-15", "2025-05-15", "travel")))
		_, err := s.DeletePause(d("2025-04-20"), 0)
		require.ErrorIs(t, err, subscription.ErrPeriodInvoiced)
		_, err = s.DeletePause(d("2025-04-14"), 0)
		require.NoError(t, err, "before the period's issue date")
	})
	t.Run("delete a flexible pause whose override was invoiced", func(t *testing.T) {
		f := flex("2025-03-20", "2025-04-21", "injury")
		f.Overrides = []pause.InvoiceOverride{{Period: pp("2025-03-15", "2025-04-15"), Mode: pause.FixedAmount, Amount: ptr(eur("0.00"))}}
		s := must(t)(gym12(t, "30.00").AddFlexiblePause(mar01_25, f))
		_, err := s.DeletePause(d("2025-03-16"), 0)
		require.ErrorIs(t, err, subscription.ErrPeriodInvoiced)
	})
	t.Run("delete would orphan a later pause", func(t *testing.T) {
		f := flex("2025-03-10", "2025-04-21", "injury")
		f.Extension = pause.Extension{Periods: 2}
		m := must(t)
		s := m(gym12(t, "30.00").AddFlexiblePause(mar01_25, f))
		end, _ := s.TerminationDate()
		require.Equal(t, "2026-03-15", end.String())
		// The second added period, [2026-02-15, 2026-03-15), is paused.
		s = m(s.AddWholePeriodPause(mar01_25, whole("2026-02-15", "2026-03-15", "travel")))
		_, err := s.DeletePause(d("2025-03-02"), 0)
		require.ErrorIs(t, err, subscription.ErrOrphanPause)
		// Deleting the later one first works.
		s = m(s.DeletePause(d("2025-03-02"), 1))
		s = m(s.DeletePause(d("2025-03-02"), 0))
		end, _ = s.TerminationDate()
		assert.Equal(t, "2026-01-15", end.String())
	})
	t.Run("list and filter by reason", func(t *testing.T) {
		m := must(t)
		s := gym12(t, "30.00")
		s = m(s.AddFlexiblePause(mar01_25, flex("2025-03-10", "2025-03-20", "injury")))
		s = m(s.AddWholePeriodPause(mar01_25, whole("2025-05-15", "2025-06-15", "travel")))
		s = m(s.AddFlexiblePause(mar01_25, flex("2025-07-01", "2025-07-05", "injury")))
		s = m(s.DeletePause(d("2025-03-02"), 2))
		s = m(s.AddFlexiblePause(d("2025-03-02"), flex("2025-08-01", "2025-08-05", "injury")))
		all := slices.Collect(s.Pauses(""))
		require.Len(t, all, 3)
		assert.Equal(t, []int{0, 1, 4}, []int{all[0].ID, all[1].ID, all[2].ID})
		inj := slices.Collect(s.Pauses("injury"))
		require.Len(t, inj, 2)
		assert.Equal(t, 0, inj[0].ID)
		assert.Equal(t, 4, inj[1].ID)
		assert.NotNil(t, inj[0].Flexible)
		tr := slices.Collect(s.Pauses("travel"))
		require.Len(t, tr, 1)
		require.NotNil(t, tr[0].WholePeriod)
		assert.Equal(t, mar01_25, tr[0].On)
		assert.Empty(t, slices.Collect(s.Pauses("holiday")))
	})
	t.Run("paused ranges and bookings", func(t *testing.T) {
		m := must(t)
		s := gym12(t, "30.00")
		s = m(s.AddFlexiblePause(mar01_25, flex("2025-03-10", "2025-03-20", "injury")))
		s = m(s.AddWholePeriodPause(mar01_25, whole("2025-05-15", "2025-06-15", "travel")))
		ranges := slices.Collect(s.PausedRanges())
		assert.ElementsMatch(t, []period.Period{pp("2025-03-10", "2025-03-20"), pp("2025-05-15", "2025-06-15")}, ranges)
		bookings := []pause.Booking{
			{On: d("2025-03-09"), ID: "before"}, {On: d("2025-03-10"), ID: "first"}, {On: d("2025-03-19"), ID: "last"},
			{On: d("2025-03-20"), ID: "after"}, {On: d("2025-06-14"), ID: "whole"}, {On: d("2025-06-15"), ID: "back"},
		}
		hit, err := pause.Hit(bookings, ranges, pause.Delete)
		require.NoError(t, err)
		var ids []string
		for h := range hit {
			ids = append(ids, h.Booking.ID)
			assert.False(t, s.Entitled(h.Booking.On), "entitled on paused day %s", h.Booking.On)
		}
		assert.Equal(t, []string{"first", "last", "whole"}, ids)
	})
}

func TestPauseOverrides(t *testing.T) {
	feb := pp("2025-02-15", "2025-03-15")
	mar := pp("2025-03-15", "2025-04-15")
	days := pp("2025-03-10", "2025-04-21")
	tests := []struct {
		name      string
		overrides []pause.InvoiceOverride
		want      map[period.Period]string
	}{
		{"none", nil, map[period.Period]string{feb: "30.00", mar: "30.00"}},
		{"fixed amount 0", []pause.InvoiceOverride{{Period: mar, Mode: pause.FixedAmount, Amount: ptr(eur("0.00"))}},
			map[period.Period]string{feb: "30.00", mar: "0.00"}},
		{"prorated 5 of 28", []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated}},
			map[period.Period]string{feb: "24.64", mar: "30.00"}},
		{"both", []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated}, {Period: mar, Mode: pause.FixedAmount, Amount: ptr(eur("0.00"))}},
			map[period.Period]string{feb: "24.64", mar: "0.00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := must(t)(gym12(t, "30.00").AddFlexiblePause(d("2025-02-01"),
				pause.Flexible{Days: days, Reason: "injury", Overrides: tc.overrides}))
			for _, inv := range invoicesOf(t, s, "2025-01-15", "2026-01-15") {
				want, ok := tc.want[inv.Period]
				if !ok {
					want = "30.00"
				}
				assertMoney(t, want, inv.Total)
			}
		})
	}
	t.Run("override of an issued invoice", func(t *testing.T) {
		_, err := gym12(t, "30.00").AddFlexiblePause(mar01_25, pause.Flexible{Days: days, Reason: "injury",
			Overrides: []pause.InvoiceOverride{{Period: feb, Mode: pause.Prorated}}})
		require.ErrorIs(t, err, subscription.ErrPeriodInvoiced)
	})
	t.Run("override of a period not touched", func(t *testing.T) {
		_, err := gym12(t, "30.00").AddFlexiblePause(mar01_25, pause.Flexible{Days: pp("2025-03-20", "2025-03-25"), Reason: "injury",
			Overrides: []pause.InvoiceOverride{{Period: pp("2025-03-16", "2025-04-16"), Mode: pause.FixedAmount, Amount: ptr(eur("0.00"))}}})
		require.ErrorIs(t, err, subscription.ErrNotBillingPeriod)
	})
}

// ---- payments ------------------------------------------------------------

// payer24 is the Y-* base: monthly from 2024-03-01 at 10.00 with pol.
func payer24(t *testing.T, pol retry.Policy) subscription.Subscription {
	p := monthly("10.00")
	p.Retry = pol
	return newSub(t, p, "2024-03-01")
}

func attemptDays(rp subscription.RetryPeriod, state retry.AttemptState) []string {
	var out []string
	for _, a := range rp.Attempts {
		if a.State == state {
			out = append(out, a.On.String())
		}
	}
	return out
}

func TestPayments(t *testing.T) {
	t.Run("custom offsets", func(t *testing.T) {
		m := must(t)
		s := m(payer24(t, retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}).RecordPaymentFailure(apr01_24, apr01_24))
		rp := slices.Collect(s.RetryPeriods())
		require.Len(t, rp, 1)
		assert.Equal(t, []string{"2024-04-02", "2024-04-04", "2024-04-06", "2024-04-08"}, attemptDays(rp[0], retry.Planned))
		assert.Equal(t, subscription.PastDue, s.StatusOn(d("2024-04-03")).State)
		_, err := s.RecordPaymentFailure(d("2024-04-03"), apr01_24)
		require.ErrorIs(t, err, retry.ErrNotAttemptDay, "no attempt planned on D+2")
		for _, a := range []string{"2024-04-02", "2024-04-04", "2024-04-06", "2024-04-08"} {
			s = m(s.RecordPaymentFailure(d(a), apr01_24))
		}
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, "2024-04-08", end.String())
		assert.True(t, s.Entitled(d("2024-04-07")))
		assert.False(t, s.Entitled(d("2024-04-08")))
		assertNoAttemptAfter(t, s, end)
	})
	t.Run("suspend on exhaustion then restart after the period", func(t *testing.T) {
		m := must(t)
		s := m(payer24(t, retry.Policy{Attempts: 3, OnExhausted: retry.Suspend}).RecordPaymentFailure(apr01_24, apr01_24))
		for _, a := range []string{"2024-04-02", "2024-04-03", "2024-04-04"} {
			s = m(s.RecordPaymentFailure(d(a), apr01_24))
		}
		st := s.StatusOn(d("2024-04-04"))
		assert.Equal(t, subscription.Suspended, st.State)
		assert.Equal(t, subscription.PaymentDue, st.Reason)
		_, ok := s.TerminationDate()
		assert.False(t, ok)
		s = m(s.Restart(d("2024-05-10")))
		invs := invoicesOf(t, s, "2024-04-02", "2024-06-10")
		var renewals []invoice.Invoice
		for _, inv := range invs {
			if inv.IssueDate >= d("2024-04-02") {
				renewals = append(renewals, inv)
			}
		}
		require.Len(t, renewals, 1, "issue dates %v", issueDates(invs))
		assert.Equal(t, "2024-05-10", renewals[0].IssueDate.String())
		assert.Equal(t, pp("2024-05-10", "2024-06-10"), renewals[0].Period)
		assert.False(t, s.Entitled(d("2024-05-01")))
		assert.True(t, s.Entitled(d("2024-05-10")))
		next, _ := s.NextRenewal(d("2024-05-10"))
		assert.Equal(t, "2024-06-10", next.String())
	})
	t.Run("restart on payment", func(t *testing.T) {
		m := must(t)
		s := m(payer24(t, retry.Policy{Attempts: 5, LatePayment: retry.RestartOnPayment}).RecordPaymentFailure(apr01_24, apr01_24))
		s = m(s.RecordPaymentFailure(d("2024-04-02"), apr01_24))
		s = m(s.RecordPayment(d("2024-04-03"), apr01_24))
		// The period due on 04-01 ends on the payment day. Issue 10,
		// defect 3 (this test used to pin it): the failed invoice of
		// [04-01, 05-01) no longer pays for the renewed period [04-03,
		// 05-03). A credit note gives it back whole on 04-03, and the
		// renewed period has its own invoice, which the payment pays.
		assert.Equal(t, []string{"2024-03-01", "2024-04-01", "2024-04-03", "2024-05-03", "2024-06-03"}, periodStarts(s, "2024-03-01", "2024-07-01"))
		invs := invoicesOf(t, s, "2024-03-01", "2024-07-01")
		assert.Equal(t, []string{"2024-03-01", "2024-04-01", "2024-04-03", "2024-04-03", "2024-05-03", "2024-06-03"}, issueDates(invs))
		credit := invs[2]
		require.Equal(t, invoice.KindCreditNote, credit.Kind)
		assert.Equal(t, invs[1].Ref(), *credit.Credits)
		assertMoney(t, "-10.00", credit.Total)
		assert.Equal(t, invoice.LineRenewal, invs[3].Lines[0].Kind)
		assert.Equal(t, pp("2024-04-03", "2024-05-03"), invs[3].Period)
		var numbers []int
		for bp := range s.Periods(pp("2024-03-01", "2024-07-01")) {
			numbers = append(numbers, bp.Number)
		}
		assert.Equal(t, []int{0, 1, 2, 3, 4}, numbers, "no number twice")
		next, _ := s.NextRenewal(d("2024-04-03"))
		assert.Equal(t, "2024-05-03", next.String())
		for day := d("2024-03-01"); day < d("2024-07-01"); day++ {
			assert.True(t, s.Entitled(day), "not entitled on %s", day)
		}
	})
	t.Run("month-end anchor kept across a late payment", func(t *testing.T) {
		m := must(t)
		p := monthly("10.00")
		p.Retry = retry.Policy{Attempts: 5}
		s := newSub(t, p, "2024-01-31")
		s = m(s.RecordPaymentFailure(feb29_24, feb29_24))
		s = m(s.RecordPaymentFailure(d("2024-03-01"), feb29_24))
		s = m(s.RecordPayment(mar02_24, feb29_24))
		assert.Equal(t, []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"},
			periodStarts(s, "2024-01-31", "2024-06-01"))
		next, _ := s.NextRenewal(mar02_24)
		assert.Equal(t, mar31_24, next)
	})
	t.Run("failure on the last period of a fixed term", func(t *testing.T) {
		m := must(t)
		p := monthly("10.00")
		p.Retry = retry.Policy{Attempts: 5}
		p.Periods = 3
		s := newSub(t, p, "2024-01-01") // term ends 2024-04-01
		s = m(s.RecordPaymentFailure(mar01_24, mar01_24))
		for day := d("2024-03-02"); day <= d("2024-03-06"); day++ {
			s = m(s.RecordPaymentFailure(day, mar01_24))
		}
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, "2024-03-06", end.String())
		assert.LessOrEqual(t, int64(end), int64(apr01_24), "exhaustion ends no later than the term")
		assertNoAttemptAfter(t, s, end)
	})
	t.Run("failure on the last period, term ends first", func(t *testing.T) {
		m := must(t)
		p := subscription.Plan{Every: period.Weekly, Price: invoice.Price{Recurring: eur("10.00")}, Periods: 2,
			Retry: retry.Policy{Attempts: 6}}
		s := newSub(t, p, "2024-01-01") // term ends 2024-01-15
		s = m(s.TerminateOn(d("2024-01-02"), d("2024-01-10")))
		s = m(s.RecordPaymentFailure(d("2024-01-08"), d("2024-01-08")))
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, "2024-01-10", end.String())
		// DESIGN rule 13: no attempt is planned after the subscription ends.
		for rp := range s.RetryPeriods() {
			assert.Equal(t, []string{"2024-01-09"}, attemptDays(rp, retry.Planned), "planned attempts with the end on %s", end)
			if rp.Next != nil {
				assert.Less(t, int64(*rp.Next), int64(end), "next attempt %s after the end %s", *rp.Next, end)
			}
		}
	})
	invalid := func(t *testing.T, update bool) subscription.Subscription {
		m := must(t)
		p := monthly("10.00")
		p.Suspension = retry.Suspension{InvalidPaymentMethod: true}
		s := newSub(t, p, "2021-10-01")
		s = m(s.InvalidatePaymentMethod(oct10_21))
		if update {
			s = m(s.UpdatePaymentMethod(oct20_21))
		}
		return s
	}
	t.Run("invalid payment method suspends at the next renewal", func(t *testing.T) {
		s := invalid(t, false)
		assert.Equal(t, subscription.Active, s.StatusOn(d("2021-10-31")).State)
		st := s.StatusOn(nov01_21)
		assert.Equal(t, subscription.Suspended, st.State)
		assert.Equal(t, subscription.PaymentMethodInvalid, st.Reason)
		assert.Equal(t, []string{"2021-10-01"}, issueDates(invoicesOf(t, s, "2021-10-01", "2022-01-01")))
	})
	t.Run("updated payment method before the renewal", func(t *testing.T) {
		s := invalid(t, true)
		assert.Equal(t, subscription.Active, s.StatusOn(nov01_21).State)
		assert.Equal(t, []string{"2021-10-01", "2021-11-01", "2021-12-01"}, issueDates(invoicesOf(t, s, "2021-10-01", "2022-01-01")))
	})
	t.Run("payment errors", func(t *testing.T) {
		s := payer24(t, retry.Policy{Attempts: 3})
		_, err := s.RecordPaymentFailure(d("2024-04-02"), d("2024-04-02"))
		require.ErrorIs(t, err, subscription.ErrNotDue, "no invoice issued on 2024-04-02")
		_, err = s.RecordPayment(d("2024-04-02"), apr01_24)
		require.ErrorIs(t, err, subscription.ErrNotDue, "no failed charge")
		_, err = s.RecordPaymentFailure(d("2024-04-02"), apr01_24)
		require.ErrorIs(t, err, subscription.ErrNotDue, "no retry period open")
	})
}

// ---- JSON ----------------------------------------------------------------

// everyKind returns a subscription whose log holds every kind of event.
func everyKind(t *testing.T) subscription.Subscription {
	t.Helper()
	m := must(t)
	p := monthly("30.00")
	p.Periods = 12
	p.Retry = retry.Policy{Attempts: 3}
	p.Suspension = retry.Suspension{InvalidPaymentMethod: true}
	a := d("2025-01-15")
	s, err := subscription.New(subscription.Terms{Plan: p, Start: jan15_25, Anchor: &a, Buyer: "acme", Beneficiary: "bob"})
	require.NoError(t, err)
	zero := eur("0.00")
	s = m(s.AddFlexiblePause(d("2025-01-20"), pause.Flexible{Days: pp("2025-03-10", "2025-04-21"), Reason: "injury",
		Overrides: []pause.InvoiceOverride{{Period: pp("2025-03-15", "2025-04-15"), Mode: pause.FixedAmount, Amount: ptr(zero)},
			{Period: pp("2025-04-15", "2025-05-15"), Mode: pause.Prorated}},
		Extension: pause.Extension{Periods: 1, Amount: &zero}})) // 0
	s = m(s.AddWholePeriodPause(d("2025-01-20"), pause.WholePeriod{Periods: []period.Period{pp("2025-06-15", "2025-07-15")}, Reason: "travel"}))                 // 1
	s = m(s.AddWholePeriodPause(d("2025-01-21"), pause.WholePeriod{Periods: []period.Period{pp("2025-08-15", "2025-09-15")}, Reason: "travel", SkipOnly: true})) // 2
	s = m(s.DeletePause(d("2025-01-22"), 2))                                                                                                                     // 3
	s = m(s.RecordPaymentFailure(d("2025-02-15"), d("2025-02-15")))                                                                                              // 4
	s = m(s.RecordPaymentFailure(d("2025-02-16"), d("2025-02-15")))                                                                                              // 5
	s = m(s.RecordPayment(d("2025-02-17"), d("2025-02-15")))                                                                                                     // 6
	s = m(s.InvalidatePaymentMethod(d("2025-02-20")))                                                                                                            // 7
	s = m(s.UpdatePaymentMethod(d("2025-02-25")))                                                                                                                // 8
	s = m(s.ScheduleSuspension(d("2025-05-01"), d("2025-05-15"), subscription.ByBusiness))                                                                       // 9
	s = m(s.CancelSuspension(d("2025-05-02")))                                                                                                                   // 10
	s = m(s.Suspend(d("2025-05-03"), subscription.ByBusiness))                                                                                                   // 11
	s = m(s.Restart(d("2025-05-10")))                                                                                                                            // 12
	s = m(s.ChangePlanAtRenewal(d("2025-05-11"), func() subscription.Plan { q := p; q.Price = invoice.Price{Recurring: eur("35.00")}; return q }()))             // 13
	s = m(s.TerminateOn(d("2025-05-20"), d("2025-10-15")))                                                                                                       // 14
	s = m(s.CancelTermination(d("2025-05-21")))                                                                                                                  // 15
	kinds := map[subscription.Kind]bool{}
	for e := range s.Events() {
		kinds[e.Kind] = true
	}
	require.Len(t, kinds, 14, "every event kind")
	return s
}

func TestJSONRoundTrip(t *testing.T) {
	t.Run("subscription with every event kind", func(t *testing.T) {
		s := everyKind(t)
		b, err := json.Marshal(s)
		require.NoError(t, err)
		var got subscription.Subscription
		require.NoError(t, json.Unmarshal(b, &got), "%s", b)
		assert.Equal(t, jsonOf(t, slices.Collect(s.Events())), jsonOf(t, slices.Collect(got.Events())))
		require.Len(t, slices.Collect(got.Events()), len(slices.Collect(s.Events())))
		gotEvents := slices.Collect(got.Events())
		for i, e := range slices.Collect(s.Events()) {
			assert.Equal(t, e.Kind, gotEvents[i].Kind)
			assert.Equal(t, e.Date, gotEvents[i].Date)
		}
		assert.Equal(t, s.Terms().Buyer, got.Terms().Buyer)
		assert.Equal(t, s.Anchor(), got.Anchor())
		for _, asOf := range []date.Date{jan15_25, d("2025-06-01"), d("2026-06-01")} {
			requireSameTimeline(t, timelineOf(t, s, "2025-01-01", "2027-01-01", asOf),
				timelineOf(t, got, "2025-01-01", "2027-01-01", asOf), "as of "+asOf.String())
		}
		b2, err := json.Marshal(got)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
	})
	t.Run("timeline", func(t *testing.T) {
		for _, asOf := range []date.Date{jan15_25, d("2025-06-01")} {
			tl := timelineOf(t, everyKind(t), "2025-01-01", "2027-01-01", asOf)
			b, err := json.Marshal(tl)
			require.NoError(t, err)
			var got subscription.Timeline
			require.NoError(t, json.Unmarshal(b, &got), "%s", b)
			requireSameTimeline(t, tl, got)
		}
	})
	t.Run("refuses a bad event", func(t *testing.T) {
		b, err := json.Marshal(must(t)(newSub(t, monthly("10.00"), "2021-10-01").Suspend(oct15_21, subscription.ByBusiness)))
		require.NoError(t, err)
		var s subscription.Subscription
		bad := []byte(string(b[:len(b)-2]) + `,{"kind":"suspend","date":"2021-10-20","reason":"by_business"}]}`)
		err = json.Unmarshal(bad, &s)
		var ee *subscription.EventError
		require.ErrorAs(t, err, &ee, "%s", bad)
		assert.Equal(t, 1, ee.Index)
	})
}

var _ = errors.Is

// TestPlanChangeKeepsExtension: a plan change decided during an extension
// period must not drop it (/tmp/bugs/plan-change-drops-extension.md).
func TestPlanChangeKeepsExtension(t *testing.T) {
	m := must(t)
	s := newSub(t, monthly("30.00"), "2024-01-31")
	s = m(s.TerminateAtPeriodEnd(d("2024-02-01")))
	s = m(s.ChangePlanAtRenewal(d("2024-02-13"), monthly("45.00")))
	s = m(s.AddFlexiblePause(d("2024-02-22"), pause.Flexible{Days: pp("2024-02-21", "2024-02-22"), Reason: "injury",
		Extension: pause.Extension{Periods: 2}}))
	end, _ := s.TerminationDate()
	require.Equal(t, "2024-04-30", end.String())
	before := invoicesOf(t, s, "2024-01-01", "2025-01-01")
	s = m(s.ChangePlanAtRenewal(d("2024-03-01"), monthly("45.00")))
	end, _ = s.TerminationDate()
	assert.Equal(t, "2024-04-30", end.String(), "TerminationDate() after the plan change")
	after := invoicesOf(t, s, "2024-01-01", "2025-01-01")
	assert.Equal(t, issueDates(before), issueDates(after))
	assert.NotEqual(t, subscription.Terminated, s.StatusOn(d("2024-03-01")).State)
}
