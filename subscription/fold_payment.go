package subscription

import (
	"fmt"

	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

func (m *model) paymentFailed(e Event) error {
	if i := m.openRetry; i >= 0 && m.retries[i].due == e.Due && e.Date > e.Due {
		rr := &m.retries[i]
		outcomes := append(rr.outcomes[:len(rr.outcomes):len(rr.outcomes)], retry.Outcome{On: e.Date})
		st, err := rr.policy.Evaluate(rr.due, outcomes)
		if err != nil {
			return err
		}
		rr.outcomes, rr.status = outcomes, st
		if st.State == retry.Exhausted {
			m.exhaust(i, st.Settled)
		}
		return nil
	}
	if e.Date != e.Due {
		return fmt.Errorf("%w: failed attempt on %s for %s: no retry period open for it", ErrNotDue, e.Date, e.Due)
	}
	if m.status == Suspended || m.openRetry >= 0 {
		return m.refusal(e)
	}
	invs, err := m.issued(e.Due, e.Due+1)
	if err != nil {
		return err
	}
	if len(invs) == 0 || invs[len(invs)-1].Total.IsZero() {
		return fmt.Errorf("%w: no invoice to charge is issued on %s", ErrNotDue, e.Due)
	}
	pol := m.cur().plan.Retry
	st, err := pol.Evaluate(e.Due, nil)
	if err != nil {
		return err
	}
	m.retries = append(m.retries, retryRec{due: e.Due, policy: pol, status: st, closed: forever})
	i := len(m.retries) - 1
	if st.State == retry.Exhausted {
		m.exhaust(i, e.Due)
		return nil
	}
	m.openRetry = i
	m.setState(e.Date, PastDue, 0)
	return nil
}

// exhaust applies the outcome of a retry period whose last attempt failed
// on d: termination or suspension from d, as the policy says, then the
// automatic suspension rule on unpaid invoices.
func (m *model) exhaust(i int, d date.Date) {
	rr := &m.retries[i]
	rr.unpaid = true
	m.unpaid++
	m.openRetry = -1
	switch rr.policy.Exhaustion() {
	case retry.Suspend:
		m.suspend(d, PaymentDue)
	case retry.Terminate:
		m.terminate(d)
	default:
		m.setState(d, m.running(), 0)
	}
	if n := m.cur().plan.Suspension.UnpaidInvoices; n > 0 && m.unpaid >= n {
		m.suspend(d, PaymentDue)
	}
}

func (m *model) paymentSucceeded(e Event) error {
	if i := m.openRetry; i >= 0 && m.retries[i].due == e.Due {
		rr := &m.retries[i]
		outcomes := append(rr.outcomes[:len(rr.outcomes):len(rr.outcomes)], retry.Outcome{On: e.Date, Succeeded: true})
		st, err := rr.policy.Evaluate(rr.due, outcomes)
		if err != nil {
			return err
		}
		rr.outcomes, rr.status = outcomes, st
		m.openRetry = -1
		if rr.policy.Late() == retry.RestartOnPayment && e.Date > e.Due {
			// The renewed period starts on the payment date. The invoice
			// issued on the due date stays as it was and pays for it.
			c := m.cur()
			advance := c.plan.billing() == InAdvance
			m.newRun(e.Date, c.plan, !advance)
			m.cur().prepaid = advance
			m.setState(e.Date, m.running(), 0)
			return m.checkWholePauses(e.Due, "late payment")
		}
		m.setState(e.Date, m.running(), 0)
		return nil
	}
	for i := range m.retries {
		if rr := &m.retries[i]; rr.due == e.Due && rr.unpaid {
			rr.unpaid = false
			m.unpaid--
			return nil
		}
	}
	return fmt.Errorf("%w: payment on %s for %s: no failed charge for that invoice", ErrNotDue, e.Date, e.Due)
}
