package job

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"

	"github.com/rickb777/date/v2"
)

// ChargeRequest asks the payment service provider to charge a customer.
type ChargeRequest struct {
	// IdempotencyKey is the same for every try of one charge
	// ("sub/due/attempt"): a PSP that dedupes on it (as real ones do) never
	// charges twice when a worker dies after charging but before committing.
	IdempotencyKey string
	// SubscriptionID and Customer say who is charged.
	SubscriptionID, Customer string
	// Due is the issue date of the invoices charged; Attempt is 0 for the
	// charge on that day and 1… for the retries.
	Due     date.Date
	Attempt int
	// On is the day of the charge.
	On date.Date
	// AmountMinor and Currency are the amount.
	AmountMinor int64
	Currency    string
}

// ChargeResult is the PSP's answer to a charge it could process.
type ChargeResult struct {
	// Succeeded reports whether the charge went through.
	Succeeded bool
	// Reference is the PSP's reference of the charge.
	Reference string
	// Decline says why it was declined, such as "insufficient_funds".
	Decline string
}

// PSP is a payment service provider. Charge returns an error only when the
// PSP could not be reached or answer: the job then leaves the subscription
// for the next run, and a declined card is a ChargeResult, not an error.
type PSP interface {
	Charge(ctx context.Context, r ChargeRequest) (ChargeResult, error)
}

// Decline scripts the fake PSP: the first Failures charges of the invoices
// of Subscription due on Due are declined, the next ones go through.
type Decline struct {
	// Subscription is the subscription's ID.
	Subscription string
	// Due is the invoices' issue date.
	Due date.Date
	// Failures is how many charges in a row are declined (the first charge
	// is attempt 0, the retries 1, 2, …).
	Failures int
}

// FakePSP is a PSP for the demo and the tests: it accepts every charge but
// the scripted ones, and remembers what it was asked. It is safe for
// concurrent use.
type FakePSP struct {
	// Script lists the scripted declines.
	Script []Decline
	// FailEvery, if positive, also declines the first charge of one invoice
	// in FailEvery, chosen by a hash of subscription and due date, so that
	// large runs see failures without a script; the retry goes through.
	FailEvery int

	mu    sync.Mutex
	calls []ChargeRequest
}

// Charge answers r as the script says.
func (p *FakePSP) Charge(_ context.Context, r ChargeRequest) (ChargeResult, error) {
	p.mu.Lock()
	p.calls = append(p.calls, r)
	p.mu.Unlock()
	ref := "fake_" + r.IdempotencyKey
	for _, d := range p.Script {
		if d.Subscription == r.SubscriptionID && d.Due == r.Due && r.Attempt < d.Failures {
			return ChargeResult{Reference: ref, Decline: "card_declined"}, nil
		}
	}
	if p.FailEvery > 0 && r.Attempt == 0 {
		h := fnv.New32a()
		fmt.Fprintf(h, "%s/%s", r.SubscriptionID, r.Due)
		if h.Sum32()%uint32(p.FailEvery) == 0 {
			return ChargeResult{Reference: ref, Decline: "insufficient_funds"}, nil
		}
	}
	return ChargeResult{Succeeded: true, Reference: ref}, nil
}

// Calls returns a copy of the charges asked for so far, in order.
func (p *FakePSP) Calls() []ChargeRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]ChargeRequest(nil), p.calls...)
}
