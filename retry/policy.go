package retry

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// MaxWindow is the longest retry period Validate accepts, in days from the
// failed charge to the last attempt: ten years. ValidateFor is stricter: the
// window must also be shorter than the recurrence's shortest period.
const MaxWindow = 3660

// Policy says how a failed renewal charge is retried. The zero Policy has no
// retry period: the first failure exhausts it at once.
//
// Write it as a struct literal and check it with Validate, or ValidateFor
// the plan's recurrence:
//
//	daily := retry.Policy{Attempts: 3}                            // D+1, D+2, D+3
//	smart := retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}} // D+1, D+3, D+5, D+7
type Policy struct {
	// Attempts is N, the number of attempts after the failed charge; 0 means
	// no retry period.
	Attempts int
	// Offsets are optional custom days of the attempts, counted from the
	// failed charge: strictly increasing, each at least 1 (1, 3, 5, 7, as in
	// Stripe's or Chargebee's smart retries). When set, there must be exactly
	// Attempts of them; when empty the attempts come one a day, 1 … N.
	Offsets []int
	// OnExhausted says what happens when the last attempt fails; zero means
	// Terminate (see EffectiveOnExhausted).
	OnExhausted Exhaustion
	// LatePayment says how a payment made during the retry period counts;
	// zero means KeepStart (see EffectiveLatePayment).
	LatePayment LatePayment
}

// Validate returns nil if p can work, and otherwise an error wrapping
// ErrInvalidPolicy that names the offending value: negative attempts,
// offsets not strictly increasing from at least 1, a number of offsets other
// than Attempts, a window beyond MaxWindow, or an unknown OnExhausted or
// LatePayment.
func (p Policy) Validate() error {
	if p.Attempts < 0 || p.Attempts > MaxWindow {
		return fmt.Errorf("%w: attempts %d: want 0 to %d", ErrInvalidPolicy, p.Attempts, MaxWindow)
	}
	if len(p.Offsets) > 0 {
		if len(p.Offsets) != p.Attempts {
			return fmt.Errorf("%w: %d offsets for %d attempts: want one offset per attempt", ErrInvalidPolicy, len(p.Offsets), p.Attempts)
		}
		prev := 0
		for i, o := range p.Offsets {
			if o <= prev {
				if i == 0 {
					return fmt.Errorf("%w: offset %d: the first attempt must be at least 1 day after the failed charge", ErrInvalidPolicy, o)
				}
				return fmt.Errorf("%w: offsets %v: offset %d at index %d does not follow %d: want strictly increasing days", ErrInvalidPolicy, p.Offsets, o, i, prev)
			}
			prev = o
		}
		if prev > MaxWindow {
			return fmt.Errorf("%w: last offset %d: want at most %d days", ErrInvalidPolicy, prev, MaxWindow)
		}
	}
	if p.OnExhausted != 0 && !p.OnExhausted.Valid() {
		return fmt.Errorf("%w: %s: want terminate, suspend or leave_unpaid", ErrInvalidPolicy, p.OnExhausted)
	}
	if p.LatePayment != 0 && !p.LatePayment.Valid() {
		return fmt.Errorf("%w: %s: want keep_start or restart_on_payment", ErrInvalidPolicy, p.LatePayment)
	}
	return nil
}

// ValidateFor is Validate for a plan that renews every r. Besides Validate's
// errors it returns r's own validation error (wrapping
// period.ErrInvalidRecurrence or period.ErrInvalidUnit), and an error
// wrapping ErrRetryTooLong when the last attempt, Window days after the
// failed charge, reaches the shortest period of r (r.MinDays()): the retry
// period would run into the next renewal. With a monthly plan 27 daily
// attempts pass and 28 fail; with a weekly plan 6 pass and 7 fail.
func (p Policy) ValidateFor(r period.Recurrence) error {
	if err := r.Validate(); err != nil {
		return err
	}
	w, err := p.Window()
	if err != nil {
		return err
	}
	if min := r.MinDays(); w >= min {
		return fmt.Errorf("%w: the last attempt comes %d days after the failed charge, and a %v period can be as short as %d days: want at most %d",
			ErrRetryTooLong, w, r, min, min-1)
	}
	return nil
}

// Window returns the number of days from the failed charge to the last
// attempt: the last offset, or Attempts when the attempts are one a day;
// 0 when there is no retry period. The customer keeps the service for
// Window days, on [D, D+Window). It returns Validate's error for an
// invalid policy.
func (p Policy) Window() (int, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	return p.window(), nil
}

// window is Window for a valid policy.
func (p Policy) window() int {
	if p.Attempts == 0 {
		return 0
	}
	return p.offset(p.Attempts - 1)
}

// offset returns the day of attempt i (from 0), counted from the failed
// charge, in a valid policy.
func (p Policy) offset(i int) int {
	if len(p.Offsets) > 0 {
		return p.Offsets[i]
	}
	return i + 1
}

// EffectiveOnExhausted returns OnExhausted with the default applied:
// Terminate when OnExhausted is zero.
func (p Policy) EffectiveOnExhausted() Exhaustion {
	if p.OnExhausted == 0 {
		return Terminate
	}
	return p.OnExhausted
}

// EffectiveLatePayment returns LatePayment with the default applied:
// KeepStart when LatePayment is zero.
func (p Policy) EffectiveLatePayment() LatePayment {
	if p.LatePayment == 0 {
		return KeepStart
	}
	return p.LatePayment
}

// Equal reports whether p and q describe the same policy: the same attempts
// on the same days, and the same OnExhausted and LatePayment once the
// defaults are applied. Policy{Attempts: 2} equals Policy{Attempts: 2,
// Offsets: []int{1, 2}}. Invalid policies are equal only field by field.
func (p Policy) Equal(q Policy) bool {
	if p.Attempts != q.Attempts || p.EffectiveOnExhausted() != q.EffectiveOnExhausted() || p.EffectiveLatePayment() != q.EffectiveLatePayment() {
		return false
	}
	pv, qv := p.Validate() == nil, q.Validate() == nil
	if !pv || !qv {
		return pv == qv && slices.Equal(p.Offsets, q.Offsets)
	}
	for i := range p.Attempts {
		if p.offset(i) != q.offset(i) {
			return false
		}
	}
	return true
}

// check validates p and failedOn: the policy, and failedOn and every
// attempt day within the bounds of dates. It returns the window.
func (p Policy) check(failedOn date.Date) (int, error) {
	w, err := p.Window()
	if err != nil {
		return 0, err
	}
	if failedOn < period.MinDate || failedOn > period.MaxDate-date.Date(w) {
		return 0, fmt.Errorf("%w: failed charge on day number %d (%s): want a day from %s to %s, so that the last attempt, %d days later, is by 9999-12-31",
			period.ErrInvalidDate, int64(failedOn), failedOn, period.MinDate, period.MaxDate-date.Date(w), w)
	}
	return w, nil
}

// AttemptDates returns the planned attempts after a charge that failed on
// failedOn, in order: failedOn + offset for each offset, so D+1 … D+N with
// the default one a day; nothing when there is no retry period. It returns
// an error wrapping ErrInvalidPolicy for an invalid policy and
// period.ErrInvalidDate when an attempt would fall after 9999-12-31 or
// failedOn is before 0001-01-01.
func (p Policy) AttemptDates(failedOn date.Date) (iter.Seq[date.Date], error) {
	if _, err := p.check(failedOn); err != nil {
		return nil, err
	}
	return func(yield func(date.Date) bool) {
		for i := range p.Attempts {
			if !yield(failedOn + date.Date(p.offset(i))) {
				return
			}
		}
	}, nil
}

// Next returns the date of the attempt that follows failures failed
// attempts after a charge that failed on failedOn: the first attempt for
// 0 failures, the second for 1, and so on. It returns an error wrapping
// ErrExhausted when failures reaches the number of attempts (at once for a
// policy of 0 attempts), ErrInvalidCount for negative failures, and the
// errors of AttemptDates.
func (p Policy) Next(failedOn date.Date, failures int) (date.Date, error) {
	if _, err := p.check(failedOn); err != nil {
		return 0, err
	}
	if failures < 0 {
		return 0, fmt.Errorf("%w: %d failed attempts: want 0 or more", ErrInvalidCount, failures)
	}
	if failures >= p.Attempts {
		return 0, fmt.Errorf("%w: %d failed attempts of %d after the charge failed on %v", ErrExhausted, failures, p.Attempts, failedOn)
	}
	return failedOn + date.Date(p.offset(failures)), nil
}

// GracePeriod returns the days on which the customer keeps the service after
// a charge that failed on failedOn, while the attempts run: [D, D+Window),
// empty when there is no retry period. The service goes on after it only
// if a payment recovers the retry period. It returns the errors of
// AttemptDates.
func (p Policy) GracePeriod(failedOn date.Date) (period.Period, error) {
	w, err := p.check(failedOn)
	if err != nil {
		return period.Period{}, err
	}
	return period.Period{Start: failedOn, End: failedOn + date.Date(w)}, nil
}

// RenewedStart returns the first day of the renewed period when a charge
// that failed on failedOn is paid on paidOn: failedOn under KeepStart (the
// days used without payment are deducted, not given again), paidOn under
// RestartOnPayment.
func (p Policy) RenewedStart(failedOn, paidOn date.Date) date.Date {
	if p.EffectiveLatePayment() == RestartOnPayment {
		return paidOn
	}
	return failedOn
}

// String returns a short description of p, such as
// "3 attempts at D+1, D+2, D+3, then terminate".
func (p Policy) String() string {
	if err := p.Validate(); err != nil {
		return fmt.Sprintf("invalid policy (%d attempts, offsets %v)", p.Attempts, p.Offsets)
	}
	if p.Attempts == 0 {
		return "no retry, then " + p.EffectiveOnExhausted().String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d attempts at ", p.Attempts)
	p.list(&b, func(i int) string { return "D+" + strconv.Itoa(p.offset(i)) })
	b.WriteString(", then " + p.EffectiveOnExhausted().String())
	return b.String()
}

// list writes item(i) for every attempt, comma-separated, eliding the
// middle of a long list.
func (p Policy) list(b *strings.Builder, item func(i int) string) {
	for i := range p.Attempts {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 8 && p.Attempts > 10 {
			b.WriteString("…, " + item(p.Attempts-1))
			return
		}
		b.WriteString(item(i))
	}
}

// MarshalJSON encodes p as {"attempts":3,"offsets":[1,3,5],
// "on_exhausted":"suspend","late_payment":"keep_start"}, leaving out empty
// offsets and zero (default) enums. An invalid policy is an error wrapping
// ErrInvalidPolicy.
func (p Policy) MarshalJSON() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var o jsonx.Object
	o.Int("attempts", int64(p.Attempts))
	if len(p.Offsets) > 0 {
		o.Value("offsets", p.Offsets)
	}
	if p.OnExhausted != 0 {
		o.Text("on_exhausted", p.OnExhausted)
	}
	if p.LatePayment != 0 {
		o.Text("late_payment", p.LatePayment)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes ("attempts"
// required) and validates it. Unknown fields are errors (a misspelt
// "attempts" would otherwise mean no retry period), and so are duplicate
// keys, values of the wrong type and any policy Validate rejects; the
// errors wrap ErrInvalidPolicy and name the field. JSON null counts as
// absent, and a whole null leaves p unchanged.
func (p *Policy) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidPolicy, Policy.Validate, func(v *Policy) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Int("attempts", &v.Attempts).Required(),
			jsonx.Ints("offsets", &v.Offsets),
			jsonx.Text("on_exhausted", &v.OnExhausted),
			jsonx.Text("late_payment", &v.LatePayment),
		}
	})
}
