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
// JSON path, such as "terms.start" or "pause".
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

// A problem is the stable code and HTTP status of a library sentinel.
type problem struct {
	err    error
	code   string
	status int
}

// problems maps every sentinel the library may return to a stable code.
// Order matters: an error matching several sentinels takes the first
// (a TransitionError on a terminated subscription is "terminated").
var problems = []problem{
	{ErrBadRequest, "bad_request", http.StatusBadRequest},
	{ErrInvalidDate, "invalid_date", http.StatusBadRequest},
	{ErrUnknownCommand, "unknown_command", http.StatusNotFound},
	{period.ErrInvalidDate, "invalid_date", http.StatusBadRequest},
	{subscription.ErrTerminated, "terminated", http.StatusUnprocessableEntity},
	{subscription.ErrNotSuspended, "not_suspended", http.StatusUnprocessableEntity},
	{subscription.ErrInvalidTransition, "invalid_transition", http.StatusUnprocessableEntity},
	{subscription.ErrBeforeStart, "before_start", http.StatusUnprocessableEntity},
	{subscription.ErrOutOfOrder, "out_of_order", http.StatusUnprocessableEntity},
	{subscription.ErrInvalidPlan, "invalid_plan", http.StatusUnprocessableEntity},
	{subscription.ErrInvalidEvent, "invalid_event", http.StatusUnprocessableEntity},
	{subscription.ErrNoEnd, "no_end", http.StatusUnprocessableEntity},
	{subscription.ErrNotDue, "not_due", http.StatusUnprocessableEntity},
	{pause.ErrPeriodInvoiced, "period_invoiced", http.StatusUnprocessableEntity},
	{pause.ErrReasonRequired, "reason_required", http.StatusUnprocessableEntity},
	{pause.ErrNotBillingPeriod, "not_billing_period", http.StatusUnprocessableEntity},
	{pause.ErrOverlap, "pause_overlap", http.StatusUnprocessableEntity},
	{pause.ErrPauseNotFound, "pause_not_found", http.StatusUnprocessableEntity},
	{pause.ErrOrphanPause, "orphan_pause", http.StatusUnprocessableEntity},
	{pause.ErrInvalidPause, "invalid_pause", http.StatusUnprocessableEntity},
	{pause.ErrPolicy, "pause_policy", http.StatusUnprocessableEntity},
	{pause.ErrInvalidPolicy, "invalid_pause_policy", http.StatusUnprocessableEntity},
	{pause.ErrInvalidPass, "invalid_pass", http.StatusUnprocessableEntity},
	{pause.ErrOutsideValidity, "outside_validity", http.StatusUnprocessableEntity},
	{pause.ErrAlreadyFrozen, "already_frozen", http.StatusUnprocessableEntity},
	{pause.ErrNotFrozen, "not_frozen", http.StatusUnprocessableEntity},
	{pause.ErrUnfreezeBeforeFreeze, "unfreeze_before_freeze", http.StatusUnprocessableEntity},
	{retry.ErrRetryTooLong, "retry_too_long", http.StatusUnprocessableEntity},
	{retry.ErrInvalidPolicy, "invalid_retry_policy", http.StatusUnprocessableEntity},
	{retry.ErrExhausted, "retries_exhausted", http.StatusUnprocessableEntity},
	{retry.ErrNotAttemptDay, "not_attempt_day", http.StatusUnprocessableEntity},
	{retry.ErrOutOfOrder, "out_of_order", http.StatusUnprocessableEntity},
	{retry.ErrSettled, "retry_settled", http.StatusUnprocessableEntity},
	{retry.ErrOutsidePeriod, "outside_retry_period", http.StatusUnprocessableEntity},
	{period.ErrInvalidRange, "invalid_range", http.StatusUnprocessableEntity},
	{period.ErrEmptyPeriod, "empty_period", http.StatusUnprocessableEntity},
	{period.ErrInvalidRecurrence, "invalid_recurrence", http.StatusUnprocessableEntity},
	{period.ErrInvalidUnit, "invalid_unit", http.StatusUnprocessableEntity},
	{period.ErrBeforeAnchor, "before_anchor", http.StatusUnprocessableEntity},
	{invoice.ErrUnknownCurrency, "unknown_currency", http.StatusUnprocessableEntity},
	{invoice.ErrCurrencyMismatch, "currency_mismatch", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidAmount, "invalid_amount", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidKind, "invalid_kind", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidFeature, "invalid_feature", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidTiers, "invalid_tiers", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidDiscount, "invalid_discount", http.StatusUnprocessableEntity},
	{invoice.ErrNegativeQuantity, "negative_quantity", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidProration, "invalid_proration", http.StatusUnprocessableEntity},
	{invoice.ErrOverrideReason, "override_reason_required", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidSpec, "invalid_invoice_spec", http.StatusUnprocessableEntity},
	{invoice.ErrInvalidInvoice, "invalid_invoice", http.StatusUnprocessableEntity},
}

// Classify returns the stable problem code and HTTP status of err: 400 for
// a request that could not be read (any *FieldError, whatever it wraps),
// 422 for a command or value the library refuses, and false for an error
// that matches no known sentinel (a fault of the server, not the request).
func Classify(err error) (code string, status int, ok bool) {
	var fe *FieldError
	isField := errors.As(err, &fe)
	for _, p := range problems {
		if errors.Is(err, p.err) {
			if isField {
				return p.code, http.StatusBadRequest, true
			}
			return p.code, p.status, true
		}
	}
	if isField {
		return "bad_request", http.StatusBadRequest, true
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
