package jsonx

// The constructors of optional scalars and of string maps.

// IntPtr decodes an optional integer, as Int does, into a new *int;
// absent or null leaves *p nil.
func IntPtr(name string, p **int) Field { return Field{name: name, dec: intPtrField{p}} }

type intPtrField struct{ p **int }

func (f intPtrField) UnmarshalJSON(raw []byte) error {
	n, err := integer(raw)
	if err != nil {
		return err
	}
	v := int(n)
	*f.p = &v
	return nil
}

// Int64Ptr decodes an optional integer, as Int64 does, into a new *int64;
// absent or null leaves *p nil.
func Int64Ptr(name string, p **int64) Field { return Field{name: name, dec: int64PtrField{p}} }

type int64PtrField struct{ p **int64 }

func (f int64PtrField) UnmarshalJSON(raw []byte) error {
	n, err := integer(raw)
	if err != nil {
		return err
	}
	*f.p = &n
	return nil
}

// StringMap decodes an object whose values are all strings into *p,
// refusing duplicate keys and values of another type (null included); an
// empty object decodes as nil. Errors name the key: "meta.who".
func StringMap(name string, p *map[string]string) Field {
	return Field{name: name, dec: stringMapField{p}}
}

type stringMapField struct{ p *map[string]string }

func (f stringMapField) UnmarshalJSON(raw []byte) error {
	if raw[0] != '{' {
		return typeError("an object of strings", raw)
	}
	m := members{data: raw, i: 1}
	var out map[string]string
	for {
		key, flags, more, msg := m.next()
		if msg != "" {
			return &cause{"malformed object: " + msg}
		}
		if !more {
			break
		}
		k := keyString(key, flags)
		val, msg := m.value()
		if msg != "" {
			return &cause{"malformed dec: " + msg}
		}
		if _, dup := out[k]; dup {
			return &Error{Path: cut(k), Err: &cause{"duplicate key"}}
		}
		s, err := unquote(val)
		if err != nil {
			return &Error{Path: cut(k), Err: err}
		}
		if out == nil {
			out = make(map[string]string)
		}
		out[k] = s
	}
	*f.p = out
	return nil
}

// NonEmpty writes the member json.Marshal(v), as Value does, unless v
// encodes as an empty object or array: a zero policy is left out.
func (o *Object) NonEmpty(name string, v any) {
	if o.err != nil {
		return
	}
	n := len(o.buf)
	o.key(name)
	at := len(o.buf)
	var err error
	if o.buf, err = appendJSON(o.buf, v); err != nil {
		o.err = At(name, nil, unwrapMarshaler(err))
		return
	}
	if s := string(o.buf[at:]); s == "{}" || s == "[]" || s == "null" {
		o.buf = o.buf[:n]
	}
}
