package retry

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/jsonx"
)

// MaxUnpaidInvoices bounds Suspension.UnpaidInvoices.
const MaxUnpaidInvoices = 1000

// Suspension holds ProAbono-style automatic suspension rules, which package
// subscription evaluates. The zero Suspension never suspends.
type Suspension struct {
	// UnpaidInvoices suspends the subscription for payment due when this
	// many invoices are unpaid, 1 to MaxUnpaidInvoices; 0 means never.
	UnpaidInvoices int
	// InvalidPaymentMethod suspends the subscription at the next renewal
	// while the payment method is invalid.
	InvalidPaymentMethod bool
}

// Validate returns nil if s can work, and an error wrapping
// ErrInvalidPolicy for UnpaidInvoices below 0 or above MaxUnpaidInvoices.
func (s Suspension) Validate() error {
	if s.UnpaidInvoices < 0 || s.UnpaidInvoices > MaxUnpaidInvoices {
		return fmt.Errorf("%w: unpaid_invoices %d: want 0 (never) to %d", ErrInvalidPolicy, s.UnpaidInvoices, MaxUnpaidInvoices)
	}
	return nil
}

// SuspendsFor reports whether unpaid unpaid invoices call for a suspension
// for payment due under s: UnpaidInvoices is set and reached.
func (s Suspension) SuspendsFor(unpaid int) bool {
	return s.UnpaidInvoices > 0 && unpaid >= s.UnpaidInvoices
}

// MarshalJSON encodes s as {"unpaid_invoices":3,"invalid_payment_method":true},
// leaving out zero fields.
func (s Suspension) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	if s.UnpaidInvoices != 0 {
		o.Int("unpaid_invoices", int64(s.UnpaidInvoices))
	}
	if s.InvalidPaymentMethod {
		o.Bool("invalid_payment_method", true)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes s strictly and validates it. Unknown fields,
// duplicate keys, values of the wrong type and invalid rules are errors
// wrapping ErrInvalidPolicy that name the field. JSON null counts as
// absent, and a whole null leaves s unchanged.
func (s *Suspension) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, s, ErrInvalidPolicy, Suspension.Validate, func(v *Suspension) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int("unpaid_invoices", &v.UnpaidInvoices),
			jsonx.Bool("invalid_payment_method", &v.InvalidPaymentMethod),
		}
	})
}
