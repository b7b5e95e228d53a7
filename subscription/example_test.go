package subscription_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

// A monthly subscription at 10.00 EUR is suspended on 15 October and
// restarted on 10 November, after its period ended: one renewal invoice,
// dated on the restart, starts a new period (ACCEPTANCE S-02).
func Example() {
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
	for inv, err := range sub.Invoices(period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// 2021-10-01 [2021-10-01, 2021-11-01) 10.00 EUR
	// 2021-11-10 [2021-11-10, 2021-12-10) 10.00 EUR
	// 2021-12-10 [2021-12-10, 2022-01-10) 10.00 EUR
}

// A timeline tiles a span with states and lists the invoices issued or
// planned in it, as of a date. A suspension and a restart before the period
// ends renew nothing; a termination at period end stops the service on the
// end of the period that holds its date.
func ExampleSubscription_Timeline() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	if sub, err = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness); err != nil {
		panic(err)
	}
	if sub, err = sub.Restart(period.MustParseDate("2021-10-20")); err != nil {
		panic(err)
	}
	if sub, err = sub.TerminateAtPeriodEnd(period.MustParseDate("2021-11-05")); err != nil {
		panic(err)
	}

	span := period.Period{Start: period.MustParseDate("2021-09-25"), End: period.MustParseDate("2022-01-01")}
	tl, err := sub.Timeline(span, period.MustParseDate("2021-11-05"))
	if err != nil {
		panic(err)
	}
	for _, sg := range tl.Segments {
		fmt.Println(sg.Period, sg.State)
	}
	for _, ti := range tl.Invoices {
		fmt.Println(ti.Invoice.IssueDate, ti.Invoice.Total, "issued:", ti.Issued)
	}
	fmt.Println("termination:", *tl.Termination)
	// Output:
	// [2021-09-25, 2021-10-01) pending
	// [2021-10-01, 2021-10-15) active
	// [2021-10-15, 2021-10-20) suspended
	// [2021-10-20, 2021-12-01) active
	// [2021-12-01, 2022-01-01) terminated
	// 2021-10-01 10.00 EUR issued: true
	// 2021-11-01 10.00 EUR issued: true
	// termination: 2021-12-01
}

// Preview shows the timelines before and after a command without changing
// anything: support staff see that a restart after the period ended renews
// on the restart date before they do it.
func ExampleSubscription_Preview() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	if sub, err = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness); err != nil {
		panic(err)
	}

	// What would a restart on 10 November bill?
	restart := period.MustParseDate("2021-11-10")
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}
	p, err := sub.Preview(func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(restart) }, span, restart)
	if err != nil {
		panic(err)
	}
	fmt.Println("before:", len(p.Before.Invoices), "invoice(s)")
	for _, ti := range p.After.Invoices {
		fmt.Println("after:", ti.Invoice.IssueDate, ti.Invoice.Period, ti.Invoice.Total)
	}
	fmt.Println("unchanged:", sub.StatusOn(restart).State)
	// Output:
	// before: 1 invoice(s)
	// after: 2021-10-01 [2021-10-01, 2021-11-01) 10.00 EUR
	// after: 2021-11-10 [2021-11-10, 2021-12-10) 10.00 EUR
	// after: 2021-12-10 [2021-12-10, 2022-01-10) 10.00 EUR
	// unchanged: suspended
}

// A whole-period pause moves the picked period to the end by default: no
// invoice and no access where it stood, later periods keep their dates, and
// the termination date moves by one period. A period already invoiced on
// the command's date cannot be paused (ACCEPTANCE W-01, W-06).
func ExampleSubscription_AddWholePeriodPause() {
	// Monthly from 2025-01-15, 12 periods at 49.00 EUR.
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("49.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}

	april := period.Period{Start: period.MustParseDate("2025-04-15"), End: period.MustParseDate("2025-05-15")}
	sub, err = sub.AddWholePeriodPause(period.MustParseDate("2025-03-01"), pause.WholePeriod{Periods: []period.Period{april}, Reason: "travel"})
	if err != nil {
		panic(err)
	}
	end, _ := sub.TerminationDate()
	fmt.Println("termination:", end)
	fmt.Println("2025-04-20:", sub.StatusOn(period.MustParseDate("2025-04-20")).State)
	for bp := range sub.Periods(period.Period{Start: period.MustParseDate("2025-03-15"), End: period.MustParseDate("2025-06-15")}) {
		if bp.Paused {
			fmt.Println(bp.Period, "paused:", bp.PauseReason)
		} else {
			fmt.Println(bp.Period)
		}
	}

	// A period whose invoice is issued cannot be paused.
	_, err = sub.AddWholePeriodPause(period.MustParseDate("2025-05-20"), pause.WholePeriod{
		Periods: []period.Period{{Start: period.MustParseDate("2025-05-15"), End: period.MustParseDate("2025-06-15")}}, Reason: "travel"})
	fmt.Println(errors.Is(err, subscription.ErrPeriodInvoiced))
	// Output:
	// termination: 2026-02-15
	// 2025-04-20: paused
	// [2025-03-15, 2025-04-15)
	// [2025-04-15, 2025-05-15) paused: travel
	// [2025-05-15, 2025-06-15)
	// true
}

// A failed renewal charge due on D opens the retry period: attempts are
// planned one a day on D+1 … D+N and the customer keeps the service. If one
// succeeds, the renewed period still starts on D (ACCEPTANCE Y-01).
func ExampleSubscription_RecordPaymentFailure() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Retry: retry.Policy{Attempts: 3}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-03-01")})
	if err != nil {
		panic(err)
	}

	// The renewal charge due 2024-04-01 fails; so does the first retry.
	due := period.MustParseDate("2024-04-01")
	if sub, err = sub.RecordPaymentFailure(due, due); err != nil {
		panic(err)
	}
	if sub, err = sub.RecordPaymentFailure(period.MustParseDate("2024-04-02"), due); err != nil {
		panic(err)
	}
	for rp := range sub.RetryPeriods() {
		for _, a := range rp.Attempts {
			fmt.Println(a.On, a.State)
		}
	}
	fmt.Println("2024-04-02:", sub.StatusOn(period.MustParseDate("2024-04-02")).State)

	// The customer pays on 2024-04-03: the renewed period still starts on the 1st.
	if sub, err = sub.RecordPayment(period.MustParseDate("2024-04-03"), due); err != nil {
		panic(err)
	}
	fmt.Println("2024-04-03:", sub.StatusOn(period.MustParseDate("2024-04-03")).State)
	next, _ := sub.NextRenewal(period.MustParseDate("2024-04-03"))
	fmt.Println("next renewal:", next)
	// Output:
	// 2024-04-02 failed
	// 2024-04-03 planned
	// 2024-04-04 planned
	// 2024-04-02: past_due
	// 2024-04-03: active
	// next renewal: 2024-05-01
}

// The state is a function of the date: pending before the start, trial for
// the trial's days, and what the log schedules takes effect on its date,
// here an automatic suspension for an invalid card at the next renewal.
func ExampleSubscription_StatusOn() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Trial: subscription.TrialOffer{Days: 14}, Suspension: retry.Suspension{InvalidPaymentMethod: true}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	// The card expires: the subscription is suspended at the next renewal.
	if sub, err = sub.InvalidatePaymentMethod(period.MustParseDate("2021-10-20")); err != nil {
		panic(err)
	}

	for _, day := range []string{"2021-09-30", "2021-10-01", "2021-10-15", "2021-11-14", "2021-11-15"} {
		st := sub.StatusOn(period.MustParseDate(day))
		fmt.Println(day, st.State, st.Reason, sub.Entitled(period.MustParseDate(day)))
	}
	// Output:
	// 2021-09-30 pending none false
	// 2021-10-01 trial none true
	// 2021-10-15 active none true
	// 2021-11-14 active none true
	// 2021-11-15 suspended payment_method_invalid false
}

// Validate rejects a plan that cannot work before any subscription uses it:
// the error matches ErrInvalidPlan and names the offending values.
func ExamplePlan_Validate() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}, Periods: 12}
	fmt.Println(plan.Validate())

	// A trial as long as the term leaves nothing to bill.
	plan.Trial = subscription.TrialOffer{Periods: 12}
	err := plan.Validate()
	fmt.Println(errors.Is(err, subscription.ErrInvalidPlan))
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// subscription: invalid plan: trial of 12 periods in a term of 12
}

// A subscription's JSON holds its terms and its log; decoding replays the
// log, so the decoded value gives the same views, and re-encoding gives the
// same bytes.
func ExampleSubscription_MarshalJSON() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.Apply(subscription.Event{Kind: subscription.KindSuspend, Date: period.MustParseDate("2021-10-15"),
		Reason: subscription.ByBusiness, Ref: "ticket-4711", Meta: map[string]string{"by": "front desk"}})
	if err != nil {
		panic(err)
	}
	data, err := json.Marshal(sub)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(data))

	var back subscription.Subscription
	if err := json.Unmarshal(data, &back); err != nil {
		panic(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		panic(err)
	}
	fmt.Println("same bytes:", bytes.Equal(data, again))
	fmt.Println("same log:", slices.EqualFunc(slices.Collect(sub.Events()), slices.Collect(back.Events()), func(a, b subscription.Event) bool {
		return a.Kind == b.Kind && a.Date == b.Date && a.Reason == b.Reason && a.Ref == b.Ref && maps.Equal(a.Meta, b.Meta)
	}))
	fmt.Println("2021-10-20:", back.StatusOn(period.MustParseDate("2021-10-20")).State)
	// Output:
	// {"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2021-10-01","events":[{"kind":"suspend","date":"2021-10-15","reason":"by_business","ref":"ticket-4711","meta":{"by":"front desk"}}]}
	// same bytes: true
	// same log: true
	// 2021-10-20: suspended
}

// Decoding is strict: a date that does not exist is an error, never a
// shifted date, and an event that cannot apply is an *EventError.
func ExampleSubscription_UnmarshalJSON() {
	const stored = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},` +
		`"start":"2021-10-01","events":[{"kind":"restart","date":"2021-10-20"}]}`
	var sub subscription.Subscription
	err := json.Unmarshal([]byte(stored), &sub)
	var ee *subscription.EventError
	fmt.Println(errors.As(err, &ee), ee.Index, errors.Is(err, subscription.ErrNotSuspended))

	const badDate = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2021-02-30","events":[]}`
	err = json.Unmarshal([]byte(badDate), &sub)
	fmt.Println(errors.Is(err, period.ErrInvalidDate))
	fmt.Println(err)
	// Output:
	// true 0 true
	// true
	// period: field start: invalid date "2021-02-30": day 30 is not in 2021-02
}

// An *EventError names the event of a log that cannot apply, by its index,
// and wraps the reason, which errors.Is sees through.
func ExampleEventError() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	terms := subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")}
	log := []subscription.Event{
		{Kind: subscription.KindSuspend, Date: period.MustParseDate("2021-10-15"), Reason: subscription.ByBusiness},
		{Kind: subscription.KindRestart, Date: period.MustParseDate("2021-10-12")},
	}
	_, err := subscription.Replay(terms, slices.Values(log))
	var ee *subscription.EventError
	if errors.As(err, &ee) {
		fmt.Println("event", ee.Index, ee.Event.Kind, ee.Event.Date)
	}
	fmt.Println(errors.Is(err, subscription.ErrOutOfOrder))
	fmt.Println(err)
	// Output:
	// event 1 restart 2021-10-12
	// true
	// subscription: event 1 (restart on 2021-10-12): event out of order: restart on 2021-10-12 after an event on 2021-10-15
}

// A *TransitionError reports a command that the state on its date does not
// allow, with that state and the day it began; it matches
// ErrInvalidTransition, and ErrTerminated for a terminated subscription.
func ExampleTransitionError() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.TerminateNow(period.MustParseDate("2021-10-15"))
	if err != nil {
		panic(err)
	}
	_, err = sub.Suspend(period.MustParseDate("2021-10-20"), subscription.ByBusiness)
	var te *subscription.TransitionError
	if errors.As(err, &te) {
		fmt.Println(te.Command, te.On, te.State, te.Since)
	}
	fmt.Println(errors.Is(err, subscription.ErrTerminated), errors.Is(err, subscription.ErrInvalidTransition))
	fmt.Println(err)
	// Output:
	// suspend 2021-10-20 terminated 2021-10-15
	// true true
	// subscription: event 1 (suspend on 2021-10-20): terminated on 2021-10-15
}
