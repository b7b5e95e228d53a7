package subscriptiontest_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// pauseForHolidays is the code under test in this example: a backend
// helper that suspends a member over the holidays and restarts them after.
func pauseForHolidays(sub subscription.Subscription, year int) subscription.Subscription {
	from, to := date.New(year, time.December, 20), date.New(year+1, time.January, 3)
	if last := slices.Collect(sub.Events()); len(last) > 0 && last[len(last)-1].Date > from {
		return sub // the log has moved on: leave it alone
	}
	if s, err := sub.Suspend(from, subscription.ByBusiness); err == nil {
		if s, err = s.Restart(to); err == nil {
			return s
		}
	}
	return sub
}

// Example shows a user's own property test: draw any valid subscription,
// run the code under test on it, and require that the result still keeps
// every invariant. Here it runs on a fixed subscription, as an example
// must; in a test, wrap it in rapid.Check as TestExampleProperty does.
func Example() {
	plan := subscription.Plan{Every: period.Monthly, Price: invoice.Price{Recurring: invoice.MustParseMoney("29.90", invoice.EUR)}}
	sub, _ := subscription.New(subscription.Terms{Plan: plan, Start: period.MustParseDate("2024-11-15")})
	sub = pauseForHolidays(sub, 2024)
	for _, v := range subscriptiontest.Check(sub, period.MustParseDate("2025-01-03")) {
		fmt.Println(v)
	}
	fmt.Println(sub.StatusOn(period.MustParseDate("2024-12-25")).State, sub.StatusOn(period.MustParseDate("2025-01-03")).State)
	invs, _ := collect(sub.Invoices(period.Period{Start: period.MustParseDate("2024-11-15"), End: period.MustParseDate("2025-02-15")}))
	for _, inv := range invs {
		fmt.Println(inv.IssueDate, inv.Period, inv.Total)
	}
	// Output:
	// suspended active
	// 2024-11-15 [2024-11-15, 2024-12-15) 29.90 EUR
	// 2024-12-15 [2024-12-15, 2025-01-15) 29.90 EUR
	// 2025-01-15 [2025-01-15, 2025-02-15) 29.90 EUR
}

// TestExampleProperty is the property test of Example, as a user writes
// it: rapid.Check, subscriptiontest.Subscription().Draw and
// subscriptiontest.Require.
func TestExampleProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sub := subscriptiontest.Subscription().Draw(t, "sub")
		year := rapid.IntRange(2020, 2026).Draw(t, "year")
		sub = pauseForHolidays(sub, year)
		subscriptiontest.Require(t, sub, date.New(year+1, time.January, 3))
	})
}
