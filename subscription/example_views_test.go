package subscription_test

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

// Entitlement is a function of the date: a past-due customer keeps the
// service during the retry period [D, D+N); when the attempt on D+N fails
// the subscription ends that day (ACCEPTANCE Y-02).
func ExampleSubscription_Entitled() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Retry: retry.Policy{Attempts: 3}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-03-01")})
	if err != nil {
		panic(err)
	}
	due := period.MustParseDate("2024-04-01")
	for _, day := range []string{"2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04"} {
		if sub, err = sub.RecordPaymentFailure(period.MustParseDate(day), due); err != nil {
			panic(err)
		}
	}
	for _, day := range []string{"2024-03-31", "2024-04-01", "2024-04-03", "2024-04-04"} {
		d := period.MustParseDate(day)
		fmt.Println(day, sub.StatusOn(d).State, sub.Entitled(d))
	}
	// Output:
	// 2024-03-31 active true
	// 2024-04-01 past_due true
	// 2024-04-03 past_due true
	// 2024-04-04 terminated false
}

// The termination date is the first day without service, like every period
// end; the last day a member can come is the day before it.
func ExampleSubscription_TerminationDate() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("49.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	end, ok := sub.TerminationDate()
	fmt.Println(end, ok, "last day:", end.AddDate(0, 0, -1))

	// A plan without a fixed term renews without end.
	plan.Periods = 0
	open, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	_, ok = open.TerminationDate()
	fmt.Println(ok)
	// Output:
	// 2026-01-15 true last day: 2026-01-14
	// false
}

// PlanOn returns the plan in effect on a date: the first plan before the
// start and until a change takes effect, then the new one. A change now to
// another recurrence takes effect on its date, on a new schedule.
func ExampleSubscription_PlanOn() {
	monthly := subscription.Plan{Name: "Monthly", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	yearly := subscription.Plan{Name: "Yearly", Every: period.Yearly, Price: invoice.Price{Recurring: invoice.MustParseMoney("300.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: monthly, Start: period.MustParseDate("2021-11-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.ChangePlanNow(period.MustParseDate("2021-11-16"), yearly, subscription.ProrateNow)
	if err != nil {
		panic(err)
	}
	for _, day := range []string{"2021-10-01", "2021-11-15", "2021-11-16", "2022-12-01"} {
		p := sub.PlanOn(period.MustParseDate(day))
		fmt.Println(day, p.Name, p.Every)
	}
	// Output:
	// 2021-10-01 Monthly P1M
	// 2021-11-15 Monthly P1M
	// 2021-11-16 Yearly P1Y
	// 2022-12-01 Yearly P1Y
}

// Periods are anchored, never chained: boundary k is the anchor plus k
// months, the day clamped to the month's length (ACCEPTANCE R-01).
func ExampleSubscription_Periods() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-01-31")})
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-01-31"), End: period.MustParseDate("2021-05-31")}
	for bp := range sub.Periods(span) {
		fmt.Println(bp.Number, bp.Period)
	}
	// Output:
	// 0 [2021-01-31, 2021-02-28)
	// 1 [2021-02-28, 2021-03-31)
	// 2 [2021-03-31, 2021-04-30)
	// 3 [2021-04-30, 2021-05-31)
}

// Invoices lists the invoices issued on a day of the span, whether already
// issued or planned: one has been issued as of a date when its issue date is
// on or before it. In advance, a period's invoice is issued on its first day.
func ExampleSubscription_Invoices() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	asOf := period.MustParseDate("2025-03-01")
	span := period.Period{Start: period.MustParseDate("2025-01-01"), End: period.MustParseDate("2025-05-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total, "issued:", inv.IsIssued(asOf))
	}
	// Output:
	// 2025-01-15 [2025-01-15, 2025-02-15) 30.00 EUR issued: true
	// 2025-02-15 [2025-02-15, 2025-03-15) 30.00 EUR issued: true
	// 2025-03-15 [2025-03-15, 2025-04-15) 30.00 EUR issued: false
	// 2025-04-15 [2025-04-15, 2025-05-15) 30.00 EUR issued: false
}

// Billed in arrears, a period's invoice is issued on its end date, and a
// termination inside a period bills the days up to it, prorated.
func ExampleSubscription_Invoices_inArrears() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)},
		Billing: subscription.InArrears}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.TerminateNow(period.MustParseDate("2021-11-16"))
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// 2021-11-01 [2021-10-01, 2021-11-01) 30.00 EUR
	// 2021-11-16 [2021-11-01, 2021-11-16) 15.00 EUR
}

// An invoice names the buyer when the buyer is not the beneficiary: a
// company pays for an employee's gym membership.
func ExampleSubscription_Invoices_buyer() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15"),
		Buyer: "acme-corp", Beneficiary: "member-042"})
	if err != nil {
		panic(err)
	}
	for inv, err := range sub.Invoices(period.Period{Start: period.MustParseDate("2025-01-15"), End: period.MustParseDate("2025-01-16")}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, "buyer:", inv.Buyer, "beneficiary:", inv.Beneficiary)
	}
	// Output:
	// 2025-01-15 buyer: acme-corp beneficiary: member-042
}

// NextRenewal is the first day after a date on which a billed period
// starts; a suspended subscription has none until it restarts.
func ExampleSubscription_NextRenewal() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-01-31")})
	if err != nil {
		panic(err)
	}
	for _, day := range []string{"2021-01-31", "2021-02-27", "2021-02-28"} {
		next, _ := sub.NextRenewal(period.MustParseDate(day))
		fmt.Println(day, "→", next)
	}
	sub, err = sub.Suspend(period.MustParseDate("2021-03-05"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	_, ok := sub.NextRenewal(period.MustParseDate("2021-03-05"))
	fmt.Println("suspended:", ok)
	// Output:
	// 2021-01-31 → 2021-02-28
	// 2021-02-27 → 2021-02-28
	// 2021-02-28 → 2021-03-31
	// suspended: false
}

// Pauses lists the pauses that are not deleted, in the order they were
// added, optionally filtered by reason; a pause's ID is what DeletePause takes.
func ExampleSubscription_Pauses() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.AddFlexiblePause(period.MustParseDate("2025-02-01"), pause.Flexible{
		Days: period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-03-24")}, Reason: "vacation"})
	if err != nil {
		panic(err)
	}
	sub, err = sub.AddWholePeriodPause(period.MustParseDate("2025-02-01"), pause.WholePeriod{
		Periods: []period.Period{{Start: period.MustParseDate("2025-06-15"), End: period.MustParseDate("2025-07-15")}}, Reason: "injury"})
	if err != nil {
		panic(err)
	}
	sub, err = sub.AddFlexiblePause(period.MustParseDate("2025-02-01"), pause.Flexible{
		Days: period.Period{Start: period.MustParseDate("2025-08-01"), End: period.MustParseDate("2025-08-15")}, Reason: "vacation"})
	if err != nil {
		panic(err)
	}
	for p := range sub.Pauses("") {
		if p.Flexible != nil {
			fmt.Println(p.ID, p.Reason, "flexible", p.Flexible.Days)
		} else {
			fmt.Println(p.ID, p.Reason, "whole periods", p.WholePeriod.Periods)
		}
	}
	n := 0
	for range sub.Pauses("vacation") {
		n++
	}
	fmt.Println(n, "vacation pauses")
	// Output:
	// 0 vacation flexible [2025-03-10, 2025-03-24)
	// 1 injury whole periods [[2025-06-15, 2025-07-15)]
	// 2 vacation flexible [2025-08-01, 2025-08-15)
	// 2 vacation pauses
}

// No booking is allowed on a paused day: PausedRanges gives the day ranges
// a booking system checks, and pause.Hit the bookings already made on them.
func ExampleSubscription_PausedRanges() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.AddFlexiblePause(period.MustParseDate("2025-03-01"), pause.Flexible{
		Days: period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-03-17")}, Reason: "vacation"})
	if err != nil {
		panic(err)
	}
	paused := slices.Collect(sub.PausedRanges())
	fmt.Println(paused)
	for _, day := range []string{"2025-03-09", "2025-03-10", "2025-03-16", "2025-03-17"} {
		fmt.Println(day, "paused:", pause.IsPaused(period.MustParseDate(day), paused))
	}
	// The member had booked two classes; the one on a paused day is detached.
	booked := []pause.Booking{{On: period.MustParseDate("2025-03-12"), ID: "yoga-12"}, {On: period.MustParseDate("2025-03-19"), ID: "yoga-19"}}
	hits, err := pause.Hit(booked, paused, pause.Detach)
	if err != nil {
		panic(err)
	}
	for h := range hits {
		fmt.Println(h.Booking.ID, h.Treatment)
	}
	// Output:
	// [[2025-03-10, 2025-03-17)]
	// 2025-03-09 paused: false
	// 2025-03-10 paused: true
	// 2025-03-16 paused: true
	// 2025-03-17 paused: false
	// yoga-12 detach
}

// PreviewFlexiblePause shows, before the command, the billing periods a
// flexible pause would touch and how many of their days it pauses; the
// caller may then override an invoice, here with the suggested amount
// prorated by the days not paused (ACCEPTANCE F-01).
func ExampleSubscription_PreviewFlexiblePause() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	days := period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")}
	total := 0
	for t := range sub.PreviewFlexiblePause(days) {
		suggested, err := pause.SuggestedAmount(plan.Price.Recurring, t)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%v %d/%d suggested %v\n", t.Period, t.PausedDays, t.Days, suggested)
		total += t.PausedDays
	}
	fmt.Println(total, "days; log unchanged:", sub.Len())
	// Output:
	// [2025-02-15, 2025-03-15) 5/28 suggested 24.64 EUR
	// [2025-03-15, 2025-04-15) 31/31 suggested 0.00 EUR
	// [2025-04-15, 2025-05-15) 6/30 suggested 24.00 EUR
	// 42 days; log unchanged: 0
}

// RetryPeriods lists the retry periods with every attempt. Under a policy
// that suspends on exhaustion, the failure of the last attempt suspends the
// subscription for payment due from that day, and the invoice stays unpaid.
func ExampleSubscription_RetryPeriods() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Retry: retry.Policy{Attempts: 2, OnExhausted: retry.Suspend}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-03-01")})
	if err != nil {
		panic(err)
	}
	due := period.MustParseDate("2024-04-01")
	for _, day := range []string{"2024-04-01", "2024-04-02", "2024-04-03"} {
		if sub, err = sub.RecordPaymentFailure(period.MustParseDate(day), due); err != nil {
			panic(err)
		}
	}
	for rp := range sub.RetryPeriods() {
		fmt.Println("due", rp.Due, rp.State, "on", *rp.Settled, "unpaid:", rp.Unpaid)
		for _, a := range rp.Attempts {
			fmt.Println("  ", a.On, a.State)
		}
	}
	st := sub.StatusOn(period.MustParseDate("2024-04-03"))
	fmt.Println("2024-04-03:", st.State, st.Reason)
	// Output:
	// due 2024-04-01 exhausted on 2024-04-03 unpaid: true
	//    2024-04-02 failed
	//    2024-04-03 failed
	// 2024-04-03: suspended payment_due
}

// Agenda lists what a daily job acts on in a span, in date order: here the
// invoice to charge, the failed charge's retry attempts, and the trial end.
func ExampleSubscription_Agenda() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Trial: subscription.TrialOffer{Days: 14}, Retry: retry.Policy{Attempts: 2}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-03-01")})
	if err != nil {
		panic(err)
	}
	// The first charge, on the trial's end, fails.
	due := period.MustParseDate("2024-03-15")
	if sub, err = sub.RecordPaymentFailure(due, due); err != nil {
		panic(err)
	}
	for a := range sub.Agenda(period.Period{Start: period.MustParseDate("2024-03-01"), End: period.MustParseDate("2024-03-20")}) {
		switch a.Kind {
		case subscription.ActionInvoice:
			fmt.Println(a.On, a.Kind, a.Invoice.Period, a.Invoice.Total)
		case subscription.ActionAttempt:
			fmt.Println(a.On, a.Kind, a.Attempt.Number, "of the invoice of", a.Attempt.Due)
		default:
			fmt.Println(a.On, a.Kind, a.Change.From, "→", a.Change.State)
		}
	}
	// Output:
	// 2024-03-01 state_change pending → trial
	// 2024-03-15 trial_end trial → past_due
	// 2024-03-15 invoice [2024-03-15, 2024-04-15) 10.00 EUR
	// 2024-03-16 attempt 1 of the invoice of 2024-03-15
	// 2024-03-17 attempt 2 of the invoice of 2024-03-15
}

// NextAction is the next day on which the agenda is not empty: a backend
// stores it, loads the subscription again on that day only, and learns when
// nothing will ever happen again.
func ExampleSubscription_NextAction() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}, Periods: 2}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	day := period.MustParseDate("2021-09-01")
	for {
		next, ok := sub.NextAction(day)
		if !ok {
			fmt.Println("nothing after", day)
			break
		}
		fmt.Println(next)
		day = next
	}
	// Output:
	// 2021-10-01
	// 2021-11-01
	// 2021-12-01
	// nothing after 2021-12-01
}

// Events returns copies of the log's events, in order; an event's position
// is its log index, which causes and pause IDs name.
func ExampleSubscription_Events() {
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
	for e := range sub.Events() {
		e.Date = period.MustParseDate("2030-01-01") // changes the copy only
	}
	i := 0
	for e := range sub.Events() {
		fmt.Println(i, e.Kind, e.Date)
		i++
	}
	// Output:
	// 0 suspend 2021-10-15
	// 1 restart 2021-10-20
}

// Len is the number of events in the log; a command returns a new value
// one event longer and leaves the receiver as it was.
func ExampleSubscription_Len() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	later, err := sub.TerminateAtPeriodEnd(period.MustParseDate("2021-10-20"))
	if err != nil {
		panic(err)
	}
	fmt.Println(sub.Len(), later.Len())
	// Output:
	// 0 1
}

// Terms returns what the subscription was created with, and Plan, Start
// and Anchor its parts; Plan is the plan at the start (see PlanOn).
func ExampleSubscription_Terms() {
	plan := subscription.Plan{Name: "Gym monthly", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15"), Beneficiary: "member-042"})
	if err != nil {
		panic(err)
	}
	t := sub.Terms()
	fmt.Println(t.Plan.Name, t.Start, t.Beneficiary, t.Anchor == nil)
	// Output:
	// Gym monthly 2025-01-15 member-042 true
}

// Plan returns the plan the subscription started with, whatever changes
// the log holds.
func ExampleSubscription_Plan() {
	basic := subscription.Plan{Name: "Basic", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	premium := subscription.Plan{Name: "Premium", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("45.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: basic, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.ChangePlanAtRenewal(period.MustParseDate("2021-10-20"), premium)
	if err != nil {
		panic(err)
	}
	fmt.Println(sub.Plan().Name, sub.Plan().Price.Recurring)
	fmt.Println(sub.PlanOn(period.MustParseDate("2021-11-01")).Name)
	// Output:
	// Basic 30.00 EUR
	// Premium
}

// Start is the first day of the subscription; before it the state is
// pending.
func ExampleSubscription_Start() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	start := sub.Start()
	fmt.Println(start, sub.StatusOn(start.AddDate(0, 0, -1)).State, sub.StatusOn(start).State)
	// Output:
	// 2025-01-15 pending active
}

// The anchor is the first day of the billing schedule: the start, the end
// of a trial in days, or a later day within one period of the start, the
// days before it billed as a prorated stub (here 16 of October's 31).
func ExampleSubscription_Anchor() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("31.00", invoice.EUR)}}
	first := period.MustParseDate("2021-11-01")
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-16"), Anchor: &first})
	if err != nil {
		panic(err)
	}
	fmt.Println("anchor:", sub.Anchor())
	for inv, err := range sub.Invoices(period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-12-01")}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}

	// With a 14-day trial the schedule is anchored on the trial's end.
	plan.Trial = subscription.TrialOffer{Days: 14}
	trial, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	fmt.Println("anchor with a trial:", trial.Anchor())
	// Output:
	// anchor: 2021-11-01
	// 2021-10-16 [2021-10-16, 2021-11-01) 16.00 EUR
	// 2021-11-01 [2021-11-01, 2021-12-01) 31.00 EUR
	// anchor with a trial: 2021-10-15
}

// String is a one-line summary, for logs.
func ExampleSubscription_String() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness)
	if err != nil {
		panic(err)
	}
	fmt.Println(sub)
	fmt.Println(subscription.Subscription{})
	// Output:
	// subscription P1M from 2021-10-01, 1 event
	// subscription (zero)
}
