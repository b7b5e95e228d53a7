package pause

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/billcycle/billcycle/internal/jsonx"
)

// Sentinel errors of pauses, matched with errors.Is. The errors returned
// wrap them with the offending values. The refusals that need a schedule
// and an invoice history (a period already invoiced, an overlap, a pause
// not found) are package subscription's.
var (
	// ErrReasonRequired reports a pause without a reason: empty, or only
	// white space.
	ErrReasonRequired = errors.New("pause: reason required")
	// ErrInvalidPause reports a pause that cannot work on its own: an empty
	// or reversed day range, an extension below 0 or above
	// MaxExtensionPeriods, a negative override amount, two overrides of one
	// period, an override of a period the pause does not touch, whole
	// periods out of order; and the JSON form of a pause, an override, an
	// extension, a touch or a booking that is not one.
	ErrInvalidPause = errors.New("pause: invalid pause")
	// ErrPolicy reports a pause that breaks a limit of a Policy. The error
	// is a *PolicyError, or several joined, naming the limit and both
	// values.
	ErrPolicy = errors.New("pause: policy limit")
	// ErrInvalidPolicy reports a Policy or a Fee that cannot work: a limit
	// below 0 or above its bound (MaxPolicyDays, MaxPerYear), a minimum
	// above the maximum, a fee that is both flat and a percentage, or
	// neither, a percentage outside (0, 100].
	ErrInvalidPolicy = errors.New("pause: invalid policy")
	// ErrInvalidPass reports a Pass whose fields contradict each other:
	// sessions below 0 or above MaxSessions, more sessions used than
	// bought, a reversed validity, an inconsistent freeze, or remaining
	// days that would end the validity after 9999-12-31.
	ErrInvalidPass = errors.New("pause: invalid pass")
	// ErrOutsideValidity reports a pass frozen on a day outside its
	// validity.
	ErrOutsideValidity = errors.New("pause: date outside the pass validity")
	// ErrAlreadyFrozen reports the freeze of a pass that is frozen.
	ErrAlreadyFrozen = errors.New("pause: pass already frozen")
	// ErrNotFrozen reports the unfreeze of a pass that is not frozen.
	ErrNotFrozen = errors.New("pause: pass not frozen")
	// ErrUnfreezeBeforeFreeze reports an unfreeze dated before the freeze.
	ErrUnfreezeBeforeFreeze = errors.New("pause: unfreeze before freeze")
)

// jsonxAt returns err, an error of another package about field, so that it
// also matches ErrInvalidPause and names the field, with one prefix.
func jsonxAt(field string, err error) error { return jsonx.At(field, ErrInvalidPause, err) }

// MaxReasonLen is the longest reason of a pause, in bytes.
const MaxReasonLen = 256

// checkReason checks the reason of the pause what: not blank
// (ErrReasonRequired), UTF-8 text of at most MaxReasonLen bytes, so that
// JSON keeps it exactly (ErrInvalidPause).
func checkReason(what, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("%w: %s has reason %q", ErrReasonRequired, what, reason)
	}
	if len(reason) > MaxReasonLen || !utf8.ValidString(reason) {
		return fmt.Errorf("%w: %s has a reason of %d bytes: want UTF-8 text of at most %d", ErrInvalidPause, what, len(reason), MaxReasonLen)
	}
	return nil
}
