package pause

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

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
	Periods []period.Period `json:"periods"`
	// Reason says why the customer pauses, required.
	Reason string `json:"reason"`
	// SkipOnly turns off the move of the paused periods to the end.
	SkipOnly bool `json:"skip_only,omitempty"`
}

// Validate checks w on its own, without a schedule. It returns an error
// wrapping ErrReasonRequired if the reason is blank, and ErrInvalidPause if
// there is no period, a period is empty or reversed, or the periods are not
// in strictly increasing order without overlap (sort them first: the order
// is not guessed).
func (w WholePeriod) Validate() error {
	if strings.TrimSpace(w.Reason) == "" {
		return fmt.Errorf("%w: whole-period pause of %v has reason %q", ErrReasonRequired, w.Periods, w.Reason)
	}
	if len(w.Periods) == 0 {
		return fmt.Errorf("%w: whole-period pause without a period", ErrInvalidPause)
	}
	for i, p := range w.Periods {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("%w: period %d: %w", ErrInvalidPause, i, err)
		}
		if p.IsEmpty() {
			return fmt.Errorf("%w: period %d %s is empty", ErrInvalidPause, i, p)
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

// wholeJSON has WholePeriod's fields without its methods.
type wholeJSON WholePeriod

// UnmarshalJSON decodes w strictly and validates it: it returns the
// decoding error or the error of Validate, and leaves w unchanged then.
func (w *WholePeriod) UnmarshalJSON(data []byte) error {
	var raw wholeJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("pause: decoding whole-period pause: %w", err)
	}
	v := WholePeriod(raw)
	if err := v.Validate(); err != nil {
		return err
	}
	*w = v
	return nil
}
