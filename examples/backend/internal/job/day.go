package job

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// dayWork is what the job gathers for one subscription inside its
// transaction: the subscription as it evolves, the events to append and the
// documents to number last, when the series locks are taken.
type dayWork struct {
	r       *Runner
	jt      *store.JobTx
	sub     billing.Subscription
	events  []store.NewEvent
	pending []billing.Invoice
	msgs    []store.Message
	rep     Report
}

// handleDay does what is due on day d: issue its documents, make its
// retry attempts and its first charge, and announce the changes of state.
func (w *dayWork) handleDay(ctx context.Context, d date.Date) error {
	due, err := w.sub.DueOn(d)
	if err != nil {
		return err
	}
	var total int64
	currency := ""
	for _, inv := range due.Invoices {
		if !inv.CreditNote {
			total, currency = total+inv.TotalMinor, inv.Currency
		}
		if _, filed := w.jt.Issued[inv.Key]; !filed {
			w.pending = append(w.pending, inv)
		}
	}
	appended := len(w.events)
	for _, a := range due.Attempts {
		amount, cur := w.filedTotal(a.Due)
		if err := w.charge(ctx, d, a.Due, a.Number, amount, cur); err != nil {
			return err
		}
	}
	// Credit notes are never charged: they are refunded or carried forward
	// outside this job.
	if total > 0 {
		if err := w.charge(ctx, d, d, 0, total, currency); err != nil {
			return err
		}
	}
	// A decline or a late payment just recorded changes the state on d:
	// the changes are read from the log as it is now.
	if len(w.events) > appended {
		if due, err = w.sub.DueOn(d); err != nil {
			return err
		}
	}
	for _, c := range due.Changes {
		w.rep.StateChanges++
		if err := w.outbox("state.changed", d, "state/"+d.String()+"/"+c.Key(), json.RawMessage(c.JSON)); err != nil {
			return err
		}
	}
	return nil
}

// filedTotal is the amount of the invoices issued on due, filed or pending;
// credit notes are not charged.
func (w *dayWork) filedTotal(due date.Date) (int64, string) {
	var total int64
	cur := ""
	for _, inv := range w.jt.Issued {
		if inv.IssueDate == due && inv.Kind == store.KindInvoice {
			total, cur = total+inv.TotalMinor, inv.Currency
		}
	}
	for _, inv := range w.pending {
		if inv.IssueDate == due && !inv.CreditNote {
			total, cur = total+inv.TotalMinor, inv.Currency
		}
	}
	return total, cur
}

// charge makes attempt n of the charge of the invoices due on due, unless
// it was made already, and records its outcome: a decline is a payment
// failure in the log, a retry that goes through is a payment. The events
// carry the PSP's reference of the charge, and in their metadata the job
// and the charge's idempotency key.
func (w *dayWork) charge(ctx context.Context, on, due date.Date, n int, amount int64, cur string) error {
	key := store.ChargeKey{Due: due, Attempt: n}
	if _, done := w.jt.Charges[key]; done {
		return nil
	}
	id := w.jt.Sub.ID
	idem := fmt.Sprintf("%s/%s/%d", id, due, n)
	res, err := w.r.PSP.Charge(ctx, ChargeRequest{
		IdempotencyKey: idem, SubscriptionID: id, Customer: w.sub.Beneficiary(),
		Due: due, Attempt: n, On: on, AmountMinor: amount, Currency: cur,
	})
	if err != nil {
		return fmt.Errorf("psp: charge %s #%d: %w", due, n, err)
	}
	w.rep.Charges++
	meta := map[string]string{"via": "daily-job", "idempotency_key": idem}
	var ev billing.Event
	switch {
	case !res.Succeeded:
		w.rep.Declined++
		w.sub, ev, err = w.sub.RecordChargeFailure(on, due, res.Reference, meta)
	case n > 0:
		w.sub, ev, err = w.sub.RecordChargeSuccess(on, due, res.Reference, meta)
	}
	if err != nil {
		return fmt.Errorf("record charge %s #%d: %w", due, n, err)
	}
	if ev.JSON != nil {
		w.events = append(w.events, store.NewEvent{Kind: ev.Kind, On: ev.On, JSON: ev.JSON})
		w.rep.Events++
	}
	c := store.Charge{ChargeKey: key, On: on, AmountMinor: amount, Currency: cur, Succeeded: res.Succeeded, Reference: res.Reference}
	if err := w.jt.RecordCharge(ctx, c); err != nil {
		return err
	}
	return w.outbox("attempt.due", on, fmt.Sprintf("charge/%s/%d", due, n), map[string]any{
		"due": due.String(), "attempt": n, "amount_minor": amount, "currency": cur,
		"succeeded": res.Succeeded, "decline": res.Decline, "reference": res.Reference,
	})
}

// issue numbers and files the pending documents, in issue order: invoices
// in the series of the subscription and the year ("GYM-2025"), credit notes
// in their own ("GYM-CN-2025"). It runs last in the transaction: the series
// counters stay locked until commit.
func (w *dayWork) issue(ctx context.Context) error {
	for _, inv := range w.pending {
		si := store.StoredInvoice{
			Series: fmt.Sprintf("%s-%04d", w.jt.Sub.Series, inv.IssueDate.Year()), Kind: store.KindInvoice,
			Key: inv.Key, IssueDate: inv.IssueDate, TotalMinor: inv.TotalMinor, Currency: inv.Currency, Body: inv.JSON,
		}
		if inv.CreditNote {
			si.Series = fmt.Sprintf("%s-CN-%04d", w.jt.Sub.Series, inv.IssueDate.Year())
			si.Kind, si.Credits = store.KindCreditNote, inv.Credits
		}
		filed, ok, err := w.jt.IssueInvoice(ctx, si)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := w.announce(filed, inv); err != nil {
			return err
		}
	}
	return nil
}

// announce writes the outbox message of a document just filed:
// invoice.issued, or credit_note.issued with the number of the invoice it
// credits.
func (w *dayWork) announce(filed store.StoredInvoice, inv billing.Invoice) error {
	payload := map[string]any{"number": filed.Ref(), "key": inv.Key, "total_minor": inv.TotalMinor, "currency": inv.Currency}
	if !inv.CreditNote {
		w.rep.Invoices++
		payload["invoice"] = json.RawMessage(inv.JSON)
		return w.outbox("invoice.issued", inv.IssueDate, "invoice/"+inv.Key, payload)
	}
	w.rep.CreditNotes++
	payload["credits"] = inv.Credits
	if credited, ok := w.jt.Issued[inv.Credits]; ok {
		payload["credits_number"] = credited.Ref()
	}
	payload["credit_note"] = json.RawMessage(inv.JSON)
	return w.outbox("credit_note.issued", inv.IssueDate, "credit_note/"+inv.Key, payload)
}

// checkDrift compares the filed invoices, and those about to be, with what
// the library issues through the given day; differences go to the report
// and the outbox, and nothing is rewritten.
func (w *dayWork) checkDrift(ctx context.Context, through date.Date) error {
	filed := make(map[string][]byte, len(w.jt.Issued)+len(w.pending))
	for k, inv := range w.jt.Issued {
		filed[k] = inv.Body
	}
	for _, inv := range w.pending {
		filed[inv.Key] = inv.JSON
	}
	drift, err := w.sub.Drift(filed, through)
	if err != nil {
		return err
	}
	for _, d := range drift {
		w.rep.Drift = append(w.rep.Drift, SubscriptionDrift{SubscriptionID: w.jt.Sub.ID, Drift: d})
		if err := w.outbox("invoice.drift", through, "drift/"+d.Kind+"/"+d.Key, d); err != nil {
			return err
		}
	}
	return nil
}

// outbox queues one message with a JSON payload; flush writes them.
func (w *dayWork) outbox(topic string, on date.Date, dedupe string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	w.msgs = append(w.msgs, store.Message{Topic: topic, On: on, DedupeKey: dedupe, Payload: b})
	return nil
}

// topicRank orders a day's messages: the documents, then the charges, then
// the changes of state they cause.
var topicRank = map[string]int{"invoice.issued": 0, "credit_note.issued": 0, "attempt.due": 1, "state.changed": 2, "invoice.drift": 3}

// flush writes the queued messages in day order, and within a day in
// topic order.
func (w *dayWork) flush(ctx context.Context) error {
	slices.SortStableFunc(w.msgs, func(a, b store.Message) int {
		if a.On != b.On {
			return cmp.Compare(a.On, b.On)
		}
		return cmp.Compare(topicRank[a.Topic], topicRank[b.Topic])
	})
	return w.jt.Outbox(ctx, w.msgs...)
}
