package pause

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/period"
)

// WholePeriod pauses whole billing periods. By default each picked period
// moves to the end of the subscription: it has no invoice and no access
// where it stood, later periods keep their dates, one period is added after
// the last, and the termination date moves by the paused periods. SkipOnly
// turns the move off: the periods are skipped, not replaced.
//
// A WholePeriod is a value: copy Periods before changing them in a pause
// you did not build.
type WholePeriod struct {
	// Periods are the billing periods paused, in increasing order; package
	// subscription checks that each is exactly one of its billing periods.
	Periods []period.Period
	// Reason says why the customer pauses, required.
	Reason string
	// SkipOnly turns off the move of the paused periods to the end.
	SkipOnly bool
}

// Validate checks w on its own, without a schedule. It returns an error
// wrapping ErrReasonRequired if the reason is blank, and ErrInvalidPause if
// the reason is not UTF-8 text of at most MaxReasonLen bytes, there is no
// period, a period is empty, reversed or outside the bounds of
// dates, or the periods are not in strictly increasing order without
// overlap (sort them first: the order is not guessed).
func (w WholePeriod) Validate() error {
	if err := checkReason(fmt.Sprintf("whole-period pause of %v", w.Periods), w.Reason); err != nil {
		return err
	}
	if len(w.Periods) == 0 {
		return fmt.Errorf("%w: whole-period pause without a period", ErrInvalidPause)
	}
	for i, p := range w.Periods {
		if err := checkDays(fmt.Sprintf("periods[%d]", i), p); err != nil {
			return err
		}
		if i > 0 && p.Start < w.Periods[i-1].End {
			return fmt.Errorf("%w: period %d %s does not come after period %d %s",
				ErrInvalidPause, i, p, i-1, w.Periods[i-1])
		}
	}
	return nil
}

// Days returns the total number of paused days.
func (w WholePeriod) Days() int {
	n := 0
	for _, p := range w.Periods {
		if !p.IsEmpty() {
			n += p.Days()
		}
	}
	return n
}

// Pauses reports whether the billing period p is one of w's periods.
func (w WholePeriod) Pauses(p period.Period) bool {
	return slices.Contains(w.Periods, p)
}

// MarshalJSON encodes w as {"periods":[…],"reason":"injury","skip_only":true},
// without "skip_only" when false.
func (w WholePeriod) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	periods := w.Periods
	if periods == nil {
		periods = []period.Period{}
	}
	o.Value("periods", periods)
	o.String("reason", w.Reason)
	if w.SkipOnly {
		o.Bool("skip_only", true)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes w strictly ("periods" and "reason" required) and
// validates it: it returns the decoding error or the error of Validate,
// and leaves w unchanged then.
func (w *WholePeriod) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, w, ErrInvalidPause, WholePeriod.Validate, func(v *WholePeriod) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Slice("periods", &v.Periods).Required(),
			jsonx.String("reason", &v.Reason).Required(),
			jsonx.Bool("skip_only", &v.SkipOnly),
		}
	})
}
