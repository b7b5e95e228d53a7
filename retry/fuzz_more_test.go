package retry_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/retry"
)

// roundTrip checks, for data that decodes as a T, that it encodes and that
// decoding the encoding gives the same value: decode∘encode is the
// identity on what the decoder accepts. A whole null decodes to nothing
// and is skipped.
func roundTrip[T any](t *testing.T, data []byte, equal func(a, b T) bool) {
	t.Helper()
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s decoded as %+v but does not encode: %v", data, v, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s re-encoded as %s, which does not decode: %v", data, b, err)
	}
	if !equal(back, v) {
		t.Fatalf("%s decoded as %+v, then %s as %+v", data, v, b, back)
	}
}

func addAll(f *testing.F, texts ...string) {
	for _, s := range texts {
		f.Add([]byte(s))
	}
}

func statusEqual(a, b retry.Status) bool {
	return a.State == b.State && a.NextOn() == b.NextOn() && a.SettledOn() == b.SettledOn() &&
		(a.Next == nil) == (b.Next == nil) && (a.Settled == nil) == (b.Settled == nil) && slices.Equal(a.Attempts, b.Attempts)
}

// FuzzStatusJSON also covers Attempt; whatever decodes is a consistent
// status.
func FuzzStatusJSON(f *testing.F) {
	addAll(f, `{"state":"retrying","next":"2024-04-03","attempts":[{"on":"2024-04-02","state":"failed"},{"on":"2024-04-03","state":"planned"}]}`,
		`{"state":"recovered","settled":"2024-04-03","attempts":[{"on":"2024-04-02","state":"failed"},{"on":"2024-04-03","state":"succeeded"}]}`,
		`{"state":"exhausted","settled":"2024-04-01","attempts":[]}`,
		`{"state":"recovered","attempts":[]}`, `{"state":"exhausted","next":"2024-04-03","settled":"2024-04-02","attempts":[]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, statusEqual)
		var st retry.Status
		if json.Unmarshal(data, &st) == nil && st.State != 0 {
			if err := st.Validate(); err != nil {
				t.Fatalf("%s decoded as an invalid status: %v", data, err)
			}
		}
	})
}

func FuzzOutcomeJSON(f *testing.F) {
	addAll(f, `{"on":"2024-04-02","succeeded":false}`, `{"on":"2024-04-02","succeeded":true}`, `{"on":"2024-02-30","succeeded":true}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, func(a, b retry.Outcome) bool { return a == b })
	})
}

func FuzzSuspensionJSON(f *testing.F) {
	addAll(f, `{"unpaid_invoices":3,"invalid_payment_method":true}`, `{}`, `{"unpaid_invoices":-1}`, `{"unpaid_invoices":1001}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, func(a, b retry.Suspension) bool { return a == b })
	})
}
