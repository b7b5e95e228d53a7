package billing

import (
	"fmt"

	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// MetaFor returns the metadata the API puts on the event of a command: how
// it came ("via":"api"), who sent it (the X-Caller header, when set) and
// its idempotency key, when it has one. A value longer than the library
// keeps is a *FieldError naming its header.
func MetaFor(caller, idempotencyKey string) (map[string]string, error) {
	meta := map[string]string{"via": "api"}
	for _, h := range []struct{ header, key, value string }{
		{"X-Caller", "caller", caller}, {"Idempotency-Key", "idempotency_key", idempotencyKey},
	} {
		if len(h.value) > subscription.MaxMetaLen {
			return nil, &FieldError{Field: h.header, Err: fmt.Errorf("%w: %d bytes, at most %d", ErrBadRequest, len(h.value), subscription.MaxMetaLen)}
		}
		if h.value != "" {
			meta[h.key] = h.value
		}
	}
	return meta, nil
}

// ChangesOn says what s, the subscription after a command, does to the
// documents issued on day d compared with before: rewrites reports that a
// document issued that day changed or went (the library lets a command
// dated on an invoice's issue date rewrite it: a suspension cancels that
// day's renewal, a change of plan or quantity reprices it), and addsInvoice
// that an invoice (a credit note does not count) was added. Once the daily
// job has filed and charged day d, neither can be honoured.
func (s Subscription) ChangesOn(before Subscription, d date.Date) (rewrites, addsInvoice bool, err error) {
	was, err := before.Invoices(d, d+1)
	if err != nil {
		return false, false, err
	}
	now, err := s.Invoices(d, d+1)
	if err != nil {
		return false, false, err
	}
	added := make(map[string][]byte, len(now))
	for _, inv := range now {
		added[inv.Key] = inv.JSON
	}
	for _, inv := range was {
		if b, ok := added[inv.Key]; !ok || !SameInvoice(b, inv.JSON) {
			rewrites = true
		}
		delete(added, inv.Key)
	}
	for _, inv := range now {
		if _, ok := added[inv.Key]; ok && !inv.CreditNote {
			addsInvoice = true
		}
	}
	return rewrites, addsInvoice, nil
}
