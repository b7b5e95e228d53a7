package subscription

import (
	"iter"

	"github.com/billcycle/billcycle/internal/enum"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// RetryPeriod is the retry period that followed a failed renewal charge,
// as the whole log says.
type RetryPeriod struct {
	// Due is the day the failed charge was due: the invoice's issue date.
	Due date.Date
	// State is what the attempts came to: retrying, recovered or
	// exhausted. A period a suspension or termination stopped (Closed)
	// stays retrying: no attempt succeeded and none will be made.
	State retry.State
	// Attempts lists the attempts in date order: the failed ones, then the
	// payment that recovered the period, or the ones still planned (before
	// Closed).
	Attempts []retry.Attempt
	// Next is the next planned attempt; nil when none will be made.
	Next *date.Date
	// Settled is the day the period recovered or ran out; nil otherwise.
	Settled *date.Date
	// Closed is the day a suspension or a termination stopped the period
	// before it settled; nil if none did.
	Closed *date.Date
	// Unpaid reports whether the invoice is unpaid: the retries ran out or
	// were stopped, and nothing was paid since.
	Unpaid bool
}

// RetryPeriods returns the retry periods of the log in order, with what
// the log schedules (a suspension or termination that stops one) applied.
func (s Subscription) RetryPeriods() iter.Seq[RetryPeriod] {
	return func(yield func(RetryPeriod) bool) {
		var b viewBuf
		m := s.view(&b)
		if m == nil {
			return
		}
		for i := range m.nretries() {
			if !yield(m.retry(i).view()) {
				return
			}
		}
		if m.open != nil {
			yield(m.open.view())
		}
	}
}

// view returns the public form of the retry period.
func (r *retryRec) view() RetryPeriod {
	st := r.status()
	rp := RetryPeriod{Due: r.due, State: st.State, Attempts: st.Attempts, Next: st.Next, Settled: st.Settled,
		Unpaid: r.unpaid()}
	if r.closed != forever {
		closed := r.closed
		rp.Closed = &closed
		rp.Attempts = nil
		for _, a := range st.Attempts {
			if a.State != retry.Planned || a.On < r.closed {
				rp.Attempts = append(rp.Attempts, a)
			}
		}
		if rp.Next != nil && *rp.Next >= r.closed {
			rp.Next = nil
		}
	}
	return rp
}

// Payment is whether an invoice has been paid, as the log says.
type Payment uint8

// The payment statuses of an invoice.
const (
	// Paid is an invoice whose charge did not fail, or was recovered.
	Paid Payment = iota + 1
	// Open is an invoice whose charge failed and is being retried.
	Open
	// Unpaid is an invoice whose retries ran out or were stopped, with no
	// payment since.
	Unpaid
)

var paymentNames = enum.New[Payment]("payment", ErrInvalidView, "paid", "open", "unpaid")

// String returns "paid", "open" or "unpaid", or "payment(N)" for an
// invalid status.
func (p Payment) String() string { return paymentNames.String(p) }

// Valid reports whether p is one of the payment statuses.
func (p Payment) Valid() bool { return paymentNames.Valid(p) }

// MarshalText encodes the payment status as its name; an invalid status is
// an error wrapping ErrInvalidView.
func (p Payment) MarshalText() ([]byte, error) { return paymentNames.MarshalText(p) }

// UnmarshalText decodes a payment status from its name; any other text is
// an error wrapping ErrInvalidView.
func (p *Payment) UnmarshalText(b []byte) error { return paymentNames.UnmarshalText(b, p) }

// paymentOf returns the payment status of the invoice issued on due, as of
// the end of the log's projection.
func (m *model) paymentOf(due date.Date) Payment {
	if m.open != nil && m.open.due == due {
		if m.open.closed != forever {
			return Unpaid
		}
		return Open
	}
	if i := m.retryFor(due); i >= 0 && m.retry(i).unpaid() {
		return Unpaid
	}
	return Paid
}
