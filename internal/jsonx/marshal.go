package jsonx

import (
	"encoding/json"
	"reflect"
)

// appendJSON appends json.Marshal(v) to b, byte for byte, without
// json.Marshal's costly second pass when it is not needed. json.Marshal
// validates and compacts the output of every MarshalJSON it calls, and
// escapes <, >, &, U+2028 and U+2029 in it; the output of a billcycle
// value is already valid and compact. So when v, or every element of the
// slice v, is a json.Marshaler whose output is plain (see isPlain), that
// output is appended as it is; anything else goes to json.Marshal.
func appendJSON(b []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(b, "null"...), nil // as json.Marshal writes any nil pointer
	}
	if m, ok := v.(json.Marshaler); ok {
		out, err := m.MarshalJSON()
		if err != nil {
			return b, &json.MarshalerError{Err: err} // as json.Marshal wraps it
		}
		if isPlain(out) {
			return append(b, out...), nil
		}
	} else if rv.Kind() == reflect.Slice && !rv.IsNil() && marshalsItself(rv.Type().Elem()) {
		if out, ok, err := appendSlice(b, rv); ok || err != nil {
			return out, err
		}
	}
	out, err := json.Marshal(v)
	return append(b, out...), err
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// marshalsItself reports whether json.Marshal encodes an element of a slice
// of t with (*T).MarshalJSON, which an element can never be nil for.
func marshalsItself(t reflect.Type) bool {
	return t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && reflect.PointerTo(t).Implements(marshalerType)
}

// appendSlice appends the slice rv element by element as json.Marshal
// writes it; ok is false, and b unchanged, if an element's output is not
// plain.
func appendSlice(b []byte, rv reflect.Value) (_ []byte, ok bool, _ error) {
	start := len(b)
	b = append(b, '[')
	for i := range rv.Len() {
		out, err := rv.Index(i).Addr().Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return b[:start], false, &json.MarshalerError{Err: err}
		}
		if !isPlain(out) {
			return b[:start], false, nil
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, out...)
	}
	return append(b, ']'), true, nil
}

// isPlain reports whether b is one valid JSON value that json.Marshal
// would copy as it is: without white space outside strings and without
// the characters it escapes.
func isPlain(b []byte) bool {
	inString := false
	for i := 0; i < len(b); i++ {
		if !notable[b[i]] {
			continue
		}
		switch b[i] {
		case '<', '>', '&':
			return false
		case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(b) && b[i+1] == 0x80 && b[i+2]&^1 == 0xA8 {
				return false
			}
		case '"':
			inString = !inString
		case '\\':
			i++ // in a string, if b is valid
		default: // white space
			if !inString {
				return false
			}
		}
	}
	end, msg := value(b, 0, 0)
	return msg == "" && end == len(b)
}

// notable holds the bytes isPlain looks at.
var notable = func() (t [256]bool) {
	for _, c := range []byte("<>&\xe2\"\\ \t\n\r") {
		t[c] = true
	}
	return t
}()
