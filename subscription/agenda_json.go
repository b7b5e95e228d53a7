package subscription

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/jsonx"
)

// The JSON forms of the agenda's actions, strict as the views' (see
// views_json.go).

// MarshalJSON encodes a as {"on":"2021-11-01","kind":"invoice",
// "invoice":{…}}, with "attempt" or "change" in place of "invoice" as its
// kind says.
func (a Action) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("on", a.On)
	o.Text("kind", a.Kind)
	if a.Invoice != nil {
		o.Value("invoice", *a.Invoice)
	}
	if a.Attempt != nil {
		o.Value("attempt", *a.Attempt)
	}
	if a.Change != nil {
		o.Value("change", *a.Change)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes a from the form MarshalJSON writes, "on" and
// "kind" required, and refuses an action without the one field its kind
// needs ("invoice" for ActionInvoice, "attempt" for ActionAttempt,
// "change" for the others) or with another.
func (a *Action) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, a, ErrInvalidView, Action.check, func(v *Action) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("on", &v.On).Required(),
			jsonx.Text("kind", &v.Kind).Required(),
			jsonx.Ptr("invoice", &v.Invoice),
			jsonx.Ptr("attempt", &v.Attempt),
			jsonx.Ptr("change", &v.Change),
		}
	})
}

// check reports an action without the one field its kind needs.
func (a Action) check() error {
	want := [3]bool{a.Kind == ActionInvoice, a.Kind == ActionAttempt, a.Kind != ActionInvoice && a.Kind != ActionAttempt}
	if got := [3]bool{a.Invoice != nil, a.Attempt != nil, a.Change != nil}; got != want {
		return fmt.Errorf("%w: %s action on %s: want only the field %s", ErrInvalidView, a.Kind, a.On,
			[3]string{"invoice", "attempt", "change"}[index3(want)])
	}
	return nil
}

// index3 returns the index of the true value of b.
func index3(b [3]bool) int {
	for i, v := range b {
		if v {
			return i
		}
	}
	return 0
}

// MarshalJSON encodes a as {"due":"2021-11-01","number":2,
// "state":"planned"}.
func (a AttemptAction) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("due", a.Due)
	o.Int("number", int64(a.Number))
	o.Text("state", a.State)
	return o.Bytes()
}

// UnmarshalJSON decodes a from the form MarshalJSON writes, every field
// required; a number below 1 is an error.
func (a *AttemptAction) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, a, ErrInvalidView, func(v AttemptAction) error {
		return atLeast("number", v.Number, 1)
	}, func(v *AttemptAction) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("due", &v.Due).Required(),
			jsonx.Int("number", &v.Number).Required(),
			jsonx.Text("state", &v.State).Required(),
		}
	})
}

// MarshalJSON encodes c as {"state":"paused","from":"active","cause":4,
// "pause_reason":"injury"}, with "reason" for a suspension and "plan" for
// a plan change.
func (c StateChange) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	c.Status.write(&o)
	o.Text("from", c.From)
	o.Int("cause", int64(c.Cause))
	if c.PauseReason != "" {
		o.String("pause_reason", c.PauseReason)
	}
	if c.Plan != nil {
		o.Value("plan", *c.Plan)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes c from the form MarshalJSON writes, "state",
// "from" and "cause" required; a cause below −1 is an error.
func (c *StateChange) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, c, ErrInvalidView, func(v StateChange) error {
		return atLeast("cause", v.Cause, -1)
	}, func(v *StateChange) []jsonx.Field {
		return append(v.Status.fields(),
			jsonx.Text("from", &v.From).Required(),
			jsonx.Int("cause", &v.Cause).Required(),
			jsonx.String("pause_reason", &v.PauseReason),
			jsonx.Ptr("plan", &v.Plan),
		)
	})
}
