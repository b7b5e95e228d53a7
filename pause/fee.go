package pause

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/invoice"
	"github.com/shopspring/decimal"
)

// Fee is a freeze fee: exactly one of a flat amount or a percentage of the
// price of the period paused.
type Fee struct {
	// Flat is a flat fee, zero or more; nil for a percentage fee.
	Flat *invoice.Money
	// Percent is the fee in percent of the period price, more than 0 and
	// at most 100 (see invoice.CheckPercent); zero for a flat fee.
	Percent decimal.Decimal
}

// Validate returns an error wrapping ErrInvalidPolicy unless exactly one of
// Flat and Percent is set, Flat has a currency and is not negative, and
// Percent passes invoice.CheckPercent (then the error wraps
// invoice.ErrInvalidPercent too).
func (f Fee) Validate() error {
	switch {
	case f.Flat != nil && !f.Percent.IsZero():
		return fmt.Errorf("%w: fee both flat %s and a percentage", ErrInvalidPolicy, f.Flat)
	case f.Flat != nil:
		if !f.Flat.Currency().Valid() {
			return fmt.Errorf("%w: flat fee of %d minor units without a currency", ErrInvalidPolicy, f.Flat.Minor())
		}
		if f.Flat.IsNegative() {
			return fmt.Errorf("%w: flat fee %s is negative", ErrInvalidPolicy, f.Flat)
		}
	case f.Percent.IsZero():
		return fmt.Errorf("%w: fee neither flat nor a percentage", ErrInvalidPolicy)
	default:
		if err := invoice.CheckPercent(f.Percent); err != nil {
			return jsonx.At("percent", ErrInvalidPolicy, err)
		}
	}
	return nil
}

// ValidateFor is Validate for a subscription billed in c: a flat fee must
// be in c, or the error wraps invoice.ErrCurrencyMismatch.
func (f Fee) ValidateFor(c invoice.Currency) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Flat != nil && f.Flat.Currency() != c {
		return fmt.Errorf("%w: flat fee %s for a subscription in %s", invoice.ErrCurrencyMismatch, f.Flat, c)
	}
	return nil
}

// Amount returns the fee for a period priced periodPrice: the flat fee, or
// the percentage of the price rounded once to the minor unit, half away
// from zero: 12.5% of 49.90 EUR is 6.24 (6.2375), a flat 5.00 EUR is 5.00.
// It returns an error wrapping ErrInvalidPolicy if f is invalid or the
// price is negative or has no currency, and invoice.ErrCurrencyMismatch if
// a flat fee is in another currency than the price.
func (f Fee) Amount(periodPrice invoice.Money) (invoice.Money, error) {
	if err := f.Validate(); err != nil {
		return invoice.Money{}, err
	}
	if !periodPrice.Currency().Valid() || periodPrice.IsNegative() {
		return invoice.Money{}, fmt.Errorf("%w: fee on a period price of %s", ErrInvalidPolicy, periodPrice)
	}
	if f.Flat != nil {
		if f.Flat.Currency() != periodPrice.Currency() {
			return invoice.Money{}, fmt.Errorf("%w: flat fee %s on a period price of %s", invoice.ErrCurrencyMismatch, f.Flat, periodPrice)
		}
		return *f.Flat, nil
	}
	return periodPrice.Percent(f.Percent)
}

// MarshalJSON encodes f as {"flat":{"amount":"5.00","currency":"EUR"}} or
// {"percent":"12.5"}.
func (f Fee) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	if f.Flat != nil {
		o.Value("flat", *f.Flat)
	}
	if !f.Percent.IsZero() {
		if err := invoice.CheckPercent(f.Percent); err != nil {
			return nil, err
		}
		o.String("percent", f.Percent.String())
	}
	return o.Bytes()
}

// UnmarshalJSON decodes f from the form MarshalJSON writes, the percentage
// with invoice.ParsePercent, and validates it. Structural errors wrap
// ErrInvalidPolicy and name the field; null counts as absent.
func (f *Fee) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, f, ErrInvalidPolicy, Fee.Validate, func(v *Fee) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Ptr("flat", &v.Flat),
			jsonx.StringFunc("percent", func(s string) (err error) {
				v.Percent, err = invoice.ParsePercent(s)
				return err
			}),
		}
	})
}

// ValidateFor is Validate for a subscription billed in c: the fee, if any,
// must be in c (see Fee.ValidateFor).
func (p Policy) ValidateFor(c invoice.Currency) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Fee != nil {
		return p.Fee.ValidateFor(c)
	}
	return nil
}

// MarshalJSON encodes p as {"min_days":3,"max_days":30,…,"fee":{…}},
// leaving out the limits that are 0 (none) and a nil fee.
func (p Policy) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	for _, l := range p.limits() {
		if l.v != 0 {
			o.Int(l.name, int64(l.v))
		}
	}
	if p.Fee != nil {
		o.Value("fee", *p.Fee)
	}
	if p.CreditPausedDays {
		o.Bool("credit_paused_days", true)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes and validates
// it: "min_days" above "max_days" is refused here, not later. Structural
// errors wrap ErrInvalidPolicy and name the field; null counts as absent.
func (p *Policy) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidPolicy, Policy.Validate, func(v *Policy) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int(LimitMinDays, &v.MinDays),
			jsonx.Int(LimitMaxDays, &v.MaxDays),
			jsonx.Int(LimitMaxPausesPerYear, &v.MaxPausesPerYear),
			jsonx.Int(LimitMaxDaysPerYear, &v.MaxDaysPerYear),
			jsonx.Int(LimitNoticeDays, &v.NoticeDays),
			jsonx.Ptr("fee", &v.Fee),
			jsonx.Bool("credit_paused_days", &v.CreditPausedDays),
		}
	})
}
