package subscription

import (
	"fmt"
	"iter"

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
// safe for concurrent use.
//
// The zero Subscription has no terms: its views report nothing (no state,
// no period, no invoice) and its commands return an error wrapping
// ErrNoTerms. Make one with New, Replay or JSON decoding.
type Subscription struct {
	t *terms
	h *history
}

// history is the log of a subscription and what it folds to: the fold as
// of the last event, for the next command, and its projection to the end
// of time, for the views. Values built from one another share the log and
// the append-only lists of the fold. A subscription without events has no
// history: its views read its terms.
type history struct {
	log  pvec[Event]
	fold *model
	proj *model
}

// New returns a subscription with an empty log. It returns an error
// wrapping ErrInvalidPlan for a plan that cannot work, and one wrapping
// ErrInvalidTerms for terms that cannot (see ErrInvalidTerms).
func New(t Terms) (Subscription, error) {
	tm, err := newTerms(t)
	if err != nil {
		return Subscription{}, clean(err)
	}
	return Subscription{t: tm}, nil
}

// Replay returns the subscription with terms t and the given log, applying
// each event in order. It returns an *EventError naming the first event
// that cannot be applied. It costs what the events cost one by one: the
// log is folded once, and projected once at the end.
func Replay(t Terms, events iter.Seq[Event]) (Subscription, error) {
	tm, err := newTerms(t)
	if err != nil {
		return Subscription{}, clean(err)
	}
	var m *model
	var log pvec[Event]
	for e := range events {
		if m == nil {
			m = newModel(tm)
		}
		e = e.clone()
		m.log = log
		if err := m.apply(log.len(), e); err != nil {
			return Subscription{}, &EventError{Index: log.len(), Event: e, Err: err}
		}
		log = log.push(e)
	}
	if m == nil {
		return Subscription{t: tm}, nil
	}
	return Subscription{t: tm, h: &history{log: log, fold: m, proj: m.project()}}, nil
}

// Apply checks e against the subscription's state on e's date and returns
// a new subscription with e appended to its log. It returns an *EventError
// wrapping the reason (ErrTerminated, ErrInvalidTransition, ErrOutOfOrder,
// ErrBeforeStart, ErrNotSuspended, ErrPeriodInvoiced, …) when e cannot
// apply; the receiver is unchanged either way.
func (s Subscription) Apply(e Event) (Subscription, error) {
	if s.t == nil {
		return s, &EventError{Index: 0, Event: e, Err: fmt.Errorf("%w: apply %s on %s", ErrNoTerms, e.Kind, e.Date)}
	}
	var log pvec[Event]
	m := newModel(s.t)
	if s.h != nil {
		log, m = s.h.log, s.h.fold.clone()
	}
	idx := log.len()
	e = e.clone()
	m.log = log
	if err := m.apply(idx, e); err != nil {
		return s, &EventError{Index: idx, Event: e, Err: err}
	}
	return Subscription{t: s.t, h: &history{log: log.push(e), fold: m, proj: m.project()}}, nil
}

// Terms returns the terms the subscription was created with.
func (s Subscription) Terms() Terms {
	if s.t == nil {
		return Terms{}
	}
	return s.t.toTerms()
}

// Plan returns the plan the subscription started with (see PlanOn for the
// plan in effect on a date).
func (s Subscription) Plan() Plan {
	if s.t == nil {
		return Plan{}
	}
	return s.t.plan.clone()
}

// IsZero reports whether s is the zero Subscription, which has no terms
// (see Subscription).
func (s Subscription) IsZero() bool { return s.t == nil }

// Start returns the first day of the subscription; the zero Subscription,
// which has none, returns the zero date.Date (check IsZero).
func (s Subscription) Start() date.Date {
	if s.t == nil {
		return 0
	}
	return s.t.start
}

// Anchor returns the first day of the billing schedule; the zero
// Subscription returns the zero date.Date, as Start does.
func (s Subscription) Anchor() date.Date {
	if s.t == nil {
		return 0
	}
	return s.t.anchor
}

// Events returns the log, in order: copies of its events, so that changing
// them changes nothing here. The position of an event in the sequence is
// its log index, which causes and pause IDs name.
func (s Subscription) Events() iter.Seq[Event] {
	return func(yield func(Event) bool) {
		for _, e := range s.log() {
			if !yield(e.clone()) {
				return
			}
		}
	}
}

// Len returns the number of events in the log.
func (s Subscription) Len() int { return len(s.log()) }

// log returns the log, for reading only.
func (s Subscription) log() []Event {
	if s.h == nil {
		return nil
	}
	return s.h.log.all()
}

// viewBuf holds the projection of a subscription without events, built
// on the caller's stack by view.
type viewBuf struct {
	m model
}

// view returns the projection the views read, or nil for the zero
// Subscription. A subscription without events has none: view builds it
// in b.
func (s Subscription) view(b *viewBuf) *model {
	switch {
	case s.t == nil:
		return nil
	case s.h == nil:
		s.t.initial(&b.m)
		return &b.m
	}
	return s.h.proj
}

// fold returns the fold of the log: a copy the caller may change.
func (s Subscription) fold() *model {
	if s.h == nil {
		return newModel(s.t)
	}
	return s.h.fold.clone()
}
