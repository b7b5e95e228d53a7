package billing

import "testing"

// FuzzDecodeCommand checks that any body, for any command, is either a
// command or an error Classify knows: never a panic, never an error that
// would become a 500.
func FuzzDecodeCommand(f *testing.F) {
	for _, name := range CommandNames() {
		f.Add(name, `{"on":"2021-10-20"}`)
	}
	f.Add("suspend", `{"on":"2021-10-20","reason":"by_business","version":3}`)
	f.Add("add_flexible_pause", `{"on":"2021-10-20","pause":{"days":{"start":"2021-11-01","end":"2021-11-05"},"reason":"x","extension":{"periods":1}}}`)
	f.Add("change_plan", `{"on":"2021-10-20","plan":{"every":"P1Y","price":{"recurring":{"amount":"100.00","currency":"EUR"}}}}`)
	f.Add("record_payment_failure", `{"on":"2021-02-30","due":"2021-13-01"}`)
	f.Add("change_quantity", `{"on":"2021-10-11","feature":"seats","quantity":4,"proration":"prorate_now","ref":"t-1"}`)
	f.Add("change_plan_now", `{"on":"2021-10-11","proration":"prorate_at_renewal","plan":{"every":"P1W","price":{"recurring":{"amount":"3.00","currency":"EUR"}}}}`)
	f.Add("terminate_now_with_credit", `{"on":"2021-10-11","credit":"full"}`)
	f.Add("grant_discount", `{"on":"2021-10-11","discount":{"name":"x","kind":"percent","percent":"12.5","periods":2}}`)
	f.Add("restart", `{"on":"2021-10-11","on":null}`)
	s, _, err := NewSubscription([]byte(seatsMonthly))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, body string) {
		c, err := DecodeCommand(name, []byte(body))
		if err != nil {
			if _, _, ok := Classify(err); !ok {
				t.Fatalf("DecodeCommand(%q, %q): unclassified error %v", name, body, err)
			}
			return
		}
		if _, _, err := s.Apply(c); err != nil {
			if _, _, ok := Classify(err); !ok {
				t.Fatalf("Apply(%q, %q): unclassified error %v", name, body, err)
			}
		}
	})
}

// FuzzNewSubscription checks the same of terms.
func FuzzNewSubscription(f *testing.F) {
	f.Add(monthly)
	f.Add(`{"plan":{"every":"P1W","price":{"recurring":{"amount":"5","currency":"JPY"}},"trial":{"days":14},"retry":{"attempts":3}},"start":"2024-02-29","anchor":"2024-03-01"}`)
	f.Add(`{"plan":{"every":"P1M","price":{"recurring":{"amount":"1.005","currency":"EUR"}}},"start":"2023-02-29"}`)
	f.Add(seatsMonthly)
	f.Add(`{"plan":{"every":"P1M","price":{"recurring":{"amount":"1.00","currency":"EUR"}}},"start":"2021-10-01","events":[]}`)
	f.Fuzz(func(t *testing.T, terms string) {
		s, canon, err := NewSubscription([]byte(terms))
		if err != nil {
			if _, _, ok := Classify(err); !ok {
				t.Fatalf("NewSubscription(%q): unclassified error %v", terms, err)
			}
			return
		}
		r, err := Replay(canon, nil)
		if err != nil || r.Start() != s.Start() {
			t.Fatalf("Replay(canonical %s) = %v, start %s; want start %s", canon, err, r.Start(), s.Start())
		}
	})
}
