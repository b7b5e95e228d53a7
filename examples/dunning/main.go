// Command dunning tells the story of a failed renewal charge and its retries.
//
// A monthly subscription at 10.00 EUR starts on 1 March 2024; the renewal
// charge due on 1 April 2024 (D) fails. Two retry policies are compared: five
// attempts one a day (D+1 … D+5), and Stripe-style smart retries on D+1, D+3,
// D+5 and D+7. For each, two endings are played side by side:
//
//   - recovered: the attempt of 2 April fails and the payment of 3 April
//     succeeds (with the smart policy, a payment made by hand between two
//     attempts). The service never stops and the renewed period is still
//     [2024-04-01, 2024-05-01), at the full price: the unpaid days are not
//     given again.
//   - exhausted: every attempt fails, and the subscription ends on the day of
//     the last one, D+5 or D+7, with no attempt planned after it.
//
// The program prints the attempts (planned, failed, succeeded), the state of
// each variant day by day around the failure, and the renewed period.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/rickb777/date/v2"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

var (
	start = period.MustParseDate("2024-03-01")
	due   = period.MustParseDate("2024-04-01") // D: the renewal charge that fails
	paid  = period.MustParseDate("2024-04-03") // the payment of the recovered variant
)

type policy struct {
	name string
	p    retry.Policy
}

var policies = []policy{
	{"daily x5", retry.Policy{Attempts: 5}},
	{"smart 1,3,5,7", retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}}},
}

// variant is one subscription of the story: a policy and an ending.
type variant struct {
	name string
	sub  subscription.Subscription
}

func newSub(p retry.Policy) (subscription.Subscription, error) {
	return subscription.New(subscription.Terms{
		Plan: subscription.Plan{
			Name:  "Basic",
			Every: period.Monthly,
			Price: invoice.Price{Recurring: invoice.MustParseMoney("10.00", invoice.EUR)},
			Retry: p,
		},
		Start:       start,
		Beneficiary: "customer:42",
	})
}

// failUntil records the failed charge on D and the failed attempts planned
// on or before last.
func failUntil(s subscription.Subscription, p retry.Policy, last date.Date) (subscription.Subscription, error) {
	s, err := s.RecordPaymentFailure(due, due)
	if err != nil {
		return s, err
	}
	attempts, err := p.AttemptDates(due)
	if err != nil {
		return s, err
	}
	for on := range attempts {
		if on > last {
			break
		}
		if s, err = s.RecordPaymentFailure(on, due); err != nil {
			return s, err
		}
	}
	return s, nil
}

// variants returns, for policy p, the subscription as of D+1 (one attempt
// failed, the others planned), the recovered ending and the exhausted one.
func variants(p policy) (soFar, recovered, exhausted variant, err error) {
	base, err := newSub(p.p)
	if err != nil {
		return
	}
	d1 := due + 1
	s, err := failUntil(base, p.p, d1)
	if err != nil {
		return
	}
	soFar = variant{p.name + ", as of " + d1.String(), s}

	s, err = failUntil(base, p.p, paid-1)
	if err != nil {
		return
	}
	if s, err = s.RecordPayment(paid, due); err != nil {
		return
	}
	recovered = variant{p.name + ", paid " + paid.String(), s}

	s, err = failUntil(base, p.p, date.Max())
	if err != nil {
		return
	}
	exhausted = variant{p.name + ", all fail", s}
	return
}

func run(w io.Writer) error {
	fmt.Fprintf(w, "Monthly 10.00 EUR from %s; the renewal charge due %s (D) fails.\n", start, due)
	for _, p := range policies {
		grace, err := p.p.GracePeriod(due)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-14s %s; service kept on %s\n", p.name+":", p.p, grace)
	}

	var all, endings []variant
	for _, p := range policies {
		soFar, rec, exh, err := variants(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		all = append(all, soFar, rec, exh)
		endings = append(endings, rec, exh)
	}

	fmt.Fprintln(w, "\nAttempts (Subscription.RetryPeriods)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  variant\tdue\tattempts\tretry state\tsettled\tunpaid")
	for _, v := range all {
		for rp := range v.sub.RetryPeriods() {
			var as []string
			for _, a := range rp.Attempts {
				as = append(as, fmt.Sprintf("%s %s", a.On.Format("01-02"), a.State))
			}
			settled := "-"
			if rp.State != retry.Retrying {
				settled = rp.Settled.String()
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%v\n",
				v.name, rp.Due, strings.Join(as, ", "), rp.State, settled, rp.Unpaid)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nState per day (* = entitled)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	hdr := []string{"  day"}
	for _, v := range endings {
		hdr = append(hdr, v.name)
	}
	fmt.Fprintln(tw, strings.Join(hdr, "\t"))
	for d := period.MustParseDate("2024-03-30"); d <= period.MustParseDate("2024-04-10"); d++ {
		row := []string{"  " + d.String()}
		for _, v := range endings {
			mark := ""
			if v.sub.Entitled(d) {
				mark = "*"
			}
			row = append(row, v.sub.StatusOn(d).State.String()+mark)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nOutcome")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  variant\tinvoice of the renewal\ttotal\tnext renewal\ttermination")
	for _, v := range endings {
		var invs []invoice.Invoice
		for inv, err := range v.sub.Invoices(period.Period{Start: due, End: due + 1}) {
			if err != nil {
				return err
			}
			invs = append(invs, inv)
		}
		inv, total := "-", "-"
		if len(invs) > 0 {
			inv = invs[0].IssueDate.String() + " " + invs[0].Period.String()
			total = invs[0].Total.String()
		}
		next, term := "-", "-"
		if d, ok := v.sub.NextRenewal(paid); ok {
			next = d.String()
		}
		if d, ok := v.sub.TerminationDate(); ok {
			term = fmt.Sprintf("%s (last day %s)", d, d-1)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", v.name, inv, total, next, term)
	}
	return tw.Flush()
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dunning:", err)
		os.Exit(1)
	}
}
