package subscription_test

import (
	"slices"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnpaidInvoicesRule checks ProAbono's automatic suspension for too many
// unpaid invoices: with retries that leave the invoice unpaid, the second
// unpaid invoice suspends the subscription for payment due, and paying one
// later does not restart it (a restart is explicit).
func TestUnpaidInvoicesRule(t *testing.T) {
	m := must(t)
	p := monthly("10.00")
	p.Retry = retry.Policy{Attempts: 1, OnExhausted: retry.LeaveUnpaid}
	p.Suspension = retry.Suspension{UnpaidInvoices: 2}
	s := newSub(t, p, "2024-03-01")
	s = m(s.RecordPaymentFailure(d("2024-04-01"), d("2024-04-01")))
	s = m(s.RecordPaymentFailure(d("2024-04-02"), d("2024-04-01")))
	assert.Equal(t, subscription.Active, s.StatusOn(d("2024-04-02")).State, "one unpaid invoice: still running")
	s = m(s.RecordPaymentFailure(d("2024-05-01"), d("2024-05-01")))
	assert.Equal(t, subscription.PastDue, s.StatusOn(d("2024-05-01")).State)
	s = m(s.RecordPaymentFailure(d("2024-05-02"), d("2024-05-01")))
	st := s.StatusOn(d("2024-05-02"))
	assert.Equal(t, subscription.Status{State: subscription.Suspended, Reason: subscription.PaymentDue}, st)
	assert.True(t, s.Entitled(d("2024-05-01")))
	assert.False(t, s.Entitled(d("2024-05-02")))

	rp := slices.Collect(s.RetryPeriods())
	require.Len(t, rp, 2)
	assert.True(t, rp[0].Unpaid && rp[1].Unpaid)

	s = m(s.RecordPayment(d("2024-05-10"), d("2024-04-01")))
	assert.False(t, slices.Collect(s.RetryPeriods())[0].Unpaid, "paid later")
	assert.Equal(t, subscription.Suspended, s.StatusOn(d("2024-05-10")).State)

	_, err := s.RecordPayment(d("2024-05-11"), d("2024-03-01"))
	require.ErrorIs(t, err, subscription.ErrNotDue)
}

// TestInvalidPaymentMethodRule checks the automatic suspension at the next
// renewal while the payment method is invalid, with no renewal invoice.
func TestInvalidPaymentMethodRule(t *testing.T) {
	m := must(t)
	p := monthly("10.00")
	p.Suspension = retry.Suspension{InvalidPaymentMethod: true}
	s := m(newSub(t, p, "2024-03-01").InvalidatePaymentMethod(d("2024-03-10")))
	assert.Equal(t, subscription.Active, s.StatusOn(d("2024-03-31")).State)
	assert.Equal(t, subscription.Status{State: subscription.Suspended, Reason: subscription.PaymentMethodInvalid}, s.StatusOn(d("2024-04-01")))
	invs := invoicesOf(t, s, "2024-03-01", "2024-06-01")
	assert.Equal(t, []string{"2024-03-01"}, issueDates(invs))

	fixed := m(s.UpdatePaymentMethod(d("2024-03-20")))
	assert.Equal(t, subscription.Active, fixed.StatusOn(d("2024-04-01")).State)

	// Restarted after the period ended: one renewal on the restart date.
	s = m(s.UpdatePaymentMethod(d("2024-04-05")))
	s = m(s.Restart(d("2024-04-05")))
	invs = invoicesOf(t, s, "2024-03-01", "2024-05-05")
	assert.Equal(t, []string{"2024-03-01", "2024-04-05"}, issueDates(invs))
}

// TestPausePolicy checks that the plan's pause policy limits the pause
// commands with a typed error naming the limit, and that its freeze fee is
// billed once, as its own line, on the first invoice issued after the
// pause was decided — and leaves with the pause when it is deleted.
func TestPausePolicy(t *testing.T) {
	m := must(t)
	fee := eur("5.00")
	p := monthly("30.00")
	p.Periods = 12
	p.Pauses = pause.Policy{MaxDays: 31, NoticeDays: 7, Fee: &pause.Fee{Flat: &fee}}
	s := newSub(t, p, "2025-01-15")

	_, err := s.AddFlexiblePause(d("2025-03-01"), pause.Flexible{Days: pp("2025-03-10", "2025-04-21"), Reason: "injury"})
	require.ErrorIs(t, err, pause.ErrPolicy)
	assert.Contains(t, err.Error(), pause.LimitMaxDays)
	_, err = s.AddFlexiblePause(d("2025-03-08"), pause.Flexible{Days: pp("2025-03-10", "2025-03-20"), Reason: "injury"})
	require.ErrorIs(t, err, pause.ErrPolicy)
	assert.Contains(t, err.Error(), pause.LimitNoticeDays)

	s = m(s.AddFlexiblePause(d("2025-03-01"), pause.Flexible{Days: pp("2025-03-10", "2025-03-20"), Reason: "injury"}))
	invs := invoicesOf(t, s, "2025-01-15", "2026-01-15")
	require.Len(t, invs, 12)
	assertMoney(t, "35.00", invs[2].Total) // 2025-03-15, the first issued after 03-01
	assert.Equal(t, invoice.LineFee, invs[2].Lines[len(invs[2].Lines)-1].Kind)
	assertMoney(t, "365.00", total(t, invs))

	id := slices.Collect(s.Pauses("injury"))[0].ID
	_, err = s.DeletePause(d("2025-03-16"), id)
	require.ErrorIs(t, err, subscription.ErrPeriodInvoiced, "the fee is on an issued invoice")
	restored := m(s.DeletePause(d("2025-03-05"), id))
	assertMoney(t, "360.00", total(t, invoicesOf(t, restored, "2025-01-15", "2026-01-15")))
}

// TestRestartOnTheRenewalDayKeepsTheAnchor checks that a subscription
// suspended on a renewal day and restarted on a later renewal day of the
// same schedule goes on with its month-end anchor, while a restart on any
// other day re-anchors on the restart date (rule 8).
func TestRestartOnTheRenewalDayKeepsTheAnchor(t *testing.T) {
	m := must(t)
	s := newSub(t, monthly("10.00"), "2024-01-31")
	s = m(s.Suspend(d("2024-02-29"), subscription.ByBusiness))
	onBoundary := m(s.Restart(d("2024-03-31")))
	var starts []string
	for bp := range onBoundary.Periods(pp("2024-03-01", "2024-07-01")) {
		starts = append(starts, bp.Period.Start.String())
	}
	assert.Equal(t, []string{"2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"}, starts)

	other := m(s.Restart(d("2024-03-30")))
	starts = nil
	for bp := range other.Periods(pp("2024-03-01", "2024-07-01")) {
		starts = append(starts, bp.Period.Start.String())
	}
	assert.Equal(t, []string{"2024-03-30", "2024-04-30", "2024-05-30", "2024-06-30"}, starts)
	invs := invoicesOf(t, other, "2024-01-31", "2024-04-01")
	assert.Equal(t, []string{"2024-01-31", "2024-03-30"}, issueDates(invs))
	assert.Equal(t, invoice.LineRenewal, invs[1].Lines[0].Kind)
}

// TestRegressionsFromTheKit pins bugs that the invariant checker and the
// state machine found.
func TestRegressionsFromTheKit(t *testing.T) {
	m := must(t)
	t.Run("stub not invoiced when suspended on its first day", func(t *testing.T) {
		a := d("2021-01-11")
		s, err := subscription.New(subscription.Terms{Plan: monthly("31.00"), Start: d("2021-01-01"), Anchor: &a})
		require.NoError(t, err)
		invs := invoicesOf(t, s, "2021-01-01", "2021-02-01")
		require.Len(t, invs, 2)
		assertMoney(t, "10.00", invs[0].Total) // 10 days of the 31-day December–January period
		for _, cmd := range []func(subscription.Subscription) (subscription.Subscription, error){
			func(s subscription.Subscription) (subscription.Subscription, error) {
				return s.Suspend(d("2021-01-01"), subscription.ByBusiness)
			},
			func(s subscription.Subscription) (subscription.Subscription, error) {
				return s.TerminateNow(d("2021-01-01"))
			},
		} {
			assert.Empty(t, invoicesOf(t, m(cmd(s)), "2021-01-01", "2021-03-01"))
		}
	})
	t.Run("restart cancels a scheduled suspension while past due", func(t *testing.T) {
		p := monthly("30.00")
		p.Retry = retry.Policy{Attempts: 3}
		s := m(newSub(t, p, "2021-10-01").RecordPaymentFailure(d("2021-11-01"), d("2021-11-01")))
		s = m(s.ScheduleSuspension(d("2021-11-01"), d("2021-11-02"), subscription.ByBusiness))
		s = m(s.Restart(d("2021-11-01")))
		assert.Equal(t, subscription.PastDue, s.StatusOn(d("2021-11-02")).State)
	})
	t.Run("renewal restart under a whole-period pause is refused", func(t *testing.T) {
		s := newSub(t, monthly("10.00"), "2021-01-01")
		s = m(s.AddWholePeriodPause(d("2021-01-05"), pause.WholePeriod{Periods: []period.Period{pp("2021-03-01", "2021-04-01")}, Reason: "travel"}))
		s = m(s.Suspend(d("2021-01-10"), subscription.ByBusiness))
		_, err := s.Restart(d("2021-02-15"))
		require.ErrorIs(t, err, subscription.ErrOrphanPause)
		assert.Contains(t, err.Error(), "2021-03-01")
		// Restarting before the period ended keeps the schedule and the pause.
		s2 := m(s.Restart(d("2021-01-20")))
		assert.Equal(t, subscription.Paused, s2.StatusOn(d("2021-03-20")).State)
		// Deleting the pause first lets the renewal restart through.
		s = m(s.DeletePause(d("2021-02-15"), slices.Collect(s.Pauses("travel"))[0].ID))
		s = m(s.Restart(d("2021-02-15")))
		assert.True(t, s.Entitled(d("2021-03-20")))
	})
}

// TestIssuedInvoicesNeverChange pins the second round of reports: an event
// never changes an invoice issued before its date, and the termination a
// command sets is the one the views report.
func TestIssuedInvoicesNeverChange(t *testing.T) {
	m := must(t)
	t.Run("in arrears, a suspension does not issue the invoice early", func(t *testing.T) {
		p := monthly("31.00")
		p.Billing = subscription.InArrears
		s := m(newSub(t, p, "2020-01-01").Suspend(d("2020-01-02"), subscription.ByBusiness))
		invs := invoicesOf(t, s, "2020-01-01", "2020-02-02") // issued on a day of [01-01, 02-02)
		require.Len(t, invs, 1)
		assert.Equal(t, "2020-02-01", invs[0].IssueDate.String(), "issued at the period's end")
		assertMoney(t, "1.00", invs[0].Total) // one day served
		restarted := m(s.Restart(d("2020-01-03")))
		invs = invoicesOf(t, restarted, "2020-01-01", "2020-02-02")
		assert.Equal(t, "2020-02-01", invs[0].IssueDate.String())
		assertMoney(t, "31.00", invs[0].Total)
	})
	t.Run("restart on payment keeps the issued invoice", func(t *testing.T) {
		p := monthly("30.00")
		p.Retry = retry.Policy{Attempts: 3, LatePayment: retry.RestartOnPayment}
		s := m(newSub(t, p, "2021-10-01").RecordPaymentFailure(d("2021-10-01"), d("2021-10-01")))
		before := invoicesOf(t, s, "2021-10-01", "2021-10-02")
		s = m(s.RecordPayment(d("2021-10-02"), d("2021-10-01")))
		after := invoicesOf(t, s, "2021-10-01", "2021-10-02")
		require.Len(t, after, 1)
		assert.True(t, before[0].Equal(after[0]))
		next, _ := s.NextRenewal(d("2021-10-02"))
		assert.Equal(t, "2021-11-02", next.String())
	})
	t.Run("terminate at the end of a moved period", func(t *testing.T) {
		s0 := newSub(t, monthly("30.00"), "2021-10-01")
		s0 = m(s0.AddWholePeriodPause(d("2021-10-01"), pause.WholePeriod{Periods: []period.Period{pp("2021-11-01", "2021-12-01")}, Reason: "travel"}))
		end, _ := m(s0.TerminateOn(d("2021-10-15"), d("2021-12-01"))).TerminationDate()
		assert.Equal(t, "2021-12-01", end.String())
		end, _ = m(s0.TerminateAtPeriodEnd(d("2021-11-01"))).TerminationDate()
		assert.Equal(t, "2021-12-01", end.String())
	})
	t.Run("terminate after an extension keeps earlier invoices", func(t *testing.T) {
		s := newSub(t, monthly("30.00"), "2021-10-01")
		s = m(s.TerminateAtPeriodEnd(d("2021-10-05"))) // ends 2021-11-01
		s = m(s.AddFlexiblePause(d("2021-10-06"), pause.Flexible{Days: pp("2021-10-10", "2021-10-12"), Reason: "travel",
			Extension: pause.Extension{Periods: 2}}))
		end, _ := s.TerminationDate()
		assert.Equal(t, "2022-01-01", end.String(), "moved by two periods")
		invs := invoicesOf(t, s, "2021-10-01", "2022-02-01")
		require.Len(t, invs, 3)
		assert.Equal(t, invoice.LineRecurring, invs[0].Lines[0].Kind)
		assert.Equal(t, invoice.LineExtension, invs[1].Lines[0].Kind)
		s = m(s.TerminateAtPeriodEnd(d("2021-10-20"))) // back to 2021-11-01
		invs = invoicesOf(t, s, "2021-10-01", "2022-02-01")
		require.Len(t, invs, 1)
		assert.Equal(t, invoice.LineRecurring, invs[0].Lines[0].Kind)
	})
	t.Run("a payment is not refused for a pause after the end", func(t *testing.T) {
		p := monthly("30.00")
		p.Retry = retry.Policy{Attempts: 1}
		s := newSub(t, p, "2021-10-01")
		s = m(s.AddWholePeriodPause(d("2021-10-01"), pause.WholePeriod{Periods: []period.Period{pp("2021-12-01", "2022-01-01")}, Reason: "travel"}))
		s = m(s.RecordPaymentFailure(d("2021-11-01"), d("2021-11-01")))
		s = m(s.TerminateAtPeriodEnd(d("2021-11-01")))
		m(s.RecordPayment(d("2021-11-01"), d("2021-11-01")))
	})
	t.Run("no stale automatic suspension after a restart", func(t *testing.T) {
		p := monthly("30.00")
		p.Suspension = retry.Suspension{InvalidPaymentMethod: true}
		s := m(newSub(t, p, "2021-10-01").InvalidatePaymentMethod(d("2021-10-13")))
		s = m(s.InvalidatePaymentMethod(d("2021-11-02")))
		s = m(s.ChangePlanAtRenewal(d("2021-11-14"), monthly("45.00")))
		s = m(s.Restart(d("2021-12-02")))
		assert.Equal(t, subscription.Active, s.StatusOn(d("2021-12-19")).State)
		tl, err := s.Timeline(pp("2021-10-01", "2022-03-01"), d("2021-12-02"))
		require.NoError(t, err)
		assert.Equal(t, subscription.Active, tl.Segments[len(tl.Segments)-1].State)
	})
	t.Run("an event with another kind's fields is refused", func(t *testing.T) {
		s := newSub(t, monthly("10.00"), "2020-01-01")
		_, err := s.Apply(subscription.Event{Kind: subscription.KindRestart, Date: d("2020-01-02"), Reason: 4})
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
		_, err = s.Apply(subscription.Event{Kind: subscription.KindTerminate, Date: d("2020-01-01"), Effective: dp("2020-01-01"),
			Flexible: &pause.Flexible{Days: pp("2020-01-01", "2020-01-02"), Reason: "x"}})
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
		assert.Contains(t, err.Error(), "flexible")
	})
}

// TestRestartInsideAPausedPeriodIsRefused pins the follow-up report: a
// renewal restart inside a paused period would bill paused days.
func TestRestartInsideAPausedPeriodIsRefused(t *testing.T) {
	m := must(t)
	s := newSub(t, monthly("10.00"), "2020-01-01")
	s = m(s.AddWholePeriodPause(d("2020-01-01"), pause.WholePeriod{Reason: "travel", SkipOnly: true,
		Periods: []period.Period{pp("2020-03-01", "2020-04-01")}}))
	s = m(s.Suspend(d("2020-01-01"), subscription.ByBusiness))
	_, err := s.Restart(d("2020-03-02"))
	require.ErrorIs(t, err, subscription.ErrOrphanPause)
}

// TestExtensionsStayAtTheEnd pins the third round of reports.
func TestExtensionsStayAtTheEnd(t *testing.T) {
	m := must(t)
	t.Run("extension added while suspended", func(t *testing.T) {
		p := monthly("10.00")
		p.Periods = 2
		s := m(newSub(t, p, "2020-01-01").Suspend(d("2020-01-15"), subscription.ByBusiness))
		amt := eur("0.01")
		s = m(s.AddFlexiblePause(d("2020-01-20"), pause.Flexible{Reason: "injury", Days: pp("2020-01-21", "2020-01-22"),
			Extension: pause.Extension{Periods: 1, Amount: &amt}}))
		s = m(s.Restart(d("2020-03-10")))
		invs := invoicesOf(t, s, "2020-01-01", "2021-01-01")
		assert.Equal(t, []string{"2020-01-01", "2020-03-10", "2020-04-10"}, issueDates(invs))
		assert.Equal(t, invoice.LineRenewal, invs[1].Lines[0].Kind)
		assertMoney(t, "10.00", invs[1].Total)
		assert.Equal(t, invoice.LineExtension, invs[2].Lines[0].Kind)
		assertMoney(t, "0.01", invs[2].Total)
	})
	t.Run("plan change keeps an extended end", func(t *testing.T) {
		s := newSub(t, monthly("30.00"), "2024-01-31")
		s = m(s.TerminateAtPeriodEnd(d("2024-02-01")))
		s = m(s.ChangePlanAtRenewal(d("2024-02-13"), monthly("45.00")))
		s = m(s.AddFlexiblePause(d("2024-02-22"), pause.Flexible{Days: pp("2024-02-21", "2024-02-22"),
			Reason: "injury", Extension: pause.Extension{Periods: 2}}))
		before := invoicesOf(t, s, "2024-01-31", "2024-03-01")
		s = m(s.ChangePlanAtRenewal(d("2024-03-01"), monthly("45.00")))
		end, _ := s.TerminationDate()
		assert.Equal(t, "2024-04-30", end.String())
		after := invoicesOf(t, s, "2024-01-31", "2024-03-01")
		require.Len(t, after, len(before))
		for i := range before {
			assert.True(t, before[i].Equal(after[i]), "invoice %d changed", i)
		}
	})
}

// TestPendingPlanChangeAndWholePeriodPauses pins the last report: a pending
// change to another recurrence never re-anchors under a whole-period pause.
func TestPendingPlanChangeAndWholePeriodPauses(t *testing.T) {
	m := must(t)
	yearly := subscription.Plan{Every: period.Yearly, Price: invoice.Price{Recurring: eur("100.00")}}
	wp := pause.WholePeriod{Periods: []period.Period{pp("2020-03-01", "2020-04-01")}, Reason: "travel"}
	s0 := newSub(t, monthly("10.00"), "2020-01-01")

	a := m(s0.AddWholePeriodPause(d("2020-01-02"), wp))
	a = m(a.Suspend(d("2020-02-02"), subscription.ByBusiness))
	a = m(a.ChangePlanAtRenewal(d("2020-02-02"), yearly))
	_, err := a.Restart(d("2020-02-03"))
	require.ErrorIs(t, err, subscription.ErrOrphanPause)

	b := m(s0.ChangePlanAtRenewal(d("2020-01-05"), yearly))
	_, err = b.AddWholePeriodPause(d("2020-01-06"), wp)
	require.ErrorIs(t, err, subscription.ErrNotBillingPeriod)
	// The yearly period after the change can be paused.
	b = m(b.AddWholePeriodPause(d("2020-01-06"), pause.WholePeriod{Periods: []period.Period{pp("2020-02-01", "2021-02-01")}, Reason: "travel"}))
	assert.Equal(t, subscription.Paused, b.StatusOn(d("2020-03-15")).State)
}

// TestDatesStayWithinYear9999 checks the bound that keeps every date's ISO
// text strict, and that a huge extension costs no more than a small one.
func TestDatesStayWithinYear9999(t *testing.T) {
	m := must(t)
	p := monthly("10.00")
	p.Periods = 200_000 // ends in the year 18687
	_, err := subscription.New(subscription.Terms{Plan: p, Start: d("2020-01-01")})
	require.ErrorIs(t, err, subscription.ErrInvalidTerms)
	assert.Contains(t, err.Error(), "9999-12-31")

	yearly := monthly("1.00")
	yearly.Every, yearly.Periods = period.Yearly, 5
	s := newSub(t, yearly, "9990-01-01") // ends 9995-01-01
	s = m(s.AddFlexiblePause(d("9990-01-05"), pause.Flexible{Days: pp("9990-01-10", "9990-01-11"), Reason: "x",
		Extension: pause.Extension{Periods: 4}}))
	end, _ := s.TerminationDate()
	assert.Equal(t, "9999-01-01", end.String())
	_, err = s.AddFlexiblePause(d("9990-01-05"), pause.Flexible{Days: pp("9990-01-12", "9990-01-13"), Reason: "x",
		Extension: pause.Extension{Periods: 1}})
	require.ErrorIs(t, err, subscription.ErrInvalidEvent, "it would end on 10000-01-01")
	_, err = s.AddFlexiblePause(d("9990-01-05"), pause.Flexible{Days: pp("9990-01-12", "9990-01-13"), Reason: "x",
		Extension: pause.Extension{Periods: 2_000_000}})
	require.ErrorIs(t, err, pause.ErrInvalidPause, "beyond pause.MaxExtensionPeriods")
}

// TestCommandsNeverChangeTheReceiver checks rule 6 for accepted commands:
// two commands applied to the same value give two independent values and
// leave it as it was, log and fold alike.
func TestCommandsNeverChangeTheReceiver(t *testing.T) {
	m := must(t)
	p := monthly("10.00")
	p.Periods = 12
	base := m(newSub(t, p, "2025-01-15").Suspend(d("2025-02-01"), subscription.ByBusiness))
	base = m(base.Restart(d("2025-02-05")))
	// Three events: under a plain append the log would have spare capacity
	// for two branches to overwrite each other's fourth event.
	base = m(base.AddFlexiblePause(d("2025-02-10"), pause.Flexible{Days: pp("2025-08-01", "2025-08-10"), Reason: "holiday"}))
	before, err := base.Timeline(pp("2025-01-01", "2026-06-01"), d("2025-03-01"))
	require.NoError(t, err)

	a := m(base.AddWholePeriodPause(d("2025-03-01"), pause.WholePeriod{Periods: []period.Period{pp("2025-05-15", "2025-06-15")}, Reason: "travel"}))
	b := m(base.TerminateNow(d("2025-03-01")))
	c := m(base.DeletePause(d("2025-03-01"), slices.Collect(base.Pauses("holiday"))[0].ID))
	assert.Empty(t, slices.Collect(c.Pauses("")))
	assert.Len(t, slices.Collect(base.Pauses("")), 1, "deleting on a branch deleted on the receiver")

	assert.Len(t, slices.Collect(base.Events()), 3)
	assert.Equal(t, subscription.KindAddWholePeriodPause, slices.Collect(a.Events())[3].Kind)
	assert.Equal(t, subscription.KindTerminate, slices.Collect(b.Events())[3].Kind)
	after, err := base.Timeline(pp("2025-01-01", "2026-06-01"), d("2025-03-01"))
	require.NoError(t, err)
	assert.Equal(t, before, after, "the receiver's views changed")
	endA, _ := a.TerminationDate()
	endB, _ := b.TerminationDate()
	assert.Equal(t, "2026-02-15", endA.String())
	assert.Equal(t, "2025-03-01", endB.String())
}
