package pause

import (
	"errors"

	"github.com/billcycle/billcycle/internal/jsonx"
)

// Sentinel errors of pauses, matched with errors.Is. The errors returned
// wrap them with the offending values. Some are returned by package
// subscription, which checks pauses against a schedule and an invoice
// history; they are defined here so that both packages share them.
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
	// ErrPeriodInvoiced reports a pause, or the deletion of a pause, that
	// would change a period already invoiced. Returned by package
	// subscription.
	ErrPeriodInvoiced = errors.New("pause: period already invoiced")
	// ErrOverlap reports a pause that shares days with a pause already
	// taken. Returned by package subscription.
	ErrOverlap = errors.New("pause: overlaps another pause")
	// ErrNotBillingPeriod reports a whole-period pause naming a range that
	// is not exactly one billing period of the subscription. Returned by
	// package subscription.
	ErrNotBillingPeriod = errors.New("pause: not a billing period")
	// ErrPauseNotFound reports the deletion of a pause that does not
	// exist. Returned by package subscription.
	ErrPauseNotFound = errors.New("pause: pause not found")
	// ErrOrphanPause reports a command that would leave a whole-period
	// pause on a period that is no longer a billing period — deleting the
	// pause whose extension added that period, or re-anchoring the schedule
	// under it: delete the whole-period pause first. Returned by package
	// subscription.
	ErrOrphanPause = errors.New("pause: a whole-period pause would no longer name a billing period")
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
