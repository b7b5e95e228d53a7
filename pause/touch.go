package pause

import (
	"fmt"
	"iter"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
)

// Touch is one billing period that a flexible pause touches, as the preview
// shows it: the period, and how many of its days are paused.
type Touch struct {
	// Period is the billing period.
	Period period.Period
	// PausedDays is the number of days of Period that are paused, from 1
	// to Days.
	PausedDays int
	// Days is the number of days of Period.
	Days int
}

// UnpausedDays returns the days of the period that are not paused:
// Days − PausedDays.
func (t Touch) UnpausedDays() int { return t.Days - t.PausedDays }

// PausedFraction returns the paused part of the period, PausedDays/Days.
func (t Touch) PausedFraction() period.Fraction {
	return period.Fraction{Num: t.PausedDays, Den: t.Days}
}

// UnpausedFraction returns the part of the period the customer may use,
// UnpausedDays/Days: the fraction a prorated invoice charges.
func (t Touch) UnpausedFraction() period.Fraction {
	return period.Fraction{Num: t.UnpausedDays(), Den: t.Days}
}

// IsWhole reports whether every day of the period is paused.
func (t Touch) IsWhole() bool { return t.PausedDays == t.Days }

// Touched returns the billing periods of periods that share at least one
// day with the paused range days, in order, each with its paused days. The
// sequence must be ordered by start, as period.Schedule's sequences are;
// Touched stops at the first period that starts on or after days.End, so an
// infinite sequence such as Schedule.PeriodsFrom is fine. Empty periods are
// skipped. An empty or reversed range touches nothing.
//
// Days 2025-03-10 through 2025-04-20, [2025-03-10, 2025-04-21), over monthly
// periods from 2025-01-15 touch [2025-02-15, 2025-03-15) for 5 days of 28,
// [2025-03-15, 2025-04-15) for 31 of 31 and [2025-04-15, 2025-05-15) for 6
// of 30: 42 days.
func Touched(periods iter.Seq[period.Period], days period.Period) iter.Seq[Touch] {
	return func(yield func(Touch) bool) {
		if periods == nil || days.IsEmpty() {
			return
		}
		for p := range periods {
			if p.Start >= days.End {
				return
			}
			in, ok := p.Intersect(days)
			if !ok || p.IsEmpty() {
				continue
			}
			if !yield(Touch{Period: p, PausedDays: in.Days(), Days: p.Days()}) {
				return
			}
		}
	}
}

// Validate returns an error wrapping ErrInvalidPause unless t's period is
// valid and holds Days days, and 0 ≤ PausedDays ≤ Days.
func (t Touch) Validate() error {
	if err := checkDays("period", t.Period); err != nil {
		return err
	}
	if t.Days != t.Period.Days() {
		return fmt.Errorf("%w: touch of %s with %d days", ErrInvalidPause, t.Period, t.Days)
	}
	return t.checkCounts()
}

// checkCounts checks that the touch has at least one day and 0 ≤
// PausedDays ≤ Days.
func (t Touch) checkCounts() error {
	if t.Days < 1 || t.PausedDays < 0 || t.PausedDays > t.Days {
		return fmt.Errorf("%w: touch of %s with %d paused days of %d", ErrInvalidPause, t.Period, t.PausedDays, t.Days)
	}
	return nil
}

// MarshalJSON encodes t as {"period":…,"paused_days":5,"days":28}.
func (t Touch) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("period", t.Period)
	o.Int("paused_days", int64(t.PausedDays))
	o.Int("days", int64(t.Days))
	return o.Bytes()
}

// UnmarshalJSON decodes t from the form MarshalJSON writes, every field
// required, and validates it.
func (t *Touch) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, t, ErrInvalidPause, Touch.Validate, func(v *Touch) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("period", &v.Period).Required(),
			jsonx.Int("paused_days", &v.PausedDays).Required(),
			jsonx.Int("days", &v.Days).Required(),
		}
	})
}

// SuggestedAmount returns amount, the invoice amount of the touched period
// t, prorated by the days of t that are not paused. It splits amount with
// invoice.Allocate over the weights (unpaused days, paused days), so that
// no minor unit is lost: the suggestion and the paused part (see Split) add
// up to the amount.
// 30.00 EUR with 5 of 28 days paused suggests 24.64 (30 × 23/28), the
// paused part being 5.36.
//
// It returns an error wrapping ErrInvalidPause if t has no day or its
// paused days are not within 0…Days, and invoice.ErrUnknownCurrency for
// money without a currency.
func SuggestedAmount(amount invoice.Money, t Touch) (invoice.Money, error) {
	kept, _, err := Split(amount, t)
	return kept, err
}

// Split returns amount divided between the unpaused and the paused days of
// t, as SuggestedAmount does: kept + paused equals amount to the last
// minor unit exactly. It returns an error wrapping ErrInvalidPause if t has
// no day or its paused days are not within 0…Days, and
// invoice.ErrUnknownCurrency for money without a currency.
func Split(amount invoice.Money, t Touch) (kept, paused invoice.Money, err error) {
	if err := t.checkCounts(); err != nil {
		return invoice.Money{}, invoice.Money{}, err
	}
	parts, err := invoice.Allocate(amount, []int64{int64(t.UnpausedDays()), int64(t.PausedDays)})
	if err != nil {
		return invoice.Money{}, invoice.Money{}, fmt.Errorf("%w (prorating over %s)", err, t.Period)
	}
	return parts[0], parts[1], nil
}
