package subscription

import "github.com/billcycle/billcycle/internal/enum"

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

var stateNames = enum.New[State]("state", ErrInvalidView, "pending", "trial", "active",
	"suspension_scheduled", "suspended", "paused", "past_due", "terminated")

// String returns the lower-case name of the state, such as "past_due", or
// "state(N)" for an invalid state.
func (s State) String() string { return stateNames.String(s) }

// Valid reports whether s is one of the states.
func (s State) Valid() bool { return stateNames.Valid(s) }

// Entitled reports whether a customer may use the service in state s:
// trial, active, suspension scheduled and past due are entitled.
func (s State) Entitled() bool {
	return s == Trial || s == Active || s == SuspensionScheduled || s == PastDue
}

// MarshalText encodes the state as its lower-case name; an invalid state
// is an error wrapping ErrInvalidView.
func (s State) MarshalText() ([]byte, error) { return stateNames.MarshalText(s) }

// UnmarshalText decodes a state from its lower-case name; any other text
// is an error wrapping ErrInvalidView.
func (s *State) UnmarshalText(b []byte) error { return stateNames.UnmarshalText(b, s) }

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

var reasonNames = enum.New[Reason]("reason", ErrInvalidEvent, "by_business", "payment_due", "payment_method_invalid")

// String returns the lower-case name of the reason, such as "payment_due",
// "none" for the zero Reason, or "reason(N)" for an invalid one.
func (r Reason) String() string {
	if r == 0 {
		return "none"
	}
	return reasonNames.String(r)
}

// Valid reports whether r is one of the defined reasons.
func (r Reason) Valid() bool { return reasonNames.Valid(r) }

// MarshalText encodes the reason as its lower-case name; the zero or an
// invalid reason is an error wrapping ErrInvalidEvent.
func (r Reason) MarshalText() ([]byte, error) { return reasonNames.MarshalText(r) }

// UnmarshalText decodes a reason from its lower-case name; any other text
// is an error wrapping ErrInvalidEvent.
func (r *Reason) UnmarshalText(b []byte) error { return reasonNames.UnmarshalText(b, r) }

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

var billingNames = enum.New[Billing]("billing", ErrInvalidPlan, "in_advance", "in_arrears")

// String returns "in_advance" or "in_arrears", or "billing(N)" for an
// invalid timing.
func (b Billing) String() string { return billingNames.String(b) }

// Valid reports whether b is InAdvance or InArrears.
func (b Billing) Valid() bool { return billingNames.Valid(b) }

// MarshalText encodes the billing timing as its lower-case name; an
// invalid timing is an error wrapping ErrInvalidPlan.
func (b Billing) MarshalText() ([]byte, error) { return billingNames.MarshalText(b) }

// UnmarshalText decodes a billing timing from its lower-case name; any
// other text is an error wrapping ErrInvalidPlan.
func (b *Billing) UnmarshalText(t []byte) error { return billingNames.UnmarshalText(t, b) }
