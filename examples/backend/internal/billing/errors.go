package billing

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

var (
	// ErrBadRequest reports a request that is not what a field expects:
	// not JSON, the wrong type, a missing or unknown field.
	ErrBadRequest = errors.New("billing: bad request")
	// ErrInvalidDate reports a date text that is not a valid YYYY-MM-DD date.
	ErrInvalidDate = errors.New("billing: invalid date")
	// ErrUnknownCommand reports a command name the backend does not know.
	ErrUnknownCommand = errors.New("billing: unknown command")
)

// FieldError reports a request field that could not be read: Field is its
// JSON path, such as "terms.start" or "pause.days.start".
type FieldError struct {
	// Field is the path of the offending field.
	Field string
	// Err is what is wrong with it.
	Err error
}

// Error returns the field and the reason.
func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *FieldError) Unwrap() error { return e.Err }

// dateField reads fields[key] as a strict date; a missing field is zero, or
// an error if required.
func dateField(fields map[string]json.RawMessage, key, path string, required bool) (date.Date, error) {
	raw, ok := fields[key]
	if !ok || string(raw) == "null" {
		if required {
			return 0, &FieldError{Field: path, Err: fmt.Errorf("%w: required", ErrBadRequest)}
		}
		return 0, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, &FieldError{Field: path, Err: fmt.Errorf("%w: not a date string", ErrInvalidDate)}
	}
	d, err := ParseDay(s)
	if err != nil {
		return 0, &FieldError{Field: path, Err: err}
	}
	return d, nil
}

// libFieldError turns an error of the library's JSON decoders into a
// *FieldError on field, or on the path inside it that the library names.
//
// The library's decoding errors name the path only in their message
// ("subscription: field plan.every: …"): the type that carries it is in
// an internal package, out of a user's reach, so the path is read back from
// the text. An error of no library sentinel (a syntax error of
// encoding/json) is a bad request.
func libFieldError(field string, err error) error {
	if _, _, ok := classify(err); !ok {
		err = fmt.Errorf("%w: %v", ErrBadRequest, err)
	}
	// The library's decoding errors say the path of the field inside.
	var inner interface{ Field() string }
	if errors.As(err, &inner) && inner.Field() != "" {
		field += "." + inner.Field()
	}
	return &FieldError{Field: field, Err: err}
}

// A problem is the stable code and HTTP status of a sentinel.
type problem struct {
	err    error
	code   string
	status int
}

const unprocessable = http.StatusUnprocessableEntity

// problems maps every sentinel of the backend and the library to a stable
// code. Order matters: an error matching several sentinels takes the
// first, so the specific causes come before the containers that wrap them
// (a bad date inside a plan is "invalid_date", not "invalid_plan"; a
// TransitionError on a terminated subscription is "terminated").
var problems = []problem{
	{ErrBadRequest, "bad_request", http.StatusBadRequest},
	{ErrInvalidDate, "invalid_date", http.StatusBadRequest},
	{ErrUnknownCommand, "unknown_command", http.StatusNotFound},
	{period.ErrInvalidDate, "invalid_date", http.StatusBadRequest},

	// The refusals of commands, by state and history.
	{subscription.ErrTerminated, "terminated", unprocessable},
	{subscription.ErrNotSuspended, "not_suspended", unprocessable},
	{subscription.ErrInvalidTransition, "invalid_transition", unprocessable},
	{subscription.ErrBeforeStart, "before_start", unprocessable},
	{subscription.ErrOutOfOrder, "out_of_order", unprocessable},
	{subscription.ErrNoEnd, "no_end", unprocessable},
	{subscription.ErrNoTerms, "no_terms", unprocessable},
	{subscription.ErrNotDue, "not_due", unprocessable},
	{subscription.ErrPeriodInvoiced, "period_invoiced", unprocessable},
	{subscription.ErrNotBillingPeriod, "not_billing_period", unprocessable},
	{subscription.ErrOverlap, "pause_overlap", unprocessable},
	{subscription.ErrPauseNotFound, "pause_not_found", unprocessable},
	{subscription.ErrOrphanPause, "orphan_pause", unprocessable},
	{pause.ErrReasonRequired, "reason_required", unprocessable},
	{pause.ErrPolicy, "pause_policy", unprocessable},
	{pause.ErrOutsideValidity, "outside_validity", unprocessable},
	{pause.ErrAlreadyFrozen, "already_frozen", unprocessable},
	{pause.ErrNotFrozen, "not_frozen", unprocessable},
	{pause.ErrUnfreezeBeforeFreeze, "unfreeze_before_freeze", unprocessable},
	{retry.ErrRetryTooLong, "retry_too_long", unprocessable},
	{retry.ErrExhausted, "retries_exhausted", unprocessable},
	{retry.ErrNotAttemptDay, "not_attempt_day", unprocessable},
	{retry.ErrOutOfOrder, "retry_out_of_order", unprocessable},
	{retry.ErrSettled, "retry_settled", unprocessable},
	{retry.ErrOutsidePeriod, "outside_retry_period", unprocessable},
	{retry.ErrInvalidCount, "invalid_failure_count", unprocessable},

	// The causes of values that cannot work.
	{period.ErrInvalidRange, "invalid_range", unprocessable},
	{period.ErrEmptyPeriod, "empty_period", unprocessable},
	{period.ErrInvalidRecurrence, "invalid_recurrence", unprocessable},
	{period.ErrInvalidUnit, "invalid_unit", unprocessable},
	{period.ErrInvalidFraction, "invalid_fraction", unprocessable},
	{invoice.ErrUnknownCurrency, "unknown_currency", unprocessable},
	{invoice.ErrCurrencyMismatch, "currency_mismatch", unprocessable},
	{invoice.ErrInvalidAmount, "invalid_amount", unprocessable},
	{invoice.ErrOutOfRange, "out_of_range", unprocessable},
	{invoice.ErrInvalidWeights, "invalid_weights", unprocessable},
	{invoice.ErrInvalidPercent, "invalid_percent", unprocessable},
	{invoice.ErrInvalidKind, "invalid_kind", unprocessable},
	{invoice.ErrInvalidQuantity, "invalid_quantity", unprocessable},
	{invoice.ErrInvalidFeature, "invalid_feature", unprocessable},
	{invoice.ErrInvalidTiers, "invalid_tiers", unprocessable},
	{invoice.ErrInvalidDiscount, "invalid_discount", unprocessable},
	{invoice.ErrInvalidProration, "invalid_proration", unprocessable},
	{invoice.ErrOverrideReason, "override_reason_required", unprocessable},

	// The containers: a value, as a whole, that is not one.
	{invoice.ErrInvalidSpec, "invalid_invoice_spec", unprocessable},
	{invoice.ErrInvalidPrice, "invalid_price", unprocessable},
	{invoice.ErrInvalidInvoice, "invalid_invoice", unprocessable},
	{pause.ErrInvalidPause, "invalid_pause", unprocessable},
	{pause.ErrInvalidPolicy, "invalid_pause_policy", unprocessable},
	{pause.ErrInvalidPass, "invalid_pass", unprocessable},
	{retry.ErrInvalidPolicy, "invalid_retry_policy", unprocessable},
	{retry.ErrInvalidStatus, "invalid_retry_status", unprocessable},
	{subscription.ErrInvalidPlan, "invalid_plan", unprocessable},
	{subscription.ErrInvalidEvent, "invalid_event", unprocessable},
	{subscription.ErrInvalidTerms, "invalid_terms", unprocessable},
	{subscription.ErrInvalidView, "invalid_view", unprocessable},
}

// Classify returns the stable problem code and HTTP status of err: 400 for
// a request that could not be read (any *FieldError, whatever it wraps),
// 422 for a command or value the library refuses, and false for an error
// that matches no known sentinel (a fault of the server, not the request).
func Classify(err error) (code string, status int, ok bool) {
	code, status, ok = classify(err)
	var fe *FieldError
	isField := errors.As(err, &fe)
	switch {
	case ok && isField:
		return code, http.StatusBadRequest, true
	case isField:
		return "bad_request", http.StatusBadRequest, true
	}
	return code, status, ok
}

// classify returns the first problem whose sentinel err matches.
func classify(err error) (string, int, bool) {
	for _, p := range problems {
		if errors.Is(err, p.err) {
			return p.code, p.status, true
		}
	}
	return "", 0, false
}

// Codes returns every stable code Classify may return, for documentation
// and tests.
func Codes() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range problems {
		if !seen[p.code] {
			seen[p.code] = true
			out = append(out, p.code)
		}
	}
	return out
}
