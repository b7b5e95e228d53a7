package subscription_test

import (
	"strings"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
)

// The JSON of the views of the corpus.
const (
	hJSONPer     = `{"start":"2025-01-15","end":"2025-02-15"}`
	hJSONInvoice = `{"kind":"invoice","issue_date":"2025-01-15","period":` + hJSONPer + `,"buyer":"acme","beneficiary":"bob",` +
		`"lines":[{"kind":"recurring","description":"recurring","period":` + hJSONPer + `,"quantity":1,` +
		`"unit_price":{"amount":"1.00","currency":"EUR"},"amount":{"amount":"1.00","currency":"EUR"}}],` +
		`"subtotal":{"amount":"1.00","currency":"EUR"},"discount":{"amount":"0.00","currency":"EUR"},` +
		`"total":{"amount":"1.00","currency":"EUR"},"currency":"EUR"}`
	hJSONAttempt = `{"due":"2025-02-15","number":1,"state":"planned"}`
	hJSONFlex    = `{"days":{"start":"2025-04-01","end":"2025-04-10"},"reason":"injury"}`
)

// hostileJSONViews: the small views with unknown and duplicate keys,
// case-folded names and enums, numbers that are not integers or below
// their bounds, lenient dates, missing required fields, fields that
// contradict each other.
func hostileJSONViews(c *hostileCorpus) {
	bad := subscription.ErrInvalidView
	c.addDocs("Status", decodeJSON[subscription.Status], []hostileDoc{
		{"unknown key", `{"state":"active","since":"2025-01-15"}`, bad, "since"},
		{"duplicate state", `{"state":"active","state":"paused"}`, bad, "duplicate"},
		{"case-folded State", `{"State":"active"}`, bad, "State"},
		{"state Active", `{"state":"Active"}`, bad, "Active"},
		{"state empty", `{"state":""}`, bad, ""},
		{"state a number", `{"state":3}`, bad, ""},
		{"state null", `{"state":null}`, bad, "state"},
		{"reason none", `{"state":"suspended","reason":"none"}`, bad, ""},
		{"duplicate reason", `{"state":"suspended","reason":"by_business","reason":"payment_due"}`, bad, "duplicate"},
		{"an array", `[{"state":"active"}]`, bad, ""},
		{"truncated", `{"state":"active"`, bad, ""},
		{"data after the object", `{"state":"active"}"x"`, bad, ""},
	})
	bp := func(extra string) string { return `{"period":` + hJSONPer + extra + `}` }
	c.addDocs("BillingPeriod", decodeJSON[subscription.BillingPeriod], []hostileDoc{
		{"number -1", bp(`,"number":-1`), bad, "-1"},
		{"number 1.0", bp(`,"number":1.0`), bad, ""},
		{"number 1e3", bp(`,"number":1e3`), bad, ""},
		{"number -0", bp(`,"number":-0`), bad, ""},
		{"number beyond int64", bp(`,"number":9223372036854775808`), bad, ""},
		{"number a string", bp(`,"number":"1"`), bad, ""},
		{"missing number", bp(``), bad, "number"},
		{"missing period", `{"number":0}`, bad, "period"},
		{"period reversed", `{"period":{"start":"2025-02-15","end":"2025-01-15"},"number":0}`, period.ErrInvalidRange, ""},
		{"period lenient", `{"period":{"start":"2025-02-30","end":"2025-03-15"},"number":0}`, period.ErrInvalidDate, "period.start"},
		{"period unknown key", `{"period":{"start":"2025-01-15","end":"2025-02-15","last":"2025-02-14"},"number":0}`, bad, ""},
		{"paused a string", bp(`,"number":0,"paused":"true"`), bad, ""},
		{"pause reason a number", bp(`,"number":0,"pause_reason":1`), bad, ""},
		{"unknown key", bp(`,"number":0,"billed":true`), bad, "billed"},
		{"duplicate number", bp(`,"number":0,"number":1`), bad, "duplicate"},
	})
	seg := func(extra string) string { return `{"period":` + hJSONPer + `,"state":"active"` + extra + `}` }
	c.addDocs("Segment", decodeJSON[subscription.Segment], []hostileDoc{
		{"cause -2", seg(`,"cause":-2`), bad, "-2"},
		{"missing cause", seg(``), bad, "cause"},
		{"cause -1.0", seg(`,"cause":-1.0`), bad, ""},
		{"state with a space", `{"period":` + hJSONPer + `,"state":"paused ","cause":0}`, bad, ""},
		{"period in 10000", `{"period":{"start":"9999-12-01","end":"10000-01-01"},"state":"active","cause":-1}`, period.ErrInvalidDate, ""},
		{"reason sick", seg(`,"cause":0,"reason":"sick"`), bad, "sick"},
		{"unknown key", seg(`,"cause":0,"causes":[0]`), bad, ""},
		{"duplicate cause", seg(`,"cause":0,"cause":1`), bad, "duplicate"},
	})
	ti := func(inv, extra string) string { return `{"invoice":` + inv + extra + `}` }
	c.addDocs("TimelineInvoice", decodeJSON[subscription.TimelineInvoice], []hostileDoc{
		{"missing issued", ti(hJSONInvoice, `,"payment":"paid"`), bad, "issued"},
		{"missing payment", ti(hJSONInvoice, `,"issued":true`), bad, "payment"},
		{"missing invoice", `{"issued":true,"payment":"paid"}`, bad, "invoice"},
		{"payment Paid", ti(hJSONInvoice, `,"issued":true,"payment":"Paid"`), bad, "Paid"},
		{"payment refunded", ti(hJSONInvoice, `,"issued":true,"payment":"refunded"`), bad, ""},
		{"issued 1", ti(hJSONInvoice, `,"issued":1,"payment":"paid"`), bad, ""},
		{"issued a string", ti(hJSONInvoice, `,"issued":"true","payment":"paid"`), bad, ""},
		{"total that does not add up", ti(strings.Replace(hJSONInvoice, `"total":{"amount":"1.00"`, `"total":{"amount":"2.00"`, 1), `,"issued":true,"payment":"paid"`), bad, ""},
		{"line in USD", ti(strings.Replace(hJSONInvoice, `"amount":{"amount":"1.00","currency":"EUR"}}]`, `"amount":{"amount":"1.00","currency":"USD"}}]`, 1), `,"issued":true,"payment":"paid"`), bad, ""},
		{"issue date lenient", ti(strings.Replace(hJSONInvoice, `"issue_date":"2025-01-15"`, `"issue_date":"2025-02-30"`, 1), `,"issued":true,"payment":"paid"`), period.ErrInvalidDate, ""},
		{"unknown key", ti(hJSONInvoice, `,"issued":true,"payment":"paid","paid_on":"2025-01-15"`), bad, "paid_on"},
	})
	hostileJSONRetry(c)
	hostileJSONActions(c)
}

// hostileJSONRetry: retry periods whose fields contradict their state,
// with lenient dates and null attempts.
func hostileJSONRetry(c *hostileCorpus) {
	bad := subscription.ErrInvalidView
	rp := func(state, extra string) string {
		return `{"due":"2025-02-15","state":"` + state + `","attempts":[{"on":"2025-02-16","state":"failed"}]` + extra + `}`
	}
	c.addDocs("RetryPeriod", decodeJSON[subscription.RetryPeriod], []hostileDoc{
		{"recovered without settled date", rp("recovered", ``), bad, "settled"},
		{"exhausted without settled date", rp("exhausted", ``), bad, ""},
		{"retrying with a settled date", rp("retrying", `,"next":"2025-02-17","settled":"2025-02-17"`), bad, ""},
		{"exhausted with a next attempt", rp("exhausted", `,"settled":"2025-02-18","next":"2025-02-19"`), bad, "next"},
		{"recovered with a next attempt", rp("recovered", `,"settled":"2025-02-17","next":"2025-02-18"`), bad, ""},
		{"settled and closed", rp("exhausted", `,"settled":"2025-02-18","closed":"2025-02-17"`), bad, "closed"},
		{"unpaid while retrying, not closed", rp("retrying", `,"next":"2025-02-17","unpaid":true`), bad, "unpaid"},
		{"next attempt on the closing day", rp("retrying", `,"next":"2025-02-17","closed":"2025-02-17"`), bad, ""},
		{"next attempt after the closing day", rp("retrying", `,"next":"2025-02-18","closed":"2025-02-17"`), bad, ""},
		{"due 2021-02-30", `{"due":"2021-02-30","state":"retrying","attempts":[]}`, period.ErrInvalidDate, "due"},
		{"due 02/01/2021", `{"due":"02/01/2021","state":"retrying","attempts":[]}`, period.ErrInvalidDate, ""},
		{"next 2025-2-17", rp("retrying", `,"next":"2025-2-17"`), period.ErrInvalidDate, ""},
		{"settled +002025-02-17", rp("recovered", `,"settled":"+002025-02-17"`), period.ErrInvalidDate, ""},
		{"attempts null", `{"due":"2025-02-15","state":"retrying","attempts":null}`, bad, "attempts"},
		{"attempts missing", `{"due":"2025-02-15","state":"retrying"}`, bad, "attempts"},
		{"null attempt", `{"due":"2025-02-15","state":"retrying","attempts":[null]}`, bad, "attempts[0]"},
		{"attempt with an unknown key", `{"due":"2025-02-15","state":"retrying","attempts":[{"on":"2025-02-16","state":"failed","by":"x"}]}`, bad, ""},
		{"attempt state Planned", `{"due":"2025-02-15","state":"retrying","attempts":[{"on":"2025-02-16","state":"Planned"}]}`, bad, ""},
		{"state Retrying", rp("Retrying", ``), bad, "Retrying"},
		{"unpaid a string", rp("exhausted", `,"settled":"2025-02-18","unpaid":"yes"`), bad, ""},
	})
	pi := func(extra string) string { return `{"id":0,"on":"2025-02-01","reason":"injury"` + extra + `}` }
	c.addDocs("PauseInfo", decodeJSON[subscription.PauseInfo], []hostileDoc{
		{"both kinds", pi(`,"flexible":` + hJSONFlex + `,"whole_period":{"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"injury"}`), bad, "exactly one"},
		{"neither kind", pi(``), bad, ""},
		{"id -1", `{"id":-1,"on":"2025-02-01","reason":"injury","flexible":` + hJSONFlex + `}`, bad, "-1"},
		{"id 1.5", `{"id":1.5,"on":"2025-02-01","reason":"injury","flexible":` + hJSONFlex + `}`, bad, ""},
		{"on 2025-02-30", `{"id":0,"on":"2025-02-30","reason":"injury","flexible":` + hJSONFlex + `}`, period.ErrInvalidDate, ""},
		{"missing reason", `{"id":0,"on":"2025-02-01","flexible":` + hJSONFlex + `}`, bad, "reason"},
		{"flexible reversed", pi(`,"flexible":{"days":{"start":"2025-04-10","end":"2025-04-01"},"reason":"injury"}`), period.ErrInvalidRange, ""},
		{"whole period without period", pi(`,"whole_period":{"periods":[],"reason":"injury"}`), bad, ""},
		{"unknown key", pi(`,"flexible":` + hJSONFlex + `,"deleted":false`), bad, "deleted"},
		{"duplicate id", `{"id":0,"id":1,"on":"2025-02-01","reason":"injury","flexible":` + hJSONFlex + `}`, bad, "duplicate"},
	})
}

// hostileJSONActions: actions without the one field their kind needs,
// attempts numbered below one, state changes with causes below −1.
func hostileJSONActions(c *hostileCorpus) {
	bad := subscription.ErrInvalidView
	change := `{"state":"active","from":"trial","cause":-1}`
	c.addDocs("Action", decodeJSON[subscription.Action], []hostileDoc{
		{"invoice without invoice", `{"on":"2025-01-15","kind":"invoice"}`, bad, "invoice"},
		{"invoice with an attempt", `{"on":"2025-01-15","kind":"invoice","invoice":` + hJSONInvoice + `,"attempt":` + hJSONAttempt + `}`, bad, ""},
		{"attempt with a change", `{"on":"2025-02-16","kind":"attempt","change":` + change + `}`, bad, "attempt"},
		{"attempt with attempt and change", `{"on":"2025-02-16","kind":"attempt","attempt":` + hJSONAttempt + `,"change":` + change + `}`, bad, ""},
		{"trial end without change", `{"on":"2025-02-15","kind":"trial_end"}`, bad, "change"},
		{"trial end with an invoice", `{"on":"2025-01-15","kind":"trial_end","invoice":` + hJSONInvoice + `}`, bad, ""},
		{"kind Invoice", `{"on":"2025-01-15","kind":"Invoice","invoice":` + hJSONInvoice + `}`, bad, "Invoice"},
		{"kind unknown", `{"on":"2025-01-15","kind":"refund","change":` + change + `}`, bad, ""},
		{"on lenient", `{"on":"2025-02-29","kind":"attempt","attempt":` + hJSONAttempt + `}`, period.ErrInvalidDate, ""},
		{"missing kind", `{"on":"2025-02-16","attempt":` + hJSONAttempt + `}`, bad, "kind"},
		{"missing on", `{"kind":"attempt","attempt":` + hJSONAttempt + `}`, bad, "on"},
		{"attempt number 0", `{"on":"2025-02-16","kind":"attempt","attempt":{"due":"2025-02-15","number":0,"state":"planned"}}`, bad, "attempt.number"},
	})
	c.addDocs("AttemptAction", decodeJSON[subscription.AttemptAction], []hostileDoc{
		{"number 0", `{"due":"2025-02-15","number":0,"state":"planned"}`, bad, "number"},
		{"number -1", `{"due":"2025-02-15","number":-1,"state":"planned"}`, bad, ""},
		{"number 1.0", `{"due":"2025-02-15","number":1.0,"state":"planned"}`, bad, ""},
		{"number beyond int64", `{"due":"2025-02-15","number":9223372036854775808,"state":"planned"}`, bad, ""},
		{"state with a space", `{"due":"2025-02-15","number":1,"state":"planned "}`, bad, ""},
		{"state done", `{"due":"2025-02-15","number":1,"state":"done"}`, bad, "done"},
		{"missing due", `{"number":1,"state":"planned"}`, bad, "due"},
		{"due 2025-2-15", `{"due":"2025-2-15","number":1,"state":"planned"}`, period.ErrInvalidDate, ""},
		{"missing state", `{"due":"2025-02-15","number":1}`, bad, "state"},
		{"unknown key", `{"due":"2025-02-15","number":1,"state":"planned","on":"2025-02-16"}`, bad, ""},
	})
	c.addDocs("StateChange", decodeJSON[subscription.StateChange], []hostileDoc{
		{"cause -2", `{"state":"paused","from":"active","cause":-2}`, bad, "-2"},
		{"from Active", `{"state":"paused","from":"Active","cause":4}`, bad, "Active"},
		{"missing from", `{"state":"paused","cause":4}`, bad, "from"},
		{"missing cause", `{"state":"paused","from":"active"}`, bad, "cause"},
		{"state unknown", `{"state":"frozen","from":"active","cause":4}`, bad, "frozen"},
		{"plan P0M", `{"state":"active","from":"active","cause":4,"plan":{"every":"P0M","price":{"recurring":{"amount":"1.00","currency":"EUR"}}}}`, subscription.ErrInvalidPlan, ""},
		{"pause reason a number", `{"state":"paused","from":"active","cause":4,"pause_reason":1}`, bad, ""},
		{"unknown key", `{"state":"paused","from":"active","cause":4,"to":"active"}`, bad, ""},
		{"duplicate from", `{"state":"paused","from":"active","from":"trial","cause":4}`, bad, "duplicate"},
		{"reason sick", `{"state":"suspended","reason":"sick","from":"active","cause":4}`, bad, ""},
	})
}
