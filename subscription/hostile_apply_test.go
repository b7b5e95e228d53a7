package subscription_test

import (
	"fmt"
	"strings"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// hostileEveryCommand returns every command, dated on and built with
// valid arguments, by name.
func hostileEveryCommand(on date.Date) []struct {
	name string
	cmd  hostileCommand
} {
	type S = subscription.Subscription
	apr := hPer("2025-04-15", "2025-05-15")
	disc := invoice.Discount{Name: "goodwill", Kind: invoice.Percent, Percent: decimal.NewFromInt(10)}
	return []struct {
		name string
		cmd  hostileCommand
	}{
		{"Suspend", func(s S) (S, error) { return s.Suspend(on, subscription.ByBusiness) }},
		{"ScheduleSuspension", func(s S) (S, error) { return s.ScheduleSuspension(on, on+10, subscription.ByBusiness) }},
		{"CancelSuspension", func(s S) (S, error) { return s.CancelSuspension(on) }},
		{"Restart", func(s S) (S, error) { return s.Restart(on) }},
		{"TerminateNow", func(s S) (S, error) { return s.TerminateNow(on) }},
		{"TerminateAtPeriodEnd", func(s S) (S, error) { return s.TerminateAtPeriodEnd(on) }},
		{"TerminateOn", func(s S) (S, error) { return s.TerminateOn(on, on+30) }},
		{"TerminateNowWithCredit", func(s S) (S, error) { return s.TerminateNowWithCredit(on, subscription.ProratedCredit) }},
		{"CancelTermination", func(s S) (S, error) { return s.CancelTermination(on) }},
		{"ChangePlanAtRenewal", func(s S) (S, error) { return s.ChangePlanAtRenewal(on, hPlan()) }},
		{"ChangePlanNow", func(s S) (S, error) { return s.ChangePlanNow(on, hPlan(), subscription.ProrateNow) }},
		{"ChangeQuantity", func(s S) (S, error) { return s.ChangeQuantity(on, "seats", 3, subscription.ProrateNow) }},
		{"AddFlexiblePause", func(s S) (S, error) {
			return s.AddFlexiblePause(on, pause.Flexible{Days: hPer("2025-04-01", "2025-04-10"), Reason: "injury"})
		}},
		{"AddWholePeriodPause", func(s S) (S, error) {
			return s.AddWholePeriodPause(on, pause.WholePeriod{Periods: []period.Period{apr}, Reason: "travel"})
		}},
		{"DeletePause", func(s S) (S, error) { return s.DeletePause(on, 0) }},
		{"RecordPaymentFailure", func(s S) (S, error) { return s.RecordPaymentFailure(on, hDay("2025-02-15")) }},
		{"RecordPayment", func(s S) (S, error) { return s.RecordPayment(on, hDay("2025-02-15")) }},
		{"InvalidatePaymentMethod", func(s S) (S, error) { return s.InvalidatePaymentMethod(on) }},
		{"UpdatePaymentMethod", func(s S) (S, error) { return s.UpdatePaymentMethod(on) }},
		{"GrantDiscount", func(s S) (S, error) { return s.GrantDiscount(on, disc) }},
		{"Apply", func(s S) (S, error) { return s.Apply(subscription.Event{Kind: subscription.KindRestart, Date: on}) }},
	}
}

// hostileZero: every command given to the zero Subscription, which has no
// terms.
func hostileZero(c *hostileCorpus) {
	var zero subscription.Subscription
	for _, cmd := range hostileEveryCommand(hDay("2025-03-05")) {
		c.add(cmd.name, subscription.ErrNoTerms, hCmd(zero, cmd.cmd))
	}
	c.add("Apply of an invalid event", subscription.ErrNoTerms, hCmd(zero, func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.Apply(subscription.Event{})
	}))
	c.add("MarshalJSON", subscription.ErrNoTerms, func() error { _, err := zero.MarshalJSON(); return err })
	c.add("Preview of a restart", subscription.ErrNoTerms, func() error {
		_, err := zero.Preview(func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(hStart) },
			hPer("2025-01-01", "2025-02-01"), hStart)
		return err
	})
}

// hostileTerminated: every command given to a terminated subscription,
// after a termination now, a planned termination and the end of the term.
func hostileTerminated(c *hostileCorpus, fx hostileFixtures) {
	for _, cmd := range hostileEveryCommand(hDay("2025-03-05")) {
		c.addMsg("now: "+cmd.name, subscription.ErrTerminated, "2025-03-01", hCmd(fx.terminated, cmd.cmd))
	}
	for _, cmd := range hostileEveryCommand(hDay("2025-06-25")) {
		if strings.HasPrefix(cmd.name, "Suspend") || strings.HasPrefix(cmd.name, "Restart") || strings.HasPrefix(cmd.name, "Grant") {
			c.add("planned: "+cmd.name, subscription.ErrTerminated, hCmd(fx.ending, cmd.cmd))
		}
	}
	for _, cmd := range hostileEveryCommand(hDay("2026-02-01")) {
		if strings.HasPrefix(cmd.name, "Suspend") || strings.HasPrefix(cmd.name, "Change") || strings.HasPrefix(cmd.name, "Terminate") {
			c.add("term ended: "+cmd.name, subscription.ErrTerminated, hCmd(fx.base, cmd.cmd))
		}
	}
}

// hostileApply: events built by hand, of unknown kinds, without the fields
// their kind needs or with fields of another kind, with the caller's
// context over its limits or not UTF-8.
func hostileApply(c *hostileCorpus, fx hostileFixtures) {
	on := hDay("2025-03-01")
	apply := func(e subscription.Event) func() error {
		return hCmd(fx.base, func(s subscription.Subscription) (subscription.Subscription, error) { return s.Apply(e) })
	}
	bad := subscription.ErrInvalidEvent
	for _, k := range []subscription.Kind{0, 18, 200, 255} {
		c.addMsg(fmt.Sprintf("kind %d", k), bad, "unknown kind", apply(subscription.Event{Kind: k, Date: on}))
	}
	end, due, id, qty := on+10, hDay("2025-02-15"), 0, int64(3)
	p := hPlan()
	flex := &pause.Flexible{Days: hPer("2025-04-01", "2025-04-10"), Reason: "injury"}
	whole := &pause.WholePeriod{Periods: []period.Period{hPer("2025-04-15", "2025-05-15")}, Reason: "travel"}
	disc := &invoice.Discount{Name: "goodwill", Kind: invoice.Percent, Percent: decimal.NewFromInt(10)}
	type E = subscription.Event
	for _, tc := range []struct {
		name string
		e    E
	}{
		{"suspend without reason", E{Kind: subscription.KindSuspend, Date: on}},
		{"suspend with an effective date", E{Kind: subscription.KindSuspend, Date: on, Reason: subscription.ByBusiness, Effective: &end}},
		{"suspend with a plan", E{Kind: subscription.KindSuspend, Date: on, Reason: subscription.ByBusiness, Plan: &p}},
		{"schedule without effective date", E{Kind: subscription.KindScheduleSuspension, Date: on, Reason: subscription.ByBusiness}},
		{"schedule without reason", E{Kind: subscription.KindScheduleSuspension, Date: on, Effective: &end}},
		{"terminate without effective date", E{Kind: subscription.KindTerminate, Date: on}},
		{"terminate with a reason", E{Kind: subscription.KindTerminate, Date: on, Effective: &on, Reason: subscription.ByBusiness}},
		{"terminate later with a credit", E{Kind: subscription.KindTerminate, Date: on, Effective: &end, Credit: subscription.FullCredit}},
		{"cancel suspension with a due date", E{Kind: subscription.KindCancelSuspension, Date: on, Due: &due}},
		{"restart with a pause id", E{Kind: subscription.KindRestart, Date: on, PauseID: &id}},
		{"cancel termination with a quantity", E{Kind: subscription.KindCancelTermination, Date: on, Quantity: &qty}},
		{"change plan without plan", E{Kind: subscription.KindChangePlan, Date: on}},
		{"change plan with a proration", E{Kind: subscription.KindChangePlan, Date: on, Plan: &p, Proration: subscription.ProrateNow}},
		{"flexible pause without pause", E{Kind: subscription.KindAddFlexiblePause, Date: on}},
		{"flexible pause with a whole-period pause", E{Kind: subscription.KindAddFlexiblePause, Date: on, Flexible: flex, WholePeriod: whole}},
		{"whole-period pause without pause", E{Kind: subscription.KindAddWholePeriodPause, Date: on}},
		{"whole-period pause with a flexible pause", E{Kind: subscription.KindAddWholePeriodPause, Date: on, WholePeriod: whole, Flexible: flex}},
		{"delete pause without id", E{Kind: subscription.KindDeletePause, Date: on}},
		{"delete pause with a reason", E{Kind: subscription.KindDeletePause, Date: on, PauseID: &id, Reason: subscription.ByBusiness}},
		{"payment failure with an effective date", E{Kind: subscription.KindRecordPaymentFailure, Date: on, Due: &due, Effective: &end}},
		{"payment failure without due date", E{Kind: subscription.KindRecordPaymentFailure, Date: on}},
		{"payment without due date", E{Kind: subscription.KindRecordPayment, Date: on}},
		{"payment with a quantity", E{Kind: subscription.KindRecordPayment, Date: on, Due: &due, Quantity: &qty}},
		{"grant without discount", E{Kind: subscription.KindGrantDiscount, Date: on}},
		{"grant with a credit", E{Kind: subscription.KindGrantDiscount, Date: on, Discount: disc, Credit: subscription.NoCredit}},
		{"change now without proration", E{Kind: subscription.KindChangePlanNow, Date: on, Plan: &p}},
		{"change now without plan", E{Kind: subscription.KindChangePlanNow, Date: on, Proration: subscription.ProrateNow}},
		{"change now with a feature", E{Kind: subscription.KindChangePlanNow, Date: on, Plan: &p, Proration: subscription.ProrateNow, Feature: "seats"}},
		{"quantity without feature", E{Kind: subscription.KindChangeQuantity, Date: on, Quantity: &qty, Proration: subscription.ProrateNow}},
		{"quantity without quantity", E{Kind: subscription.KindChangeQuantity, Date: on, Feature: "seats", Proration: subscription.ProrateNow}},
		{"quantity without proration", E{Kind: subscription.KindChangeQuantity, Date: on, Feature: "seats", Quantity: &qty}},
		{"invalidate with a feature", E{Kind: subscription.KindInvalidatePaymentMethod, Date: on, Feature: "seats"}},
		{"update with a credit", E{Kind: subscription.KindUpdatePaymentMethod, Date: on, Credit: subscription.FullCredit}},
		{"update with a discount", E{Kind: subscription.KindUpdatePaymentMethod, Date: on, Discount: disc}},
	} {
		c.add(tc.name, bad, apply(tc.e))
	}
	hostileContext(c, apply)
}

// hostileContext: the caller's reference and metadata over their limits
// or not UTF-8.
func hostileContext(c *hostileCorpus, apply func(e subscription.Event) func() error) {
	on, bad := hDay("2025-03-01"), subscription.ErrInvalidEvent
	ev := func(ref string, meta map[string]string) subscription.Event {
		return subscription.Event{Kind: subscription.KindInvalidatePaymentMethod, Date: on, Ref: ref, Meta: meta}
	}
	many := map[string]string{}
	for i := range subscription.MaxMeta + 1 {
		many[fmt.Sprint("k", i)] = "v"
	}
	long := strings.Repeat("m", subscription.MaxMetaLen+1)
	qty := int64(3)
	c.addMsg("ref too long", bad, "257 bytes", apply(ev(hLongRef, nil)))
	c.add("ref not UTF-8", bad, apply(ev("ch_\xff", nil)))
	c.addMsg("meta of MaxMeta+1 entries", bad, "33 metadata entries", apply(ev("", many)))
	c.add("meta with an empty key", bad, apply(ev("", map[string]string{"": "x"})))
	c.add("meta key too long", bad, apply(ev("", map[string]string{long: "x"})))
	c.add("meta value too long", bad, apply(ev("", map[string]string{"by": long})))
	c.add("meta key not UTF-8", bad, apply(ev("", map[string]string{"\xc3": "x"})))
	c.add("meta value not UTF-8", bad, apply(ev("", map[string]string{"by": "\xed\xa0\x80"})))
	c.add("feature not UTF-8", bad, apply(subscription.Event{Kind: subscription.KindChangeQuantity, Date: on, Feature: "\xfe",
		Quantity: &qty, Proration: subscription.ProrateNow}))
}
