package retry

import "github.com/billcycle/billcycle/internal/enum"

// Exhaustion says what happens to the subscription when the last attempt of
// a retry period fails. The zero value stands for the default, Terminate,
// in a Policy (see Policy.EffectiveOnExhausted); on its own it is not a
// valid Exhaustion.
type Exhaustion uint8

// The ways a retry period can end when every attempt fails.
const (
	// Terminate ends the subscription on the day of the last failed attempt.
	Terminate Exhaustion = iota + 1
	// Suspend suspends the subscription for payment due from the day of the
	// last failed attempt; it can be restarted later.
	Suspend
	// LeaveUnpaid keeps the subscription running with the invoice unpaid
	// (Stripe's "leave the subscription as-is"). Package subscription counts
	// such invoices for its automatic suspension on unpaid invoices.
	LeaveUnpaid
)

var exhaustionNames = enum.New[Exhaustion]("on_exhausted", ErrInvalidPolicy, "terminate", "suspend", "leave_unpaid")

// Valid reports whether e is Terminate, Suspend or LeaveUnpaid.
func (e Exhaustion) Valid() bool { return exhaustionNames.Valid(e) }

// String returns "terminate", "suspend" or "leave_unpaid", or
// "on_exhausted(N)" for an invalid value.
func (e Exhaustion) String() string { return exhaustionNames.String(e) }

// MarshalText encodes e as "terminate", "suspend" or "leave_unpaid". An
// invalid value is an error wrapping ErrInvalidPolicy.
func (e Exhaustion) MarshalText() ([]byte, error) { return exhaustionNames.MarshalText(e) }

// UnmarshalText decodes e from "terminate", "suspend" or "leave_unpaid".
// Anything else is an error wrapping ErrInvalidPolicy.
func (e *Exhaustion) UnmarshalText(text []byte) error { return exhaustionNames.UnmarshalText(text, e) }

// LatePayment says where the renewed period starts when the customer pays
// during the retry period. The zero value stands for the default,
// KeepStart, in a Policy (see Policy.EffectiveLatePayment); on its own it
// is not a valid LatePayment.
type LatePayment uint8

// The ways a payment made during the retry period can count.
const (
	// KeepStart keeps the renewed period starting on the day of the failed
	// charge: the days used without payment are deducted, not given again,
	// and the schedule goes on as before.
	KeepStart LatePayment = iota + 1
	// RestartOnPayment starts the renewed period on the day of the payment,
	// so the customer gets whole periods from the day they paid.
	RestartOnPayment
)

var latePaymentNames = enum.New[LatePayment]("late_payment", ErrInvalidPolicy, "keep_start", "restart_on_payment")

// Valid reports whether l is KeepStart or RestartOnPayment.
func (l LatePayment) Valid() bool { return latePaymentNames.Valid(l) }

// String returns "keep_start" or "restart_on_payment", or
// "late_payment(N)" for an invalid value.
func (l LatePayment) String() string { return latePaymentNames.String(l) }

// MarshalText encodes l as "keep_start" or "restart_on_payment". An
// invalid value is an error wrapping ErrInvalidPolicy.
func (l LatePayment) MarshalText() ([]byte, error) { return latePaymentNames.MarshalText(l) }

// UnmarshalText decodes l from "keep_start" or "restart_on_payment".
// Anything else is an error wrapping ErrInvalidPolicy.
func (l *LatePayment) UnmarshalText(text []byte) error {
	return latePaymentNames.UnmarshalText(text, l)
}

// State is what a retry period has come to, given the outcomes so far.
type State uint8

// The states of a retry period.
const (
	// Retrying means an attempt is still planned: the customer keeps the
	// service.
	Retrying State = iota + 1
	// Recovered means a payment succeeded: the renewal stands.
	Recovered
	// Exhausted means the last planned attempt failed, or the policy has no
	// attempts: the subscription ends or is suspended (see Exhaustion).
	Exhausted
)

var stateNames = enum.New[State]("retry state", ErrInvalidStatus, "retrying", "recovered", "exhausted")

// Valid reports whether s is Retrying, Recovered or Exhausted.
func (s State) Valid() bool { return stateNames.Valid(s) }

// String returns "retrying", "recovered" or "exhausted", or
// "retry state(N)" for an invalid value.
func (s State) String() string { return stateNames.String(s) }

// MarshalText encodes s as its lower-case name. An invalid value is an
// error wrapping ErrInvalidStatus.
func (s State) MarshalText() ([]byte, error) { return stateNames.MarshalText(s) }

// UnmarshalText decodes s from "retrying", "recovered" or "exhausted";
// anything else is an error wrapping ErrInvalidStatus.
func (s *State) UnmarshalText(text []byte) error { return stateNames.UnmarshalText(text, s) }

// AttemptState is the status of one attempt of a retry period.
type AttemptState uint8

// The states of an attempt.
const (
	// Planned is an attempt that has no outcome yet.
	Planned AttemptState = iota + 1
	// Failed is an attempt whose charge failed.
	Failed
	// Succeeded is the payment that recovered the retry period, on a planned
	// attempt day or between attempts.
	Succeeded
)

var attemptStateNames = enum.New[AttemptState]("attempt state", ErrInvalidStatus, "planned", "failed", "succeeded")

// Valid reports whether s is Planned, Failed or Succeeded.
func (s AttemptState) Valid() bool { return attemptStateNames.Valid(s) }

// String returns "planned", "failed" or "succeeded", or
// "attempt state(N)" for an invalid value.
func (s AttemptState) String() string { return attemptStateNames.String(s) }

// MarshalText encodes s as its lower-case name. An invalid value is an
// error wrapping ErrInvalidStatus.
func (s AttemptState) MarshalText() ([]byte, error) { return attemptStateNames.MarshalText(s) }

// UnmarshalText decodes s from "planned", "failed" or "succeeded";
// anything else is an error wrapping ErrInvalidStatus.
func (s *AttemptState) UnmarshalText(text []byte) error {
	return attemptStateNames.UnmarshalText(text, s)
}
