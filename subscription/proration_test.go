package subscription_test

import (
	"strconv"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// monthlyIn returns a monthly plan at price in currency EUR.
func planAt(price string, every period.Recurrence) subscription.Plan {
	return subscription.Plan{Every: every, Price: invoice.Price{Recurring: eur(price)}}
}

// docsOn returns the documents issued on day on.
func docsOn(t *testing.T, s subscription.Subscription, on string) []invoice.Invoice {
	t.Helper()
	return invoicesOf(t, s, on, d(on).AddDate(0, 0, 1).String())
}

// TestProrationWorkedExamples checks changes inside a period against the
// published worked examples whose day counts match ours exactly (each
// cites its source; the change date is the first day at the new terms).
func TestProrationWorkedExamples(t *testing.T) {
	m := must(t)
	tests := []struct {
		name, source       string
		price, to          string
		every, toEvery     period.Recurrence
		start, on          string
		wantCredit, charge string // the lines of the document on on
	}{
		{name: "T1 upgrade halfway", source: "https://docs.stripe.com/billing/subscriptions/prorations (How prorations work): 10 → 20 halfway, credit −5, charge +10",
			price: "10.00", to: "20.00", every: period.Monthly, start: "2024-04-01", on: "2024-04-16", wantCredit: "-5.00", charge: "10.00"},
		{name: "T2 downgrade with 26 days left", source: "https://support.chargebee.com/support/discussions/topics/40893: Gold 30 → Silver 15, cycle 1 Apr → 1 May, downgraded 5 Apr: credit 26, charge 13",
			price: "30.00", to: "15.00", every: period.Monthly, start: "2024-04-01", on: "2024-04-05", wantCredit: "-26.00", charge: "13.00"},
		{name: "T3 downgrade 60 to 30", source: "https://www.chargebee.com/docs/proration-old.html, Example 1: 60/month, 1 Apr → 1 May 2012, downgraded 21 Apr to 30: credit 20, new 10",
			price: "60.00", to: "30.00", every: period.Monthly, start: "2012-04-01", on: "2012-04-21", wantCredit: "-20.00", charge: "10.00"},
		{name: "T4 Silver to Gold", source: "killbill-docs userguide/subscription/includes/invoicing-invoice-items.adoc L43-98: Silver 20 [2013-04-11, 05-11), Gold 30 on 04-26: REPAIR_ADJ −10, RECURRING 15",
			price: "20.00", to: "30.00", every: period.Monthly, start: "2013-04-11", on: "2013-04-26", wantCredit: "-10.00", charge: "15.00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Log(tc.source)
			s := newSub(t, planAt(tc.price, tc.every), tc.start)
			s = m(s.ChangePlanNow(d(tc.on), planAt(tc.to, tc.every), subscription.ProrateNow))
			docs := docsOn(t, s, tc.on)
			require.Len(t, docs, 1)
			doc := docs[0]
			require.Len(t, doc.Lines, 2)
			assert.Equal(t, invoice.LineCredit, doc.Lines[0].Kind)
			assertMoney(t, tc.wantCredit, doc.Lines[0].Amount)
			assert.Equal(t, invoice.LineProration, doc.Lines[1].Kind)
			assertMoney(t, tc.charge, doc.Lines[1].Amount)
			if doc.Total.IsNegative() {
				assert.Equal(t, invoice.KindCreditNote, doc.Kind, "a downgrade gives money back with a credit note")
				require.NotNil(t, doc.Credits)
				assert.Equal(t, d(tc.start), doc.Credits.IssueDate)
			} else {
				assert.Equal(t, invoice.KindInvoice, doc.Kind)
			}
		})
	}

	t.Run("T5 monthly to annual starts a period on the change date", func(t *testing.T) {
		// Kill Bill beatrix TestIntegrationWithDifferentBillingPeriods.java
		// L62-113: Shotgun 249.95/month [2012-05-01, 06-01), changed on
		// 05-12 to annual 2399.95: REPAIR_ADJ −161.26 (20/31 × 249.95).
		// Kill Bill keeps its billing day; billcycle anchors the new
		// schedule on the change date (issue 14), so the annual period is
		// whole: [2012-05-12, 2013-05-12) at 2399.95.
		s := newSub(t, planAt("249.95", period.Monthly), "2012-05-01")
		s = m(s.ChangePlanNow(d("2012-05-12"), planAt("2399.95", period.Yearly), subscription.ProrateNow))
		docs := docsOn(t, s, "2012-05-12")
		require.Len(t, docs, 2, "the new period's invoice, and the credit note for the old period")
		assert.Equal(t, pp("2012-05-12", "2013-05-12"), docs[0].Period)
		assertMoney(t, "2399.95", docs[0].Total)
		assert.Equal(t, invoice.KindCreditNote, docs[1].Kind)
		assertMoney(t, "-161.26", docs[1].Total)
		next, _ := s.NextRenewal(d("2012-05-12"))
		assert.Equal(t, "2013-05-12", next.String())
	})

	t.Run("T11 termination now credits the days after it", func(t *testing.T) {
		// Lago spec/services/credit_notes/create_from_termination_spec.rb
		// L195-211: 31.00/month, October 2022, terminated on 2022-10-15 at
		// 10:00 (the 15th used): credit 16.00. billcycle's first day
		// without service is 2022-10-16: [10-16, 11-01) = 16/31 × 31.
		s := newSub(t, planAt("31.00", period.Monthly), "2022-10-01")
		s = m(s.TerminateNowWithCredit(d("2022-10-16"), subscription.ProratedCredit))
		docs := docsOn(t, s, "2022-10-16")
		require.Len(t, docs, 1)
		assert.Equal(t, invoice.KindCreditNote, docs[0].Kind)
		assertMoney(t, "-16.00", docs[0].Total)
	})

	t.Run("T13 cancellation credit", func(t *testing.T) {
		// Zuora knowledge center, "Examples of canceling a subscription and
		// refunding the end customers automatically": 100/month, period
		// 01/01–01/31 paid, cancel effective 01/09: 23 of 31 days credited,
		// 74.19 (the page shows 74.2).
		s := newSub(t, planAt("100.00", period.Monthly), "2024-01-01")
		s = m(s.TerminateNowWithCredit(d("2024-01-09"), subscription.ProratedCredit))
		docs := docsOn(t, s, "2024-01-09")
		require.Len(t, docs, 1)
		assertMoney(t, "-74.19", docs[0].Total)
		full := m(newSub(t, planAt("100.00", period.Monthly), "2024-01-01").TerminateNowWithCredit(d("2024-01-09"), subscription.FullCredit))
		assertMoney(t, "-100.00", docsOn(t, full, "2024-01-09")[0].Total)
	})
}

// TestProrationRules checks the rules of changes inside a period.
func TestProrationRules(t *testing.T) {
	m := must(t)
	seats := func(n int64) subscription.Plan {
		p := planAt("20.00", period.Monthly)
		unit := eur("5.99")
		p.Price.Features = []invoice.Feature{{Name: "seats", Kind: invoice.Limitation, QuantityCurrent: n, UnitPrice: &unit}}
		return p
	}
	t.Run("seats changed twice in a period add up to the price of their days", func(t *testing.T) {
		// The worked example of /work/notes/proration.md §6.4: 5.99 per
		// seat, 3 → 2 → 4 seats in March: the documents add up to 39.14.
		s := newSub(t, seats(3), "2024-03-01")
		s = m(s.ChangeQuantity(d("2024-03-06"), "seats", 2, subscription.ProrateNow))
		s = m(s.ChangeQuantity(d("2024-03-16"), "seats", 4, subscription.ProrateNow))
		invs := invoicesOf(t, s, "2024-03-01", "2024-04-01")
		require.Len(t, invs, 3)
		assertMoney(t, "37.97", invs[0].Total)
		assertMoney(t, "-5.02", invs[1].Total)
		assert.Equal(t, invoice.KindCreditNote, invs[1].Kind)
		assertMoney(t, "6.19", invs[2].Total)
		assertMoney(t, "39.14", total(t, invs))
		april := invoicesOf(t, s, "2024-04-01", "2024-04-02")
		assertMoney(t, "43.96", april[0].Total) // 20.00 + 4 × 5.99
	})
	t.Run("a change and its reversal on one day net to zero", func(t *testing.T) {
		s := newSub(t, seats(3), "2024-03-01")
		s = m(s.ChangeQuantity(d("2024-03-16"), "seats", 4, subscription.ProrateNow))
		s = m(s.ChangeQuantity(d("2024-03-16"), "seats", 3, subscription.ProrateNow))
		docs := docsOn(t, s, "2024-03-16")
		require.Len(t, docs, 2)
		sum, err := docs[0].Total.Add(docs[1].Total)
		require.NoError(t, err)
		assert.True(t, sum.IsZero(), "%s + %s", docs[0].Total, docs[1].Total)
	})
	t.Run("at renewal the lines go on the next invoice", func(t *testing.T) {
		s := newSub(t, seats(3), "2024-03-01")
		s = m(s.ChangeQuantity(d("2024-03-06"), "seats", 2, subscription.ProrateAtRenewal))
		s = m(s.ChangeQuantity(d("2024-03-16"), "seats", 4, subscription.ProrateAtRenewal))
		assert.Empty(t, invoicesOf(t, s, "2024-03-02", "2024-04-01"), "nothing issued before the renewal")
		april := invoicesOf(t, s, "2024-04-01", "2024-04-02")
		require.Len(t, april, 1)
		assertMoney(t, "45.13", april[0].Total) // 20.00 + 23.96 + 1.17
	})
	t.Run("no proration bills the new terms from the renewal", func(t *testing.T) {
		s := newSub(t, seats(3), "2024-03-01")
		s = m(s.ChangeQuantity(d("2024-03-06"), "seats", 4, subscription.NoProration))
		assert.Len(t, invoicesOf(t, s, "2024-03-01", "2024-04-01"), 1)
		assertMoney(t, "43.96", invoicesOf(t, s, "2024-04-01", "2024-04-02")[0].Total)
		assert.Equal(t, int64(4), s.PlanOn(d("2024-04-01")).Price.Features[0].QuantityCurrent)
	})
	t.Run("a change now is the plan in effect from its date", func(t *testing.T) {
		// Rule: a change now takes effect on its date, whatever the
		// proration policy; the renewal starts no other plan.
		for _, pol := range []subscription.ProrationPolicy{subscription.ProrateNow, subscription.ProrateAtRenewal, subscription.NoProration} {
			s := newSub(t, seats(3), "2024-03-01")
			s = m(s.ChangeQuantity(d("2024-03-16"), "seats", 5, pol))
			quantity := func(on string) int64 { return s.PlanOn(d(on)).Price.Features[0].QuantityCurrent }
			assert.Equal(t, []int64{3, 5, 5}, []int64{quantity("2024-03-15"), quantity("2024-03-16"), quantity("2024-04-01")}, "%s", pol)
			var changes []string
			for a := range s.Agenda(pp("2024-03-01", "2024-06-01")) {
				if a.Kind == subscription.ActionPlanChange {
					changes = append(changes, a.On.String()+" #"+strconv.Itoa(a.Change.Cause))
				}
			}
			assert.Equal(t, []string{"2024-03-16 #0"}, changes, "%s: the agenda's plan changes", pol)
			next, ok := s.NextAction(d("2024-03-10"))
			assert.True(t, ok)
			assert.Equal(t, "2024-03-16", next.String(), "%s: the next action is the change", pol)
		}
	})
	t.Run("a change at renewal after a change now keeps the change now until then", func(t *testing.T) {
		s := newSub(t, seats(3), "2024-03-01")
		s = m(s.ChangeQuantity(d("2024-03-16"), "seats", 5, subscription.ProrateNow))
		s = m(s.ChangePlanAtRenewal(d("2024-03-20"), seats(1)))
		s = m(s.ChangeQuantity(d("2024-03-25"), "seats", 6, subscription.ProrateNow))
		quantity := func(on string) int64 { return s.PlanOn(d(on)).Price.Features[0].QuantityCurrent }
		assert.Equal(t, []int64{5, 6, 6}, []int64{quantity("2024-03-24"), quantity("2024-03-25"), quantity("2024-04-01")},
			"the second change now starts from the first, and replaces the change at renewal")
	})
	t.Run("a pause over paid days credits them when the contract says so", func(t *testing.T) {
		// F-01's dates, every period invoiced: [02-15, 03-15) gets back 5 of
		// 28 days, 5.36.
		p := planAt("30.00", period.Monthly)
		p.Periods = 12
		p.Pauses = pause.Policy{CreditPausedDays: true}
		s := newSub(t, p, "2025-01-15")
		s = m(s.AddFlexiblePause(d("2025-03-12"), pause.Flexible{Days: pp("2025-03-10", "2025-04-21"), Reason: "injury"}))
		docs := docsOn(t, s, "2025-03-12")
		require.Len(t, docs, 1, "the credit note of the one period invoiced by 03-12")
		assertMoney(t, "-5.36", docs[0].Total)
		assert.Equal(t, pp("2025-03-10", "2025-03-15"), docs[0].Lines[0].Period)
	})
	t.Run("errors", func(t *testing.T) {
		s := newSub(t, seats(3), "2024-03-01")
		_, err := s.ChangeQuantity(d("2024-03-06"), "desks", 2, subscription.ProrateNow)
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
		_, err = s.ChangeQuantity(d("2024-03-06"), "seats", -1, subscription.ProrateNow)
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
		_, err = s.ChangePlanNow(d("2024-03-06"), seats(2), 0)
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
		usd := planAt("10.00", period.Monthly)
		usd.Price.Recurring = invoice.MustParseMoney("10.00", invoice.USD)
		_, err = s.ChangePlanNow(d("2024-03-06"), usd, subscription.ProrateNow)
		require.ErrorIs(t, err, subscription.ErrInvalidPlan)
		susp := m(s.Suspend(d("2024-03-04"), subscription.ByBusiness))
		_, err = susp.ChangeQuantity(d("2024-03-06"), "seats", 2, subscription.ProrateNow)
		require.ErrorIs(t, err, subscription.ErrInvalidTransition)
		_, err = s.TerminateNowWithCredit(d("2024-03-06"), 0)
		require.ErrorIs(t, err, subscription.ErrInvalidEvent)
	})
}
