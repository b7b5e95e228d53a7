package civil

import (
	"errors"
	"testing"
	"time"

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

func TestBounds(t *testing.T) {
	require.Equal(t, date.New(1, time.January, 1), MinDate)
	require.Equal(t, date.New(9999, time.December, 31), MaxDate)
	require.NoError(t, CheckDate(MinDate))
	require.NoError(t, CheckDate(MaxDate))
	require.ErrorIs(t, CheckDate(MinDate-1), ErrInvalidDate)
	require.ErrorIs(t, CheckDate(MaxDate+1), ErrInvalidDate)
	require.False(t, InBounds(MaxDate+1))
	require.True(t, InBounds(MaxDate))
}

func TestParseDate(t *testing.T) {
	good := map[string]date.Date{
		"0001-01-01": MinDate,
		"9999-12-31": MaxDate,
		"2024-02-29": date.New(2024, time.February, 29),
		"2000-02-29": date.New(2000, time.February, 29),
		"2021-12-31": date.New(2021, time.December, 31),
	}
	for s, want := range good {
		got, err := ParseDate(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
	for _, s := range []string{
		"", "2021-02-30", "2021-13-01", "2023-02-29", "1900-02-29", "0000-01-01", "2021-00-10",
		"2021-01-00", "02/01/2021", "2021-1-01", "+2021-01-01", "2021-01-01T00:00:00Z",
		" 2021-01-01", "2021-01-0a", "１２３４-01-01", "2021_01_01", "10000-01-01",
		"this text is long enough to be cut in the error message, surely",
	} {
		_, err := ParseDate(s)
		require.ErrorIs(t, err, ErrInvalidDate, "%q", s)
	}
}

// TestAppendDate checks that every date in bounds writes the text that
// ParseDate reads back, and that dates out of bounds are refused.
func TestAppendDate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := date.Date(rapid.Int64Range(int64(MinDate), int64(MaxDate)).Draw(t, "d"))
		b, err := AppendDate([]byte("x"), d)
		require.NoError(t, err)
		require.Equal(t, "x"+d.String(), string(b))
		back, err := ParseDate(string(b[1:]))
		require.NoError(t, err)
		require.Equal(t, d, back)
	})
	for _, d := range []date.Date{MinDate - 1, MaxDate + 1, date.Date(-1 << 62)} {
		b, err := AppendDate(nil, d)
		require.True(t, errors.Is(err, ErrInvalidDate), "AppendDate(%d)", d)
		require.Empty(t, b)
	}
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

func TestFloorDiv(t *testing.T) {
	for _, tt := range []struct{ a, b, want int64 }{{7, 2, 3}, {-7, 2, -4}, {-8, 2, -4}, {0, 5, 0}, {-1, 12, -1}} {
		require.Equal(t, tt.want, FloorDiv(tt.a, tt.b), "FloorDiv(%d, %d)", tt.a, tt.b)
	}
}
