package retry_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
)

func ExamplePolicy_AttemptDates() {
	failedOn := period.MustParseDate("2024-04-01")

	daily := retry.Policy{Attempts: 3}
	dates, err := daily.AttemptDates(failedOn)
	if err != nil {
		fmt.Println(err)
		return
	}
	for d := range dates {
		fmt.Println("daily", d)
	}
	smart := retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}
	dates, _ = smart.AttemptDates(failedOn)
	for d := range dates {
		fmt.Println("smart", d)
	}
	_, err = smart.AttemptDates(period.MustParseDate("9999-12-28"))
	fmt.Println(err)
	// Output:
	// daily 2024-04-02
	// daily 2024-04-03
	// daily 2024-04-04
	// smart 2024-04-02
	// smart 2024-04-04
	// smart 2024-04-06
	// smart 2024-04-08
	// period: invalid date: failed charge on day number 3652055 (9999-12-28): want a day from 0001-01-01 to 9999-12-24, so that the last attempt, 7 days later, is by 9999-12-31
}

func ExamplePolicy_Window() {
	fmt.Println(retry.Policy{Attempts: 3}.Window())
	fmt.Println(retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}.Window())
	fmt.Println(retry.Policy{}.Window())
	fmt.Println(retry.Policy{Attempts: 2, Offsets: []int{3, 1}}.Window())
	// Output:
	// 3 <nil>
	// 7 <nil>
	// 0 <nil>
	// 0 retry: invalid policy: offsets [3 1]: offset 1 at index 1 does not follow 3: want strictly increasing days
}

func ExamplePolicy_GracePeriod() {
	g, err := retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}.GracePeriod(period.MustParseDate("2024-04-01"))
	fmt.Println("service kept on", g, err)
	// Output: service kept on [2024-04-01, 2024-04-08) <nil>
}

func ExamplePolicy_EffectiveOnExhausted() {
	var pol retry.Policy // the zero policy: no retry, then terminate
	fmt.Println(pol.EffectiveOnExhausted(), pol.EffectiveLatePayment(), pol)
	pol = retry.Policy{Attempts: 3, OnExhausted: retry.Suspend, LatePayment: retry.RestartOnPayment}
	fmt.Println(pol.EffectiveOnExhausted(), pol.EffectiveLatePayment(), pol)
	// Output:
	// terminate keep_start no retry, then terminate
	// suspend restart_on_payment 3 attempts at D+1, D+2, D+3, then suspend
}

func ExamplePolicy_RenewedStart() {
	failedOn, paidOn := period.MustParseDate("2024-04-01"), period.MustParseDate("2024-04-03")
	fmt.Println(retry.Policy{Attempts: 3}.RenewedStart(failedOn, paidOn))
	fmt.Println(retry.Policy{Attempts: 3, LatePayment: retry.RestartOnPayment}.RenewedStart(failedOn, paidOn))
	// Output:
	// 2024-04-01
	// 2024-04-03
}

func ExamplePolicy_Equal() {
	fmt.Println(retry.Policy{Attempts: 2}.Equal(retry.Policy{Attempts: 2, Offsets: []int{1, 2}, OnExhausted: retry.Terminate}))
	// Output: true
}

func ExamplePolicy_UnmarshalJSON() {
	var pol retry.Policy
	fmt.Println(json.Unmarshal([]byte(`{"attempts":3,"on_exhausted":"suspend"}`), &pol), pol)
	fmt.Println(json.Unmarshal([]byte(`{"attempts":3,"retyr":true}`), &pol))
	fmt.Println(json.Unmarshal([]byte(`{"attempts":1e18}`), &pol))
	// Output:
	// <nil> 3 attempts at D+1, D+2, D+3, then suspend
	// retry: field retyr: invalid policy: unknown field
	// retry: field attempts: invalid policy: want an integer, got "1e18"
}

func ExampleStatus_Validate() {
	var st retry.Status
	err := json.Unmarshal([]byte(`{"state":"recovered","attempts":[{"on":"2024-04-02","state":"failed"}]}`), &st)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`{"state":"exhausted","next":"2024-04-03","settled":"2024-04-02","attempts":[]}`), &st)
	fmt.Println(err)
	// Output:
	// retry: invalid status: recovered status: next none, settled none: want a next attempt only while retrying, a settled date only once settled
	// retry: invalid status: exhausted status: next 2024-04-03, settled 2024-04-02: want a next attempt only while retrying, a settled date only once settled
}

func ExamplePolicy_Next() {
	pol := retry.Policy{Attempts: 3}
	failedOn := period.MustParseDate("2024-04-01")
	for failures := 0; ; failures++ {
		next, err := pol.Next(failedOn, failures)
		if errors.Is(err, retry.ErrExhausted) {
			fmt.Println(err)
			break
		}
		fmt.Printf("after %d failures: %v\n", failures, next)
	}
	// Output:
	// after 0 failures: 2024-04-02
	// after 1 failures: 2024-04-03
	// after 2 failures: 2024-04-04
	// retry: attempts exhausted: 3 failed attempts of 3 after the charge failed on 2024-04-01
}

func ExamplePolicy_Evaluate() {
	pol := retry.Policy{Attempts: 5}
	failedOn := period.MustParseDate("2024-04-01")

	// Still retrying after one failure.
	st, _ := pol.Evaluate(failedOn, []retry.Outcome{
		{On: period.MustParseDate("2024-04-02")},
	})
	fmt.Println(st.State, "next", *st.Next, len(st.Attempts), "attempts", st.Settled == nil)

	// Recovered: the second attempt succeeds. Later attempts are not listed.
	st, _ = pol.Evaluate(failedOn, []retry.Outcome{
		{On: period.MustParseDate("2024-04-02")},
		{On: period.MustParseDate("2024-04-03"), Succeeded: true},
	})
	fmt.Println(st.State, "on", *st.Settled, st.Next == nil)
	for _, a := range st.Attempts {
		fmt.Println(" ", a.On, a.State)
	}
	fmt.Println("renewed period starts", pol.RenewedStart(failedOn, *st.Settled))

	// A failure on a day with no planned attempt is an error.
	_, err := pol.Evaluate(failedOn, []retry.Outcome{{On: period.MustParseDate("2024-04-03")}})
	fmt.Println(err)
	// Output:
	// retrying next 2024-04-03 5 attempts true
	// recovered on 2024-04-03 true
	//   2024-04-02 failed
	//   2024-04-03 succeeded
	// renewed period starts 2024-04-01
	// retry: not a planned attempt day: failure 0 on 2024-04-03: the next planned attempt is on 2024-04-02 (planned: 2024-04-02, 2024-04-03, 2024-04-04, 2024-04-05, 2024-04-06)
}

func ExamplePolicy_ValidateFor() {
	fmt.Println(retry.Policy{Attempts: 27}.ValidateFor(period.Monthly))
	fmt.Println(retry.Policy{Attempts: 28}.ValidateFor(period.Monthly))
	// Output:
	// <nil>
	// retry: retry period too long for the recurrence: the last attempt comes 28 days after the failed charge, and a P1M period can be as short as 28 days: want at most 27
}

func ExampleSuspension() {
	rules := retry.Suspension{UnpaidInvoices: 2}
	fmt.Println(rules.SuspendsFor(1), rules.SuspendsFor(2), rules.Validate())
	fmt.Println(json.Unmarshal([]byte(`{"unpaid_invoices":-1}`), &rules))
	fmt.Println(json.Unmarshal([]byte(`{"unpaid_invoice":2}`), &rules))
	// Output:
	// false true <nil>
	// retry: invalid policy: unpaid_invoices -1: want 0 (never) to 1000
	// retry: field unpaid_invoice: invalid policy: unknown field
}

func ExamplePolicy_Validate() {
	fmt.Println(retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}.Validate())
	fmt.Println(retry.Policy{Attempts: 3, Offsets: []int{1, 3}}.Validate())
	fmt.Println(retry.Policy{Attempts: retry.MaxWindow + 1}.Validate())
	// Output:
	// <nil>
	// retry: invalid policy: 2 offsets for 3 attempts: want one offset per attempt
	// retry: invalid policy: attempts 3661: want 0 to 3660
}

func ExampleSuspension_UnmarshalJSON() {
	var s retry.Suspension
	fmt.Println(json.Unmarshal([]byte(`{"unpaid_invoices":3,"invalid_payment_method":true}`), &s), s.UnpaidInvoices, s.InvalidPaymentMethod)
	fmt.Println(json.Unmarshal([]byte(`{"unpaid_invoices":"3"}`), &s))
	// Output:
	// <nil> 3 true
	// retry: field unpaid_invoices: invalid policy: want an integer, got a string
}

func ExampleStatus_UnmarshalJSON() {
	var st retry.Status
	err := json.Unmarshal([]byte(`{"state":"recovered","settled":"2024-04-03",
		"attempts":[{"on":"2024-04-02","state":"failed"},{"on":"2024-04-03","state":"succeeded"}]}`), &st)
	fmt.Println(err, st.State, *st.Settled, st.Next == nil, len(st.Attempts))
	b, _ := json.Marshal(st)
	fmt.Println(string(b))
	// Output:
	// <nil> recovered 2024-04-03 true 2
	// {"state":"recovered","settled":"2024-04-03","attempts":[{"on":"2024-04-02","state":"failed"},{"on":"2024-04-03","state":"succeeded"}]}
}

func ExampleOutcome_UnmarshalJSON() {
	var o retry.Outcome
	fmt.Println(json.Unmarshal([]byte(`{"on":"2024-04-02","succeeded":true}`), &o), o.On, o.Succeeded)
	fmt.Println(json.Unmarshal([]byte(`{"on":"2024-04-31","succeeded":true}`), &o))
	var a retry.Attempt
	fmt.Println(json.Unmarshal([]byte(`{"on":"2024-04-02","state":"failed"}`), &a), a.On, a.State)
	// Output:
	// <nil> 2024-04-02 true
	// period: field on: invalid date "2024-04-31": day 31 is not in 2024-04
	// <nil> 2024-04-02 failed
}
