package invoice

import (
	"github.com/billcycle/billcycle/internal/jsonx"
)

// MarshalJSON encodes l with the field names listed on Line.
func (l Line) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Text("kind", l.Kind)
	o.String("description", l.Description)
	o.Value("period", l.Period)
	o.Int("quantity", l.Quantity)
	o.Value("unit_price", l.UnitPrice)
	o.Value("amount", l.Amount)
	return o.Bytes()
}

// UnmarshalJSON decodes l from its JSON form, every field required but
// "description", and validates it (see Validate). Structural errors wrap
// ErrInvalidInvoice.
func (l *Line) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, l, ErrInvalidInvoice, Line.Validate, func(v *Line) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Text("kind", &v.Kind).Required(),
			jsonx.String("description", &v.Description),
			jsonx.Value("period", &v.Period).Required(),
			jsonx.Int64("quantity", &v.Quantity).Required(),
			jsonx.Value("unit_price", &v.UnitPrice).Required(),
			jsonx.Value("amount", &v.Amount).Required(),
		}
	})
}

// MarshalJSON encodes r as {"issue_date":"2021-10-01","period":{…}}.
func (r Ref) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("issue_date", r.IssueDate)
	o.Value("period", r.Period)
	return o.Bytes()
}

// UnmarshalJSON decodes r from the form MarshalJSON writes, both fields
// required. Structural errors wrap ErrInvalidInvoice.
func (r *Ref) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, r, ErrInvalidInvoice, nil, func(v *Ref) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("issue_date", &v.IssueDate).Required(),
			jsonx.Value("period", &v.Period).Required(),
		}
	})
}

// MarshalJSON encodes inv with the field names listed on Invoice; "lines"
// is [] rather than null when empty.
func (inv Invoice) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Text("kind", inv.Kind)
	o.Date("issue_date", inv.IssueDate)
	o.Value("period", inv.Period)
	if inv.Credits != nil {
		o.Value("credits", *inv.Credits)
	}
	if inv.Buyer != "" {
		o.String("buyer", inv.Buyer)
	}
	if inv.Beneficiary != "" {
		o.String("beneficiary", inv.Beneficiary)
	}
	lines := inv.Lines
	if lines == nil {
		lines = []Line{}
	}
	o.Value("lines", lines)
	o.Value("subtotal", inv.Subtotal)
	o.Value("discount", inv.Discount)
	o.Value("total", inv.Total)
	o.Text("currency", inv.Currency)
	return o.Bytes()
}

// UnmarshalJSON decodes inv from its JSON form — every field required but
// "credits", "buyer" and "beneficiary" — reading dates strictly
// (period.ParseDate: "2021-02-30" is an error wrapping
// period.ErrInvalidDate) and money strictly (ParseMoney), and checks the
// result with Validate. Structural errors wrap ErrInvalidInvoice and name
// the field: "lines[2].amount.currency".
func (inv *Invoice) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, inv, ErrInvalidInvoice, Invoice.Validate, func(v *Invoice) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Text("kind", &v.Kind).Required(),
			jsonx.Date("issue_date", &v.IssueDate).Required(),
			jsonx.Value("period", &v.Period).Required(),
			jsonx.Ptr("credits", &v.Credits),
			jsonx.String("buyer", &v.Buyer),
			jsonx.String("beneficiary", &v.Beneficiary),
			jsonx.Slice("lines", &v.Lines).Required(),
			jsonx.Value("subtotal", &v.Subtotal).Required(),
			jsonx.Value("discount", &v.Discount).Required(),
			jsonx.Value("total", &v.Total).Required(),
			jsonx.Text("currency", &v.Currency).Required(),
		}
	})
}
