package billing

import (
	"encoding/json"
	"sort"

	"github.com/rickb777/date/v2"
)

// Drift is a difference between an invoice as filed and as the library
// computes it today. Issued invoices are never rewritten: a drift is
// reported, for a person (or a credit note) to settle.
type Drift struct {
	// Key identifies the invoice within its subscription.
	Key string `json:"key"`
	// Kind is "changed" (both exist and differ), "missing" (filed, but the
	// library no longer issues it) or "unexpected" (the library issues it
	// on or before the day checked, but it was never filed).
	Kind string `json:"kind"`
	// Stored and Computed are the two JSON forms, when they exist.
	Stored   json.RawMessage `json:"stored,omitempty"`
	Computed json.RawMessage `json:"computed,omitempty"`
}

// Drift compares the invoices filed for s (key → JSON) with those the
// library issues on or before through, and returns the differences in key
// order; none when both agree.
func (s Subscription) Drift(stored map[string][]byte, through date.Date) ([]Drift, error) {
	computed := map[string][]byte{}
	if through >= s.Start() {
		invs, err := s.Invoices(s.Start(), through+1)
		if err != nil {
			return nil, err
		}
		for _, inv := range invs {
			if inv.IssueDate <= through {
				computed[inv.Key] = inv.JSON
			}
		}
	}
	var out []Drift
	for k, st := range stored {
		c, ok := computed[k]
		switch {
		case !ok:
			out = append(out, Drift{Key: k, Kind: "missing", Stored: st})
		case !SameInvoice(st, c):
			out = append(out, Drift{Key: k, Kind: "changed", Stored: st, Computed: c})
		}
	}
	for k, c := range computed {
		if _, ok := stored[k]; !ok {
			out = append(out, Drift{Key: k, Kind: "unexpected", Computed: c})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}
