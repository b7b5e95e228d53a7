package retry

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Suspension holds ProAbono-style automatic suspension rules, which package
// subscription evaluates. The zero Suspension never suspends.
type Suspension struct {
	// UnpaidInvoices suspends the subscription for payment due when this
	// many invoices are unpaid; 0 means never.
	UnpaidInvoices int `json:"unpaid_invoices,omitempty"`
	// InvalidPaymentMethod suspends the subscription at the next renewal
	// while the payment method is invalid.
	InvalidPaymentMethod bool `json:"invalid_payment_method,omitempty"`
}

// Validate returns nil if s can work, and an error wrapping ErrInvalidPolicy
// for a negative UnpaidInvoices.
func (s Suspension) Validate() error {
	if s.UnpaidInvoices < 0 {
		return fmt.Errorf("%w: unpaid_invoices %d: want 0 (never) or more", ErrInvalidPolicy, s.UnpaidInvoices)
	}
	return nil
}

// SuspendsFor reports whether unpaid unpaid invoices call for a suspension
// for payment due under s: UnpaidInvoices is set and reached.
func (s Suspension) SuspendsFor(unpaid int) bool {
	return s.UnpaidInvoices > 0 && unpaid >= s.UnpaidInvoices
}

type suspensionJSON Suspension

// UnmarshalJSON decodes s and validates it. Unknown fields and invalid
// rules are errors wrapping ErrInvalidPolicy. JSON null leaves s unchanged.
func (s *Suspension) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var raw suspensionJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("%w: decoding suspension rules: %w", ErrInvalidPolicy, err)
	}
	v := Suspension(raw)
	if err := v.Validate(); err != nil {
		return err
	}
	*s = v
	return nil
}
