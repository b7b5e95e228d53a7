package subscription

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

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
	Proration   ProrationPolicy    `json:"proration,omitempty"`
	Credit      CreditPolicy       `json:"credit,omitempty"`
	Feature     string             `json:"feature,omitempty"`
	Quantity    *int64             `json:"quantity,omitempty"`
	Ref         string             `json:"ref,omitempty"`
	Meta        map[string]string  `json:"meta,omitempty"`
}

// MarshalJSON encodes the event with lower-case snake_case field names;
// fields its kind does not use are left out. Dates are "YYYY-MM-DD".
func (e Event) MarshalJSON() ([]byte, error) {
	j := eventJSON{Kind: e.Kind, Date: e.Date.String(), Plan: e.Plan, Flexible: e.Flexible, WholePeriod: e.WholePeriod,
		PauseID: e.PauseID, Discount: e.Discount, Proration: e.Proration, Credit: e.Credit, Feature: e.Feature,
		Quantity: e.Quantity, Ref: e.Ref, Meta: e.Meta}
	if e.Reason != 0 {
		j.Reason = &e.Reason
	}
	if e.Effective != nil {
		j.Effective = e.Effective.String()
	}
	if e.Due != nil {
		j.Due = e.Due.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes an event, strictly: unknown fields are errors and
// dates are read with period.ParseDate.
func (e *Event) UnmarshalJSON(data []byte) error {
	var j eventJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("%w: decoding an event: %w", ErrInvalidEvent, err)
	}
	v := Event{Kind: j.Kind, Plan: j.Plan, Flexible: j.Flexible, WholePeriod: j.WholePeriod, PauseID: j.PauseID,
		Discount: j.Discount, Proration: j.Proration, Credit: j.Credit, Feature: j.Feature, Quantity: j.Quantity,
		Ref: j.Ref, Meta: j.Meta}
	var err error
	if v.Date, err = period.ParseDate(j.Date); err != nil {
		return err
	}
	if j.Reason != nil {
		v.Reason = *j.Reason
	}
	for _, f := range []struct {
		text string
		to   **date.Date
	}{{j.Effective, &v.Effective}, {j.Due, &v.Due}} {
		if f.text == "" {
			continue
		}
		d, err := period.ParseDate(f.text)
		if err != nil {
			return err
		}
		*f.to = &d
	}
	*e = v
	return nil
}
