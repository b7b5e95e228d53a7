package civil

import (
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestAgainstDateLibrary checks the day-number conversions against
// date/v2's time.Time-based ones over ±4000 years around 1970.
func TestAgainstDateLibrary(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := date.Date(rapid.Int64Range(-800_000, 2_200_000).Draw(t, "d"))
		y, m, dd := FromDate(d)
		wy, wm, wd := d.Date()
		require.Equal(t, [3]int{wy, int(wm), wd}, [3]int{y, m, dd}, "FromDate(%d)", d)
		require.Equal(t, d, ToDate(y, m, dd), "ToDate(%d, %d, %d)", y, m, dd)
	})
}

func TestDaysIn(t *testing.T) {
	tests := []struct{ year, month, want int }{
		{2024, 2, 29}, {2023, 2, 28}, {2100, 2, 28}, {2000, 2, 29}, {1900, 2, 28},
		{2021, 1, 31}, {2021, 4, 30}, {2021, 12, 31},
	}
	for _, tt := range tests {
		if got := DaysIn(tt.year, tt.month); got != tt.want {
			t.Errorf("DaysIn(%d, %d) = %d; want %d", tt.year, tt.month, got, tt.want)
		}
	}
}

func TestAddMonthsClamps(t *testing.T) {
	tests := []struct {
		y, m, d, n int
		want       string
	}{
		{2021, 1, 31, 1, "2021-02-28"},
		{2024, 1, 31, 1, "2024-02-29"},
		{2024, 1, 31, 2, "2024-03-31"},
		{2024, 2, 29, 12, "2025-02-28"},
		{2024, 2, 29, 48, "2028-02-29"},
		{2024, 3, 31, -1, "2024-02-29"},
		{2024, 1, 15, -13, "2022-12-15"},
	}
	for _, tt := range tests {
		if got := AddMonths(tt.y, tt.m, tt.d, tt.n).String(); got != tt.want {
			t.Errorf("AddMonths(%d-%02d-%02d, %d) = %s; want %s", tt.y, tt.m, tt.d, tt.n, got, tt.want)
		}
	}
}
