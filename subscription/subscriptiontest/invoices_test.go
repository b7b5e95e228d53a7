package subscriptiontest_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// TestInvoicesByDay checks that the invoices of a span are the invoices
// of its days, one after the other: a walk over many periods, which reuses
// the lines of a plain invoice for the next, prices every invoice as a
// walk over its day alone does.
func TestInvoicesByDay(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := subscriptiontest.Subscription().Draw(t, "sub")
		span := period.Period{Start: s.Start() - 3, End: s.Start() + date.Date(rapid.IntRange(30, 800).Draw(t, "days"))}
		encode := func(span period.Period) []string {
			var out []string
			for inv, err := range s.Invoices(span) {
				if err != nil {
					t.Fatalf("Invoices(%s): %v", span, err)
				}
				b, err := json.Marshal(inv)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, string(b))
			}
			return out
		}
		var byDay []string
		for d := span.Start; d < span.End; d++ {
			byDay = append(byDay, encode(period.Period{Start: d, End: d + 1})...)
		}
		if whole := encode(span); !slices.Equal(whole, byDay) {
			js, _ := json.Marshal(s)
			t.Fatalf("%s\ninvoices of %s:\n%v\ninvoices of its days:\n%v", js, span, whole, byDay)
		}
	})
}
