package jsonx

import (
	"errors"
	"strings"
)

// Error is a decoding error at a path in the document. It matches, with
// errors.Is, its cause and the sentinels of every decoder it went through.
type Error struct {
	// Path names the field: "price.recurring.amount", "lines[2]"; empty
	// for the document as a whole.
	Path string
	// Err is the cause: an error of the package that refused the value
	// (an invalid date, an invalid amount), or a structural cause of this
	// package (an unknown field, a wrong type) whose message gets the
	// prefix of the innermost sentinel.
	Err error
	// sentinels are the sentinels of the decoders the error went through,
	// innermost first.
	sentinels []error
}

// cause is a structural cause: a message without a package prefix.
type cause struct{ text string }

// Error returns the text of the cause.
func (c *cause) Error() string { return c.text }

// structural returns the Error of a structural cause at path.
func structural(sentinel error, path, text string) error {
	return &Error{Path: path, Err: &cause{text}, sentinels: []error{sentinel}}
}

func typeError(want string, raw []byte) error {
	return &cause{"want " + want + ", got " + describe(raw)}
}

// Error returns the message with one package prefix, the field's path
// after it: `invoice: field lines[0].quantity: invalid invoice: want an
// integer, got a string`.
func (e *Error) Error() string {
	msg := e.Err.Error()
	if _, ok := e.Err.(*cause); ok && len(e.sentinels) > 0 {
		msg = e.sentinels[0].Error() + ": " + msg
	}
	if e.Path == "" {
		return msg
	}
	pkg, rest, ok := strings.Cut(msg, ": ")
	if !ok || strings.ContainsAny(pkg, " \"") {
		return "field " + e.Path + ": " + msg
	}
	return pkg + ": field " + e.Path + ": " + rest
}

// Field returns the path of the field in the document, "" for the document
// as a whole. It lets a caller outside the module read the path with
// errors.As and an interface: var f interface{ Field() string }.
func (e *Error) Field() string { return e.Path }

// Unwrap returns the cause and the sentinels.
func (e *Error) Unwrap() []error {
	return append([]error{e.Err}, e.sentinels...)
}

// At returns err as the error of the field name of a document decoded with
// sentinel: an *Error whose path starts with name and that wraps sentinel.
// Decoders use it to name the field of an error found after decoding, when
// they validate.
func At(name string, sentinel error, err error) error {
	e := join(name, err)
	if sentinel != nil && !errors.Is(e, sentinel) {
		e.sentinels = append(e.sentinels, sentinel)
	}
	return e
}

// join returns err at path prefix + its own path.
func join(prefix string, err error) *Error {
	x, ok := err.(*Error)
	if !ok {
		return &Error{Path: prefix, Err: err}
	}
	path := prefix
	switch {
	case prefix == "":
		path = x.Path
	case x.Path == "":
	case x.Path[0] == '[':
		path += x.Path
	default:
		path += "." + x.Path
	}
	return &Error{Path: path, Err: x.Err, sentinels: append([]error(nil), x.sentinels...)}
}
