package subscription

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/billcycle/billcycle/invoice"
)

// This file holds the checks of an event on its own: the fields its kind
// needs, and the caller's context within its limits.

// fieldSet names the optional fields of an event, as bits.
type fieldSet uint16

const (
	fieldReason fieldSet = 1 << iota
	fieldEffective
	fieldPlan
	fieldFlexible
	fieldWholePeriod
	fieldPauseID
	fieldDue
	fieldDiscount
	fieldProration
	fieldCredit
	fieldFeature
	fieldQuantity
)

var fieldNames = [...]string{"reason", "effective", "plan", "flexible", "whole_period", "pause_id", "due", "discount",
	"proration", "credit", "feature", "quantity"}

// fields returns the fields kind k requires, and those it may have.
func (k Kind) fields() (required, optional fieldSet) {
	switch k {
	case KindSuspend:
		return fieldReason, 0
	case KindScheduleSuspension:
		return fieldReason | fieldEffective, 0
	case KindTerminate:
		return fieldEffective, fieldCredit
	case KindChangePlan:
		return fieldPlan, 0
	case KindAddFlexiblePause:
		return fieldFlexible, 0
	case KindAddWholePeriodPause:
		return fieldWholePeriod, 0
	case KindDeletePause:
		return fieldPauseID, 0
	case KindRecordPaymentFailure, KindRecordPayment:
		return fieldDue, 0
	case KindGrantDiscount:
		return fieldDiscount, 0
	case KindChangePlanNow:
		return fieldPlan | fieldProration, 0
	case KindChangeQuantity:
		return fieldFeature | fieldQuantity | fieldProration, 0
	}
	return 0, 0
}

// set returns the optional fields of e that are set.
func (e Event) set() fieldSet {
	var f fieldSet
	for bit, on := range []bool{e.Reason != 0, e.Effective != nil, e.Plan != nil, e.Flexible != nil,
		e.WholePeriod != nil, e.PauseID != nil, e.Due != nil, e.Discount != nil,
		e.Proration != 0, e.Credit != 0, e.Feature != "", e.Quantity != nil} {
		if on {
			f |= 1 << bit
		}
	}
	return f
}

// validate checks that e has the fields its kind needs, and no other: a
// log that Apply accepted always round-trips through JSON. It returns an
// error wrapping ErrInvalidEvent, or the pause's own error.
func (e Event) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s on %s: "+format, append([]any{ErrInvalidEvent, e.Kind, e.Date}, args...)...)
	}
	if !e.Kind.Valid() {
		return bad("unknown kind")
	}
	required, optional := e.Kind.fields()
	set := e.set()
	for i, name := range fieldNames {
		switch bit := fieldSet(1) << i; {
		case set&bit != 0 && (required|optional)&bit == 0:
			return bad("field %s does not belong to this kind", name)
		case required&bit != 0 && set&bit == 0:
			return bad("field %s is required", name)
		}
	}
	if err := e.checkContext(); err != nil {
		return err
	}
	switch e.Kind {
	case KindSuspend, KindScheduleSuspension:
		if !e.Reason.Valid() {
			return bad("reason %s: want by_business, payment_due or payment_method_invalid", e.Reason)
		}
		if e.Kind == KindScheduleSuspension && *e.Effective <= e.Date {
			return bad("effective date %s is not after it", *e.Effective)
		}
	case KindTerminate:
		if *e.Effective < e.Date {
			return bad("effective date %s is before it", *e.Effective)
		}
		if e.Credit != 0 && (!e.Credit.Valid() || *e.Effective != e.Date) {
			return bad("credit %s: want no_credit, prorated or full, on a termination now", e.Credit)
		}
	case KindChangePlan:
		return e.Plan.Validate()
	case KindChangePlanNow, KindChangeQuantity:
		if !e.Proration.Valid() {
			return bad("proration %s: want prorate_now, prorate_at_renewal or no_proration", e.Proration)
		}
		if e.Kind == KindChangePlanNow {
			return e.Plan.Validate()
		}
		if q := *e.Quantity; q < 0 || q > invoice.MaxQuantity {
			return bad("quantity %d: want 0 to %d", q, invoice.MaxQuantity)
		}
	case KindAddFlexiblePause:
		return e.Flexible.Validate()
	case KindAddWholePeriodPause:
		return e.WholePeriod.Validate()
	case KindRecordPaymentFailure, KindRecordPayment:
		if *e.Due > e.Date {
			return bad("due date %s is after it", *e.Due)
		}
	case KindDeletePause:
		if *e.PauseID < 0 {
			return bad("pause id %d", *e.PauseID)
		}
	}
	return nil
}

// checkContext checks the caller's reference and metadata against their
// limits.
func (e Event) checkContext() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s on %s: "+format, append([]any{ErrInvalidEvent, e.Kind, e.Date}, args...)...)
	}
	if len(e.Ref) > MaxRefLen {
		return bad("ref of %d bytes: want at most %d", len(e.Ref), MaxRefLen)
	}
	if len(e.Meta) > MaxMeta {
		return bad("%d metadata entries: want at most %d", len(e.Meta), MaxMeta)
	}
	if !utf8.ValidString(e.Ref) || !utf8.ValidString(e.Feature) {
		return bad("ref %q, feature %q: want UTF-8 text", clip(e.Ref), clip(e.Feature))
	}
	for k, v := range e.Meta {
		if k == "" || len(k) > MaxMetaLen || len(v) > MaxMetaLen || !utf8.ValidString(k) || !utf8.ValidString(v) {
			return bad("metadata %q: want a key of 1 to %d bytes and a value of at most %d, in UTF-8", clip(k), MaxMetaLen, MaxMetaLen)
		}
	}
	return nil
}

// clip returns s, cut to 40 bytes for a message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	return strings.ToValidUTF8(s[:40], "") + "…"
}
