package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// population builds n subscriptions deterministically from seed, as of
// date asOf: 60 % monthly, 25 % weekly, 15 % yearly; most anchors on month
// ends; ages up to ten years; 10 % billed in arrears; 10 % with a pause, a
// failed renewal and its retries, a suspension or a termination in their
// last months.
func population(n int, seed uint64, asOf date.Date) ([]subscription.Subscription, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	price := invoice.MustParseMoney("29.90", invoice.EUR)
	subs := make([]subscription.Subscription, n)
	for i := range subs {
		plan := subscription.Plan{Price: invoice.Price{Recurring: price}, Retry: retry.Policy{Attempts: 3}}
		switch r := rng.IntN(100); {
		case r < 60:
			plan.Every = period.Monthly
		case r < 85:
			plan.Every = period.Weekly
		default:
			plan.Every = period.Yearly
		}
		if rng.IntN(10) == 0 {
			plan.Billing = subscription.InArrears
		}
		start := startDate(rng, plan.Every, asOf)
		s, err := subscription.New(subscription.Terms{Plan: plan, Start: start, Beneficiary: fmt.Sprintf("member-%d", i)})
		if err != nil {
			return nil, fmt.Errorf("subscription %d: %w", i, err)
		}
		if rng.IntN(10) == 0 {
			if s, err = eventful(rng, s, asOf); err != nil {
				return nil, fmt.Errorf("subscription %d: %w", i, err)
			}
		}
		subs[i] = s
	}
	return subs, nil
}

// startDate returns a start up to ten years before asOf: for month and
// year plans, on the last day of its month three times in four.
func startDate(rng *rand.Rand, every period.Recurrence, asOf date.Date) date.Date {
	d := asOf - date.Date(rng.IntN(3650))
	if every.Unit == period.Week || rng.IntN(4) == 0 {
		return d
	}
	y, m, _ := d.Date()
	return date.New(y, m+1, 1) - 1 // the last day of d's month
}

// eventful gives s a history in the months before asOf: a flexible pause, a
// failed renewal recovered or not, a suspension and a restart, or a
// termination at the end of the period.
func eventful(rng *rand.Rand, s subscription.Subscription, asOf date.Date) (subscription.Subscription, error) {
	on := max(s.Start(), asOf-date.Date(30+rng.IntN(60)))
	switch rng.IntN(4) {
	case 0:
		days := period.Period{Start: on + 3, End: on + 3 + date.Date(5+rng.IntN(20))}
		return s.AddFlexiblePause(on, pause.Flexible{Days: days, Reason: "holiday"})
	case 1:
		due, ok := s.NextRenewal(on)
		if !ok || due >= asOf {
			return s, nil
		}
		s, err := s.RecordPaymentFailure(due, due)
		if err != nil || rng.IntN(2) == 0 {
			return s, err
		}
		return s.RecordPayment(due+1, due)
	case 2:
		s, err := s.Suspend(on, subscription.ByBusiness)
		if err != nil {
			return s, err
		}
		return s.Restart(on + date.Date(rng.IntN(40)))
	}
	return s.TerminateAtPeriodEnd(on)
}
