package retry

import "errors"

// Sentinel errors returned by this package, matched with errors.Is. The
// returned errors wrap them with the offending values.
var (
	// ErrInvalidPolicy reports a policy or suspension rule that cannot work
	// on its own: attempts below 0 or above MaxWindow, offsets that are not
	// strictly increasing from 1, offsets whose count differs from
	// Attempts, a window longer than MaxWindow, an unknown Exhaustion or
	// LatePayment, unpaid invoices below 0 or above MaxUnpaidInvoices; and
	// the JSON form of a policy or of suspension rules that is not one.
	ErrInvalidPolicy = errors.New("retry: invalid policy")
	// ErrRetryTooLong reports a policy whose last attempt reaches the length
	// of the shortest period of a recurrence: the retry period would run
	// into the next renewal.
	ErrRetryTooLong = errors.New("retry: retry period too long for the recurrence")
	// ErrExhausted reports that every planned attempt has already failed:
	// there is no next attempt.
	ErrExhausted = errors.New("retry: attempts exhausted")
	// ErrNotAttemptDay reports a failed attempt recorded on a day that is not
	// the next planned attempt day.
	ErrNotAttemptDay = errors.New("retry: not a planned attempt day")
	// ErrOutOfOrder reports an outcome dated before the outcome ahead of it,
	// or before the failed charge.
	ErrOutOfOrder = errors.New("retry: outcomes out of order")
	// ErrSettled reports an outcome recorded after the retry period was
	// settled, by a success or by the failure of the last attempt.
	ErrSettled = errors.New("retry: retry period already settled")
	// ErrOutsidePeriod reports a payment dated after the last planned
	// attempt of the retry period.
	ErrOutsidePeriod = errors.New("retry: outcome outside the retry period")
	// ErrInvalidCount reports a negative count of failed attempts.
	ErrInvalidCount = errors.New("retry: invalid failure count")
	// ErrInvalidStatus reports a Status whose fields contradict each
	// other — "recovered" without a settled date, "exhausted" with a next
	// attempt, attempts out of order — an unknown state, and the JSON form
	// of a status, an attempt or an outcome that is not one.
	ErrInvalidStatus = errors.New("retry: invalid status")
)
