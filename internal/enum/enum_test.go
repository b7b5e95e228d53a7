package enum_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/internal/enum"
	"github.com/stretchr/testify/require"
)

type color uint8

const (
	red color = iota + 1
	green
	blue
)

var errColor = errors.New("paint: invalid color")

var colors = enum.New[color]("color", errColor, "red", "green", "blue")

func TestNames(t *testing.T) {
	require.Equal(t, "green", colors.String(green))
	require.Equal(t, "color(0)", colors.String(0))
	require.Equal(t, "color(4)", colors.String(4))
	require.True(t, colors.Valid(red))
	require.True(t, colors.Valid(blue))
	require.False(t, colors.Valid(0))
	require.False(t, colors.Valid(blue+1))
	require.Equal(t, "red, green or blue", colors.Words())

	b, err := colors.MarshalText(blue)
	require.NoError(t, err)
	require.Equal(t, "blue", string(b))
	_, err = colors.MarshalText(0)
	require.ErrorIs(t, err, errColor)
	require.EqualError(t, err, "paint: invalid color: color 0: want red, green or blue")

	var c color
	require.NoError(t, colors.UnmarshalText([]byte("green"), &c))
	require.Equal(t, green, c)
	err = colors.UnmarshalText([]byte("Green"), &c)
	require.ErrorIs(t, err, errColor)
	require.EqualError(t, err, `paint: invalid color: color "Green": want red, green or blue`)
	require.Equal(t, green, c, "unchanged on error")
	for _, s := range []string{"", " red", "red ", "RED", "color(1)", "1"} {
		_, err := colors.Parse(s)
		require.ErrorIs(t, err, errColor, "%q", s)
	}
	_, err = colors.Parse(strings.Repeat("x", 100))
	require.Less(t, len(err.Error()), 120, "long text is cut")
}

func TestTwoNames(t *testing.T) {
	two := enum.New[color]("pair", errColor, "a", "b")
	require.Equal(t, "a or b", two.Words())
	one := enum.New[color]("one", errColor, "a")
	require.Equal(t, "a", one.Words())
}
