package billing

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Command is a command read from a request body: its name, its date, the
// version of the subscription the client read (if it says), the caller's
// reference and metadata for its event, and the library call it makes.
type Command struct {
	// Name is the command's name, such as "restart".
	Name string
	// On is the day the command is given: the date of its event.
	On date.Date
	// Version is the version the client read, or nil when it does not care.
	Version *int64
	// Ref is the body's "ref", kept on the event: the caller's reference,
	// such as the payment provider's charge ID of a payment webhook.
	Ref string
	// Meta is kept on the event: who gave the command and how (the API
	// sets the caller and the idempotency key).
	Meta map[string]string
	run  runFunc
}

// Event is one event of a log, as storage files it.
type Event struct {
	// Kind is the event's kind, such as "record_payment_failure".
	Kind string
	// On is the event's date.
	On date.Date
	// JSON is the event's JSON form, as the library writes it.
	JSON []byte
}

type runFunc = func(subscription.Subscription) (subscription.Subscription, error)

// commandSpec lists the fields a command reads, besides "on", "version" and
// "ref", and how it calls the library.
type commandSpec struct {
	fields []string
	build  func(b body, on date.Date) (runFunc, error)
}

// noArgs is the spec of a command that needs only its date.
func noArgs(f func(subscription.Subscription, date.Date) (subscription.Subscription, error)) commandSpec {
	return commandSpec{build: func(_ body, on date.Date) (runFunc, error) {
		return func(s subscription.Subscription) (subscription.Subscription, error) { return f(s, on) }, nil
	}}
}

// withDate is the spec of a command that reads one date field besides its
// own date.
func withDate(field string, f func(s subscription.Subscription, on, d date.Date) (subscription.Subscription, error)) commandSpec {
	return commandSpec{fields: []string{field}, build: func(b body, on date.Date) (runFunc, error) {
		d, err := dateField(b, field, field, true)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return f(s, on, d) }, err
	}}
}

// with is the spec of a command that reads one field of type T, as the
// library decodes it.
func with[T any](field string, f func(s subscription.Subscription, on date.Date, v T) (subscription.Subscription, error)) commandSpec {
	return commandSpec{fields: []string{field}, build: func(b body, on date.Date) (runFunc, error) {
		var v T
		err := b.decode(field, &v)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return f(s, on, v) }, err
	}}
}

var commands = map[string]commandSpec{
	"suspend": with("reason", subscription.Subscription.Suspend),
	"schedule_suspension": {fields: []string{"effective", "reason"}, build: func(b body, on date.Date) (runFunc, error) {
		var r subscription.Reason
		err := b.decode("reason", &r)
		eff, derr := dateField(b, "effective", "effective", true)
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, eff, r)
		}, cmp.Or(err, derr)
	}},
	"cancel_suspension":         noArgs(subscription.Subscription.CancelSuspension),
	"restart":                   noArgs(subscription.Subscription.Restart),
	"terminate_now":             noArgs(subscription.Subscription.TerminateNow),
	"terminate_at_period_end":   noArgs(subscription.Subscription.TerminateAtPeriodEnd),
	"cancel_termination":        noArgs(subscription.Subscription.CancelTermination),
	"invalidate_payment_method": noArgs(subscription.Subscription.InvalidatePaymentMethod),
	"update_payment_method":     noArgs(subscription.Subscription.UpdatePaymentMethod),
	"terminate_on":              withDate("end", subscription.Subscription.TerminateOn),
	"terminate_now_with_credit": with("credit", subscription.Subscription.TerminateNowWithCredit),
	"change_plan":               with("plan", subscription.Subscription.ChangePlanAtRenewal),
	"change_plan_now": {fields: []string{"plan", "proration"}, build: func(b body, on date.Date) (runFunc, error) {
		var p subscription.Plan
		var pol subscription.ProrationPolicy
		err := cmp.Or(b.decode("plan", &p), b.decode("proration", &pol))
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanNow(on, p, pol)
		}, err
	}},
	"change_quantity": {fields: []string{"feature", "quantity", "proration"}, build: func(b body, on date.Date) (runFunc, error) {
		var (
			feature string
			qty     int64
			pol     subscription.ProrationPolicy
		)
		err := cmp.Or(b.decode("feature", &feature), b.decode("quantity", &qty), b.decode("proration", &pol))
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangeQuantity(on, feature, qty, pol)
		}, err
	}},
	"grant_discount":         with("discount", subscription.Subscription.GrantDiscount),
	"add_flexible_pause":     with("pause", subscription.Subscription.AddFlexiblePause),
	"add_whole_period_pause": with("pause", subscription.Subscription.AddWholePeriodPause),
	"delete_pause":           with("pause_id", subscription.Subscription.DeletePause),
	"record_payment_failure": withDate("due", subscription.Subscription.RecordPaymentFailure),
	"record_payment":         withDate("due", subscription.Subscription.RecordPayment),
}

// CommandNames returns the names DecodeCommand knows, sorted.
func CommandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// DecodeCommand reads the body of command name: a JSON object with "on"
// (the command's date), an optional "version", an optional "ref" (kept on
// the event) and the command's own fields. It returns ErrUnknownCommand for
// a name it does not know, and a *FieldError naming the field for anything
// it cannot read: bad JSON, an unknown, repeated or missing field, a bad
// date, a value the library's decoder refuses.
func DecodeCommand(name string, raw []byte) (Command, error) {
	spec, ok := commands[name]
	if !ok {
		return Command{}, fmt.Errorf("%w: %q (known: %v)", ErrUnknownCommand, name, CommandNames())
	}
	b, err := decodeBody(raw)
	if err != nil {
		return Command{}, err
	}
	for k := range b {
		if k != "on" && k != "version" && k != "ref" && !slices.Contains(spec.fields, k) {
			return Command{}, &FieldError{Field: k, Err: fmt.Errorf("%w: unknown field for %s", ErrBadRequest, name)}
		}
	}
	c := Command{Name: name}
	if c.On, err = dateField(b, "on", "on", true); err != nil {
		return Command{}, err
	}
	if _, ok := b["version"]; ok {
		var v int64
		if err := b.decode("version", &v); err != nil {
			return Command{}, err
		}
		c.Version = &v
	}
	if _, ok := b["ref"]; ok {
		if err := b.decode("ref", &c.Ref); err != nil {
			return Command{}, err
		}
		if len(c.Ref) > subscription.MaxRefLen {
			return Command{}, &FieldError{Field: "ref", Err: fmt.Errorf("%w: %d bytes, at most %d", ErrBadRequest, len(c.Ref), subscription.MaxRefLen)}
		}
	}
	if c.run, err = spec.build(b, c.On); err != nil {
		return Command{}, err
	}
	return c, nil
}

// Apply runs c on s and returns the new subscription and the event
// appended, with c's Ref and Meta. A command that changes nothing — a
// payment recorded again, as a replayed webhook does — returns s and an
// Event whose JSON is nil. The library's error is returned as is (see
// Classify).
func (s Subscription) Apply(c Command) (Subscription, Event, error) {
	return s.record(c.run, c.Ref, c.Meta)
}

// record runs the library command f and returns the event it appended,
// re-applied with the caller's ref and meta: the library attaches them to
// an event the caller builds, and building it is the command's job.
func (s Subscription) record(f runFunc, ref string, meta map[string]string) (Subscription, Event, error) {
	n, err := f(s.s)
	if err != nil {
		return s, Event{}, err
	}
	if n.Len() == s.s.Len() {
		return s, Event{}, nil
	}
	var last subscription.Event
	for e := range n.Events() {
		last = e
	}
	if ref != "" || len(meta) > 0 {
		last.Ref, last.Meta = ref, meta
		if n, err = s.s.Apply(last); err != nil {
			return s, Event{}, err
		}
	}
	b, err := json.Marshal(last)
	if err != nil {
		return s, Event{}, err
	}
	return Subscription{s: n}, Event{Kind: last.Kind.String(), On: last.Date, JSON: b}, nil
}

// RecordChargeFailure records that the charge of the invoices issued on due
// failed on day on (the renewal charge itself when on == due, or a retry),
// with the payment provider's reference of the charge and meta.
func (s Subscription) RecordChargeFailure(on, due date.Date, ref string, meta map[string]string) (Subscription, Event, error) {
	return s.record(func(x subscription.Subscription) (subscription.Subscription, error) {
		return x.RecordPaymentFailure(on, due)
	}, ref, meta)
}

// RecordChargeSuccess records that the invoices issued on due, whose charge
// had failed, were paid on day on, with the payment provider's reference
// of the charge and meta. Recording it again changes nothing.
func (s Subscription) RecordChargeSuccess(on, due date.Date, ref string, meta map[string]string) (Subscription, Event, error) {
	return s.record(func(x subscription.Subscription) (subscription.Subscription, error) {
		return x.RecordPayment(on, due)
	}, ref, meta)
}

// PreviewJSON returns what c would do to the timeline of [from, to) as of
// asOf, without changing anything: {"before":…,"after":…}.
func (s Subscription) PreviewJSON(c Command, from, to, asOf date.Date) ([]byte, error) {
	p, err := s.s.Preview(c.run, period.Period{Start: from, End: to}, asOf)
	if err != nil {
		return nil, err
	}
	return json.Marshal(p)
}

// body is a decoded JSON object, field by field; a null field is left out,
// as the library treats null as absent.
type body map[string]json.RawMessage

// decodeBody reads one JSON object, and nothing after it, refusing a key
// given twice.
func decodeBody(raw []byte) (body, error) {
	bad := func(why string) error {
		return &FieldError{Field: "body", Err: fmt.Errorf("%w: %s", ErrBadRequest, why)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, bad("not a JSON object")
	}
	b := body{}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		k, ok := t.(string)
		if err != nil || !ok {
			return nil, bad("not a JSON object")
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, bad("not a JSON object")
		}
		if seen[k] {
			return nil, &FieldError{Field: k, Err: fmt.Errorf("%w: given twice", ErrBadRequest)}
		}
		seen[k] = true
		if string(v) != "null" {
			b[k] = v
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, bad("not a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad("data after the JSON object")
	}
	return b, nil
}

// decode reads field k into v with the library's decoder; the error names
// the field, and the path inside it that the library names.
func (b body) decode(k string, v any) error {
	raw, ok := b[k]
	if !ok {
		return &FieldError{Field: k, Err: fmt.Errorf("%w: required", ErrBadRequest)}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return libFieldError(k, err)
	}
	return nil
}
