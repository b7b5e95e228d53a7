package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/billcycle/billcycle/examples/backend/internal/api"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

// demo plays a gym member's and a SaaS customer's 2025 through the API, on
// a server it starts on a loopback port, with the daily job run each day,
// and prints what was issued and the outbox.
func demo(ctx context.Context, dsn string, out io.Writer) error {
	c, stop, err := startLocal(ctx, dsn, append(slices.Clone(gymYear.declines), saasYear.declines...))
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(out, "billcycle backend demo: %s and %s through 2025, the daily job run every day\n", gymYear.id, saasYear.id)
	if err := playYear(c, day("2025-01-01"), day("2025-12-31"), gymYear, saasYear); err != nil {
		return err
	}
	for _, s := range []scenario{gymYear, saasYear} {
		if err := printInvoices(c, s.id, out); err != nil {
			return err
		}
	}
	return printOutbox(c, out)
}

// startLocal opens the store and serves the API on a loopback port; stop
// shuts both down.
func startLocal(ctx context.Context, dsn string, declines []job.Decline) (*client, func(), error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	runner := &job.Runner{Store: st, PSP: &job.FakePSP{Script: declines}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	srv := &http.Server{Handler: (&api.Server{Store: st, Runner: runner}).Handler()}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		_ = srv.Close()
		_ = st.Close()
	}
	return &client{base: "http://" + ln.Addr().String(), http: &http.Client{}}, stop, nil
}

// invoiceSummary is the part of an invoice's JSON the demo prints.
type invoiceSummary struct {
	Period struct{ Start, End string }       `json:"period"`
	Total  struct{ Amount, Currency string } `json:"total"`
	Lines  []struct {
		Kind string `json:"kind"`
	} `json:"lines"`
}

// printInvoices prints the invoices and credit notes issued to
// subscription id.
func printInvoices(c *client, id string, out io.Writer) error {
	var invs []struct {
		Number    string          `json:"number"`
		Kind      string          `json:"kind"`
		IssueDate string          `json:"issue_date"`
		Invoice   json.RawMessage `json:"invoice"`
	}
	if err := c.must(200, "GET", "/subscriptions/"+id+"/invoices", nil, &invs); err != nil {
		return err
	}
	var st struct{ State, Reason string }
	if err := c.must(200, "GET", "/subscriptions/"+id+"/state?on=2025-12-31", nil, &st); err != nil {
		return err
	}
	notes := 0
	for _, inv := range invs {
		if inv.Kind == "credit_note" {
			notes++
		}
	}
	fmt.Fprintf(out, "\n%s: %s and %s issued; state on 2025-12-31: %s\n", id, count(len(invs)-notes, "invoice"),
		count(notes, "credit note"), strings.TrimSpace(st.State+" "+st.Reason))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  number\tissued\tperiod\ttotal\tmain line")
	for _, inv := range invs {
		var s invoiceSummary
		if err := json.Unmarshal(inv.Invoice, &s); err != nil {
			return err
		}
		kind := ""
		if len(s.Lines) > 0 {
			kind = s.Lines[0].Kind
		}
		fmt.Fprintf(tw, "  %s\t%s\t[%s, %s)\t%s %s\t%s\n", inv.Number, inv.IssueDate, s.Period.Start, s.Period.End,
			s.Total.Amount, s.Total.Currency, kind)
	}
	return tw.Flush()
}

// printOutbox prints every undelivered outbox message.
func printOutbox(c *client, out io.Writer) error {
	var msgs []struct {
		ID             int64           `json:"id"`
		SubscriptionID string          `json:"subscription_id"`
		Topic          string          `json:"topic"`
		On             string          `json:"on"`
		Payload        json.RawMessage `json:"payload"`
	}
	if err := c.must(200, "GET", "/outbox?limit=1000", nil, &msgs); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nOutbox: %d messages for the webhooks\n", len(msgs))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, m := range msgs {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", m.ID, m.On, m.SubscriptionID, m.Topic, summary(m.Topic, m.Payload))
	}
	return tw.Flush()
}

// summary is one line about an outbox payload.
func summary(topic string, payload []byte) string {
	var p struct {
		Number        string `json:"number"`
		CreditsNumber string `json:"credits_number"`
		TotalMinor    int64  `json:"total_minor"`
		Due           string `json:"due"`
		Attempt       int    `json:"attempt"`
		Succeeded     bool   `json:"succeeded"`
		Decline       string `json:"decline"`
		Change        struct{ State, Reason, From string }
		Kind, Key     string
	}
	_ = json.Unmarshal(payload, &p)
	switch topic {
	case "invoice.issued":
		return fmt.Sprintf("%s, %s", p.Number, cents(p.TotalMinor))
	case "credit_note.issued":
		return fmt.Sprintf("%s, %s, credits %s", p.Number, cents(p.TotalMinor), p.CreditsNumber)
	case "attempt.due":
		outcome := "paid"
		if !p.Succeeded {
			outcome = "declined: " + p.Decline
		}
		return fmt.Sprintf("charge of %s #%d %s", p.Due, p.Attempt, outcome)
	case "state.changed":
		return strings.TrimSpace(fmt.Sprintf("%s: %s → %s %s", p.Kind, p.Change.From, p.Change.State, p.Change.Reason))
	default:
		return fmt.Sprintf("%s %s", p.Kind, p.Key)
	}
}

// cents prints an amount of minor units of a two-digit currency: -9.68.
func cents(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	return fmt.Sprintf("%s%d.%02d", sign, minor/100, minor%100)
}

// count writes n things: "1 invoice", "2 invoices".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
