package pause

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
)

// OverrideMode says how an Override sets the amount of an invoice. The zero
// value is invalid, so a forgotten mode fails validation.
type OverrideMode uint8

const (
	// FixedAmount sets the invoice to the Override's Amount, 0 included.
	FixedAmount OverrideMode = iota + 1
	// Prorated sets the invoice to the plan price prorated by the days of
	// the period that are not paused (see SuggestedAmount).
	Prorated
)

var overrideModeNames = [...]string{FixedAmount: "fixed_amount", Prorated: "prorated"}

// IsValid reports whether m is FixedAmount or Prorated.
func (m OverrideMode) IsValid() bool { return m == FixedAmount || m == Prorated }

// String returns "fixed_amount" or "prorated", and "OverrideMode(n)" for
// an invalid mode.
func (m OverrideMode) String() string {
	if !m.IsValid() {
		return "OverrideMode(" + strconv.Itoa(int(m)) + ")"
	}
	return overrideModeNames[m]
}

// MarshalText encodes m as "fixed_amount" or "prorated". It returns an
// error wrapping ErrInvalidPause for an invalid mode.
func (m OverrideMode) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, fmt.Errorf("%w: override mode %d", ErrInvalidPause, uint8(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText decodes "fixed_amount" or "prorated". Anything else is an
// error wrapping ErrInvalidPause.
func (m *OverrideMode) UnmarshalText(text []byte) error {
	for v, name := range overrideModeNames {
		if name != "" && name == string(text) {
			*m = OverrideMode(v)
			return nil
		}
	}
	return fmt.Errorf("%w: override mode %q: want fixed_amount or prorated", ErrInvalidPause, text)
}

// Override replaces the amount of the invoice of one billing period touched
// by a flexible pause. Without an override, the invoices of the touched
// periods keep their amount.
type Override struct {
	// Period is the billing period whose invoice it overrides; it must
	// share days with the pause.
	Period period.Period `json:"period"`
	// Mode says how the amount is set.
	Mode OverrideMode `json:"mode"`
	// Amount is the invoice amount for FixedAmount: zero is allowed,
	// negative is not. It must be the zero Money for Prorated, whose amount
	// is computed from the plan price; JSON omits it then.
	Amount invoice.Money `json:"amount,omitempty"`
}

// validate checks o on its own, without the pause.
func (o Override) validate() error {
	if err := o.Period.Validate(); err != nil {
		return fmt.Errorf("%w: override period: %w", ErrInvalidPause, err)
	}
	if o.Period.IsEmpty() {
		return fmt.Errorf("%w: override period %s is empty", ErrInvalidPause, o.Period)
	}
	switch o.Mode {
	case FixedAmount:
		if err := checkAmount("override amount", o.Amount); err != nil {
			return err
		}
	case Prorated:
		if !o.Amount.Currency.IsZero() || !o.Amount.Amount.IsZero() {
			return fmt.Errorf("%w: prorated override of %s has an amount %s: the amount is computed",
				ErrInvalidPause, o.Period, o.Amount.Amount.String())
		}
	default:
		return fmt.Errorf("%w: override of %s has mode %d: want fixed_amount or prorated",
			ErrInvalidPause, o.Period, uint8(o.Mode))
	}
	return nil
}

// checkAmount reports a money value without a currency or below zero.
func checkAmount(what string, m invoice.Money) error {
	if m.Currency.IsZero() {
		return fmt.Errorf("%w: %s %s has no currency", ErrInvalidPause, what, m.Amount.String())
	}
	if m.IsNegative() {
		return fmt.Errorf("%w: %s %s is negative", ErrInvalidPause, what, m)
	}
	return nil
}

type overrideJSON struct {
	Period period.Period  `json:"period"`
	Mode   OverrideMode   `json:"mode"`
	Amount *invoice.Money `json:"amount,omitempty"`
}

// MarshalJSON encodes o as {"period":…,"mode":"fixed_amount","amount":…};
// a Prorated override has no "amount".
func (o Override) MarshalJSON() ([]byte, error) {
	raw := overrideJSON{Period: o.Period, Mode: o.Mode}
	if o.Mode != Prorated {
		a := o.Amount
		raw.Amount = &a
	}
	return json.Marshal(raw)
}

// UnmarshalJSON decodes o from the form MarshalJSON writes, strictly: dates
// with period.ParseDate, money with invoice.ParseMoney. It does not check o
// against a pause; Flexible's decoding does.
func (o *Override) UnmarshalJSON(data []byte) error {
	var raw overrideJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("pause: decoding override: %w", err)
	}
	v := Override{Period: raw.Period, Mode: raw.Mode}
	if raw.Amount != nil {
		v.Amount = *raw.Amount
	}
	*o = v
	return nil
}

// Extension extends a subscription by whole billing periods, never by days:
// the termination date moves by Periods periods, and each added period has
// its own invoice.
type Extension struct {
	// Periods is the number of periods added at the end, 0 or more.
	Periods int `json:"periods"`
	// Amount is the invoice amount of each added period, zero allowed; nil
	// means the plan price.
	Amount *invoice.Money `json:"amount,omitempty"`
}

// Flexible is a flexible pause: a range of days, with a mandatory reason,
// during which the customer has no access and cannot book. The invoices of
// the billing periods it touches keep their amounts unless Overrides set
// them; Extension may add whole periods at the end of the subscription.
//
// A Flexible is a value: copy Overrides before changing them in a pause you
// did not build.
type Flexible struct {
	// Days is the half-open range of paused days: days 2025-03-10 through
	// 2025-04-20 are [2025-03-10, 2025-04-21).
	Days period.Period `json:"days"`
	// Reason says why the customer pauses, required.
	Reason string `json:"reason"`
	// Overrides set the invoices of some of the touched periods, at most
	// one per period.
	Overrides []Override `json:"overrides,omitempty"`
	// Extension adds whole periods at the end of the subscription.
	Extension Extension `json:"extension"`
}

// Validate checks f on its own, without a schedule. It returns an error
// wrapping ErrReasonRequired if the reason is blank, and ErrInvalidPause if
// Days is empty or reversed, the extension is negative or its amount
// negative or without currency, an override is invalid (see Override), two
// overrides name the same period or an override's period shares no day
// with Days. Whether override periods are billing periods is checked by
// package subscription.
func (f Flexible) Validate() error {
	if strings.TrimSpace(f.Reason) == "" {
		return fmt.Errorf("%w: flexible pause of %s has reason %q", ErrReasonRequired, f.Days, f.Reason)
	}
	if err := f.Days.Validate(); err != nil {
		return fmt.Errorf("%w: days: %w", ErrInvalidPause, err)
	}
	if f.Days.IsEmpty() {
		return fmt.Errorf("%w: days %s hold no day", ErrInvalidPause, f.Days)
	}
	if f.Extension.Periods < 0 {
		return fmt.Errorf("%w: extension of %d periods is negative", ErrInvalidPause, f.Extension.Periods)
	}
	if f.Extension.Amount != nil {
		if err := checkAmount("extension amount", *f.Extension.Amount); err != nil {
			return err
		}
	}
	for i, o := range f.Overrides {
		if err := o.validate(); err != nil {
			return fmt.Errorf("override %d: %w", i, err)
		}
		if !o.Period.Overlaps(f.Days) {
			return fmt.Errorf("%w: override %d of %s: the pause %s does not touch it",
				ErrInvalidPause, i, o.Period, f.Days)
		}
		for j := range i {
			if f.Overrides[j].Period == o.Period {
				return fmt.Errorf("%w: overrides %d and %d both set %s", ErrInvalidPause, j, i, o.Period)
			}
		}
	}
	return nil
}

// Override returns the override of the billing period p, and false if f
// has none.
func (f Flexible) Override(p period.Period) (Override, bool) {
	for _, o := range f.Overrides {
		if o.Period == p {
			return o, true
		}
	}
	return Override{}, false
}

// flexibleJSON has Flexible's fields without its methods.
type flexibleJSON Flexible

// UnmarshalJSON decodes f strictly and validates it: it returns the
// decoding error or the error of Validate, and leaves f unchanged then.
func (f *Flexible) UnmarshalJSON(data []byte) error {
	var raw flexibleJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("pause: decoding flexible pause: %w", err)
	}
	v := Flexible(raw)
	if err := v.Validate(); err != nil {
		return err
	}
	*f = v
	return nil
}
