package jsonx

import (
	"encoding"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// The constructors of Fields, one per kind of value.

// String decodes a JSON string into *p.
func String(name string, p *string) Field {
	return StringFunc(name, func(s string) error {
		*p = s
		return nil
	})
}

// StringFunc decodes a JSON string and hands it to fn, which parses it.
func StringFunc(name string, fn func(s string) error) Field {
	return Field{name: name, decode: func(raw []byte) error {
		s, err := unquote(raw)
		if err != nil {
			return err
		}
		return fn(s)
	}}
}

// unquote returns the JSON string raw, or an error if raw is not a string.
func unquote(raw []byte) (string, error) {
	if raw[0] != '"' {
		return "", typeError("a string", raw)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", typeError("a string", raw)
	}
	return s, nil
}

// Bool decodes true or false into *p.
func Bool(name string, p *bool) Field {
	return Field{name: name, decode: func(raw []byte) error {
		switch string(raw) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			return typeError("true or false", raw)
		}
		return nil
	}}
}

// Int decodes an integer into *p: digits with an optional minus sign, no
// fraction, no exponent, no "-0", within the range of int.
func Int(name string, p *int) Field {
	return Field{name: name, decode: func(raw []byte) error {
		n, err := integer(raw)
		if err != nil {
			return err
		}
		*p = int(n)
		return nil
	}}
}

// Int64 decodes an integer into *p, as Int does.
func Int64(name string, p *int64) Field {
	return Field{name: name, decode: func(raw []byte) error {
		n, err := integer(raw)
		if err != nil {
			return err
		}
		*p = n
		return nil
	}}
}

// Ints decodes an array of integers into *p (see Int); an empty array
// decodes as nil.
func Ints(name string, p *[]int) Field {
	return Field{name: name, decode: func(raw []byte) error {
		var out []int
		err := each(raw, func(elem []byte) error {
			n, err := integer(elem)
			out = append(out, int(n))
			return err
		})
		if err != nil {
			return err
		}
		*p = out
		return nil
	}}
}

// integer parses a JSON integer strictly.
func integer(raw []byte) (int64, error) {
	s := string(raw)
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" || (len(digits) > 1 && digits[0] == '0') || s == "-0" {
		return 0, typeError("an integer", raw)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, &cause{"integer " + cut(s) + " is out of the range of int64"}
	}
	return n, nil
}

// Date decodes a strict "YYYY-MM-DD" date within 0001-01-01 … 9999-12-31
// into *p; a bad date is an error wrapping period.ErrInvalidDate.
func Date(name string, p *date.Date) Field {
	return StringFunc(name, func(s string) error {
		d, err := civil.ParseDate(s)
		if err != nil {
			return err
		}
		*p = d
		return nil
	})
}

// DatePtr decodes an optional date, as Date does, into a new *date.Date;
// absent or null leaves *p nil.
func DatePtr(name string, p **date.Date) Field {
	var d date.Date
	f := Date(name, &d)
	decode := f.decode
	f.decode = func(raw []byte) error {
		if err := decode(raw); err != nil {
			return err
		}
		v := d
		*p = &v
		return nil
	}
	return f
}

// Text decodes a JSON string with p's UnmarshalText.
func Text(name string, p encoding.TextUnmarshaler) Field {
	return StringFunc(name, func(s string) error { return p.UnmarshalText([]byte(s)) })
}

// Value decodes a nested value with p's UnmarshalJSON.
func Value(name string, p json.Unmarshaler) Field {
	return Field{name: name, decode: p.UnmarshalJSON}
}

// unmarshaler is *T when *T implements json.Unmarshaler.
type unmarshaler[T any] interface {
	*T
	json.Unmarshaler
}

// Ptr decodes an optional nested value into a new *T with its
// UnmarshalJSON; absent or null leaves *p nil.
func Ptr[T any, PT unmarshaler[T]](name string, p **T) Field {
	return Field{name: name, decode: func(raw []byte) error {
		v := new(T)
		if err := PT(v).UnmarshalJSON(raw); err != nil {
			return err
		}
		*p = v
		return nil
	}}
}

// Slice decodes an array whose elements decode with *T's UnmarshalJSON.
// An empty array decodes as nil; a null element is an error. Errors name
// the element: "lines[2].amount".
func Slice[T any, PT unmarshaler[T]](name string, p *[]T) Field {
	return Field{name: name, decode: func(raw []byte) error {
		var out []T
		err := each(raw, func(elem []byte) error {
			var v T
			err := PT(&v).UnmarshalJSON(elem)
			out = append(out, v)
			return err
		})
		if err != nil {
			return err
		}
		*p = out
		return nil
	}}
}
