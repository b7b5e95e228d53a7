package subscription_test

import (
	"encoding/json"
	"errors"
	"iter"
	"slices"
	"strings"
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

var d = period.MustParseDate

func eur(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }

func monthly(price string) subscription.Plan {
	return subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: eur(price)}}
}

func newSub(t *testing.T, plan subscription.Plan, start string) subscription.Subscription {
	t.Helper()
	s, err := subscription.New(subscription.Terms{Plan: plan, Start: d(start)})
	require.NoError(t, err)
	return s
}

func must(t *testing.T) func(subscription.Subscription, error) subscription.Subscription {
	return func(s subscription.Subscription, err error) subscription.Subscription {
		t.Helper()
		require.NoError(t, err)
		return s
	}
}

func invoicesOf(t *testing.T, s subscription.Subscription, from, to string) []invoice.Invoice {
	t.Helper()
	invs, err := collect(s.Invoices(period.Period{Start: d(from), End: d(to)}))
	require.NoError(t, err)
	return invs
}

func issueDates(invs []invoice.Invoice) []string {
	var out []string
	for _, inv := range invs {
		out = append(out, inv.IssueDate.String())
	}
	return out
}

func total(t *testing.T, invs []invoice.Invoice) invoice.Money {
	t.Helper()
	sum := invoice.Zero(invoice.EUR)
	for _, inv := range invs {
		var err error
		sum, err = sum.Add(inv.Total)
		require.NoError(t, err)
	}
	return sum
}

func assertMoney(t *testing.T, want string, got invoice.Money) {
	t.Helper()
	assert.True(t, eur(want) == got, "amount = %s; want %s EUR", got, want)
}

func pp(start, end string) period.Period { return period.Period{Start: d(start), End: d(end)} }

func TestAcceptance(t *testing.T) {
	// Base for S-*: monthly at 10.00, running period [2021-10-01, 2021-11-01).
	base := func(t *testing.T) subscription.Subscription { return newSub(t, monthly("10.00"), "2021-10-01") }

	t.Run("S-01", func(t *testing.T) {
		m := must(t)
		s := m(base(t).Suspend(d("2021-10-15"), subscription.ByBusiness))
		s = m(s.Restart(d("2021-10-20")))
		assert.Equal(t, subscription.Active, s.StatusOn(d("2021-10-20")).State)
		for day := d("2021-10-15"); day < d("2021-10-20"); day++ {
			assert.False(t, s.Entitled(day), "entitled on %s", day)
		}
		assert.True(t, s.Entitled(d("2021-10-14")))
		assert.True(t, s.Entitled(d("2021-10-20")))
		next, ok := s.NextRenewal(d("2021-10-20"))
		require.True(t, ok)
		assert.Equal(t, "2021-11-01", next.String())
		invs := invoicesOf(t, s, "2021-10-01", "2021-12-01")
		assert.Equal(t, []string{"2021-10-01", "2021-11-01"}, issueDates(invs), "no invoice at the restart")
		assert.Equal(t, pp("2021-11-01", "2021-12-01"), invs[1].Period)
		assertMoney(t, "10.00", invs[1].Total)
	})

	t.Run("S-02", func(t *testing.T) {
		m := must(t)
		s := m(base(t).Suspend(d("2021-10-15"), subscription.ByBusiness))
		s = m(s.Restart(d("2021-11-10")))
		invs := invoicesOf(t, s, "2021-10-01", "2021-12-10")
		assert.Equal(t, []string{"2021-10-01", "2021-11-10"}, issueDates(invs))
		assert.Equal(t, pp("2021-11-10", "2021-12-10"), invs[1].Period)
		assertMoney(t, "10.00", invs[1].Total)
		next, ok := s.NextRenewal(d("2021-11-10"))
		require.True(t, ok)
		assert.Equal(t, "2021-12-10", next.String())
		for day := d("2021-11-01"); day < d("2021-11-10"); day++ {
			assert.False(t, s.Entitled(day), "entitled on %s", day)
		}
		for bp := range s.Periods(pp("2021-11-01", "2021-11-10")) {
			assert.False(t, bp.Period.Overlaps(pp("2021-11-01", "2021-11-10")), "period %s during the suspension", bp.Period)
		}
	})

	t.Run("S-05", func(t *testing.T) {
		m := must(t)
		s := m(base(t).TerminateNow(d("2021-10-15")))
		before, err := s.Timeline(pp("2021-10-01", "2022-01-01"), d("2021-10-20"))
		require.NoError(t, err)
		s2, err := s.Restart(d("2021-10-20"))
		require.ErrorIs(t, err, subscription.ErrTerminated)
		assert.Contains(t, err.Error(), "2021-10-20")
		after, err := s2.Timeline(pp("2021-10-01", "2022-01-01"), d("2021-10-20"))
		require.NoError(t, err)
		assert.Equal(t, before, after, "a refused restart changes nothing")
		assert.Equal(t, subscription.Terminated, s.StatusOn(d("2021-10-20")).State)
		end, ok := s.TerminationDate()
		assert.True(t, ok)
		assert.Equal(t, "2021-10-15", end.String())
	})

	t.Run("V-01", func(t *testing.T) {
		good := `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}},"retry":{"attempts":0}},` +
			`"start":"2021-10-01","events":[{"kind":"suspend","date":"2021-10-15","reason":"by_business"}]}`
		var s subscription.Subscription
		require.NoError(t, json.Unmarshal([]byte(good), &s))
		for _, bad := range []string{"2021-02-30", "2021-13-01", "2023-02-29"} {
			for _, field := range []string{`"start":"2021-10-01"`, `"date":"2021-10-15"`} {
				key := field[:strings.Index(field, ":")]
				in := strings.Replace(good, field, key+`:"`+bad+`"`, 1)
				err := json.Unmarshal([]byte(in), &s)
				require.Error(t, err, "%s = %s", key, bad)
				assert.ErrorIs(t, err, period.ErrInvalidDate, "%s = %s", key, bad)
				assert.Contains(t, err.Error(), bad)
			}
		}
	})

	// Base for W-*: monthly from 2025-01-15, 12 periods at 49.00.
	gym := func(t *testing.T, price string) subscription.Subscription {
		p := monthly(price)
		p.Periods = 12
		return newSub(t, p, "2025-01-15")
	}
	t.Run("W-01", func(t *testing.T) {
		s := must(t)(gym(t, "49.00").AddWholePeriodPause(d("2025-03-01"),
			pause.WholePeriod{Periods: []period.Period{pp("2025-04-15", "2025-05-15")}, Reason: "travel"}))
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, "2026-02-15", end.String())
		invs := invoicesOf(t, s, "2025-01-01", "2027-01-01")
		assert.Equal(t, []string{"2025-01-15", "2025-02-15", "2025-03-15", "2025-05-15", "2025-06-15", "2025-07-15",
			"2025-08-15", "2025-09-15", "2025-10-15", "2025-11-15", "2025-12-15", "2026-01-15"}, issueDates(invs))
		assertMoney(t, "588.00", total(t, invs))
		assert.Equal(t, subscription.Paused, s.StatusOn(d("2025-04-20")).State)
		assert.False(t, s.Entitled(d("2025-04-15")))
	})
	t.Run("W-02", func(t *testing.T) {
		s := must(t)(gym(t, "49.00").AddWholePeriodPause(d("2025-03-01"),
			pause.WholePeriod{Periods: []period.Period{pp("2025-04-15", "2025-05-15")}, Reason: "travel", SkipOnly: true}))
		end, _ := s.TerminationDate()
		assert.Equal(t, "2026-01-15", end.String())
		invs := invoicesOf(t, s, "2025-01-01", "2027-01-01")
		assert.Len(t, invs, 11)
		assertMoney(t, "539.00", total(t, invs))
	})
	t.Run("W-06", func(t *testing.T) {
		s := gym(t, "49.00")
		_, err := s.AddWholePeriodPause(d("2025-04-20"), pause.WholePeriod{Periods: []period.Period{pp("2025-04-15", "2025-05-15")}, Reason: "travel"})
		require.ErrorIs(t, err, subscription.ErrPeriodInvoiced)
		assert.Contains(t, err.Error(), "2025-04-15")
		_, err = s.AddWholePeriodPause(d("2025-04-20"), pause.WholePeriod{Periods: []period.Period{pp("2025-05-15", "2025-06-15")}, Reason: "travel"})
		require.NoError(t, err)
	})

	flex := pause.Flexible{Days: pp("2025-03-10", "2025-04-21"), Reason: "injury"}
	t.Run("F-01", func(t *testing.T) {
		s := gym(t, "30.00")
		touched := slices.Collect(s.PreviewFlexiblePause(flex.Days))
		require.Len(t, touched, 3)
		want := []struct {
			p           period.Period
			paused, all int
		}{{pp("2025-02-15", "2025-03-15"), 5, 28}, {pp("2025-03-15", "2025-04-15"), 31, 31}, {pp("2025-04-15", "2025-05-15"), 6, 30}}
		days := 0
		for i, w := range want {
			assert.Equal(t, w.p, touched[i].Period)
			assert.Equal(t, w.paused, touched[i].PausedDays, "paused days of %s", w.p)
			assert.Equal(t, w.all, touched[i].Days)
			days += touched[i].PausedDays
		}
		assert.Equal(t, 42, days)
		s = must(t)(s.AddFlexiblePause(d("2025-03-01"), flex))
		invs := invoicesOf(t, s, "2025-01-01", "2027-01-01")
		require.Len(t, invs, 12)
		for _, inv := range invs {
			assertMoney(t, "30.00", inv.Total)
		}
		end, _ := s.TerminationDate()
		assert.Equal(t, "2026-01-15", end.String())
		assert.False(t, s.Entitled(d("2025-03-10")))
		assert.False(t, s.Entitled(d("2025-04-20")))
		assert.True(t, s.Entitled(d("2025-03-09")))
		assert.True(t, s.Entitled(d("2025-04-21")))
	})
	t.Run("F-02", func(t *testing.T) {
		f := flex
		price := eur("30.00")
		f.Extension = pause.Extension{Periods: 2, Amount: &price}
		s := must(t)(gym(t, "30.00").AddFlexiblePause(d("2025-03-01"), f))
		end, _ := s.TerminationDate()
		assert.Equal(t, "2026-03-15", end.String())
		invs := invoicesOf(t, s, "2025-01-01", "2027-01-01")
		require.Len(t, invs, 14)
		assert.Equal(t, "2026-01-15", invs[12].IssueDate.String())
		assert.Equal(t, "2026-02-15", invs[13].IssueDate.String())
		assert.Equal(t, invoice.LineExtension, invs[13].Lines[0].Kind)
		assertMoney(t, "420.00", total(t, invs))
	})

	// Base for Y-*: monthly from 2024-03-01 at 10.00; the charge due
	// 2024-04-01 fails.
	payer := func(t *testing.T, attempts int) subscription.Subscription {
		p := monthly("10.00")
		p.Retry = retry.Policy{Attempts: attempts}
		s := newSub(t, p, "2024-03-01")
		return must(t)(s.RecordPaymentFailure(d("2024-04-01"), d("2024-04-01")))
	}
	t.Run("Y-01", func(t *testing.T) {
		m := must(t)
		s := payer(t, 5)
		s = m(s.RecordPaymentFailure(d("2024-04-02"), d("2024-04-01")))
		s = m(s.RecordPayment(d("2024-04-03"), d("2024-04-01")))
		for day := d("2024-03-01"); day < d("2024-06-01"); day++ {
			assert.True(t, s.Entitled(day), "not entitled on %s", day)
		}
		assert.Equal(t, subscription.PastDue, s.StatusOn(d("2024-04-02")).State)
		assert.Equal(t, subscription.Active, s.StatusOn(d("2024-04-03")).State)
		invs := invoicesOf(t, s, "2024-04-01", "2024-04-02")
		require.Len(t, invs, 1)
		assert.Equal(t, pp("2024-04-01", "2024-05-01"), invs[0].Period)
		assertMoney(t, "10.00", invs[0].Total)
		next, _ := s.NextRenewal(d("2024-04-03"))
		assert.Equal(t, "2024-05-01", next.String())
	})
	t.Run("Y-02", func(t *testing.T) {
		m := must(t)
		s := payer(t, 3)
		for _, a := range []string{"2024-04-02", "2024-04-03", "2024-04-04"} {
			s = m(s.RecordPaymentFailure(d(a), d("2024-04-01")))
		}
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, "2024-04-04", end.String())
		assert.Equal(t, subscription.Terminated, s.StatusOn(d("2024-04-04")).State)
		for day := d("2024-04-01"); day < d("2024-04-04"); day++ {
			assert.True(t, s.Entitled(day), "not entitled on %s", day)
		}
		assert.False(t, s.Entitled(d("2024-04-04")))
		assertNoAttemptAfter(t, s, d("2024-04-04"))
	})
	t.Run("Y-04", func(t *testing.T) {
		s := payer(t, 0)
		end, ok := s.TerminationDate()
		require.True(t, ok)
		assert.Equal(t, "2024-04-01", end.String())
		assert.False(t, s.Entitled(d("2024-04-01")))
		assertNoAttemptAfter(t, s, d("2024-04-01"))
		rp := slices.Collect(s.RetryPeriods())
		require.Len(t, rp, 1)
		assert.Empty(t, rp[0].Attempts)
	})
}

func assertNoAttemptAfter(t *testing.T, s subscription.Subscription, end date.Date) {
	t.Helper()
	for rp := range s.RetryPeriods() {
		for _, a := range rp.Attempts {
			if a.State == retry.Planned {
				assert.Less(t, int64(a.On), int64(end), "attempt planned on %s, after the end %s", a.On, end)
			}
		}
		assert.False(t, rp.Next != nil, "next attempt %s planned after the end", rp.Next)
	}
}

var _ = errors.Is

// dp returns a pointer to the date d(s), for the optional dates of events.
func dp(s string) *date.Date { v := d(s); return &v }

// collect returns the invoices of seq, or its error.
func collect(seq iter.Seq2[invoice.Invoice, error]) ([]invoice.Invoice, error) {
	var out []invoice.Invoice
	for inv, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
