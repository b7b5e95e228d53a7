// Command saas tells the story of a ProAbono-style SaaS subscription.
//
// A team plan at 29.90 EUR a month, with a "users" Limitation feature (5 users
// included, 2.00 EUR per extra user, 8 in use), is paid for by a reseller on
// behalf of the customer who uses it. The renewal charge of 1 March 2024 fails,
// and so do the three retries of the plan's policy, which suspends the
// subscription for payment due instead of ending it. The customer comes back on
// 10 April 2024, after the period that was running had ended, so the restart is
// a renewal: one invoice, dated on the restart, for a period
// starting that day.
//
// Back in business, the customer adds four users on 20 May, inside the period
// [2024-05-10, 2024-06-10): the change is prorated now, by the day — an
// invoice on 20 May credits the 21 days left at 8 users and charges them at
// 12. On 17 June they drop to 6 users: the days left of [2024-06-10,
// 2024-07-10) at the lower price give money back, so the document is a
// credit note naming the invoice it credits.
//
// The program prints the timeline (states and reasons), the invoices and
// credit notes with their lines as of a fixed "today", and a preview of the
// restart as support staff would see it before clicking the button.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"

	"github.com/rickb777/date/v2"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

var (
	start       = period.MustParseDate("2024-01-01")
	due         = period.MustParseDate("2024-03-01") // renewal charge that fails
	restartOn   = period.MustParseDate("2024-04-10") // after [2024-03-01, 2024-04-01) ended
	upgradeOn   = period.MustParseDate("2024-05-20") // 8 → 12 users, prorated now
	downgradeOn = period.MustParseDate("2024-06-17") // 12 → 6 users: a credit note
	today       = period.MustParseDate("2024-06-20") // the fixed "as of" date
	span        = period.Period{Start: start, End: period.MustParseDate("2024-08-01")}
)

func plan() subscription.Plan {
	eur := invoice.EUR
	extra := invoice.MustParseMoney("2.00", eur)
	return subscription.Plan{
		Name:  "Team",
		Every: period.Monthly,
		Price: invoice.Price{
			Recurring: invoice.MustParseMoney("29.90", eur),
			Features: []invoice.Feature{{
				Name:             "users",
				Kind:             invoice.Limitation,
				QuantityIncluded: 5,
				QuantityCurrent:  8,
				UnitPrice:        &extra,
			}},
		},
		Retry: retry.Policy{Attempts: 3, OnExhausted: retry.Suspend},
	}
}

// suspended builds the subscription up to the suspension for payment due:
// the renewal charge of 2024-03-01 and its three retries fail.
func suspended() (subscription.Subscription, error) {
	s, err := subscription.New(subscription.Terms{
		Plan:        plan(),
		Start:       start,
		Buyer:       "reseller:acme-it",
		Beneficiary: "customer:globex",
	})
	if err != nil {
		return s, err
	}
	// The charge itself, then the attempts on D+1, D+2, D+3.
	for _, on := range []string{"2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"} {
		if s, err = s.RecordPaymentFailure(period.MustParseDate(on), due); err != nil {
			return s, err
		}
	}
	return s, nil
}

func run(w io.Writer) error {
	s, err := suspended()
	if err != nil {
		return err
	}
	restarted, err := s.Restart(restartOn)
	if err != nil {
		return err
	}
	if restarted, err = restarted.ChangeQuantity(upgradeOn, "users", 12, subscription.ProrateNow); err != nil {
		return err
	}
	if restarted, err = restarted.ChangeQuantity(downgradeOn, "users", 6, subscription.ProrateNow); err != nil {
		return err
	}
	tl, err := restarted.Timeline(span, today)
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "SaaS subscription %q, %s from %s, buyer %s, beneficiary %s\n",
		plan().Name, plan().Every, start, restarted.Terms().Buyer, restarted.Terms().Beneficiary)
	fmt.Fprintf(w, "retry policy: %s; restarted on %s; today is %s\n\n", plan().Retry, restartOn, today)

	fmt.Fprintln(w, "Timeline")
	if err := printSegments(w, tl); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nRetry period")
	if err := printRetries(w, slices.Collect(restarted.RetryPeriods())); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nInvoices as of %s\n", today)
	if err := printInvoices(w, tl.Invoices); err != nil {
		return err
	}
	if next, ok := restarted.NextRenewal(today); ok {
		fmt.Fprintf(w, "next renewal: %s\n", next)
	}

	// What support staff see before restarting: the timeline without and
	// with the restart, as of the restart date.
	pv, err := s.Preview(func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.Restart(restartOn)
	}, span, restartOn)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nPreview of the restart on %s: invoices before\n", restartOn)
	if err := printInvoices(w, pv.Before.Invoices); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nPreview of the restart: invoices after")
	if err := printInvoices(w, pv.After.Invoices); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nPreview of the restart: what it adds")
	return printInvoices(w, added(pv.Before.Invoices, pv.After.Invoices))
}

func lastDay(p period.Period) string {
	if d, ok := p.Last(); ok {
		return d.String()
	}
	return "-"
}

func printSegments(w io.Writer, tl subscription.Timeline) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  state\treason\tfrom\tlast day\tentitled")
	for _, seg := range tl.Segments {
		reason := "-"
		if seg.Reason != 0 {
			reason = seg.Reason.String()
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%v\n",
			seg.State, reason, seg.Period.Start, lastDay(seg.Period), seg.State.Entitled())
	}
	return tw.Flush()
}

func printRetries(w io.Writer, rps []subscription.RetryPeriod) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  due\tattempt\tstate")
	for _, rp := range rps {
		for _, a := range rp.Attempts {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", rp.Due, a.On, a.State)
		}
		fmt.Fprintf(tw, "  %s\t%s\tsettled: %s (unpaid: %v)\n", rp.Due, orDash(rp.Settled), rp.State, rp.Unpaid)
	}
	return tw.Flush()
}

func orDash(d *date.Date) string {
	if d == nil {
		return "-"
	}
	return d.String()
}

func printInvoices(w io.Writer, invs []subscription.TimelineInvoice) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  issue date\tperiod\tstatus\tbilled to\tline\tqty\t    unit\t  amount\t     total")
	for _, ti := range invs {
		inv := ti.Invoice
		status := "planned"
		if ti.Issued {
			status = "issued"
		}
		if inv.Kind == invoice.KindCreditNote {
			status += " credit note for " + inv.Credits.IssueDate.String()
		}
		buyer := inv.Buyer
		if buyer == "" {
			buyer = inv.Beneficiary
		}
		for i, l := range inv.Lines {
			desc := l.Kind.String()
			if l.Description != "" && l.Description != desc {
				desc += " " + l.Description
			}
			cells := fmt.Sprintf("%s\t%3d\t%8s\t%8s", desc, l.Quantity, l.UnitPrice.Text(), l.Amount.Text())
			if i == 0 {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%10s\n", inv.IssueDate, inv.Period, status, buyer, cells, inv.Total)
			} else {
				fmt.Fprintf(tw, "  \t\t\t\t%s\n", cells)
			}
		}
	}
	return tw.Flush()
}

// added returns the invoices of after that before does not have.
func added(before, after []subscription.TimelineInvoice) []subscription.TimelineInvoice {
	var out []subscription.TimelineInvoice
outer:
	for _, a := range after {
		for _, b := range before {
			if a.Invoice.Equal(b.Invoice) {
				continue outer
			}
		}
		out = append(out, a)
	}
	return out
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "saas:", err)
		os.Exit(1)
	}
}
