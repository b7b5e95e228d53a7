package billing

import (
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/pause"
	"github.com/rickb777/date/v2"
)

// Pass is a prepaid pass or class card sold beside a subscription (a gym's
// ten-session card, say). Freezing it cuts its validity and keeps the days
// left; unfreezing gives them back from the day of the unfreeze.
type Pass struct {
	p pause.Pass
}

// DecodePass reads a pass from its JSON form, {"valid":{"start":…,"end":…},
// "sessions":10,"used":4}, strictly. A bad pass is a *FieldError on "pass",
// or on the field inside it that the library names ("pass.valid.end").
func DecodePass(raw []byte) (Pass, error) {
	var p pause.Pass
	if err := json.Unmarshal(raw, &p); err != nil {
		return Pass{}, libFieldError("pass", err)
	}
	return Pass{p: p}, nil
}

// JSON returns the pass's JSON form, with "frozen" while it is frozen.
func (p Pass) JSON() ([]byte, error) { return json.Marshal(p.p) }

// PassCommandNames are the commands a pass takes.
var PassCommandNames = []string{"freeze", "unfreeze"}

// ApplyPass runs the pass command name ("freeze" from day on, the first day
// it cannot be used, or "unfreeze" on day on) and returns the new pass.
func (p Pass) ApplyPass(name string, on date.Date) (Pass, error) {
	var (
		n   pause.Pass
		err error
	)
	switch name {
	case "freeze":
		n, err = p.p.Freeze(on)
	case "unfreeze":
		n, err = p.p.Unfreeze(on)
	default:
		return p, fmt.Errorf("%w: pass command %q (known: %v)", ErrUnknownCommand, name, PassCommandNames)
	}
	if err != nil {
		return p, err
	}
	return Pass{p: n}, nil
}

// DecodeDayBody reads {"on":"YYYY-MM-DD"} and returns the day, for commands
// that need nothing else. Errors are *FieldError.
func DecodeDayBody(raw []byte) (date.Date, error) {
	b, err := decodeBody(raw)
	if err != nil {
		return 0, err
	}
	for k := range b {
		if k != "on" {
			return 0, &FieldError{Field: k, Err: fmt.Errorf("%w: unknown field", ErrBadRequest)}
		}
	}
	return dateField(b, "on", "on", true)
}
