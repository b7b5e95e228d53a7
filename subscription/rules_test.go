package subscription_test

import (
	"testing"

	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnpaidInvoicesRule checks ProAbono's automatic suspension for too many
// unpaid invoices: with retries that leave the invoice unpaid, the second
// unpaid invoice suspends the subscription for payment due, and paying one
// later does not restart it (a restart is explicit).
func TestUnpaidInvoicesRule(t *testing.T) {
	m := must(t)
	p := monthly("10.00")
	p.Retry = retry.Policy{Attempts: 1, OnExhausted: retry.LeaveUnpaid}
	p.Suspension = retry.Suspension{UnpaidInvoices: 2}
	s := newSub(t, p, "2024-03-01")
	s = m(s.RecordPaymentFailure(d("2024-04-01"), d("2024-04-01")))
	s = m(s.RecordPaymentFailure(d("2024-04-02"), d("2024-04-01")))
	assert.Equal(t, subscription.Active, s.StateOn(d("2024-04-02")), "one unpaid invoice: still running")
	s = m(s.RecordPaymentFailure(d("2024-05-01"), d("2024-05-01")))
	assert.Equal(t, subscription.PastDue, s.StateOn(d("2024-05-01")))
	s = m(s.RecordPaymentFailure(d("2024-05-02"), d("2024-05-01")))
	st := s.StatusOn(d("2024-05-02"))
	assert.Equal(t, subscription.Status{State: subscription.Suspended, Reason: subscription.PaymentDue}, st)
	assert.True(t, s.Entitled(d("2024-05-01")))
	assert.False(t, s.Entitled(d("2024-05-02")))

	rp := s.RetryPeriods()
	require.Len(t, rp, 2)
	assert.True(t, rp[0].Unpaid && rp[1].Unpaid)

	s = m(s.RecordPayment(d("2024-05-10"), d("2024-04-01")))
	assert.False(t, s.RetryPeriods()[0].Unpaid, "paid later")
	assert.Equal(t, subscription.Suspended, s.StateOn(d("2024-05-10")))

	_, err := s.RecordPayment(d("2024-05-11"), d("2024-03-01"))
	require.ErrorIs(t, err, subscription.ErrNotDue)
}

// TestInvalidPaymentMethodRule checks the automatic suspension at the next
// renewal while the payment method is invalid, with no renewal invoice.
func TestInvalidPaymentMethodRule(t *testing.T) {
	m := must(t)
	p := monthly("10.00")
	p.Suspension = retry.Suspension{InvalidPaymentMethod: true}
	s := m(newSub(t, p, "2024-03-01").InvalidatePaymentMethod(d("2024-03-10")))
	assert.Equal(t, subscription.Active, s.StateOn(d("2024-03-31")))
	assert.Equal(t, subscription.Status{State: subscription.Suspended, Reason: subscription.PaymentMethodInvalid}, s.StatusOn(d("2024-04-01")))
	invs := invoicesOf(t, s, "2024-03-01", "2024-06-01")
	assert.Equal(t, []string{"2024-03-01"}, issueDates(invs))

	fixed := m(s.UpdatePaymentMethod(d("2024-03-20")))
	assert.Equal(t, subscription.Active, fixed.StateOn(d("2024-04-01")))

	// Restarted after the period ended: one renewal on the restart date.
	s = m(s.UpdatePaymentMethod(d("2024-04-05")))
	s = m(s.Restart(d("2024-04-05")))
	invs = invoicesOf(t, s, "2024-03-01", "2024-05-05")
	assert.Equal(t, []string{"2024-03-01", "2024-04-05"}, issueDates(invs))
}
