// Package jsonx is the one strict JSON decoder and encoder of the
// library's JSON forms. Every UnmarshalJSON of billcycle decodes its object
// with Decode and a list of Fields, and every MarshalJSON writes it with an
// Object.
//
// # What Decode refuses
//
//   - anything but one JSON object: an array, a string, a number;
//   - unknown fields, matched exactly (encoding/json matches "Start" to
//     "start"; Decode does not);
//   - duplicate keys (encoding/json silently keeps the last);
//   - data after the object;
//   - a value of the wrong type: a string where a number is wanted, a
//     number with a fraction or an exponent ("1.0", "1e3") or "-0" where an
//     integer is wanted, a number out of the range of int64;
//   - a required field that is absent.
//
// Each error is an *Error that names the field by its path in the document
// ("price.recurring.amount", "lines[2].period.start") and wraps the
// sentinel the calling package supplies, so that errors.Is works with the
// package's own errors, together with the cause (an invalid date wraps
// period.ErrInvalidDate, an invalid amount invoice.ErrInvalidAmount). The
// message carries one package prefix, the cause's:
//
//	period: field lines[0].period.start: invalid date "2021-02-30": day 30 is not in 2021-02
//
// # Null
//
// One policy for the whole library: JSON null is the same as the field
// being absent. An optional field keeps its zero or nil value; a required
// field that is null or absent is an error naming it. A whole document that
// is null leaves the value unchanged, as encoding/json's convention for
// UnmarshalJSON has it. An element of an array may not be null.
package jsonx

import (
	"bytes"
	"encoding"
	"encoding/json"
	"strconv"
)

// Field is one member of a JSON object that Decode accepts: its name and
// how to decode its value. Build it with String, Int, Date, Value and the
// other constructors, and mark it Required when it must be present.
type Field struct {
	name     string
	required bool
	text     bool // dec is an encoding.TextUnmarshaler of a JSON string
	// dec decodes the value: a json.Unmarshaler, a pointer-shaped one of
	// this package (storing it allocates nothing) or the caller's, unless
	// text is set.
	dec any
}

// Required returns f marked as required: Decode refuses an object where it
// is absent or null.
func (f Field) Required() Field {
	f.required = true
	return f
}

// decode decodes the raw value of f, which is not null.
func (f *Field) decode(raw []byte) error {
	if t, ok := f.dec.(encoding.TextUnmarshaler); ok && f.text {
		s, err := unquoteBytes(raw)
		if err != nil {
			return err
		}
		return t.UnmarshalText(s)
	}
	if u, ok := f.dec.(json.Unmarshaler); ok && !f.text {
		return u.UnmarshalJSON(raw)
	}
	return &cause{"a field without a decoder"} // the zero Field, a nil p: a programming error
}

// IsNull reports whether data is the JSON literal null, with or without
// surrounding white space. UnmarshalJSON methods return nil at once then.
func IsNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }

// maxFields bounds the fields of one object, so that Decode can track the
// fields seen in one word.
const maxFields = 64

// Decode decodes the JSON object data by the fields given, refusing what
// the package doc lists. Its errors are *Error values that wrap sentinel.
// The caller validates what was decoded afterwards.
func Decode(data []byte, sentinel error, fields ...Field) error {
	if len(fields) > maxFields {
		return structural(sentinel, "", "a decoder of more than 64 fields") // a programming error
	}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return structural(sentinel, "", "want a JSON object, got "+describe(data))
	}
	m := members{data: data, i: i + 1}
	var keys, present uint64 // the fields met, and those met with a value other than null
	for {
		key, flags, more, msg := m.next()
		if msg != "" {
			return structural(sentinel, "", "malformed object: "+msg)
		}
		if !more {
			break
		}
		i, name := index(fields, key, flags)
		if i < 0 {
			return structural(sentinel, cut(name), "unknown field")
		}
		raw, msg := m.value()
		if msg != "" {
			return structural(sentinel, name, "malformed value: "+msg)
		}
		bit := uint64(1) << i
		if keys&bit != 0 {
			return structural(sentinel, name, "duplicate key")
		}
		keys |= bit
		if string(raw) == "null" {
			continue // null is the same as absent
		}
		present |= bit
		if err := fields[i].decode(raw); err != nil {
			return At(name, sentinel, err)
		}
	}
	if skipSpace(data, m.i) < len(data) {
		return structural(sentinel, "", "data after the object")
	}
	for i, f := range fields {
		if f.required && present&(1<<i) == 0 {
			return structural(sentinel, f.name, "missing")
		}
	}
	return nil
}

// Unmarshal is the body of an UnmarshalJSON method: it decodes data into a
// new T by the fields that fields names on it, validates the result with
// validate (if not nil), and only then stores it in *p. A whole null leaves
// *p unchanged; on error *p is unchanged too.
//
//	func (p *Period) UnmarshalJSON(data []byte) error {
//		return jsonx.Unmarshal(data, p, ErrInvalidRange, Period.Validate, func(v *Period) []jsonx.Field {
//			return []jsonx.Field{jsonx.Date("start", &v.Start).Required(), jsonx.Date("end", &v.End).Required()}
//		})
//	}
func Unmarshal[T any](data []byte, p *T, sentinel error, validate func(T) error, fields func(v *T) []Field) error {
	if IsNull(data) {
		return nil
	}
	var v T
	if err := Decode(data, sentinel, fields(&v)...); err != nil {
		return err
	}
	if validate != nil {
		if err := validate(v); err != nil {
			return err
		}
	}
	*p = v
	return nil
}

// index returns the index of the field named by the key read by
// members.next, and the key unquoted; -1 if no field has that name.
func index(fields []Field, key []byte, flags int) (int, string) {
	if flags != 0 {
		name := keyString(key, flags)
		for i := range fields {
			if fields[i].name == name {
				return i, name
			}
		}
		return -1, name
	}
	s := key[1 : len(key)-1]
	for i := range fields {
		if fields[i].name == string(s) { // compares without allocating
			return i, fields[i].name
		}
	}
	return -1, string(s)
}

// describe names the kind of a JSON value for an error message.
func describe(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "a malformed object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return strconv.Quote(cut(string(data)))
}

// cut shortens a hostile text for an error message.
func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// each calls fn on every element of the JSON array raw, in order, naming
// the element in fn's error.
func each(raw []byte, fn func(elem []byte) error) error {
	if raw[0] != '[' {
		return typeError("an array", raw)
	}
	i := skipSpace(raw, 1)
	if i < len(raw) && raw[i] == ']' {
		return nil
	}
	for n := 0; ; n++ {
		end, msg := value(raw, i, 0)
		if msg != "" {
			return &cause{"malformed array: " + msg}
		}
		elem := raw[i:end]
		if string(elem) == "null" {
			return &Error{Path: at(n), Err: &cause{"null element"}}
		}
		if err := fn(elem); err != nil {
			return join(at(n), err)
		}
		if i = skipSpace(raw, end); i >= len(raw) {
			return &cause{"malformed array: " + textUnexpectedEOF}
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case ']':
			return nil
		default:
			return &cause{"malformed array: " + bad(raw[i], " after array element")}
		}
	}
}

// at names the element n of an array.
func at(n int) string { return "[" + strconv.Itoa(n) + "]" }
