package jsonx

import (
	"encoding"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// Object writes one JSON object, member by member, in the order of the
// calls; the first error stops it and Bytes returns it. The zero Object is
// ready to use:
//
//	var o jsonx.Object
//	o.Date("start", p.Start)
//	o.Date("end", p.End)
//	return o.Bytes()
type Object struct {
	buf []byte
	err error
}

// key writes the separator and the member's name.
func (o *Object) key(name string) {
	if len(o.buf) == 0 { // nil, or emptied by NonEmpty
		if o.buf == nil {
			o.buf = make([]byte, 0, 64)
		}
		o.buf = append(o.buf, '{')
	} else {
		o.buf = append(o.buf, ',')
	}
	o.buf = appendString(o.buf, name)
	o.buf = append(o.buf, ':')
}

// String writes a string member.
func (o *Object) String(name, v string) {
	if o.err != nil {
		return
	}
	o.key(name)
	o.buf = appendString(o.buf, v)
}

// Int writes an integer member.
func (o *Object) Int(name string, v int64) {
	if o.err != nil {
		return
	}
	o.key(name)
	o.buf = strconv.AppendInt(o.buf, v, 10)
}

// Bool writes a boolean member.
func (o *Object) Bool(name string, v bool) {
	if o.err != nil {
		return
	}
	o.key(name)
	o.buf = strconv.AppendBool(o.buf, v)
}

// Date writes a "YYYY-MM-DD" member; a date outside 0001-01-01 …
// 9999-12-31 is an error wrapping period.ErrInvalidDate, naming the field.
func (o *Object) Date(name string, d date.Date) {
	if o.err != nil {
		return
	}
	if err := civil.CheckDate(d); err != nil {
		o.err = At(name, nil, err)
		return
	}
	o.key(name)
	o.buf = append(o.buf, '"')
	o.buf, _ = civil.AppendDate(o.buf, d)
	o.buf = append(o.buf, '"')
}

// Text writes the member v.MarshalText() as a string.
func (o *Object) Text(name string, v encoding.TextMarshaler) {
	if o.err != nil {
		return
	}
	b, err := v.MarshalText()
	if err != nil {
		o.err = At(name, nil, err)
		return
	}
	o.key(name)
	o.buf = appendString(o.buf, string(b))
}

// Value writes the member json.Marshal(v), for nested values and slices.
func (o *Object) Value(name string, v any) {
	if o.err != nil {
		return
	}
	o.key(name)
	var err error
	if o.buf, err = appendJSON(o.buf, v); err != nil {
		o.err = At(name, nil, unwrapMarshaler(err))
	}
}

// unwrapMarshaler returns the error of a MarshalJSON or MarshalText that
// json.Marshal wrapped in a *json.MarshalerError, so that the message keeps
// one prefix.
func unwrapMarshaler(err error) error {
	if m, ok := err.(*json.MarshalerError); ok {
		return m.Unwrap()
	}
	return err
}

// Bytes returns the object, or the first error met.
func (o *Object) Bytes() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	if len(o.buf) == 0 {
		return []byte("{}"), nil
	}
	return append(o.buf, '}'), nil
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		q, _ := json.Marshal(s) // replaces invalid bytes with U+FFFD
		return append(b, q...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
