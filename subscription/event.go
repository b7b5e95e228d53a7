package subscription

import (
	"maps"
	"slices"

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
