package jsonx

import (
	"bytes"
	"encoding/json"
	"io"
)

// The constructors of optional scalars and of string maps.

// IntPtr decodes an optional integer, as Int does, into a new *int;
// absent or null leaves *p nil.
func IntPtr(name string, p **int) Field {
	return Field{name: name, decode: func(raw []byte) error {
		n, err := integer(raw)
		if err != nil {
			return err
		}
		v := int(n)
		*p = &v
		return nil
	}}
}

// Int64Ptr decodes an optional integer, as Int64 does, into a new *int64;
// absent or null leaves *p nil.
func Int64Ptr(name string, p **int64) Field {
	return Field{name: name, decode: func(raw []byte) error {
		n, err := integer(raw)
		if err != nil {
			return err
		}
		*p = &n
		return nil
	}}
}

// StringMap decodes an object whose values are all strings into *p,
// refusing duplicate keys and values of another type (null included); an
// empty object decodes as nil. Errors name the key: "meta.who".
func StringMap(name string, p *map[string]string) Field {
	return Field{name: name, decode: func(raw []byte) error {
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
			s, err := unquote(val)
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

// NonEmpty writes the member json.Marshal(v), as Value does, unless v
// encodes as an empty object or array: a zero policy is left out.
func (o *Object) NonEmpty(name string, v any) {
	if o.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		o.err = At(name, nil, unwrapMarshaler(err))
		return
	}
	if s := string(b); s == "{}" || s == "[]" || s == "null" {
		return
	}
	o.key(name)
	o.buf = append(o.buf, b...)
}
