package subscription_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/billcycle/billcycle/subscription"
)

// roundTrip checks, for data that decodes as a T, that it encodes, that
// the encoding decodes to the same value, and that it encodes again to the
// same bytes: decode∘encode is the identity on what the decoder accepts.
func roundTrip[T any](t *testing.T, data []byte) {
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
	if !reflect.DeepEqual(back, v) {
		t.Fatalf("%s decoded as %+v, then %s as %+v", data, v, b, back)
	}
	if b2, err := json.Marshal(back); err != nil || !bytes.Equal(b, b2) {
		t.Fatalf("%s encodes as %s, then as %s (%v)", data, b, b2, err)
	}
}

// viewSeeds adds the JSON of the views of the subscription with every
// event kind that have type T, and texts.
func viewSeeds[T any](f *testing.F, texts ...string) {
	for _, v := range viewsOf(&testing.T{}, everyKind(&testing.T{})) {
		if _, ok := v.(T); !ok {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range texts {
		f.Add([]byte(s))
	}
}

func FuzzPlanJSON(f *testing.F) {
	viewSeeds[subscription.Plan](f, planJSON, `{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}},"periods":1e18}`,
		`{"every":"P1W","price":{"recurring":{"amount":"5.00","currency":"EUR"}},"trial":{"days":14,"price":{"amount":"1.00","currency":"EUR"}},"billing":"in_arrears"}`,
		`{"every":"P1M","every":"P1M"}`, `{}`, `[]`)
	f.Fuzz(roundTrip[subscription.Plan])
}

func FuzzEventJSON(f *testing.F) {
	viewSeeds[subscription.Event](f, `{"kind":"restart","date":"2021-10-01","ref":"r","meta":{"a":"b"}}`,
		`{"kind":"change_quantity","date":"2021-10-01","feature":"seats","quantity":3,"proration":"prorate_now"}`,
		`{"kind":"terminate","date":"2021-10-01","effective":"2021-10-01","credit":"prorated"}`,
		`{"kind":"record_payment","date":"2021-10-05","due":"2021-10-01","meta":{"x":"1","x":"2"}}`)
	f.Fuzz(roundTrip[subscription.Event])
}

func FuzzTimelineJSON(f *testing.F) {
	viewSeeds[subscription.Timeline](f, `{"span":{"start":"2021-01-01","end":"2021-02-01"},"as_of":"2021-01-01"}`)
	f.Fuzz(roundTrip[subscription.Timeline])
}

func FuzzPreviewJSON(f *testing.F) {
	viewSeeds[subscription.Preview](f)
	f.Fuzz(roundTrip[subscription.Preview])
}

func FuzzActionJSON(f *testing.F) {
	viewSeeds[subscription.Action](f, `{"on":"2021-02-01","kind":"attempt","attempt":{"due":"2021-02-01","number":1,"state":"planned"}}`,
		`{"on":"2021-02-01","kind":"suspension","change":{"state":"suspended","reason":"payment_due","from":"past_due","cause":3}}`)
	f.Fuzz(roundTrip[subscription.Action])
}

func FuzzRetryPeriodJSON(f *testing.F) {
	viewSeeds[subscription.RetryPeriod](f, `{"due":"2021-02-01","state":"retrying","attempts":[],"closed":"2021-02-03","unpaid":true}`)
	f.Fuzz(roundTrip[subscription.RetryPeriod])
}

func FuzzPauseInfoJSON(f *testing.F) {
	viewSeeds[subscription.PauseInfo](f)
	f.Fuzz(roundTrip[subscription.PauseInfo])
}

func FuzzStatusJSON(f *testing.F) {
	viewSeeds[subscription.Status](f, `{"state":"suspended","reason":"by_business"}`, `{"state":"active","reason":null}`)
	f.Fuzz(roundTrip[subscription.Status])
}
