package subscriptiontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// sameTimeline reports how a and b differ, by their JSON encodings, or ""
// if they are the same.
func sameTimeline(a, b subscription.Timeline) string {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return fmt.Sprintf("encoding: %v, %v", errA, errB)
	}
	if bytes.Equal(ja, jb) {
		return ""
	}
	i := 0
	for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("first difference at byte %d:\n  %s\n  %s", i, clip(ja, from, i+120), clip(jb, from, i+120))
}

func clip(b []byte, from, to int) string { return string(b[min(from, len(b)):min(to, len(b))]) }

func (c *checker) replay(tl subscription.Timeline) {
	r, err := subscription.Replay(c.s.Terms(), c.s.Events())
	if err != nil {
		c.add(RuleReplay, "Replay: %v", err)
		return
	}
	tr, err := r.Timeline(c.span, c.asOf)
	if err != nil {
		c.add(RuleReplay, "Timeline after Replay: %v", err)
		return
	}
	if diff := sameTimeline(tl, tr); diff != "" {
		c.add(RuleReplay, "timelines differ after Replay: %s", diff)
	}
}

func (c *checker) roundTrip(tl subscription.Timeline) {
	b, err := json.Marshal(c.s)
	if err != nil {
		c.add(RuleJSON, "encoding the subscription: %v", err)
		return
	}
	var back subscription.Subscription
	if err := json.Unmarshal(b, &back); err != nil {
		c.add(RuleJSON, "decoding %s: %v", b, err)
		return
	}
	if again, err := json.Marshal(back); err != nil || !bytes.Equal(again, b) {
		c.add(RuleJSON, "encoding changed after a round-trip: %v\n  %s\n  %s", err, b, again)
	}
	tb, err := back.Timeline(c.span, c.asOf)
	if err != nil {
		c.add(RuleJSON, "Timeline after decoding: %v", err)
		return
	}
	if diff := sameTimeline(tl, tb); diff != "" {
		c.add(RuleJSON, "timelines differ after a JSON round-trip: %s", diff)
	}
	jt, err := json.Marshal(tl)
	if err != nil {
		c.add(RuleJSON, "encoding the timeline: %v", err)
		return
	}
	var tback subscription.Timeline
	if err := json.Unmarshal(jt, &tback); err != nil {
		c.add(RuleJSON, "decoding the timeline: %v", err)
		return
	}
	if diff := sameTimeline(tl, tback); diff != "" {
		c.add(RuleJSON, "timeline changed by a JSON round-trip: %s", diff)
	}
}

// issued returns the invoices of tl issued as of its date.
func issued(tl subscription.Timeline) []invoice.Invoice {
	var out []invoice.Invoice
	for _, ti := range tl.Invoices {
		if ti.Issued {
			out = append(out, ti.Invoice)
		}
	}
	return out
}

func sameInvoices(a, b []invoice.Invoice) string {
	for i := range max(len(a), len(b)) {
		switch {
		case i >= len(a):
			return fmt.Sprintf("extra invoice of %s issued on %s", b[i].Period, b[i].IssueDate)
		case i >= len(b):
			return fmt.Sprintf("invoice of %s issued on %s is gone", a[i].Period, a[i].IssueDate)
		case !a[i].Equal(b[i]):
			return fmt.Sprintf("invoice of %s issued on %s, total %s, became the invoice of %s issued on %s, total %s",
				a[i].Period, a[i].IssueDate, a[i].Total, b[i].Period, b[i].IssueDate, b[i].Total)
		}
	}
	return ""
}

func (c *checker) issuedStable(tl subscription.Timeline, end date.Date, hasEnd bool) {
	now := issued(tl)
	laters := []date.Date{c.asOf + 1, c.asOf + 31, c.asOf + 366, c.span.End}
	if hasEnd {
		laters = append(laters, end)
	}
	for _, l := range laters {
		if l <= c.asOf {
			continue
		}
		tl2, err := c.s.Timeline(c.span, l)
		if err != nil {
			c.add(RuleViews, "Timeline(%s, %s): %v", c.span, l, err)
			continue
		}
		var kept []invoice.Invoice
		for _, inv := range issued(tl2) {
			if inv.IssueDate <= c.asOf {
				kept = append(kept, inv)
			}
		}
		if diff := sameInvoices(now, kept); diff != "" {
			c.add(RuleIssuedStable, "as of %s, then %s: %s", c.asOf, l, diff)
		}
	}
	// The log up to asOf must issue the same invoices: events after asOf
	// cannot rewrite what was issued.
	evs := slices.Collect(c.s.Events())
	n := len(evs)
	for n > 0 && evs[n-1].Date > c.asOf {
		n--
	}
	if n == len(evs) {
		return
	}
	prefix, err := subscription.Replay(c.s.Terms(), slices.Values(evs[:n]))
	if err != nil {
		c.add(RuleViews, "Replay of the %d events up to %s: %v", n, c.asOf, err)
		return
	}
	tp, err := prefix.Timeline(c.span, c.asOf)
	if err != nil {
		c.add(RuleViews, "Timeline of the log up to %s: %v", c.asOf, err)
		return
	}
	if diff := sameInvoices(issued(tp), now); diff != "" {
		c.add(RuleIssuedStable, "the events after %s changed an invoice issued by then: %s", c.asOf, diff)
	}
}
