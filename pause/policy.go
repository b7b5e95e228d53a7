package pause

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// The names of the limits of a Policy, as a PolicyError reports them.
const (
	// LimitMinDays names Policy.MinDays.
	LimitMinDays = "min_days"
	// LimitMaxDays names Policy.MaxDays.
	LimitMaxDays = "max_days"
	// LimitMaxPausesPerYear names Policy.MaxPausesPerYear.
	LimitMaxPausesPerYear = "max_pauses_per_year"
	// LimitMaxDaysPerYear names Policy.MaxDaysPerYear.
	LimitMaxDaysPerYear = "max_days_per_year"
	// LimitNoticeDays names Policy.NoticeDays.
	LimitNoticeDays = "notice_days"
)

// Policy is what a gym contract says about pauses, as data: limits on their
// length and number, the notice the customer gives, and an optional fee.
// Every limit is a count of days or pauses; 0 means no limit. Years are
// calendar years, January 1 to December 31.
type Policy struct {
	// MinDays is the shortest pause allowed, in days.
	MinDays int `json:"min_days,omitempty"`
	// MaxDays is the longest pause allowed, in days.
	MaxDays int `json:"max_days,omitempty"`
	// MaxPausesPerYear is the number of pauses that may start within one
	// calendar year, the new pause included.
	MaxPausesPerYear int `json:"max_pauses_per_year,omitempty"`
	// MaxDaysPerYear is the number of days that may be paused within one
	// calendar year, the new pause included. A pause across New Year counts
	// its days in each year.
	MaxDaysPerYear int `json:"max_days_per_year,omitempty"`
	// NoticeDays is the notice: a pause must start at least this many days
	// after the day it is requested. 1 forbids a pause from the day of the
	// request.
	NoticeDays int `json:"notice_days,omitempty"`
	// Fee is the optional freeze fee, billed as its own invoice line.
	Fee *Fee `json:"fee,omitempty"`
}

// Validate returns an error wrapping ErrInvalidPolicy if a limit is
// negative, MinDays is above MaxDays, or the fee is invalid (see
// Fee.Validate).
func (p Policy) Validate() error {
	for _, l := range []struct {
		name string
		v    int
	}{
		{LimitMinDays, p.MinDays}, {LimitMaxDays, p.MaxDays}, {LimitMaxPausesPerYear, p.MaxPausesPerYear},
		{LimitMaxDaysPerYear, p.MaxDaysPerYear}, {LimitNoticeDays, p.NoticeDays},
	} {
		if l.v < 0 {
			return fmt.Errorf("%w: %s is %d", ErrInvalidPolicy, l.name, l.v)
		}
	}
	if p.MaxDays > 0 && p.MinDays > p.MaxDays {
		return fmt.Errorf("%w: min_days %d above max_days %d", ErrInvalidPolicy, p.MinDays, p.MaxDays)
	}
	if p.Fee != nil {
		if err := p.Fee.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// PolicyError is a pause that breaks one limit of a Policy. It matches
// ErrPolicy with errors.Is; its message names the limit and both values.
type PolicyError struct {
	// Limit names the limit: LimitMinDays, LimitMaxDays, LimitNoticeDays,
	// LimitMaxPausesPerYear or LimitMaxDaysPerYear.
	Limit string
	// Value is what the pause has: its days, its notice in days, the
	// number of pauses or of paused days in Year with it.
	Value int
	// LimitValue is the value of the limit in the policy.
	LimitValue int
	// Year is the calendar year of a per-year limit, 0 for the others.
	Year int
}

// Error returns the breach, naming the limit and both values:
// "pause: policy limit max_days: pause of 42 days, at most 30".
func (e *PolicyError) Error() string {
	var what string
	switch e.Limit {
	case LimitMinDays:
		what = fmt.Sprintf("pause of %d days, at least %d", e.Value, e.LimitValue)
	case LimitMaxDays:
		what = fmt.Sprintf("pause of %d days, at most %d", e.Value, e.LimitValue)
	case LimitNoticeDays:
		what = fmt.Sprintf("pause starting %d days after the request, at least %d", e.Value, e.LimitValue)
	case LimitMaxPausesPerYear:
		what = fmt.Sprintf("%d pauses starting in %d, at most %d", e.Value, e.Year, e.LimitValue)
	case LimitMaxDaysPerYear:
		what = fmt.Sprintf("%d paused days in %d, at most %d", e.Value, e.Year, e.LimitValue)
	default:
		what = fmt.Sprintf("value %d, limit %d", e.Value, e.LimitValue)
	}
	return "pause: policy limit " + e.Limit + ": " + what
}

// Unwrap returns ErrPolicy.
func (e *PolicyError) Unwrap() error { return ErrPolicy }

// firstDay and lastDay bound the dates Check accepts, the years of ISO
// dates: 0001-01-01 to 9999-12-31.
var (
	firstDay = date.New(1, time.January, 1)
	endDay   = date.New(10000, time.January, 1)
)

// Check checks a pause of the days in days, requested on requestedOn,
// against p, given the day ranges of the pauses already taken (in any
// order). It checks every limit and returns nil, one *PolicyError, or
// several joined with errors.Join in the order min_days, max_days,
// notice_days, max_pauses_per_year, max_days_per_year: errors.Is(err,
// ErrPolicy) holds for each, and errors.As finds the first.
//
// Pauses per year count the pauses starting in the calendar year in which
// the new pause starts. Days per year count, for each calendar year the new
// pause touches, the days in that year covered by any pause (a day covered
// twice counts once), and report the first year over the limit.
//
// Check returns an error wrapping ErrInvalidPolicy if p is invalid, and
// ErrInvalidPause if days is empty or reversed or lies outside years 1 to
// 9999.
func (p Policy) Check(days period.Period, requestedOn date.Date, taken []period.Period) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := days.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidPause, err)
	}
	if days.IsEmpty() {
		return fmt.Errorf("%w: days %s hold no day", ErrInvalidPause, days)
	}
	if days.Start < firstDay || days.End > endDay {
		return fmt.Errorf("%w: days %s outside years 0001 to 9999", ErrInvalidPause, days)
	}
	var errs []error
	breach := func(limit string, value, limitValue, year int) {
		errs = append(errs, &PolicyError{Limit: limit, Value: value, LimitValue: limitValue, Year: year})
	}
	n := days.Days()
	if p.MinDays > 0 && n < p.MinDays {
		breach(LimitMinDays, n, p.MinDays, 0)
	}
	if p.MaxDays > 0 && n > p.MaxDays {
		breach(LimitMaxDays, n, p.MaxDays, 0)
	}
	if p.NoticeDays > 0 {
		if notice := int(days.Start - requestedOn); notice < p.NoticeDays {
			breach(LimitNoticeDays, notice, p.NoticeDays, 0)
		}
	}
	if p.MaxPausesPerYear > 0 {
		year := yearOf(days.Start)
		count := 1
		for _, t := range taken {
			if !t.IsEmpty() && year.Contains(t.Start) {
				count++
			}
		}
		if count > p.MaxPausesPerYear {
			breach(LimitMaxPausesPerYear, count, p.MaxPausesPerYear, days.Start.Year())
		}
	}
	if p.MaxDaysPerYear > 0 {
		for year := yearOf(days.Start); year.Start < days.End; year = yearOf(year.End) {
			if used := unionDays(year, days, taken); used > p.MaxDaysPerYear {
				breach(LimitMaxDaysPerYear, used, p.MaxDaysPerYear, year.Start.Year())
				break
			}
		}
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// yearOf returns the calendar year that holds d, as a period.
func yearOf(d date.Date) period.Period {
	y := d.Year()
	return period.Period{Start: date.New(y, time.January, 1), End: date.New(y+1, time.January, 1)}
}

// unionDays returns the number of days of within covered by days or any of
// taken, each day once.
func unionDays(within, days period.Period, taken []period.Period) int {
	parts := make([]period.Period, 0, len(taken)+1)
	for _, q := range append([]period.Period{days}, taken...) {
		if in, ok := within.Intersect(q); ok {
			parts = append(parts, in)
		}
	}
	slices.SortFunc(parts, func(a, b period.Period) int { return int(a.Start - b.Start) })
	n := 0
	var cur period.Period
	for i, q := range parts {
		switch {
		case i == 0:
			cur = q
		case q.Start <= cur.End:
			cur.End = max(cur.End, q.End)
		default:
			n += cur.Days()
			cur = q
		}
	}
	return n + cur.Days()
}

// Fee is a freeze fee: exactly one of a flat amount or a percentage of the
// price of the period paused.
type Fee struct {
	// Flat is a flat fee, zero or more; nil for a percentage fee.
	Flat *invoice.Money
	// Percent is the fee in percent of the period price, more than 0 and
	// at most 100; zero for a flat fee.
	Percent decimal.Decimal
}

// maxPercentDigits bounds the exponent of a percentage fee, so that no
// rounding works on absurd precisions.
const maxPercentDigits = 18

// Validate returns an error wrapping ErrInvalidPolicy unless exactly one of
// Flat and Percent is set, Flat has a currency and is not negative, and
// Percent is more than 0 and at most 100, with an exponent of at least
// −18.
func (f Fee) Validate() error {
	switch {
	case f.Flat != nil && !f.Percent.IsZero():
		return fmt.Errorf("%w: fee both flat %s and %s%%", ErrInvalidPolicy, f.Flat, f.Percent.String())
	case f.Flat != nil:
		if f.Flat.Currency.IsZero() {
			return fmt.Errorf("%w: flat fee %s without a currency", ErrInvalidPolicy, f.Flat.Amount.String())
		}
		if f.Flat.IsNegative() {
			return fmt.Errorf("%w: flat fee %s is negative", ErrInvalidPolicy, f.Flat)
		}
	case f.Percent.IsZero():
		return fmt.Errorf("%w: fee neither flat nor a percentage", ErrInvalidPolicy)
	case f.Percent.Sign() < 0 || f.Percent.GreaterThan(decimal.NewFromInt(100)):
		return fmt.Errorf("%w: fee of %s%% is not more than 0 and at most 100", ErrInvalidPolicy, f.Percent.String())
	case f.Percent.Exponent() < -maxPercentDigits:
		return fmt.Errorf("%w: fee of %s%% has more than %d fraction digits", ErrInvalidPolicy, f.Percent.String(), maxPercentDigits)
	}
	return nil
}

// Amount returns the fee for a period priced periodPrice, rounded to the
// currency's minor unit half away from zero: 12.5% of 49.90 EUR is 6.24
// (6.2375), a flat 5.00 EUR is 5.00. It returns an error wrapping
// ErrInvalidPolicy if f is invalid or the price is negative or has no
// currency, and invoice.ErrCurrencyMismatch if a flat fee is in another
// currency than the price.
func (f Fee) Amount(periodPrice invoice.Money) (invoice.Money, error) {
	if err := f.Validate(); err != nil {
		return invoice.Money{}, err
	}
	if periodPrice.Currency.IsZero() || periodPrice.IsNegative() {
		return invoice.Money{}, fmt.Errorf("%w: fee on a period price of %s %s",
			ErrInvalidPolicy, periodPrice.Amount.String(), periodPrice.Currency)
	}
	if f.Flat != nil {
		if f.Flat.Currency != periodPrice.Currency {
			return invoice.Money{}, fmt.Errorf("pause: flat fee %s on a period price of %s: %w",
				f.Flat, periodPrice, invoice.ErrCurrencyMismatch)
		}
		return f.Flat.Round(), nil
	}
	amount := periodPrice.Amount.Mul(f.Percent).Shift(-2)
	return invoice.Money{Amount: amount, Currency: periodPrice.Currency}.Round(), nil
}

type feeJSON struct {
	Flat    *invoice.Money `json:"flat,omitempty"`
	Percent string         `json:"percent,omitempty"`
}

// MarshalJSON encodes f as {"flat":{"amount":"5.00","currency":"EUR"}} or
// {"percent":"12.5"}.
func (f Fee) MarshalJSON() ([]byte, error) {
	raw := feeJSON{Flat: f.Flat}
	if !f.Percent.IsZero() {
		raw.Percent = f.Percent.String()
	}
	return json.Marshal(raw)
}

// UnmarshalJSON decodes f from the form MarshalJSON writes and validates
// it.
func (f *Fee) UnmarshalJSON(data []byte) error {
	var raw feeJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("pause: decoding fee: %w", err)
	}
	v := Fee{Flat: raw.Flat}
	if raw.Percent != "" {
		if len(raw.Percent) > 40 || strings.ContainsAny(raw.Percent, "eE") {
			return fmt.Errorf("%w: fee percent %q too long", ErrInvalidPolicy, raw.Percent)
		}
		pct, err := decimal.NewFromString(raw.Percent)
		if err != nil {
			return fmt.Errorf("%w: fee percent %q: %v", ErrInvalidPolicy, raw.Percent, err)
		}
		v.Percent = pct
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*f = v
	return nil
}
