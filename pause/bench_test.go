package pause_test

import (
	"testing"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
)

func BenchmarkTouched(b *testing.B) {
	s := period.Schedule{Anchor: period.MustParseDate("2025-01-15"), Every: period.Monthly}
	days := period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-04-21")}
	b.Run("F-01", func(b *testing.B) {
		for b.Loop() {
			pause.Touched(s.PeriodsFrom(days.Start), days)
		}
	})
	b.Run("year of weekly periods", func(b *testing.B) {
		w := period.Schedule{Anchor: s.Anchor, Every: period.Recurrence{Every: 1, Unit: period.Week}}
		year := period.Period{Start: s.Anchor, End: period.MustParseDate("2026-01-15")}
		for b.Loop() {
			pause.Touched(w.PeriodsFrom(year.Start), year)
		}
	})
}
