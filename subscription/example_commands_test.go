package subscription_test

import (
	"errors"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/shopspring/decimal"
)

// New checks the terms once and returns a subscription with an empty log; a
// plan that cannot work is refused up front with ErrInvalidPlan.
func ExampleNew() {
	gym := subscription.Plan{
		Name:  "Gym monthly",
		Every: period.Monthly,
		Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)},
	}
	sub, err := subscription.New(subscription.Terms{Plan: gym, Start: period.MustParseDate("2025-01-15"), Beneficiary: "member-042"})
	if err != nil {
		panic(err)
	}
	fmt.Println(sub)
	fmt.Println(sub.StatusOn(period.MustParseDate("2025-01-15")).State)

	// A retry policy whose attempts reach the shortest period would run into
	// the next renewal: configuration that cannot work is rejected up front.
	bad := gym
	bad.Retry = retry.Policy{Attempts: 28}
	_, err = subscription.New(subscription.Terms{Plan: bad, Start: period.MustParseDate("2025-01-15")})
	fmt.Println(errors.Is(err, subscription.ErrInvalidPlan), errors.Is(err, retry.ErrRetryTooLong))
	fmt.Println(err)
	// Output:
	// subscription P1M from 2025-01-15, 0 events
	// active
	// true true
	// subscription: invalid plan: retry period too long for the recurrence: the last attempt comes 28 days after the failed charge, and a P1M period can be as short as 28 days: want at most 27
}

// Replay rebuilds a subscription from the terms and events a backend
// stored: the same log always gives the same subscription.
func ExampleReplay() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	terms := subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")}
	stored := []subscription.Event{
		{Kind: subscription.KindSuspend, Date: period.MustParseDate("2021-10-15"), Reason: subscription.ByBusiness},
		{Kind: subscription.KindRestart, Date: period.MustParseDate("2021-10-20")},
	}
	sub, err := subscription.Replay(terms, slices.Values(stored))
	if err != nil {
		panic(err)
	}
	fmt.Println(sub.Len(), "events")
	fmt.Println("2021-10-17:", sub.StatusOn(period.MustParseDate("2021-10-17")).State)
	fmt.Println("2021-10-20:", sub.StatusOn(period.MustParseDate("2021-10-20")).State)

	// A log whose restart comes before its suspension cannot be replayed:
	// the *EventError names the event.
	slices.Reverse(stored)
	_, err = subscription.Replay(terms, slices.Values(stored))
	fmt.Println(err)
	// Output:
	// 2 events
	// 2021-10-17: suspended
	// 2021-10-20: active
	// subscription: event 0 (restart on 2021-10-20): not suspended: state is active
}

// Apply appends an event the caller built, which is how a reference (a
// ticket, a charge ID) and metadata travel with it; the receiver is unchanged.
func ExampleSubscription_Apply() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	suspended, err := sub.Apply(subscription.Event{
		Kind:   subscription.KindSuspend,
		Date:   period.MustParseDate("2025-02-03"),
		Reason: subscription.ByBusiness,
		Ref:    "ticket-4711",
		Meta:   map[string]string{"by": "front desk"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("receiver:", sub.Len(), "events; result:", suspended.Len())
	for e := range suspended.Events() {
		fmt.Println(e.Kind, e.Date, e.Reason, e.Ref, e.Meta["by"])
	}
	span := period.Period{Start: period.MustParseDate("2025-02-01"), End: period.MustParseDate("2025-02-10")}
	tl, err := suspended.Timeline(span, period.MustParseDate("2025-02-03"))
	if err != nil {
		panic(err)
	}
	log := slices.Collect(suspended.Events())
	for _, sg := range tl.Segments {
		if sg.Cause >= 0 { // -1: the plan began the segment
			fmt.Println(sg.Period, sg.State, "because of", log[sg.Cause].Ref)
		}
	}

	// The same event a day before the start is refused.
	_, err = sub.Apply(subscription.Event{Kind: subscription.KindSuspend, Date: period.MustParseDate("2025-01-14"), Reason: subscription.ByBusiness})
	fmt.Println(errors.Is(err, subscription.ErrBeforeStart))
	// Output:
	// receiver: 0 events; result: 1
	// suspend 2025-02-03 by_business ticket-4711 front desk
	// [2025-02-03, 2025-02-10) suspended because of ticket-4711
	// true
}

// A suspension takes effect on its date: that day has no service. A
// subscription already suspended cannot be suspended again.
func ExampleSubscription_Suspend() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	for _, day := range []string{"2021-10-14", "2021-10-15", "2021-11-01"} {
		st := sub.StatusOn(period.MustParseDate(day))
		fmt.Println(day, st.State, st.Reason, sub.Entitled(period.MustParseDate(day)))
	}
	_, ok := sub.NextRenewal(period.MustParseDate("2021-10-15"))
	fmt.Println("next renewal:", ok)

	_, err = sub.Suspend(period.MustParseDate("2021-10-20"), subscription.ByBusiness)
	fmt.Println(errors.Is(err, subscription.ErrInvalidTransition))
	// Output:
	// 2021-10-14 active none true
	// 2021-10-15 suspended by_business false
	// 2021-11-01 suspended by_business false
	// next renewal: false
	// true
}

// A scheduled suspension leaves the service running until its effective
// date, the first day without service; no invoice is issued from then on.
func ExampleSubscription_ScheduleSuspension() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	// On 10 October the member asks to stop at the end of the period.
	sub, err = sub.ScheduleSuspension(period.MustParseDate("2021-10-10"), period.MustParseDate("2021-11-01"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	for _, day := range []string{"2021-10-09", "2021-10-10", "2021-10-31", "2021-11-01"} {
		fmt.Println(day, sub.StatusOn(period.MustParseDate(day)).State)
	}
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}

	// The effective date must come after the command's.
	_, err = sub.ScheduleSuspension(period.MustParseDate("2021-10-12"), period.MustParseDate("2021-10-12"), subscription.ByBusiness)
	fmt.Println(errors.Is(err, subscription.ErrInvalidEvent))
	// Output:
	// 2021-10-09 active
	// 2021-10-10 suspension_scheduled
	// 2021-10-31 suspension_scheduled
	// 2021-11-01 suspended
	// 2021-10-01 [2021-10-01, 2021-11-01) 10.00 EUR
	// true
}

// Cancelling a scheduled suspension keeps the subscription running as if
// it had never been planned; with none planned it is ErrNotSuspended.
func ExampleSubscription_CancelSuspension() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.ScheduleSuspension(period.MustParseDate("2021-10-10"), period.MustParseDate("2021-11-01"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	sub, err = sub.CancelSuspension(period.MustParseDate("2021-10-25"))
	if err != nil {
		panic(err)
	}
	fmt.Println("2021-10-25:", sub.StatusOn(period.MustParseDate("2021-10-25")).State)
	fmt.Println("2021-11-01:", sub.StatusOn(period.MustParseDate("2021-11-01")).State)
	next, _ := sub.NextRenewal(period.MustParseDate("2021-10-25"))
	fmt.Println("next renewal:", next)

	_, err = sub.CancelSuspension(period.MustParseDate("2021-10-26"))
	fmt.Println(errors.Is(err, subscription.ErrNotSuspended))
	// Output:
	// 2021-10-25: active
	// 2021-11-01: active
	// next renewal: 2021-11-01
	// true
}

// A restart before the end of the last period that ran renews nothing:
// no invoice at the restart, and the next renewal comes on the date already
// scheduled (ACCEPTANCE S-01).
func ExampleSubscription_Restart() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	sub, err = sub.Restart(period.MustParseDate("2021-10-20"))
	if err != nil {
		panic(err)
	}
	fmt.Println("2021-10-19:", sub.Entitled(period.MustParseDate("2021-10-19")))
	fmt.Println("2021-10-20:", sub.StatusOn(period.MustParseDate("2021-10-20")).State)
	next, _ := sub.NextRenewal(period.MustParseDate("2021-10-20"))
	fmt.Println("next renewal:", next)
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-12-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// 2021-10-19: false
	// 2021-10-20: active
	// next renewal: 2021-11-01
	// 2021-10-01 [2021-10-01, 2021-11-01) 10.00 EUR
	// 2021-11-01 [2021-11-01, 2021-12-01) 10.00 EUR
}

// A restart on or after the end of the last period that ran renews on the
// restart date: a new period starts that day and is invoiced, and the days
// in between have neither service nor invoice (ACCEPTANCE S-02).
func ExampleSubscription_Restart_afterPeriodEnd() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	sub, err = sub.Restart(period.MustParseDate("2021-11-10"))
	if err != nil {
		panic(err)
	}
	fmt.Println("2021-11-05:", sub.Entitled(period.MustParseDate("2021-11-05")))
	next, _ := sub.NextRenewal(period.MustParseDate("2021-11-10"))
	fmt.Println("next renewal:", next)
	span := period.Period{Start: period.MustParseDate("2021-11-01"), End: period.MustParseDate("2021-12-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// 2021-11-05: false
	// next renewal: 2021-12-10
	// 2021-11-10 [2021-11-10, 2021-12-10) 10.00 EUR
}

// Same-day events apply in log order: a suspension and a restart on one
// day leave the subscription active, with no day lost.
func ExampleSubscription_Restart_sameDay() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	on := period.MustParseDate("2021-10-15")
	if sub, err = sub.Suspend(on, subscription.ByBusiness); err != nil {
		panic(err)
	}
	if sub, err = sub.Restart(on); err != nil {
		panic(err)
	}
	fmt.Println(on, sub.StatusOn(on).State, sub.Entitled(on))
	next, _ := sub.NextRenewal(on)
	fmt.Println("next renewal:", next)
	// Output:
	// 2021-10-15 active true
	// next renewal: 2021-11-01
}

// A terminated subscription cannot restart: the error matches
// ErrTerminated, and nothing changes (ACCEPTANCE S-05).
func ExampleSubscription_Restart_terminated() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.TerminateNow(period.MustParseDate("2021-10-15"))
	if err != nil {
		panic(err)
	}
	_, err = sub.Restart(period.MustParseDate("2021-10-20"))
	fmt.Println(errors.Is(err, subscription.ErrTerminated))
	fmt.Println(err)
	fmt.Println(sub.Len(), "event,", sub.StatusOn(period.MustParseDate("2021-10-20")).State)
	// Output:
	// true
	// subscription: event 1 (restart on 2021-10-20): terminated on 2021-10-15
	// 1 event, terminated
}

// TerminateNow makes its date the termination date, the first day without
// service; the invoice already issued for the period stays as it is.
func ExampleSubscription_TerminateNow() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.TerminateNow(period.MustParseDate("2021-10-11"))
	if err != nil {
		panic(err)
	}
	end, _ := sub.TerminationDate()
	fmt.Println("termination:", end)
	fmt.Println("2021-10-10:", sub.StatusOn(period.MustParseDate("2021-10-10")).State)
	fmt.Println("2021-10-11:", sub.StatusOn(period.MustParseDate("2021-10-11")).State)
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// termination: 2021-10-11
	// 2021-10-10: active
	// 2021-10-11: terminated
	// invoice 2021-10-01 [2021-10-01, 2021-11-01) 30.00 EUR
}

// A termination now with ProratedCredit gives back the days from the
// termination to the end of the period invoiced in advance: a credit note,
// issued on the termination date, that names the invoice it credits.
func ExampleSubscription_TerminateNowWithCredit() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("31.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	// 21 of October's 31 days are left on 11 October.
	ended, err := sub.TerminateNowWithCredit(period.MustParseDate("2021-10-11"), subscription.ProratedCredit)
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range ended.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
		if inv.Credits != nil {
			fmt.Println("  credits", *inv.Credits)
		}
	}

	// The zero CreditPolicy is not a policy.
	_, err = sub.TerminateNowWithCredit(period.MustParseDate("2021-10-11"), 0)
	fmt.Println(errors.Is(err, subscription.ErrInvalidEvent))
	// Output:
	// invoice 2021-10-01 [2021-10-01, 2021-11-01) 31.00 EUR
	// credit_note 2021-10-11 [2021-10-11, 2021-11-01) -21.00 EUR
	//   credits invoice of [2021-10-01, 2021-11-01) issued 2021-10-01
	// true
}

// TerminateOn plans the end ahead: an invoice issued after the decision for
// a period the end cuts short bills only the days up to the end, prorated.
func ExampleSubscription_TerminateOn() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	// Decided on 20 October: the last day with service is 15 November.
	sub, err = sub.TerminateOn(period.MustParseDate("2021-10-20"), period.MustParseDate("2021-11-16"))
	if err != nil {
		panic(err)
	}
	end, _ := sub.TerminationDate()
	fmt.Println("termination:", end)
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}

	// An end before the decision is refused.
	_, err = sub.TerminateOn(period.MustParseDate("2021-10-25"), period.MustParseDate("2021-10-21"))
	fmt.Println(errors.Is(err, subscription.ErrInvalidEvent))
	// Output:
	// termination: 2021-11-16
	// 2021-10-01 [2021-10-01, 2021-11-01) 30.00 EUR
	// 2021-11-01 [2021-11-01, 2021-11-16) 15.00 EUR
	// true
}

// TerminateAtPeriodEnd ends the subscription at the end of the billing
// period that holds its date: the period is served to the end, and no
// invoice follows it.
func ExampleSubscription_TerminateAtPeriodEnd() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.TerminateAtPeriodEnd(period.MustParseDate("2021-10-20"))
	if err != nil {
		panic(err)
	}
	end, _ := sub.TerminationDate()
	last := end.AddDate(0, 0, -1)
	fmt.Println("termination:", end, "last day:", last)
	fmt.Println(last, sub.StatusOn(last).State)
	fmt.Println(end, sub.StatusOn(end).State)
	_, ok := sub.NextRenewal(period.MustParseDate("2021-10-20"))
	fmt.Println("next renewal:", ok)
	// Output:
	// termination: 2021-11-01 last day: 2021-10-31
	// 2021-10-31 active
	// 2021-11-01 terminated
	// next renewal: false
}

// CancelTermination withdraws a termination planned for a later date; the
// subscription renews again. With none planned it is ErrInvalidTransition.
func ExampleSubscription_CancelTermination() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.TerminateAtPeriodEnd(period.MustParseDate("2021-10-20"))
	if err != nil {
		panic(err)
	}
	// A retention call on 25 October: the member stays.
	sub, err = sub.CancelTermination(period.MustParseDate("2021-10-25"))
	if err != nil {
		panic(err)
	}
	_, ends := sub.TerminationDate()
	fmt.Println("ends:", ends)
	next, _ := sub.NextRenewal(period.MustParseDate("2021-10-25"))
	fmt.Println("next renewal:", next)

	_, err = sub.CancelTermination(period.MustParseDate("2021-10-26"))
	fmt.Println(errors.Is(err, subscription.ErrInvalidTransition))
	// Output:
	// ends: false
	// next renewal: 2021-11-01
	// true
}

// RecordPayment recovers a retry period: the renewed period still starts
// on the day the failed charge was due. Recording the same payment again,
// as a replayed webhook does, returns the subscription unchanged.
func ExampleSubscription_RecordPayment() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Retry: retry.Policy{Attempts: 5}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-03-01")})
	if err != nil {
		panic(err)
	}
	due := period.MustParseDate("2024-04-01")
	sub, err = sub.RecordPaymentFailure(due, due)
	if err != nil {
		panic(err)
	}
	sub, err = sub.RecordPayment(period.MustParseDate("2024-04-03"), due)
	if err != nil {
		panic(err)
	}
	fmt.Println(sub.Len(), "events")
	for rp := range sub.RetryPeriods() {
		fmt.Println(rp.Due, rp.State, "on", *rp.Settled)
	}
	for bp := range sub.Periods(period.Period{Start: period.MustParseDate("2024-04-03"), End: period.MustParseDate("2024-04-04")}) {
		fmt.Println("period:", bp.Period)
	}

	// The provider sends the webhook again: nothing changes.
	again, err := sub.RecordPayment(period.MustParseDate("2024-04-03"), due)
	fmt.Println(again.Len(), "events,", err)

	// No charge failed for the invoice of 2024-03-01.
	_, err = sub.RecordPayment(period.MustParseDate("2024-04-03"), period.MustParseDate("2024-03-01"))
	fmt.Println(errors.Is(err, subscription.ErrNotDue))
	// Output:
	// 2 events
	// 2024-04-01 recovered on 2024-04-03
	// period: [2024-04-01, 2024-05-01)
	// 2 events, <nil>
	// true
}

// With the plan's Suspension.InvalidPaymentMethod rule, an invalid payment
// method suspends the subscription at the next renewal, for
// payment_method_invalid, unless a valid one comes back first.
func ExampleSubscription_InvalidatePaymentMethod() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Suspension: retry.Suspension{InvalidPaymentMethod: true}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	// The card on file expires on 20 October.
	sub, err = sub.InvalidatePaymentMethod(period.MustParseDate("2021-10-20"))
	if err != nil {
		panic(err)
	}
	for _, day := range []string{"2021-10-20", "2021-10-31", "2021-11-01"} {
		st := sub.StatusOn(period.MustParseDate(day))
		fmt.Println(day, st.State, st.Reason)
	}
	// Output:
	// 2021-10-20 active none
	// 2021-10-31 active none
	// 2021-11-01 suspended payment_method_invalid
}

// UpdatePaymentMethod brings a valid method back before the renewal, which
// cancels the automatic suspension an invalid one had planned.
func ExampleSubscription_UpdatePaymentMethod() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Suspension: retry.Suspension{InvalidPaymentMethod: true}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.InvalidatePaymentMethod(period.MustParseDate("2021-10-20"))
	if err != nil {
		panic(err)
	}
	sub, err = sub.UpdatePaymentMethod(period.MustParseDate("2021-10-25"))
	if err != nil {
		panic(err)
	}
	st := sub.StatusOn(period.MustParseDate("2021-11-01"))
	fmt.Println("2021-11-01:", st.State)
	next, _ := sub.NextRenewal(period.MustParseDate("2021-10-25"))
	fmt.Println("next renewal:", next)
	// Output:
	// 2021-11-01: active
	// next renewal: 2021-11-01
}

// GrantDiscount gives an existing customer a discount on the invoices
// issued from its date on, for the first N of them: here a retention offer
// of 50 % on the next two invoices.
func ExampleSubscription_GrantDiscount() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	offer := invoice.Discount{Name: "Stay with us", Kind: invoice.Percent, Percent: decimal.NewFromInt(50), Periods: 2}
	sub, err = sub.GrantDiscount(period.MustParseDate("2021-11-15"), offer)
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-03-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Subtotal, inv.Discount, inv.Total)
	}

	// A discount in another currency than the plan's is refused.
	usd := invoice.Discount{Name: "Promo", Kind: invoice.Fixed, Amount: invoice.MustParseMoney("5.00", invoice.USD), Periods: 1}
	_, err = sub.GrantDiscount(period.MustParseDate("2021-11-20"), usd)
	fmt.Println(errors.Is(err, subscription.ErrInvalidEvent))
	// Output:
	// 2021-10-01 30.00 EUR 0.00 EUR 30.00 EUR
	// 2021-11-01 30.00 EUR 0.00 EUR 30.00 EUR
	// 2021-12-01 30.00 EUR -15.00 EUR 15.00 EUR
	// 2022-01-01 30.00 EUR -15.00 EUR 15.00 EUR
	// 2022-02-01 30.00 EUR 0.00 EUR 30.00 EUR
	// true
}
