// Package enum gives the library's enums — small unsigned types whose
// constants start at one, so that a forgotten field (zero) is invalid —
// their text forms from one table of names.
//
// A package declares the type, its constants and one table:
//
//	type Unit uint8
//
//	const (
//		Day Unit = iota + 1
//		Week
//	)
//
//	var unitNames = enum.New[Unit]("unit", ErrInvalidUnit, "day", "week")
//
//	func (u Unit) String() string                 { return unitNames.String(u) }
//	func (u Unit) Valid() bool                    { return unitNames.Valid(u) }
//	func (u Unit) MarshalText() ([]byte, error)   { return unitNames.MarshalText(u) }
//	func (u *Unit) UnmarshalText(b []byte) error  { return unitNames.UnmarshalText(b, u) }
//
// The names are given in the order of the constants, the first for value 1.
// String prints an invalid value as "unit(7)"; MarshalText refuses it and
// UnmarshalText refuses any other text with an error that wraps the
// package's sentinel, names the enum and the bad text, and lists the valid
// words: `period: invalid unit: unit "fortnight": want day or week`.
package enum

import (
	"fmt"
	"strconv"
	"strings"
)

// Names is the table of text forms of the enum E. Build it once with New;
// it is read-only afterwards, and safe for concurrent use.
type Names[E ~uint8] struct {
	what     string   // the enum's name in messages: "unit", "line kind"
	sentinel error    // what errors wrap
	names    []string // names[i] is the text of value i+1
	want     string   // "day, week, month or year"
}

// New returns the table of the enum E named what (in messages), whose
// values 1, 2, … are written names[0], names[1], …; errors wrap sentinel.
func New[E ~uint8](what string, sentinel error, names ...string) Names[E] {
	want := strings.Join(names, ", ")
	if i := strings.LastIndex(want, ", "); i >= 0 {
		want = want[:i] + " or " + want[i+2:]
	}
	return Names[E]{what: what, sentinel: sentinel, names: names, want: want}
}

// Valid reports whether v is one of the enum's values, 1 to len(names).
func (n Names[E]) Valid(v E) bool { return v >= 1 && int(v) <= len(n.names) }

// String returns the name of v, or what(v) — "unit(7)" — for an invalid v.
func (n Names[E]) String(v E) string {
	if n.Valid(v) {
		return n.names[v-1]
	}
	return n.what + "(" + strconv.Itoa(int(v)) + ")"
}

// Words returns the valid words as a message lists them: "day, week, month
// or year".
func (n Names[E]) Words() string { return n.want }

// MarshalText returns the name of v, or an error wrapping the sentinel for
// an invalid v.
func (n Names[E]) MarshalText(v E) ([]byte, error) {
	if !n.Valid(v) {
		return nil, fmt.Errorf("%w: %s %d: want %s", n.sentinel, n.what, uint8(v), n.want)
	}
	return []byte(n.names[v-1]), nil
}

// Parse returns the value named s, exactly (case matters), or an error
// wrapping the sentinel that names the enum, quotes s and lists the valid
// words.
func (n Names[E]) Parse(s string) (E, error) {
	for i, name := range n.names {
		if name == s {
			return E(i + 1), nil
		}
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return 0, fmt.Errorf("%w: %s %q: want %s", n.sentinel, n.what, s, n.want)
}

// UnmarshalText sets *v to the value named text (see Parse). On error *v is
// left unchanged.
func (n Names[E]) UnmarshalText(text []byte, v *E) error {
	x, err := n.Parse(string(text))
	if err != nil {
		return err
	}
	*v = x
	return nil
}
