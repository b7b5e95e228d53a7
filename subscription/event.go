package subscription

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Kind is the kind of an event in a subscription's log. The zero Kind is
// invalid.
type Kind uint8

// The kinds of events. Each is written by the command of the same name.
const (
	// Suspend suspends the subscription on the event's date (Reason).
	Suspend Kind = iota + 1
	// ScheduleSuspension plans a suspension for Effective (Reason).
	ScheduleSuspension
	// CancelSuspension cancels a scheduled suspension.
	CancelSuspension
	// Restart restarts a suspended subscription (DESIGN rule 8).
	Restart
	// Terminate ends the subscription on Effective (the event's date for
	// an immediate termination).
	Terminate
	// CancelTermination cancels a termination planned for a later date.
	CancelTermination
	// ChangePlan switches to Plan at the next renewal.
	ChangePlan
	// AddFlexiblePause adds Flexible.
	AddFlexiblePause
	// AddWholePeriodPause adds WholePeriod.
	AddWholePeriodPause
	// DeletePause deletes the pause added by the event at index PauseID.
	DeletePause
	// PaymentFailed records a failed charge of the invoice due on Due: the
	// renewal charge itself when the event's date is Due, or a retry
	// attempt.
	PaymentFailed
	// PaymentSucceeded records the payment of the invoice due on Due after
	// its charge failed.
	PaymentSucceeded
	// PaymentMethodInvalidated records that the payment method became
	// invalid.
	PaymentMethodInvalidated
	// PaymentMethodUpdated records that a valid payment method is back.
	PaymentMethodUpdated
	// GrantDiscount gives the customer Discount on the invoices issued
	// from the event's date on.
	GrantDiscount
)

var kindNames = [...]string{Suspend: "suspend", ScheduleSuspension: "schedule_suspension",
	CancelSuspension: "cancel_suspension", Restart: "restart", Terminate: "terminate",
	CancelTermination: "cancel_termination", ChangePlan: "change_plan",
	AddFlexiblePause: "add_flexible_pause", AddWholePeriodPause: "add_whole_period_pause",
	DeletePause: "delete_pause", PaymentFailed: "payment_failed", PaymentSucceeded: "payment_succeeded",
	PaymentMethodInvalidated: "payment_method_invalidated", PaymentMethodUpdated: "payment_method_updated",
	GrantDiscount: "grant_discount"}

// String returns the lower-case name of the kind, such as "restart".
func (k Kind) String() string {
	if k >= Suspend && k <= GrantDiscount {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// MarshalText encodes the kind as its lower-case name.
func (k Kind) MarshalText() ([]byte, error) { return marshalEnum("event kind", kindNames[:], uint8(k)) }

// UnmarshalText decodes a kind from its lower-case name.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := unmarshalEnum("event kind", kindNames[:], b)
	*k = Kind(v)
	return err
}

// Event is one entry of a subscription's log: what happened, on which day,
// and the fields its kind needs. Commands write events; replaying the same
// log always gives the same subscription.
type Event struct {
	// Kind says what happened.
	Kind Kind
	// Date is the day the command was given.
	Date date.Date
	// Reason is the suspension reason of Suspend and ScheduleSuspension.
	Reason Reason
	// Effective is the day a ScheduleSuspension or a Terminate takes
	// effect: the first day without service.
	Effective date.Date
	// Plan is the new plan of ChangePlan.
	Plan *Plan
	// Flexible is the pause of AddFlexiblePause.
	Flexible *pause.Flexible
	// WholePeriod is the pause of AddWholePeriodPause.
	WholePeriod *pause.WholePeriod
	// PauseID is the log index of the pause that DeletePause deletes.
	PauseID int
	// Due is the issue date of the invoice that a payment event concerns.
	Due date.Date
	// Discount is the discount of GrantDiscount.
	Discount *invoice.Discount
}

type eventJSON struct {
	Kind        Kind               `json:"kind"`
	Date        string             `json:"date"`
	Reason      *Reason            `json:"reason,omitempty"`
	Effective   string             `json:"effective,omitempty"`
	Plan        *Plan              `json:"plan,omitempty"`
	Flexible    *pause.Flexible    `json:"flexible,omitempty"`
	WholePeriod *pause.WholePeriod `json:"whole_period,omitempty"`
	PauseID     *int               `json:"pause_id,omitempty"`
	Due         string             `json:"due,omitempty"`
	Discount    *invoice.Discount  `json:"discount,omitempty"`
}

// MarshalJSON encodes the event with lower-case snake_case field names;
// fields its kind does not use are left out. Dates are "YYYY-MM-DD".
func (e Event) MarshalJSON() ([]byte, error) {
	j := eventJSON{Kind: e.Kind, Date: e.Date.String(), Plan: e.Plan, Flexible: e.Flexible, WholePeriod: e.WholePeriod, Discount: e.Discount}
	if e.Reason != 0 {
		j.Reason = &e.Reason
	}
	if e.Effective != 0 {
		j.Effective = e.Effective.String()
	}
	if e.Kind == DeletePause {
		j.PauseID = &e.PauseID
	}
	if e.Due != 0 {
		j.Due = e.Due.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes an event, reading dates strictly (period.ParseDate).
func (e *Event) UnmarshalJSON(data []byte) error {
	var j eventJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("subscription: decoding event: %w", err)
	}
	var v Event
	var err error
	v.Kind, v.Plan, v.Flexible, v.WholePeriod, v.Discount = j.Kind, j.Plan, j.Flexible, j.WholePeriod, j.Discount
	if v.Date, err = period.ParseDate(j.Date); err != nil {
		return err
	}
	if j.Reason != nil {
		v.Reason = *j.Reason
	}
	if j.PauseID != nil {
		v.PauseID = *j.PauseID
	}
	if j.Effective != "" {
		if v.Effective, err = period.ParseDate(j.Effective); err != nil {
			return err
		}
	}
	if j.Due != "" {
		if v.Due, err = period.ParseDate(j.Due); err != nil {
			return err
		}
	}
	*e = v
	return nil
}

// fields lists, for each kind, the optional fields it uses.
var fields = map[Kind]string{
	Suspend: "reason", ScheduleSuspension: "reason effective", Terminate: "effective",
	ChangePlan: "plan", AddFlexiblePause: "flexible", AddWholePeriodPause: "whole_period",
	DeletePause: "pause_id", PaymentFailed: "due", PaymentSucceeded: "due", GrantDiscount: "discount",
}

// validate checks that e has the fields its kind needs, and no other: a log
// that Apply accepted always round-trips through JSON.
func (e Event) validate() error {
	bad := func(why string) error { return fmt.Errorf("%w: %s on %s: %s", ErrInvalidEvent, e.Kind, e.Date, why) }
	uses := strings.Fields(fields[e.Kind])
	set := map[string]bool{"reason": e.Reason != 0, "effective": e.Effective != 0, "plan": e.Plan != nil,
		"flexible": e.Flexible != nil, "whole_period": e.WholePeriod != nil, "pause_id": e.PauseID != 0, "due": e.Due != 0, "discount": e.Discount != nil}
	for name, isSet := range set {
		if isSet && !slices.Contains(uses, name) {
			return bad(fmt.Sprintf("field %s does not belong to this kind", name))
		}
	}
	switch e.Kind {
	case Suspend, ScheduleSuspension:
		if !e.Reason.Valid() {
			return bad("a suspension needs a reason")
		}
		if e.Kind == ScheduleSuspension && e.Effective <= e.Date {
			return bad(fmt.Sprintf("effective date %s is not after it", e.Effective))
		}
	case Terminate:
		if e.Effective < e.Date {
			return bad(fmt.Sprintf("effective date %s is before it", e.Effective))
		}
	case ChangePlan:
		if e.Plan == nil {
			return bad("no plan")
		}
		if err := e.Plan.Validate(); err != nil {
			return err
		}
	case AddFlexiblePause:
		if e.Flexible == nil {
			return bad("no pause")
		}
		return e.Flexible.Validate()
	case AddWholePeriodPause:
		if e.WholePeriod == nil {
			return bad("no pause")
		}
		return e.WholePeriod.Validate()
	case PaymentFailed, PaymentSucceeded:
		if e.Due == 0 || e.Due > e.Date {
			return bad(fmt.Sprintf("due date %s must be set and not after the event", e.Due))
		}
	case DeletePause:
		if e.PauseID < 0 {
			return bad(fmt.Sprintf("pause id %d", e.PauseID))
		}
	case GrantDiscount:
		if e.Discount == nil {
			return bad("no discount")
		}
	case CancelSuspension, Restart, CancelTermination, PaymentMethodInvalidated, PaymentMethodUpdated:
	default:
		return bad("unknown kind")
	}
	return nil
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
	e.Discount = clonePtr(e.Discount)
	return e
}
