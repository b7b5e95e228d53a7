package subscription_test

import (
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/shopspring/decimal"
)

// hostileControls checks that what the hostile cases change is all that
// is wrong with them: the documents, events and commands they start from
// are accepted. Without it a case could pass on an error of its template.
func hostileControls(t *testing.T, fx hostileFixtures) {
	t.Helper()
	valid := func(name string, run func() error) {
		t.Helper()
		if err := run(); err != nil {
			t.Fatalf("control %s: %v", name, err)
		}
	}
	per := `{"period":` + hJSONPer
	for _, d := range []struct {
		name   string
		decode func(string) func() error
		data   string
	}{
		{"plan", decodeJSON[subscription.Plan], hJSONPlan(`,"periods":12,"trial":{"periods":1,"price":{"amount":"1.00","currency":"EUR"}},"retry":{"attempts":3}`)},
		{"trial", decodeJSON[subscription.TrialOffer], `{"days":14}`},
		{"event", decodeJSON[subscription.Event], `{"kind":"restart","date":"2025-03-01","ref":"ch_1","meta":{"by":"ana"}}`},
		{"delete event", decodeJSON[subscription.Event], `{"kind":"delete_pause","date":"2025-03-01","pause_id":1}`},
		{"quantity event", decodeJSON[subscription.Event], `{"kind":"change_quantity","date":"2025-03-01","feature":"seats","proration":"prorate_now","quantity":5}`},
		{"flexible event", decodeJSON[subscription.Event], `{"kind":"add_flexible_pause","date":"2025-03-01","flexible":{"days":{"start":"2025-03-20","end":"2025-04-05"},"reason":"x",` +
			`"overrides":[{"period":{"start":"2025-03-15","end":"2025-04-15"},"mode":"fixed_amount","amount":{"amount":"1.00","currency":"EUR"}}],"extension":{"periods":1,"amount":{"amount":"30.00","currency":"EUR"}}}}`},
		{"subscription", decodeJSON[subscription.Subscription], hJSONSub(`,"anchor":"2025-01-20","buyer":"acme","events":[{"kind":"invalidate_payment_method","date":"2025-03-01"}]`)},
		{"subscription with a pause", decodeJSON[subscription.Subscription], `{"plan":` + hJSONPlan(`,"periods":12`) + `,"start":"2025-01-15","events":[{"kind":"add_flexible_pause","date":"2025-02-01",` +
			`"flexible":{"days":{"start":"2025-03-20","end":"2025-04-05"},"reason":"x","extension":{"periods":1,"amount":{"amount":"30.00","currency":"EUR"}}}}]}`},
		{"status", decodeJSON[subscription.Status], `{"state":"suspended","reason":"by_business"}`},
		{"billing period", decodeJSON[subscription.BillingPeriod], per + `,"number":0,"paused":true,"pause_reason":"x"}`},
		{"segment", decodeJSON[subscription.Segment], per + `,"state":"active","cause":0}`},
		{"timeline invoice", decodeJSON[subscription.TimelineInvoice], `{"invoice":` + hJSONInvoice + `,"issued":true,"payment":"paid"}`},
		{"retry period", decodeJSON[subscription.RetryPeriod], `{"due":"2025-02-15","state":"retrying","attempts":[{"on":"2025-02-16","state":"failed"}],"next":"2025-02-17"}`},
		{"settled retry period", decodeJSON[subscription.RetryPeriod], `{"due":"2025-02-15","state":"exhausted","attempts":[{"on":"2025-02-16","state":"failed"}],"settled":"2025-02-18","unpaid":true}`},
		{"pause info", decodeJSON[subscription.PauseInfo], `{"id":0,"on":"2025-02-01","reason":"injury","flexible":` + hJSONFlex + `}`},
		{"timeline", decodeJSON[subscription.Timeline], hJSONTimeline(`,"retries":[{"due":"2025-02-15","state":"retrying","attempts":[]}],"termination":"2026-01-15"`)},
		{"preview", decodeJSON[subscription.Preview], `{"before":` + hJSONTimeline("") + `,"after":` + hJSONTimeline("") + `}`},
		{"attempt action", decodeJSON[subscription.Action], `{"on":"2025-02-16","kind":"attempt","attempt":` + hJSONAttempt + `}`},
		{"invoice action", decodeJSON[subscription.Action], `{"on":"2025-01-15","kind":"invoice","invoice":` + hJSONInvoice + `}`},
		{"change action", decodeJSON[subscription.Action], `{"on":"2025-02-15","kind":"trial_end","change":{"state":"active","from":"trial","cause":-1}}`},
		{"state change", decodeJSON[subscription.StateChange], `{"state":"paused","from":"active","cause":4,"pause_reason":"x","plan":` + hJSONPlan("") + `}`},
	} {
		valid("JSON "+d.name, d.decode(d.data))
	}
	hostileCommandControls(t, fx)
}

// hostileCommandControls checks that the commands the hostile cases vary
// are accepted with valid arguments.
func hostileCommandControls(t *testing.T, fx hostileFixtures) {
	t.Helper()
	valid := func(name string, run func() error) {
		t.Helper()
		if err := run(); err != nil {
			t.Fatalf("control %s: %v", name, err)
		}
	}
	mar := hPer("2025-03-15", "2025-04-15")
	for _, cmd := range []struct {
		name string
		s    subscription.Subscription
		cmd  hostileCommand
	}{
		{"flexible pause with an override and an extension", fx.base, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddFlexiblePause(hDay("2025-02-01"), pause.Flexible{Days: hPer("2025-03-20", "2025-04-05"), Reason: "injury",
				Overrides: []pause.InvoiceOverride{{Period: mar, Mode: pause.FixedAmount, Amount: ptr(hEUR("1.00"))}},
				Extension: pause.Extension{Periods: 1, Amount: ptr(hEUR("30.00"))}})
		}},
		{"whole-period pause", fx.base, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddWholePeriodPause(hDay("2025-02-01"), pause.WholePeriod{Periods: []period.Period{mar}, Reason: "travel"})
		}},
		{"change quantity", fx.base, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangeQuantity(hDay("2025-03-01"), "seats", 3, subscription.ProrateNow)
		}},
		{"change plan now", fx.base, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanNow(hDay("2025-03-01"), hPlan(), subscription.ProrateNow)
		}},
		{"discount", fx.base, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.GrantDiscount(hDay("2025-03-01"), invoice.Discount{Name: "goodwill", Kind: invoice.Percent, Percent: decimal.NewFromInt(10)})
		}},
		{"retry attempt", fx.failed, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPaymentFailure(hDay("2025-02-16"), hDay("2025-02-15"))
		}},
		{"payment", fx.failed, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPayment(hDay("2025-02-17"), hDay("2025-02-15"))
		}},
		{"delete pause", fx.paused, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.DeletePause(hDay("2025-02-02"), 0)
		}},
		{"extension near 9999", fx.nearEnd, func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddFlexiblePause(hDay("9990-02-01"), pause.Flexible{Days: hPer("9990-03-01", "9990-03-05"), Reason: "injury"})
		}},
	} {
		valid("command "+cmd.name, func() error { _, err := cmd.cmd(cmd.s); return err })
	}
	for _, ev := range hostileEveryCommand(hDay("2025-03-05")) {
		if ev.name == "Suspend" || ev.name == "TerminateNowWithCredit" || ev.name == "ChangeQuantity" {
			valid("command "+ev.name+" on 2025-03-05", func() error { _, err := ev.cmd(fx.base); return err })
		}
	}
}
