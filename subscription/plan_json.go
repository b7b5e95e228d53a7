package subscription

import (
	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/retry"
)

// The JSON forms of plans. Decoders are strict: unknown fields, duplicate
// keys and values of the wrong type are errors naming the field, null is
// the same as an absent field, and what is decoded is validated.

// MarshalJSON encodes p as {"name":"Monthly","every":"1 month",
// "price":{…},"trial":{…},"periods":12,"billing":"in_arrears","retry":{…},
// "suspension":{…},"pauses":{…}}, leaving out the zero fields.
func (p Plan) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	if p.Name != "" {
		o.String("name", p.Name)
	}
	o.Text("every", p.Every)
	o.Value("price", p.Price)
	o.NonEmpty("trial", p.Trial)
	if p.Periods != 0 {
		o.Int("periods", int64(p.Periods))
	}
	if p.Billing != 0 {
		o.Text("billing", p.Billing)
	}
	if !p.Retry.Equal(retry.Policy{}) {
		o.Value("retry", p.Retry)
	}
	o.NonEmpty("suspension", p.Suspension)
	o.NonEmpty("pauses", p.Pauses)
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes ("every" and
// "price" required) and validates it (see Validate). Errors wrap
// ErrInvalidPlan and name the field: "price.recurring.amount".
func (p *Plan) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidPlan, Plan.Validate, func(v *Plan) []jsonx.Field {
		return []jsonx.Field{
			jsonx.String("name", &v.Name),
			jsonx.Text("every", &v.Every).Required(),
			jsonx.Value("price", &v.Price).Required(),
			jsonx.Value("trial", &v.Trial),
			jsonx.Int("periods", &v.Periods),
			jsonx.Text("billing", &v.Billing),
			jsonx.Value("retry", &v.Retry),
			jsonx.Value("suspension", &v.Suspension),
			jsonx.Value("pauses", &v.Pauses),
		}
	})
}

// MarshalJSON encodes t as {"days":14} or {"periods":1,"price":{…}},
// leaving out the zero fields; the zero TrialOffer is {}.
func (t TrialOffer) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	if t.Days != 0 {
		o.Int("days", int64(t.Days))
	}
	if t.Periods != 0 {
		o.Int("periods", int64(t.Periods))
	}
	if t.Price != nil {
		o.Value("price", *t.Price)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes t from the form MarshalJSON writes. The plan
// checks it against its term and currency. Errors wrap ErrInvalidPlan.
func (t *TrialOffer) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, t, ErrInvalidPlan, nil, func(v *TrialOffer) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int("days", &v.Days),
			jsonx.Int("periods", &v.Periods),
			jsonx.Ptr("price", &v.Price),
		}
	})
}
