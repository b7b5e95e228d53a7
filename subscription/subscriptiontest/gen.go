package subscriptiontest

import (
	"math"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// recurrences are the recurrences Recurrence draws from.
var recurrences = []period.Recurrence{
	period.Monthly, period.Weekly, period.Yearly, period.Quarterly,
	{Every: 10, Unit: period.Day}, {Every: 2, Unit: period.Week},
}

// currencies are the currencies Plan draws from: two, zero and three minor
// digits.
var currencies = []invoice.Currency{invoice.EUR, invoice.EUR, invoice.USD, invoice.JPY, invoice.KWD}

// epoch is the earliest start Subscription draws: 2020-01-01.
var epoch = date.New(2020, 1, 1)

// Recurrence returns a generator of valid recurrences: monthly (P1M),
// weekly (P1W), yearly (P1Y), quarterly (P3M), ten days (P10D) and two
// weeks (P2W). Shrinking goes towards monthly.
func Recurrence() *rapid.Generator[period.Recurrence] {
	return rapid.SampledFrom(recurrences)
}

// Price returns a generator of valid prices in currency c: a recurring
// price of 0 to 500 major units, sometimes a Limitation feature with a unit
// price, sometimes a percent or fixed discount for the first periods or for
// ever. Every amount is exact in c's minor unit, so Price.Validate accepts
// it.
func Price(c invoice.Currency) *rapid.Generator[invoice.Price] {
	return rapid.Custom(func(t *rapid.T) invoice.Price {
		unit := int64(math.Pow10(c.Digits()))
		p := invoice.Price{Recurring: minor(rapid.Int64Range(0, 500*unit).Draw(t, "recurring"), c)}
		if rapid.IntRange(0, 3).Draw(t, "feature") == 0 {
			up := minor(rapid.Int64Range(0, 20*unit).Draw(t, "unit_price"), c)
			p.Features = []invoice.Feature{{Name: "Users", Kind: invoice.Limitation,
				QuantityIncluded: rapid.Int64Range(0, 3).Draw(t, "included"),
				QuantityCurrent:  rapid.Int64Range(0, 6).Draw(t, "used"), UnitPrice: &up}}
		}
		switch rapid.IntRange(0, 5).Draw(t, "discount") {
		case 0:
			p.Discounts = []invoice.Discount{{Name: "Welcome", Kind: invoice.Percent,
				Percent: decimal.NewFromInt(rapid.Int64Range(1, 100).Draw(t, "percent")),
				Periods: rapid.IntRange(0, 3).Draw(t, "discount_periods")}}
		case 1:
			p.Discounts = []invoice.Discount{{Name: "Voucher", Kind: invoice.Fixed,
				Amount:  minor(rapid.Int64Range(1, 100*unit).Draw(t, "fixed"), c),
				Periods: rapid.IntRange(0, 3).Draw(t, "discount_periods")}}
		}
		return p
	})
}

// Plan returns a generator of valid plans: any Recurrence, a Price in EUR,
// USD, JPY or KWD, an optional fixed term of 1 to 24 periods, an optional
// trial in days or periods (free or paid), billing in advance or, less
// often, in arrears, a retry policy whose window fits the shortest period,
// and optional automatic suspension rules. Plan.Validate accepts every
// plan it draws.
func Plan() *rapid.Generator[subscription.Plan] {
	return rapid.Custom(func(t *rapid.T) subscription.Plan {
		c := rapid.SampledFrom(currencies).Draw(t, "currency")
		return drawPlan(t, c)
	})
}

func drawPlan(t *rapid.T, c invoice.Currency) subscription.Plan {
	every := Recurrence().Draw(t, "every")
	p := subscription.Plan{Every: every, Price: Price(c).Draw(t, "price")}
	if rapid.Bool().Draw(t, "fixed_term") {
		p.Periods = rapid.IntRange(1, 24).Draw(t, "periods")
	}
	switch rapid.IntRange(0, 3).Draw(t, "trial") {
	case 2:
		p.Trial.Days = rapid.IntRange(1, 30).Draw(t, "trial_days")
	case 3:
		if n := rapid.IntRange(1, 3).Draw(t, "trial_periods"); p.Periods == 0 || n < p.Periods {
			p.Trial.Periods = n
		}
	}
	if (p.Trial.Days > 0 || p.Trial.Periods > 0) && rapid.Bool().Draw(t, "paid_trial") {
		unit := int64(math.Pow10(c.Digits()))
		m := minor(rapid.Int64Range(0, 50*unit).Draw(t, "trial_price"), c)
		p.Trial.Price = &m
	}
	p.Billing = rapid.SampledFrom([]subscription.Billing{0, 0, subscription.InAdvance, subscription.InArrears}).Draw(t, "billing")
	p.Retry = drawRetry(t, every)
	p.Suspension = retry.Suspension{
		UnpaidInvoices:       rapid.IntRange(0, 2).Draw(t, "unpaid_invoices"),
		InvalidPaymentMethod: rapid.Bool().Draw(t, "invalid_payment_method"),
	}
	return p
}

// drawRetry draws a retry policy valid for every: its window stays below
// the shortest period.
func drawRetry(t *rapid.T, every period.Recurrence) retry.Policy {
	maxWindow := min(every.MinDays()-1, 9)
	n := rapid.IntRange(0, min(maxWindow, 5)).Draw(t, "attempts")
	pol := retry.Policy{Attempts: n,
		OnExhausted: rapid.SampledFrom([]retry.Exhaustion{0, retry.Terminate, retry.Suspend}).Draw(t, "on_exhausted"),
		LatePayment: rapid.SampledFrom([]retry.LatePayment{0, retry.KeepStart, retry.RestartOnPayment}).Draw(t, "late_payment"),
	}
	if n > 0 && rapid.IntRange(0, 3).Draw(t, "custom_offsets") == 0 {
		// n strictly increasing offsets in 1 … maxWindow.
		offs := make([]int, 0, n)
		next := 1
		for i := range n {
			hi := maxWindow - (n - 1 - i)
			o := rapid.IntRange(next, hi).Draw(t, "offset")
			offs = append(offs, o)
			next = o + 1
		}
		pol.Offsets = offs
	}
	return pol
}

// Subscription returns a generator of valid subscriptions with random but
// valid event logs. It draws a Plan, a start between 2020 and 2025, and
// sometimes a later anchor, a buyer and a beneficiary; then it issues up to
// 14 commands at non-decreasing dates — suspensions, scheduled
// suspensions and their cancellation, restarts, terminations now, at the
// period end or on a date and their cancellation, plan changes at renewal,
// flexible pauses (with overrides and extensions) and whole-period pauses
// (moved or skipped), pause deletions, failed renewal charges, retry
// attempts, payments, and payment method changes — keeping only those the
// library accepts. Dates often land on renewals and retry attempts, where
// the interesting rules apply.
func Subscription() *rapid.Generator[subscription.Subscription] {
	return rapid.Custom(func(t *rapid.T) subscription.Subscription {
		c := rapid.SampledFrom(currencies).Draw(t, "currency")
		plan := drawPlan(t, c)
		start := epoch + date.Date(rapid.IntRange(0, 2000).Draw(t, "start"))
		terms := subscription.Terms{Plan: plan, Start: start}
		if plan.Trial.Days == 0 && rapid.IntRange(0, 4).Draw(t, "late_anchor") == 0 {
			limit, _ := period.Schedule{Anchor: start, Every: plan.Every}.Boundary(1)
			a := start + date.Date(rapid.IntRange(0, int(limit-start)-1).Draw(t, "anchor"))
			terms.Anchor = &a
		}
		if rapid.IntRange(0, 3).Draw(t, "buyer") == 0 {
			terms.Buyer, terms.Beneficiary = "buyer-1", "member-1"
		}
		s, err := subscription.New(terms)
		if err != nil {
			t.Fatalf("subscriptiontest: generated terms rejected: %v", err)
		}
		n := rapid.IntRange(0, 14).Draw(t, "commands")
		last := start
		for range n {
			cmd := drawCommand(t, s, last, c)
			if next, err := cmd(s); err == nil {
				s = next
				if evs := slices.Collect(s.Events()); len(evs) > 0 {
					last = evs[len(evs)-1].Date
				}
			}
		}
		return s
	})
}

// drawDate draws the date of the next command, on or after last: the same
// day, a few days or weeks later, months later, the next renewal, or the
// next planned retry attempt.
func drawDate(t *rapid.T, s subscription.Subscription, last date.Date) date.Date {
	switch rapid.IntRange(0, 6).Draw(t, "when") {
	case 0:
		return last
	case 1:
		return last + date.Date(rapid.IntRange(1, 7).Draw(t, "days"))
	case 2, 3:
		return last + date.Date(rapid.IntRange(1, 60).Draw(t, "days"))
	case 4:
		return last + date.Date(rapid.IntRange(60, 500).Draw(t, "days"))
	case 5:
		if d, ok := s.NextRenewal(last - 1); ok && d >= last {
			return d
		}
	case 6:
		for rp := range s.RetryPeriods() {
			if rp.Next != nil && *rp.Next >= last {
				return *rp.Next
			}
		}
	}
	return last + 1
}

// command is a command to try on a subscription.
type command func(subscription.Subscription) (subscription.Subscription, error)

var reasons = []subscription.Reason{subscription.ByBusiness, subscription.PaymentDue, subscription.PaymentMethodInvalid}

var pauseReasons = []string{"travel", "injury", "parental leave"}

// commandWeights weighs the commands drawCommand draws, by case: the
// terminations (4 to 7) are rarer, since they end the log.
var commandWeights = []int{4, 2, 1, 4, 1, 1, 1, 1, 2, 4, 4, 2, 5, 5, 2}

// drawCommand draws one command dated on or after last, with arguments
// fitted to s.
func drawCommand(t *rapid.T, s subscription.Subscription, last date.Date, c invoice.Currency) command {
	total := 0
	for _, w := range commandWeights {
		total += w
	}
	pick := rapid.IntRange(0, total-1).Draw(t, "command")
	kind := 0
	for pick >= commandWeights[kind] {
		pick -= commandWeights[kind]
		kind++
	}
	on := drawDate(t, s, last)
	switch kind {
	case 0:
		r := rapid.SampledFrom(reasons).Draw(t, "reason")
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.Suspend(on, r) }
	case 1:
		eff := on + date.Date(rapid.IntRange(1, 60).Draw(t, "effective"))
		if rapid.Bool().Draw(t, "at_renewal") {
			if d, ok := s.NextRenewal(on); ok {
				eff = d
			}
		}
		r := rapid.SampledFrom(reasons).Draw(t, "reason")
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, eff, r)
		}
	case 2:
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.CancelSuspension(on) }
	case 3:
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(on) }
	case 4:
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateNow(on) }
	case 5:
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateAtPeriodEnd(on)
		}
	case 6:
		end := on + date.Date(rapid.IntRange(1, 120).Draw(t, "end"))
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateOn(on, end) }
	case 7:
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.CancelTermination(on) }
	case 8:
		p := drawPlan(t, c)
		if rapid.Bool().Draw(t, "same_every") {
			p.Every = s.Plan().Every
			p.Retry = drawRetry(t, p.Every)
		}
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanAtRenewal(on, p)
		}
	case 9:
		f := drawFlexible(t, s, on, c)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.AddFlexiblePause(on, f) }
	case 10:
		w, ok := drawWhole(t, s, on)
		if !ok {
			break
		}
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddWholePeriodPause(on, w)
		}
	case 11:
		ps := slices.Collect(s.Pauses(""))
		if len(ps) == 0 {
			break
		}
		id := ps[rapid.IntRange(0, len(ps)-1).Draw(t, "pause")].ID
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.DeletePause(on, id) }
	case 12:
		// A failed renewal charge, on the day an invoice is issued.
		if d, ok := s.NextRenewal(last - 1); ok && d >= last && rapid.Bool().Draw(t, "on_renewal") {
			on = d
		}
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPaymentFailure(on, on)
		}
	case 13:
		// A retry attempt or a payment for a retry period of the log.
		rps := slices.Collect(s.RetryPeriods())
		if len(rps) == 0 {
			break
		}
		rp := rps[rapid.IntRange(0, len(rps)-1).Draw(t, "retry_period")]
		if rp.Next != nil && *rp.Next >= last && rapid.Bool().Draw(t, "on_attempt") {
			on = *rp.Next
		}
		if rapid.Bool().Draw(t, "paid") {
			if rp.Next != nil && rapid.Bool().Draw(t, "paid_soon") {
				on = last + date.Date(rapid.IntRange(0, 3).Draw(t, "days"))
			}
			return func(s subscription.Subscription) (subscription.Subscription, error) {
				return s.RecordPayment(on, rp.Due)
			}
		}
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPaymentFailure(on, rp.Due)
		}
	case 14:
		if rapid.Bool().Draw(t, "valid_again") {
			return func(s subscription.Subscription) (subscription.Subscription, error) { return s.UpdatePaymentMethod(on) }
		}
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.InvalidatePaymentMethod(on)
		}
	}
	return func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(on) }
}

// drawFlexible draws a flexible pause starting around on, sometimes with
// an extension and an override of a touched period.
func drawFlexible(t *rapid.T, s subscription.Subscription, on date.Date, c invoice.Currency) pause.Flexible {
	from := on + date.Date(rapid.IntRange(0, 90).Draw(t, "pause_from"))
	days := period.Period{Start: from, End: from + date.Date(rapid.IntRange(1, 60).Draw(t, "pause_days"))}
	f := pause.Flexible{Days: days, Reason: rapid.SampledFrom(pauseReasons).Draw(t, "pause_reason")}
	if s.Plan().Periods > 0 && rapid.Bool().Draw(t, "extend") {
		f.Extension.Periods = rapid.IntRange(1, 2).Draw(t, "extension")
		if rapid.Bool().Draw(t, "extension_amount") {
			m := minor(rapid.Int64Range(0, 5000).Draw(t, "amount"), c)
			f.Extension.Amount = &m
		}
	}
	if touched := slices.Collect(s.PreviewFlexiblePause(days)); len(touched) > 0 && rapid.Bool().Draw(t, "override") {
		tp := touched[rapid.IntRange(0, len(touched)-1).Draw(t, "override_period")].Period
		o := pause.InvoiceOverride{Period: tp, Mode: pause.Prorated}
		if rapid.Bool().Draw(t, "fixed_override") {
			amount := minor(rapid.Int64Range(0, 5000).Draw(t, "amount"), c)
			o = pause.InvoiceOverride{Period: tp, Mode: pause.FixedAmount, Amount: &amount}
		}
		f.Overrides = []pause.InvoiceOverride{o}
	}
	return f
}

// drawWhole draws a whole-period pause of one or two consecutive billing
// periods starting after on, and false if s has none.
func drawWhole(t *rapid.T, s subscription.Subscription, on date.Date) (pause.WholePeriod, bool) {
	var ps []period.Period
	for bp := range s.Periods(period.Period{Start: on + 1, End: on + 800}) {
		if bp.Period.Start > on && !bp.Paused {
			ps = append(ps, bp.Period)
		}
		if len(ps) == 12 {
			break
		}
	}
	if len(ps) == 0 {
		return pause.WholePeriod{}, false
	}
	i := rapid.IntRange(0, len(ps)-1).Draw(t, "whole_period")
	w := pause.WholePeriod{Periods: []period.Period{ps[i]}, Reason: rapid.SampledFrom(pauseReasons).Draw(t, "pause_reason"),
		SkipOnly: rapid.IntRange(0, 2).Draw(t, "skip_only") == 0}
	if i+1 < len(ps) && ps[i+1].Start == ps[i].End && rapid.Bool().Draw(t, "two_periods") {
		w.Periods = append(w.Periods, ps[i+1])
	}
	return w, true
}

// Events returns a generator of arbitrary event logs for sub, valid or not:
// up to 12 events of any kind (the invalid kinds 0 and 15 included), dated
// mostly in order around sub's start but sometimes before it or out of
// order, with fields that may or may not fit the kind. Replaying such a
// log must give a subscription or a typed error, never a panic; use it to
// test code that stores or replays logs it did not build.
func Events(sub subscription.Subscription) *rapid.Generator[[]subscription.Event] {
	return rapid.Custom(func(t *rapid.T) []subscription.Event {
		c := sub.Plan().Price.Currency()
		if c == 0 {
			c = invoice.EUR
		}
		n := rapid.IntRange(0, 12).Draw(t, "events")
		d := sub.Start() + date.Date(rapid.IntRange(-3, 30).Draw(t, "first"))
		out := make([]subscription.Event, 0, n)
		for range n {
			d += date.Date(rapid.IntRange(-2, 60).Draw(t, "step"))
			e := subscription.Event{Kind: subscription.Kind(rapid.IntRange(0, 16).Draw(t, "kind")), Date: d}
			if rapid.Bool().Draw(t, "has_reason") {
				e.Reason = subscription.Reason(rapid.IntRange(0, 4).Draw(t, "reason"))
			}
			if rapid.Bool().Draw(t, "has_effective") {
				eff := d + date.Date(rapid.IntRange(-5, 120).Draw(t, "effective"))
				e.Effective = &eff
			}
			if rapid.Bool().Draw(t, "has_due") {
				due := d - date.Date(rapid.IntRange(-2, 10).Draw(t, "due"))
				e.Due = &due
			}
			if rapid.Bool().Draw(t, "has_pause_id") {
				id := rapid.IntRange(-1, n).Draw(t, "pause_id")
				e.PauseID = &id
			}
			switch rapid.IntRange(0, 5).Draw(t, "payload") {
			case 1:
				p := drawPlan(t, c)
				e.Plan = &p
			case 2:
				f := drawFlexible(t, sub, d, c)
				if rapid.Bool().Draw(t, "blank_reason") {
					f.Reason = " "
				}
				e.Flexible = &f
			case 3:
				if w, ok := drawWhole(t, sub, d); ok {
					e.WholePeriod = &w
				} else {
					e.WholePeriod = &pause.WholePeriod{Periods: []period.Period{{Start: d + 3, End: d + 33}}, Reason: "travel"}
				}
			case 4:
				e.WholePeriod = &pause.WholePeriod{Periods: []period.Period{{Start: d + 10, End: d + 5}}}
			}
			out = append(out, e)
		}
		return out
	})
}

// minor returns n minor units of c; the generators keep n far within
// invoice.MaxMinor.
func minor(n int64, c invoice.Currency) invoice.Money {
	m, err := invoice.FromMinor(n, c)
	if err != nil {
		return invoice.Zero(c)
	}
	return m
}
