package subscription_test

import (
	"slices"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

var (
	sinkTimeline subscription.Timeline
	sinkState    subscription.State
)

// benchSub returns a monthly subscription started 2015-01-01 with three
// suspensions and restarts in its first year, two of them after the period
// ended (renewals).
func benchSub(b *testing.B) subscription.Subscription {
	b.Helper()
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("29.90", invoice.EUR)}}
	s, err := subscription.New(subscription.Terms{Plan: plan, Start: d("2015-01-01")})
	if err != nil {
		b.Fatal(err)
	}
	for _, sr := range [][2]string{{"2015-02-10", "2015-02-20"}, {"2015-05-15", "2015-06-10"}, {"2015-09-03", "2015-10-20"}} {
		if s, err = s.Suspend(d(sr[0]), subscription.ByBusiness); err != nil {
			b.Fatal(err)
		}
		if s, err = s.Restart(d(sr[1])); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func BenchmarkTimeline10Years(b *testing.B) {
	s := benchSub(b)
	span := pp("2015-01-01", "2025-01-01")
	asOf := d("2020-06-15")
	b.ReportAllocs()
	for b.Loop() {
		tl, err := s.Timeline(span, asOf)
		if err != nil {
			b.Fatal(err)
		}
		sinkTimeline = tl
	}
}

func BenchmarkStateOn(b *testing.B) {
	s := benchSub(b)
	for _, bc := range []struct {
		name  string
		years int
	}{{"age=1y", 1}, {"age=100y", 100}} {
		on := d("2015-01-01").AddDate(bc.years, 0, 0)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkState = s.StatusOn(on).State
			}
		})
	}
}

func BenchmarkTimelinePauses(b *testing.B) {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("29.90", invoice.EUR)}}
	start := d("2015-01-15")
	none, err := subscription.New(subscription.Terms{Plan: plan, Start: start})
	if err != nil {
		b.Fatal(err)
	}
	paused := none
	decided := start
	for i := range 10 {
		year := date.Date(365 * i)
		if i%2 == 0 {
			// A flexible pause of 20 days in March, with a prorated override.
			days := period.Period{Start: d("2015-03-20") + year, End: d("2015-04-09") + year}
			p := pause.Flexible{Days: days, Reason: "injury"}
			paused, err = paused.AddFlexiblePause(decided, p)
		} else {
			// The whole period that holds 2015-07-20 + year.
			var w period.Period
			for bp := range paused.Periods(period.Period{Start: d("2015-07-20") + year, End: d("2015-07-21") + year}) {
				w = bp.Period
			}
			paused, err = paused.AddWholePeriodPause(decided, pause.WholePeriod{Periods: []period.Period{w}, Reason: "travel"})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	if n := len(slices.Collect(paused.Pauses(""))); n != 10 {
		b.Fatalf("%d pauses; want 10", n)
	}
	span := period.Period{Start: start, End: start.AddDate(10, 0, 0)}
	for _, bc := range []struct {
		name string
		s    subscription.Subscription
	}{{"none", none}, {"10pauses", paused}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tl, err := bc.s.Timeline(span, d("2020-06-15"))
				if err != nil {
					b.Fatal(err)
				}
				sinkTimeline = tl
			}
		})
	}
}
