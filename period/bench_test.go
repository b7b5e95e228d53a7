package period_test

import (
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Sinks keep the compiler from optimising benchmarked calls away.
var (
	sinkPeriod period.Period
	sinkIndex  int
	sinkOK     bool
	sinkDate   date.Date
)

func BenchmarkPeriodOf(b *testing.B) {
	anchor := day("2024-01-31")
	for _, every := range []struct {
		name string
		r    period.Recurrence
	}{{"monthly", period.Monthly}, {"weekly", period.Weekly}} {
		s := period.Schedule{Anchor: anchor, Every: every.r}
		for _, years := range []int{1, 10, 100} {
			d := anchor.AddDate(years, 0, 10)
			b.Run(every.name+"/"+itoa(years)+"y", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkPeriod, sinkIndex, sinkOK = s.PeriodOf(d)
				}
			})
		}
	}
}

func itoa(n int) string {
	switch n {
	case 1:
		return "1"
	case 10:
		return "10"
	}
	return "100"
}

// BenchmarkPeriods120Monthly ranges over the 120 periods of a ten-year
// monthly schedule.
func BenchmarkPeriods120Monthly(b *testing.B) {
	s := period.Schedule{Anchor: day("2024-01-31"), Every: period.Monthly}
	from, to := s.Anchor, s.Anchor.AddDate(10, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for p := range s.Periods(spanOf(from, to)) {
			sinkPeriod = p
			n++
		}
		if n != 120 {
			b.Fatalf("ranged over %d periods; want 120", n)
		}
	}
}

// BenchmarkFloorAddDate is one date.Date.AddDate(0, 1, 0) call: the floor a
// monthly lookup is measured against.
func BenchmarkFloorAddDate(b *testing.B) {
	d := day("2024-01-31")
	b.ReportAllocs()
	for b.Loop() {
		sinkDate = d.AddDate(0, 1, 0)
	}
}
