package subscription

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// The JSON forms of the views, for a backend that stores or sends them (a
// timeline cached for a support screen, an agenda queued for a worker).
// Field names are snake_case, dates "YYYY-MM-DD", enums words. Decoders
// are strict, as for Event: unknown fields, duplicate keys, values of the
// wrong type and invalid dates are errors naming the field, wrapping
// ErrInvalidView; null is the same as an absent field; lists are written
// [] when empty.

// MarshalJSON encodes s as {"state":"suspended","reason":"payment_due"},
// leaving out a zero reason. The zero Status is an error wrapping
// ErrInvalidView.
func (s Status) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	s.write(&o)
	return o.Bytes()
}

func (s Status) write(o *jsonx.Object) {
	o.Text("state", s.State)
	if s.Reason != 0 {
		o.Text("reason", s.Reason)
	}
}

func (s *Status) fields() []jsonx.Field {
	return []jsonx.Field{jsonx.Text("state", &s.State).Required(), jsonx.Text("reason", &s.Reason)}
}

// UnmarshalJSON decodes s from the form MarshalJSON writes, "state"
// required.
func (s *Status) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, s, ErrInvalidView, nil, (*Status).fields)
}

// MarshalJSON encodes p as {"period":{…},"number":3,"paused":true,
// "pause_reason":"injury"}, leaving out the zero fields after the number.
func (p BillingPeriod) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("period", p.Period)
	o.Int("number", int64(p.Number))
	if p.Paused {
		o.Bool("paused", true)
	}
	if p.PauseReason != "" {
		o.String("pause_reason", p.PauseReason)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes, "period" and
// "number" required; a negative number is an error.
func (p *BillingPeriod) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidView, func(v BillingPeriod) error {
		return atLeast("number", v.Number, 0)
	}, func(v *BillingPeriod) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("period", &v.Period).Required(),
			jsonx.Int("number", &v.Number).Required(),
			jsonx.Bool("paused", &v.Paused),
			jsonx.String("pause_reason", &v.PauseReason),
		}
	})
}

// MarshalJSON encodes s as {"period":{…},"state":"paused","cause":4,
// "pause_reason":"injury"}, leaving out a zero reason and pause reason.
func (s Segment) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("period", s.Period)
	Status{State: s.State, Reason: s.Reason}.write(&o)
	o.Int("cause", int64(s.Cause))
	if s.PauseReason != "" {
		o.String("pause_reason", s.PauseReason)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes s from the form MarshalJSON writes, every field
// but the reasons required; a cause below −1 is an error.
func (s *Segment) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, s, ErrInvalidView, func(v Segment) error {
		return atLeast("cause", v.Cause, -1)
	}, func(v *Segment) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("period", &v.Period).Required(),
			jsonx.Text("state", &v.State).Required(),
			jsonx.Text("reason", &v.Reason),
			jsonx.Int("cause", &v.Cause).Required(),
			jsonx.String("pause_reason", &v.PauseReason),
		}
	})
}

// MarshalJSON encodes t as {"invoice":{…},"issued":true,"payment":"paid"}.
func (t TimelineInvoice) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("invoice", t.Invoice)
	o.Bool("issued", t.Issued)
	o.Text("payment", t.Payment)
	return o.Bytes()
}

// UnmarshalJSON decodes t from the form MarshalJSON writes, every field
// required.
func (t *TimelineInvoice) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, t, ErrInvalidView, nil, func(v *TimelineInvoice) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("invoice", &v.Invoice).Required(),
			jsonx.Bool("issued", &v.Issued).Required(),
			jsonx.Text("payment", &v.Payment).Required(),
		}
	})
}

// MarshalJSON encodes r as {"due":"2021-11-01","state":"retrying",
// "attempts":[…],"next":"2021-11-04"} with "settled", "closed" and
// "unpaid" when set.
func (r RetryPeriod) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("due", r.Due)
	o.Text("state", r.State)
	o.Value("attempts", list(r.Attempts))
	for _, f := range []struct {
		name string
		d    *date.Date
	}{{"next", r.Next}, {"settled", r.Settled}, {"closed", r.Closed}} {
		if f.d != nil {
			o.Date(f.name, *f.d)
		}
	}
	if r.Unpaid {
		o.Bool("unpaid", true)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes r from the form MarshalJSON writes ("due",
// "state" and "attempts" required) and refuses a period whose fields
// contradict its state: a settled date on a period still retrying, none on
// one that settled, a next attempt once the period settled or on or after
// the day it closed, a
// period both settled and closed, unpaid while retrying and not closed.
func (r *RetryPeriod) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, r, ErrInvalidView, RetryPeriod.check, func(v *RetryPeriod) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("due", &v.Due).Required(),
			jsonx.Text("state", &v.State).Required(),
			jsonx.Slice("attempts", &v.Attempts).Required(),
			jsonx.DatePtr("next", &v.Next),
			jsonx.DatePtr("settled", &v.Settled),
			jsonx.DatePtr("closed", &v.Closed),
			jsonx.Bool("unpaid", &v.Unpaid),
		}
	})
}

// check reports a retry period whose fields contradict its state.
func (r RetryPeriod) check() error {
	retrying := r.State == retry.Retrying
	var bad string
	switch {
	case retrying == (r.Settled != nil):
		bad = "settled date"
	case r.Next != nil && (!retrying || (r.Closed != nil && *r.Next >= *r.Closed)):
		bad = "next attempt"
	case r.Closed != nil && !retrying:
		bad = "closed date"
	case r.Unpaid && retrying && r.Closed == nil:
		bad = "unpaid"
	default:
		return nil
	}
	return fmt.Errorf("%w: retry period due %s: %s contradicts state %s (settled %v, closed %v, next %v)",
		ErrInvalidView, r.Due, bad, r.State, r.Settled != nil, r.Closed != nil, r.Next != nil)
}

// MarshalJSON encodes p as {"id":3,"on":"2021-10-20","reason":"injury",
// "flexible":{…}} or with "whole_period".
func (p PauseInfo) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Int("id", int64(p.ID))
	o.Date("on", p.On)
	o.String("reason", p.Reason)
	if p.Flexible != nil {
		o.Value("flexible", *p.Flexible)
	}
	if p.WholePeriod != nil {
		o.Value("whole_period", *p.WholePeriod)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes: "id", "on"
// and "reason" required, and exactly one of "flexible" and
// "whole_period".
func (p *PauseInfo) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidView, func(v PauseInfo) error {
		if (v.Flexible == nil) == (v.WholePeriod == nil) {
			return fmt.Errorf("%w: pause %d: want exactly one of flexible and whole_period", ErrInvalidView, v.ID)
		}
		return atLeast("id", v.ID, 0)
	}, func(v *PauseInfo) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int("id", &v.ID).Required(),
			jsonx.Date("on", &v.On).Required(),
			jsonx.String("reason", &v.Reason).Required(),
			jsonx.Ptr("flexible", &v.Flexible),
			jsonx.Ptr("whole_period", &v.WholePeriod),
		}
	})
}

// MarshalJSON encodes t as {"span":{…},"as_of":"2021-10-20",
// "segments":[…],"periods":[…],"invoices":[…],"retries":[…],"events":[…],
// "termination":"2022-01-01"}, the lists [] when empty and the
// termination left out when there is none.
func (t Timeline) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("span", t.Span)
	o.Date("as_of", t.AsOf)
	o.Value("segments", list(t.Segments))
	o.Value("periods", list(t.Periods))
	o.Value("invoices", list(t.Invoices))
	o.Value("retries", list(t.Retries))
	o.Value("events", list(t.Events))
	if t.Termination != nil {
		o.Date("termination", *t.Termination)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes t from the form MarshalJSON writes, "span" and
// "as_of" required; an absent list is empty.
func (t *Timeline) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, t, ErrInvalidView, nil, func(v *Timeline) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("span", &v.Span).Required(),
			jsonx.Date("as_of", &v.AsOf).Required(),
			jsonx.Slice("segments", &v.Segments),
			jsonx.Slice("periods", &v.Periods),
			jsonx.Slice("invoices", &v.Invoices),
			jsonx.Slice("retries", &v.Retries),
			jsonx.Slice("events", &v.Events),
			jsonx.DatePtr("termination", &v.Termination),
		}
	})
}

// MarshalJSON encodes p as {"before":{…},"after":{…}}.
func (p Preview) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("before", p.Before)
	o.Value("after", p.After)
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes, both
// timelines required.
func (p *Preview) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidView, nil, func(v *Preview) []jsonx.Field {
		return []jsonx.Field{jsonx.Value("before", &v.Before).Required(), jsonx.Value("after", &v.After).Required()}
	})
}

// atLeast returns an error wrapping ErrInvalidView, naming the field, when
// n is below lowest.
func atLeast(name string, n, lowest int) error {
	if n < lowest {
		return jsonx.At(name, ErrInvalidView, fmt.Errorf("%w: %s %d: want at least %d", ErrInvalidView, name, n, lowest))
	}
	return nil
}

// list returns s, or an empty slice for nil, so that JSON writes [].
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
