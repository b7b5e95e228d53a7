package subscription

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Terms are what a subscription is created with.
type Terms struct {
	// Plan is the plan subscribed to.
	Plan Plan
	// Start is the first day of the subscription.
	Start date.Date
	// Anchor is the first day of the billing schedule; nil means the start,
	// or the end of a trial in days. A later anchor (within one period of
	// the start) bills the days before it as a prorated stub.
	Anchor *date.Date
	// Buyer is an opaque reference to who pays, when not the beneficiary.
	Buyer string
	// Beneficiary is an opaque reference to who uses the subscription.
	Beneficiary string
}

// Subscription is a plan, a start, and the ordered log of what happened.
// Every view is a pure function of it and the date asked about; commands
// return a new Subscription and never change the receiver, so a value is
// safe for concurrent use. The zero Subscription is not valid: use New.
type Subscription struct {
	terms  Terms
	anchor date.Date
	events []Event
	m      *model
}

// New returns a subscription with an empty log. It returns an error
// wrapping ErrInvalidPlan for a plan that cannot work, or for an anchor
// before the start or more than one period after it.
func New(t Terms) (Subscription, error) {
	if err := t.Plan.Validate(); err != nil {
		return Subscription{}, err
	}
	anchor := t.Start + date.Date(t.Plan.Trial.Days)
	if t.Anchor != nil {
		if t.Plan.Trial.Days > 0 && *t.Anchor != anchor {
			return Subscription{}, fmt.Errorf("%w: anchor %s with a %d-day trial from %s", ErrInvalidPlan, *t.Anchor, t.Plan.Trial.Days, t.Start)
		}
		limit := period.Schedule{Anchor: t.Start, Every: t.Plan.Every}.Boundary(1)
		if *t.Anchor < t.Start || *t.Anchor >= limit {
			return Subscription{}, fmt.Errorf("%w: anchor %s not in [%s, %s)", ErrInvalidPlan, *t.Anchor, t.Start, limit)
		}
		anchor = *t.Anchor
	}
	if t.Anchor != nil {
		a := *t.Anchor
		t.Anchor = &a
	}
	m := newModel(t.Plan, t.Start, anchor)
	if end, ok := m.endDate(); t.Start > lastDay || anchor > lastDay || (ok && end > lastDay) {
		return Subscription{}, fmt.Errorf("%w: start %s, end %s: dates after %s", ErrInvalidPlan, t.Start, end, lastDay)
	}
	return Subscription{terms: t, anchor: anchor, m: m}, nil
}

// Replay returns the subscription with terms t and the given log, applying
// each event in order. It returns an *EventError naming the first event
// that cannot be applied.
func Replay(t Terms, events []Event) (Subscription, error) {
	s, err := New(t)
	if err != nil {
		return Subscription{}, err
	}
	for _, e := range events {
		if s, err = s.Apply(e); err != nil {
			return Subscription{}, err
		}
	}
	return s, nil
}

// Apply checks e against the subscription's state on e's date and returns
// a new subscription with e appended to its log. It returns an *EventError
// wrapping the reason (ErrTerminated, ErrInvalidTransition, ErrOutOfOrder,
// ErrBeforeStart, ErrNotSuspended, ErrPeriodInvoiced, …) when e cannot
// apply; the receiver is unchanged either way.
func (s Subscription) Apply(e Event) (Subscription, error) {
	if s.m == nil {
		return Subscription{}, fmt.Errorf("%w: zero subscription, use New", ErrInvalidPlan)
	}
	m := s.m.clone()
	idx := len(s.events)
	if err := m.apply(idx, e); err != nil {
		return s, &EventError{Index: idx, Event: e, Err: err}
	}
	s.events = append(s.events[:idx:idx], e)
	s.m = m
	return s, nil
}

// Terms returns the terms the subscription was created with.
func (s Subscription) Terms() Terms { return s.terms }

// Plan returns the plan the subscription started with.
func (s Subscription) Plan() Plan { return s.terms.Plan }

// Start returns the first day of the subscription.
func (s Subscription) Start() date.Date { return s.terms.Start }

// Anchor returns the first day of the billing schedule.
func (s Subscription) Anchor() date.Date { return s.anchor }

// Events returns a copy of the log.
func (s Subscription) Events() []Event { return slices.Clone(s.events) }

// model returns the fold of the log, projected to the end of time.
func (s Subscription) projected() *model {
	m := s.m.clone()
	m.advance(forever - 1)
	return m
}

type termsJSON struct {
	Plan        Plan   `json:"plan"`
	Start       string `json:"start"`
	Anchor      string `json:"anchor,omitempty"`
	Buyer       string `json:"buyer,omitempty"`
	Beneficiary string `json:"beneficiary,omitempty"`
}

type subscriptionJSON struct {
	termsJSON
	Events []Event `json:"events"`
}

// MarshalJSON encodes the terms and the log:
// {"plan":…,"start":"2021-10-01","events":[…]}.
func (s Subscription) MarshalJSON() ([]byte, error) {
	j := subscriptionJSON{termsJSON: termsJSON{Plan: s.terms.Plan, Start: s.terms.Start.String(),
		Buyer: s.terms.Buyer, Beneficiary: s.terms.Beneficiary}, Events: s.events}
	if s.terms.Anchor != nil {
		j.Anchor = s.terms.Anchor.String()
	}
	if j.Events == nil {
		j.Events = []Event{}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes a subscription and replays its log, so that a
// decoded value is always valid: dates are read strictly (2021-02-30 is an
// error) and an event that cannot apply is an *EventError.
func (s *Subscription) UnmarshalJSON(data []byte) error {
	var j subscriptionJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("subscription: decoding: %w", err)
	}
	start, err := period.ParseDate(j.Start)
	if err != nil {
		return err
	}
	t := Terms{Plan: j.Plan, Start: start, Buyer: j.Buyer, Beneficiary: j.Beneficiary}
	if j.Anchor != "" {
		a, err := period.ParseDate(j.Anchor)
		if err != nil {
			return err
		}
		t.Anchor = &a
	}
	v, err := Replay(t, j.Events)
	if err != nil {
		return err
	}
	*s = v
	return nil
}
