package pause_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/billcycle/billcycle/pause"
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

func eq[T comparable](a, b T) bool { return a == b }

// FuzzPolicyJSON also covers Fee, which only a policy holds.
func FuzzPolicyJSON(f *testing.F) {
	addAll(f, `{"min_days":7,"max_days":30,"max_pauses_per_year":2,"max_days_per_year":60,"notice_days":3}`,
		`{"fee":{"percent":"12.5"}}`, `{"fee":{"flat":{"amount":"5.00","currency":"EUR"}}}`,
		`{"min_days":40,"max_days":30}`, `{"fee":{"percent":"1e1"}}`, `{"max_days":null}`, `{}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, pause.Policy.Equal) })
}

func FuzzWholePeriodJSON(f *testing.F) {
	addAll(f, `{"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"injury"}`,
		`{"periods":[{"start":"2025-04-15","end":"2025-05-15"},{"start":"2025-06-15","end":"2025-07-15"}],"reason":"x","skip_only":true}`,
		`{"periods":[],"reason":"x"}`, `{"periods":[{"start":"2025-04-15","end":"2025-04-15"}],"reason":"x"}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, pause.WholePeriod.Equal) })
}

// FuzzBookingActionJSON also covers Booking.
func FuzzBookingActionJSON(f *testing.F) {
	addAll(f, `{"booking":{"on":"2025-03-12","id":"yoga-2"},"treatment":"detach"}`,
		`{"booking":{"on":"2025-02-30","id":"x"},"treatment":"delete"}`, `{"booking":{"on":"2025-03-12","id":""},"treatment":"keep"}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, eq[pause.BookingAction]) })
}

func FuzzTouchJSON(f *testing.F) {
	addAll(f, `{"period":{"start":"2025-02-15","end":"2025-03-15"},"paused_days":5,"days":28}`,
		`{"period":{"start":"2025-02-15","end":"2025-03-15"},"paused_days":29,"days":28}`)
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, data, eq[pause.Touch]) })
}
