package retry_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// hostileCase is one named hostile input: run feeds it to a decoder or a
// constructor, and want is the sentinel its error must match.
type hostileCase struct {
	name string
	run  func() error
	want error
}

// decodeJSON returns a case body that feeds data to *T's UnmarshalJSON
// directly, so that the package's own strictness is what is tested (not
// encoding/json's syntax check).
func decodeJSON[T any, PT interface {
	*T
	json.Unmarshaler
}](data string) func() error {
	return func() error {
		var v T
		return PT(&v).UnmarshalJSON([]byte(data))
	}
}

// runHostile runs the corpus: every case must return an error matching
// its sentinel — never nil (silent acceptance), never a panic. It logs
// the counts by outcome.
func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	var typed, panics, silent int
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			panicked := func() (p bool) {
				defer func() {
					if r := recover(); r != nil {
						p = true
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				err = tc.run()
				return false
			}()
			switch {
			case panicked:
				panics++
				t.Errorf("panicked: %v", err)
			case err == nil:
				silent++
				t.Errorf("accepted silently; want an error matching %v", tc.want)
			case !errors.Is(err, tc.want):
				t.Errorf("error %q does not match %v", err, tc.want)
			default:
				typed++
			}
		})
	}
	t.Logf("hostile corpus: %d cases: %d typed errors, %d panics, %d silent acceptances", len(cases), typed, panics, silent)
}

// TestHostile is retry's hostile-input corpus: attempts and offsets that
// overflow, charges failed at the ends of the calendar, outcomes out of
// order, statuses that contradict themselves, JSON with unknown and
// duplicate keys, wrong types and null.
func TestHostile(t *testing.T) {
	var cases []hostileCase
	add := func(name string, want error, run func() error) {
		cases = append(cases, hostileCase{name: name, run: run, want: want})
	}
	for name, data := range map[string]string{
		"attempts 1e18":         `{"attempts":1e18}`,
		"attempts huge":         `{"attempts":1000000000000000000}`,
		"attempts beyond int64": `{"attempts":9223372036854775808}`,
		"attempts -1":           `{"attempts":-1}`,
		"attempts 3661":         `{"attempts":3661}`,
		"attempts as string":    `{"attempts":"3"}`,
		"attempts 3.0":          `{"attempts":3.0}`,
		"attempts null":         `{"attempts":null}`,
		"missing attempts":      `{}`,
		"misspelt attempts":     `{"attempt":3}`,
		"unknown field":         `{"attempts":3,"retyr":true}`,
		"duplicate attempts":    `{"attempts":3,"attempts":0}`,
		"offsets unordered":     `{"attempts":2,"offsets":[3,1]}`,
		"offsets count":         `{"attempts":3,"offsets":[1,2]}`,
		"offset 0":              `{"attempts":1,"offsets":[0]}`,
		"offset beyond window":  `{"attempts":1,"offsets":[3661]}`,
		"offset 1e3":            `{"attempts":1,"offsets":[1e3]}`,
		"offsets not an array":  `{"attempts":1,"offsets":1}`,
		"null offset":           `{"attempts":1,"offsets":[null]}`,
		"on_exhausted Suspend":  `{"attempts":1,"on_exhausted":"Suspend"}`,
		"late_payment unknown":  `{"attempts":1,"late_payment":"later"}`,
		"on_exhausted number":   `{"attempts":1,"on_exhausted":2}`,
		"array":                 `[3]`,
		"trailing data":         `{"attempts":3}{}`,
	} {
		add("Policy JSON "+name, retry.ErrInvalidPolicy, decodeJSON[retry.Policy](data))
	}
	add("Policy marshal invalid", retry.ErrInvalidPolicy, func() error { _, err := json.Marshal(retry.Policy{Attempts: -1}); return err })
	add("Policy MaxInt attempts", retry.ErrInvalidPolicy, retry.Policy{Attempts: math.MaxInt}.Validate)
	add("Policy exhaustion 9", retry.ErrInvalidPolicy, retry.Policy{Attempts: 1, OnExhausted: 9}.Validate)
	add("Window of an invalid policy", retry.ErrInvalidPolicy, func() error { _, err := retry.Policy{Attempts: -1}.Window(); return err })
	add("ValidateFor 28 days monthly", retry.ErrRetryTooLong, func() error { return retry.Policy{Attempts: 28}.ValidateFor(period.Monthly) })
	add("ValidateFor invalid recurrence", period.ErrInvalidUnit, func() error { return retry.Policy{Attempts: 1}.ValidateFor(period.Recurrence{}) })
	three := retry.Policy{Attempts: 3}
	end := period.MaxDate
	add("AttemptDates past 9999", period.ErrInvalidDate, func() error { _, err := three.AttemptDates(end - 1); return err })
	add("AttemptDates from MinInt64", period.ErrInvalidDate, func() error { _, err := three.AttemptDates(date.Date(math.MinInt64)); return err })
	add("AttemptDates from MaxInt64", period.ErrInvalidDate, func() error { _, err := three.AttemptDates(date.Date(math.MaxInt64)); return err })
	add("AttemptDates invalid policy", retry.ErrInvalidPolicy, func() error { _, err := retry.Policy{Attempts: -2}.AttemptDates(apr01); return err })
	add("Next past 9999", period.ErrInvalidDate, func() error { _, err := three.Next(end, 0); return err })
	add("Next negative failures", retry.ErrInvalidCount, func() error { _, err := three.Next(apr01, -1); return err })
	add("Next exhausted", retry.ErrExhausted, func() error { _, err := three.Next(apr01, math.MaxInt); return err })
	add("GracePeriod past 9999", period.ErrInvalidDate, func() error { _, err := three.GracePeriod(end); return err })
	add("GracePeriod before 0001", period.ErrInvalidDate, func() error { _, err := three.GracePeriod(period.MinDate - 1); return err })
	d := apr01
	eval := func(p retry.Policy, on date.Date, outs ...retry.Outcome) func() error {
		return func() error { _, err := p.Evaluate(on, outs); return err }
	}
	add("Evaluate past 9999", period.ErrInvalidDate, eval(three, end))
	add("Evaluate before the charge", retry.ErrOutOfOrder, eval(three, d, retry.Outcome{On: d - 1}))
	add("Evaluate out of order", retry.ErrOutOfOrder, eval(three, d, retry.Outcome{On: d + 1}, retry.Outcome{On: d}))
	add("Evaluate failure off schedule", retry.ErrNotAttemptDay, eval(three, d, retry.Outcome{On: d + 2}))
	add("Evaluate failure twice a day", retry.ErrNotAttemptDay, eval(three, d, retry.Outcome{On: d + 1}, retry.Outcome{On: d + 1}))
	add("Evaluate payment after the period", retry.ErrOutsidePeriod, eval(three, d, retry.Outcome{On: d + 4, Succeeded: true}))
	add("Evaluate after recovery", retry.ErrSettled, eval(three, d, retry.Outcome{On: d + 1, Succeeded: true}, retry.Outcome{On: d + 2}))
	add("Evaluate after exhaustion", retry.ErrSettled, eval(retry.Policy{Attempts: 1}, d, retry.Outcome{On: d + 1}, retry.Outcome{On: d + 1, Succeeded: true}))
	add("Evaluate outcome with no retry", retry.ErrSettled, eval(retry.Policy{}, d, retry.Outcome{On: d, Succeeded: true}))
	add("Evaluate invalid policy", retry.ErrInvalidPolicy, eval(retry.Policy{Attempts: 2, Offsets: []int{2, 2}}, d))
	for name, data := range map[string]string{
		"recovered without settled":   `{"state":"recovered","attempts":[{"on":"2024-04-02","state":"succeeded"}]}`,
		"exhausted with next":         `{"state":"exhausted","next":"2024-04-03","settled":"2024-04-02","attempts":[{"on":"2024-04-02","state":"failed"}]}`,
		"retrying without next":       `{"state":"retrying","attempts":[{"on":"2024-04-02","state":"planned"}]}`,
		"retrying with settled":       `{"state":"retrying","next":"2024-04-02","settled":"2024-04-02","attempts":[{"on":"2024-04-02","state":"planned"}]}`,
		"next not the first planned":  `{"state":"retrying","next":"2024-04-03","attempts":[{"on":"2024-04-02","state":"planned"},{"on":"2024-04-03","state":"planned"}]}`,
		"attempts out of order":       `{"state":"retrying","next":"2024-04-02","attempts":[{"on":"2024-04-03","state":"failed"},{"on":"2024-04-02","state":"planned"}]}`,
		"planned before failed":       `{"state":"retrying","next":"2024-04-02","attempts":[{"on":"2024-04-02","state":"planned"},{"on":"2024-04-03","state":"failed"}]}`,
		"success not last":            `{"state":"recovered","settled":"2024-04-02","attempts":[{"on":"2024-04-02","state":"succeeded"},{"on":"2024-04-03","state":"failed"}]}`,
		"two successes":               `{"state":"recovered","settled":"2024-04-03","attempts":[{"on":"2024-04-02","state":"succeeded"},{"on":"2024-04-03","state":"succeeded"}]}`,
		"settled off the success":     `{"state":"recovered","settled":"2024-04-05","attempts":[{"on":"2024-04-02","state":"succeeded"}]}`,
		"exhausted with a success":    `{"state":"exhausted","settled":"2024-04-02","attempts":[{"on":"2024-04-02","state":"succeeded"}]}`,
		"exhausted settled elsewhere": `{"state":"exhausted","settled":"2024-04-09","attempts":[{"on":"2024-04-02","state":"failed"}]}`,
		"unknown state":               `{"state":"paid","attempts":[]}`,
		"unknown attempt state":       `{"state":"exhausted","settled":"2024-04-02","attempts":[{"on":"2024-04-02","state":"lost"}]}`,
		"lenient next":                `{"state":"retrying","next":"2024-02-30","attempts":[]}`,
		"slashed settled":             `{"state":"exhausted","settled":"04/02/2024","attempts":[]}`,
		"missing attempts":            `{"state":"exhausted","settled":"2024-04-02"}`,
		"unknown field":               `{"state":"exhausted","settled":"2024-04-02","attempts":[],"has_next":false}`,
		"duplicate state":             `{"state":"exhausted","state":"retrying","settled":"2024-04-02","attempts":[]}`,
		"null attempt":                `{"state":"exhausted","settled":"2024-04-02","attempts":[null]}`,
	} {
		want := retry.ErrInvalidStatus
		if name == "lenient next" || name == "slashed settled" {
			want = period.ErrInvalidDate
		}
		add("Status JSON "+name, want, decodeJSON[retry.Status](data))
	}
	for name, data := range map[string]string{
		"Outcome missing succeeded": `{"on":"2024-04-02"}`,
		"Outcome succeeded 1":       `{"on":"2024-04-02","succeeded":1}`,
		"Outcome unknown field":     `{"on":"2024-04-02","succeeded":true,"amount":"1.00"}`,
	} {
		add(name, retry.ErrInvalidStatus, decodeJSON[retry.Outcome](data))
	}
	add("Attempt missing state", retry.ErrInvalidStatus, decodeJSON[retry.Attempt](`{"on":"2024-04-02"}`))
	add("Outcome lenient date", period.ErrInvalidDate, decodeJSON[retry.Outcome](`{"on":"2024-02-30","succeeded":true}`))
	add("Attempt JSON year 0000", period.ErrInvalidDate, decodeJSON[retry.Attempt](`{"on":"0000-04-02","state":"failed"}`))
	for name, data := range map[string]string{
		"unpaid -1":      `{"unpaid_invoices":-1}`,
		"unpaid 1001":    `{"unpaid_invoices":1001}`,
		"unpaid 1e3":     `{"unpaid_invoices":1e3}`,
		"unknown field":  `{"unpaid_invoice":2}`,
		"bool as string": `{"invalid_payment_method":"true"}`,
		"duplicate key":  `{"unpaid_invoices":2,"unpaid_invoices":3}`,
	} {
		add("Suspension JSON "+name, retry.ErrInvalidPolicy, decodeJSON[retry.Suspension](data))
	}
	add("State marshal 0", retry.ErrInvalidStatus, func() error { _, err := retry.State(0).MarshalText(); return err })
	add("AttemptState text Failed", retry.ErrInvalidStatus, func() error { var s retry.AttemptState; return s.UnmarshalText([]byte("Failed")) })
	runHostile(t, cases)
}
