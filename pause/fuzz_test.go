package pause_test

import (
	"encoding/json"
	"testing"

	"github.com/billcycle/billcycle/pause"
)

// FuzzFlexibleJSON checks that decoding any text gives an error or a valid
// pause that encodes and decodes to itself, and never panics.
func FuzzFlexibleJSON(f *testing.F) {
	for _, s := range []string{
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"travel"}`,
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"travel","overrides":[{"period":{"start":"2025-02-15","end":"2025-03-15"},"mode":"prorated"},{"period":{"start":"2025-03-15","end":"2025-04-15"},"mode":"fixed_amount","amount":{"amount":"0.00","currency":"EUR"}}],"extension":{"periods":2,"amount":{"amount":"30.00","currency":"EUR"}}}`,
		`{"days":{"start":"2025-03-10","end":"2025-02-30"},"reason":"x"}`,
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":" "}`,
		`{"days":{"start":"2025-03-10","end":"2025-04-21"},"reason":"x","extension":{"periods":-1}}`,
		`{"overrides":[{"mode":"fixed_amount","amount":{"amount":"-1","currency":"JPY"}}]}`,
		`null`, `{}`, `[]`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p pause.Flexible
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			return
		}
		if s == "null" {
			return // json leaves the value untouched
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("decoded %q to an invalid pause: %v", s, err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("encoding %+v: %v", p, err)
		}
		var back pause.Flexible
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		if !flexibleEqual(p, back) {
			t.Fatalf("%s decoded to %+v; want %+v", b, back, p)
		}
	})
}

// FuzzPassJSON checks that decoding any text gives an error or a valid pass
// that encodes and decodes to itself, and that freezing and unfreezing it
// never panics.
func FuzzPassJSON(f *testing.F) {
	for _, s := range []string{
		`{"valid":{"start":"2025-06-01","end":"2025-09-01"},"sessions":10,"used":4}`,
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"sessions":10,"used":4,"frozen":{"from":"2025-07-01","remaining_days":62}}`,
		`{"valid":{"start":"9999-12-01","end":"9999-12-31"},"frozen":{"from":"9999-12-31","remaining_days":9223372036854775807}}`,
		`{"valid":{"start":"2025-06-01","end":"2025-05-01"}}`,
		`{"valid":{"start":"2025-06-01","end":"2025-07-01"},"sessions":2,"used":3}`,
		`null`, `{}`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p pause.Pass
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("decoded %q to an invalid pass: %v", s, err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("encoding %+v: %v", p, err)
		}
		var back pause.Pass
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		if !back.Equal(p) {
			t.Fatalf("%s decoded to %+v; want %+v", b, back, p)
		}
		if p.IsFrozen() {
			q, err := p.Unfreeze(p.Frozen.From + 3)
			if err == nil && q.Valid.Days() != p.Frozen.RemainingDays {
				t.Fatalf("unfrozen %+v from %+v", q, p)
			}
		} else if !p.Valid.IsEmpty() {
			q, err := p.Freeze(p.Valid.Start)
			if err != nil || q.Frozen.RemainingDays != p.Valid.Days() {
				t.Fatalf("frozen %+v, %v from %+v", q, err, p)
			}
		}
	})
}
