package subscription_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/stretchr/testify/require"
)

// viewsOf returns every view of s that has a JSON form, as values to
// round-trip: the timeline and its parts, the agenda, the pauses, the
// retry periods, the statuses and a preview.
func viewsOf(t *testing.T, s subscription.Subscription) []any {
	t.Helper()
	span := pp("2025-01-01", "2026-06-01")
	tl := timelineOf(t, s, "2025-01-01", "2026-06-01", d("2025-06-01"))
	out := []any{tl}
	for _, sg := range tl.Segments {
		out = append(out, sg, subscription.Status{State: sg.State, Reason: sg.Reason})
	}
	for _, p := range tl.Periods {
		out = append(out, p)
	}
	for _, inv := range tl.Invoices {
		out = append(out, inv)
	}
	for _, r := range tl.Retries {
		out = append(out, r)
	}
	for a := range s.Agenda(span) {
		out = append(out, a)
		if a.Attempt != nil {
			out = append(out, *a.Attempt)
		}
		if a.Change != nil {
			out = append(out, *a.Change)
		}
	}
	for p := range s.Pauses("") {
		out = append(out, p)
	}
	pv, err := s.Preview(func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.TerminateNow(d("2025-06-01"))
	}, span, d("2025-06-01"))
	require.NoError(t, err)
	out = append(out, pv, s.Terms().Plan, s.Terms().Plan.Trial)
	for e := range s.Events() {
		out = append(out, e)
	}
	return out
}

// TestJSONViews: every view encodes, decodes strictly to the same value,
// and encodes again to the same bytes.
func TestJSONViews(t *testing.T) {
	s := everyKind(t)
	s = must(t)(s.Apply(subscription.Event{Kind: subscription.KindSuspend, Date: d("2025-05-22"), Reason: subscription.PaymentDue,
		Ref: "ticket-42", Meta: map[string]string{"who": "ana", "via": "desk"}}))
	seen := map[string]bool{}
	for _, v := range viewsOf(t, s) {
		typ := reflect.TypeOf(v)
		seen[typ.Name()] = true
		b, err := json.Marshal(v)
		require.NoError(t, err, "%s", typ)
		back := reflect.New(typ)
		require.NoError(t, json.Unmarshal(b, back.Interface()), "%s: %s", typ, b)
		require.Equal(t, v, back.Elem().Interface(), "%s: %s", typ, b)
		b2, err := json.Marshal(back.Elem().Interface())
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2), "%s", typ)
	}
	for _, name := range []string{"Timeline", "Segment", "Status", "BillingPeriod", "TimelineInvoice", "RetryPeriod",
		"Action", "AttemptAction", "StateChange", "PauseInfo", "Preview", "Plan", "TrialOffer", "Event"} {
		require.True(t, seen[name], "no %s among the views", name)
	}
}

// TestJSONKeepsContext: a reference and metadata go through a whole
// subscription's JSON exactly.
func TestJSONKeepsContext(t *testing.T) {
	meta := map[string]string{"who": "ana@gym.example", "via": "api", "note": "línea \"1\"\n"}
	s := must(t)(newSub(t, monthly("10.00"), "2021-10-01").Apply(subscription.Event{Kind: subscription.KindSuspend,
		Date: oct15_21, Reason: subscription.ByBusiness, Ref: "ch_3Ox", Meta: meta}))
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var got subscription.Subscription
	require.NoError(t, json.Unmarshal(b, &got))
	e := slices.Collect(got.Events())[0]
	require.Equal(t, "ch_3Ox", e.Ref)
	require.Equal(t, meta, e.Meta)
}

var repeatedPrefix = regexp.MustCompile(`: (subscription|period|invoice|pause|retry): `)

const planJSON = `{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}}`

// TestJSONRefuses: every decoder refuses what is not its form, with an
// error that errors.Is matches and whose message names the field.
func TestJSONRefuses(t *testing.T) {
	sub := func(events string) string {
		return `{"plan":` + planJSON + `,"start":"2021-10-01","events":[` + events + `]}`
	}
	for _, tc := range []struct {
		name string
		into any
		in   string
		want error
		msg  string
	}{
		{"plan: misspelt retry", &subscription.Plan{}, `{"every":"P1M","price":{"recurring":{"amount":"1.00","currency":"EUR"}},"retyr":{}}`,
			subscription.ErrInvalidPlan, "field retyr: invalid plan: unknown field"},
		{"plan: field in another case", &subscription.Plan{}, `{"Every":"P1M","price":{"recurring":{"amount":"1.00","currency":"EUR"}}}`,
			subscription.ErrInvalidPlan, "field Every"},
		{"plan: duplicate key", &subscription.Plan{}, `{"every":"P1M","every":"P1W","price":{"recurring":{"amount":"1.00","currency":"EUR"}}}`,
			subscription.ErrInvalidPlan, "field every: invalid plan: duplicate key"},
		{"plan: term as a float", &subscription.Plan{}, strings.Replace(planJSON, `"every"`, `"periods":1e18,"every"`, 1),
			subscription.ErrInvalidPlan, `field periods: invalid plan: want an integer, got "1e18"`},
		{"plan: term out of bounds", &subscription.Plan{}, strings.Replace(planJSON, `"every"`, `"periods":9223372036854775807,"every"`, 1),
			subscription.ErrInvalidPlan, "term of 9223372036854775807 periods"},
		{"plan: no price", &subscription.Plan{}, `{"every":"P1M"}`, subscription.ErrInvalidPlan, "field price: invalid plan: missing"},
		{"plan: bad amount", &subscription.Plan{}, `{"every":"P1M","price":{"recurring":{"amount":"10.005","currency":"EUR"}}}`,
			invoice.ErrInvalidAmount, "field price.recurring"},
		{"plan: trial in weeks", &subscription.Plan{}, strings.Replace(planJSON, `"every"`, `"trial":{"weeks":2},"every"`, 1),
			subscription.ErrInvalidPlan, "field trial.weeks: invalid plan: unknown field"},
		{"plan: billing word", &subscription.Plan{}, strings.Replace(planJSON, `"every"`, `"billing":"monthly","every"`, 1),
			subscription.ErrInvalidPlan, `field billing: invalid plan: billing "monthly": want in_advance or in_arrears`},
		{"plan: null price", &subscription.Plan{}, `{"every":"P1M","price":null}`, subscription.ErrInvalidPlan, "field price: invalid plan: missing"},
		{"plan: an array", &subscription.Plan{}, `[]`, subscription.ErrInvalidPlan, "want a JSON object, got an array"},
		{"plan: data after", &subscription.Plan{}, planJSON + `{}`, subscription.ErrInvalidPlan, "data after the object"},

		{"event: unknown kind", &subscription.Event{}, `{"kind":"pause","date":"2021-10-01"}`,
			subscription.ErrInvalidEvent, `field kind: invalid event: event kind "pause": want suspend,`},
		{"event: no date", &subscription.Event{}, `{"kind":"restart"}`, subscription.ErrInvalidEvent, "field date: invalid event: missing"},
		{"event: impossible date", &subscription.Event{}, `{"kind":"restart","date":"2021-02-30"}`,
			period.ErrInvalidDate, `field date: invalid date "2021-02-30"`},
		{"event: American date", &subscription.Event{}, `{"kind":"restart","date":"02/01/2021"}`,
			period.ErrInvalidDate, `field date: invalid date "02/01/2021"`},
		{"event: field of another kind", &subscription.Event{}, `{"kind":"restart","date":"2021-10-01","reason":"by_business"}`,
			subscription.ErrInvalidEvent, "field reason does not belong to this kind"},
		{"event: field missing", &subscription.Event{}, `{"kind":"delete_pause","date":"2021-10-01"}`,
			subscription.ErrInvalidEvent, "field pause_id is required"},
		{"event: pause id as a string", &subscription.Event{}, `{"kind":"delete_pause","date":"2021-10-01","pause_id":"3"}`,
			subscription.ErrInvalidEvent, "field pause_id: invalid event: want an integer, got a string"},
		{"event: duplicate metadata", &subscription.Event{}, `{"kind":"restart","date":"2021-10-01","meta":{"who":"a","who":"b"}}`,
			subscription.ErrInvalidEvent, "field meta.who: invalid event: duplicate key"},
		{"event: metadata not a string", &subscription.Event{}, `{"kind":"restart","date":"2021-10-01","meta":{"n":1}}`,
			subscription.ErrInvalidEvent, `field meta.n: invalid event: want a string, got "1"`},
		{"event: misspelt extension", &subscription.Event{}, `{"kind":"add_flexible_pause","date":"2021-10-01",` +
			`"flexible":{"days":{"start":"2021-10-02","end":"2021-10-09"},"reason":"injury","extension":{"days":10}}}`,
			pause.ErrInvalidPause, "field flexible.extension.days"},
		{"event: quantity as a float", &subscription.Event{}, `{"kind":"change_quantity","date":"2021-10-01","feature":"seats","quantity":2.5,"proration":"prorate_now"}`,
			subscription.ErrInvalidEvent, `field quantity: invalid event: want an integer, got "2.5"`},
		{"event: proration word", &subscription.Event{}, `{"kind":"change_quantity","date":"2021-10-01","feature":"seats","quantity":2,"proration":"always"}`,
			subscription.ErrInvalidEvent, `field proration: invalid event: proration policy "always"`},

		{"subscription: misspelt events", &subscription.Subscription{}, `{"plan":` + planJSON + `,"start":"2021-10-01","evnets":[]}`,
			subscription.ErrInvalidTerms, "field evnets: invalid terms: unknown field"},
		{"subscription: no start", &subscription.Subscription{}, `{"plan":` + planJSON + `,"events":[]}`,
			subscription.ErrInvalidTerms, "field start: invalid terms: missing"},
		{"subscription: bad due date", &subscription.Subscription{}, sub(`{"kind":"restart","date":"2021-10-02"},{"kind":"record_payment","date":"2021-10-02","due":"2021-13-01"}`),
			period.ErrInvalidDate, `field events[1].due: invalid date "2021-13-01"`},
		{"subscription: anchor before the start", &subscription.Subscription{}, `{"plan":` + planJSON + `,"start":"2021-10-01","anchor":"2021-09-01"}`,
			subscription.ErrInvalidTerms, "anchor 2021-09-01 not in [2021-10-01, 2021-11-01)"},
		{"subscription: events out of order", &subscription.Subscription{}, sub(`{"kind":"suspend","date":"2021-10-10","reason":"by_business"},{"kind":"restart","date":"2021-10-05"}`),
			subscription.ErrOutOfOrder, "event 1 (restart on 2021-10-05)"},
		{"subscription: an event that cannot apply", &subscription.Subscription{}, sub(`{"kind":"restart","date":"2021-10-05"}`),
			subscription.ErrNotSuspended, "event 0 (restart on 2021-10-05)"},
		{"subscription: a string", &subscription.Subscription{}, `"sub_1"`, subscription.ErrInvalidTerms, "want a JSON object, got a string"},

		{"timeline: lenient retry date", &subscription.Timeline{}, `{"span":{"start":"2021-01-01","end":"2021-12-01"},"as_of":"2021-01-01",` +
			`"retries":[{"due":"2021-02-30","state":"retrying","attempts":[]}]}`, period.ErrInvalidDate, `field retries[0].due: invalid date "2021-02-30"`},
		{"timeline: no as_of", &subscription.Timeline{}, `{"span":{"start":"2021-01-01","end":"2021-12-01"}}`,
			subscription.ErrInvalidView, "field as_of: invalid view: missing"},
		{"retry period: recovered without a settled date", &subscription.RetryPeriod{}, `{"due":"2021-02-01","state":"recovered","attempts":[]}`,
			subscription.ErrInvalidView, "settled date contradicts state recovered"},
		{"retry period: exhausted with a next attempt", &subscription.RetryPeriod{}, `{"due":"2021-02-01","state":"exhausted","attempts":[],"settled":"2021-02-05","next":"2021-02-06"}`,
			subscription.ErrInvalidView, "next attempt contradicts state exhausted"},
		{"retry period: unpaid while retrying", &subscription.RetryPeriod{}, `{"due":"2021-02-01","state":"retrying","attempts":[],"unpaid":true}`,
			subscription.ErrInvalidView, "unpaid contradicts state retrying"},
		{"action: invoice without invoice", &subscription.Action{}, `{"on":"2021-02-01","kind":"invoice"}`,
			subscription.ErrInvalidView, "invoice action on 2021-02-01: want only the field invoice"},
		{"action: unknown kind", &subscription.Action{}, `{"on":"2021-02-01","kind":"charge"}`,
			subscription.ErrInvalidView, `field kind: invalid view: action kind "charge"`},
		{"attempt: number 0", &subscription.AttemptAction{}, `{"due":"2021-02-01","number":0,"state":"planned"}`,
			subscription.ErrInvalidView, "field number: invalid view: number 0: want at least 1"},
		{"status: state in capitals", &subscription.Status{}, `{"state":"Active"}`, subscription.ErrInvalidView, `state "Active"`},
		{"segment: cause -2", &subscription.Segment{}, `{"period":{"start":"2021-01-01","end":"2021-02-01"},"state":"active","cause":-2}`,
			subscription.ErrInvalidView, "field cause: invalid view: cause -2: want at least -1"},
		{"pause: both kinds", &subscription.PauseInfo{}, `{"id":1,"on":"2021-01-01","reason":"injury",` +
			`"flexible":{"days":{"start":"2021-01-02","end":"2021-01-09"},"reason":"injury"},` +
			`"whole_period":{"periods":[{"start":"2021-02-01","end":"2021-03-01"}],"reason":"injury"}}`,
			subscription.ErrInvalidView, "want exactly one of flexible and whole_period"},
		{"state change: no from", &subscription.StateChange{}, `{"state":"active","cause":1}`, subscription.ErrInvalidView, "field from: invalid view: missing"},
		{"billing period: number -1", &subscription.BillingPeriod{}, `{"period":{"start":"2021-01-01","end":"2021-02-01"},"number":-1}`,
			subscription.ErrInvalidView, "number -1"},
		{"timeline invoice: payment word", &subscription.TimelineInvoice{}, `{"invoice":{},"issued":true,"payment":"late"}`,
			invoice.ErrInvalidInvoice, "field invoice"},
		{"preview: no after", &subscription.Preview{}, `{"before":{"span":{"start":"2021-01-01","end":"2021-02-01"},"as_of":"2021-01-01"}}`,
			subscription.ErrInvalidView, "field after: invalid view: missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.into.(json.Unmarshaler).UnmarshalJSON([]byte(tc.in))
			require.Error(t, err, "%s decoded as %+v", tc.in, tc.into)
			require.True(t, errors.Is(err, tc.want), "%v does not match %v", err, tc.want)
			require.Contains(t, err.Error(), tc.msg)
			require.False(t, repeatedPrefix.MatchString(err.Error()), "one package prefix: %v", err)
		})
	}
}

// TestJSONFieldPath: the path of a decoding error is readable outside the
// module, through an interface.
func TestJSONFieldPath(t *testing.T) {
	var s subscription.Subscription
	err := json.Unmarshal([]byte(`{"plan":`+planJSON+`,"start":"2021-10-01","events":[{"kind":"restart","date":"2021-13-01"}]}`), &s)
	var f interface{ Field() string }
	require.ErrorAs(t, err, &f)
	require.Equal(t, "events[0].date", f.Field())
}

// TestJSONNull: null is the same as an absent field, and a whole null
// leaves the value unchanged.
func TestJSONNull(t *testing.T) {
	var e subscription.Event
	require.NoError(t, json.Unmarshal([]byte(`{"kind":"restart","date":"2021-10-01","ref":null,"meta":null,"due":null}`), &e))
	require.Equal(t, subscription.Event{Kind: subscription.KindRestart, Date: d("2021-10-01")}, e)
	require.NoError(t, json.Unmarshal([]byte(`null`), &e))
	require.Equal(t, subscription.KindRestart, e.Kind, "a whole null leaves the value")
	s := newSub(t, monthly("10.00"), "2021-10-01")
	require.NoError(t, json.Unmarshal([]byte(`null`), &s))
	require.Equal(t, d("2021-10-01"), s.Start())
}
