package jsonx

import "strconv"

// The scanner: one pass over the bytes of a document, accepting exactly
// what encoding/json accepts and naming what is wrong in encoding/json's
// words ("invalid character '}' after object key"), without allocating
// unless it fails. Its functions take the document and the index of a
// byte, and return the index after what they read and, if the document is
// malformed there, the text of the error ("" when it is not).

// maxDepth is encoding/json's bound on the nesting of arrays and objects
// in one value.
const maxDepth = 10000

// The words of encoding/json's Decoder for a document that ends too soon:
// before a value begins, and inside one.
const (
	textEOF           = "EOF"
	textUnexpectedEOF = "unexpected EOF"
)

// Flags of a string, for its fast paths.
const (
	escaped  = 1 << iota // the string holds a backslash escape
	nonASCII             // the string holds a byte of 0x80 or more
)

// plain holds the bytes a string holds as they are: not the quote, not the
// backslash, not a control character, not a byte of 0x80 or more.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space, or len(data).
func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// bad returns encoding/json's words for the byte c where it does not
// belong; context starts with a space.
func bad(c byte, context string) string {
	return "invalid character " + quoteChar(c) + context
}

// quoteChar formats c as encoding/json does in its errors.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// value reads the value that starts at data[i], a byte that is not white
// space, nested in depth arrays and objects.
func value(data []byte, i, depth int) (int, string) {
	if i >= len(data) {
		return i, textUnexpectedEOF
	}
	switch c := data[i]; c {
	case '"':
		end, _, msg := str(data, i)
		return end, msg
	case '{':
		return object(data, i, depth+1)
	case '[':
		return array(data, i, depth+1)
	case 't':
		return literal(data, i, "true")
	case 'f':
		return literal(data, i, "false")
	case 'n':
		return literal(data, i, "null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			return number(data, i)
		}
		return i, bad(c, " looking for beginning of value")
	}
}

// str reads the string whose opening quote is data[i], and returns its
// flags too.
func str(data []byte, i int) (int, int, string) {
	flags := 0
	i++
	for {
		for i < len(data) && plain[data[i]] {
			i++
		}
		if i >= len(data) {
			return i, flags, textUnexpectedEOF
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, flags, ""
		case c == '\\':
			flags |= escaped
			n, msg := escape(data, i)
			if msg != "" {
				return n, flags, msg
			}
			i = n
		case c < 0x20:
			return i, flags, bad(c, " in string literal")
		default:
			flags |= nonASCII
			i++
		}
	}
}

// escape reads the escape whose backslash is data[i].
func escape(data []byte, i int) (int, string) {
	i++
	if i >= len(data) {
		return i, textUnexpectedEOF
	}
	switch data[i] {
	case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
		return i + 1, ""
	case 'u':
		for k := i + 1; k <= i+4; k++ {
			if k >= len(data) {
				return k, textUnexpectedEOF
			}
			if hex(data[k]) < 0 {
				return k, bad(data[k], ` in \u hexadecimal character escape`)
			}
		}
		return i + 5, ""
	}
	return i, bad(data[i], " in string escape code")
}

// hex returns the value of the hexadecimal digit c, or -1.
func hex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// number reads the number that starts at data[i], a minus sign or a digit.
func number(data []byte, i int) (int, string) {
	if data[i] == '-' {
		i++
		if i >= len(data) {
			return i, textUnexpectedEOF
		}
		if !isDigit(data[i]) {
			return i, bad(data[i], " in numeric literal")
		}
	}
	if data[i] == '0' {
		i++
	} else {
		i = digits(data, i)
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) {
			return i, textUnexpectedEOF
		}
		if !isDigit(data[i]) {
			return i, bad(data[i], " after decimal point in numeric literal")
		}
		i = digits(data, i)
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) {
			return i, textUnexpectedEOF
		}
		if !isDigit(data[i]) {
			return i, bad(data[i], " in exponent of numeric literal")
		}
		i = digits(data, i)
	}
	return i, ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits returns the index after the digits at data[i:].
func digits(data []byte, i int) int {
	for i < len(data) && isDigit(data[i]) {
		i++
	}
	return i
}

// literal reads the literal word (true, false or null) whose first letter
// is data[i].
func literal(data []byte, i int, word string) (int, string) {
	for k := 1; k < len(word); k++ {
		if i+k >= len(data) {
			return i + k, textUnexpectedEOF
		}
		if data[i+k] != word[k] {
			return i + k, bad(data[i+k], " in literal "+word+" (expecting "+quoteChar(word[k])+")")
		}
	}
	return i + len(word), ""
}

// object reads the object whose opening brace is data[i], at depth.
func object(data []byte, i, depth int) (int, string) {
	if depth > maxDepth {
		return i, bad('{', " exceeded max depth")
	}
	if i = skipSpace(data, i+1); i < len(data) && data[i] == '}' {
		return i + 1, ""
	}
	for {
		if i >= len(data) {
			return i, textUnexpectedEOF
		}
		if data[i] != '"' {
			return i, bad(data[i], " looking for beginning of object key string")
		}
		var msg string
		if i, _, msg = str(data, i); msg != "" {
			return i, msg
		}
		if i = skipSpace(data, i); i >= len(data) {
			return i, textUnexpectedEOF
		}
		if data[i] != ':' {
			return i, bad(data[i], " after object key")
		}
		if i, msg = value(data, skipSpace(data, i+1), depth); msg != "" {
			return i, msg
		}
		if i = skipSpace(data, i); i >= len(data) {
			return i, textUnexpectedEOF
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return i + 1, ""
		default:
			return i, bad(data[i], " after object key:value pair")
		}
	}
}

// array reads the array whose opening bracket is data[i], at depth.
func array(data []byte, i, depth int) (int, string) {
	if depth > maxDepth {
		return i, bad('[', " exceeded max depth")
	}
	if i = skipSpace(data, i+1); i < len(data) && data[i] == ']' {
		return i + 1, ""
	}
	for {
		var msg string
		if i, msg = value(data, i, depth); msg != "" {
			return i, msg
		}
		if i = skipSpace(data, i); i >= len(data) {
			return i, textUnexpectedEOF
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return i + 1, ""
		default:
			return i, bad(data[i], " after array element")
		}
	}
}
