package invoice

import (
	"github.com/billcycle/billcycle/internal/jsonx"
)

// The JSON forms of prices. Every decoder is strict (unknown fields,
// duplicate keys and values of the wrong type are errors naming the field),
// treats null as absent, and validates what it decodes.

// MarshalJSON encodes p as {"recurring":{…},"features":[…],
// "discounts":[…]}, leaving out empty lists.
func (p Price) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("recurring", p.Recurring)
	if len(p.Features) > 0 {
		o.Value("features", p.Features)
	}
	if len(p.Discounts) > 0 {
		o.Value("discounts", p.Discounts)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes, "recurring"
// required, and validates it (see Validate). Structural errors wrap
// ErrInvalidPrice.
func (p *Price) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidPrice, Price.Validate, func(v *Price) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("recurring", &v.Recurring).Required(),
			jsonx.Slice("features", &v.Features),
			jsonx.Slice("discounts", &v.Discounts),
		}
	})
}

// MarshalJSON encodes f as {"name":"Users","kind":"limitation",
// "quantity_included":2,"quantity_current":5,"unit_price":{…}}, leaving
// out the fields its kind does not use.
func (f Feature) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.String("name", f.Name)
	o.Text("kind", f.Kind)
	if f.Included {
		o.Bool("included", true)
	}
	if f.Flat != nil {
		o.Value("flat", *f.Flat)
	}
	if f.QuantityIncluded != 0 {
		o.Int("quantity_included", f.QuantityIncluded)
	}
	if f.QuantityCurrent != 0 {
		o.Int("quantity_current", f.QuantityCurrent)
	}
	if f.UnitPrice != nil {
		o.Value("unit_price", *f.UnitPrice)
	}
	if len(f.Tiers) > 0 {
		o.Value("tiers", f.Tiers)
		o.Text("tier_mode", f.TierMode)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes f from the form MarshalJSON writes ("name" and
// "kind" required) and validates it on its own; Price checks its amounts
// against the price's currency. Structural errors wrap ErrInvalidFeature.
func (f *Feature) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, f, ErrInvalidFeature, func(v Feature) error { return v.validate(v.currency()) }, func(v *Feature) []jsonx.Field {
		return []jsonx.Field{
			jsonx.String("name", &v.Name).Required(),
			jsonx.Text("kind", &v.Kind).Required(),
			jsonx.Bool("included", &v.Included),
			jsonx.Ptr("flat", &v.Flat),
			jsonx.Int64("quantity_included", &v.QuantityIncluded),
			jsonx.Int64("quantity_current", &v.QuantityCurrent),
			jsonx.Ptr("unit_price", &v.UnitPrice),
			jsonx.Slice("tiers", &v.Tiers),
			jsonx.Text("tier_mode", &v.TierMode),
		}
	})
}

// currency returns the currency of the first amount of f, 0 if it has
// none.
func (f Feature) currency() Currency {
	for _, m := range []*Money{f.Flat, f.UnitPrice} {
		if m != nil {
			return m.cur
		}
	}
	if len(f.Tiers) > 0 {
		return f.Tiers[0].UnitPrice.cur
	}
	return 0
}

// MarshalJSON encodes t as {"up_to":10,"unit_price":{…},"flat":{…}},
// leaving out a zero UpTo and a nil Flat.
func (t Tier) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	if t.UpTo != 0 {
		o.Int("up_to", t.UpTo)
	}
	o.Value("unit_price", t.UnitPrice)
	if t.Flat != nil {
		o.Value("flat", *t.Flat)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes t from the form MarshalJSON writes ("unit_price"
// required) and checks its amounts are not negative and in one currency.
// Structural errors wrap ErrInvalidTiers.
func (t *Tier) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, t, ErrInvalidTiers, func(v Tier) error {
		if err := v.validate(v.UnitPrice.cur); err != nil {
			return err
		}
		if err := checkQuantity("tier bound", v.UpTo); err != nil {
			return err
		}
		return nil
	}, func(v *Tier) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int64("up_to", &v.UpTo),
			jsonx.Value("unit_price", &v.UnitPrice).Required(),
			jsonx.Ptr("flat", &v.Flat),
		}
	})
}

// MarshalJSON encodes d with the field of its kind only:
// {"name":"Welcome","kind":"percent","percent":"20","periods":3} or
// {"name":"Loyalty","kind":"fixed","amount":{"amount":"5.00","currency":"EUR"}}.
// The percentage is a string, as given.
func (d Discount) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.String("name", d.Name)
	o.Text("kind", d.Kind)
	switch d.Kind {
	case Percent:
		if err := CheckPercent(d.Percent); err != nil {
			return nil, err
		}
		o.String("percent", d.Percent.String())
	case Fixed:
		o.Value("amount", d.Amount)
	}
	if d.Periods != 0 {
		o.Int("periods", int64(d.Periods))
	}
	return o.Bytes()
}

// UnmarshalJSON decodes d from its JSON form (see MarshalJSON; "name" and
// "kind" required), the percentage with ParsePercent, and validates it on
// its own. Structural errors wrap ErrInvalidDiscount.
func (d *Discount) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, d, ErrInvalidDiscount, func(v Discount) error { return v.validate(0) }, func(v *Discount) []jsonx.Field {
		return []jsonx.Field{
			jsonx.String("name", &v.Name).Required(),
			jsonx.Text("kind", &v.Kind).Required(),
			jsonx.StringFunc("percent", func(s string) (err error) {
				v.Percent, err = ParsePercent(s)
				return err
			}),
			jsonx.Value("amount", &v.Amount),
			jsonx.Int("periods", &v.Periods),
		}
	})
}
