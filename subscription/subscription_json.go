package subscription

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/internal/jsonx"
)

// MarshalJSON encodes the terms and the log:
// {"plan":{…},"start":"2021-10-01","anchor":"2021-10-05","buyer":"acme",
// "beneficiary":"ana","events":[…]}, leaving out an unset anchor and empty
// references. The zero Subscription is an error wrapping ErrNoTerms.
func (s Subscription) MarshalJSON() ([]byte, error) {
	if s.t == nil {
		return nil, fmt.Errorf("%w: encoding", ErrNoTerms)
	}
	t := s.t
	var o jsonx.Object
	o.Value("plan", t.plan)
	o.Date("start", t.start)
	if t.anchorSet {
		o.Date("anchor", t.anchor)
	}
	if t.buyer != "" {
		o.String("buyer", t.buyer)
	}
	if t.beneficiary != "" {
		o.String("beneficiary", t.beneficiary)
	}
	events := s.log()
	if events == nil {
		events = []Event{}
	}
	o.Value("events", events)
	return o.Bytes()
}

// UnmarshalJSON decodes a subscription from the form MarshalJSON writes
// ("plan" and "start" required) and replays its log, so that a decoded
// value is always valid. Decoding is strict, as for Event: the errors name
// the field ("events[3].due") and wrap ErrInvalidTerms or the cause; an
// event that cannot apply is an *EventError.
func (s *Subscription) UnmarshalJSON(data []byte) error {
	if jsonx.IsNull(data) {
		return nil
	}
	var t Terms
	var events []Event
	err := jsonx.Decode(data, ErrInvalidTerms,
		jsonx.Value("plan", &t.Plan).Required(),
		jsonx.Date("start", &t.Start).Required(),
		jsonx.DatePtr("anchor", &t.Anchor),
		jsonx.String("buyer", &t.Buyer),
		jsonx.String("beneficiary", &t.Beneficiary),
		jsonx.Slice("events", &events),
	)
	if err != nil {
		return err
	}
	v, err := Replay(t, slices.Values(events))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
