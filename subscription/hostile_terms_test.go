package subscription_test

import (
	"math"
	"strings"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// hostileTerms: starts and anchors at and beyond the bounds of the
// calendar, anchors that contradict the start or the trial, terms that end
// after 9999-12-31, buyers and beneficiaries that are not short UTF-8.
func hostileTerms(c *hostileCorpus) {
	bad := subscription.ErrInvalidTerms
	start := func(d date.Date) func() error { return hNew(func(t *subscription.Terms) { t.Start = d }) }
	anchor := func(d date.Date) func() error { return hNew(func(t *subscription.Terms) { t.Anchor = &d }) }
	c.add("start date.Min()", bad, start(date.Min()))
	c.add("start date.Max()", bad, start(date.Max()))
	c.add("start MinInt64", bad, start(hMinInt))
	c.add("start MaxInt64", bad, start(hMaxInt))
	c.addMsg("start in year 0000", bad, "0000-06-01", start(hYear0))
	c.add("start 0000-12-31", bad, start(period.MinDate-1))
	c.add("start 10000-01-01", bad, start(hY10000))
	c.add("start 9999-12-01, 12 periods", bad, start(hDay("9999-12-01")))
	c.add("start 9999-12-31, 12 periods", bad, start(period.MaxDate))
	c.add("anchor before the start", bad, anchor(hStart-1))
	c.add("anchor one period after the start", bad, anchor(hDay("2025-02-15")))
	c.add("anchor a year after the start", bad, anchor(hDay("2026-01-15")))
	c.add("anchor MinInt64", bad, anchor(hMinInt))
	c.add("anchor MaxInt64", bad, anchor(hMaxInt))
	c.add("anchor date.Min()", bad, anchor(date.Min()))
	c.add("anchor 10000-01-01 from 9999-12-20", bad, hNew(func(t *subscription.Terms) {
		t.Start, t.Plan.Periods = hDay("9999-12-20"), 0
		a := hY10000
		t.Anchor = &a
	}))
	c.addMsg("anchor with a trial in days", bad, "2025-01-20", hNew(func(t *subscription.Terms) {
		t.Plan.Trial.Days = 14
		a := hDay("2025-01-20")
		t.Anchor = &a
	}))
	c.add("anchor at the start with a trial in days", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Trial.Days = 14
		a := hStart
		t.Anchor = &a
	}))
	c.add("term of MaxPeriods months", bad, hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Periods = subscription.MaxPeriods })))
	c.add("daily term of MaxPeriods from 0001-01-01", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Every, t.Plan.Periods, t.Plan.Retry, t.Start = period.Daily, subscription.MaxPeriods, retry.Policy{}, period.MinDate
	}))
	c.add("yearly term of 1 from 9999-01-01", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Every, t.Plan.Periods, t.Start = period.Yearly, 1, hDay("9999-01-01")
	}))
	c.add("monthly term of 120 from 9990-01-01", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Periods, t.Start = 120, hDay("9990-01-01")
	}))
	c.add("trial of MaxPeriods months, no term", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Periods, t.Plan.Trial.Periods = 0, subscription.MaxPeriods
	}))
	c.add("trial of MaxTrialDays from 9950-01-01", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Periods, t.Plan.Trial.Days, t.Start = 0, subscription.MaxTrialDays, hDay("9950-01-01")
	}))
	c.add("trial of 14 days from 9999-12-25", bad, hNew(func(t *subscription.Terms) {
		t.Plan.Periods, t.Plan.Trial.Days, t.Start = 0, 14, hDay("9999-12-25")
	}))
	long := strings.Repeat("b", subscription.MaxRefLen+1)
	c.addMsg("buyer too long", bad, "257 bytes", hNew(func(t *subscription.Terms) { t.Buyer = long }))
	c.add("buyer not UTF-8", bad, hNew(func(t *subscription.Terms) { t.Buyer = hNotUTF8 }))
	c.add("beneficiary too long", bad, hNew(func(t *subscription.Terms) { t.Beneficiary = long }))
	c.add("beneficiary not UTF-8", bad, hNew(func(t *subscription.Terms) { t.Beneficiary = "\xff\xfe" }))
	c.add("zero Terms", subscription.ErrInvalidPlan, hNew(func(t *subscription.Terms) { *t = subscription.Terms{} }))
	c.add("Replay with invalid terms", bad, func() error {
		t := hTerms()
		t.Start = hY10000
		_, err := subscription.Replay(t, func(func(subscription.Event) bool) {})
		return err
	})
}

// hostilePlans: counts at and beyond their bounds, trials that contradict
// the term, amounts in another currency or below zero, recurrences,
// retry policies, suspension rules and pause policies that cannot work.
func hostilePlans(c *hostileCorpus) {
	bad := subscription.ErrInvalidPlan
	plan := func(name string, fn func(p *subscription.Plan)) { c.add(name, bad, hNewPlan(hPlanWith(fn))) }
	planMsg := func(name, msg string, fn func(p *subscription.Plan)) {
		c.addMsg(name, bad, msg, hNewPlan(hPlanWith(fn)))
	}
	planMsg("periods MaxInt", "9223372036854775807", func(p *subscription.Plan) { p.Periods = math.MaxInt })
	plan("periods MinInt", func(p *subscription.Plan) { p.Periods = math.MinInt })
	planMsg("periods 1<<40", "1099511627776", func(p *subscription.Plan) { p.Periods = 1 << 40 })
	plan("periods MaxPeriods+1", func(p *subscription.Plan) { p.Periods = subscription.MaxPeriods + 1 })
	plan("periods -1", func(p *subscription.Plan) { p.Periods = -1 })
	plan("trial periods MaxInt", func(p *subscription.Plan) { p.Periods, p.Trial.Periods = 0, math.MaxInt })
	plan("trial periods 1<<40", func(p *subscription.Plan) { p.Periods, p.Trial.Periods = 0, 1<<40 })
	plan("trial periods MaxPeriods+1", func(p *subscription.Plan) { p.Periods, p.Trial.Periods = 0, subscription.MaxPeriods+1 })
	plan("trial periods -1", func(p *subscription.Plan) { p.Trial.Periods = -1 })
	plan("trial days MaxInt", func(p *subscription.Plan) { p.Trial.Days = math.MaxInt })
	plan("trial days 1<<40", func(p *subscription.Plan) { p.Trial.Days = 1 << 40 })
	planMsg("trial days MaxTrialDays+1", "36526", func(p *subscription.Plan) { p.Trial.Days = subscription.MaxTrialDays + 1 })
	plan("trial days -1", func(p *subscription.Plan) { p.Trial.Days = -1 })
	plan("trial days MinInt", func(p *subscription.Plan) { p.Trial.Days = math.MinInt })
	plan("trial in days and periods", func(p *subscription.Plan) { p.Trial.Days, p.Trial.Periods = 14, 1 })
	planMsg("trial as long as the term", "12", func(p *subscription.Plan) { p.Trial.Periods = 12 })
	plan("trial longer than the term", func(p *subscription.Plan) { p.Trial.Periods = 13 })
	usd, none, neg := hUSD("1.00"), invoice.Money{}, hEUR("-1.00")
	c.add("trial price in USD", invoice.ErrCurrencyMismatch, hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Trial = subscription.TrialOffer{Periods: 1, Price: &usd} })))
	plan("trial price in USD (plan sentinel)", func(p *subscription.Plan) { p.Trial = subscription.TrialOffer{Periods: 1, Price: &usd} })
	plan("trial price without currency", func(p *subscription.Plan) { p.Trial = subscription.TrialOffer{Days: 7, Price: &none} })
	planMsg("trial price negative", "-1.00", func(p *subscription.Plan) { p.Trial = subscription.TrialOffer{Periods: 1, Price: &neg} })
	plan("zero recurrence", func(p *subscription.Plan) { p.Every = period.Recurrence{} })
	plan("recurrence P0M", func(p *subscription.Plan) { p.Every = period.Recurrence{Every: 0, Unit: period.Month} })
	plan("recurrence P-1M", func(p *subscription.Plan) { p.Every = period.Recurrence{Every: -1, Unit: period.Month} })
	c.add("recurrence P9000Y", period.ErrInvalidRecurrence, hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Every = period.Recurrence{Every: 9000, Unit: period.Year} })))
	plan("recurrence P366000M", func(p *subscription.Plan) { p.Every = period.Recurrence{Every: 366000, Unit: period.Month} })
	plan("recurrence P36501D", func(p *subscription.Plan) { p.Every = period.Recurrence{Every: 36501, Unit: period.Day} })
	plan("recurrence MaxInt weeks", func(p *subscription.Plan) { p.Every = period.Recurrence{Every: math.MaxInt, Unit: period.Week} })
	plan("recurrence unit 9", func(p *subscription.Plan) { p.Every = period.Recurrence{Every: 1, Unit: 9} })
	plan("price without currency", func(p *subscription.Plan) { p.Price = invoice.Price{} })
	plan("price negative", func(p *subscription.Plan) { p.Price.Recurring = hEUR("-30.00") })
	plan("feature unit price in USD", func(p *subscription.Plan) { p.Price.Features[0].UnitPrice = &usd })
	plan("feature quantity -1", func(p *subscription.Plan) { p.Price.Features[0].QuantityCurrent = -1 })
	plan("feature quantity above MaxQuantity", func(p *subscription.Plan) { p.Price.Features[0].QuantityCurrent = invoice.MaxQuantity + 1 })
	c.add("feature at MaxQuantity overflows the invoice", invoice.ErrOutOfRange, hNewPlan(hPlanWith(func(p *subscription.Plan) {
		p.Price.Features[0].QuantityCurrent = invoice.MaxQuantity
	})))
	plan("discount fixed in USD", func(p *subscription.Plan) {
		p.Price.Discounts = []invoice.Discount{{Name: "x", Kind: invoice.Fixed, Amount: usd}}
	})
	plan("discount over 100 %", func(p *subscription.Plan) {
		p.Price.Discounts = []invoice.Discount{{Name: "x", Kind: invoice.Percent, Percent: decimal.NewFromInt(101)}}
	})
	hostilePlanRules(c)
}

// hostilePlanRules: names, billing timings, retry policies, suspension
// rules and pause policies that cannot work.
func hostilePlanRules(c *hostileCorpus) {
	bad := subscription.ErrInvalidPlan
	plan := func(name string, fn func(p *subscription.Plan)) { c.add(name, bad, hNewPlan(hPlanWith(fn))) }
	c.addMsg("name too long", bad, "257 bytes", hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Name = strings.Repeat("n", 257) })))
	plan("name not UTF-8", func(p *subscription.Plan) { p.Name = hNotUTF8 })
	plan("name of a lone continuation byte", func(p *subscription.Plan) { p.Name = "\x80" })
	plan("billing 3", func(p *subscription.Plan) { p.Billing = 3 })
	plan("billing 255", func(p *subscription.Plan) { p.Billing = 255 })
	c.add("retry as long as February", retry.ErrRetryTooLong, hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 28} })))
	plan("retry of 7 attempts, weekly", func(p *subscription.Plan) { p.Every, p.Retry = period.Weekly, retry.Policy{Attempts: 7} })
	plan("retry of 1 attempt, daily", func(p *subscription.Plan) { p.Every, p.Retry = period.Daily, retry.Policy{Attempts: 1} })
	plan("retry offset on day 30, monthly", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 2, Offsets: []int{1, 30}} })
	plan("retry attempts MaxInt", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: math.MaxInt} })
	plan("retry attempts -1", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: -1} })
	plan("retry offsets decreasing", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 3, Offsets: []int{1, 5, 3}} })
	plan("retry offsets repeated", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 2, Offsets: []int{2, 2}} })
	plan("retry offset 0", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 2, Offsets: []int{0, 2}} })
	plan("retry offsets fewer than attempts", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 3, Offsets: []int{1, 2}} })
	plan("retry offset MaxInt", func(p *subscription.Plan) { p.Retry = retry.Policy{Attempts: 1, Offsets: []int{math.MaxInt}} })
	plan("retry on exhausted 99", func(p *subscription.Plan) { p.Retry.OnExhausted = 99 })
	plan("retry late payment 99", func(p *subscription.Plan) { p.Retry.LatePayment = 99 })
	plan("suspension after -1 unpaid", func(p *subscription.Plan) { p.Suspension.UnpaidInvoices = -1 })
	plan("suspension after MaxUnpaidInvoices+1", func(p *subscription.Plan) { p.Suspension.UnpaidInvoices = retry.MaxUnpaidInvoices + 1 })
	c.add("pauses min above max", pause.ErrInvalidPolicy, hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Pauses = pause.Policy{MinDays: 40, MaxDays: 30} })))
	plan("pauses max -1", func(p *subscription.Plan) { p.Pauses.MaxDays = -1 })
	plan("pauses notice MaxPolicyDays+1", func(p *subscription.Plan) { p.Pauses.NoticeDays = pause.MaxPolicyDays + 1 })
	plan("pauses per year MaxInt", func(p *subscription.Plan) { p.Pauses.MaxPausesPerYear = math.MaxInt })
	usd, neg := hUSD("5.00"), hEUR("-5.00")
	c.add("pause fee in USD", invoice.ErrCurrencyMismatch, hNewPlan(hPlanWith(func(p *subscription.Plan) { p.Pauses.Fee = &pause.Fee{Flat: &usd} })))
	plan("pause fee negative", func(p *subscription.Plan) { p.Pauses.Fee = &pause.Fee{Flat: &neg} })
	plan("pause fee flat and percent", func(p *subscription.Plan) {
		f := hEUR("5.00")
		p.Pauses.Fee = &pause.Fee{Flat: &f, Percent: decimal.NewFromInt(10)}
	})
	plan("pause fee of nothing", func(p *subscription.Plan) { p.Pauses.Fee = &pause.Fee{} })
	plan("pause fee 101 %", func(p *subscription.Plan) { p.Pauses.Fee = &pause.Fee{Percent: decimal.NewFromInt(101)} })
	c.add("Validate on the zero Plan", bad, subscription.Plan{}.Validate)
	c.add("Validate on a plan with unit 0", bad, subscription.Plan{Every: period.Recurrence{Every: 1, Unit: 0},
		Price: invoice.Price{Recurring: hEUR("1.00")}}.Validate)
}
