package main

import (
	"strings"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/rickb777/date/v2"
)

// request is one API call of a scenario, made on a given day before that
// day's run of the daily job.
type request struct {
	on           date.Date
	method, path string
	body         string
}

// scenario is a customer's year: the subscription, the calls made on it,
// and the charges the fake PSP declines.
type scenario struct {
	id, series, terms string
	script            []request
	declines          []job.Decline
}

// day parses a constant date.
func day(s string) date.Date {
	d, err := billing.ParseDay(s)
	if err != nil {
		panic(err) // constant text only
	}
	return d
}

// gymYear is a gym member's year: twelve months at 49.00 from 2025-01-01; a
// two-week vacation in March (a flexible pause, compensated by one more
// month at the end); an injury that takes June and July (a whole-period
// pause that moves them to the end); the class card frozen for the injury;
// and the renewal of 2025-09-01 declined twice, recovered by the second retry.
var gymYear = scenario{
	id: "gym-4711", series: "GYM",
	terms: `{"plan":{"name":"Gym 12 months","every":"P1M","price":{"recurring":{"amount":"49.00","currency":"EUR"}},` +
		`"periods":12,"retry":{"attempts":5}},"start":"2025-01-01","beneficiary":"member:4711"}`,
	script: []request{
		{day("2025-02-20"), "POST", "/subscriptions/gym-4711/commands/add_flexible_pause",
			`{"on":"2025-02-20","pause":{"days":{"start":"2025-03-10","end":"2025-03-24"},"reason":"vacation","extension":{"periods":1}}}`},
		{day("2025-04-01"), "POST", "/subscriptions/gym-4711/passes",
			`{"id":"card-4711","pass":{"valid":{"start":"2025-04-01","end":"2025-07-01"},"sessions":10,"used":3}}`},
		{day("2025-05-20"), "POST", "/subscriptions/gym-4711/commands/add_whole_period_pause",
			`{"on":"2025-05-20","pause":{"periods":[{"start":"2025-06-01","end":"2025-07-01"},{"start":"2025-07-01","end":"2025-08-01"}],"reason":"injury"}}`},
		{day("2025-06-01"), "POST", "/subscriptions/gym-4711/passes/card-4711/commands/freeze", `{"on":"2025-06-01"}`},
		{day("2025-08-01"), "POST", "/subscriptions/gym-4711/passes/card-4711/commands/unfreeze", `{"on":"2025-08-01"}`},
	},
	declines: []job.Decline{{Subscription: "gym-4711", Due: day("2025-09-01"), Failures: 2}},
}

// saasYear is a SaaS customer's year: monthly at 99.00 from 2025-01-15
// with 5 seats, 12.00 a month for each seat beyond, billed to a buyer;
// three seats added on 2025-03-01 and billed at once for the 14 days left
// of 28 (an invoice of 18.00); the renewal of 2025-04-15 and its three
// retries declined, so the subscription is suspended for payment due; the
// customer comes back on 2025-05-20, after the unpaid period ended, which
// renews from that day; two seats given back on 2025-09-05, credited for
// the 15 days left of 31 (a credit note); and in November they terminate
// at the end of the period.
var saasYear = scenario{
	id: "saas-acme", series: "SAAS",
	terms: `{"plan":{"name":"Team monthly","every":"P1M","price":{"recurring":{"amount":"99.00","currency":"EUR"},` +
		`"features":[{"name":"seats","kind":"limitation","quantity_included":5,"quantity_current":5,` +
		`"unit_price":{"amount":"12.00","currency":"EUR"}}]},` +
		`"retry":{"attempts":3,"on_exhausted":"suspend"}},"start":"2025-01-15","buyer":"acme-billing","beneficiary":"acme"}`,
	script: []request{
		{day("2025-03-01"), "POST", "/subscriptions/saas-acme/commands/change_quantity",
			`{"on":"2025-03-01","feature":"seats","quantity":8,"proration":"prorate_now","ref":"ticket-1042"}`},
		{day("2025-05-20"), "POST", "/subscriptions/saas-acme/commands/update_payment_method", `{"on":"2025-05-20"}`},
		{day("2025-05-20"), "POST", "/subscriptions/saas-acme/commands/restart", `{"on":"2025-05-20"}`},
		{day("2025-09-05"), "POST", "/subscriptions/saas-acme/commands/change_quantity",
			`{"on":"2025-09-05","feature":"seats","quantity":6,"proration":"prorate_now","ref":"ticket-2077"}`},
		{day("2025-11-02"), "POST", "/subscriptions/saas-acme/commands/terminate_at_period_end", `{"on":"2025-11-02"}`},
	},
	declines: []job.Decline{{Subscription: "saas-acme", Due: day("2025-04-15"), Failures: 4}},
}

// createBody is the body that creates the scenario's subscription.
func (s scenario) createBody() string {
	return `{"id":"` + s.id + `","series":"` + s.series + `","terms":` + s.terms + `}`
}

// playYear creates the scenarios' subscriptions and plays every day from
// first through last: the day's calls, then the day's run of the job.
func playYear(c *client, first, last date.Date, scs ...scenario) error {
	for _, s := range scs {
		if err := c.must(201, "POST", "/subscriptions", s.createBody(), nil); err != nil {
			return err
		}
	}
	return playDays(c, first, last, scs...)
}

// playDays plays every day from first through last.
func playDays(c *client, first, last date.Date, scs ...scenario) error {
	for d := first; d <= last; d++ {
		for _, s := range scs {
			for _, r := range s.script {
				if r.on == d {
					if err := c.must(expectStatus(r), r.method, r.path, r.body, nil); err != nil {
						return err
					}
				}
			}
		}
		if err := c.must(200, "POST", "/jobs/run-due", `{"on":"`+d.String()+`"}`, nil); err != nil {
			return err
		}
	}
	return nil
}

// expectStatus is 201 for a creation, 200 for a command.
func expectStatus(r request) int {
	if strings.HasSuffix(r.path, "/passes") {
		return 201
	}
	return 200
}
