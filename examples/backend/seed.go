package main

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// population describes generated subscriptions for the benchmark and the
// multi-worker test: a deterministic mix of 60 % monthly, 25 % weekly and
// 15 % yearly plans, 10 % billed in arrears, every plan with a retry policy.
type population struct {
	// N is the number of subscriptions.
	N int
	// First is the earliest start; starts spread over Spread days from it
	// (Spread 0 or 1: every subscription starts on First).
	First  date.Date
	Spread int
	// Prefix starts every ID and the invoice series.
	Prefix string
	// Seed makes the mix reproducible.
	Seed uint64
}

// terms returns the i-th subscription's terms as an API client sends them.
func (p population) terms(rng *rand.Rand) []byte {
	start := p.First
	if p.Spread > 1 {
		start += date.Date(rng.IntN(p.Spread))
	}
	every, price, attempts := "P1M", "29.90", 3
	switch k := rng.IntN(100); {
	case k < 25:
		every, price, attempts = "P1W", "9.90", 2
	case k < 40:
		every, price, attempts = "P1Y", "299.00", 5
	}
	billingMode := ""
	if rng.IntN(10) == 0 {
		billingMode = `,"billing":"in_arrears"`
	}
	return fmt.Appendf(nil, `{"plan":{"every":%q,"price":{"recurring":{"amount":%q,"currency":"EUR"}},`+
		`"retry":{"attempts":%d}%s},"start":%q,"beneficiary":"customer-%d"}`,
		every, price, attempts, billingMode, start.String(), rng.IntN(1_000_000))
}

// seed files the population, each subscription due on its first action.
func (p population) seed(ctx context.Context, st *store.Store) error {
	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed))
	subs := make([]store.NewSubscription, 0, p.N)
	for i := range p.N {
		sub, terms, err := billing.NewSubscription(p.terms(rng))
		if err != nil {
			return fmt.Errorf("seed %d: %w", i, err)
		}
		next, ok := sub.NextAction(sub.Start() - 1)
		subs = append(subs, store.NewSubscription{ID: fmt.Sprintf("%s-%06d", p.Prefix, i), Series: p.Prefix,
			Terms: terms, NextActionOn: next, HasNext: ok})
	}
	return st.CreateMany(ctx, subs)
}
