package subscription_test

import (
	"math"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// hostileRow is a command given to a fixture, and the sentinel its error
// must match; msg, when set, is a text its message must contain.
type hostileRow struct {
	name string
	s    subscription.Subscription
	want error
	msg  string
	cmd  hostileCommand
}

// addRows adds the rows as cases.
func (c *hostileCorpus) addRows(rows []hostileRow) {
	for _, r := range rows {
		c.addMsg(r.name, r.want, r.msg, hCmd(r.s, r.cmd))
	}
}

// hFail and hPay are the payment commands of a row.
func hFail(on, due date.Date) hostileCommand {
	return func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.RecordPaymentFailure(on, due)
	}
}

func hPay(on, due date.Date) hostileCommand {
	return func(s subscription.Subscription) (subscription.Subscription, error) { return s.RecordPayment(on, due) }
}

// hostilePayments: payment events for days with nothing due, due dates
// after the command or outside the calendar, the zero date as "unset",
// failures recorded twice, payments after the retry period.
func hostilePayments(c *hostileCorpus, fx hostileFixtures) {
	feb15, zero := hDay("2025-02-15"), date.Date(0)
	c.addRows([]hostileRow{
		{"failure of a day with no invoice", fx.base, subscription.ErrNotDue, "2025-02-20", hFail(hDay("2025-02-20"), hDay("2025-02-20"))},
		{"failure due on the zero date", fx.base, subscription.ErrNotDue, "0001-01-01", hFail(feb15, zero)},
		{"failure on and due the zero date", fx.base, subscription.ErrBeforeStart, "", hFail(zero, zero)},
		{"failure due MinInt64", fx.base, subscription.ErrNotDue, "", hFail(feb15, hMinInt)},
		{"failure due before the start", fx.base, subscription.ErrNotDue, "", hFail(feb15, hStart-1)},
		{"failure due after the command", fx.base, subscription.ErrInvalidEvent, "2025-03-15", hFail(feb15, hDay("2025-03-15"))},
		{"failure due MaxInt64", fx.base, subscription.ErrInvalidEvent, "", hFail(feb15, hMaxInt)},
		{"failure on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", hFail(hY10000, hY10000)},
		{"failure recorded twice", fx.failed, subscription.ErrNotDue, "", hFail(feb15, feb15)},
		{"failure on a day without attempt", fx.smart, retry.ErrNotAttemptDay, "", hFail(hDay("2025-02-17"), feb15)},
		{"failure after the last attempt", fx.failed, retry.ErrNotAttemptDay, "", hFail(hDay("2025-02-25"), feb15)},
		{"failure of an attempt never opened", fx.base, subscription.ErrNotDue, "", hFail(hDay("2025-02-16"), feb15)},
		{"failure of a free trial", fx.freeTrial, subscription.ErrNotDue, "", hFail(hStart, hStart)},
		{"failure of a paused period", fx.paused, subscription.ErrNotDue, "", hFail(hDay("2025-06-15"), hDay("2025-06-15"))},
		{"failure of the stub before the anchor", fx.stub, subscription.ErrNotDue, "", hFail(hDay("2025-01-20"), hDay("2025-01-20"))},
		{"failure while another retry period is open", fx.failed, subscription.ErrInvalidTransition, "", hFail(hDay("2025-03-15"), hDay("2025-03-15"))},
		{"failure out of order", fx.later, subscription.ErrOutOfOrder, "", hFail(hDay("2025-05-15"), hDay("2025-05-15"))},
		{"payment of a charge that never failed", fx.base, subscription.ErrNotDue, "", hPay(hDay("2025-02-20"), feb15)},
		{"payment of a day with no invoice", fx.failed, subscription.ErrNotDue, "2025-02-16", hPay(hDay("2025-02-16"), hDay("2025-02-16"))},
		{"payment due after the command", fx.failed, subscription.ErrInvalidEvent, "", hPay(hDay("2025-02-16"), hDay("2025-03-15"))},
		{"payment due MaxInt64", fx.failed, subscription.ErrInvalidEvent, "", hPay(hDay("2025-02-16"), hMaxInt)},
		{"payment due the zero date", fx.failed, subscription.ErrNotDue, "", hPay(hDay("2025-02-16"), zero)},
		{"payment on and due the zero date", fx.failed, subscription.ErrBeforeStart, "", hPay(zero, zero)},
		{"payment before the failure", fx.failed, subscription.ErrOutOfOrder, "", hPay(hDay("2025-02-14"), hDay("2025-01-15"))},
		{"payment after the last attempt", fx.failed, retry.ErrOutsidePeriod, "", hPay(hDay("2025-03-01"), feb15)},
		{"payment on 10000-01-01", fx.failed, subscription.ErrInvalidEvent, "", hPay(hY10000, feb15)},
	})
}

// hostileChanges: plan changes to plans that cannot work or bill another
// currency, quantities of unknown features or out of bounds, proration
// policies that do not exist, discounts that are not.
func hostileChanges(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-03-01")
	usd := hPlanWith(func(p *subscription.Plan) { p.Price = invoice.Price{Recurring: hUSD("30.00")} })
	p0m := hPlanWith(func(p *subscription.Plan) { p.Every = period.Recurrence{Unit: period.Month} })
	huge := hPlanWith(func(p *subscription.Plan) { p.Periods = math.MaxInt })
	p9000y := hPlanWith(func(p *subscription.Plan) { p.Every = period.Recurrence{Every: 9000, Unit: period.Year} })
	yearly := hPlanWith(func(p *subscription.Plan) { p.Every, p.Periods = period.Yearly, 2 })
	atRenewal := func(on date.Date, p subscription.Plan) hostileCommand {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanAtRenewal(on, p)
		}
	}
	now := func(on date.Date, p subscription.Plan, pol subscription.ProrationPolicy) hostileCommand {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanNow(on, p, pol)
		}
	}
	qty := func(on date.Date, f string, q int64, pol subscription.ProrationPolicy) hostileCommand {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangeQuantity(on, f, q, pol)
		}
	}
	pn := subscription.ProrateNow
	c.addRows([]hostileRow{
		{"at renewal: P0M", fx.base, subscription.ErrInvalidPlan, "", atRenewal(on, p0m)},
		{"at renewal: in USD", fx.base, subscription.ErrInvalidPlan, "USD", atRenewal(on, usd)},
		{"at renewal: in USD (mismatch)", fx.base, invoice.ErrCurrencyMismatch, "", atRenewal(on, usd)},
		{"at renewal: MaxInt periods", fx.base, subscription.ErrInvalidPlan, "", atRenewal(on, huge)},
		{"at renewal: the zero plan", fx.base, subscription.ErrInvalidPlan, "", atRenewal(on, subscription.Plan{})},
		{"at renewal: a term past 9999", fx.nearEnd, subscription.ErrInvalidEvent, "", atRenewal(hDay("9999-01-01"), yearly)},
		{"at renewal: on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", atRenewal(hY10000, hPlan())},
		{"now: in USD", fx.base, subscription.ErrInvalidPlan, "USD", now(on, usd, pn)},
		{"now: P9000Y", fx.base, subscription.ErrInvalidPlan, "", now(on, p9000y, pn)},
		{"now: MaxInt periods", fx.base, subscription.ErrInvalidPlan, "", now(on, huge, pn)},
		{"now: policy 0", fx.base, subscription.ErrInvalidEvent, "field proration is required", now(on, hPlan(), 0)},
		{"now: policy 200", fx.base, subscription.ErrInvalidEvent, "proration policy(200)", now(on, hPlan(), 200)},
		{"now: while suspended", fx.suspended, subscription.ErrInvalidTransition, "", now(hDay("2025-03-05"), hPlan(), pn)},
		{"now: before the start", fx.base, subscription.ErrBeforeStart, "", now(hStart-1, hPlan(), pn)},
		{"now: on 10000-01-01", fx.open, subscription.ErrInvalidEvent, "", now(hY10000, hPlan(), pn)},
		{"now: a yearly term past 9999", fx.nearEnd, subscription.ErrInvalidEvent, "", now(hDay("9999-06-01"), yearly, pn)},
		{"quantity: unknown feature", fx.base, subscription.ErrInvalidEvent, "lockers", qty(on, "lockers", 3, pn)},
		{"quantity: an on/off feature", fx.base, subscription.ErrInvalidEvent, "", qty(on, "towel", 3, pn)},
		{"quantity: feature in another case", fx.base, subscription.ErrInvalidEvent, "", qty(on, "Seats", 3, pn)},
		{"quantity: no feature", fx.base, subscription.ErrInvalidEvent, "", qty(on, "", 3, pn)},
		{"quantity: feature not UTF-8", fx.base, subscription.ErrInvalidEvent, "", qty(on, "se\xffts", 3, pn)},
		{"quantity: -1", fx.base, subscription.ErrInvalidEvent, "-1", qty(on, "seats", -1, pn)},
		{"quantity: MinInt64", fx.base, subscription.ErrInvalidEvent, "", qty(on, "seats", math.MinInt64, pn)},
		{"quantity: MaxQuantity+1", fx.base, subscription.ErrInvalidEvent, "1000000000000001", qty(on, "seats", invoice.MaxQuantity+1, pn)},
		{"quantity: MaxInt64", fx.base, subscription.ErrInvalidEvent, "", qty(on, "seats", math.MaxInt64, pn)},
		{"quantity: MaxQuantity overflows the invoice", fx.base, invoice.ErrOutOfRange, "", qty(on, "seats", invoice.MaxQuantity, subscription.NoProration)},
		{"quantity: policy 0", fx.base, subscription.ErrInvalidEvent, "", qty(on, "seats", 3, 0)},
		{"quantity: policy 9", fx.base, subscription.ErrInvalidEvent, "", qty(on, "seats", 3, 9)},
		{"quantity: while suspended", fx.suspended, subscription.ErrInvalidTransition, "", qty(hDay("2025-03-05"), "seats", 3, pn)},
	})
	hostileDiscounts(c, fx)
}

// hostileDiscounts: discounts granted that cannot apply.
func hostileDiscounts(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-03-01")
	grant := func(d invoice.Discount) func() error {
		return hCmd(fx.base, func(s subscription.Subscription) (subscription.Subscription, error) { return s.GrantDiscount(on, d) })
	}
	pct := func(s string) invoice.Discount {
		return invoice.Discount{Name: "goodwill", Kind: invoice.Percent, Percent: decimal.RequireFromString(s)}
	}
	fixed := func(m invoice.Money) invoice.Discount {
		return invoice.Discount{Name: "goodwill", Kind: invoice.Fixed, Amount: m}
	}
	periods := func(n int) invoice.Discount { d := pct("10"); d.Periods = n; return d }
	bad := subscription.ErrInvalidEvent
	c.addMsg("discount -10 %", bad, "-10", grant(pct("-10")))
	c.add("discount 0 %", bad, grant(pct("0")))
	c.addMsg("discount 101 %", bad, "101", grant(pct("101")))
	c.add("discount 1e-30 %", bad, grant(invoice.Discount{Name: "goodwill", Kind: invoice.Percent, Percent: decimal.New(1, -30)}))
	c.addMsg("discount fixed in USD", bad, "USD", grant(fixed(hUSD("5.00"))))
	c.add("discount fixed negative", bad, grant(fixed(hEUR("-5.00"))))
	c.add("discount fixed zero", bad, grant(fixed(hEUR("0.00"))))
	c.add("discount fixed without currency", bad, grant(fixed(invoice.Money{})))
	c.add("discount fixed with a percentage", bad, grant(func() invoice.Discount { d := fixed(hEUR("5.00")); d.Percent = decimal.NewFromInt(5); return d }()))
	c.add("discount percent with an amount", bad, grant(func() invoice.Discount { d := pct("10"); d.Amount = hEUR("5.00"); return d }()))
	c.add("discount for -1 periods", bad, grant(periods(-1)))
	c.add("discount for MinInt periods", bad, grant(periods(math.MinInt)))
	c.addMsg("discount for MaxInt periods", bad, "9223372036854775807", grant(periods(math.MaxInt)))
	c.add("discount for MaxDiscountPeriods+1", bad, grant(periods(invoice.MaxDiscountPeriods+1)))
	c.add("discount of kind 0", bad, grant(invoice.Discount{Name: "goodwill", Percent: decimal.NewFromInt(10)}))
	c.add("discount of kind 9", bad, grant(invoice.Discount{Name: "goodwill", Kind: 9, Percent: decimal.NewFromInt(10)}))
	c.add("discount on 10000-01-01", bad, hCmd(fx.open, func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.GrantDiscount(hY10000, pct("10"))
	}))
	c.add("discount before the start", subscription.ErrBeforeStart, hCmd(fx.base, func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.GrantDiscount(hStart-1, pct("10"))
	}))
}
