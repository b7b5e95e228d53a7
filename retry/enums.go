package retry

import "fmt"

// Exhaustion says what happens to the subscription when the last attempt of
// a retry period fails. The zero value stands for the default, Terminate,
// in a Policy; on its own it is not a valid Exhaustion.
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

var exhaustionNames = [...]string{Terminate: "terminate", Suspend: "suspend", LeaveUnpaid: "leave_unpaid"}

// Valid reports whether e is Terminate, Suspend or LeaveUnpaid.
func (e Exhaustion) Valid() bool { return e >= Terminate && e <= LeaveUnpaid }

// String returns "terminate", "suspend" or "leave_unpaid", or "exhaustion(N)" for an
// invalid value.
func (e Exhaustion) String() string {
	if e.Valid() {
		return exhaustionNames[e]
	}
	return fmt.Sprintf("exhaustion(%d)", uint8(e))
}

// MarshalText encodes e as "terminate", "suspend" or "leave_unpaid". An invalid value is an
// error wrapping ErrInvalidPolicy.
func (e Exhaustion) MarshalText() ([]byte, error) {
	if !e.Valid() {
		return nil, fmt.Errorf("%w: on_exhausted %d: want terminate, suspend or leave_unpaid", ErrInvalidPolicy, uint8(e))
	}
	return []byte(exhaustionNames[e]), nil
}

// UnmarshalText decodes e from "terminate", "suspend" or "leave_unpaid". Anything else is an
// error wrapping ErrInvalidPolicy.
func (e *Exhaustion) UnmarshalText(text []byte) error {
	for v := Terminate; v <= LeaveUnpaid; v++ {
		if exhaustionNames[v] == string(text) {
			*e = v
			return nil
		}
	}
	return fmt.Errorf("%w: on_exhausted %q: want terminate, suspend or leave_unpaid", ErrInvalidPolicy, text)
}

// LatePayment says where the renewed period starts when the customer pays
// during the retry period. The zero value stands for the default, KeepStart,
// in a Policy; on its own it is not a valid LatePayment.
type LatePayment uint8

// The ways a payment made during the retry period can count.
const (
	// KeepStart keeps the renewed period starting on the day of the failed
	// charge: the days used without payment are deducted, not given again
	// (DESIGN rule 13), and the schedule goes on as before.
	KeepStart LatePayment = iota + 1
	// RestartOnPayment starts the renewed period on the day of the payment,
	// so the customer gets whole periods from the day they paid.
	RestartOnPayment
)

var latePaymentNames = [...]string{KeepStart: "keep_start", RestartOnPayment: "restart_on_payment"}

// Valid reports whether l is KeepStart or RestartOnPayment.
func (l LatePayment) Valid() bool { return l >= KeepStart && l <= RestartOnPayment }

// String returns "keep_start" or "restart_on_payment", or "late_payment(N)"
// for an invalid value.
func (l LatePayment) String() string {
	if l.Valid() {
		return latePaymentNames[l]
	}
	return fmt.Sprintf("late_payment(%d)", uint8(l))
}

// MarshalText encodes l as "keep_start" or "restart_on_payment". An invalid
// value is an error wrapping ErrInvalidPolicy.
func (l LatePayment) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, fmt.Errorf("%w: late_payment %d: want keep_start or restart_on_payment", ErrInvalidPolicy, uint8(l))
	}
	return []byte(latePaymentNames[l]), nil
}

// UnmarshalText decodes l from "keep_start" or "restart_on_payment".
// Anything else is an error wrapping ErrInvalidPolicy.
func (l *LatePayment) UnmarshalText(text []byte) error {
	for v := KeepStart; v <= RestartOnPayment; v++ {
		if latePaymentNames[v] == string(text) {
			*l = v
			return nil
		}
	}
	return fmt.Errorf("%w: late_payment %q: want keep_start or restart_on_payment", ErrInvalidPolicy, text)
}

// RetryState is what a retry period has come to, given the outcomes so far.
type RetryState uint8

// The states of a retry period.
const (
	// Retrying means an attempt is still planned: the customer keeps the
	// service.
	Retrying RetryState = iota + 1
	// Recovered means a payment succeeded: the renewal stands.
	Recovered
	// Exhausted means the last planned attempt failed, or the policy has no
	// attempts: the subscription ends or is suspended (see Exhaustion).
	Exhausted
)

var retryStateNames = [...]string{Retrying: "retrying", Recovered: "recovered", Exhausted: "exhausted"}

// Valid reports whether s is Retrying, Recovered or Exhausted.
func (s RetryState) Valid() bool { return s >= Retrying && s <= Exhausted }

// String returns "retrying", "recovered" or "exhausted", or "retry_state(N)"
// for an invalid value.
func (s RetryState) String() string {
	if s.Valid() {
		return retryStateNames[s]
	}
	return fmt.Sprintf("retry_state(%d)", uint8(s))
}

// MarshalText encodes s as its lower-case name. An invalid value is an
// error.
func (s RetryState) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("retry: invalid retry state %d", uint8(s))
	}
	return []byte(retryStateNames[s]), nil
}

// UnmarshalText decodes s from "retrying", "recovered" or "exhausted".
func (s *RetryState) UnmarshalText(text []byte) error {
	for v := Retrying; v <= Exhausted; v++ {
		if retryStateNames[v] == string(text) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("retry: invalid retry state %q: want retrying, recovered or exhausted", text)
}

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

var attemptStateNames = [...]string{Planned: "planned", Failed: "failed", Succeeded: "succeeded"}

// Valid reports whether s is Planned, Failed or Succeeded.
func (s AttemptState) Valid() bool { return s >= Planned && s <= Succeeded }

// String returns "planned", "failed" or "succeeded", or "attempt_state(N)"
// for an invalid value.
func (s AttemptState) String() string {
	if s.Valid() {
		return attemptStateNames[s]
	}
	return fmt.Sprintf("attempt_state(%d)", uint8(s))
}

// MarshalText encodes s as its lower-case name. An invalid value is an
// error.
func (s AttemptState) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("retry: invalid attempt state %d", uint8(s))
	}
	return []byte(attemptStateNames[s]), nil
}

// UnmarshalText decodes s from "planned", "failed" or "succeeded".
func (s *AttemptState) UnmarshalText(text []byte) error {
	for v := Planned; v <= Succeeded; v++ {
		if attemptStateNames[v] == string(text) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("retry: invalid attempt state %q: want planned, failed or succeeded", text)
}
