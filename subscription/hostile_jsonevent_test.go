package subscription_test

import (
	"strings"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
)

// hostileJSONEvent: events with unknown and duplicate keys, case-folded
// names and kinds, lenient and impossible dates, numbers that are not
// integers, fields of another kind, the caller's context over its limits.
func hostileJSONEvent(c *hostileCorpus) {
	bad, badDate := subscription.ErrInvalidEvent, period.ErrInvalidDate
	at := func(date string) string { return `{"kind":"restart","date":"` + date + `"}` }
	del := func(id string) string { return `{"kind":"delete_pause","date":"2025-03-01","pause_id":` + id + `}` }
	qty := func(q string) string {
		return `{"kind":"change_quantity","date":"2025-03-01","feature":"seats","proration":"prorate_now","quantity":` + q + `}`
	}
	c.addDocs("Event", decodeJSON[subscription.Event], []hostileDoc{
		{"unknown key", `{"kind":"terminate","date":"2025-03-01","efective":"2025-03-01"}`, bad, "efective"},
		{"duplicate date", `{"kind":"restart","date":"2025-03-01","date":"2025-03-02"}`, bad, "duplicate"},
		{"case-folded Kind", `{"Kind":"restart","date":"2025-03-01"}`, bad, "Kind"},
		{"case-folded DATE", `{"kind":"restart","DATE":"2025-03-01"}`, bad, ""},
		{"kind Restart", `{"kind":"Restart","date":"2025-03-01"}`, bad, "Restart"},
		{"kind empty", `{"kind":"","date":"2025-03-01"}`, bad, ""},
		{"kind a number", `{"kind":4,"date":"2025-03-01"}`, bad, ""},
		{"kind unknown", `{"kind":"refund","date":"2025-03-01"}`, bad, "refund"},
		{"date 2021-02-30", at("2021-02-30"), badDate, "2021-02-30"},
		{"date 02/01/2021", at("02/01/2021"), badDate, ""},
		{"date 2021-2-3", at("2021-2-3"), badDate, ""},
		{"date +002021-01-01", at("+002021-01-01"), badDate, ""},
		{"date 0000-01-01", at("0000-01-01"), badDate, ""},
		{"date 10000-01-01", at("10000-01-01"), badDate, ""},
		{"date with a time", at("2021-01-01T00:00:00Z"), badDate, ""},
		{"date with a space", at(" 2021-01-01"), badDate, ""},
		{"date 2021-13-01", at("2021-13-01"), badDate, ""},
		{"date a number", `{"kind":"restart","date":20210101}`, bad, ""},
		{"date null", `{"kind":"restart","date":null}`, bad, "date"},
		{"missing date", `{"kind":"restart"}`, bad, "date"},
		{"missing kind", `{"date":"2025-03-01"}`, bad, "kind"},
		{"empty object", `{}`, bad, ""},
		{"suspend without reason", `{"kind":"suspend","date":"2025-03-01"}`, bad, "reason"},
		{"suspend for reason none", `{"kind":"suspend","date":"2025-03-01","reason":"none"}`, bad, ""},
		{"suspend for reason By_Business", `{"kind":"suspend","date":"2025-03-01","reason":"By_Business"}`, bad, ""},
		{"restart with a reason", `{"kind":"restart","date":"2025-03-01","reason":"by_business"}`, bad, "reason"},
		{"pause id 1.0", del("1.0"), bad, ""},
		{"pause id 1e3", del("1e3"), bad, ""},
		{"pause id -0", del("-0"), bad, ""},
		{"pause id beyond int64", del("9223372036854775808"), bad, ""},
		{"pause id -1", del("-1"), bad, "-1"},
		{"pause id a string", del(`"1"`), bad, ""},
		{"quantity a string", qty(`"5"`), bad, ""},
		{"quantity 1e18", qty("1e18"), bad, ""},
		{"quantity beyond int64", qty("9223372036854775808"), bad, ""},
		{"quantity above MaxQuantity", qty("1000000000000000001"), bad, "1000000000000000001"},
		{"quantity -1", qty("-1"), bad, ""},
		{"meta duplicate key", `{"kind":"restart","date":"2025-03-01","meta":{"by":"ana","by":"bob"}}`, bad, "duplicate"},
		{"meta value a number", `{"kind":"restart","date":"2025-03-01","meta":{"by":1}}`, bad, ""},
		{"meta value an object", `{"kind":"restart","date":"2025-03-01","meta":{"by":{"name":"ana"}}}`, bad, ""},
		{"meta empty key", `{"kind":"restart","date":"2025-03-01","meta":{"":"ana"}}`, bad, ""},
		{"meta an array", `{"kind":"restart","date":"2025-03-01","meta":["ana"]}`, bad, ""},
		{"ref too long", `{"kind":"restart","date":"2025-03-01","ref":"` + hLongRef + `"}`, bad, "257"},
		{"ref a number", `{"kind":"restart","date":"2025-03-01","ref":42}`, bad, ""},
		{"due after the date", `{"kind":"record_payment","date":"2025-03-01","due":"2025-03-15"}`, bad, "2025-03-15"},
		{"due lenient", `{"kind":"record_payment","date":"2025-03-01","due":"2025-02-29"}`, badDate, ""},
		{"effective before the date", `{"kind":"terminate","date":"2025-03-01","effective":"2025-02-01"}`, bad, ""},
		{"credit partial", `{"kind":"terminate","date":"2025-03-01","effective":"2025-03-01","credit":"partial"}`, bad, "partial"},
		{"proration ProrateNow", `{"kind":"change_plan_now","date":"2025-03-01","plan":` + hJSONPlan("") + `,"proration":"ProrateNow"}`, bad, ""},
		{"plan P0M", `{"kind":"change_plan","date":"2025-03-01","plan":{"every":"P0M","price":{"recurring":{"amount":"1.00","currency":"EUR"}}}}`, subscription.ErrInvalidPlan, ""},
		{"plan unrounded", `{"kind":"change_plan","date":"2025-03-01","plan":{"every":"P1M","price":{"recurring":{"amount":"1.001","currency":"EUR"}}}}`, invoice.ErrInvalidAmount, ""},
		{"flexible reversed", `{"kind":"add_flexible_pause","date":"2025-03-01","flexible":{"days":{"start":"2025-04-10","end":"2025-04-01"},"reason":"x"}}`, period.ErrInvalidRange, ""},
		{"flexible lenient", `{"kind":"add_flexible_pause","date":"2025-03-01","flexible":{"days":{"start":"2025-04-31","end":"2025-05-10"},"reason":"x"}}`, badDate, ""},
		{"override unrounded", `{"kind":"add_flexible_pause","date":"2025-03-01","flexible":{"days":{"start":"2025-03-20","end":"2025-04-05"},"reason":"x",` +
			`"overrides":[{"period":{"start":"2025-03-15","end":"2025-04-15"},"mode":"fixed_amount","amount":{"amount":"1.005","currency":"EUR"}}]}}`, invoice.ErrInvalidAmount, ""},
		{"extension unrounded", `{"kind":"add_flexible_pause","date":"2025-03-01","flexible":{"days":{"start":"2025-03-20","end":"2025-04-05"},"reason":"x",` +
			`"extension":{"periods":1,"amount":{"amount":"30.001","currency":"EUR"}}}}`, invoice.ErrInvalidAmount, ""},
		{"whole period without periods", `{"kind":"add_whole_period_pause","date":"2025-03-01","whole_period":{"periods":null,"reason":"x"}}`, bad, ""},
		{"discount 101 %", `{"kind":"grant_discount","date":"2025-03-01","discount":{"name":"x","kind":"percent","percent":"101"}}`, bad, ""},
		{"discount in USD with amount 1e2", `{"kind":"grant_discount","date":"2025-03-01","discount":{"name":"x","kind":"fixed","amount":{"amount":"1e2","currency":"USD"}}}`, bad, ""},
		{"an array", `[` + at("2025-03-01") + `]`, bad, ""},
		{"truncated", `{"kind":"restart","date":"2025-03-01"`, bad, ""},
		{"data after the object", at("2025-03-01") + `,`, bad, ""},
	})
}

// The JSON of a subscription with one more member.
func hJSONSub(extra string) string {
	return `{"plan":` + hJSONPlan("") + `,"start":"2025-01-15"` + extra + `}`
}

// hostileJSONSubscription: subscriptions with a misspelt log, duplicate
// or case-folded keys, dates lenient or outside the calendar, terms that
// cannot work, logs that cannot apply.
func hostileJSONSubscription(c *hostileCorpus) {
	bad := subscription.ErrInvalidTerms
	plan := `{"plan":` + hJSONPlan("")
	start := func(d string) string { return plan + `,"start":"` + d + `"}` }
	events := func(ev ...string) string { return hJSONSub(`,"events":[` + strings.Join(ev, ",") + `]`) }
	term := `{"kind":"terminate","date":"2025-02-01","effective":"2025-02-01"}`
	c.addDocs("Subscription", decodeJSON[subscription.Subscription], []hostileDoc{
		{"misspelt events", hJSONSub(`,"event":[` + term + `]`), bad, "event"},
		{"case-folded Events", hJSONSub(`,"Events":[` + term + `]`), bad, "Events"},
		{"duplicate events", hJSONSub(`,"events":[` + term + `],"events":[]`), bad, "duplicate"},
		{"duplicate start", hJSONSub(`,"start":"2025-02-15"`), bad, "duplicate"},
		{"duplicate plan", hJSONSub(`,"plan":` + hJSONPlan("")), bad, "duplicate"},
		{"start 2025-02-30", start("2025-02-30"), period.ErrInvalidDate, "2025-02-30"},
		{"start 0000-01-01", start("0000-01-01"), bad, ""},
		{"start 10000-01-01", start("10000-01-01"), bad, ""},
		{"start +002025-01-15", start("+002025-01-15"), bad, ""},
		{"start 2025-1-15", start("2025-1-15"), bad, ""},
		{"start 15/01/2025", start("15/01/2025"), bad, ""},
		{"start a number", plan + `,"start":20250115}`, bad, ""},
		{"start null", plan + `,"start":null}`, bad, "start"},
		{"missing start", plan + `}`, bad, "start"},
		{"missing plan", `{"start":"2025-01-15"}`, bad, "plan"},
		{"null plan", `{"plan":null,"start":"2025-01-15"}`, bad, "plan"},
		{"plan of 1e18 periods", `{"plan":` + hJSONPlan(`,"periods":1e18`) + `,"start":"2025-01-15"}`, subscription.ErrInvalidPlan, ""},
		{"term past 9999", `{"plan":` + hJSONPlan(`,"periods":12`) + `,"start":"9999-12-01"}`, bad, ""},
		{"anchor before the start", hJSONSub(`,"anchor":"2025-01-01"`), bad, "2025-01-01"},
		{"anchor a period after", hJSONSub(`,"anchor":"2025-02-15"`), bad, ""},
		{"anchor lenient", hJSONSub(`,"anchor":"2025-01-32"`), period.ErrInvalidDate, ""},
		{"buyer too long", hJSONSub(`,"buyer":"` + hLongRef + `"`), bad, "257"},
		{"buyer a number", hJSONSub(`,"buyer":7`), bad, ""},
		{"beneficiary an array", hJSONSub(`,"beneficiary":["bob"]`), bad, ""},
		{"events an object", hJSONSub(`,"events":{}`), bad, ""},
		{"events a string", hJSONSub(`,"events":"[]"`), bad, ""},
		{"null event", events("null"), bad, "events[0]"},
		{"event with an unknown key", events(`{"kind":"restart","date":"2025-03-01","when":"now"}`), subscription.ErrInvalidEvent, "events[0]"},
		{"event lenient", events(`{"kind":"restart","date":"2025-02-29"}`), period.ErrInvalidDate, "events[0].date"},
		{"event due after its date", events(`{"kind":"record_payment","date":"2025-03-01","due":"2025-03-15"}`), bad, "events[0]"},
		{"restart not suspended", events(`{"kind":"restart","date":"2025-03-01"}`), subscription.ErrNotSuspended, ""},
		{"events out of order", events(`{"kind":"invalidate_payment_method","date":"2025-03-01"}`, `{"kind":"update_payment_method","date":"2025-02-01"}`), subscription.ErrOutOfOrder, ""},
		{"restart after the termination", events(term, `{"kind":"restart","date":"2025-03-01"}`), subscription.ErrTerminated, ""},
		{"extension in USD", `{"plan":` + hJSONPlan(`,"periods":12`) + `,"start":"2025-01-15","events":[{"kind":"add_flexible_pause","date":"2025-02-01",` +
			`"flexible":{"days":{"start":"2025-03-20","end":"2025-04-05"},"reason":"x","extension":{"periods":1,"amount":{"amount":"30.00","currency":"USD"}}}}]}`,
			invoice.ErrCurrencyMismatch, ""},
		{"event before the start", events(`{"kind":"invalidate_payment_method","date":"2025-01-01"}`), subscription.ErrBeforeStart, ""},
		{"an array", `[` + hJSONSub("") + `]`, bad, ""},
		{"truncated", plan + `,"start":"2025-01-15","events":[`, bad, ""},
		{"data after the object", hJSONSub("") + `{}`, bad, ""},
	})
}
