package subscription_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// fuzzSeeds returns the JSON of the acceptance scenarios and of a
// subscription with every event kind.
func fuzzSeeds(t *testing.T) [][]byte {
	m := must(t)
	var subs []subscription.Subscription
	// S-01, S-02, S-05.
	base := newSub(t, monthly("10.00"), "2021-10-01")
	susp := m(base.Suspend(d("2021-10-15"), subscription.ByBusiness))
	subs = append(subs, base, m(susp.Restart(d("2021-10-20"))), m(susp.Restart(d("2021-11-10"))), m(base.TerminateNow(d("2021-10-15"))))
	// W-01, W-02, F-02.
	gym := gym12(t, "49.00")
	w := pause.WholePeriod{Periods: []period.Period{pp("2025-04-15", "2025-05-15")}, Reason: "travel"}
	subs = append(subs, m(gym.AddWholePeriodPause(d("2025-03-01"), w)))
	w.SkipOnly = true
	subs = append(subs, m(gym.AddWholePeriodPause(d("2025-03-01"), w)))
	price := eur("30.00")
	subs = append(subs, m(gym12(t, "30.00").AddFlexiblePause(d("2025-03-01"), pause.Flexible{Days: pp("2025-03-10", "2025-04-21"),
		Reason: "injury", Extension: pause.Extension{Periods: 2, Amount: &price}})))
	// Y-01, Y-02, Y-04.
	for _, n := range []int{5, 3, 0} {
		p := monthly("10.00")
		p.Retry = retry.Policy{Attempts: n}
		s := m(newSub(t, p, "2024-03-01").RecordPaymentFailure(d("2024-04-01"), d("2024-04-01")))
		for i := range n {
			s = m(s.RecordPaymentFailure(d("2024-04-02")+date.Date(i), d("2024-04-01")))
		}
		subs = append(subs, s)
	}
	subs = append(subs, everyKind(t))
	var out [][]byte
	for _, s := range subs {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func FuzzSubscriptionJSON(f *testing.F) {
	for _, b := range fuzzSeeds(&testing.T{}) {
		f.Add(b)
	}
	f.Add([]byte(`{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2021-02-30","events":[]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s subscription.Subscription
		if err := json.Unmarshal(data, &s); err != nil || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
			return // refused, or a whole null, which leaves the zero Subscription
		}
		span := period.Period{Start: max(period.MinDate, s.Start()-31), End: min(period.MaxDate, s.Start()+365*4)}
		tl, err := s.Timeline(span, s.Start()+400)
		if err != nil {
			t.Fatalf("a decoded subscription has no timeline of %s: %v", span, err)
		}
		segs := tl.Segments
		if len(segs) == 0 || segs[0].Period.Start != span.Start || segs[len(segs)-1].Period.End != span.End {
			t.Fatalf("segments %v do not cover %s", segs, span)
		}
		for i := 1; i < len(segs); i++ {
			if segs[i-1].Period.End != segs[i].Period.Start || segs[i].Period.IsEmpty() {
				t.Fatalf("segments %s and %s do not tile", segs[i-1].Period, segs[i].Period)
			}
		}
		// The other views must not panic either.
		_ = s.StatusOn(s.Start() + 1000).State
		_, _ = s.TerminationDate()
		_ = slices.Collect(s.RetryPeriods())
		_ = slices.Collect(s.Pauses(""))
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("a decoded subscription does not encode: %v", err)
		}
		var back subscription.Subscription
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s re-encodes as %s, which does not decode: %v", data, b, err)
		}
		if b2, err := json.Marshal(back); err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("%s encodes as %s, then as %s (%v)", data, b, b2, err)
		}
	})
}
