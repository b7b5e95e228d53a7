package subscription_test

import (
	"encoding/json"
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// The benchmarks of this file measure the views and the fold against the
// yardstick of the calendar core, Schedule.PeriodOf, in the same run:
//
//	go test -run '^$' -bench 'Core' -count 10 ./subscription | benchstat -
var (
	sinkBool    bool
	sinkPeriodB subscription.BillingPeriod
	sinkSub     subscription.Subscription
	sinkInv     invoice.Invoice
	sinkP       period.Period
	sinkDateB   date.Date
)

func corePlan() subscription.Plan {
	return subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("29.90", invoice.EUR)},
		Retry: retry.Policy{Attempts: 3}}
}

func corePlain(b *testing.B) subscription.Subscription {
	b.Helper()
	s, err := subscription.New(subscription.Terms{Plan: corePlan(), Start: d("2015-01-31")})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// coreLog returns a subscription from 2015-01-31 with about n events: each
// month the renewal charge fails and is paid the next day, and the
// subscription is suspended and restarted within the period; every third
// month it is suspended near the end and restarted after it (a renewal),
// and every fourth month it takes a flexible pause.
func coreLog(b *testing.B, n int) subscription.Subscription {
	b.Helper()
	s := corePlain(b)
	now := s.Start()
	try := func(next subscription.Subscription, err error) {
		if err != nil {
			b.Fatalf("event %d: %v", len(slices.Collect(s.Events())), err)
		}
		s = next
	}
	for i := 0; len(slices.Collect(s.Events())) < n; i++ {
		due, ok := s.NextRenewal(now)
		if !ok {
			b.Fatalf("no renewal after %s", now)
		}
		try(s.RecordPaymentFailure(due, due))
		try(s.RecordPayment(due+1, due))
		try(s.Suspend(due+3, subscription.ByBusiness))
		try(s.Restart(due + 5))
		now = due + 5
		if i%4 == 0 {
			try(s.AddFlexiblePause(now, pause.Flexible{Days: period.Period{Start: now + 2, End: now + 6}, Reason: "injury"}))
		}
		if i%3 == 0 {
			end, _ := s.NextRenewal(now)
			try(s.Suspend(end-2, subscription.ByBusiness))
			try(s.Restart(end + 3))
			now = end + 3
		}
	}
	return s
}

func BenchmarkCorePeriodOf(b *testing.B) {
	sched := period.Schedule{Anchor: d("2015-01-31"), Every: period.Monthly}
	on := d("2025-06-15")
	b.ReportAllocs()
	for b.Loop() {
		sinkP, _, sinkBool = sched.PeriodOf(on)
	}
}

func BenchmarkCoreStateOn(b *testing.B) {
	on := d("2025-06-15")
	for _, bc := range []struct {
		name string
		s    subscription.Subscription
	}{{"plain", corePlain(b)}, {"12events", coreLog(b, 12)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkState = bc.s.StatusOn(on).State
			}
		})
	}
}

func BenchmarkCoreEntitled(b *testing.B) {
	s := corePlain(b)
	on := d("2025-06-15")
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = s.Entitled(on)
	}
}

func BenchmarkCorePeriodsOneDay(b *testing.B) {
	s := corePlain(b)
	on := d("2025-06-15")
	b.ReportAllocs()
	for b.Loop() {
		for bp := range s.Periods(period.Period{Start: on, End: on + 1}) {
			sinkPeriodB = bp
		}
	}
}

// BenchmarkCoreInvoices10Years reports the cost per invoice of ten years
// of monthly invoices, handled one at a time as a caller ranging over
// Invoices does.
func BenchmarkCoreInvoices10Years(b *testing.B) {
	s := corePlain(b)
	from, to := d("2015-01-31"), d("2025-01-31")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for inv, err := range s.Invoices(period.Period{Start: from, End: to}) {
			if err != nil {
				b.Fatal(err)
			}
			sinkInv, n = inv, n+1
		}
	}
	if n != 120 {
		b.Fatalf("%d invoices; want 120", n)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/invoice")
}

func BenchmarkCoreReplay(b *testing.B) {
	for _, n := range []int{200, 1600} {
		s := coreLog(b, n)
		terms, events := s.Terms(), slices.Collect(s.Events())
		b.Run(itoa(n)+"events", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := subscription.Replay(terms, slices.Values(events))
				if err != nil {
					b.Fatal(err)
				}
				sinkSub = r
			}
		})
	}
}

func BenchmarkCoreDecode(b *testing.B) {
	for _, bc := range []struct {
		name string
		s    subscription.Subscription
	}{{"plain", corePlain(b)}, {"21events", coreLog(b, 21)}} {
		data, err := json.Marshal(bc.s)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var s subscription.Subscription
				if err := json.Unmarshal(data, &s); err != nil {
					b.Fatal(err)
				}
				sinkSub = s
			}
		})
	}
}

// BenchmarkCoreHeld reports the heap a plain subscription holds once made:
// its own size plus the live heap bytes of 10,000 of them over 10,000.
func BenchmarkCoreHeld(b *testing.B) {
	const n = 10_000
	terms := subscription.Terms{Plan: corePlan(), Start: d("2015-01-31")}
	var held float64
	for b.Loop() {
		subs := make([]subscription.Subscription, n)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for i := range subs {
			s, err := subscription.New(terms)
			if err != nil {
				b.Fatal(err)
			}
			subs[i] = s
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = float64(after.HeapAlloc-before.HeapAlloc)/n + float64(unsafe.Sizeof(subscription.Subscription{}))
		runtime.KeepAlive(subs)
	}
	b.ReportMetric(held, "B/held")
}

func itoa(n int) string {
	b := []byte{}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func BenchmarkCoreAgendaDay(b *testing.B) {
	s := corePlain(b)
	for _, bc := range []struct {
		name string
		on   string
	}{{"nothing", "2025-06-15"}, {"renewal", "2025-06-30"}} {
		day := period.Period{Start: d(bc.on), End: d(bc.on) + 1}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for a := range s.Agenda(day) {
					sinkBool = a.Kind != 0
				}
			}
		})
	}
}

func BenchmarkCoreNextAction(b *testing.B) {
	s := corePlain(b)
	on := d("2025-06-15")
	b.ReportAllocs()
	for b.Loop() {
		sinkDateB, sinkBool = s.NextAction(on)
	}
}
