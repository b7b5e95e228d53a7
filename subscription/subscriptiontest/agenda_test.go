package subscriptiontest_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// agendaKey names an action for comparisons.
func agendaKey(a subscription.Action) string {
	b, err := json.Marshal(a)
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

func agendaKeys(s subscription.Subscription, span period.Period) []string {
	var out []string
	for a := range s.Agenda(span) {
		out = append(out, agendaKey(a))
	}
	return out
}

// TestAgendaProperties checks the agenda against the views it summarises,
// and NextAction against the agenda, over generated subscriptions.
func TestAgendaProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := subscriptiontest.Subscription().Draw(t, "sub")
		js, _ := json.Marshal(s)
		t.Logf("subscription: %s", js)
		from := s.Start() - 3
		days := 200
		span := period.Period{Start: from, End: from + date.Date(days)}
		tl, err := s.Timeline(span, span.End)
		if err != nil {
			t.Fatalf("Timeline: %v", err)
		}

		// The agenda of a span is the agendas of its days, one after the other.
		var byDay []string
		for d := span.Start; d < span.End; d++ {
			byDay = append(byDay, agendaKeys(s, period.Period{Start: d, End: d + 1})...)
		}
		whole := agendaKeys(s, span)
		if !slices.Equal(whole, byDay) {
			t.Fatalf("agenda of %s:\n%v\nagendas of its days:\n%v", span, whole, byDay)
		}

		// Invoices: exactly those issued in the span.
		var issued, listed []string
		invs, err := collect(s.Invoices(period.Period{Start: span.Start - 400, End: span.End}))
		if err != nil {
			t.Fatalf("Invoices: %v", err)
		}
		for _, inv := range invs {
			if span.Contains(inv.IssueDate) {
				issued = append(issued, fmt.Sprintf("%s %s %s", inv.IssueDate, inv.Period, inv.Total))
			}
		}
		// Changes of state: exactly the segment starts after the first.
		var starts, changes []date.Date
		for i, sg := range tl.Segments {
			if i > 0 {
				starts = append(starts, sg.Period.Start)
			}
		}
		attempts := 0
		for a := range s.Agenda(span) {
			switch a.Kind {
			case subscription.ActionInvoice:
				listed = append(listed, fmt.Sprintf("%s %s %s", a.Invoice.IssueDate, a.Invoice.Period, a.Invoice.Total))
			case subscription.ActionAttempt:
				attempts++
			case subscription.ActionPlanChange:
			default:
				if a.On != span.Start {
					changes = append(changes, a.On)
				}
			}
		}
		slices.Sort(issued)
		slices.Sort(listed)
		if !slices.Equal(issued, listed) {
			t.Fatalf("invoices issued in %s: %v; agenda: %v", span, issued, listed)
		}
		if !slices.Equal(starts, changes) {
			t.Fatalf("segment starts %v; agenda changes %v", starts, changes)
		}
		want := 0
		for rp := range s.RetryPeriods() {
			for _, a := range rp.Attempts {
				if span.Contains(a.On) {
					want++
				}
			}
		}
		if attempts != want {
			t.Fatalf("%d attempts in the agenda, %d in the retry periods", attempts, want)
		}

		// NextAction: nothing strictly between d and it, something on it.
		d := from + date.Date(rapid.IntRange(0, days).Draw(t, "after"))
		next, ok := s.NextAction(d)
		limit := span.End + 800
		if ok {
			limit = min(limit, next)
			if n := len(agendaKeys(s, period.Period{Start: next, End: next + 1})); n == 0 {
				t.Fatalf("NextAction(%s) = %s, whose agenda is empty", d, next)
			}
		}
		if between := agendaKeys(s, period.Period{Start: d + 1, End: limit}); len(between) > 0 {
			t.Fatalf("NextAction(%s) = %s, %t; but the agenda holds %v", d, next, ok, between)
		}
	})
}
