package subscription_test

import (
	"errors"
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
)

// A plan change at renewal keeps the running period at the old price; the
// new plan, of the same recurrence, takes over at the next renewal on the
// same anchor (ProAbono's "changement d'offre à l'échéance").
func ExampleSubscription_ChangePlanAtRenewal() {
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
	fmt.Println("2021-10-20:", sub.PlanOn(period.MustParseDate("2021-10-20")).Name)
	fmt.Println("2021-11-01:", sub.PlanOn(period.MustParseDate("2021-11-01")).Name)
	span := period.Period{Start: period.MustParseDate("2021-10-01"), End: period.MustParseDate("2021-12-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}

	// A plan that cannot work is refused.
	_, err = sub.ChangePlanAtRenewal(period.MustParseDate("2021-10-21"), subscription.Plan{Every: period.Monthly})
	fmt.Println(errors.Is(err, subscription.ErrInvalidPlan))
	// Output:
	// 2021-10-20: Basic
	// 2021-11-01: Premium
	// 2021-10-01 [2021-10-01, 2021-11-01) 30.00 EUR
	// 2021-11-01 [2021-11-01, 2021-12-01) 45.00 EUR
	// true
}

// An upgrade now with ProrateNow issues, on the change date, an invoice that
// credits the days left at the old price and charges them at the new, each
// line prorated by days (15 of November's 30) and rounded once.
func ExampleSubscription_ChangePlanNow() {
	team := subscription.Plan{Name: "Team", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("100.00", invoice.EUR)}}
	business := subscription.Plan{Name: "Business", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("160.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: team, Start: period.MustParseDate("2021-11-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.ChangePlanNow(period.MustParseDate("2021-11-16"), business, subscription.ProrateNow)
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-11-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
		for _, l := range inv.Lines {
			fmt.Println("  ", l.Kind, l.Period, l.Amount)
		}
	}
	// Output:
	// invoice 2021-11-01 [2021-11-01, 2021-12-01) 100.00 EUR
	//    recurring [2021-11-01, 2021-12-01) 100.00 EUR
	// invoice 2021-11-16 [2021-11-16, 2021-12-01) 30.00 EUR
	//    credit [2021-11-16, 2021-12-01) -50.00 EUR
	//    proration [2021-11-16, 2021-12-01) 80.00 EUR
	// invoice 2021-12-01 [2021-12-01, 2022-01-01) 160.00 EUR
	//    recurring [2021-12-01, 2022-01-01) 160.00 EUR
}

// A downgrade now whose net gives money back is a credit note, issued on
// the change date, that names the invoice of the period it credits.
func ExampleSubscription_ChangePlanNow_downgrade() {
	business := subscription.Plan{Name: "Business", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("160.00", invoice.EUR)}}
	team := subscription.Plan{Name: "Team", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("100.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: business, Start: period.MustParseDate("2021-11-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.ChangePlanNow(period.MustParseDate("2021-11-16"), team, subscription.ProrateNow)
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-11-01"), End: period.MustParseDate("2021-12-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
		if inv.Credits != nil {
			fmt.Println("  credits", *inv.Credits)
		}
	}
	// Output:
	// invoice 2021-11-01 [2021-11-01, 2021-12-01) 160.00 EUR
	// credit_note 2021-11-16 [2021-11-16, 2021-12-01) -30.00 EUR
	//   credits invoice of [2021-11-01, 2021-12-01) issued 2021-11-01
}

// With ProrateAtRenewal the credit and the charge of the days left are two
// lines of the next invoice, beside the new plan's price for the period.
func ExampleSubscription_ChangePlanNow_atRenewal() {
	team := subscription.Plan{Name: "Team", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("100.00", invoice.EUR)}}
	business := subscription.Plan{Name: "Business", Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("160.00", invoice.EUR)}}
	sub, err := subscription.New(subscription.Terms{Plan: team, Start: period.MustParseDate("2021-11-01")})
	if err != nil {
		panic(err)
	}
	sub, err = sub.ChangePlanNow(period.MustParseDate("2021-11-16"), business, subscription.ProrateAtRenewal)
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-11-02"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
		for _, l := range inv.Lines {
			fmt.Println("  ", l.Kind, l.Period, l.Amount)
		}
	}

	// The zero ProrationPolicy is not a policy: a forgotten one fails.
	_, err = sub.ChangePlanNow(period.MustParseDate("2021-11-20"), team, 0)
	fmt.Println(errors.Is(err, subscription.ErrInvalidEvent))
	// Output:
	// invoice 2021-12-01 [2021-12-01, 2022-01-01) 190.00 EUR
	//    recurring [2021-12-01, 2022-01-01) 160.00 EUR
	//    credit [2021-11-16, 2021-12-01) -50.00 EUR
	//    proration [2021-11-16, 2021-12-01) 80.00 EUR
	// true
}

// A change now to another recurrence starts a new schedule on the change
// date, its first period invoiced that day; the days left of the old period
// are credited.
func ExampleSubscription_ChangePlanNow_newRecurrence() {
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
	span := period.Period{Start: period.MustParseDate("2021-11-01"), End: period.MustParseDate("2023-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
	}
	next, _ := sub.NextRenewal(period.MustParseDate("2021-11-16"))
	fmt.Println("next renewal:", next)
	// Output:
	// invoice 2021-11-01 [2021-11-01, 2021-12-01) 30.00 EUR
	// invoice 2021-11-16 [2021-11-16, 2022-11-16) 300.00 EUR
	// credit_note 2021-11-16 [2021-11-16, 2021-12-01) -15.00 EUR
	// invoice 2022-11-16 [2022-11-16, 2023-11-16) 300.00 EUR
	// next renewal: 2022-11-16
}

// ChangeQuantity sets the seats in use from its date: the seats beyond the
// included ones are billed for the days left of the period (15 of 30), and
// every later invoice bills the new quantity.
func ExampleSubscription_ChangeQuantity() {
	perSeat := invoice.MustParseMoney("8.00", invoice.EUR)
	seats := invoice.Feature{Name: "Seats", Kind: invoice.Limitation, QuantityIncluded: 5, QuantityCurrent: 5, UnitPrice: &perSeat}
	plan := subscription.Plan{Name: "Team", Every: period.Monthly,
		Price: invoice.Price{Recurring: invoice.MustParseMoney("20.00", invoice.EUR), Features: []invoice.Feature{seats}}}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2021-11-01")})
	if err != nil {
		panic(err)
	}
	// Three more seats on 16 November.
	sub, err = sub.ChangeQuantity(period.MustParseDate("2021-11-16"), "Seats", 8, subscription.ProrateNow)
	if err != nil {
		panic(err)
	}
	span := period.Period{Start: period.MustParseDate("2021-11-01"), End: period.MustParseDate("2022-01-01")}
	for inv, err := range sub.Invoices(span) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Kind, inv.IssueDate, inv.Period, inv.Total)
	}

	// Only a Limitation feature of the plan has a quantity.
	_, err = sub.ChangeQuantity(period.MustParseDate("2021-11-20"), "Users", 3, subscription.ProrateNow)
	fmt.Println(errors.Is(err, subscription.ErrInvalidEvent))
	// Output:
	// invoice 2021-11-01 [2021-11-01, 2021-12-01) 20.00 EUR
	// invoice 2021-11-16 [2021-11-16, 2021-12-01) 12.00 EUR
	// invoice 2021-12-01 [2021-12-01, 2022-01-01) 44.00 EUR
	// true
}

// A flexible pause is a day range with a mandatory reason: no service on
// its days, the invoices keep their amounts, and an extension adds whole
// periods at the end, each with its invoice (ACCEPTANCE F-01, F-02).
func ExampleSubscription_AddFlexiblePause() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	// Days 2025-03-10 through 2025-04-20, and two months more at the end.
	vacation := pause.Flexible{
		Days:      period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")},
		Reason:    "vacation",
		Extension: pause.Extension{Periods: 2},
	}
	sub, err = sub.AddFlexiblePause(period.MustParseDate("2025-03-01"), vacation)
	if err != nil {
		panic(err)
	}
	for _, day := range []string{"2025-03-09", "2025-03-10", "2025-04-20", "2025-04-21"} {
		fmt.Println(day, sub.StatusOn(period.MustParseDate(day)).State)
	}
	end, _ := sub.TerminationDate()
	fmt.Println("termination:", end)
	n, total := 0, invoice.Zero(invoice.EUR)
	for inv, err := range sub.Invoices(period.Period{Start: period.MustParseDate("2025-01-15"), End: end}) {
		if err != nil {
			panic(err)
		}
		n++
		if total, err = total.Add(inv.Total); err != nil {
			panic(err)
		}
	}
	fmt.Println(n, "invoices,", total)

	// A pause needs a reason.
	_, err = sub.AddFlexiblePause(period.MustParseDate("2025-03-01"), pause.Flexible{
		Days: period.Period{Start: period.MustParseDate("2025-06-01"), End: period.MustParseDate("2025-06-08")}})
	fmt.Println(errors.Is(err, pause.ErrReasonRequired))
	// Output:
	// 2025-03-09 active
	// 2025-03-10 paused
	// 2025-04-20 paused
	// 2025-04-21 active
	// termination: 2026-03-15
	// 14 invoices, 420.00 EUR
	// true
}

// The caller may override the invoices of the periods a flexible pause
// touches: a fixed amount, or the price prorated by the days not paused.
func ExampleSubscription_AddFlexiblePause_overrides() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("30.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	march := period.Period{Start: period.MustParseDate("2025-03-15"), End: period.MustParseDate("2025-04-15")}
	april := period.Period{Start: period.MustParseDate("2025-04-15"), End: period.MustParseDate("2025-05-15")}
	free := invoice.Zero(invoice.EUR)
	injury := pause.Flexible{
		Days:   period.Period{Start: period.MustParseDate("2025-03-15"), End: period.MustParseDate("2025-04-21")},
		Reason: "injury",
		Overrides: []pause.InvoiceOverride{
			{Period: march, Mode: pause.FixedAmount, Amount: &free},
			{Period: april, Mode: pause.Prorated},
		},
	}
	sub, err = sub.AddFlexiblePause(period.MustParseDate("2025-03-01"), injury)
	if err != nil {
		panic(err)
	}
	for inv, err := range sub.Invoices(period.Period{Start: period.MustParseDate("2025-02-15"), End: period.MustParseDate("2025-06-15")}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// 2025-02-15 [2025-02-15, 2025-03-15) 30.00 EUR
	// 2025-03-15 [2025-03-15, 2025-04-15) 0.00 EUR
	// 2025-04-15 [2025-04-15, 2025-05-15) 24.00 EUR
	// 2025-05-15 [2025-05-15, 2025-06-15) 30.00 EUR
}

// With SkipOnly a whole-period pause skips the period without moving it to
// the end: no invoice, no access, and the termination date stays
// (ACCEPTANCE W-02).
func ExampleSubscription_AddWholePeriodPause_skipOnly() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("49.00", invoice.EUR)}, Periods: 12}
	sub, err := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2025-01-15")})
	if err != nil {
		panic(err)
	}
	april := period.Period{Start: period.MustParseDate("2025-04-15"), End: period.MustParseDate("2025-05-15")}
	sub, err = sub.AddWholePeriodPause(period.MustParseDate("2025-03-01"), pause.WholePeriod{Periods: []period.Period{april}, Reason: "travel", SkipOnly: true})
	if err != nil {
		panic(err)
	}
	end, _ := sub.TerminationDate()
	fmt.Println("termination:", end)
	n, total := 0, invoice.Zero(invoice.EUR)
	for inv, err := range sub.Invoices(period.Period{Start: period.MustParseDate("2025-01-15"), End: end}) {
		if err != nil {
			panic(err)
		}
		n++
		if total, err = total.Add(inv.Total); err != nil {
			panic(err)
		}
	}
	fmt.Println(n, "invoices,", total)

	// Only an exact billing period can be paused whole.
	_, err = sub.AddWholePeriodPause(period.MustParseDate("2025-03-01"), pause.WholePeriod{
		Periods: []period.Period{{Start: period.MustParseDate("2025-06-01"), End: period.MustParseDate("2025-07-01")}}, Reason: "travel"})
	fmt.Println(errors.Is(err, subscription.ErrNotBillingPeriod))
	// Output:
	// termination: 2026-01-15
	// 11 invoices, 539.00 EUR
	// true
}

// Deleting a pause restores exactly the timeline without it; a pause that
// does not exist, or was deleted already, is ErrPauseNotFound.
func ExampleSubscription_DeletePause() {
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
	fmt.Println("with the pause:", end, sub.StatusOn(period.MustParseDate("2025-04-20")).State)

	// The trip is cancelled on 10 March.
	var id int
	for p := range sub.Pauses("travel") {
		id = p.ID
	}
	sub, err = sub.DeletePause(period.MustParseDate("2025-03-10"), id)
	if err != nil {
		panic(err)
	}
	end, _ = sub.TerminationDate()
	fmt.Println("without it:", end, sub.StatusOn(period.MustParseDate("2025-04-20")).State)

	_, err = sub.DeletePause(period.MustParseDate("2025-03-11"), id)
	fmt.Println(errors.Is(err, subscription.ErrPauseNotFound))
	// Output:
	// with the pause: 2026-02-15 paused
	// without it: 2026-01-15 active
	// true
}
