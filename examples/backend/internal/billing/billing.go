// Package billing is the backend's only door to billcycle: every call into
// the library goes through this package, so that when the library's API
// changes, this is the one place to re-point. The rest of the backend
// (storage, HTTP, the daily job) sees subscriptions as opaque values, their
// terms and events as the library's JSON, dates as date.Date and money as
// int64 minor units with a currency code.
package billing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Subscription is a subscription's terms and log, as the library folds them.
// It is a value: commands return a new Subscription.
type Subscription struct {
	s subscription.Subscription
}

// Status is the state of a subscription on a date.
type Status struct {
	// State is the state's lower-case name, such as "active" or "past_due".
	State string `json:"state"`
	// Reason is the suspension reason, such as "payment_due"; empty otherwise.
	Reason string `json:"reason,omitempty"`
	// Entitled reports whether the customer may use the service that day.
	Entitled bool `json:"entitled"`
}

// NewSubscription decodes terms — the library's JSON of a subscription
// without its log: {"plan":…,"start":…,"anchor":…,"buyer":…,
// "beneficiary":…} — and returns the subscription with an empty log and
// the terms in canonical JSON. A bad field is a *FieldError naming it
// ("terms.plan.every"); an "events" field is refused, since the log is
// written by commands.
func NewSubscription(terms []byte) (Subscription, []byte, error) {
	if t := bytes.TrimSpace(terms); len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return Subscription{}, nil, &FieldError{Field: "terms", Err: fmt.Errorf("%w: required", ErrBadRequest)}
	}
	var s subscription.Subscription
	if err := json.Unmarshal(terms, &s); err != nil {
		return Subscription{}, nil, libFieldError("terms", err)
	}
	if s.Len() > 0 {
		return Subscription{}, nil, &FieldError{Field: "terms.events",
			Err: fmt.Errorf("%w: the log is written by commands, not given at creation", ErrBadRequest)}
	}
	canon, err := encodeTerms(s)
	return Subscription{s: s}, canon, err
}

// encodeTerms writes the terms of s, which has no events, as the library
// writes the subscription, without the empty "events" list: the log lives
// in its own table.
func encodeTerms(s subscription.Subscription) ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	delete(fields, "events")
	return json.Marshal(fields)
}

// Replay rebuilds a subscription from stored terms and events, in log order.
func Replay(terms []byte, events [][]byte) (Subscription, error) {
	var base subscription.Subscription
	if err := json.Unmarshal(terms, &base); err != nil {
		return Subscription{}, fmt.Errorf("billing: stored terms: %w", err)
	}
	evs := make([]subscription.Event, len(events))
	for i, raw := range events {
		if err := json.Unmarshal(raw, &evs[i]); err != nil {
			return Subscription{}, fmt.Errorf("billing: stored event %d: %w", i+1, err)
		}
	}
	s, err := subscription.Replay(base.Terms(), slices.Values(evs))
	return Subscription{s: s}, err
}

// ParseDay reads a strict YYYY-MM-DD date: 2021-02-30 is an error, never
// March 2. The error wraps ErrInvalidDate.
func ParseDay(s string) (date.Date, error) {
	d, err := period.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %q", ErrInvalidDate, s)
	}
	return d, nil
}

// Start returns the subscription's first day.
func (s Subscription) Start() date.Date { return s.s.Start() }

// Version returns the number of events in the log.
func (s Subscription) Version() int64 { return int64(s.s.Len()) }

// Beneficiary returns the opaque reference of who uses the subscription.
func (s Subscription) Beneficiary() string { return s.s.Terms().Beneficiary }

// StatusOn returns the state of the subscription on day d.
func (s Subscription) StatusOn(d date.Date) Status {
	st := s.s.StatusOn(d)
	out := Status{State: st.State.String(), Entitled: st.State.Entitled()}
	if st.Reason != 0 {
		out.Reason = st.Reason.String()
	}
	return out
}

// JSON returns the subscription's terms and log as the library writes them.
func (s Subscription) JSON() ([]byte, error) { return json.Marshal(s.s) }

// TimelineJSON returns the timeline of [from, to) as of asOf, in JSON.
func (s Subscription) TimelineJSON(from, to, asOf date.Date) ([]byte, error) {
	tl, err := s.s.Timeline(period.Period{Start: from, End: to}, asOf)
	if err != nil {
		return nil, err
	}
	return json.Marshal(tl)
}

// PausesJSON returns the pauses that are not deleted, filtered by reason
// when reason is not empty, in JSON: a list, [] when there is none.
func (s Subscription) PausesJSON(reason string) ([]byte, error) {
	return jsonList(slices.Collect(s.s.Pauses(reason)))
}

// AgendaJSON returns the library's agenda of [from, to) — the actions a
// backend takes, in date order — in JSON: a list, [] when there is none.
func (s Subscription) AgendaJSON(from, to date.Date) ([]byte, error) {
	return jsonList(slices.Collect(s.s.Agenda(period.Period{Start: from, End: to})))
}

// jsonList encodes a list, [] rather than null when it is empty.
func jsonList[T any](xs []T) ([]byte, error) {
	if xs == nil {
		xs = []T{}
	}
	return json.Marshal(xs)
}
