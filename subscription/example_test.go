package subscription_test

import (
	"fmt"

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
	invs, err := collect(sub.Invoices(period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2022-01-01")}))
	if err != nil {
		panic(err)
	}
	for _, inv := range invs {
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// 2021-10-01 [2021-10-01, 2021-11-01) 10.00 EUR
	// 2021-11-10 [2021-11-10, 2021-12-10) 10.00 EUR
	// 2021-12-10 [2021-12-10, 2022-01-10) 10.00 EUR
}

func ExampleSubscription_Timeline() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, _ := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	sub, _ = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness)
	sub, _ = sub.Restart(period.MustParseDate("2021-10-20"))
	sub, _ = sub.TerminateAtPeriodEnd(period.MustParseDate("2021-11-05"))

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

func ExampleSubscription_Preview() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)}}
	sub, _ := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	sub, _ = sub.Suspend(period.MustParseDate("2021-10-15"), subscription.ByBusiness)

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

func ExampleSubscription_AddWholePeriodPause() {
	// Monthly from 2025-01-15, 12 periods at 49.00 EUR (ACCEPTANCE W-01).
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("49.00", invoice.EUR)}, Periods: 12}
	sub, _ := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})

	april := period.Period{Start: period.MustParseDate("2025-04-15"), End: period.MustParseDate("2025-05-15")}
	sub, err := sub.AddWholePeriodPause(period.MustParseDate("2025-03-01"), pause.WholePeriod{Periods: []period.Period{april}, Reason: "travel"})
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
	fmt.Println(err != nil)
	// Output:
	// termination: 2026-02-15
	// 2025-04-20: paused
	// [2025-03-15, 2025-04-15)
	// [2025-04-15, 2025-05-15) paused: travel
	// [2025-05-15, 2025-06-15)
	// true
}

func ExampleSubscription_RecordPaymentFailure() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Retry: retry.Policy{Attempts: 3}}
	sub, _ := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-03-01")})

	// The renewal charge due 2024-04-01 fails; so does the first retry.
	due := period.MustParseDate("2024-04-01")
	sub, _ = sub.RecordPaymentFailure(due, due)
	sub, _ = sub.RecordPaymentFailure(period.MustParseDate("2024-04-02"), due)
	for rp := range sub.RetryPeriods() {
		for _, a := range rp.Attempts {
			fmt.Println(a.On, a.State)
		}
	}
	fmt.Println("2024-04-02:", sub.StatusOn(period.MustParseDate("2024-04-02")).State)

	// The customer pays on 2024-04-03: the renewed period still starts on the 1st.
	sub, _ = sub.RecordPayment(period.MustParseDate("2024-04-03"), due)
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

func ExampleSubscription_StatusOn() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
		Trial: subscription.TrialOffer{Days: 14}, Suspension: retry.Suspension{InvalidPaymentMethod: true}}
	sub, _ := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-10-01")})
	// The card expires: the subscription is suspended at the next renewal.
	sub, _ = sub.InvalidatePaymentMethod(period.MustParseDate("2021-10-20"))

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
