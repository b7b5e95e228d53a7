package subscription

import "strconv"

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

var prorationNames = [...]string{ProrateNow: "prorate_now", ProrateAtRenewal: "prorate_at_renewal", NoProration: "no_proration"}

// String returns "prorate_now", "prorate_at_renewal" or "no_proration".
func (p ProrationPolicy) String() string {
	if p.Valid() {
		return prorationNames[p]
	}
	return "proration_policy(" + strconv.Itoa(int(p)) + ")"
}

// Valid reports whether p is one of the proration policies.
func (p ProrationPolicy) Valid() bool { return p >= ProrateNow && p <= NoProration }

// MarshalText encodes the policy as its name.
func (p ProrationPolicy) MarshalText() ([]byte, error) {
	return marshalEnum("proration policy", prorationNames[:], uint8(p))
}

// UnmarshalText decodes a policy from its name.
func (p *ProrationPolicy) UnmarshalText(b []byte) error {
	v, err := unmarshalEnum("proration policy", prorationNames[:], b)
	*p = ProrationPolicy(v)
	return err
}

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

var creditNames = [...]string{NoCredit: "no_credit", ProratedCredit: "prorated", FullCredit: "full"}

// String returns "no_credit", "prorated" or "full".
func (c CreditPolicy) String() string {
	if c.Valid() {
		return creditNames[c]
	}
	return "credit_policy(" + strconv.Itoa(int(c)) + ")"
}

// Valid reports whether c is one of the credit policies.
func (c CreditPolicy) Valid() bool { return c >= NoCredit && c <= FullCredit }

// MarshalText encodes the policy as its name.
func (c CreditPolicy) MarshalText() ([]byte, error) {
	return marshalEnum("credit policy", creditNames[:], uint8(c))
}

// UnmarshalText decodes a policy from its name.
func (c *CreditPolicy) UnmarshalText(b []byte) error {
	v, err := unmarshalEnum("credit policy", creditNames[:], b)
	*c = CreditPolicy(v)
	return err
}
