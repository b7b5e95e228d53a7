package billing

import (
	"slices"
	"testing"

	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// window is how many days after the start the properties look at: long
// enough for yearly renewals, retries and the end of most terms.
const window = 400

// TestDueOnAgreesWithTheLibrary checks the stand-ins for Agenda and
// NextAction (issue 13) against the library's own views, over generated
// logs: every invoice Invoices lists is due on its issue date and on no
// other day; every planned retry attempt is due on its day; nothing lies
// strictly between d and NextActionAfter(d), and DueOn of that day is never
// empty; and NextActionAfter is false only when nothing is due again.
func TestDueOnAgreesWithTheLibrary(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := Subscription{s: subscriptiontest.Subscription().Draw(t, "sub")}
		lo, hi := s.Start()-1, s.Start()+window
		dues := make(map[date.Date]Due, window)
		var keys []string
		for d := lo; d < hi; d++ {
			due, err := s.DueOn(d)
			if err != nil {
				t.Fatalf("DueOn(%s): %v", d, err)
			}
			dues[d] = due
			for _, inv := range due.Invoices {
				keys = append(keys, inv.Key)
			}
		}
		checkInvoices(t, s, lo, hi, keys)
		checkAttempts(t, s, lo, hi, dues)
		checkNext(t, s, lo, hi, dues)
	})
}

func checkInvoices(t *rapid.T, s Subscription, lo, hi date.Date, got []string) {
	invs, err := s.Invoices(lo, hi+400)
	if err != nil {
		t.Fatalf("Invoices: %v", err)
	}
	var want []string
	for _, inv := range invs {
		if inv.IssueDate >= lo && inv.IssueDate < hi {
			want = append(want, inv.Key)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("invoices due day by day %v; Invoices issued in [%s, %s) %v", got, lo, hi, want)
	}
}

func checkAttempts(t *rapid.T, s Subscription, lo, hi date.Date, dues map[date.Date]Due) {
	for _, rp := range s.s.RetryPeriods() {
		for i, a := range rp.Status.Attempts {
			if a.State != retry.Planned || a.On < lo || a.On >= hi {
				continue
			}
			if !slices.Contains(dues[a.On].Attempts, Attempt{Due: rp.Due, Number: i + 1}) {
				t.Fatalf("attempt %d of %s planned on %s is not in DueOn: %+v", i+1, rp.Due, a.On, dues[a.On])
			}
		}
	}
}

func checkNext(t *rapid.T, s Subscription, lo, hi date.Date, dues map[date.Date]Due) {
	for d := lo; d < hi; d++ {
		next, ok := s.NextActionAfter(d)
		end := hi
		if ok && next < hi {
			end = next
			if dues[next].Empty() {
				t.Fatalf("NextActionAfter(%s) = %s, on which nothing is due", d, next)
			}
		}
		for x := d + 1; x < end; x++ {
			if !dues[x].Empty() {
				t.Fatalf("NextActionAfter(%s) = %s, %v; but %s has %+v", d, next, ok, x, dues[x])
			}
		}
	}
}

// TestAgenda checks that the agenda of a span is the days DueOn is not
// empty, in order.
func TestAgenda(t *testing.T) {
	s, _, err := NewSubscription([]byte(`{"plan":{"every":"P1W","price":{"recurring":{"amount":"5.00","currency":"EUR"}},"periods":3},"start":"2025-01-06"}`))
	if err != nil {
		t.Fatal(err)
	}
	days, err := s.Agenda(s.Start(), s.Start()+60)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range days {
		got = append(got, d.On.String())
	}
	// Three weekly invoices, the start (pending → active) and the end of the term.
	want := []string{"2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"}
	if !slices.Equal(got, want) {
		t.Fatalf("agenda days %v; want %v", got, want)
	}
	if c := days[3].Change; c == nil || c.To.State != "terminated" {
		t.Fatalf("2025-01-27: change %+v; want terminated", c)
	}
	if n, ok := s.NextActionAfter(days[3].On); ok {
		t.Fatalf("NextActionAfter(end) = %s; want none after the term", n)
	}
}
