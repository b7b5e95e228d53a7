package retry_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	apr01 = period.MustParseDate("2024-04-01")
	apr02 = period.MustParseDate("2024-04-02")
	apr03 = period.MustParseDate("2024-04-03")
	apr04 = period.MustParseDate("2024-04-04")
	apr05 = period.MustParseDate("2024-04-05")
	apr06 = period.MustParseDate("2024-04-06")
	apr08 = period.MustParseDate("2024-04-08")
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		pol  retry.Policy
		want error // nil or a sentinel
		msg  string
	}{
		{"zero", retry.Policy{}, nil, ""},
		{"daily 5", retry.Policy{Attempts: 5}, nil, ""},
		{"smart", retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}, nil, ""},
		{"all enums", retry.Policy{Attempts: 1, OnExhausted: retry.Suspend, LatePayment: retry.RestartOnPayment}, nil, ""},
		{"max window", retry.Policy{Attempts: retry.MaxWindow}, nil, ""},
		{"negative", retry.Policy{Attempts: -1}, retry.ErrInvalidPolicy, "attempts -1"},
		{"too many", retry.Policy{Attempts: retry.MaxWindow + 1}, retry.ErrInvalidPolicy, "attempts 3661"},
		{"offsets not increasing", retry.Policy{Attempts: 3, Offsets: []int{1, 3, 3}}, retry.ErrInvalidPolicy, "offset 3 at index 2 does not follow 3"},
		{"offsets decreasing", retry.Policy{Attempts: 3, Offsets: []int{1, 5, 2}}, retry.ErrInvalidPolicy, "offset 2 at index 2 does not follow 5"},
		{"offset zero", retry.Policy{Attempts: 2, Offsets: []int{0, 1}}, retry.ErrInvalidPolicy, "offset 0"},
		{"offset negative", retry.Policy{Attempts: 1, Offsets: []int{-2}}, retry.ErrInvalidPolicy, "offset -2"},
		{"offset too far", retry.Policy{Attempts: 1, Offsets: []int{retry.MaxWindow + 1}}, retry.ErrInvalidPolicy, "last offset 3661"},
		{"offsets fewer", retry.Policy{Attempts: 3, Offsets: []int{1, 2}}, retry.ErrInvalidPolicy, "2 offsets for 3 attempts"},
		{"offsets more", retry.Policy{Attempts: 1, Offsets: []int{1, 2}}, retry.ErrInvalidPolicy, "2 offsets for 1 attempts"},
		{"bad exhaustion", retry.Policy{OnExhausted: 4}, retry.ErrInvalidPolicy, "on_exhausted(4)"},
		{"bad late payment", retry.Policy{LatePayment: 9}, retry.ErrInvalidPolicy, "late_payment(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.pol.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "retry: "), err.Error())
		})
	}
}

func TestValidateFor(t *testing.T) {
	tests := []struct {
		name string
		pol  retry.Policy
		r    period.Recurrence
		want error
		msg  string
	}{
		{"monthly 27", retry.Policy{Attempts: 27}, period.Monthly, nil, ""},
		{"monthly 28", retry.Policy{Attempts: 28}, period.Monthly, retry.ErrRetryTooLong, "28 days after the failed charge, and a P1M period can be as short as 28 days"},
		{"weekly 6", retry.Policy{Attempts: 6}, period.Weekly, nil, ""},
		{"weekly 7", retry.Policy{Attempts: 7}, period.Weekly, retry.ErrRetryTooLong, "7 days after the failed charge, and a P1W period can be as short as 7 days"},
		{"weekly offsets 1..7", retry.Policy{Attempts: 2, Offsets: []int{1, 7}}, period.Weekly, retry.ErrRetryTooLong, "7 days"},
		{"monthly smart", retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}, period.Monthly, nil, ""},
		{"daily 0", retry.Policy{}, period.Daily, nil, ""},
		{"daily 1", retry.Policy{Attempts: 1}, period.Daily, retry.ErrRetryTooLong, "1 days"},
		{"yearly 364", retry.Policy{Attempts: 364}, period.Yearly, nil, ""},
		{"yearly 365", retry.Policy{Attempts: 365}, period.Yearly, retry.ErrRetryTooLong, "365 days"},
		{"quarterly 88", retry.Policy{Attempts: 88}, period.Quarterly, nil, ""},
		{"quarterly 89", retry.Policy{Attempts: 89}, period.Quarterly, retry.ErrRetryTooLong, "89 days"},
		{"invalid policy", retry.Policy{Attempts: -1}, period.Monthly, retry.ErrInvalidPolicy, "attempts -1"},
		{"invalid recurrence", retry.Policy{Attempts: 1}, period.Recurrence{}, period.ErrInvalidUnit, ""},
		{"zero every", retry.Policy{Attempts: 1}, period.Recurrence{Unit: period.Month}, period.ErrInvalidRecurrence, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.pol.ValidateFor(tt.r)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestAttemptDatesAndNext(t *testing.T) {
	tests := []struct {
		name   string
		pol    retry.Policy
		want   []date.Date
		window int
	}{
		{"none", retry.Policy{}, nil, 0},
		{"daily 3", retry.Policy{Attempts: 3}, []date.Date{apr02, apr03, apr04}, 3},
		{"daily 5", retry.Policy{Attempts: 5}, []date.Date{apr02, apr03, apr04, apr05, apr06}, 5},
		{"smart 1,3,5,7", retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}, []date.Date{apr02, apr04, apr06, apr08}, 7},
		{"invalid yields nothing", retry.Policy{Attempts: 2, Offsets: []int{2, 1}}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.pol.Dates(apr01)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.window, tt.pol.W())
			if tt.pol.Validate() != nil {
				return
			}
			for k, want := range tt.want {
				next, err := tt.pol.Next(apr01, k)
				require.NoError(t, err)
				if next != want {
					t.Errorf("Next(%v, %d) = %v; want %v", apr01, k, next, want)
				}
			}
			_, err := tt.pol.Next(apr01, len(tt.want))
			require.ErrorIs(t, err, retry.ErrExhausted)
		})
	}

	// Stopping early.
	seq, err := retry.Policy{Attempts: 5}.AttemptDates(apr01)
	require.NoError(t, err)
	for d := range seq {
		assert.Equal(t, apr02, d)
		break
	}
}

func TestNextErrors(t *testing.T) {
	pol := retry.Policy{Attempts: 3}
	_, err := pol.Next(apr01, -1)
	require.ErrorIs(t, err, retry.ErrInvalidCount)
	_, err = pol.Next(apr01, 99)
	require.ErrorIs(t, err, retry.ErrExhausted)
	_, err = retry.Policy{Attempts: -3}.Next(apr01, 0)
	require.ErrorIs(t, err, retry.ErrInvalidPolicy)
	_, err = pol.Next(date.Max(), 0)
	require.ErrorIs(t, err, period.ErrInvalidDate)
	_, err = pol.Next(date.Date(-1<<63), 0)
	require.ErrorIs(t, err, period.ErrInvalidDate)
	assert.Empty(t, pol.Dates(date.Max()))
}

func TestEvaluate(t *testing.T) {
	fail := func(d date.Date) retry.Outcome { return retry.Outcome{On: d} }
	pay := func(d date.Date) retry.Outcome { return retry.Outcome{On: d, Succeeded: true} }
	a := func(d date.Date, s retry.AttemptState) retry.Attempt { return retry.Attempt{On: d, State: s} }
	smart := retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}

	tests := []struct {
		name     string
		pol      retry.Policy
		outcomes []retry.Outcome
		state    retry.State
		next     date.Date // zero: no next
		settled  date.Date
		attempts []retry.Attempt
	}{
		{"nothing yet", retry.Policy{Attempts: 3}, nil, retry.Retrying, apr02, 0,
			[]retry.Attempt{a(apr02, retry.Planned), a(apr03, retry.Planned), a(apr04, retry.Planned)}},
		{"one failure", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr02)}, retry.Retrying, apr03, 0,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr03, retry.Planned), a(apr04, retry.Planned)}},
		{"Y-01 recovered", retry.Policy{Attempts: 5}, []retry.Outcome{fail(apr02), pay(apr03)}, retry.Recovered, 0, apr03,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr03, retry.Succeeded)}},
		{"Y-02 exhausted", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr02), fail(apr03), fail(apr04)}, retry.Exhausted, 0, apr04,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr03, retry.Failed), a(apr04, retry.Failed)}},
		{"Y-04 no attempts", retry.Policy{}, nil, retry.Exhausted, 0, apr01, nil},
		{"paid on D", retry.Policy{Attempts: 3}, []retry.Outcome{pay(apr01)}, retry.Recovered, 0, apr01,
			[]retry.Attempt{a(apr01, retry.Succeeded)}},
		{"paid on the last attempt day", retry.Policy{Attempts: 2}, []retry.Outcome{fail(apr02), pay(apr03)}, retry.Recovered, 0, apr03,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr03, retry.Succeeded)}},
		{"failed then paid by hand the same day", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr02), pay(apr02)}, retry.Recovered, 0, apr02,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr02, retry.Succeeded)}},
		{"smart planned", smart, []retry.Outcome{fail(apr02)}, retry.Retrying, apr04, 0,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr04, retry.Planned), a(apr06, retry.Planned), a(apr08, retry.Planned)}},
		{"smart paid between attempts", smart, []retry.Outcome{fail(apr02), fail(apr04), pay(apr05)}, retry.Recovered, 0, apr05,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr04, retry.Failed), a(apr05, retry.Succeeded)}},
		{"smart exhausted on D+7", smart, []retry.Outcome{fail(apr02), fail(apr04), fail(apr06), fail(apr08)}, retry.Exhausted, 0, apr08,
			[]retry.Attempt{a(apr02, retry.Failed), a(apr04, retry.Failed), a(apr06, retry.Failed), a(apr08, retry.Failed)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := tt.pol.Evaluate(apr01, tt.outcomes)
			require.NoError(t, err)
			assert.Equal(t, tt.state, st.State, "State")
			assert.Equal(t, tt.next != 0, st.Next != nil, "HasNext")
			if st.Next != nil && st.NextOn() != tt.next {
				t.Errorf("Next = %v; want %v", st.NextOn(), tt.next)
			}
			if tt.state != retry.Retrying && st.SettledOn() != tt.settled {
				t.Errorf("Settled = %v; want %v", st.SettledOn(), tt.settled)
			}
			assert.Equal(t, tt.attempts, st.Attempts)
		})
	}
}

func TestEvaluateErrors(t *testing.T) {
	fail := func(d date.Date) retry.Outcome { return retry.Outcome{On: d} }
	pay := func(d date.Date) retry.Outcome { return retry.Outcome{On: d, Succeeded: true} }
	mar31 := period.MustParseDate("2024-03-31")
	smart := retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}

	tests := []struct {
		name     string
		pol      retry.Policy
		outcomes []retry.Outcome
		want     error
		msg      string
	}{
		{"invalid policy", retry.Policy{Attempts: -1}, nil, retry.ErrInvalidPolicy, "attempts -1"},
		{"failure on D", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr01)}, retry.ErrNotAttemptDay,
			"failure 0 on 2024-04-01: the next planned attempt is on 2024-04-02 (planned: 2024-04-02, 2024-04-03, 2024-04-04)"},
		{"skipped attempt", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr03)}, retry.ErrNotAttemptDay, "next planned attempt is on 2024-04-02"},
		{"smart off day", smart, []retry.Outcome{fail(apr02), fail(apr03)}, retry.ErrNotAttemptDay,
			"failure 1 on 2024-04-03: the next planned attempt is on 2024-04-04 (planned: 2024-04-02, 2024-04-04, 2024-04-06, 2024-04-08)"},
		{"same attempt twice", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr02), fail(apr02)}, retry.ErrNotAttemptDay, "failure 1 on 2024-04-02"},
		{"failure after the window", retry.Policy{Attempts: 1}, []retry.Outcome{fail(apr03)}, retry.ErrNotAttemptDay, "failure 0 on 2024-04-03"},
		{"before the failed charge", retry.Policy{Attempts: 3}, []retry.Outcome{pay(mar31)}, retry.ErrOutOfOrder, "outcome 0 on 2024-03-31: before the charge that failed on 2024-04-01"},
		{"out of order", retry.Policy{Attempts: 3}, []retry.Outcome{fail(apr02), fail(apr03), pay(apr02)}, retry.ErrOutOfOrder, "outcome 2 on 2024-04-02: before outcome 1 on 2024-04-03"},
		{"after success", retry.Policy{Attempts: 3}, []retry.Outcome{pay(apr02), fail(apr03)}, retry.ErrSettled, "outcome 1 on 2024-04-03: the retry period was recovered on 2024-04-02"},
		{"two successes", retry.Policy{Attempts: 3}, []retry.Outcome{pay(apr02), pay(apr02)}, retry.ErrSettled, "recovered on 2024-04-02"},
		{"after exhaustion", retry.Policy{Attempts: 1}, []retry.Outcome{fail(apr02), pay(apr02)}, retry.ErrSettled, "the last attempt failed on 2024-04-02"},
		{"no retry period", retry.Policy{}, []retry.Outcome{pay(apr01)}, retry.ErrSettled, "has no retry period"},
		{"payment after the window", retry.Policy{Attempts: 2}, []retry.Outcome{fail(apr02), pay(apr04)}, retry.ErrOutsidePeriod, "payment on 2024-04-04: the last attempt was planned on 2024-04-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.pol.Evaluate(apr01, tt.outcomes)
			require.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}

	_, err := retry.Policy{Attempts: 1}.Evaluate(date.Max(), nil)
	require.ErrorIs(t, err, period.ErrInvalidDate)
}

func TestEvaluateLongPlannedListIsElided(t *testing.T) {
	pol := retry.Policy{Attempts: 20}
	_, err := pol.Evaluate(apr01, []retry.Outcome{{On: apr01}})
	require.ErrorIs(t, err, retry.ErrNotAttemptDay)
	assert.Contains(t, err.Error(), "2024-04-09, …, 2024-04-21)")
}

func TestDefaults(t *testing.T) {
	assert.Equal(t, retry.Terminate, retry.Policy{}.EffectiveOnExhausted())
	assert.Equal(t, retry.KeepStart, retry.Policy{}.EffectiveLatePayment())
	assert.Equal(t, retry.Suspend, retry.Policy{OnExhausted: retry.Suspend}.EffectiveOnExhausted())
	assert.Equal(t, retry.RestartOnPayment, retry.Policy{LatePayment: retry.RestartOnPayment}.EffectiveLatePayment())
	assert.Equal(t, apr01, retry.Policy{}.RenewedStart(apr01, apr03))
	assert.Equal(t, apr03, retry.Policy{LatePayment: retry.RestartOnPayment}.RenewedStart(apr01, apr03))
}

func TestEqualAndString(t *testing.T) {
	assert.True(t, retry.Policy{Attempts: 2}.Equal(retry.Policy{Attempts: 2, Offsets: []int{1, 2}, OnExhausted: retry.Terminate}))
	assert.False(t, retry.Policy{Attempts: 2}.Equal(retry.Policy{Attempts: 2, Offsets: []int{1, 3}}))
	assert.False(t, retry.Policy{Attempts: 2}.Equal(retry.Policy{Attempts: 2, OnExhausted: retry.Suspend}))
	assert.False(t, retry.Policy{Attempts: 2}.Equal(retry.Policy{Attempts: -2}))

	assert.Equal(t, "3 attempts at D+1, D+2, D+3, then terminate", retry.Policy{Attempts: 3}.String())
	assert.Equal(t, "4 attempts at D+1, D+3, D+5, D+7, then suspend",
		retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}, OnExhausted: retry.Suspend}.String())
	assert.Equal(t, "no retry, then terminate", retry.Policy{}.String())
	assert.Equal(t, "invalid policy (-1 attempts, offsets [])", retry.Policy{Attempts: -1}.String())
}

func TestEnumText(t *testing.T) {
	type enum interface {
		MarshalText() ([]byte, error)
		String() string
	}
	cases := []struct {
		v    enum
		text string
	}{
		{retry.Terminate, "terminate"}, {retry.Suspend, "suspend"},
		{retry.KeepStart, "keep_start"}, {retry.RestartOnPayment, "restart_on_payment"},
		{retry.Retrying, "retrying"}, {retry.Recovered, "recovered"}, {retry.Exhausted, "exhausted"},
		{retry.Planned, "planned"}, {retry.Failed, "failed"}, {retry.Succeeded, "succeeded"},
	}
	for _, c := range cases {
		b, err := c.v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, c.text, string(b))
		assert.Equal(t, c.text, c.v.String())
	}
	for _, bad := range []enum{retry.Exhaustion(0), retry.LatePayment(3), retry.State(0), retry.AttemptState(4)} {
		_, err := bad.MarshalText()
		assert.Error(t, err, bad.String())
	}
	var e retry.Exhaustion
	require.NoError(t, e.UnmarshalText([]byte("suspend")))
	assert.Equal(t, retry.Suspend, e)
	require.ErrorIs(t, e.UnmarshalText([]byte("Suspend")), retry.ErrInvalidPolicy)
	var l retry.LatePayment
	require.NoError(t, l.UnmarshalText([]byte("restart_on_payment")))
	assert.Equal(t, retry.RestartOnPayment, l)
	require.ErrorIs(t, l.UnmarshalText([]byte("")), retry.ErrInvalidPolicy)
	var s retry.State
	require.NoError(t, s.UnmarshalText([]byte("recovered")))
	assert.Error(t, s.UnmarshalText([]byte("done")))
	var as retry.AttemptState
	require.NoError(t, as.UnmarshalText([]byte("planned")))
	assert.Error(t, as.UnmarshalText([]byte("skipped")))
}

func TestPolicyJSON(t *testing.T) {
	good := []struct {
		pol  retry.Policy
		text string
	}{
		{retry.Policy{}, `{"attempts":0}`},
		{retry.Policy{Attempts: 3}, `{"attempts":3}`},
		{retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}, OnExhausted: retry.Suspend, LatePayment: retry.RestartOnPayment},
			`{"attempts":4,"offsets":[1,3,5,7],"on_exhausted":"suspend","late_payment":"restart_on_payment"}`},
	}
	for _, g := range good {
		b, err := json.Marshal(g.pol)
		require.NoError(t, err)
		assert.JSONEq(t, g.text, string(b))
		var back retry.Policy
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, g.pol, back)
	}

	bad := []string{
		`{"attempts":-1}`,
		`{"attempts":2,"offsets":[2,1]}`,
		`{"attempts":2,"offsets":[1]}`,
		`{"attempts":1,"on_exhausted":"Terminate"}`,
		`{"attempts":1,"late_payment":"later"}`,
		`{"attempts":1,"on_exhausted":1}`,
		`{"atempts":3}`,
		`{"attempts":1.5}`,
		`[]`,
	}
	for _, text := range bad {
		var p retry.Policy
		err := json.Unmarshal([]byte(text), &p)
		require.ErrorIs(t, err, retry.ErrInvalidPolicy, text)
	}

	_, err := json.Marshal(retry.Policy{Attempts: -1})
	require.ErrorIs(t, err, retry.ErrInvalidPolicy)

	// null leaves the value alone, inside a larger document too.
	var plan struct {
		Retry retry.Policy `json:"retry"`
	}
	plan.Retry.Attempts = 2
	require.NoError(t, json.Unmarshal([]byte(`{"retry":null}`), &plan))
	assert.Equal(t, 2, plan.Retry.Attempts)
}

func TestStatusJSON(t *testing.T) {
	pol := retry.Policy{Attempts: 3}
	for _, outs := range [][]retry.Outcome{
		nil,
		{{On: apr02}},
		{{On: apr02}, {On: apr03, Succeeded: true}},
		{{On: apr02}, {On: apr03}, {On: apr04}},
	} {
		st, err := pol.Evaluate(apr01, outs)
		require.NoError(t, err)
		b, err := json.Marshal(st)
		require.NoError(t, err)
		var back retry.Status
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, st, back, string(b))
	}
	st, _ := pol.Evaluate(apr01, []retry.Outcome{{On: apr02}, {On: apr03, Succeeded: true}})
	b, _ := json.Marshal(st)
	assert.JSONEq(t, `{"state":"recovered","settled":"2024-04-03","attempts":[{"on":"2024-04-02","state":"failed"},{"on":"2024-04-03","state":"succeeded"}]}`, string(b))
	st, _ = retry.Policy{}.Evaluate(apr01, nil)
	b, _ = json.Marshal(st)
	assert.JSONEq(t, `{"state":"exhausted","settled":"2024-04-01","attempts":[]}`, string(b))

	var s retry.Status
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"state":"retrying","next":"2024-02-30","attempts":[]}`), &s), period.ErrInvalidDate)
	assert.Error(t, json.Unmarshal([]byte(`{"attempts":[]}`), &s))
	assert.Error(t, json.Unmarshal([]byte(`{"state":"retrying","attempts":[{"on":"2024-04-02"}]}`), &s))
}

func TestOutcomeJSON(t *testing.T) {
	outs := []retry.Outcome{{On: apr02}, {On: apr03, Succeeded: true}}
	b, err := json.Marshal(outs)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"on":"2024-04-02","succeeded":false},{"on":"2024-04-03","succeeded":true}]`, string(b))
	var back []retry.Outcome
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, outs, back)

	for _, text := range []string{`{"on":"2021-02-30"}`, `{"on":"2023-02-29"}`, `{"on":"2021-13-01"}`, `{"on":""}`} {
		var o retry.Outcome
		err := json.Unmarshal([]byte(text), &o)
		require.True(t, errors.Is(err, period.ErrInvalidDate), "%s: %v", text, err)
	}
}

func TestSuspension(t *testing.T) {
	require.NoError(t, retry.Suspension{}.Validate())
	require.NoError(t, retry.Suspension{UnpaidInvoices: 3, InvalidPaymentMethod: true}.Validate())
	err := retry.Suspension{UnpaidInvoices: -1}.Validate()
	require.ErrorIs(t, err, retry.ErrInvalidPolicy)
	assert.Contains(t, err.Error(), "unpaid_invoices -1")

	assert.False(t, retry.Suspension{}.SuspendsFor(100))
	assert.False(t, retry.Suspension{UnpaidInvoices: 3}.SuspendsFor(2))
	assert.True(t, retry.Suspension{UnpaidInvoices: 3}.SuspendsFor(3))

	s := retry.Suspension{UnpaidInvoices: 2, InvalidPaymentMethod: true}
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"unpaid_invoices":2,"invalid_payment_method":true}`, string(b))
	var back retry.Suspension
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s, back)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"unpaid_invoices":-2}`), &back), retry.ErrInvalidPolicy)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"unpaid":2}`), &back), retry.ErrInvalidPolicy)
}
