package jsonx

import (
	"unicode/utf16"
	"unicode/utf8"
)

// members reads the members of one JSON object as encoding/json's Decoder
// reads them with Token and Decode, and with its words for what is
// malformed: the separator and the key with next, then the colon and the
// value with value. The zero members is not ready: set data and i, the
// index after the opening brace.
type members struct {
	data []byte
	i    int // the index after what was read
	n    int // the keys read
	// depth is the nesting of the object, for the bound on the nesting of
	// its values: 0, as Decoder.Decode counts from each value it reads.
	depth int
}

// next reads the separator before the next member and its key. It returns
// the key with its quotes and its flags; more is false after the closing
// brace; msg is the text of a malformed object.
func (m *members) next() (key []byte, flags int, more bool, msg string) {
	i := skipSpace(m.data, m.i)
	if i >= len(m.data) {
		return nil, 0, false, textEOF
	}
	switch c := m.data[i]; {
	case c == '}':
		m.i = i + 1
		return nil, 0, false, ""
	case m.n > 0 && c != ',':
		return nil, 0, false, bad(c, " after object key:value pair")
	case m.n > 0:
		if i = skipSpace(m.data, i+1); i >= len(m.data) {
			return nil, 0, false, textEOF
		}
		if c = m.data[i]; c != '"' {
			return nil, 0, false, bad(c, " looking for beginning of object key string")
		}
	case c != '"':
		return nil, 0, false, bad(c, "") // Decoder.Token gives no context here
	}
	end, flags, msg := str(m.data, i)
	if msg != "" {
		return nil, 0, false, msg
	}
	m.i, m.n = end, m.n+1
	return m.data[i:end], flags, true, ""
}

// value reads the colon after a key and the value after it; msg is the
// text of a malformed value.
func (m *members) value() (raw []byte, msg string) {
	i := skipSpace(m.data, m.i)
	if i >= len(m.data) {
		return nil, textEOF
	}
	if m.data[i] != ':' {
		return nil, "expected colon after object key"
	}
	if i = skipSpace(m.data, i+1); i >= len(m.data) {
		return nil, textEOF
	}
	end, msg := value(m.data, i, m.depth)
	if msg != "" {
		return nil, msg
	}
	m.i = end
	return m.data[i:end], ""
}

// keyString returns the key read by next, unquoted.
func keyString(key []byte, flags int) string {
	s := key[1 : len(key)-1]
	if flags&escaped == 0 && (flags&nonASCII == 0 || utf8.Valid(s)) {
		return string(s)
	}
	b, _ := appendUnquoted(nil, s)
	return string(b)
}

// unquote returns the JSON string raw, or an error if raw is not a string.
func unquote(raw []byte) (string, error) {
	s, err := content(raw)
	if err != nil || isPlainString(s) {
		return string(s), err
	}
	var buf [64]byte // most strings fit: one allocation, the string's
	b, ok := appendUnquoted(buf[:0], s)
	if !ok {
		return "", typeError("a string", raw)
	}
	return string(b), nil
}

// unquoteBytes returns the JSON string raw unquoted: a part of raw when it
// needs no change, else a new slice. It decodes as encoding/json does: an
// invalid byte or a lone surrogate becomes U+FFFD.
func unquoteBytes(raw []byte) ([]byte, error) {
	s, err := content(raw)
	if err != nil || isPlainString(s) {
		return s, err
	}
	b, ok := appendUnquoted(make([]byte, 0, len(s)+utf8.UTFMax), s)
	if !ok {
		return nil, typeError("a string", raw)
	}
	return b, nil
}

// content returns what is between the quotes of the JSON string raw.
func content(raw []byte) ([]byte, error) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return nil, typeError("a string", raw)
	}
	return raw[1 : len(raw)-1], nil
}

// isPlainString reports whether the content s of a JSON string is its
// value: no escape, valid UTF-8.
func isPlainString(s []byte) bool {
	ascii := true
	for _, c := range s {
		if !plain[c] {
			if c < utf8.RuneSelf {
				return false // a backslash
			}
			ascii = false
		}
	}
	return ascii || utf8.Valid(s)
}

// appendUnquoted appends the content s of a JSON string to b, decoding its
// escapes as encoding/json does; ok is false if s is not the content of a
// valid string.
func appendUnquoted(b, s []byte) (_ []byte, ok bool) {
	for r := 0; r < len(s); {
		switch c := s[r]; {
		case c == '\\':
			if r+1 >= len(s) {
				return b, false
			}
			switch e := s[r+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rr := u4(s[r:])
				if rr < 0 {
					return b, false
				}
				if utf16.IsSurrogate(rr) {
					if pair := utf16.DecodeRune(rr, u4(s[r+6:])); pair != utf8.RuneError {
						b = utf8.AppendRune(b, pair)
						r += 12
						continue
					}
					rr = utf8.RuneError
				}
				b = utf8.AppendRune(b, rr)
				r += 6
				continue
			default:
				return b, false
			}
			r += 2
		case c == '"' || c < 0x20:
			return b, false
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			b = utf8.AppendRune(b, rr)
			r += size
		}
	}
	return b, true
}

// u4 returns the code of the escape \uXXXX that s starts with, or -1.
func u4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		h := hex(c)
		if h < 0 {
			return -1
		}
		r = r<<4 | h
	}
	return r
}
