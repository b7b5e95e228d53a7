package retry_test

import (
	"errors"
	"fmt"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
)

func ExamplePolicy_AttemptDates() {
	failedOn := period.MustParseDate("2024-04-01")

	daily := retry.Policy{Attempts: 3}
	for d := range daily.AttemptDates(failedOn) {
		fmt.Println("daily", d)
	}
	smart := retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}
	for d := range smart.AttemptDates(failedOn) {
		fmt.Println("smart", d)
	}
	fmt.Println("window", daily.Window(), smart.Window())
	fmt.Println("service kept on", smart.GracePeriod(failedOn))
	// Output:
	// daily 2024-04-02
	// daily 2024-04-03
	// daily 2024-04-04
	// smart 2024-04-02
	// smart 2024-04-04
	// smart 2024-04-06
	// smart 2024-04-08
	// window 3 7
	// service kept on [2024-04-01, 2024-04-08)
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
	fmt.Println(st.State, "next", st.Next, len(st.Attempts), "attempts")

	// Recovered: the second attempt succeeds. Later attempts are not listed.
	st, _ = pol.Evaluate(failedOn, []retry.Outcome{
		{On: period.MustParseDate("2024-04-02")},
		{On: period.MustParseDate("2024-04-03"), Succeeded: true},
	})
	fmt.Println(st.State, "on", st.Settled)
	for _, a := range st.Attempts {
		fmt.Println(" ", a.On, a.State)
	}
	fmt.Println("renewed period starts", pol.RenewedStart(failedOn, st.Settled))

	// A failure on a day with no planned attempt is an error.
	_, err := pol.Evaluate(failedOn, []retry.Outcome{{On: period.MustParseDate("2024-04-03")}})
	fmt.Println(err)
	// Output:
	// retrying next 2024-04-03 5 attempts
	// recovered on 2024-04-03
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
	fmt.Println(rules.SuspendsFor(1), rules.SuspendsFor(2))
	// Output: false true
}
