package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"past_due   -            2024-03-01  2024-03-03",
		"suspended  payment_due  2024-03-04  2024-04-09",
		"active     -            2024-04-10",
		"2024-04-10  [2024-04-10, 2024-05-10)  issued   reseller:acme-it  renewal",
		"feature users    3      2.00      6.00",
		"35.90 EUR",
		"2024-05-20  [2024-05-20, 2024-06-10)  issued ",
		"-4.06     -4.06    5.42 EUR",
		"2024-06-17  [2024-06-17, 2024-07-10)  issued credit note for 2024-06-10",
		"-10.73    -10.73   -9.20 EUR",
		"next renewal: 2024-07-10",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRestartIsOneRenewal(t *testing.T) {
	s, err := suspended()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.StatusOn(period.MustParseDate("2024-03-04")); got.State != subscription.Suspended || got.Reason != subscription.PaymentDue {
		t.Fatalf("status on 2024-03-04 = %v/%v, want suspended/payment_due", got.State, got.Reason)
	}
	pv, err := s.Preview(func(s subscription.Subscription) (subscription.Subscription, error) {
		return s.Restart(restartOn)
	}, span, restartOn)
	if err != nil {
		t.Fatal(err)
	}
	var issued []string
	for _, ti := range added(pv.Before.Invoices, pv.After.Invoices) {
		if ti.Issued {
			issued = append(issued, ti.Invoice.IssueDate.String()+" "+ti.Invoice.Period.String()+" "+ti.Invoice.Total.String())
		}
	}
	want := "2024-04-10 [2024-04-10, 2024-05-10) 35.90 EUR"
	if len(issued) != 1 || issued[0] != want {
		t.Errorf("invoices issued by the restart = %q, want [%q]", issued, want)
	}
	for _, ti := range pv.After.Invoices {
		if p := ti.Invoice.Period; p.Contains(period.MustParseDate("2024-04-05")) {
			t.Errorf("invoice %s covers the gap [2024-04-01, 2024-04-10)", p)
		}
	}
}
