package jsonx

import (
	"encoding"
	"encoding/json"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// The constructors of Fields, one per kind of value. Each stores its
// destination in a decoder of one pointer, so that building a Field
// allocates nothing.

// String decodes a JSON string into *p.
func String(name string, p *string) Field { return Field{name: name, dec: stringField{p}} }

type stringField struct{ p *string }

func (f stringField) UnmarshalJSON(raw []byte) error {
	s, err := unquote(raw)
	if err != nil {
		return err
	}
	*f.p = s
	return nil
}

// StringFunc decodes a JSON string and hands it to fn, which parses it.
func StringFunc(name string, fn func(s string) error) Field {
	return Field{name: name, dec: stringFunc(fn)}
}

type stringFunc func(s string) error

func (fn stringFunc) UnmarshalJSON(raw []byte) error {
	s, err := unquote(raw)
	if err != nil {
		return err
	}
	return fn(s)
}

// Bool decodes true or false into *p.
func Bool(name string, p *bool) Field { return Field{name: name, dec: boolField{p}} }

type boolField struct{ p *bool }

func (f boolField) UnmarshalJSON(raw []byte) error {
	switch string(raw) {
	case "true":
		*f.p = true
	case "false":
		*f.p = false
	default:
		return typeError("true or false", raw)
	}
	return nil
}

// Int decodes an integer into *p: digits with an optional minus sign, no
// fraction, no exponent, no "-0", within the range of int.
func Int(name string, p *int) Field { return Field{name: name, dec: intField{p}} }

type intField struct{ p *int }

func (f intField) UnmarshalJSON(raw []byte) error {
	n, err := integer(raw)
	if err != nil {
		return err
	}
	*f.p = int(n)
	return nil
}

// Int64 decodes an integer into *p, as Int does.
func Int64(name string, p *int64) Field { return Field{name: name, dec: int64Field{p}} }

type int64Field struct{ p *int64 }

func (f int64Field) UnmarshalJSON(raw []byte) error {
	n, err := integer(raw)
	if err != nil {
		return err
	}
	*f.p = n
	return nil
}

// Ints decodes an array of integers into *p (see Int); an empty array
// decodes as nil.
func Ints(name string, p *[]int) Field { return Field{name: name, dec: intsField{p}} }

type intsField struct{ p *[]int }

func (f intsField) UnmarshalJSON(raw []byte) error {
	var out []int
	err := each(raw, func(elem []byte) error {
		n, err := integer(elem)
		out = append(out, int(n))
		return err
	})
	if err != nil {
		return err
	}
	*f.p = out
	return nil
}

// integer parses a JSON integer strictly.
func integer(raw []byte) (int64, error) {
	digits, neg := raw, len(raw) > 0 && raw[0] == '-'
	if neg {
		digits = raw[1:]
	}
	if len(digits) == 0 || digits[0] == '0' && (len(digits) > 1 || neg) {
		return 0, typeError("an integer", raw)
	}
	for _, c := range digits {
		if !isDigit(c) {
			return 0, typeError("an integer", raw)
		}
	}
	limit := uint64(1<<63 - 1)
	if neg {
		limit++
	}
	var n uint64
	for _, c := range digits {
		d := uint64(c - '0')
		if n > (limit-d)/10 {
			return 0, &cause{"integer " + cut(string(raw)) + " is out of the range of int64"}
		}
		n = n*10 + d
	}
	if neg {
		return -int64(n), nil // -(1<<63) when n is 1<<63
	}
	return int64(n), nil
}

// Date decodes a strict "YYYY-MM-DD" date within 0001-01-01 … 9999-12-31
// into *p; a bad date is an error wrapping period.ErrInvalidDate.
func Date(name string, p *date.Date) Field { return Field{name: name, dec: dateField{p}} }

type dateField struct{ p *date.Date }

func (f dateField) UnmarshalJSON(raw []byte) error {
	s, err := unquote(raw)
	if err != nil {
		return err
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		return err
	}
	*f.p = d
	return nil
}

// DatePtr decodes an optional date, as Date does, into a new *date.Date;
// absent or null leaves *p nil.
func DatePtr(name string, p **date.Date) Field { return Field{name: name, dec: datePtrField{p}} }

type datePtrField struct{ p **date.Date }

func (f datePtrField) UnmarshalJSON(raw []byte) error {
	var d date.Date
	if err := (dateField{&d}).UnmarshalJSON(raw); err != nil {
		return err
	}
	*f.p = &d
	return nil
}

// Text decodes a JSON string with p's UnmarshalText.
func Text(name string, p encoding.TextUnmarshaler) Field {
	return Field{name: name, text: true, dec: p}
}

// Value decodes a nested value with p's UnmarshalJSON.
func Value(name string, p json.Unmarshaler) Field { return Field{name: name, dec: p} }

// unmarshaler is *T when *T implements json.Unmarshaler.
type unmarshaler[T any] interface {
	*T
	json.Unmarshaler
}

// Ptr decodes an optional nested value into a new *T with its
// UnmarshalJSON; absent or null leaves *p nil.
func Ptr[T any, PT unmarshaler[T]](name string, p **T) Field {
	return Field{name: name, dec: ptrField[T, PT]{p}}
}

type ptrField[T any, PT unmarshaler[T]] struct{ p **T }

func (f ptrField[T, PT]) UnmarshalJSON(raw []byte) error {
	v := new(T)
	if err := PT(v).UnmarshalJSON(raw); err != nil {
		return err
	}
	*f.p = v
	return nil
}

// Slice decodes an array whose elements decode with *T's UnmarshalJSON.
// An empty array decodes as nil; a null element is an error. Errors name
// the element: "lines[2].amount".
func Slice[T any, PT unmarshaler[T]](name string, p *[]T) Field {
	return Field{name: name, dec: sliceField[T, PT]{p}}
}

type sliceField[T any, PT unmarshaler[T]] struct{ p *[]T }

func (f sliceField[T, PT]) UnmarshalJSON(raw []byte) error {
	var out []T
	err := each(raw, func(elem []byte) error {
		var zero T
		out = append(out, zero)
		return PT(&out[len(out)-1]).UnmarshalJSON(elem) // in place: no copy of T
	})
	if err != nil {
		return err
	}
	*f.p = out
	return nil
}
