package pause_test

import (
	"encoding/json"
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
	for t := range pause.Touched(s.PeriodsFrom(s.Anchor), days) {
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
	fmt.Println("frozen:", frozen.Valid, frozen.Frozen.RemainingDays, "days kept", frozen.IsFrozen())
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
	// frozen: [2025-06-01, 2025-07-01) 62 days kept true
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
	hit, err := pause.Hit(bookings, paused, pause.Detach)
	if err != nil {
		fmt.Println(err)
		return
	}
	for a := range hit {
		fmt.Println(a.Booking.On, a.Booking.ID, a.Treatment)
	}
	fmt.Println(pause.IsPaused(period.MustParseDate("2025-04-21"), paused))
	_, err = pause.Hit(bookings, paused, 0)
	fmt.Println(err)
	// Output:
	// 2025-03-10 yoga-2 detach
	// 2025-04-20 spin-7 detach
	// false
	// pause: invalid pause: booking treatment(0): want delete or detach
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

func ExampleFlexible_ValidateFor() {
	usd := invoice.MustParseMoney("5.00", invoice.USD)
	f := pause.Flexible{
		Days:      period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")},
		Reason:    "vacation",
		Extension: pause.Extension{Periods: 1, Amount: &usd},
	}
	fmt.Println(f.Validate())
	fmt.Println(f.ValidateFor(invoice.EUR))
	f.Extension.Periods = pause.MaxExtensionPeriods + 1
	fmt.Println(f.Validate())
	// Output:
	// <nil>
	// invoice: currency mismatch: flexible pause of [2025-03-10, 2025-04-21) sets 5.00 USD on a subscription in EUR
	// pause: invalid pause: extension of 1001 periods: want 0 to 1000
}

// The override of one touched period: a fixed amount, here 0.00, or the
// price prorated by the days not paused.
func ExampleFlexible_Override() {
	feb := period.Period{Start: period.MustParseDate("2025-02-15"), End: period.MustParseDate("2025-03-15")}
	zero := invoice.Zero(invoice.EUR)
	f := pause.Flexible{
		Days:      period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")},
		Reason:    "vacation",
		Overrides: []pause.InvoiceOverride{{Period: feb, Mode: pause.FixedAmount, Amount: &zero}},
	}
	o, ok := f.Override(feb)
	fmt.Println(o.Mode, o.Amount, ok, f.Validate())
	// Output: fixed_amount 0.00 EUR true <nil>
}

func ExampleFlexible_UnmarshalJSON() {
	var f pause.Flexible
	err := json.Unmarshal([]byte(`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"vacation",
		"extension":{"periods":2}}`), &f)
	fmt.Println(err, f.Extension.Periods)
	err = json.Unmarshal([]byte(`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"vacation",
		"extention":{"periods":2}}`), &f)
	fmt.Println(err)
	// Output:
	// <nil> 2
	// pause: field extention: invalid pause: unknown field
}

func ExampleWholePeriod_Validate() {
	apr := period.Period{Start: period.MustParseDate("2025-04-15"), End: period.MustParseDate("2025-05-15")}
	mar := period.Period{Start: period.MustParseDate("2025-03-15"), End: period.MustParseDate("2025-04-15")}
	w := pause.WholePeriod{Periods: []period.Period{apr, mar}, Reason: "injury"}
	fmt.Println(w.Validate())
	w.Periods = []period.Period{mar, apr}
	fmt.Println(w.Validate(), w.Days(), w.Pauses(apr))
	// Output:
	// pause: invalid pause: period 1 [2025-03-15, 2025-04-15) does not come after period 0 [2025-04-15, 2025-05-15)
	// <nil> 61 true
}

func ExamplePolicy_UnmarshalJSON() {
	var p pause.Policy
	fmt.Println(json.Unmarshal([]byte(`{"min_days":7,"max_days":30,"fee":{"percent":"12.5"}}`), &p), p.MinDays, p.Fee.Percent)
	fmt.Println(json.Unmarshal([]byte(`{"min_days":40,"max_days":30}`), &p))
	fmt.Println(json.Unmarshal([]byte(`{"max_days":1e3}`), &p))
	// Output:
	// <nil> 7 12.5
	// pause: invalid policy: min_days 40 above max_days 30
	// pause: field max_days: invalid policy: want an integer, got "1e3"
}

func ExamplePolicy_ValidateFor() {
	usd := invoice.MustParseMoney("5.00", invoice.USD)
	p := pause.Policy{MaxDays: 30, Fee: &pause.Fee{Flat: &usd}}
	fmt.Println(p.Validate())
	fmt.Println(p.ValidateFor(invoice.EUR))
	// Output:
	// <nil>
	// invoice: currency mismatch: flat fee 5.00 USD for a subscription in EUR
}

func ExamplePass_Unfreeze() {
	frozen := pause.Pass{
		Valid:  period.Period{Start: period.MustParseDate("2025-06-01"), End: period.MustParseDate("2025-07-01")},
		Frozen: &pause.Freeze{From: period.MustParseDate("2025-07-01"), RemainingDays: 62},
	}
	back, err := frozen.Unfreeze(period.MustParseDate("2025-10-01"))
	fmt.Println(back.Valid, back.IsFrozen(), err, back.ValidOn(period.MustParseDate("2025-12-01")))
	_, err = frozen.Unfreeze(period.MustParseDate("9999-12-01"))
	fmt.Println(err)
	// Output:
	// [2025-10-01, 2025-12-02) false <nil> true
	// pause: invalid pass: unfreeze on 9999-12-01 with 62 remaining days: the validity would end after 9999-12-31
}

func ExamplePass_Validate() {
	p := pause.Pass{Valid: period.Period{Start: period.MustParseDate("2025-06-01"), End: period.MustParseDate("2025-09-01")}, Sessions: 10, Used: 11}
	fmt.Println(p.Validate(), p.IsCard())
	// Output: pause: invalid pass: 11 sessions used of 10 true
}

func ExampleTouch_UnpausedFraction() {
	feb := period.Period{Start: period.MustParseDate("2025-02-15"), End: period.MustParseDate("2025-03-15")}
	t := pause.Touch{Period: feb, PausedDays: 5, Days: 28}
	fmt.Println(t.PausedFraction(), t.UnpausedFraction(), t.UnpausedDays(), t.IsWhole(), t.Validate())
	// Output: 5/28 23/28 23 false <nil>
}

func ExampleBooking_UnmarshalJSON() {
	var b pause.Booking
	fmt.Println(json.Unmarshal([]byte(`{"on":"2025-03-12","id":"yoga-2"}`), &b), b.On, b.ID)
	fmt.Println(json.Unmarshal([]byte(`{"on":"2025-02-30","id":"yoga-2"}`), &b))
	// Output:
	// <nil> 2025-03-12 yoga-2
	// period: field on: invalid date "2025-02-30": day 30 is not in 2025-02
}

func ExampleSplit() {
	feb := period.Period{Start: period.MustParseDate("2025-02-15"), End: period.MustParseDate("2025-03-15")}
	kept, paused, err := pause.Split(invoice.MustParseMoney("30.00", invoice.EUR), pause.Touch{Period: feb, PausedDays: 5, Days: 28})
	fmt.Println(kept, paused, err)
	// Output: 24.64 EUR 5.36 EUR <nil>
}

func ExampleIsPaused() {
	paused := []period.Period{{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")}}
	fmt.Println(pause.IsPaused(period.MustParseDate("2025-04-20"), paused), pause.IsPaused(period.MustParseDate("2025-04-21"), paused))
	// Output: true false
}

func ExampleFee_Validate() {
	usd := invoice.MustParseMoney("5.00", invoice.USD)
	fmt.Println(pause.Fee{Flat: &usd}.Validate())
	fmt.Println(pause.Fee{Flat: &usd}.ValidateFor(invoice.EUR))
	fmt.Println(pause.Fee{Percent: decimal.NewFromInt(150)}.Validate())
	fmt.Println(pause.Fee{}.Validate())
	// Output:
	// <nil>
	// invoice: currency mismatch: flat fee 5.00 USD for a subscription in EUR
	// invoice: field percent: invalid percentage: 150%: want more than 0 and at most 100, with at most 16 fraction digits
	// pause: invalid policy: fee neither flat nor a percentage
}

func ExampleFee_UnmarshalJSON() {
	var f pause.Fee
	fmt.Println(json.Unmarshal([]byte(`{"percent":"12.5"}`), &f), f.Percent, f.Equal(pause.Fee{Percent: decimal.RequireFromString("12.50")}))
	fmt.Println(json.Unmarshal([]byte(`{"flat":{"amount":"5.00","currency":"EUR"},"percent":"12.5"}`), &f))
	// Output:
	// <nil> 12.5 true
	// pause: invalid policy: fee both flat 5.00 EUR and a percentage
}

func ExamplePolicy_Validate() {
	fmt.Println(pause.Policy{MinDays: 7, MaxDays: 90}.Validate())
	fmt.Println(pause.Policy{MinDays: 7, MaxDays: 5}.Validate())
	fmt.Println(pause.Policy{MaxDaysPerYear: 400}.Validate())
	fmt.Println(pause.Policy{MaxDays: 30}.Equal(pause.Policy{MaxDays: 30}))
	// Output:
	// <nil>
	// pause: invalid policy: min_days 7 above max_days 5
	// pause: invalid policy: max_days_per_year is 400: want 0 (no limit) to 366
	// true
}

func ExamplePolicyError() {
	err := pause.Policy{MinDays: 7}.Check(period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-03-12")}, period.MustParseDate("2025-03-01"), nil)
	var pe *pause.PolicyError
	fmt.Println(errors.As(err, &pe), pe.Limit, pe.Value, pe.LimitValue, errors.Is(err, pause.ErrPolicy))
	fmt.Println(pe)
	// Output:
	// true min_days 2 7 true
	// pause: policy limit min_days: pause of 2 days, at least 7
}

func ExampleWholePeriod_UnmarshalJSON() {
	var w pause.WholePeriod
	fmt.Println(json.Unmarshal([]byte(`{"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"injury","skip_only":true}`), &w), w.SkipOnly, w.Days())
	b, _ := json.Marshal(w)
	fmt.Println(string(b))
	fmt.Println(json.Unmarshal([]byte(`{"periods":[],"reason":"injury"}`), &w))
	fmt.Println(w.Equal(pause.WholePeriod{Periods: w.Periods, Reason: "injury", SkipOnly: true}))
	// Output:
	// <nil> true 30
	// {"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"injury","skip_only":true}
	// pause: invalid pause: whole-period pause without a period
	// true
}

func ExamplePass_UnmarshalJSON() {
	var p pause.Pass
	err := json.Unmarshal([]byte(`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"sessions":10,"used":4,
		"frozen":{"from":"2025-07-01","remaining_days":62}}`), &p)
	left, card := p.SessionsLeft()
	fmt.Println(err, p.IsFrozen(), p.Frozen.RemainingDays, left, card, p.ValidOn(period.MustParseDate("2025-07-01")))
	fmt.Println(json.Unmarshal([]byte(`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"frozen":{"from":"2025-06-15","remaining_days":62}}`), &p))
	fmt.Println(p.Equal(p))
	// Output:
	// <nil> true 62 6 true false
	// pause: invalid pass: frozen from 2025-06-15 but valid [2025-06-01, 2025-07-01)
	// true
}

func ExampleTouch_Validate() {
	feb := period.Period{Start: period.MustParseDate("2025-02-15"), End: period.MustParseDate("2025-03-15")}
	fmt.Println(pause.Touch{Period: feb, PausedDays: 28, Days: 28}.IsWhole())
	fmt.Println(pause.Touch{Period: feb, PausedDays: 5, Days: 30}.Validate())
	var t pause.Touch
	fmt.Println(json.Unmarshal([]byte(`{"period":{"start":"2025-02-15","end":"2025-03-15"},"paused_days":29,"days":28}`), &t))
	// Output:
	// true
	// pause: invalid pause: touch of [2025-02-15, 2025-03-15) with 30 days
	// pause: invalid pause: touch of [2025-02-15, 2025-03-15) with 29 paused days of 28
}

func ExampleBookingAction_UnmarshalJSON() {
	var a pause.BookingAction
	fmt.Println(json.Unmarshal([]byte(`{"booking":{"on":"2025-03-12","id":"yoga-2"},"treatment":"detach"}`), &a), a.Booking.ID, a.Treatment)
	fmt.Println(json.Unmarshal([]byte(`{"booking":{"on":"2025-03-12","id":"yoga-2"},"treatment":"keep"}`), &a))
	// Output:
	// <nil> yoga-2 detach
	// pause: field treatment: invalid pause: booking treatment "keep": want delete or detach
}

func ExampleInvoiceOverride_UnmarshalJSON() {
	var o pause.InvoiceOverride
	fmt.Println(json.Unmarshal([]byte(`{"period":{"start":"2025-02-15","end":"2025-03-15"},"mode":"prorated"}`), &o), o.Mode, o.Amount == nil)
	fmt.Println(json.Unmarshal([]byte(`{"period":{"start":"2025-02-15","end":"2025-03-15"},"mode":"fixed_amount"}`), &o))
	// Output:
	// <nil> prorated true
	// pause: invalid pause: fixed_amount override of [2025-02-15, 2025-03-15) without an amount
}

func ExampleExtension_UnmarshalJSON() {
	var e pause.Extension
	fmt.Println(json.Unmarshal([]byte(`{"periods":2,"amount":{"amount":"30.00","currency":"EUR"}}`), &e), e.Periods, *e.Amount)
	fmt.Println(json.Unmarshal([]byte(`{"periods":2.5}`), &e))
	// Output:
	// <nil> 2 30.00 EUR
	// pause: field periods: invalid pause: want an integer, got "2.5"
}

func ExampleFreeze_UnmarshalJSON() {
	var f pause.Freeze
	fmt.Println(json.Unmarshal([]byte(`{"from":"2025-07-01","remaining_days":62}`), &f), f.From, f.RemainingDays)
	fmt.Println(json.Unmarshal([]byte(`{"from":"2025-07-01"}`), &f))
	// Output:
	// <nil> 2025-07-01 62
	// pause: field remaining_days: invalid pass: missing
}
