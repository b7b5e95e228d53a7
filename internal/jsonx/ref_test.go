package jsonx

// The decoder as it was before the scanner (commit a95328a), kept as the
// oracle of the differential tests: the same documents must give the same
// values and the same errors, word for word. Only the names changed.

import (
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

type refField struct {
	name     string
	required bool
	decode   func(raw []byte) error
}

func (f refField) Required() refField {
	f.required = true
	return f
}

// refDecode decodes the JSON object data by the fields given, refusing what
// the package doc lists. Its errors are *Error values that wrap sentinel.
// The caller validates what was decoded afterwards.
func refDecode(data []byte, sentinel error, fields ...refField) error {
	if len(fields) > maxFields {
		return structural(sentinel, "", "a decoder of more than 64 fields") // a programming error
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return structural(sentinel, "", "want a JSON object, got "+describe(data))
	}
	var keys, present uint64 // the fields met, and those met with a value other than null
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return structural(sentinel, "", "malformed object: "+err.Error())
		}
		key, _ := tok.(string)
		i := refIndex(fields, key)
		if i < 0 {
			return structural(sentinel, cut(key), "unknown field")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return structural(sentinel, key, "malformed value: "+err.Error())
		}
		bit := uint64(1) << i
		if keys&bit != 0 {
			return structural(sentinel, key, "duplicate key")
		}
		keys |= bit
		if string(raw) == "null" {
			continue // null is the same as absent
		}
		present |= bit
		if err := fields[i].decode(raw); err != nil {
			return At(key, sentinel, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return structural(sentinel, "", "malformed object: "+err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return structural(sentinel, "", "data after the object")
	}
	for i, f := range fields {
		if f.required && present&(1<<i) == 0 {
			return structural(sentinel, f.name, "missing")
		}
	}
	return nil
}

func refIndex(fields []refField, key string) int {
	for i := range fields {
		if fields[i].name == key {
			return i
		}
	}
	return -1
}

// refEach calls fn on every element of the JSON array raw, in order, naming
// the element in fn's error.
func refEach(raw []byte, fn func(elem []byte) error) error {
	if raw[0] != '[' {
		return typeError("an array", raw)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return typeError("an array", raw)
	}
	for i := 0; dec.More(); i++ {
		var elem json.RawMessage
		if err := dec.Decode(&elem); err != nil {
			return &cause{"malformed array: " + err.Error()}
		}
		at := "[" + strconv.Itoa(i) + "]"
		if string(elem) == "null" {
			return &Error{Path: at, Err: &cause{"null element"}}
		}
		if err := fn(elem); err != nil {
			return join(at, err)
		}
	}
	return nil
}

// refString decodes a JSON string into *p.
func refString(name string, p *string) refField {
	return refStringFunc(name, func(s string) error {
		*p = s
		return nil
	})
}

// refStringFunc decodes a JSON string and hands it to fn, which parses it.
func refStringFunc(name string, fn func(s string) error) refField {
	return refField{name: name, decode: func(raw []byte) error {
		s, err := refUnquote(raw)
		if err != nil {
			return err
		}
		return fn(s)
	}}
}

// refUnquote returns the JSON string raw, or an error if raw is not a string.
func refUnquote(raw []byte) (string, error) {
	if raw[0] != '"' {
		return "", typeError("a string", raw)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", typeError("a string", raw)
	}
	return s, nil
}

// refBool decodes true or false into *p.
func refBool(name string, p *bool) refField {
	return refField{name: name, decode: func(raw []byte) error {
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

// refInt decodes an integer into *p: digits with an optional minus sign, no
// fraction, no exponent, no "-0", within the range of int.
func refInt(name string, p *int) refField {
	return refField{name: name, decode: func(raw []byte) error {
		n, err := refInteger(raw)
		if err != nil {
			return err
		}
		*p = int(n)
		return nil
	}}
}

// refInt64 decodes an integer into *p, as refInt does.
func refInt64(name string, p *int64) refField {
	return refField{name: name, decode: func(raw []byte) error {
		n, err := refInteger(raw)
		if err != nil {
			return err
		}
		*p = n
		return nil
	}}
}

// refInts decodes an array of integers into *p (see refInt); an empty array
// decodes as nil.
func refInts(name string, p *[]int) refField {
	return refField{name: name, decode: func(raw []byte) error {
		var out []int
		err := refEach(raw, func(elem []byte) error {
			n, err := refInteger(elem)
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

// refInteger parses a JSON integer strictly.
func refInteger(raw []byte) (int64, error) {
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

// refDate decodes a strict "YYYY-MM-DD" date within 0001-01-01 … 9999-12-31
// into *p; a bad date is an error wrapping period.ErrInvalidDate.
func refDate(name string, p *date.Date) refField {
	return refStringFunc(name, func(s string) error {
		d, err := civil.ParseDate(s)
		if err != nil {
			return err
		}
		*p = d
		return nil
	})
}

// refDatePtr decodes an optional date, as refDate does, into a new *date.Date;
// absent or null leaves *p nil.
func refDatePtr(name string, p **date.Date) refField {
	var d date.Date
	f := refDate(name, &d)
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

// refText decodes a JSON string with p's UnmarshalText.
func refText(name string, p encoding.TextUnmarshaler) refField {
	return refStringFunc(name, func(s string) error { return p.UnmarshalText([]byte(s)) })
}

// refValue decodes a nested value with p's UnmarshalJSON.
func refValue(name string, p json.Unmarshaler) refField {
	return refField{name: name, decode: p.UnmarshalJSON}
}

// refUnmarshaler is *T when *T implements json.Unmarshaler.
type refUnmarshaler[T any] interface {
	*T
	json.Unmarshaler
}

// refPtr decodes an optional nested value into a new *T with its
// UnmarshalJSON; absent or null leaves *p nil.
func refPtr[T any, PT refUnmarshaler[T]](name string, p **T) refField {
	return refField{name: name, decode: func(raw []byte) error {
		v := new(T)
		if err := PT(v).UnmarshalJSON(raw); err != nil {
			return err
		}
		*p = v
		return nil
	}}
}

// refSlice decodes an array whose elements decode with *T's UnmarshalJSON.
// An empty array decodes as nil; a null element is an error. Errors name
// the element: "lines[2].amount".
func refSlice[T any, PT refUnmarshaler[T]](name string, p *[]T) refField {
	return refField{name: name, decode: func(raw []byte) error {
		var out []T
		err := refEach(raw, func(elem []byte) error {
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

// refIntPtr decodes an optional integer, as refInt does, into a new *int;
// absent or null leaves *p nil.
func refIntPtr(name string, p **int) refField {
	return refField{name: name, decode: func(raw []byte) error {
		n, err := refInteger(raw)
		if err != nil {
			return err
		}
		v := int(n)
		*p = &v
		return nil
	}}
}

// refInt64Ptr decodes an optional integer, as refInt64 does, into a new *int64;
// absent or null leaves *p nil.
func refInt64Ptr(name string, p **int64) refField {
	return refField{name: name, decode: func(raw []byte) error {
		n, err := refInteger(raw)
		if err != nil {
			return err
		}
		*p = &n
		return nil
	}}
}

// refStringMap decodes an object whose values are all strings into *p,
// refusing duplicate keys and values of another type (null included); an
// empty object decodes as nil. Errors name the key: "meta.who".
func refStringMap(name string, p *map[string]string) refField {
	return refField{name: name, decode: func(raw []byte) error {
		if raw[0] != '{' {
			return typeError("an object of strings", raw)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		if _, err := dec.Token(); err != nil {
			return typeError("an object of strings", raw)
		}
		var out map[string]string
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return &cause{"malformed object: " + err.Error()}
			}
			key, _ := tok.(string)
			var val json.RawMessage
			if err := dec.Decode(&val); err != nil {
				return &cause{"malformed value: " + err.Error()}
			}
			if _, dup := out[key]; dup {
				return &Error{Path: cut(key), Err: &cause{"duplicate key"}}
			}
			s, err := refUnquote(val)
			if err != nil {
				return &Error{Path: cut(key), Err: err}
			}
			if out == nil {
				out = make(map[string]string)
			}
			out[key] = s
		}
		if _, err := dec.Token(); err != nil && err != io.EOF {
			return &cause{"malformed object: " + err.Error()}
		}
		*p = out
		return nil
	}}
}
