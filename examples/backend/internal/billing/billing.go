// Package billing is the backend's only door to billcycle: every call into
// the library goes through this package, so that when the library's API
// changes, this is the one place to re-point. The rest of the backend
// (storage, HTTP, the daily job) sees subscriptions as opaque values, their
// terms and events as JSON, dates as date.Date and money as int64 minor
// units with a currency code.
package billing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Subscription is a subscription's terms and log, as the library folds them.
// It is a value: commands return a new Subscription.
type Subscription struct {
	s subscription.Subscription
}

// Status is the state of a subscription on a date.
type Status struct {
	// State is the state's lower-case name, such as "active" or "past_due".
	State string `json:"state"`
	// Reason is the suspension reason, such as "payment_due"; empty otherwise.
	Reason string `json:"reason,omitempty"`
	// Entitled reports whether the customer may use the service that day.
	Entitled bool `json:"entitled"`
}

// Invoice is one computed invoice, with what storage needs to file it.
type Invoice struct {
	// Key identifies the invoice within its subscription: issue date and
	// first day of the period it covers.
	Key string
	// IssueDate is the day the invoice is issued.
	IssueDate date.Date
	// PeriodStart and PeriodEnd are the half-open range it bills.
	PeriodStart, PeriodEnd date.Date
	// TotalMinor is the amount due in minor units (2990 for 29.90 EUR).
	TotalMinor int64
	// Currency is the ISO 4217 code of the amount.
	Currency string
	// JSON is the invoice's JSON form, the text frozen once it is issued.
	JSON []byte
}

// termsFields are the fields a terms object may have.
var termsFields = []string{"plan", "start", "anchor", "buyer", "beneficiary"}

// NewSubscription decodes terms ({"plan":…,"start":…,"anchor":…,"buyer":…,
// "beneficiary":…}) and returns the subscription with an empty log and the
// terms in canonical JSON. A bad field is a *FieldError naming it.
func NewSubscription(terms []byte) (Subscription, []byte, error) {
	t, err := decodeTerms(terms)
	if err != nil {
		return Subscription{}, nil, err
	}
	s, err := subscription.New(t)
	if err != nil {
		return Subscription{}, nil, err
	}
	canon, err := encodeTerms(s.Terms())
	return Subscription{s: s}, canon, err
}

// Replay rebuilds a subscription from stored terms and events, in log order.
func Replay(terms []byte, events [][]byte) (Subscription, error) {
	t, err := decodeTerms(terms)
	if err != nil {
		return Subscription{}, err
	}
	evs := make([]subscription.Event, len(events))
	for i, raw := range events {
		if err := json.Unmarshal(raw, &evs[i]); err != nil {
			return Subscription{}, fmt.Errorf("billing: event %d: %w", i+1, err)
		}
	}
	s, err := subscription.Replay(t, evs)
	return Subscription{s: s}, err
}

// decodeTerms reads a terms object strictly, naming the field at fault.
func decodeTerms(raw []byte) (subscription.Terms, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return subscription.Terms{}, &FieldError{Field: "terms", Err: fmt.Errorf("%w: not a JSON object", ErrBadRequest)}
	}
	for name := range fields {
		if !slices.Contains(termsFields, name) {
			return subscription.Terms{}, &FieldError{Field: "terms." + name, Err: fmt.Errorf("%w: unknown field", ErrBadRequest)}
		}
	}
	var plan subscription.Plan
	if err := json.Unmarshal(fields["plan"], &plan); err != nil {
		return subscription.Terms{}, &FieldError{Field: "terms.plan", Err: err}
	}
	start, err := dateField(fields, "start", "terms.start", true)
	if err != nil {
		return subscription.Terms{}, err
	}
	t := subscription.Terms{Plan: plan, Start: start}
	if a, err := dateField(fields, "anchor", "terms.anchor", false); err != nil {
		return t, err
	} else if a != 0 {
		t.Anchor = &a
	}
	for _, f := range []struct {
		name string
		to   *string
	}{{"buyer", &t.Buyer}, {"beneficiary", &t.Beneficiary}} {
		if raw, ok := fields[f.name]; ok {
			if err := json.Unmarshal(raw, f.to); err != nil {
				return t, &FieldError{Field: "terms." + f.name, Err: fmt.Errorf("%w: not a string", ErrBadRequest)}
			}
		}
	}
	return t, nil
}

type termsJSON struct {
	Plan        subscription.Plan `json:"plan"`
	Start       string            `json:"start"`
	Anchor      string            `json:"anchor,omitempty"`
	Buyer       string            `json:"buyer,omitempty"`
	Beneficiary string            `json:"beneficiary,omitempty"`
}

// encodeTerms writes terms in the canonical form decodeTerms reads.
func encodeTerms(t subscription.Terms) ([]byte, error) {
	j := termsJSON{Plan: t.Plan, Start: t.Start.String(), Buyer: t.Buyer, Beneficiary: t.Beneficiary}
	if t.Anchor != nil {
		j.Anchor = t.Anchor.String()
	}
	return json.Marshal(j)
}

// ParseDay reads a strict YYYY-MM-DD date: 2021-02-30 is an error, never
// March 2. The error wraps ErrInvalidDate.
func ParseDay(s string) (date.Date, error) {
	d, err := period.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %q", ErrInvalidDate, s)
	}
	return d, nil
}

// Start returns the subscription's first day.
func (s Subscription) Start() date.Date { return s.s.Start() }

// Version returns the number of events in the log.
func (s Subscription) Version() int64 { return int64(len(s.s.Events())) }

// Beneficiary returns the opaque reference of who uses the subscription.
func (s Subscription) Beneficiary() string { return s.s.Terms().Beneficiary }

// StatusOn returns the state of the subscription on day d.
func (s Subscription) StatusOn(d date.Date) Status {
	st := s.s.StatusOn(d)
	out := Status{State: st.State.String(), Entitled: st.State.Entitled()}
	if st.Reason != 0 {
		out.Reason = st.Reason.String()
	}
	return out
}

// JSON returns the subscription's terms and log as the library writes them.
func (s Subscription) JSON() ([]byte, error) { return json.Marshal(s.s) }

// TimelineJSON returns the timeline of [from, to) as of asOf, in JSON.
func (s Subscription) TimelineJSON(from, to, asOf date.Date) ([]byte, error) {
	tl, err := s.s.Timeline(period.Period{Start: from, End: to}, asOf)
	if err != nil {
		return nil, err
	}
	return json.Marshal(tl)
}

// PausesJSON returns the pauses that are not deleted, filtered by reason
// when reason is not empty, in JSON.
func (s Subscription) PausesJSON(reason string) ([]byte, error) {
	ps := s.s.Pauses(reason)
	if ps == nil {
		ps = []subscription.PauseInfo{}
	}
	return json.Marshal(ps)
}

// Invoices returns the invoices, issued or planned, of the periods that
// share a day with [from, to), in order.
func (s Subscription) Invoices(from, to date.Date) ([]Invoice, error) {
	invs, err := s.s.Invoices(from, to)
	if err != nil {
		return nil, err
	}
	out := make([]Invoice, 0, len(invs))
	for _, inv := range invs {
		v, err := fromInvoice(inv)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// fromInvoice turns a library invoice into the layer's.
func fromInvoice(inv invoice.Invoice) (Invoice, error) {
	b, err := json.Marshal(inv)
	if err != nil {
		return Invoice{}, err
	}
	return Invoice{
		Key:       inv.IssueDate.String() + "/" + inv.Period.Start.String(),
		IssueDate: inv.IssueDate, PeriodStart: inv.Period.Start, PeriodEnd: inv.Period.End,
		TotalMinor: inv.Total.Minor(), Currency: inv.Currency.Code(), JSON: b,
	}, nil
}

// SameInvoice reports whether two JSON forms of an invoice say the same
// thing: equal once decoded (money compared by value), or equal bytes.
func SameInvoice(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y invoice.Invoice
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return x.Equal(y)
}
