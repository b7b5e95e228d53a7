package subscription

import (
	"github.com/billcycle/billcycle/internal/jsonx"
)

// MarshalJSON encodes the event as {"kind":"restart","date":"2021-11-01"}
// followed by the fields its kind uses and the caller's "ref" and "meta",
// with snake_case names: "effective", "reason", "plan", "flexible",
// "whole_period", "pause_id", "due", "discount", "proration", "credit",
// "feature", "quantity". Unset fields are left out; dates are
// "YYYY-MM-DD". An event whose kind is invalid is an error wrapping
// ErrInvalidEvent.
func (e Event) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Text("kind", e.Kind)
	o.Date("date", e.Date)
	if e.Reason != 0 {
		o.Text("reason", e.Reason)
	}
	if e.Effective != nil {
		o.Date("effective", *e.Effective)
	}
	if e.Plan != nil {
		o.Value("plan", *e.Plan)
	}
	if e.Flexible != nil {
		o.Value("flexible", *e.Flexible)
	}
	if e.WholePeriod != nil {
		o.Value("whole_period", *e.WholePeriod)
	}
	if e.PauseID != nil {
		o.Int("pause_id", int64(*e.PauseID))
	}
	if e.Due != nil {
		o.Date("due", *e.Due)
	}
	if e.Discount != nil {
		o.Value("discount", *e.Discount)
	}
	if e.Proration != 0 {
		o.Text("proration", e.Proration)
	}
	if e.Credit != 0 {
		o.Text("credit", e.Credit)
	}
	if e.Feature != "" {
		o.String("feature", e.Feature)
	}
	if e.Quantity != nil {
		o.Int("quantity", *e.Quantity)
	}
	if e.Ref != "" {
		o.String("ref", e.Ref)
	}
	if len(e.Meta) > 0 {
		o.Value("meta", e.Meta)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes an event from the form MarshalJSON writes, "kind"
// and "date" required, strictly: unknown fields, duplicate keys (in "meta"
// too), values of the wrong type and invalid dates are errors naming the
// field, and null is the same as an absent field. The event is then
// checked as Apply checks it: the fields its kind needs and no other. The
// errors wrap ErrInvalidEvent, or the cause (period.ErrInvalidDate,
// ErrInvalidPlan…).
func (e *Event) UnmarshalJSON(data []byte) error {
	if jsonx.IsNull(data) {
		return nil
	}
	// Decode is called with the fields as arguments, not through
	// jsonx.Unmarshal, so that they stay on the stack: a log has many
	// events.
	var v Event
	err := jsonx.Decode(data, ErrInvalidEvent,
		jsonx.Text("kind", &v.Kind).Required(),
		jsonx.Date("date", &v.Date).Required(),
		jsonx.Text("reason", &v.Reason),
		jsonx.DatePtr("effective", &v.Effective),
		jsonx.Ptr("plan", &v.Plan),
		jsonx.Ptr("flexible", &v.Flexible),
		jsonx.Ptr("whole_period", &v.WholePeriod),
		jsonx.IntPtr("pause_id", &v.PauseID),
		jsonx.DatePtr("due", &v.Due),
		jsonx.Ptr("discount", &v.Discount),
		jsonx.Text("proration", &v.Proration),
		jsonx.Text("credit", &v.Credit),
		jsonx.String("feature", &v.Feature),
		jsonx.Int64Ptr("quantity", &v.Quantity),
		jsonx.String("ref", &v.Ref),
		jsonx.StringMap("meta", &v.Meta),
	)
	if err == nil {
		err = v.validate()
	}
	if err != nil {
		return err
	}
	*e = v
	return nil
}
