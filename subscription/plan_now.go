package subscription

import (
	"fmt"
	"slices"
	"sort"

	"github.com/billcycle/billcycle/invoice"
	"github.com/rickb777/date/v2"
)

// This file holds the plan in effect: the plan of the run, or of a change
// now inside it, and the plans a change builds.

// planNow returns the plan in effect on the fold's date: that of the last
// change now in the current run, or the run's.
func (m *model) planNow() *Plan {
	if n := m.marks.len(); n > 0 && m.marks.items[n-1].on >= m.cur.from {
		return m.marks.items[n-1].plan
	}
	return m.cur.plan
}

// planOn returns the plan in effect on day d, the day it took effect and
// the log index of the event behind it (-1 for the first plan): the plan
// of the run that holds d, or of the last change now of that run on or
// before d.
func (m *model) planOn(d date.Date) (*Plan, date.Date, int) {
	r := m.run(max(0, m.runOf(d)))
	j := sort.Search(m.marks.len(), func(i int) bool { return m.marks.items[i].on > d }) - 1
	if j >= 0 && m.marks.items[j].on >= r.from {
		mk := m.marks.items[j]
		return mk.plan, mk.on, mk.cause
	}
	return r.plan, r.from, r.cause
}

// withQuantity returns a copy of p with the quantity in use of its
// Limitation feature named name set to q.
func (p *Plan) withQuantity(name string, q int64) (*Plan, error) {
	c := p.clone()
	i := slices.IndexFunc(c.Price.Features, func(f invoice.Feature) bool { return f.Name == name && f.Kind == invoice.Limitation })
	if i < 0 {
		return nil, fmt.Errorf("no limitation feature %q in the plan", name)
	}
	c.Price.Features[i].QuantityCurrent = q
	return &c, c.Validate()
}

// checkCurrency returns an error wrapping ErrInvalidPlan when plan p is
// not in the currency of the subscription.
func checkCurrency(p *Plan, t *terms) error {
	if c := t.plan.Price.Currency(); p.Price.Currency() != c {
		return fmt.Errorf("%w: a plan in %s for a subscription in %s: %w", ErrInvalidPlan, p.Price.Currency(), c, invoice.ErrCurrencyMismatch)
	}
	return nil
}

// label returns the plan's name, or its recurrence and price.
func (p *Plan) label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Every.String() + " at " + p.Price.Recurring.String()
}
