package subscription_test

import (
	"encoding/json"
	"fmt"
	"iter"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// hJSONTimeline returns the JSON of a timeline with one more member.
func hJSONTimeline(extra string) string {
	return `{"span":{"start":"2025-01-01","end":"2025-05-01"},"as_of":"2025-02-20"` + extra + `}`
}

// hostileJSONTimeline: timelines and previews with lenient dates in
// their retry periods, nulls in their lists, events that are not, spans
// reversed or outside the calendar.
func hostileJSONTimeline(c *hostileCorpus) {
	bad := subscription.ErrInvalidView
	retries := func(due string) string {
		return hJSONTimeline(`,"retries":[{"due":"` + due + `","state":"retrying","attempts":[]}]`)
	}
	c.addDocs("Timeline", decodeJSON[subscription.Timeline], []hostileDoc{
		{"missing span", `{"as_of":"2025-02-20"}`, bad, "span"},
		{"missing as_of", `{"span":{"start":"2025-01-01","end":"2025-05-01"}}`, bad, "as_of"},
		{"as_of 2025-02-30", `{"span":{"start":"2025-01-01","end":"2025-05-01"},"as_of":"2025-02-30"}`, period.ErrInvalidDate, "as_of"},
		{"as_of 0000-01-01", `{"span":{"start":"2025-01-01","end":"2025-05-01"},"as_of":"0000-01-01"}`, period.ErrInvalidDate, ""},
		{"span reversed", `{"span":{"start":"2025-05-01","end":"2025-01-01"},"as_of":"2025-02-20"}`, period.ErrInvalidRange, ""},
		{"span into 10000", `{"span":{"start":"2025-01-01","end":"10000-01-01"},"as_of":"2025-02-20"}`, period.ErrInvalidDate, ""},
		{"retry due 2021-02-30", retries("2021-02-30"), period.ErrInvalidDate, "retries[0].due"},
		{"retry due 02/01/2021", retries("02/01/2021"), period.ErrInvalidDate, ""},
		{"retry due 2021-2-3", retries("2021-2-3"), period.ErrInvalidDate, ""},
		{"retry recovered without settled date", hJSONTimeline(`,"retries":[{"due":"2025-02-15","state":"recovered","attempts":[]}]`), bad, "retries[0]"},
		{"null segment", hJSONTimeline(`,"segments":[null]`), bad, "segments[0]"},
		{"null period", hJSONTimeline(`,"periods":[null]`), bad, ""},
		{"null invoice", hJSONTimeline(`,"invoices":[null]`), bad, ""},
		{"null retry", hJSONTimeline(`,"retries":[null]`), bad, ""},
		{"event without date", hJSONTimeline(`,"events":[{"kind":"restart"}]`), subscription.ErrInvalidEvent, "events[0]"},
		{"event lenient", hJSONTimeline(`,"events":[{"kind":"restart","date":"2025-04-31"}]`), period.ErrInvalidDate, ""},
		{"termination 10000-01-01", hJSONTimeline(`,"termination":"10000-01-01"`), period.ErrInvalidDate, ""},
		{"termination 2021-2-3", hJSONTimeline(`,"termination":"2021-2-3"`), period.ErrInvalidDate, ""},
		{"misspelt segments", hJSONTimeline(`,"segment":[]`), bad, "segment"},
		{"case-folded Span", `{"Span":{"start":"2025-01-01","end":"2025-05-01"},"as_of":"2025-02-20"}`, bad, ""},
		{"duplicate span", hJSONTimeline(`,"span":{"start":"2025-01-01","end":"2025-06-01"}`), bad, "duplicate"},
		{"segments an object", hJSONTimeline(`,"segments":{}`), bad, ""},
		{"truncated", `{"span":{"start":"2025-01-01","end":"2025-05-01"},"as_of":"2025-02-20","segments":[`, bad, ""},
		{"data after the object", hJSONTimeline(``) + `]`, bad, ""},
	})
	tl := hJSONTimeline("")
	c.addDocs("Preview", decodeJSON[subscription.Preview], []hostileDoc{
		{"missing after", `{"before":` + tl + `}`, bad, "after"},
		{"null before", `{"before":null,"after":` + tl + `}`, bad, "before"},
		{"after an array", `{"before":` + tl + `,"after":[` + tl + `]}`, bad, ""},
		{"unknown key", `{"before":` + tl + `,"after":` + tl + `,"diff":{}}`, bad, "diff"},
		{"duplicate before", `{"before":` + tl + `,"before":` + tl + `,"after":` + tl + `}`, bad, "duplicate"},
		{"after lenient", `{"before":` + tl + `,"after":{"span":{"start":"2025-01-01","end":"2025-05-01"},"as_of":"2025-02-29"}}`, period.ErrInvalidDate, "after.as_of"},
	})
}

// hostileViews: views asked about reversed spans, spans outside the
// calendar and dates at the ends of date.Date. Timeline and Preview refuse
// an invalid span; the other views must not panic, and show nothing
// outside 0001-01-01 … 9999-12-31.
func hostileViews(c *hostileCorpus, fx hostileFixtures) {
	rev, all := hPer("2025-05-01", "2025-01-01"), period.Period{Start: hMinInt, End: hMaxInt}
	late := period.Period{Start: hDay("9999-01-01"), End: hMaxInt}
	tl := func(s subscription.Subscription, span period.Period) func() error {
		return func() error { _, err := s.Timeline(span, hStart); return err }
	}
	c.add("Timeline of a reversed span", period.ErrInvalidRange, tl(fx.base, rev))
	c.add("Timeline from MinInt64", period.ErrInvalidDate, tl(fx.base, period.Period{Start: hMinInt, End: hStart}))
	c.add("Timeline to MaxInt64", period.ErrInvalidDate, tl(fx.base, period.Period{Start: hStart, End: hMaxInt}))
	c.add("Timeline from year 0000", period.ErrInvalidDate, tl(fx.base, period.Period{Start: hYear0, End: hStart}))
	c.add("Timeline into 10000", period.ErrInvalidDate, tl(fx.openLate, period.Period{Start: hDay("9999-01-01"), End: hY10000 + 1}))
	c.add("Timeline of the zero Subscription, reversed", period.ErrInvalidRange, tl(subscription.Subscription{}, rev))
	c.add("Preview of a reversed span", period.ErrInvalidRange, func() error {
		_, err := fx.suspended.Preview(func(s subscription.Subscription) (subscription.Subscription, error) {
			return s.Restart(hDay("2025-03-10"))
		}, rev, hStart)
		return err
	})
	for _, v := range []struct {
		name   string
		s      subscription.Subscription
		span   period.Period
		n      int // periods and invoices; -1: any number
		agenda int // actions; -1: any number
	}{
		{"reversed span", fx.base, rev, 0, 0},
		{"every day of date.Date", fx.base, all, 12, -1},
		{"9999 on, without end", fx.openLate, late, -1, -1},
		{"every day, from 9990", fx.nearEnd, all, 119, -1},
		{"the zero Subscription", subscription.Subscription{}, all, 0, 0},
	} {
		c.view("Periods of "+v.name, func() error { return hCheckPeriods(v.s.Periods(v.span), v.n) })
		c.view("Invoices of "+v.name, func() error { return hCheckInvoices(v.s.Invoices(v.span), v.n) })
		// Agenda loops for ever on a span ending after 1<<40 (see the
		// report); one case shows it, the others end with the calendar so
		// that no goroutine is left spinning.
		span := v.span
		if v.name != "every day of date.Date" {
			span.End = min(span.End, period.MaxDate)
		}
		c.view("Agenda of "+v.name, func() error { return hCheckAgenda(v.s.Agenda(span), v.agenda) })
	}
	hostileDateViews(c, fx)
}

// hCheckDates returns an error naming the first date outside the
// calendar.
func hCheckDates(what string, ds ...date.Date) error {
	for _, d := range ds {
		if err := period.CheckDate(d); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// hCheckPeriods checks that seq yields periods inside the calendar, want
// of them unless want is −1.
func hCheckPeriods(seq iter.Seq[subscription.BillingPeriod], want int) error {
	n := 0
	for bp := range seq {
		if err := hCheckDates(fmt.Sprintf("period %d %s", n, bp.Period), bp.Period.Start, bp.Period.End); err != nil {
			return err
		}
		n++
	}
	if want >= 0 && n != want {
		return fmt.Errorf("%d periods; want %d", n, want)
	}
	return nil
}

// hCheckInvoices checks that seq yields no error and invoices inside the
// calendar, want of them unless want is −1.
func hCheckInvoices(seq iter.Seq2[invoice.Invoice, error], want int) error {
	n := 0
	for inv, err := range seq {
		if err != nil {
			return fmt.Errorf("invoice %d: %w", n, err)
		}
		if err := hCheckDates(fmt.Sprintf("invoice %d of %s", n, inv.IssueDate), inv.IssueDate, inv.Period.Start, inv.Period.End); err != nil {
			return err
		}
		if _, err := json.Marshal(inv); err != nil {
			return fmt.Errorf("invoice %d: %w", n, err)
		}
		n++
	}
	if want >= 0 && n != want {
		return fmt.Errorf("%d invoices; want %d", n, want)
	}
	return nil
}

// hCheckAgenda checks that seq yields actions inside the calendar that
// encode to JSON and decode back, want of them unless want is −1.
func hCheckAgenda(seq iter.Seq[subscription.Action], want int) error {
	n := 0
	for a := range seq {
		if err := hCheckDates(fmt.Sprintf("action %d %s", n, a.Kind), a.On); err != nil {
			return err
		}
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("action %d: %w", n, err)
		}
		var back subscription.Action
		if err := json.Unmarshal(b, &back); err != nil {
			return fmt.Errorf("action %d %s does not decode: %w", n, b, err)
		}
		n++
	}
	if want >= 0 && n != want {
		return fmt.Errorf("%d actions; want %d", n, want)
	}
	return nil
}
