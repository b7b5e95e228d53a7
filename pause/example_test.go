package pause_test

import (
	"errors"
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
)

// The preview of a flexible pause of days 2025-03-10 through 2025-04-20 on
// a monthly subscription from 2025-01-15.
func ExampleTouched() {
	s := period.Schedule{Anchor: period.MustParseDate("2025-01-15"), Every: period.Monthly}
	days := period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")}
	total := 0
	for _, t := range pause.Touched(s.PeriodsFrom(s.Anchor), days) {
		fmt.Printf("%s %2d of %d days paused\n", t.Period, t.PausedDays, t.Days)
		total += t.PausedDays
	}
	fmt.Println(total, "days")
	// Output:
	// [2025-02-15, 2025-03-15)  5 of 28 days paused
	// [2025-03-15, 2025-04-15) 31 of 31 days paused
	// [2025-04-15, 2025-05-15)  6 of 30 days paused
	// 42 days
}

func ExampleSuggestedAmount() {
	feb := period.Period{Start: period.MustParseDate("2025-02-15"), End: period.MustParseDate("2025-03-15")}
	t := pause.Touch{Period: feb, PausedDays: 5, Days: 28}
	price := invoice.MustParseMoney("30.00", invoice.EUR)
	suggested, err := pause.SuggestedAmount(price, t)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, paused, _ := pause.Split(price, t)
	fmt.Println("suggested:", suggested)
	fmt.Println("paused part:", paused)
	// Output:
	// suggested: 24.64 EUR
	// paused part: 5.36 EUR
}

// A 10-session class card with 4 sessions used, frozen from 2025-07-01 and
// unfrozen on 2025-10-01.
func ExamplePass_Freeze() {
	card := pause.Pass{
		Valid:    period.Period{Start: period.MustParseDate("2025-06-01"), End: period.MustParseDate("2025-09-01")},
		Sessions: 10,
		Used:     4,
	}
	frozen, err := card.Freeze(period.MustParseDate("2025-07-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("frozen:", frozen.Valid, frozen.RemainingDays, "days kept")
	back, err := frozen.Unfreeze(period.MustParseDate("2025-10-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	left, _ := back.SessionsLeft()
	fmt.Println("unfrozen:", back.Valid, back.Valid.Days(), "days,", left, "sessions left")
	_, err = frozen.Unfreeze(period.MustParseDate("2025-06-20"))
	fmt.Println(err)
	// Output:
	// frozen: [2025-06-01, 2025-07-01) 62 days kept
	// unfrozen: [2025-10-01, 2025-12-02) 62 days, 6 sessions left
	// pause: unfreeze before freeze: unfreeze on 2025-06-20: frozen from 2025-07-01
}

func ExamplePolicy_Check() {
	pol := pause.Policy{MaxDays: 30, NoticeDays: 7, MaxPausesPerYear: 2}
	days := period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")}
	taken := []period.Period{{Start: period.MustParseDate("2025-01-20"), End: period.MustParseDate("2025-01-27")}}
	err := pol.Check(days, period.MustParseDate("2025-03-01"), taken)
	fmt.Println(errors.Is(err, pause.ErrPolicy))
	var pe *pause.PolicyError
	if errors.As(err, &pe) {
		fmt.Println(pe.Limit, pe.Value, pe.LimitValue)
	}
	fmt.Println(err)
	// Output:
	// true
	// max_days 42 30
	// pause: policy limit max_days: pause of 42 days, at most 30
}

func ExampleFee_Amount() {
	fee := pause.Fee{Percent: decimal.RequireFromString("12.5")} // 12.5% of the period price
	amount, err := fee.Amount(invoice.MustParseMoney("49.90", invoice.EUR))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(amount) // 6.2375, rounded half away from zero
	// Output:
	// 6.24 EUR
}

func ExampleHit() {
	bookings := []pause.Booking{
		{On: period.MustParseDate("2025-03-09"), ID: "yoga-1"},
		{On: period.MustParseDate("2025-03-10"), ID: "yoga-2"},
		{On: period.MustParseDate("2025-04-20"), ID: "spin-7"},
		{On: period.MustParseDate("2025-04-21"), ID: "spin-8"},
	}
	paused := []period.Period{{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")}}
	for _, a := range pause.Hit(bookings, paused, pause.Detach) {
		fmt.Println(a.Booking.On, a.Booking.ID, a.Treatment)
	}
	// Output:
	// 2025-03-10 yoga-2 detach
	// 2025-04-20 spin-7 detach
}

func ExampleFlexible_Validate() {
	f := pause.Flexible{
		Days:   period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")},
		Reason: "  ",
	}
	err := f.Validate()
	fmt.Println(errors.Is(err, pause.ErrReasonRequired))
	fmt.Println(err)
	// Output:
	// true
	// pause: reason required: flexible pause of [2025-03-10, 2025-04-21) has reason "  "
}
