package subscription

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
)

// Plan is what a subscription sells: how often it bills, at what price,
// for how long, and how it handles failed payments. Plans are values;
// configure one with a struct literal and check it with Validate.
type Plan struct {
	// Name is an optional label, copied to nothing but kept in JSON.
	Name string
	// Every is the length of a billing period.
	Every period.Recurrence
	// Price is what one billing period costs.
	Price invoice.Price
	// Trial is an optional trial at the start.
	Trial TrialOffer
	// Periods is the fixed term in billed periods; 0 renews without end.
	Periods int
	// Billing says when invoices are issued; zero means InAdvance.
	Billing Billing
	// Retry is the retry policy for failed renewal charges; the zero
	// policy has no retry period.
	Retry retry.Policy
	// Suspension holds the automatic suspension rules.
	Suspension retry.Suspension
	// Pauses is the pause policy of the contract: limits checked by the
	// pause commands and an optional freeze fee, billed as its own line on
	// the first invoice issued after the pause is decided. The zero policy
	// has no limit and no fee.
	Pauses pause.Policy
}

// TrialOffer is a trial at the start of a subscription, in days or in whole
// periods (not both), free or at a price.
type TrialOffer struct {
	// Days is the length of a trial in days; billing then starts when the
	// trial ends, which becomes the schedule's anchor.
	Days int
	// Periods is the length of a trial in billing periods.
	Periods int
	// Price is the price of the whole trial (Days) or of each trial period
	// (Periods); nil means free, and a free trial issues no invoice.
	Price *invoice.Money
}

// Bounds of a plan, so that no date leaves 0001-01-01 … 9999-12-31 and no
// count overflows.
const (
	// MaxPeriods is the longest term, and the longest trial, in periods:
	// the days from 0001-01-01 to 9999-12-31. A term that does not end
	// by 9999-12-31 is refused by New.
	MaxPeriods = 3_652_059
	// MaxTrialDays is the longest trial in days, a hundred years.
	MaxTrialDays = 36_525
	// MaxNameLen is the longest Plan.Name, in bytes.
	MaxNameLen = 256
)

// billing returns the billing timing with the default applied.
func (p Plan) billing() Billing {
	if p.Billing == 0 {
		return InAdvance
	}
	return p.Billing
}

// Validate checks that the plan can work. It returns an error wrapping
// ErrInvalidPlan, with the offending values, for an invalid recurrence or
// price, a term or trial below 0 or above MaxPeriods or MaxTrialDays, a
// trial both in days and periods or as long as the term, a trial price or
// pause fee in another currency than the price (invoice.ErrCurrencyMismatch)
// or below zero, a retry policy whose attempts reach the shortest period
// (retry.ErrRetryTooLong), invalid suspension rules or pause policy, or a
// name that is not UTF-8 text of at most MaxNameLen bytes.
func (p Plan) Validate() error {
	bad := func(format string, args ...any) error {
		return clean(fmt.Errorf("%w: "+format, append([]any{ErrInvalidPlan}, args...)...))
	}
	if err := p.Every.Validate(); err != nil {
		return bad("%w", err)
	}
	if err := p.Price.Validate(); err != nil {
		return bad("%w", err)
	}
	if len(p.Name) > MaxNameLen || !utf8.ValidString(p.Name) {
		return bad("name %q of %d bytes: want UTF-8 text of at most %d", clip(p.Name), len(p.Name), MaxNameLen)
	}
	if p.Periods < 0 || p.Periods > MaxPeriods {
		return bad("term of %d periods: want 0 (no end) to %d", p.Periods, MaxPeriods)
	}
	if p.Billing != 0 && !p.Billing.Valid() {
		return bad("billing %d: want in_advance or in_arrears", uint8(p.Billing))
	}
	if err := p.Trial.validate(p); err != nil {
		return bad("%w", err)
	}
	c := p.Price.Currency()
	if err := p.Retry.ValidateFor(p.Every); err != nil {
		return bad("%w", err)
	}
	if err := p.Suspension.Validate(); err != nil {
		return bad("%w", err)
	}
	if err := p.Pauses.Validate(); err != nil {
		return bad("%w", err)
	}
	if f := p.Pauses.Fee; f != nil {
		if err := f.ValidateFor(c); err != nil {
			return bad("pause fee: %w", err)
		}
	}
	return nil
}

// validate checks the trial of plan p.
func (t TrialOffer) validate(p Plan) error {
	if t.Days < 0 || t.Days > MaxTrialDays || t.Periods < 0 || t.Periods > MaxPeriods || (t.Days > 0 && t.Periods > 0) {
		return fmt.Errorf("trial of %d days and %d periods: want one length, at most %d days or %d periods",
			t.Days, t.Periods, MaxTrialDays, MaxPeriods)
	}
	if p.Periods > 0 && t.Periods >= p.Periods {
		return fmt.Errorf("trial of %d periods in a term of %d", t.Periods, p.Periods)
	}
	if t.Price != nil {
		if c := p.Price.Currency(); t.Price.Currency() != c {
			return fmt.Errorf("trial price %s in a %s plan: %w", t.Price, c, invoice.ErrCurrencyMismatch)
		}
		if t.Price.IsNegative() {
			return fmt.Errorf("negative trial price %s", t.Price)
		}
	}
	return nil
}

// clone returns a deep copy of p: the copy shares no slice or pointer with
// p, so a caller changing its plan after New or a command changes nothing
// here.
func (p Plan) clone() Plan {
	c := p
	c.Price = clonePrice(p.Price)
	c.Trial.Price = clonePtr(p.Trial.Price)
	c.Retry.Offsets = slices.Clone(p.Retry.Offsets)
	if f := p.Pauses.Fee; f != nil {
		fee := *f
		fee.Flat = clonePtr(f.Flat)
		c.Pauses.Fee = &fee
	}
	return c
}

// clonePrice returns a deep copy of p.
func clonePrice(p invoice.Price) invoice.Price {
	c := p
	c.Features = slices.Clone(p.Features)
	for i, f := range c.Features {
		c.Features[i].Flat = clonePtr(f.Flat)
		c.Features[i].UnitPrice = clonePtr(f.UnitPrice)
		c.Features[i].Tiers = slices.Clone(f.Tiers)
		for j, t := range c.Features[i].Tiers {
			c.Features[i].Tiers[j].Flat = clonePtr(t.Flat)
		}
	}
	c.Discounts = slices.Clone(p.Discounts)
	return c
}

// clonePtr returns a pointer to a copy of *v, or nil.
func clonePtr[T any](v *T) *T {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}
