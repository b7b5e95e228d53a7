package subscription_test

import (
	"testing"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRegressionBugClasses pins the bug classes that billing engines have
// shipped, one subtest each.
func TestRegressionBugClasses(t *testing.T) {
	m := must(t)

	t.Run("billing stops after a 31st", func(t *testing.T) {
		// A month-end anchor must bill every month for ten years, on the
		// 31st whenever the month has one.
		s := newSub(t, monthly("10.00"), "2015-01-31")
		invs := invoicesOf(t, s, "2015-01-31", "2025-01-31")
		require.Len(t, invs, 120)
		for _, inv := range invs {
			y, mo, day := civil.FromDate(inv.IssueDate)
			assert.Equal(t, min(31, civil.DaysIn(y, mo)), day, "invoice on %s", inv.IssueDate)
		}
	})

	t.Run("a leap-day yearly subscription loses a year", func(t *testing.T) {
		p := monthly("100.00")
		p.Every = period.Yearly
		s := newSub(t, p, "2024-02-29")
		invs := invoicesOf(t, s, "2024-02-29", "2033-01-01")
		assert.Equal(t, []string{"2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29",
			"2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"}, issueDates(invs))
	})

	t.Run("periods overlap or leave a gap after a pause", func(t *testing.T) {
		p := monthly("30.00")
		p.Periods = 12
		s := newSub(t, p, "2025-01-31")
		s = m(s.AddWholePeriodPause(d("2025-02-01"), pause.WholePeriod{Periods: []period.Period{pp("2025-03-31", "2025-04-30")}, Reason: "travel"}))
		s = m(s.AddFlexiblePause(d("2025-02-01"), pause.Flexible{Days: pp("2025-06-10", "2025-07-20"), Reason: "injury",
			Extension: pause.Extension{Periods: 1}}))
		var prev period.Period
		n := 0
		for bp := range s.Periods(pp("2025-01-01", "2027-01-01")) {
			if n > 0 {
				assert.Equal(t, prev.End, bp.Period.Start, "gap or overlap after %s", prev)
			}
			prev, n = bp.Period, n+1
		}
		assert.Equal(t, 14, n, "12 periods, 1 moved to the end, 1 extension")
		end, _ := s.TerminationDate()
		assert.Equal(t, prev.End, end)
	})

	t.Run("double billing after pause and resume", func(t *testing.T) {
		s := newSub(t, monthly("10.00"), "2021-10-01")
		s = m(s.Suspend(d("2021-10-15"), subscription.ByBusiness))
		s = m(s.Restart(d("2021-10-20"))) // resumed within the period
		s = m(s.Suspend(d("2021-11-01"), subscription.ByBusiness))
		s = m(s.Restart(d("2021-11-01"))) // suspended and resumed on a renewal day
		invs := invoicesOf(t, s, "2021-10-01", "2022-01-01")
		assert.Equal(t, []string{"2021-10-01", "2021-11-01", "2021-12-01"}, issueDates(invs))
	})

	t.Run("proration creates or loses a cent", func(t *testing.T) {
		// 10.00 over a 31-day period paused 10 days: the prorated invoice
		// and the paused part add up to the price exactly.
		p := monthly("10.00")
		p.Periods = 3
		s := newSub(t, p, "2021-10-01")
		s = m(s.AddFlexiblePause(d("2021-10-01"), pause.Flexible{Days: pp("2021-11-05", "2021-11-15"), Reason: "injury",
			Overrides: []pause.InvoiceOverride{{Period: pp("2021-11-01", "2021-12-01"), Mode: pause.Prorated}}}))
		invs := invoicesOf(t, s, "2021-11-01", "2021-11-02")
		require.Len(t, invs, 1)
		kept, paused, err := pause.Split(eur("10.00"), pause.Touch{Period: pp("2021-11-01", "2021-12-01"), PausedDays: 10, Days: 30})
		require.NoError(t, err)
		assertMoney(t, kept.Text(), invs[0].Total)
		sum, _ := kept.Add(paused)
		assert.True(t, sum == eur("10.00"), "%s + %s", kept, paused)

		// In arrears, a termination inside a period bills the days served,
		// rounded once.
		a := monthly("10.00")
		a.Billing = subscription.InArrears
		cut := m(newSub(t, a, "2021-10-01").TerminateOn(d("2021-10-05"), d("2021-10-11")))
		invs = invoicesOf(t, cut, "2021-10-01", "2021-11-01")
		require.Len(t, invs, 1)
		assertMoney(t, "3.23", invs[0].Total) // 10.00 × 10/31 = 3.2258…
		assert.Equal(t, invoice.LineProration, invs[0].Lines[0].Kind)
	})
}
