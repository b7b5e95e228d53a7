package subscription_test

import (
	"strings"
	"testing"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Dates and amounts of the corpus.
var (
	hDay     = period.MustParseDate
	hMinInt  = date.Date(-1 << 63)
	hMaxInt  = date.Date(1<<63 - 1)
	hYear0   = date.New(0, time.June, 1)
	hY10000  = period.MaxDate + 1
	hStart   = hDay("2025-01-15")
	hEUR     = func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	hUSD     = func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.USD) }
	hLongRef = strings.Repeat("r", subscription.MaxRefLen+1)
	hNotUTF8 = "caf\xe9"
)

// hPer returns the period [start, end).
func hPer(start, end string) period.Period { return period.Period{Start: hDay(start), End: hDay(end)} }

// hPlan returns the corpus's plan: 30.00 EUR a month for 12 months, two
// seats in use of one included at 5.00 each, a towel included, three
// attempts after a failed charge.
func hPlan() subscription.Plan {
	seat := hEUR("5.00")
	return subscription.Plan{Name: "Gym", Every: period.Monthly, Periods: 12, Retry: retry.Policy{Attempts: 3},
		Price: invoice.Price{Recurring: hEUR("30.00"), Features: []invoice.Feature{
			{Name: "seats", Kind: invoice.Limitation, QuantityIncluded: 1, QuantityCurrent: 2, UnitPrice: &seat},
			{Name: "towel", Kind: invoice.OnOff, Included: true},
		}}}
}

// hPlanWith returns hPlan changed by fn.
func hPlanWith(fn func(p *subscription.Plan)) subscription.Plan {
	p := hPlan()
	fn(&p)
	return p
}

// hTerms returns the corpus's terms: hPlan from 2025-01-15.
func hTerms() subscription.Terms {
	return subscription.Terms{Plan: hPlan(), Start: hStart, Buyer: "acme", Beneficiary: "bob"}
}

// hNew returns a case body calling New with hTerms changed by fn.
func hNew(fn func(t *subscription.Terms)) func() error {
	return func() error {
		t := hTerms()
		fn(&t)
		_, err := subscription.New(t)
		return err
	}
}

// hNewPlan returns a case body calling New with hTerms and plan p.
func hNewPlan(p subscription.Plan) func() error {
	return hNew(func(t *subscription.Terms) { t.Plan = p })
}

// hostileFixtures are the subscriptions the commands of the corpus are
// given to. All start on 2025-01-15, monthly, unless said otherwise.
type hostileFixtures struct {
	base       subscription.Subscription // hPlan: 12 periods, no event
	open       subscription.Subscription // without end
	paused     subscription.Subscription // pause 0: [04-01, 04-10) flexible; pause 1: [06-15, 07-15) whole
	suspended  subscription.Subscription // suspended on 2025-03-01
	scheduled  subscription.Subscription // suspension scheduled on 03-01 for 03-15
	terminated subscription.Subscription // terminated on 2025-03-01
	ending     subscription.Subscription // terminating mid-period on 2025-06-20
	failed     subscription.Subscription // the charge of 2025-02-15 failed
	smart      subscription.Subscription // idem, attempts on D+1, D+3, D+5
	later      subscription.Subscription // an event on 2025-06-01
	policy     subscription.Subscription // pauses of at most 30 days, 7 days' notice
	freeTrial  subscription.Subscription // a free trial of one period
	stub       subscription.Subscription // anchored on 2025-02-01
	nearEnd    subscription.Subscription // from 9990-01-01, ending on 9999-12-01
	openLate   subscription.Subscription // from 9999-01-15, without end
}

// hostileSetup builds the fixtures; each must be accepted.
func hostileSetup(t *testing.T) hostileFixtures {
	t.Helper()
	ok := func(s subscription.Subscription, err error) subscription.Subscription {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return s
	}
	with := func(fn func(t *subscription.Terms)) subscription.Subscription {
		tm := hTerms()
		fn(&tm)
		return ok(subscription.New(tm))
	}
	var fx hostileFixtures
	fx.base = with(func(*subscription.Terms) {})
	fx.open = with(func(t *subscription.Terms) { t.Plan.Periods = 0 })
	fx.paused = ok(fx.base.AddFlexiblePause(hDay("2025-02-01"), pause.Flexible{Days: hPer("2025-04-01", "2025-04-10"), Reason: "injury"}))
	fx.paused = ok(fx.paused.AddWholePeriodPause(hDay("2025-02-01"), pause.WholePeriod{Periods: []period.Period{hPer("2025-06-15", "2025-07-15")}, Reason: "travel"}))
	fx.suspended = ok(fx.base.Suspend(hDay("2025-03-01"), subscription.ByBusiness))
	fx.scheduled = ok(fx.base.ScheduleSuspension(hDay("2025-03-01"), hDay("2025-03-15"), subscription.ByBusiness))
	fx.terminated = ok(fx.base.TerminateNow(hDay("2025-03-01")))
	fx.ending = ok(fx.base.TerminateOn(hDay("2025-02-01"), hDay("2025-06-20")))
	fx.failed = ok(fx.base.RecordPaymentFailure(hDay("2025-02-15"), hDay("2025-02-15")))
	fx.smart = with(func(t *subscription.Terms) { t.Plan.Retry = retry.Policy{Attempts: 3, Offsets: []int{1, 3, 5}} })
	fx.smart = ok(fx.smart.RecordPaymentFailure(hDay("2025-02-15"), hDay("2025-02-15")))
	fx.later = ok(fx.base.InvalidatePaymentMethod(hDay("2025-06-01")))
	fx.policy = with(func(t *subscription.Terms) { t.Plan.Pauses = pause.Policy{MaxDays: 30, NoticeDays: 7} })
	fx.freeTrial = with(func(t *subscription.Terms) { t.Plan.Trial.Periods = 1 })
	fx.stub = with(func(t *subscription.Terms) { a := hDay("2025-02-01"); t.Anchor = &a })
	fx.nearEnd = with(func(t *subscription.Terms) { t.Start, t.Plan.Periods = hDay("9990-01-01"), 119 })
	fx.openLate = with(func(t *subscription.Terms) { t.Start, t.Plan.Periods = hDay("9999-01-15"), 0 })
	return fx
}

// sub is a command on a subscription, for the case tables.
type hostileCommand = func(s subscription.Subscription) (subscription.Subscription, error)

// hostileLifecycle: suspensions, restarts and terminations dated before
// the start, out of order, beyond 9999-12-31, effective before the
// command, with reasons and credit policies that do not exist.
func hostileLifecycle(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-03-01")
	for _, tc := range []struct {
		name string
		s    subscription.Subscription
		want error
		msg  string
		cmd  hostileCommand
	}{
		{"suspend before the start", fx.base, subscription.ErrBeforeStart, "2025-01-14", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(hStart-1, subscription.ByBusiness)
		}},
		{"suspend on MinInt64", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(hMinInt, subscription.ByBusiness)
		}},
		{"suspend on 0001-01-01", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(period.MinDate, subscription.ByBusiness)
		}},
		{"suspend on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "9999-12-31", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(hY10000, subscription.ByBusiness)
		}},
		{"suspend on MaxInt64", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(hMaxInt, subscription.ByBusiness)
		}},
		{"suspend for reason 0", fx.base, subscription.ErrInvalidEvent, "field reason is required", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Suspend(on, 0) }},
		{"suspend for reason 200", fx.base, subscription.ErrInvalidEvent, "reason(200)", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Suspend(on, 200) }},
		{"suspend for reason 4", fx.base, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Suspend(on, 4) }},
		{"suspend twice", fx.suspended, subscription.ErrInvalidTransition, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(hDay("2025-03-05"), subscription.ByBusiness)
		}},
		{"suspend out of order", fx.later, subscription.ErrOutOfOrder, "2025-06-01", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(hDay("2025-05-01"), subscription.ByBusiness)
		}},
		{"schedule effective on the command's date", fx.base, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, on, subscription.ByBusiness)
		}},
		{"schedule effective before the command", fx.base, subscription.ErrInvalidEvent, "2025-02-01", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, hDay("2025-02-01"), subscription.ByBusiness)
		}},
		{"schedule effective MinInt64", fx.base, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, hMinInt, subscription.ByBusiness)
		}},
		{"schedule effective 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, hY10000, subscription.ByBusiness)
		}},
		{"schedule effective MaxInt64", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, hMaxInt, subscription.ByBusiness)
		}},
		{"schedule for reason 0", fx.base, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, hDay("2025-03-15"), 0)
		}},
		{"schedule while suspended", fx.suspended, subscription.ErrInvalidTransition, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(hDay("2025-03-05"), hDay("2025-03-15"), subscription.ByBusiness)
		}},
		{"cancel a suspension never scheduled", fx.base, subscription.ErrNotSuspended, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.CancelSuspension(on) }},
		{"cancel a suspension before the start", fx.scheduled, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.CancelSuspension(hStart - 1)
		}},
		{"cancel a suspension that took effect", fx.scheduled, subscription.ErrNotSuspended, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.CancelSuspension(hDay("2025-03-20"))
		}},
		{"restart when not suspended", fx.base, subscription.ErrNotSuspended, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(on) }},
		{"restart before the suspension", fx.suspended, subscription.ErrOutOfOrder, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Restart(hDay("2025-02-20"))
		}},
		{"restart on 10000-01-01", fx.suspended, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(hY10000) }},
		{"restart on MaxInt64", fx.suspended, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(hMaxInt) }},
	} {
		c.addMsg(tc.name, tc.want, tc.msg, hCmd(tc.s, tc.cmd))
	}
	hostileTerminations(c, fx)
}

// hostileTerminations: terminations effective before the command, after
// 9999-12-31, after the end already planned; credit policies that do not
// exist.
func hostileTerminations(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-03-01")
	type cmd = hostileCommand
	for _, tc := range []struct {
		name string
		s    subscription.Subscription
		want error
		msg  string
		cmd  cmd
	}{
		{"terminate on a day before the command", fx.base, subscription.ErrInvalidEvent, "2025-02-28", func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateOn(on, on-1) }},
		{"terminate on MinInt64", fx.base, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(on, hMinInt)
		}},
		{"terminate on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(on, hY10000)
		}},
		{"terminate on MaxInt64", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(on, hMaxInt)
		}},
		{"terminate on after the term", fx.base, subscription.ErrInvalidTransition, "2026-01-15", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(on, hDay("2026-06-01"))
		}},
		{"terminate on after the planned end", fx.ending, subscription.ErrInvalidTransition, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(on, hDay("2025-07-01"))
		}},
		{"terminate now on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateNow(hY10000) }},
		{"terminate now before the start", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNow(hStart - 1)
		}},
		{"terminate now on MinInt64", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateNow(hMinInt) }},
		{"terminate at period end in 9999-12", fx.open, subscription.ErrInvalidEvent, "after 9999-12-31", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateAtPeriodEnd(hDay("9999-12-20"))
		}},
		{"terminate at period end on MaxInt64", fx.open, subscription.ErrInvalidEvent, "after 9999-12-31", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateAtPeriodEnd(hMaxInt)
		}},
		{"terminate at period end before the start", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateAtPeriodEnd(hStart - 1)
		}},
		{"terminate at period end on MinInt64", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateAtPeriodEnd(hMinInt)
		}},
		{"terminate near 9999 on 10000-01-01", fx.nearEnd, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateOn(hDay("9999-01-01"), hY10000)
		}},
		{"cancel a termination never planned", fx.base, subscription.ErrInvalidTransition, "", func(s subscription.Subscription) (subscription.Subscription, error) { return s.CancelTermination(on) }},
		{"cancel a termination out of order", fx.ending, subscription.ErrOutOfOrder, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.CancelTermination(hDay("2025-01-20"))
		}},
		{"terminate with credit 0", fx.base, subscription.ErrInvalidEvent, "credit policy(0)", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNowWithCredit(on, 0)
		}},
		{"terminate with credit 200", fx.base, subscription.ErrInvalidEvent, "credit policy(200)", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNowWithCredit(on, 200)
		}},
		{"terminate with credit 4", fx.base, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNowWithCredit(on, 4)
		}},
		{"terminate with credit before the start", fx.base, subscription.ErrBeforeStart, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNowWithCredit(hStart-1, subscription.FullCredit)
		}},
		{"terminate with credit on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNowWithCredit(hY10000, subscription.ProratedCredit)
		}},
		{"invalidate the payment method on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.InvalidatePaymentMethod(hY10000)
		}},
		{"invalidate the payment method out of order", fx.later, subscription.ErrOutOfOrder, "", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.InvalidatePaymentMethod(hDay("2025-05-31"))
		}},
		{"update the payment method on the zero date", fx.base, subscription.ErrBeforeStart, "0001-01-01", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.UpdatePaymentMethod(date.Date(0))
		}},
	} {
		c.addMsg(tc.name, tc.want, tc.msg, hCmd(tc.s, tc.cmd))
	}
}
