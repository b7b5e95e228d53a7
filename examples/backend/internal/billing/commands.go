package billing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// Command is a command read from a request body: its name, its date, the
// version of the subscription the client read (if it says), and the library
// call it makes.
type Command struct {
	// Name is the command's name, such as "restart".
	Name string
	// On is the day the command is given: the date of its event.
	On date.Date
	// Version is the version the client read, or nil when it does not care.
	Version *int64
	run     func(subscription.Subscription) (subscription.Subscription, error)
}

// Event is one event of a log, as storage files it.
type Event struct {
	// Kind is the event's kind, such as "payment_failed".
	Kind string
	// On is the event's date.
	On date.Date
	// JSON is the event's JSON form.
	JSON []byte
}

type runFunc = func(subscription.Subscription) (subscription.Subscription, error)

// commandSpec lists the fields a command reads, besides "on" and "version",
// and how it calls the library.
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

var commands = map[string]commandSpec{
	"suspend": {fields: []string{"reason"}, build: func(b body, on date.Date) (runFunc, error) {
		r, err := b.reason("reason")
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.Suspend(on, r) }, err
	}},
	"schedule_suspension": {fields: []string{"effective", "reason"}, build: func(b body, on date.Date) (runFunc, error) {
		r, err := b.reason("reason")
		if err != nil {
			return nil, err
		}
		eff, err := dateField(b, "effective", "effective", true)
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ScheduleSuspension(on, eff, r)
		}, err
	}},
	"cancel_suspension":         noArgs(subscription.Subscription.CancelSuspension),
	"restart":                   noArgs(subscription.Subscription.Restart),
	"terminate_now":             noArgs(subscription.Subscription.TerminateNow),
	"terminate_at_period_end":   noArgs(subscription.Subscription.TerminateAtPeriodEnd),
	"cancel_termination":        noArgs(subscription.Subscription.CancelTermination),
	"invalidate_payment_method": noArgs(subscription.Subscription.InvalidatePaymentMethod),
	"update_payment_method":     noArgs(subscription.Subscription.UpdatePaymentMethod),
	"terminate_on": {fields: []string{"end"}, build: func(b body, on date.Date) (runFunc, error) {
		end, err := dateField(b, "end", "end", true)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.TerminateOn(on, end) }, err
	}},
	"change_plan": {fields: []string{"plan"}, build: func(b body, on date.Date) (runFunc, error) {
		var p subscription.Plan
		err := b.decode("plan", &p)
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.ChangePlanAtRenewal(on, p)
		}, err
	}},
	"add_flexible_pause": {fields: []string{"pause"}, build: func(b body, on date.Date) (runFunc, error) {
		var p pause.Flexible
		err := b.decode("pause", &p)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.AddFlexiblePause(on, p) }, err
	}},
	"add_whole_period_pause": {fields: []string{"pause"}, build: func(b body, on date.Date) (runFunc, error) {
		var p pause.WholePeriod
		err := b.decode("pause", &p)
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.AddWholePeriodPause(on, p)
		}, err
	}},
	"delete_pause": {fields: []string{"pause_id"}, build: func(b body, on date.Date) (runFunc, error) {
		var id int
		err := b.decode("pause_id", &id)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.DeletePause(on, id) }, err
	}},
	"payment_failed": {fields: []string{"due"}, build: func(b body, on date.Date) (runFunc, error) {
		due, err := dateField(b, "due", "due", true)
		return func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.RecordPaymentFailure(on, due)
		}, err
	}},
	"payment_succeeded": {fields: []string{"due"}, build: func(b body, on date.Date) (runFunc, error) {
		due, err := dateField(b, "due", "due", true)
		return func(s subscription.Subscription) (subscription.Subscription, error) { return s.RecordPayment(on, due) }, err
	}},
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
// (the command's date), an optional "version" and the command's own fields.
// It returns ErrUnknownCommand for a name it does not know, and a
// *FieldError naming the field for anything it cannot read: bad JSON, an
// unknown or missing field, a bad date.
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
		if k != "on" && k != "version" && !slices.Contains(spec.fields, k) {
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
	if c.run, err = spec.build(b, c.On); err != nil {
		return Command{}, err
	}
	return c, nil
}

// Apply runs c on s and returns the new subscription and the event appended.
// The library's error is returned as is (see Classify).
func (s Subscription) Apply(c Command) (Subscription, Event, error) {
	return s.run(c.run)
}

// run applies f and returns the event it appended.
func (s Subscription) run(f runFunc) (Subscription, Event, error) {
	n, err := f(s.s)
	if err != nil {
		return s, Event{}, err
	}
	evs := n.Events()
	last := evs[len(evs)-1]
	b, err := json.Marshal(last)
	if err != nil {
		return s, Event{}, err
	}
	return Subscription{s: n}, Event{Kind: last.Kind.String(), On: last.Date, JSON: b}, nil
}

// RecordChargeFailure records that the charge of the invoice issued on due
// failed on day on (the renewal charge itself when on == due, or a retry).
func (s Subscription) RecordChargeFailure(on, due date.Date) (Subscription, Event, error) {
	return s.run(func(x subscription.Subscription) (subscription.Subscription, error) {
		return x.RecordPaymentFailure(on, due)
	})
}

// RecordChargeSuccess records that the invoice issued on due, whose charge
// had failed, was paid on day on.
func (s Subscription) RecordChargeSuccess(on, due date.Date) (Subscription, Event, error) {
	return s.run(func(x subscription.Subscription) (subscription.Subscription, error) { return x.RecordPayment(on, due) })
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

// body is a decoded JSON object, field by field.
type body map[string]json.RawMessage

// decodeBody reads one JSON object, and nothing after it.
func decodeBody(raw []byte) (body, error) {
	var b body
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&b); err != nil || b == nil {
		return nil, &FieldError{Field: "body", Err: fmt.Errorf("%w: not a JSON object", ErrBadRequest)}
	}
	if dec.More() {
		return nil, &FieldError{Field: "body", Err: fmt.Errorf("%w: data after the JSON object", ErrBadRequest)}
	}
	return b, nil
}

// decode reads field k into v; the error names the field.
func (b body) decode(k string, v any) error {
	raw, ok := b[k]
	if !ok {
		return &FieldError{Field: k, Err: fmt.Errorf("%w: required", ErrBadRequest)}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return &FieldError{Field: k, Err: err}
	}
	return nil
}

// reason reads field k as a suspension reason.
func (b body) reason(k string) (subscription.Reason, error) {
	var r subscription.Reason
	if err := b.decode(k, &r); err != nil {
		return 0, err
	}
	if !r.Valid() {
		return 0, &FieldError{Field: k, Err: fmt.Errorf("%w: unknown reason", ErrBadRequest)}
	}
	return r, nil
}
