package subscription

import (
	"fmt"
	"slices"
	"sort"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// retryFor returns the index of the settled retry period of the invoice
// due on due, or -1.
func (m *model) retryFor(due date.Date) int {
	n := m.nretries()
	i := sort.Search(n, func(i int) bool { return m.retry(i).due >= due })
	if i == n || m.retry(i).due != due {
		return -1
	}
	return i
}

func (m *model) paymentFailed(e Event, idx int) error {
	if r := m.open; r != nil && r.due == e.due() && e.Date > e.due() {
		c := *r
		c.outcomes = append(slices.Clip(r.outcomes), retry.Outcome{On: e.Date})
		st, err := c.policy.Evaluate(c.due, c.outcomes)
		if err != nil {
			return err
		}
		m.open = &c
		if st.State == retry.Exhausted {
			m.exhaust(*st.Settled, idx)
		}
		return nil
	}
	if e.Date != e.due() {
		return fmt.Errorf("%w: failed attempt on %s for %s: no retry period open for it", ErrNotDue, e.Date, e.due())
	}
	if m.retryFor(e.due()) >= 0 || (m.open != nil && m.open.due == e.due()) {
		return fmt.Errorf("%w: the charge of the invoice issued on %s already failed", ErrNotDue, e.due())
	}
	if m.status == Suspended || m.open != nil {
		return m.refusal(e)
	}
	invs, err := m.issued(e.due(), e.due()+1)
	if err != nil {
		return err
	}
	if len(invs) == 0 || invs[len(invs)-1].Total.IsZero() {
		return fmt.Errorf("%w: no invoice to charge is issued on %s", ErrNotDue, e.due())
	}
	pol := m.cur.plan.Retry
	st, err := pol.Evaluate(e.due(), nil)
	if err != nil {
		return err
	}
	m.open = &retryRec{due: e.due(), policy: pol, closed: forever, paidLate: forever, inv: invs[len(invs)-1]}
	m.open.run = m.runOf(m.open.inv.Period.Start)
	if st.State == retry.Exhausted {
		m.exhaust(e.due(), idx)
		return nil
	}
	m.setState(e.Date, PastDue, 0, idx)
	return nil
}

// settleOpen moves the retry period in progress to the settled ones.
func (m *model) settleOpen() *retryRec {
	r := m.open
	m.open = nil
	return m.pushRetry(*r)
}

// exhaust applies the outcome of the retry period in progress, whose last
// attempt failed on d: termination or suspension from d, as the policy
// says, then the automatic suspension rule on unpaid invoices.
func (m *model) exhaust(d date.Date, cause int) {
	policy := m.open.policy
	r := m.settleOpen()
	switch policy.EffectiveOnExhausted() {
	case retry.Suspend:
		m.suspend(d, PaymentDue, cause)
	case retry.Terminate:
		m.terminate(d, cause)
	default:
		m.setState(d, m.running(), 0, cause)
	}
	if n := m.cur.plan.Suspension.UnpaidInvoices; n > 0 && m.unpaid() >= n {
		m.suspend(d, PaymentDue, cause)
	}
	if m.status == Suspended && m.cur.plan.billing() == InAdvance {
		// The period whose renewal charge was never paid did not run: a
		// restart from now on renews.
		m.unpaidFrom = r.due
	}
}

// closeRetry stops the retry period in progress on d, for a suspension or
// a termination: no attempt is planned from d on, and the invoice stays
// unpaid until a payment comes.
func (m *model) closeRetry(d date.Date) {
	if m.open == nil {
		return
	}
	c := *m.open
	c.closed = d
	m.open = &c
	m.settleOpen()
}

// unpaid returns the number of unpaid invoices.
func (m *model) unpaid() int {
	n := 0
	for i := range m.nretries() {
		if m.retry(i).unpaid() {
			n++
		}
	}
	return n
}

func (m *model) paymentSucceeded(e Event, idx int) error {
	if r := m.open; r != nil && r.due == e.due() {
		c := *r
		c.outcomes = append(slices.Clip(r.outcomes), retry.Outcome{On: e.Date, Succeeded: true})
		if _, err := c.policy.Evaluate(c.due, c.outcomes); err != nil {
			return err
		}
		m.open = &c
		m.settleOpen()
		if c.policy.EffectiveLatePayment() == retry.RestartOnPayment && e.Date > e.due() {
			// The renewed period starts on the payment date, with its own
			// invoice: the failed invoice's period did not run, and a
			// credit note gives it back whole.
			m.credit(e.Date, period.Period{Start: e.due(), End: e.due() + 1}, true, idx, "restart on payment")
			m.newRun(e.Date, m.cur.plan, true, idx)
			m.setState(e.Date, m.running(), 0, idx)
			return m.checkWholePauses(e.due(), "late payment")
		}
		m.setState(e.Date, m.running(), 0, idx)
		return nil
	}
	i := m.retryFor(e.due())
	if i < 0 || !m.retry(i).unpaid() {
		return fmt.Errorf("%w: payment on %s for %s: no unpaid invoice issued on that day", ErrNotDue, e.Date, e.due())
	}
	r := *m.retry(i)
	r.paidLate = e.Date
	m.retries = m.retries.set(i, r)
	if m.unpaidFrom == r.due {
		// The period was paid after all: it ran.
		m.unpaidFrom = forever
	}
	return nil
}
