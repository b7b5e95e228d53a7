package subscription

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/billcycle/billcycle/internal/enum"
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/rickb777/date/v2"
)

// Kind is the kind of an event in a subscription's log: the command that
// wrote it. The zero Kind is invalid.
type Kind uint8

// The kinds of events. Each is written by the command of the same name
// (KindSuspend by Subscription.Suspend), and uses the fields of Event that
// its comment names.
const (
	// KindSuspend suspends the subscription from Date (Reason).
	KindSuspend Kind = iota + 1
	// KindScheduleSuspension plans a suspension from Effective (Reason).
	KindScheduleSuspension
	// KindCancelSuspension cancels a scheduled suspension.
	KindCancelSuspension
	// KindRestart restarts a suspended subscription.
	KindRestart
	// KindTerminate ends the subscription on Effective (Date for an
	// immediate termination).
	KindTerminate
	// KindCancelTermination cancels a termination planned for a later date.
	KindCancelTermination
	// KindChangePlan switches to Plan at the next renewal.
	KindChangePlan
	// KindAddFlexiblePause adds the pause Flexible.
	KindAddFlexiblePause
	// KindAddWholePeriodPause adds the pause WholePeriod.
	KindAddWholePeriodPause
	// KindDeletePause deletes the pause PauseID.
	KindDeletePause
	// KindRecordPaymentFailure records that the charge of the invoice
	// issued on Due failed: the renewal charge itself when Date is Due, or
	// a retry attempt.
	KindRecordPaymentFailure
	// KindRecordPayment records that the invoice issued on Due, whose
	// charge failed, was paid.
	KindRecordPayment
	// KindInvalidatePaymentMethod records that the payment method became
	// invalid.
	KindInvalidatePaymentMethod
	// KindUpdatePaymentMethod records that a valid payment method is back.
	KindUpdatePaymentMethod
	// KindGrantDiscount gives the customer Discount on the invoices issued
	// from Date on.
	KindGrantDiscount
	// KindChangePlanNow switches to Plan from Date, inside the period,
	// billed as Proration says.
	KindChangePlanNow
	// KindChangeQuantity sets the quantity in use of the Limitation
	// feature named Feature to Quantity from Date, billed as Proration
	// says.
	KindChangeQuantity
)

var kindNames = enum.New[Kind]("event kind", ErrInvalidEvent, "suspend", "schedule_suspension",
	"cancel_suspension", "restart", "terminate", "cancel_termination", "change_plan",
	"add_flexible_pause", "add_whole_period_pause", "delete_pause", "record_payment_failure",
	"record_payment", "invalidate_payment_method", "update_payment_method", "grant_discount",
	"change_plan_now", "change_quantity")

// String returns the lower-case name of the kind, such as "restart", or
// "event kind(N)" for an invalid kind.
func (k Kind) String() string { return kindNames.String(k) }

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return kindNames.Valid(k) }

// MarshalText encodes the kind as its lower-case name; an invalid kind is
// an error wrapping ErrInvalidEvent.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.MarshalText(k) }

// UnmarshalText decodes a kind from its lower-case name; any other text is
// an error wrapping ErrInvalidEvent.
func (k *Kind) UnmarshalText(b []byte) error { return kindNames.UnmarshalText(b, k) }

// Event is one entry of a subscription's log: what happened, on which day,
// the fields its kind needs (nil or zero for the others), and the caller's
// context. Commands write events; Apply takes one the caller built, which
// is how a reference or metadata is attached. Replaying the same log always
// gives the same subscription.
type Event struct {
	// Kind says what happened.
	Kind Kind
	// Date is the day the command was given.
	Date date.Date
	// Reason is the suspension reason of KindSuspend and
	// KindScheduleSuspension.
	Reason Reason
	// Effective is the day a KindScheduleSuspension or a KindTerminate
	// takes effect: the first day without service.
	Effective *date.Date
	// Plan is the new plan of KindChangePlan.
	Plan *Plan
	// Flexible is the pause of KindAddFlexiblePause.
	Flexible *pause.Flexible
	// WholePeriod is the pause of KindAddWholePeriodPause.
	WholePeriod *pause.WholePeriod
	// PauseID is the pause that KindDeletePause deletes (see Pauses).
	PauseID *int
	// Due is the issue date of the invoice that KindRecordPaymentFailure
	// or KindRecordPayment concerns.
	Due *date.Date
	// Discount is the discount of KindGrantDiscount.
	Discount *invoice.Discount
	// Proration is the proration policy of KindChangePlanNow and
	// KindChangeQuantity.
	Proration ProrationPolicy
	// Credit is what a KindTerminate effective on its date gives back of
	// the period it cuts short; zero gives nothing back.
	Credit CreditPolicy
	// Feature is the name of the feature of KindChangeQuantity.
	Feature string
	// Quantity is the quantity in use of KindChangeQuantity, 0 to
	// invoice.MaxQuantity.
	Quantity *int64
	// Ref is an optional reference of the caller's, such as the payment
	// provider's charge ID or a ticket number, kept with the event and
	// shown beside what it caused.
	Ref string
	// Meta is optional string metadata of the caller's (who did it, from
	// where), kept exactly with the event.
	Meta map[string]string
}

// Limits of the caller's context on an event.
const (
	// MaxRefLen is the longest Event.Ref, in bytes.
	MaxRefLen = 256
	// MaxMeta is the most entries of Event.Meta, and MaxMetaLen the longest
	// key or value, in bytes.
	MaxMeta    = 32
	MaxMetaLen = 1024
)

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

// dates returns the dates of e.
func (e Event) dates() []date.Date {
	out := []date.Date{e.Date}
	if e.Effective != nil {
		out = append(out, *e.Effective)
	}
	if e.Due != nil {
		out = append(out, *e.Due)
	}
	return out
}

// effective returns the effective date of e, or its date.
func (e Event) effective() date.Date {
	if e.Effective == nil {
		return e.Date
	}
	return *e.Effective
}

// due returns the due date of a payment event, or its date.
func (e Event) due() date.Date {
	if e.Due == nil {
		return e.Date
	}
	return *e.Due
}

// clone returns a copy of e that shares no pointer with it.
func (e Event) clone() Event {
	if e.Plan != nil {
		p := e.Plan.clone()
		e.Plan = &p
	}
	if f := e.Flexible; f != nil {
		c := *f
		c.Overrides = slices.Clone(f.Overrides)
		c.Extension.Amount = clonePtr(f.Extension.Amount)
		e.Flexible = &c
	}
	if w := e.WholePeriod; w != nil {
		c := *w
		c.Periods = slices.Clone(w.Periods)
		e.WholePeriod = &c
	}
	e.Effective, e.Due, e.PauseID = clonePtr(e.Effective), clonePtr(e.Due), clonePtr(e.PauseID)
	e.Discount, e.Quantity = clonePtr(e.Discount), clonePtr(e.Quantity)
	e.Meta = maps.Clone(e.Meta)
	return e
}
