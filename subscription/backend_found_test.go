package subscription_test

import (
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// agreesDayByDay checks, from the start to limit, that the invoices of each
// day are those of the whole span issued that day, and that NextAction
// walks to every day with an action: what a daily job asking for its day
// relies on.
func agreesDayByDay(t *testing.T, s subscription.Subscription, limit string) {
	t.Helper()
	span := period.Period{Start: s.Start(), End: d(limit)}
	whole := map[date.Date]int{}
	for inv, err := range s.Invoices(span) {
		require.NoError(t, err)
		whole[inv.IssueDate]++
	}
	for day := span.Start; day < span.End; day++ {
		n := 0
		for _, err := range s.Invoices(period.Period{Start: day, End: day + 1}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, whole[day], n, "invoices issued on %s", day)
	}
	var visited []date.Date
	for day, ok := span.Start-1, true; ok && day < span.End; day, ok = s.NextAction(day) {
		visited = append(visited, day)
	}
	for day := range whole {
		assert.Contains(t, visited, day, "NextAction walks to the invoices of %s", day)
	}
}

// TestBackendFindings pins what examples/backend's walk found: documents
// a day's view or NextAction missed after changes inside a period.
func TestBackendFindings(t *testing.T) {
	m := must(t)
	arrears := monthly("10.00")
	arrears.Billing = subscription.InArrears
	t.Run("two changes now on one day in arrears", func(t *testing.T) {
		s := newSub(t, arrears, "2020-01-01")
		twenty := arrears
		twenty.Price.Recurring = eur("20.00")
		s = m(s.ChangePlanNow(d("2020-01-10"), twenty, subscription.ProrateNow))
		s = m(s.ChangePlanNow(d("2020-01-10"), arrears, subscription.ProrateNow))
		agreesDayByDay(t, s, "2020-04-01")
		next, ok := s.NextAction(d("2020-01-10"))
		require.True(t, ok)
		assert.Equal(t, "2020-02-01", next.String(), "the stub [2020-01-01, 2020-01-10) is issued at its period's end")
	})
	t.Run("a late payment that restarts the period, then a change, in arrears", func(t *testing.T) {
		p := arrears
		p.Every = period.Weekly
		p.Retry = retry.Policy{Attempts: 1, LatePayment: retry.RestartOnPayment}
		s := newSub(t, p, "2020-01-01")
		s = m(s.RecordPaymentFailure(d("2020-01-08"), d("2020-01-08")))
		s = m(s.RecordPayment(d("2020-01-09"), d("2020-01-08")))
		q := p
		q.Price.Recurring = eur("20.00")
		s = m(s.ChangePlanNow(d("2020-01-09"), q, subscription.ProrateNow))
		agreesDayByDay(t, s, "2020-03-01")
	})
	t.Run("a change now in arrears", func(t *testing.T) {
		twenty := arrears
		twenty.Price.Recurring = eur("20.00")
		s := m(newSub(t, arrears, "2020-01-01").ChangePlanNow(d("2020-01-10"), twenty, subscription.ProrateNow))
		agreesDayByDay(t, s, "2020-04-01")
	})
	t.Run("carried lines while a suspension is scheduled", func(t *testing.T) {
		s := m(newSub(t, monthly("10.00"), "2020-01-01").ScheduleSuspension(d("2020-01-01"), d("2020-01-03"), subscription.ByBusiness))
		s = m(s.ChangePlanNow(d("2020-01-02"), monthly("20.00"), subscription.ProrateAtRenewal))
		agreesDayByDay(t, s, "2020-04-01")
	})
	t.Run("a restart on the anchor after a suspension in the stub", func(t *testing.T) {
		anchor := d("2020-01-04")
		s, err := subscription.New(subscription.Terms{Plan: monthly("10.00"), Start: d("2020-01-01"), Anchor: &anchor})
		require.NoError(t, err)
		s = m(s.Suspend(d("2020-01-02"), subscription.ByBusiness))
		s = m(s.Restart(anchor))
		agreesDayByDay(t, s, "2020-04-01")
	})
}
