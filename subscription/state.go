package subscription

import "fmt"

// State is the state of a subscription on a date. The zero State is invalid.
type State uint8

// The states of a subscription.
const (
	// Pending is the state before the start date.
	Pending State = iota + 1
	// Trial is the state during a trial: the customer is entitled.
	Trial
	// Active is the state of a running subscription.
	Active
	// SuspensionScheduled is an active subscription with a suspension
	// planned for a later date.
	SuspensionScheduled
	// Suspended is a subscription interrupted by the business or
	// automatically (see Reason). Suspended is not final: it can restart.
	Suspended
	// Paused is a subscription on a paused day: no entitlement, no booking.
	Paused
	// PastDue is a subscription whose renewal charge failed and which is in
	// its retry period: the service continues.
	PastDue
	// Terminated is final: no service, and every command is refused.
	Terminated
)

var stateNames = [...]string{Pending: "pending", Trial: "trial", Active: "active",
	SuspensionScheduled: "suspension_scheduled", Suspended: "suspended", Paused: "paused",
	PastDue: "past_due", Terminated: "terminated"}

// String returns the lower-case name of the state, such as "past_due".
func (s State) String() string {
	if s >= Pending && s <= Terminated {
		return stateNames[s]
	}
	return fmt.Sprintf("state(%d)", uint8(s))
}

// Entitled reports whether a customer may use the service in state s:
// trial, active, suspension scheduled and past due are entitled.
func (s State) Entitled() bool {
	return s == Trial || s == Active || s == SuspensionScheduled || s == PastDue
}

// MarshalText encodes the state as its lower-case name.
func (s State) MarshalText() ([]byte, error) { return marshalEnum("state", stateNames[:], uint8(s)) }

// UnmarshalText decodes a state from its lower-case name.
func (s *State) UnmarshalText(b []byte) error {
	v, err := unmarshalEnum("state", stateNames[:], b)
	*s = State(v)
	return err
}

// Reason says why a subscription is suspended. The zero Reason means none.
type Reason uint8

// The reasons for a suspension.
const (
	// ByBusiness is a suspension decided by the business (at the customer's
	// request, for example).
	ByBusiness Reason = iota + 1
	// PaymentDue is an automatic suspension for unpaid invoices.
	PaymentDue
	// PaymentMethodInvalid is an automatic suspension for a payment method
	// that is no longer valid.
	PaymentMethodInvalid
)

var reasonNames = [...]string{ByBusiness: "by_business", PaymentDue: "payment_due", PaymentMethodInvalid: "payment_method_invalid"}

// String returns the lower-case name of the reason, such as "payment_due".
func (r Reason) String() string {
	if r >= ByBusiness && r <= PaymentMethodInvalid {
		return reasonNames[r]
	}
	if r == 0 {
		return "none"
	}
	return fmt.Sprintf("reason(%d)", uint8(r))
}

// Valid reports whether r is one of the defined reasons.
func (r Reason) Valid() bool { return r >= ByBusiness && r <= PaymentMethodInvalid }

// MarshalText encodes the reason as its lower-case name.
func (r Reason) MarshalText() ([]byte, error) {
	return marshalEnum("reason", reasonNames[:], uint8(r))
}

// UnmarshalText decodes a reason from its lower-case name.
func (r *Reason) UnmarshalText(b []byte) error {
	v, err := unmarshalEnum("reason", reasonNames[:], b)
	*r = Reason(v)
	return err
}

// Billing says when a period's invoice is issued. The zero value means
// InAdvance.
type Billing uint8

// The billing timings.
const (
	// InAdvance issues a period's invoice on its first day.
	InAdvance Billing = iota + 1
	// InArrears issues a period's invoice on its end date (the first day
	// after it), or on the termination date of a period cut short.
	InArrears
)

var billingNames = [...]string{InAdvance: "in_advance", InArrears: "in_arrears"}

// String returns "in_advance" or "in_arrears".
func (b Billing) String() string {
	if b >= InAdvance && b <= InArrears {
		return billingNames[b]
	}
	return fmt.Sprintf("billing(%d)", uint8(b))
}

// MarshalText encodes the billing timing as its lower-case name.
func (b Billing) MarshalText() ([]byte, error) {
	return marshalEnum("billing", billingNames[:], uint8(b))
}

// UnmarshalText decodes a billing timing from its lower-case name.
func (b *Billing) UnmarshalText(t []byte) error {
	v, err := unmarshalEnum("billing", billingNames[:], t)
	*b = Billing(v)
	return err
}

func marshalEnum(what string, names []string, v uint8) ([]byte, error) {
	if int(v) < len(names) && v > 0 && names[v] != "" {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("%w: %s %d", ErrInvalidEvent, what, v)
}

func unmarshalEnum(what string, names []string, b []byte) (uint8, error) {
	for i, n := range names {
		if i > 0 && n == string(b) {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown %s %q", ErrInvalidEvent, what, b)
}
