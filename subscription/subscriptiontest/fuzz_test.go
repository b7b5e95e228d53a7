package subscriptiontest_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
)

// acceptanceSeeds returns the subscriptions of the acceptance scenarios
// (S-01, S-02, S-05, W-01, W-02, F-01, F-02, Y-01, Y-02, Y-04) in JSON.
func acceptanceSeeds(t testing.TB) [][]byte {
	d := period.MustParseDate
	eur := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.EUR) }
	monthly := func(price string, periods, attempts int) subscription.Plan {
		return subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: eur(price)}, Periods: periods,
			Retry: retry.Policy{Attempts: attempts}}
	}
	type step func(subscription.Subscription) (subscription.Subscription, error)
	build := func(p subscription.Plan, start string, steps ...step) []byte {
		s, err := subscription.New(subscription.Terms{Plan: p, Start: d(start)})
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
		for _, st := range steps {
			if s, err = st(s); err != nil {
				t.Fatalf("seed: %v", err)
			}
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
		return b
	}
	suspend := func(on string) step {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Suspend(d(on), subscription.ByBusiness)
		}
	}
	restart := func(on string) step {
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.Restart(d(on)) }
	}
	whole := func(skip bool) step {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddWholePeriodPause(d("2025-03-01"), pause.WholePeriod{Reason: "travel", SkipOnly: skip,
				Periods: []period.Period{{Start: d("2025-04-15"), End: d("2025-05-15")}}})
		}
	}
	flex := func(ext int) step {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			price := eur("30.00")
			return s.AddFlexiblePause(d("2025-03-01"), pause.Flexible{Reason: "injury",
				Days: period.Period{Start: d("2025-03-10"), End: d("2025-04-21")}, Extension: pause.Extension{Periods: ext, Amount: &price}})
		}
	}
	fail := func(on string) step {
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPaymentFailure(d(on), d("2024-04-01"))
		}
	}
	return [][]byte{
		build(monthly("10.00", 0, 0), "2021-10-01", suspend("2021-10-15"), restart("2021-10-20")),
		build(monthly("10.00", 0, 0), "2021-10-01", suspend("2021-10-15"), restart("2021-11-10")),
		build(monthly("10.00", 0, 0), "2021-10-01", func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.TerminateNow(d("2021-10-15"))
		}),
		build(monthly("49.00", 12, 0), "2025-01-15", whole(false)),
		build(monthly("49.00", 12, 0), "2025-01-15", whole(true)),
		build(monthly("30.00", 12, 0), "2025-01-15", flex(0)),
		build(monthly("30.00", 12, 0), "2025-01-15", flex(2)),
		build(monthly("10.00", 0, 5), "2024-03-01", fail("2024-04-01"), fail("2024-04-02"),
			func(s subscription.Subscription) (subscription.Subscription, error) {
				return s.RecordPayment(d("2024-04-03"), d("2024-04-01"))
			}),
		build(monthly("10.00", 0, 3), "2024-03-01", fail("2024-04-01"), fail("2024-04-02"), fail("2024-04-03"), fail("2024-04-04")),
		build(monthly("10.00", 0, 0), "2024-03-01", fail("2024-04-01")),
		[]byte(`{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}},"retry":{"attempts":0}},` +
			`"start":"2021-10-01","events":[{"kind":"suspend","date":"2021-10-15","reason":"by_business"}]}`),
	}
}

// FuzzTimeline decodes arbitrary bytes as a subscription in JSON and, if
// they decode, checks every invariant as of a date the fuzzer picks. The
// oracle: a decoding error, or no violation; never a panic.
func FuzzTimeline(f *testing.F) {
	for i, seed := range acceptanceSeeds(f) {
		f.Add(seed, uint16(30*i))
	}
	f.Fuzz(func(t *testing.T, data []byte, offset uint16) {
		var s subscription.Subscription
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		asOf := min(s.Start()+date.Date(offset%2000), period.MaxDate)
		for _, v := range subscriptiontest.Check(s, asOf) {
			t.Errorf("%s", v)
		}
		if t.Failed() {
			t.Logf("input: %s", data)
		}
	})
}

// choices reads a fuzzer's bytes as a sequence of small choices; once they
// run out, every choice is 0.
type choices []byte

func (c *choices) pick(n int) int {
	if len(*c) == 0 || n <= 1 {
		return 0
	}
	b := (*c)[0]
	*c = (*c)[1:]
	return int(b) % n
}

// fuzzPlan is the fixed plan of FuzzEventLog: monthly at 10.00 EUR for 12
// periods, three retry attempts then a suspension, and the automatic
// suspension rules on.
var fuzzPlan = subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
	Periods: 12, Retry: retry.Policy{Attempts: 3, OnExhausted: retry.Suspend},
	Suspension: retry.Suspension{UnpaidInvoices: 2, InvalidPaymentMethod: true}}

// FuzzEventLog turns the fuzzer's bytes into commands on the fixed plan,
// each choice a byte, and checks every invariant after each accepted
// command, as of its date.
func FuzzEventLog(f *testing.F) {
	f.Add([]byte{0, 1, 3, 2, 9, 5})
	f.Add([]byte{10, 2, 3, 0, 40, 8, 12, 0, 13, 1, 13, 1})
	f.Add([]byte{9, 3, 20, 30, 1, 1, 0, 15, 3, 30})
	f.Add([]byte{11, 3, 2, 1, 12, 4, 0, 3, 2, 5, 1, 5, 3})
	start := period.MustParseDate("2024-01-31")
	f.Fuzz(func(t *testing.T, data []byte) {
		c := choices(data)
		s, err := subscription.New(subscription.Terms{Plan: fuzzPlan, Start: start})
		if err != nil {
			t.Fatal(err)
		}
		last := start
		for steps := 0; len(c) > 0 && steps < 16; steps++ {
			on := last
			switch c.pick(4) {
			case 1:
				on += date.Date(c.pick(8))
			case 2:
				on += date.Date(c.pick(64))
			case 3:
				if d, ok := s.NextRenewal(last - 1); ok {
					on = d
				}
			}
			next, err := fuzzCommand(&c, s, on)
			if err != nil {
				continue
			}
			s, last = next, on
			if vs := subscriptiontest.Check(s, on); len(vs) > 0 {
				b, _ := json.Marshal(s)
				for _, v := range vs {
					t.Errorf("%s", v)
				}
				t.Fatalf("after %s on %s: %s", slices.Collect(s.Events())[len(slices.Collect(s.Events()))-1].Kind, on, b)
			}
		}
	})
}

// fuzzCommand applies the command the next choices name.
func fuzzCommand(c *choices, s subscription.Subscription, on date.Date) (subscription.Subscription, error) {
	reason := subscription.Reason(1 + c.pick(3))
	switch c.pick(15) {
	case 0:
		return s.Suspend(on, reason)
	case 1:
		return s.ScheduleSuspension(on, on+1+date.Date(c.pick(60)), reason)
	case 2:
		return s.CancelSuspension(on)
	case 3:
		return s.Restart(on)
	case 4:
		return s.TerminateNow(on)
	case 5:
		return s.TerminateAtPeriodEnd(on)
	case 6:
		return s.TerminateOn(on, on+1+date.Date(c.pick(90)))
	case 7:
		return s.CancelTermination(on)
	case 8:
		p := fuzzPlan
		p.Periods = c.pick(4)
		p.Every = []period.Recurrence{period.Monthly, period.Quarterly, period.Weekly}[c.pick(3)]
		p.Retry = retry.Policy{Attempts: c.pick(4)}
		return s.ChangePlanAtRenewal(on, p)
	case 9:
		from := on + date.Date(c.pick(90))
		f := pause.Flexible{Days: period.Period{Start: from, End: from + 1 + date.Date(c.pick(60))}, Reason: "injury"}
		f.Extension.Periods = c.pick(3)
		if c.pick(2) == 1 {
			m := cents(int64(100*c.pick(50)), invoice.EUR)
			f.Extension.Amount = &m
		}
		if ts := slices.Collect(s.PreviewFlexiblePause(f.Days)); len(ts) > 0 && c.pick(2) == 1 {
			o := pause.InvoiceOverride{Period: ts[c.pick(len(ts))].Period, Mode: pause.Prorated}
			if c.pick(2) == 1 {
				amount := cents(int64(100*c.pick(20)), invoice.EUR)
				o = pause.InvoiceOverride{Period: o.Period, Mode: pause.FixedAmount, Amount: &amount}
			}
			f.Overrides = []pause.InvoiceOverride{o}
		}
		return s.AddFlexiblePause(on, f)
	case 10:
		var ahead []period.Period
		for bp := range s.Periods(period.Period{Start: on + 1, End: on + 400}) {
			if bp.Period.Start > on && !bp.Paused {
				ahead = append(ahead, bp.Period)
			}
		}
		if len(ahead) == 0 {
			return s, subscription.ErrNotBillingPeriod
		}
		return s.AddWholePeriodPause(on, pause.WholePeriod{Periods: []period.Period{ahead[c.pick(len(ahead))]},
			Reason: "travel", SkipOnly: c.pick(2) == 1})
	case 11:
		ps := slices.Collect(s.Pauses(""))
		if len(ps) == 0 {
			return s, subscription.ErrPauseNotFound
		}
		return s.DeletePause(on, ps[c.pick(len(ps))].ID)
	case 12:
		rps := slices.Collect(s.RetryPeriods())
		if len(rps) > 0 && c.pick(2) == 1 {
			rp := rps[c.pick(len(rps))]
			if rp.Next != nil && c.pick(2) == 1 {
				return s.RecordPaymentFailure(*rp.Next, rp.Due)
			}
			return s.RecordPaymentFailure(on, rp.Due)
		}
		return s.RecordPaymentFailure(on, on)
	case 13:
		rps := slices.Collect(s.RetryPeriods())
		if len(rps) == 0 {
			return s, subscription.ErrNotDue
		}
		return s.RecordPayment(on, rps[c.pick(len(rps))].Due)
	default:
		if c.pick(2) == 1 {
			return s.UpdatePaymentMethod(on)
		}
		return s.InvalidatePaymentMethod(on)
	}
}
