package subscription_test

import (
	"strings"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

// hostileDoc is a JSON document, and the sentinel its decoding must
// match; msg, when set, is a text the message must contain.
type hostileDoc struct {
	name, data string
	want       error
	msg        string
}

// addDocs adds a case per document, decoded by decode.
func (c *hostileCorpus) addDocs(prefix string, decode func(data string) func() error, docs []hostileDoc) {
	for _, d := range docs {
		c.addMsg(prefix+" "+d.name, d.want, d.msg, decode(d.data))
	}
}

// The JSON of the corpus: a plan with one more member, hJSONPlan(`,"periods":12`).
const hPlanHead = `{"every":"P1M","price":{"recurring":{"amount":"30.00","currency":"EUR"}}`

func hJSONPlan(extra string) string { return hPlanHead + extra + "}" }

// hostileJSONPlan: plans and trials with unknown and duplicate keys,
// case-folded names, numbers that are not integers or beyond int64,
// recurrences and amounts that cannot work, documents that are not one
// object.
func hostileJSONPlan(c *hostileCorpus) {
	bad := subscription.ErrInvalidPlan
	price := `"price":{"recurring":{"amount":"30.00","currency":"EUR"}}`
	c.addDocs("Plan", decodeJSON[subscription.Plan], []hostileDoc{
		{"unknown key", hJSONPlan(`,"retyr":{}`), bad, "field retyr"},
		{"misspelt every", `{"evry":"P1M",` + price + `}`, bad, "evry"},
		{"duplicate every", `{"every":"P1M","every":"P1W",` + price + `}`, bad, "duplicate"},
		{"case-folded Every", `{"Every":"P1M",` + price + `}`, bad, "Every"},
		{"case-folded PRICE", `{"every":"P1M","PRICE":{"recurring":{"amount":"30.00","currency":"EUR"}}}`, bad, ""},
		{"periods as a string", hJSONPlan(`,"periods":"12"`), bad, ""},
		{"periods 1e3", hJSONPlan(`,"periods":1e3`), bad, "1e3"},
		{"periods 12.0", hJSONPlan(`,"periods":12.0`), bad, ""},
		{"periods -0", hJSONPlan(`,"periods":-0`), bad, ""},
		{"periods 1e18", hJSONPlan(`,"periods":1e18`), bad, ""},
		{"periods 10^18", hJSONPlan(`,"periods":1000000000000000000`), bad, ""},
		{"periods beyond int64", hJSONPlan(`,"periods":9223372036854775808`), bad, ""},
		{"periods below int64", hJSONPlan(`,"periods":-9223372036854775809`), bad, ""},
		{"periods -1", hJSONPlan(`,"periods":-1`), bad, "-1"},
		{"periods MaxPeriods+1", hJSONPlan(`,"periods":3652060`), bad, "3652060"},
		{"periods true", hJSONPlan(`,"periods":true`), bad, ""},
		{"every P0M", `{"every":"P0M",` + price + `}`, period.ErrInvalidRecurrence, ""},
		{"every P9000Y", `{"every":"P9000Y",` + price + `}`, bad, "P9000Y"},
		{"every P366000M", `{"every":"P366000M",` + price + `}`, bad, ""},
		{"every in lower case", `{"every":"p1m",` + price + `}`, bad, ""},
		{"every with a space", `{"every":"P1M ",` + price + `}`, bad, ""},
		{"every as a number", `{"every":1,` + price + `}`, bad, ""},
		{"every two units", `{"every":"P1M1D",` + price + `}`, bad, ""},
		{"missing every", `{` + price + `}`, bad, "every"},
		{"null every", `{"every":null,` + price + `}`, bad, "every"},
		{"missing price", `{"every":"P1M"}`, bad, "price"},
		{"null price", `{"every":"P1M","price":null}`, bad, "price"},
		{"unrounded price", `{"every":"P1M","price":{"recurring":{"amount":"30.005","currency":"EUR"}}}`, invoice.ErrInvalidAmount, "30.005"},
		{"price as a number", `{"every":"P1M","price":{"recurring":{"amount":30.00,"currency":"EUR"}}}`, bad, ""},
		{"price 1e3", `{"every":"P1M","price":{"recurring":{"amount":"1e3","currency":"EUR"}}}`, bad, ""},
		{"price beyond MaxMinor", `{"every":"P1M","price":{"recurring":{"amount":"10000000000000.01","currency":"EUR"}}}`, bad, ""},
		{"price in lower-case eur", `{"every":"P1M","price":{"recurring":{"amount":"30.00","currency":"eur"}}}`, bad, ""},
		{"price in XXX", `{"every":"P1M","price":{"recurring":{"amount":"30.00","currency":"XXX"}}}`, bad, ""},
		{"price without currency", `{"every":"P1M","price":{"recurring":{"amount":"30.00"}}}`, bad, ""},
		{"duplicate recurring", `{"every":"P1M","price":{"recurring":{"amount":"30.00","currency":"EUR"},"recurring":{"amount":"1.00","currency":"EUR"}}}`, bad, "duplicate"},
		{"null feature", `{"every":"P1M","price":{"recurring":{"amount":"30.00","currency":"EUR"},"features":[null]}}`, bad, ""},
		{"null discount", `{"every":"P1M","price":{"recurring":{"amount":"30.00","currency":"EUR"},"discounts":[null]}}`, bad, ""},
		{"trial price in USD", hJSONPlan(`,"trial":{"periods":1,"price":{"amount":"1.00","currency":"USD"}}`), invoice.ErrCurrencyMismatch, "USD"},
		{"trial price unrounded", hJSONPlan(`,"trial":{"periods":1,"price":{"amount":"1.005","currency":"EUR"}}`), invoice.ErrInvalidAmount, ""},
		{"trial price negative", hJSONPlan(`,"trial":{"periods":1,"price":{"amount":"-1.00","currency":"EUR"}}`), bad, ""},
		{"trial in days and periods", hJSONPlan(`,"trial":{"days":14,"periods":1}`), bad, ""},
		{"trial as long as the term", hJSONPlan(`,"periods":12,"trial":{"periods":12}`), bad, ""},
		{"trial days 1e3", hJSONPlan(`,"trial":{"days":1e3}`), bad, ""},
		{"trial days MaxTrialDays+1", hJSONPlan(`,"trial":{"days":36526}`), bad, "36526"},
		{"billing In_Advance", hJSONPlan(`,"billing":"In_Advance"`), bad, "In_Advance"},
		{"billing advance", hJSONPlan(`,"billing":"advance"`), bad, ""},
		{"billing 1", hJSONPlan(`,"billing":1`), bad, ""},
		{"retry too long", hJSONPlan(`,"retry":{"attempts":28}`), retry.ErrRetryTooLong, ""},
		{"retry unknown key", hJSONPlan(`,"retry":{"attempt":3}`), bad, "attempt"},
		{"retry offsets decreasing", hJSONPlan(`,"retry":{"attempts":2,"offsets":[3,1]}`), bad, ""},
		{"suspension -1", hJSONPlan(`,"suspension":{"unpaid_invoices":-1}`), bad, ""},
		{"suspension unknown key", hJSONPlan(`,"suspension":{"unpaid":2}`), bad, ""},
		{"pauses min above max", hJSONPlan(`,"pauses":{"min_days":40,"max_days":30}`), pause.ErrInvalidPolicy, ""},
		{"pause fee in USD", hJSONPlan(`,"pauses":{"fee":{"flat":{"amount":"5.00","currency":"USD"}}}`), invoice.ErrCurrencyMismatch, ""},
		{"pause fee unrounded", hJSONPlan(`,"pauses":{"fee":{"flat":{"amount":"5.005","currency":"EUR"}}}`), invoice.ErrInvalidAmount, ""},
		{"name too long", hJSONPlan(`,"name":"` + strings.Repeat("n", 300) + `"`), bad, "300 bytes"},
		{"name a number", hJSONPlan(`,"name":7`), bad, ""},
		{"an array", `[` + hJSONPlan("") + `]`, bad, ""},
		{"a string", `"P1M"`, bad, ""},
		{"a number", `1`, bad, ""},
		{"nothing", ``, bad, ""},
		{"truncated", hPlanHead, bad, ""},
		{"cut in a string", `{"every":"P1`, bad, ""},
		{"data after the object", hJSONPlan("") + ` {}`, bad, "after"},
		{"a brace too many", hJSONPlan("") + `}`, bad, ""},
	})
	hostileJSONTrial(c)
}

// hostileJSONTrial: trials that are not the form TrialOffer writes.
func hostileJSONTrial(c *hostileCorpus) {
	bad := subscription.ErrInvalidPlan
	c.addDocs("TrialOffer", decodeJSON[subscription.TrialOffer], []hostileDoc{
		{"unknown key", `{"day":14}`, bad, "day"},
		{"duplicate days", `{"days":14,"days":7}`, bad, "duplicate"},
		{"days as a string", `{"days":"14"}`, bad, ""},
		{"days 1.5", `{"days":1.5}`, bad, ""},
		{"days -0", `{"days":-0}`, bad, ""},
		{"periods beyond int64", `{"periods":99999999999999999999}`, bad, ""},
		{"price in ZZZ", `{"periods":1,"price":{"amount":"1.00","currency":"ZZZ"}}`, bad, ""},
		{"price as a number", `{"periods":1,"price":1}`, bad, ""},
		{"an array", `[{"days":14}]`, bad, ""},
		{"truncated", `{"days":14`, bad, ""},
	})
}
