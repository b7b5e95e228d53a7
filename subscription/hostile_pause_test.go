package subscription_test

import (
	"math"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// hFlex returns a case body adding flexible pause p to s on date on.
func hFlex(s subscription.Subscription, on date.Date, p pause.Flexible) func() error {
	return hCmd(s, func(s subscription.Subscription) (subscription.Subscription, error) { return s.AddFlexiblePause(on, p) })
}

// hWhole returns a case body adding whole-period pause p to s on date on.
func hWhole(s subscription.Subscription, on date.Date, p pause.WholePeriod) func() error {
	return hCmd(s, func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.AddWholePeriodPause(on, p)
	})
}

// hostilePauses: pause ranges reversed, empty, outside the life or the
// calendar, overlapping; overrides of periods untouched, invoiced or not
// billing periods, in another currency; extensions near MaxInt or past
// 9999; whole-period pauses of what is not a billing period; deletions of
// pauses that do not exist.
func hostilePauses(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-02-01")
	apr := hPer("2025-04-01", "2025-04-10")
	flex := func(days period.Period) pause.Flexible { return pause.Flexible{Days: days, Reason: "injury"} }
	c.add("flexible reversed", pause.ErrInvalidPause, hFlex(fx.base, on, flex(period.Period{Start: apr.End, End: apr.Start})))
	c.add("flexible reversed (range)", period.ErrInvalidRange, hFlex(fx.base, on, flex(period.Period{Start: apr.End, End: apr.Start})))
	c.add("flexible empty", pause.ErrInvalidPause, hFlex(fx.base, on, flex(period.Period{Start: apr.Start, End: apr.Start})))
	c.addMsg("flexible before the start", pause.ErrInvalidPause, "2025-01-15", hFlex(fx.base, hStart, flex(hPer("2025-01-01", "2025-01-20"))))
	c.add("flexible after the term", pause.ErrInvalidPause, hFlex(fx.base, on, flex(hPer("2026-01-10", "2026-02-10"))))
	c.add("flexible after a planned end", pause.ErrInvalidPause, hFlex(fx.ending, on, flex(hPer("2025-06-15", "2025-06-25"))))
	c.add("flexible into 10000", pause.ErrInvalidPause, hFlex(fx.open, on, flex(period.Period{Start: hDay("9999-12-20"), End: hY10000 + 5})))
	c.add("flexible into 10000 (date)", period.ErrInvalidDate, hFlex(fx.open, on, flex(period.Period{Start: hDay("9999-12-20"), End: hY10000 + 5})))
	c.add("flexible from MinInt64", pause.ErrInvalidPause, hFlex(fx.base, on, flex(period.Period{Start: hMinInt, End: apr.End})))
	c.add("flexible to MaxInt64", pause.ErrInvalidPause, hFlex(fx.open, on, flex(period.Period{Start: apr.Start, End: hMaxInt})))
	c.add("flexible of every day", pause.ErrInvalidPause, hFlex(fx.open, on, flex(period.Period{Start: hMinInt, End: hMaxInt})))
	c.add("flexible without reason", pause.ErrReasonRequired, hFlex(fx.base, on, pause.Flexible{Days: apr, Reason: " \t"}))
	c.add("flexible reason not UTF-8", pause.ErrInvalidPause, hFlex(fx.base, on, pause.Flexible{Days: apr, Reason: hNotUTF8}))
	c.add("flexible over a flexible pause", subscription.ErrOverlap, hFlex(fx.paused, on, flex(hPer("2025-04-05", "2025-04-20"))))
	c.add("flexible over a whole-period pause", subscription.ErrOverlap, hFlex(fx.paused, on, flex(hPer("2025-06-20", "2025-06-25"))))
	c.addMsg("flexible on the same days", subscription.ErrOverlap, "pause 0", hFlex(fx.paused, on, flex(apr)))
	c.add("flexible policy: 42 days of at most 30", pause.ErrPolicy, hFlex(fx.policy, on, flex(hPer("2025-03-10", "2025-04-21"))))
	c.add("flexible policy: 2 days' notice of 7", pause.ErrPolicy, hFlex(fx.policy, on, flex(hPer("2025-02-03", "2025-02-10"))))
	hostileOverrides(c, fx)
	hostileExtensions(c, fx)
	hostileWholePeriods(c, fx)
	hostileDeletions(c, fx)
}

// hostileOverrides: overrides of the invoices a flexible pause touches.
func hostileOverrides(c *hostileCorpus, fx hostileFixtures) {
	on, mar := hDay("2025-02-01"), hPer("2025-03-15", "2025-04-15")
	days := hPer("2025-03-20", "2025-04-05")
	usd, neg, none := hUSD("1.00"), hEUR("-1.00"), invoice.Money{}
	with := func(o ...pause.InvoiceOverride) pause.Flexible {
		return pause.Flexible{Days: days, Reason: "injury", Overrides: o}
	}
	fixed := func(p period.Period, m *invoice.Money) pause.InvoiceOverride {
		return pause.InvoiceOverride{Period: p, Mode: pause.FixedAmount, Amount: m}
	}
	prorated := pause.InvoiceOverride{Period: mar, Mode: pause.Prorated}
	c.add("override of an untouched period", pause.ErrInvalidPause, hFlex(fx.base, on, with(pause.InvoiceOverride{Period: hPer("2025-05-15", "2025-06-15"), Mode: pause.Prorated})))
	c.add("override of a range not a billing period", subscription.ErrNotBillingPeriod, hFlex(fx.base, on, with(pause.InvoiceOverride{Period: hPer("2025-03-16", "2025-04-16"), Mode: pause.Prorated})))
	c.add("override of the stub before the anchor", subscription.ErrNotBillingPeriod, hFlex(fx.stub, hStart, pause.Flexible{Days: hPer("2025-01-20", "2025-01-25"), Reason: "injury",
		Overrides: []pause.InvoiceOverride{{Period: hPer("2025-01-15", "2025-02-01"), Mode: pause.Prorated}}}))
	c.add("override of an invoiced period", subscription.ErrPeriodInvoiced, hFlex(fx.base, hDay("2025-03-20"), with(prorated)))
	c.addMsg("override in USD", invoice.ErrCurrencyMismatch, "USD", hFlex(fx.base, on, with(fixed(mar, &usd))))
	c.add("override negative", pause.ErrInvalidPause, hFlex(fx.base, on, with(fixed(mar, &neg))))
	c.add("override without currency", pause.ErrInvalidPause, hFlex(fx.base, on, with(fixed(mar, &none))))
	c.add("override fixed without amount", pause.ErrInvalidPause, hFlex(fx.base, on, with(fixed(mar, nil))))
	c.add("override prorated with amount", pause.ErrInvalidPause, hFlex(fx.base, on, with(pause.InvoiceOverride{Period: mar, Mode: pause.Prorated, Amount: ptr(hEUR("1.00"))})))
	c.add("override mode 0", pause.ErrInvalidPause, hFlex(fx.base, on, with(pause.InvoiceOverride{Period: mar})))
	c.add("override mode 9", pause.ErrInvalidPause, hFlex(fx.base, on, with(pause.InvoiceOverride{Period: mar, Mode: 9})))
	c.add("two overrides of one period", pause.ErrInvalidPause, hFlex(fx.base, on, with(prorated, prorated)))
	c.add("override of a reversed period", pause.ErrInvalidPause, hFlex(fx.base, on, with(pause.InvoiceOverride{Period: period.Period{Start: mar.End, End: mar.Start}, Mode: pause.Prorated})))
}

// hostileExtensions: extensions by counts near MaxInt, past 9999, of
// subscriptions without an end on a boundary, with amounts in another
// currency.
func hostileExtensions(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-02-01")
	ext := func(s subscription.Subscription, e pause.Extension) func() error {
		return hFlex(s, on, pause.Flexible{Days: hPer("2025-04-01", "2025-04-10"), Reason: "injury", Extension: e})
	}
	usd, neg, none := hUSD("30.00"), hEUR("-30.00"), invoice.Money{}
	c.add("extension -1", pause.ErrInvalidPause, ext(fx.base, pause.Extension{Periods: -1}))
	c.add("extension MinInt", pause.ErrInvalidPause, ext(fx.base, pause.Extension{Periods: math.MinInt}))
	c.addMsg("extension MaxInt", pause.ErrInvalidPause, "9223372036854775807", ext(fx.base, pause.Extension{Periods: math.MaxInt}))
	c.add("extension 1<<40", pause.ErrInvalidPause, ext(fx.base, pause.Extension{Periods: 1 << 40}))
	c.add("extension MaxExtensionPeriods+1", pause.ErrInvalidPause, ext(fx.base, pause.Extension{Periods: pause.MaxExtensionPeriods + 1}))
	c.add("extension without end", subscription.ErrNoEnd, ext(fx.open, pause.Extension{Periods: 1}))
	c.add("extension of an end mid-period", subscription.ErrNoEnd, ext(fx.ending, pause.Extension{Periods: 1}))
	c.add("extension by 1 past 9999", subscription.ErrInvalidEvent, hFlex(fx.nearEnd, hDay("9990-02-01"),
		pause.Flexible{Days: hPer("9990-03-01", "9990-03-05"), Reason: "injury", Extension: pause.Extension{Periods: 1}}))
	c.add("extension by 1000 past 9999", subscription.ErrInvalidEvent, hFlex(fx.nearEnd, hDay("9990-02-01"),
		pause.Flexible{Days: hPer("9990-03-01", "9990-03-05"), Reason: "injury", Extension: pause.Extension{Periods: pause.MaxExtensionPeriods}}))
	c.addMsg("extension amount in USD", invoice.ErrCurrencyMismatch, "USD", ext(fx.base, pause.Extension{Periods: 1, Amount: &usd}))
	c.add("extension amount negative", pause.ErrInvalidPause, ext(fx.base, pause.Extension{Periods: 1, Amount: &neg}))
	c.add("extension amount without currency", pause.ErrInvalidPause, ext(fx.base, pause.Extension{Periods: 1, Amount: &none}))
}

// hostileWholePeriods: whole-period pauses of what is not a billing
// period of the subscription, or one that started.
func hostileWholePeriods(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-02-01")
	whole := func(p ...period.Period) pause.WholePeriod { return pause.WholePeriod{Periods: p, Reason: "travel"} }
	mar, apr := hPer("2025-03-15", "2025-04-15"), hPer("2025-04-15", "2025-05-15")
	c.addMsg("whole of a range not a billing period", subscription.ErrNotBillingPeriod, "2025-06-01", hWhole(fx.base, on, whole(hPer("2025-06-01", "2025-07-01"))))
	c.add("whole of two periods as one", subscription.ErrNotBillingPeriod, hWhole(fx.base, on, whole(period.Period{Start: mar.Start, End: apr.End})))
	c.add("whole of no period", pause.ErrInvalidPause, hWhole(fx.base, on, whole()))
	c.add("whole of an empty list", pause.ErrInvalidPause, hWhole(fx.base, on, pause.WholePeriod{Periods: []period.Period{}, Reason: "travel"}))
	c.add("whole out of order", pause.ErrInvalidPause, hWhole(fx.base, on, whole(apr, mar)))
	c.add("whole of one period twice", pause.ErrInvalidPause, hWhole(fx.base, on, whole(mar, mar)))
	c.add("whole of a reversed period", pause.ErrInvalidPause, hWhole(fx.base, on, whole(period.Period{Start: mar.End, End: mar.Start})))
	c.add("whole of an empty period", pause.ErrInvalidPause, hWhole(fx.base, on, whole(period.Period{Start: mar.Start, End: mar.Start})))
	c.add("whole of the current period", subscription.ErrPeriodInvoiced, hWhole(fx.base, hDay("2025-03-01"), whole(hPer("2025-02-15", "2025-03-15"))))
	c.add("whole of a period starting on the command", subscription.ErrPeriodInvoiced, hWhole(fx.base, mar.Start, whole(mar)))
	c.add("whole of a past period", subscription.ErrPeriodInvoiced, hWhole(fx.base, hDay("2025-05-01"), whole(mar)))
	c.add("whole after the term", subscription.ErrNotBillingPeriod, hWhole(fx.base, on, whole(hPer("2026-01-15", "2026-02-15"))))
	c.add("whole after a planned end", subscription.ErrNotBillingPeriod, hWhole(fx.ending, on, whole(hPer("2025-06-15", "2025-07-15"))))
	c.add("whole of the stub before the anchor", subscription.ErrNotBillingPeriod, hWhole(fx.stub, hStart, whole(hPer("2025-01-15", "2025-02-01"))))
	c.add("whole over a flexible pause", subscription.ErrOverlap, hWhole(fx.paused, on, whole(mar)))
	c.add("whole of a paused period", subscription.ErrOverlap, hWhole(fx.paused, on, whole(hPer("2025-06-15", "2025-07-15"))))
	c.add("whole without reason", pause.ErrReasonRequired, hWhole(fx.base, on, pause.WholePeriod{Periods: []period.Period{mar}}))
	c.add("whole into 10000", pause.ErrInvalidPause, hWhole(fx.openLate, hDay("9999-02-01"), whole(period.Period{Start: hDay("9999-12-15"), End: hY10000 + 14})))
	c.add("whole of MinInt64 to MaxInt64", pause.ErrInvalidPause, hWhole(fx.open, on, whole(period.Period{Start: hMinInt, End: hMaxInt})))
	c.add("whole policy: 31 days of at most 30", pause.ErrPolicy, hWhole(fx.policy, on, whole(mar)))
}

// hostileDeletions: deletions of pauses that do not exist, or whose
// invoices were issued.
func hostileDeletions(c *hostileCorpus, fx hostileFixtures) {
	del := func(s subscription.Subscription, on date.Date, id int) func() error {
		return hCmd(s, func(s subscription.Subscription) (subscription.Subscription, error) { return s.DeletePause(on, id) })
	}
	on := hDay("2025-02-02")
	c.addMsg("delete pause -1", subscription.ErrInvalidEvent, "-1", del(fx.paused, on, -1))
	c.add("delete pause MinInt", subscription.ErrInvalidEvent, del(fx.paused, on, math.MinInt))
	c.addMsg("delete pause 99", subscription.ErrPauseNotFound, "99", del(fx.paused, on, 99))
	c.add("delete pause MaxInt", subscription.ErrPauseNotFound, del(fx.paused, on, math.MaxInt))
	c.add("delete pause 2, the log's length", subscription.ErrPauseNotFound, del(fx.paused, on, 2))
	c.add("delete an event that is no pause", subscription.ErrPauseNotFound, del(fx.later, hDay("2025-06-02"), 0))
	c.add("delete a pause twice", subscription.ErrPauseNotFound, func() error {
		s, err := fx.paused.DeletePause(on, 0)
		if err != nil {
			return err
		}
		return del(s, on, 0)()
	})
	c.add("delete a pause whose period was due", subscription.ErrPeriodInvoiced, del(fx.paused, hDay("2025-07-01"), 1))
	c.add("delete a pause before the start", subscription.ErrBeforeStart, del(fx.paused, hStart-1, 0))
	c.add("delete a pause on 10000-01-01", subscription.ErrInvalidEvent, del(fx.paused, hY10000, 0))
}
