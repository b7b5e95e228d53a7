package pause

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/enum"
	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
)

// MaxExtensionPeriods bounds Extension.Periods. Package subscription also
// refuses an extension that would end the subscription after 9999-12-31.
const MaxExtensionPeriods = 1000

// OverrideMode says how an InvoiceOverride sets the amount of an invoice.
// The zero value is invalid, so a forgotten mode fails validation.
type OverrideMode uint8

const (
	// FixedAmount sets the invoice to the override's Amount, 0 included.
	FixedAmount OverrideMode = iota + 1
	// Prorated sets the invoice to the plan price prorated by the days of
	// the period that are not paused (see SuggestedAmount).
	Prorated
)

var overrideModeNames = enum.New[OverrideMode]("override mode", ErrInvalidPause, "fixed_amount", "prorated")

// Valid reports whether m is FixedAmount or Prorated.
func (m OverrideMode) Valid() bool { return overrideModeNames.Valid(m) }

// String returns "fixed_amount" or "prorated", and "override mode(N)" for
// an invalid mode.
func (m OverrideMode) String() string { return overrideModeNames.String(m) }

// MarshalText encodes m as "fixed_amount" or "prorated". It returns an
// error wrapping ErrInvalidPause for an invalid mode.
func (m OverrideMode) MarshalText() ([]byte, error) { return overrideModeNames.MarshalText(m) }

// UnmarshalText decodes "fixed_amount" or "prorated". Anything else is an
// error wrapping ErrInvalidPause.
func (m *OverrideMode) UnmarshalText(text []byte) error {
	return overrideModeNames.UnmarshalText(text, m)
}

// InvoiceOverride overrides the invoice of one billing period touched by a
// flexible pause. Without one, the invoices of the touched periods keep
// their amount. (An invoice.Override is what such an override becomes on
// the invoice: an amount and a reason.)
type InvoiceOverride struct {
	// Period is the billing period whose invoice it overrides; it must
	// share days with the pause.
	Period period.Period
	// Mode says how the amount is set.
	Mode OverrideMode
	// Amount is the invoice amount for FixedAmount, zero or more; nil for
	// Prorated, whose amount is computed from the plan price.
	Amount *invoice.Money
}

// validate checks o on its own, without the pause.
func (o InvoiceOverride) validate() error {
	if err := checkDays("override period", o.Period); err != nil {
		return err
	}
	switch o.Mode {
	case FixedAmount:
		if o.Amount == nil {
			return fmt.Errorf("%w: fixed_amount override of %s without an amount", ErrInvalidPause, o.Period)
		}
		return checkAmount("override amount", *o.Amount)
	case Prorated:
		if o.Amount != nil {
			return fmt.Errorf("%w: prorated override of %s has an amount %s: the amount is computed", ErrInvalidPause, o.Period, o.Amount)
		}
		return nil
	}
	return fmt.Errorf("%w: override of %s has %s: want fixed_amount or prorated", ErrInvalidPause, o.Period, o.Mode)
}

// checkAmount reports a money value without a currency or below zero.
func checkAmount(what string, m invoice.Money) error {
	if !m.Currency().Valid() {
		return fmt.Errorf("%w: %s of %d minor units has no currency", ErrInvalidPause, what, m.Minor())
	}
	if m.IsNegative() {
		return fmt.Errorf("%w: %s %s is negative", ErrInvalidPause, what, m)
	}
	return nil
}

// Extension extends a subscription by whole billing periods, never by days:
// the termination date moves by Periods periods, and each added period has
// its own invoice.
type Extension struct {
	// Periods is the number of periods added at the end, 0 to
	// MaxExtensionPeriods.
	Periods int
	// Amount is the invoice amount of each added period, zero or more; nil
	// means the plan price.
	Amount *invoice.Money
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
	Days period.Period
	// Reason says why the customer pauses, required.
	Reason string
	// Overrides set the invoices of some of the touched periods, at most
	// one per period.
	Overrides []InvoiceOverride
	// Extension adds whole periods at the end of the subscription.
	Extension Extension
}

// Validate checks f on its own, without a schedule. It returns an error
// wrapping ErrReasonRequired if the reason is blank, and ErrInvalidPause if
// the reason is not UTF-8 text of at most MaxReasonLen bytes, Days is empty, reversed or outside the bounds of dates, the extension is
// below 0 or above MaxExtensionPeriods or its amount negative or without
// currency, an override is invalid (see InvoiceOverride), two overrides
// name the same period or an override's period shares no day with Days.
// Whether override periods are billing periods is checked by package
// subscription.
func (f Flexible) Validate() error {
	if err := checkReason("flexible pause of "+f.Days.String(), f.Reason); err != nil {
		return err
	}
	if err := checkDays("days", f.Days); err != nil {
		return err
	}
	if n := f.Extension.Periods; n < 0 || n > MaxExtensionPeriods {
		return fmt.Errorf("%w: extension of %d periods: want 0 to %d", ErrInvalidPause, n, MaxExtensionPeriods)
	}
	if f.Extension.Amount != nil {
		if err := checkAmount("extension amount", *f.Extension.Amount); err != nil {
			return err
		}
	}
	for i, o := range f.Overrides {
		if err := o.validate(); err != nil {
			return fmt.Errorf("%w (override %d)", err, i)
		}
		if !o.Period.Overlaps(f.Days) {
			return fmt.Errorf("%w: override %d of %s: the pause %s does not touch it", ErrInvalidPause, i, o.Period, f.Days)
		}
		for j := range i {
			if f.Overrides[j].Period == o.Period {
				return fmt.Errorf("%w: overrides %d and %d both set %s", ErrInvalidPause, j, i, o.Period)
			}
		}
	}
	return nil
}

// ValidateFor is Validate for a subscription billed in c: every amount the
// pause sets — the overrides' and the extension's — must be in c, or the
// error wraps invoice.ErrCurrencyMismatch.
func (f Flexible) ValidateFor(c invoice.Currency) error {
	if err := f.Validate(); err != nil {
		return err
	}
	amounts := []*invoice.Money{f.Extension.Amount}
	for _, o := range f.Overrides {
		amounts = append(amounts, o.Amount)
	}
	for _, m := range amounts {
		if m != nil && m.Currency() != c {
			return fmt.Errorf("%w: flexible pause of %s sets %s on a subscription in %s", invoice.ErrCurrencyMismatch, f.Days, m, c)
		}
	}
	return nil
}

// Override returns the override of the billing period p, and false if f
// has none.
func (f Flexible) Override(p period.Period) (InvoiceOverride, bool) {
	for _, o := range f.Overrides {
		if o.Period == p {
			return o, true
		}
	}
	return InvoiceOverride{}, false
}

// MarshalJSON encodes o as {"period":…,"mode":"fixed_amount","amount":…};
// a Prorated override has no "amount".
func (o InvoiceOverride) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Value("period", o.Period)
	w.Text("mode", o.Mode)
	if o.Amount != nil {
		w.Value("amount", *o.Amount)
	}
	return w.Bytes()
}

// UnmarshalJSON decodes o from the form MarshalJSON writes ("period" and
// "mode" required) and checks it on its own; Flexible's decoding checks it
// against the pause.
func (o *InvoiceOverride) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, o, ErrInvalidPause, func(v InvoiceOverride) error { return v.validate() }, func(v *InvoiceOverride) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("period", &v.Period).Required(),
			jsonx.Text("mode", &v.Mode).Required(),
			jsonx.Ptr("amount", &v.Amount),
		}
	})
}

// MarshalJSON encodes e as {"periods":2,"amount":{…}}, without "amount"
// when nil.
func (e Extension) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Int("periods", int64(e.Periods))
	if e.Amount != nil {
		w.Value("amount", *e.Amount)
	}
	return w.Bytes()
}

// UnmarshalJSON decodes e from the form MarshalJSON writes; Flexible's
// decoding validates it.
func (e *Extension) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, e, ErrInvalidPause, nil, func(v *Extension) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int("periods", &v.Periods),
			jsonx.Ptr("amount", &v.Amount),
		}
	})
}

// MarshalJSON encodes f as {"days":…,"reason":"vacation","overrides":[…],
// "extension":{…}}, leaving out no overrides and a zero extension.
func (f Flexible) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Value("days", f.Days)
	w.String("reason", f.Reason)
	if len(f.Overrides) > 0 {
		w.Value("overrides", f.Overrides)
	}
	if f.Extension != (Extension{}) {
		w.Value("extension", f.Extension)
	}
	return w.Bytes()
}

// UnmarshalJSON decodes f strictly ("days" and "reason" required) and
// validates it: it returns the decoding error or the error of Validate,
// and leaves f unchanged then. A misspelt "extension" is an error, never
// "no extension".
func (f *Flexible) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, f, ErrInvalidPause, Flexible.Validate, func(v *Flexible) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("days", &v.Days).Required(),
			jsonx.String("reason", &v.Reason).Required(),
			jsonx.Slice("overrides", &v.Overrides),
			jsonx.Value("extension", &v.Extension),
		}
	})
}
