package subscriptiontest_test

// The calendar, the money and the plans of the reference model (see
// reference_world_test.go). Nothing here comes from package period or
// invoice: boundaries come from the model's own clamped month arithmetic,
// amounts from its own integer cents.

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// addMonths returns anchor + k months, the day of month clamped to the
// length of the month it lands in (DESIGN rule 4): never chained.
func addMonths(anchor date.Date, k int) date.Date {
	y, m, d := anchor.Date()
	months := y*12 + int(m) - 1 + k
	y, m = months/12, time.Month(months%12+1)
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return date.New(y, m, min(d, last))
}

// refUnit is the unit of a recurrence.
type refUnit int

const (
	refWeek refUnit = iota + 1
	refMonth
	refYear
)

// refEvery is a recurrence of n weeks, months or years.
type refEvery struct {
	unit refUnit
	n    int
}

// add returns boundary k of a schedule anchored on a.
func (e refEvery) add(a date.Date, k int) date.Date {
	switch e.unit {
	case refWeek:
		return a + date.Date(7*e.n*k)
	case refMonth:
		return addMonths(a, e.n*k)
	}
	return addMonths(a, 12*e.n*k)
}

// minDays returns the length of the shortest period, found once per
// recurrence by trying every anchor of four years (one of them leap).
func (e refEvery) minDays() int {
	refMinDaysOnce.Do(func() {
		refMinDays = map[refEvery]int{}
		for _, ev := range refEveries {
			shortest := 1 << 30
			for a := date.New(2023, 1, 1); a < date.New(2027, 1, 1); a++ {
				shortest = min(shortest, int(ev.add(a, 1)-a))
			}
			refMinDays[ev] = shortest
		}
	})
	return refMinDays[e]
}

// refEveries are the recurrences the generator draws.
var refEveries = []refEvery{{refMonth, 1}, {refWeek, 1}, {refWeek, 2}, {refMonth, 2}, {refMonth, 3}, {refYear, 1}}

var (
	refMinDaysOnce sync.Once
	refMinDays     map[refEvery]int
)

func (e refEvery) lib() period.Recurrence {
	u := map[refUnit]period.Unit{refWeek: period.Week, refMonth: period.Month, refYear: period.Year}[e.unit]
	return period.Recurrence{Every: e.n, Unit: u}
}

func (e refEvery) String() string {
	return fmt.Sprintf("P%d%s", e.n, map[refUnit]string{refWeek: "W", refMonth: "M", refYear: "Y"}[e.unit])
}

// refSched is an anchored schedule: boundary k is anchor + k × every.
type refSched struct {
	anchor date.Date
	every  refEvery
}

func (s refSched) at(k int) date.Date { return s.every.add(s.anchor, k) }

// containing returns the k with at(k) ≤ d < at(k+1), found by walking
// from a rough guess.
func (s refSched) containing(d date.Date) int {
	k := int(d-s.anchor) / (7 * s.every.n)
	switch s.every.unit {
	case refMonth:
		k = int(d-s.anchor) / (31 * s.every.n)
	case refYear:
		k = int(d-s.anchor) / (366 * s.every.n)
	}
	for s.at(k) > d {
		k--
	}
	for s.at(k+1) <= d {
		k++
	}
	return k
}

// index returns k such that d is boundary k, and false if d is none.
func (s refSched) index(d date.Date) (int, bool) {
	k := s.containing(d)
	return k, s.at(k) == d
}

// roundDiv returns x × num / den for x ≥ 0, rounded half away from zero.
func roundDiv(x, num, den int64) int64 {
	q, r := x*num/den, x*num%den
	if 2*r >= den && r > 0 {
		q++
	}
	return q
}

// refDiscount takes cents, or hundredths of a percent, off the invoices
// of the plan's first periods.
type refDiscount struct {
	percent bool
	value   int64 // cents of a fixed discount; hundredths of a percent (1250 = 12.5 %)
	periods int   // periods 0 … periods−1 of the plan; 0 means all
}

// charge returns the total of a period: price prorated by num/den, rounded
// once, less the discounts that apply to its number, each taken off what
// is left and capped so that the total never goes below zero. A percentage
// is of the prorated price.
func charge(price int64, discounts []refDiscount, number int, num, den int64) int64 {
	base := roundDiv(price, num, den)
	left := base
	for _, d := range discounts {
		if (d.periods > 0 && number >= d.periods) || left <= 0 {
			continue
		}
		off := d.value
		if d.percent {
			off = roundDiv(base, d.value, 10000)
		}
		left -= min(off, left)
	}
	return left
}

// refRetry is a retry policy.
type refRetry struct {
	attempts  int
	offsets   []int // empty: one attempt a day
	exhausted retry.Exhaustion
	late      bool // restart on payment instead of keeping the start
}

func (r refRetry) offset(i int) int {
	if len(r.offsets) > 0 {
		return r.offsets[i]
	}
	return i + 1
}

// window returns the days from the failed charge to the last attempt.
func (r refRetry) window() int {
	if r.attempts == 0 {
		return 0
	}
	return r.offset(r.attempts - 1)
}

// refPlan is a plan of the model, in cents of EUR.
type refPlan struct {
	every        refEvery
	price        int64
	discounts    []refDiscount
	periods      int // fixed term; 0 renews without end
	arrears      bool
	trialDays    int
	trialPeriods int
	trialPrice   *int64 // nil: a free trial
	retry        refRetry
	unpaidRule   int
	invalidRule  bool
}

func eurCents(c int64) invoice.Money { return cents(c, invoice.EUR) }

// lib returns the plan in the library's terms.
func (p *refPlan) lib() subscription.Plan {
	lp := subscription.Plan{Every: p.every.lib(), Periods: p.periods,
		Price:      invoice.Price{Recurring: eurCents(p.price)},
		Trial:      subscription.TrialOffer{Days: p.trialDays, Periods: p.trialPeriods},
		Retry:      retry.Policy{Attempts: p.retry.attempts, Offsets: p.retry.offsets, OnExhausted: p.retry.exhausted},
		Suspension: retry.Suspension{UnpaidInvoices: p.unpaidRule, InvalidPaymentMethod: p.invalidRule}}
	if p.retry.late {
		lp.Retry.LatePayment = retry.RestartOnPayment
	}
	if p.arrears {
		lp.Billing = subscription.InArrears
	}
	if p.trialPrice != nil {
		m := eurCents(*p.trialPrice)
		lp.Trial.Price = &m
	}
	for i, d := range p.discounts {
		ld := invoice.Discount{Name: fmt.Sprintf("discount %d", i), Periods: d.periods, Kind: invoice.Fixed, Amount: eurCents(d.value)}
		if d.percent {
			ld = invoice.Discount{Name: ld.Name, Periods: d.periods, Kind: invoice.Percent, Percent: decimal.New(d.value, -2)}
		}
		lp.Price.Discounts = append(lp.Price.Discounts, ld)
	}
	return lp
}

func (p *refPlan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d.%02d", p.every, p.price/100, p.price%100)
	for _, d := range p.discounts {
		if d.percent {
			fmt.Fprintf(&b, " -%d.%02d%%", d.value/100, d.value%100)
		} else {
			fmt.Fprintf(&b, " -%dc", d.value)
		}
		fmt.Fprintf(&b, "×%d", d.periods)
	}
	if p.periods > 0 {
		fmt.Fprintf(&b, " term=%d", p.periods)
	}
	if p.arrears {
		b.WriteString(" arrears")
	}
	if p.trialDays > 0 || p.trialPeriods > 0 {
		fmt.Fprintf(&b, " trial=%dd/%dp", p.trialDays, p.trialPeriods)
		if p.trialPrice != nil {
			fmt.Fprintf(&b, "@%dc", *p.trialPrice)
		}
	}
	if r := p.retry; r.attempts > 0 || r.exhausted != 0 || r.late {
		fmt.Fprintf(&b, " retry=%d%v/%s", r.attempts, r.offsets, r.exhausted)
		if r.late {
			b.WriteString("/restart_on_payment")
		}
	}
	if p.unpaidRule > 0 {
		fmt.Fprintf(&b, " unpaid_rule=%d", p.unpaidRule)
	}
	if p.invalidRule {
		b.WriteString(" invalid_rule")
	}
	return b.String()
}

// refCfg is what a subscription is created with.
type refCfg struct {
	plan   *refPlan
	start  date.Date
	anchor date.Date // first boundary of the schedule: start, the trial's end, or a later anchor
	later  bool      // the anchor was given (a stub bills the days before it)
}

// trialEnd returns the first day after the trial, or start.
func (c *refCfg) trialEnd() date.Date {
	switch {
	case c.plan.trialDays > 0:
		return c.start + date.Date(c.plan.trialDays)
	case c.plan.trialPeriods > 0:
		return refSched{c.anchor, c.plan.every}.at(c.plan.trialPeriods)
	}
	return c.start
}

func (c *refCfg) lib() subscription.Terms {
	t := subscription.Terms{Plan: c.plan.lib(), Start: c.start}
	if c.later {
		a := c.anchor
		t.Anchor = &a
	}
	return t
}

func (c *refCfg) String() string {
	s := fmt.Sprintf("%s from %s", c.plan, c.start)
	if c.later {
		s += fmt.Sprintf(" anchor %s", c.anchor)
	}
	return s
}
