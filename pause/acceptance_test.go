package pause_test

import (
	"slices"
	"testing"
	"time"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

func day(s string) date.Date { return period.MustParseDate(s) }

func span(start, end string) period.Period {
	return period.Period{Start: day(start), End: day(end)}
}

func monthlyFrom(anchor string) period.Schedule {
	return period.Schedule{Anchor: day(anchor), Every: period.Monthly}
}

func TestAcceptance(t *testing.T) {
	t.Run("F-01-preview", func(t *testing.T) {
		s := monthlyFrom("2025-01-15")
		// Days 2025-03-10 through 2025-04-20 inclusive.
		days := span("2025-03-10", "2025-04-21")
		got := slices.Collect(pause.Touched(s.PeriodsFrom(s.Anchor), days))
		want := []pause.Touch{
			{Period: span("2025-02-15", "2025-03-15"), PausedDays: 5, Days: 28},
			{Period: span("2025-03-15", "2025-04-15"), PausedDays: 31, Days: 31},
			{Period: span("2025-04-15", "2025-05-15"), PausedDays: 6, Days: 30},
		}
		require.Equal(t, want, got)
		total := 0
		for _, tc := range got {
			total += tc.PausedDays
		}
		require.Equal(t, 42, total)
		require.Equal(t, days.Days(), total)
	})

	t.Run("P-02", func(t *testing.T) {
		card := pause.Pass{Valid: span("2025-06-01", "2025-09-01"), Sessions: 10, Used: 4}
		frozen, err := card.Freeze(date.New(2025, time.July, 1))
		require.NoError(t, err)
		require.True(t, frozen.IsFrozen())
		require.Equal(t, span("2025-06-01", "2025-07-01"), frozen.Valid)
		require.Equal(t, 62, frozen.Frozen.RemainingDays)
		require.True(t, frozen.ValidOn(day("2025-06-30")))
		require.False(t, frozen.ValidOn(day("2025-07-01")))

		back, err := frozen.Unfreeze(day("2025-10-01"))
		require.NoError(t, err)
		require.False(t, back.IsFrozen())
		require.Equal(t, span("2025-10-01", "2025-12-02"), back.Valid)
		require.Equal(t, 62, back.Valid.Days())
		left, limited := back.SessionsLeft()
		require.True(t, limited)
		require.Equal(t, 6, left)
		require.False(t, back.ValidOn(day("2025-09-30")))
		require.True(t, back.ValidOn(day("2025-12-01")))
		require.False(t, back.ValidOn(day("2025-12-02")))

		// The receiver is unchanged.
		require.Equal(t, span("2025-06-01", "2025-09-01"), card.Valid)
		require.False(t, card.IsFrozen())
	})
}
