package subscription_test

import (
	"slices"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefectClasses pins the defects of issue 10, one subtest per class,
// each named for what must hold.
func TestDefectClasses(t *testing.T) {
	m := must(t)

	t.Run("a period whose retries ran out did not run: a restart renews", func(t *testing.T) {
		// Rule 8: the unpaid period stands only if an attempt succeeds.
		s := payer24(t, retry.Policy{Attempts: 3, OnExhausted: retry.Suspend})
		s = m(s.RecordPaymentFailure(apr01_24, apr01_24))
		for _, a := range []string{"2024-04-02", "2024-04-03", "2024-04-04"} {
			s = m(s.RecordPaymentFailure(d(a), apr01_24))
		}
		s = m(s.Restart(d("2024-04-10"))) // before the end of the unpaid period
		invs := invoicesOf(t, s, "2024-04-02", "2024-06-01")
		require.NotEmpty(t, invs)
		assert.Equal(t, "2024-04-10", invs[len(invs)-2].IssueDate.String(), "issue dates %v", issueDates(invs))
		assert.Equal(t, pp("2024-04-10", "2024-05-10"), invs[len(invs)-2].Period)
		next, ok := s.NextRenewal(d("2024-04-10"))
		require.True(t, ok)
		assert.Equal(t, "2024-05-10", next.String())

		// Unless a payment recovered that period: then it ran.
		r := payer24(t, retry.Policy{Attempts: 3, OnExhausted: retry.Suspend})
		r = m(r.RecordPaymentFailure(apr01_24, apr01_24))
		for _, a := range []string{"2024-04-02", "2024-04-03", "2024-04-04"} {
			r = m(r.RecordPaymentFailure(d(a), apr01_24))
		}
		r = m(r.RecordPayment(d("2024-04-06"), apr01_24))
		r = m(r.Restart(d("2024-04-10")))
		assert.Equal(t, []string{"2024-03-01", "2024-04-01", "2024-05-01"}, issueDates(invoicesOf(t, r, "2024-03-01", "2024-06-01")))
	})

	t.Run("a suspension or a termination closes the retry period", func(t *testing.T) {
		for _, stop := range []string{"suspend", "terminate"} {
			t.Run(stop, func(t *testing.T) {
				s := m(payer24(t, retry.Policy{Attempts: 5}).RecordPaymentFailure(apr01_24, apr01_24))
				on := d("2024-04-03")
				if stop == "suspend" {
					s = m(s.Suspend(on, subscription.ByBusiness))
				} else {
					s = m(s.TerminateNow(on))
				}
				rp := slices.Collect(s.RetryPeriods())
				require.Len(t, rp, 1)
				require.NotNil(t, rp[0].Closed)
				assert.Equal(t, on, *rp[0].Closed)
				assert.True(t, rp[0].Unpaid)
				require.NotNil(t, rp[0].Next, "the attempt planned before the stop, never recorded")
				assert.Equal(t, d("2024-04-02"), *rp[0].Next)
				assert.Equal(t, []string{"2024-04-02"}, attemptDays(rp[0], retry.Planned), "no attempt from the stop on")
				tl := timelineOf(t, s, "2024-03-01", "2024-06-01", on)
				assert.Equal(t, subscription.Unpaid, tl.Invoices[1].Payment)
				if stop == "suspend" {
					// The invoice can still be paid.
					s = m(s.RecordPayment(d("2024-04-05"), apr01_24))
					assert.False(t, slices.Collect(s.RetryPeriods())[0].Unpaid)
				}
			})
		}
		// The unpaid-invoices rule counts an invoice whose retries were stopped.
		p := monthly("10.00")
		p.Retry = retry.Policy{Attempts: 5}
		p.Suspension = retry.Suspension{UnpaidInvoices: 2}
		s := m(newSub(t, p, "2024-03-01").RecordPaymentFailure(apr01_24, apr01_24))
		s = m(s.Suspend(d("2024-04-02"), subscription.ByBusiness))
		s = m(s.Restart(d("2024-04-03")))
		s = m(s.RecordPaymentFailure(d("2024-05-01"), d("2024-05-01")))
		for day := d("2024-05-02"); day <= d("2024-05-06"); day++ {
			s = m(s.RecordPaymentFailure(day, d("2024-05-01")))
		}
		_, ok := s.TerminationDate()
		require.True(t, ok, "the second retry period ran out: terminated")
	})

	t.Run("a first-N-periods discount counts from when the plan is taken", func(t *testing.T) {
		half := invoice.Discount{Name: "half", Kind: invoice.Percent, Percent: pct("50"), Periods: 5}
		dearer := monthly("20.00")
		dearer.Price.Discounts = []invoice.Discount{half}
		s := newSub(t, monthly("10.00"), "2024-01-01")
		s = m(s.ChangePlanAtRenewal(d("2024-06-10"), dearer)) // taken at the renewal of 2024-07-01
		invs := invoicesOf(t, s, "2024-07-01", "2025-01-01")
		var totals []string
		for _, inv := range invs {
			totals = append(totals, inv.Total.Text())
		}
		assert.Equal(t, []string{"10.00", "10.00", "10.00", "10.00", "10.00", "20.00"}, totals)

		// A trial does not use up the discounted periods.
		p := monthly("10.00")
		p.Trial = subscription.TrialOffer{Periods: 2}
		p.Price.Discounts = []invoice.Discount{{Name: "welcome", Kind: invoice.Percent, Percent: pct("50"), Periods: 1}}
		first := invoicesOf(t, newSub(t, p, "2024-01-01"), "2024-01-01", "2024-05-01")
		require.Len(t, first, 2)
		assertMoney(t, "5.00", first[0].Total)
		assertMoney(t, "10.00", first[1].Total)
	})

	t.Run("an existing customer can be granted a discount for N periods", func(t *testing.T) {
		gift := invoice.Discount{Name: "sorry", Kind: invoice.Fixed, Amount: eur("3.00"), Periods: 2}
		s := m(newSub(t, monthly("10.00"), "2024-01-01").GrantDiscount(d("2024-03-15"), gift))
		var totals []string
		for _, inv := range invoicesOf(t, s, "2024-03-01", "2024-07-01") {
			totals = append(totals, inv.Total.Text())
		}
		assert.Equal(t, []string{"10.00", "7.00", "7.00", "10.00"}, totals)
		_, err := s.GrantDiscount(d("2024-03-16"), invoice.Discount{Name: "usd", Kind: invoice.Fixed, Amount: invoice.MustParseMoney("1.00", invoice.USD)})
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
	})

	t.Run("a termination inside a period not yet invoiced bills the days up to it", func(t *testing.T) {
		s := m(newSub(t, monthly("10.00"), "2024-01-01").TerminateOn(d("2024-01-05"), feb15_24))
		invs := invoicesOf(t, s, "2024-01-01", "2025-01-01")
		require.Len(t, invs, 2)
		assert.Equal(t, pp("2024-02-01", "2024-02-15"), invs[1].Period)
		assertMoney(t, "4.83", invs[1].Total) // 10.00 × 14/29
		// Decided after the invoice was issued, the invoice stays as it was.
		late := m(newSub(t, monthly("10.00"), "2024-01-01").TerminateOn(d("2024-02-05"), feb15_24))
		invs = invoicesOf(t, late, "2024-01-01", "2025-01-01")
		require.Len(t, invs, 2)
		assertMoney(t, "10.00", invs[1].Total)
		// And a later decision never changes an issued prorated invoice.
		later := m(s.TerminateNow(d("2024-02-10")))
		invs = invoicesOf(t, later, "2024-01-01", "2025-01-01")
		require.Len(t, invs, 2)
		assertMoney(t, "4.83", invs[1].Total)
	})

	t.Run("a failed invoice never disappears", func(t *testing.T) {
		s := m(payer24(t, retry.Policy{}).RecordPaymentFailure(apr01_24, apr01_24))
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, apr01_24, end)
		invs := invoicesOf(t, s, "2024-03-01", "2024-06-01")
		assert.Equal(t, []string{"2024-03-01", "2024-04-01"}, issueDates(invs))
		tl := timelineOf(t, s, "2024-03-01", "2024-06-01", apr01_24)
		require.Len(t, tl.Invoices, 2)
		assert.Equal(t, subscription.Unpaid, tl.Invoices[1].Payment)
		assert.Equal(t, subscription.Paid, tl.Invoices[0].Payment)
		require.Len(t, slices.Collect(s.RetryPeriods()), 1)
		assert.True(t, slices.Collect(s.RetryPeriods())[0].Unpaid)
	})

	t.Run("a whole-period pause after the termination is not a billing period", func(t *testing.T) {
		_, err := gym12(t, "30.00").AddWholePeriodPause(mar01_25, pause.WholePeriod{Periods: []period.Period{pp("2026-02-15", "2026-03-15")}, Reason: "travel"})
		require.ErrorIs(t, err, subscription.ErrNotBillingPeriod)
	})

	t.Run("values never share the caller's slices", func(t *testing.T) {
		w := pause.WholePeriod{Periods: []period.Period{pp("2025-04-15", "2025-05-15")}, Reason: "travel"}
		s := m(gym12(t, "30.00").AddWholePeriodPause(mar01_25, w))
		w.Periods[0] = pp("2025-06-15", "2025-07-15")
		assert.Equal(t, subscription.Paused, s.StatusOn(d("2025-04-20")).State)
		assert.NotEqual(t, subscription.Paused, s.StatusOn(d("2025-06-20")).State)
		slices.Collect(s.Events())[0].WholePeriod.Periods[0] = pp("2025-06-15", "2025-07-15")
		slices.Collect(s.Pauses(""))[0].WholePeriod.Periods[0] = pp("2025-06-15", "2025-07-15")
		assert.Equal(t, pp("2025-04-15", "2025-05-15"), slices.Collect(s.Events())[0].WholePeriod.Periods[0])
		assert.Equal(t, subscription.Paused, s.StatusOn(d("2025-04-20")).State)

		plan := monthly("10.00")
		plan.Price.Discounts = []invoice.Discount{{Name: "welcome", Kind: invoice.Fixed, Amount: eur("1.00")}}
		p := newSub(t, plan, "2024-01-01")
		plan.Price.Discounts[0].Amount = eur("9.00")
		assertMoney(t, "9.00", invoicesOf(t, p, "2024-01-01", "2024-01-02")[0].Total)
		p.Plan().Price.Discounts[0].Amount = eur("9.00")
		assertMoney(t, "9.00", invoicesOf(t, p, "2024-01-01", "2024-01-02")[0].Total)
	})

	t.Run("the zero Subscription is safe", func(t *testing.T) {
		var z subscription.Subscription
		assert.Equal(t, subscription.State(0), z.StatusOn(oct01_21).State)
		assert.False(t, z.Entitled(oct01_21))
		for range z.Periods(period.Period{Start: oct01_21, End: dec01_21}) {
			t.Fatal("a period of the zero Subscription")
		}
		invs, err := collect(z.Invoices(period.Period{Start: oct01_21, End: dec01_21}))
		assert.NoError(t, err)
		assert.Empty(t, invs)
		tl, err := z.Timeline(pp("2021-10-01", "2021-12-01"), oct01_21)
		assert.NoError(t, err)
		assert.Empty(t, tl.Segments)
		assert.Empty(t, slices.Collect(z.Pauses("")))
		assert.Empty(t, slices.Collect(z.RetryPeriods()))
		_, ok := z.TerminationDate()
		assert.False(t, ok)
		for _, cmd := range []func() (subscription.Subscription, error){
			func() (subscription.Subscription, error) { return z.Suspend(oct01_21, subscription.ByBusiness) },
			func() (subscription.Subscription, error) { return z.TerminateAtPeriodEnd(oct01_21) },
			func() (subscription.Subscription, error) { return z.Restart(oct01_21) },
		} {
			_, err := cmd()
			require.ErrorIs(t, err, subscription.ErrNoTerms)
		}
	})

	t.Run("every segment says why", func(t *testing.T) {
		s := m(gym12(t, "30.00").AddFlexiblePause(mar01_25, pause.Flexible{Days: pp("2025-03-10", "2025-03-20"), Reason: "injury"}))
		s = m(s.AddWholePeriodPause(mar01_25, pause.WholePeriod{Periods: []period.Period{pp("2025-05-15", "2025-06-15")}, Reason: "travel"}))
		tl := timelineOf(t, s, "2025-03-01", "2025-07-01", mar01_25)
		var paused []subscription.Segment
		for _, sg := range tl.Segments {
			if sg.State == subscription.Paused {
				paused = append(paused, sg)
			}
		}
		require.Len(t, paused, 2)
		assert.Equal(t, 0, paused[0].Cause)
		assert.Equal(t, "injury", paused[0].PauseReason)
		assert.Equal(t, 1, paused[1].Cause)
		assert.Equal(t, "travel", paused[1].PauseReason)
	})
}

func pct(s string) decimal.Decimal { return decimal.RequireFromString(s) }
