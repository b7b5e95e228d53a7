package subscription

import "github.com/billcycle/billcycle/internal/enum"

// ProrationPolicy says how a change inside a billing period is billed.
// The zero ProrationPolicy is invalid: a forgotten policy fails.
type ProrationPolicy uint8

// The proration policies (Stripe's proration_behavior).
const (
	// ProrateNow issues, on the change date, a document that credits the
	// unused days at the old terms and charges the days left at the new:
	// an invoice, or a credit note when the net gives money back (Stripe's
	// always_invoice).
	ProrateNow ProrationPolicy = iota + 1
	// ProrateAtRenewal puts the same two lines on the next invoice of the
	// schedule (Stripe's create_prorations).
	ProrateAtRenewal
	// NoProration changes the terms on the date with neither credit nor
	// charge: the next invoice is at the new terms (Stripe's none).
	NoProration
)

var prorationNames = enum.New[ProrationPolicy]("proration policy", ErrInvalidEvent,
	"prorate_now", "prorate_at_renewal", "no_proration")

// String returns "prorate_now", "prorate_at_renewal" or "no_proration", or
// "proration policy(N)" for an invalid policy.
func (p ProrationPolicy) String() string { return prorationNames.String(p) }

// Valid reports whether p is one of the proration policies.
func (p ProrationPolicy) Valid() bool { return prorationNames.Valid(p) }

// MarshalText encodes the policy as its name; an invalid policy is an
// error wrapping ErrInvalidEvent.
func (p ProrationPolicy) MarshalText() ([]byte, error) { return prorationNames.MarshalText(p) }

// UnmarshalText decodes a policy from its name; any other text is an error
// wrapping ErrInvalidEvent.
func (p *ProrationPolicy) UnmarshalText(b []byte) error { return prorationNames.UnmarshalText(b, p) }

// CreditPolicy says what a termination now gives back of an invoiced
// period (Chargebee's credit options). The zero CreditPolicy is invalid.
type CreditPolicy uint8

// The credit policies.
const (
	// NoCredit gives nothing back: the invoiced period stays billed.
	NoCredit CreditPolicy = iota + 1
	// ProratedCredit credits the days from the termination to the end of
	// the period, at the terms in effect.
	ProratedCredit
	// FullCredit credits everything the period was billed.
	FullCredit
)

var creditNames = enum.New[CreditPolicy]("credit policy", ErrInvalidEvent, "no_credit", "prorated", "full")

// String returns "no_credit", "prorated" or "full", or "credit policy(N)"
// for an invalid policy.
func (c CreditPolicy) String() string { return creditNames.String(c) }

// Valid reports whether c is one of the credit policies.
func (c CreditPolicy) Valid() bool { return creditNames.Valid(c) }

// MarshalText encodes the policy as its name; an invalid policy is an
// error wrapping ErrInvalidEvent.
func (c CreditPolicy) MarshalText() ([]byte, error) { return creditNames.MarshalText(c) }

// UnmarshalText decodes a policy from its name; any other text is an error
// wrapping ErrInvalidEvent.
func (c *CreditPolicy) UnmarshalText(b []byte) error { return creditNames.UnmarshalText(b, c) }
