package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rickb777/date/v2"
)

// The kinds of documents filed.
const (
	// KindInvoice is an invoice, which is charged.
	KindInvoice = "invoice"
	// KindCreditNote is a credit note, which gives money back for an
	// invoice already issued.
	KindCreditNote = "credit_note"
)

// StoredInvoice is an issued document — an invoice or a credit note — as
// filed: its number in its series and its JSON, frozen once issued (a
// trigger refuses updates and deletes).
type StoredInvoice struct {
	// Series is the numbering series, such as "GYM-2025" or "GYM-CN-2025".
	Series string `json:"series"`
	// Number is the document's number in its series, from 1, without gaps.
	Number int64 `json:"number"`
	// SubscriptionID is the subscription it bills.
	SubscriptionID string `json:"subscription_id"`
	// Kind is KindInvoice or KindCreditNote.
	Kind string `json:"kind"`
	// Key identifies it within the subscription.
	Key string `json:"key"`
	// Credits is the key of the invoice a credit note credits; empty for
	// an invoice.
	Credits string `json:"credits,omitempty"`
	// IssueDate is the day it was issued.
	IssueDate date.Date `json:"issue_date"`
	// TotalMinor and Currency are the amount: due for an invoice,
	// negative (given back) for a credit note.
	TotalMinor int64  `json:"total_minor"`
	Currency   string `json:"currency"`
	// Body is the invoice's JSON.
	Body []byte `json:"-"`
}

// Ref returns the invoice's printed reference, such as "GYM-2025-000042".
func (i StoredInvoice) Ref() string { return fmt.Sprintf("%s-%06d", i.Series, i.Number) }

// IssueInvoice files inv (an invoice or a credit note) with the next number
// of its series, unless a document with its key is already filed, in which case it returns false and
// files nothing. The series counter row stays locked until the transaction
// ends, so numbers never repeat and never skip: call it last, just before
// Finish, to hold that lock briefly.
func (j *JobTx) IssueInvoice(ctx context.Context, inv StoredInvoice) (StoredInvoice, bool, error) {
	if old, ok := j.Issued[inv.Key]; ok {
		return old, false, nil
	}
	err := j.tx.QueryRowContext(ctx, `INSERT INTO invoice_series (series, last_number) VALUES ($1, 1)
		ON CONFLICT (series) DO UPDATE SET last_number = invoice_series.last_number + 1
		RETURNING last_number`, inv.Series).Scan(&inv.Number)
	if err != nil {
		return inv, false, fmt.Errorf("store: number invoice %s of %q: %w", inv.Key, j.Sub.ID, err)
	}
	inv.SubscriptionID = j.Sub.ID
	_, err = j.tx.ExecContext(ctx, `INSERT INTO invoices
		(series, number, subscription_id, kind, invoice_key, credits_key, issue_date, total_minor, currency, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, inv.Series, inv.Number, j.Sub.ID, inv.Kind, inv.Key,
		sql.NullString{String: inv.Credits, Valid: inv.Credits != ""}, inv.IssueDate.String(), inv.TotalMinor,
		inv.Currency, string(inv.Body))
	if isUnique(err) {
		return inv, false, fmt.Errorf("%w: invoice %s of %q", ErrDuplicate, inv.Key, j.Sub.ID)
	}
	if err != nil {
		return inv, false, fmt.Errorf("store: file invoice %s of %q: %w", inv.Key, j.Sub.ID, err)
	}
	j.Issued[inv.Key] = inv
	return inv, true, nil
}

const invoiceColumns = `series, number, subscription_id, kind, invoice_key, credits_key, issue_date, total_minor, currency, body`

// scanInvoices reads rows of invoiceColumns.
func scanInvoices(rows *sql.Rows) ([]StoredInvoice, error) {
	defer rows.Close()
	var out []StoredInvoice
	for rows.Next() {
		var (
			inv       StoredInvoice
			credits   sql.NullString
			day, body string
		)
		if err := rows.Scan(&inv.Series, &inv.Number, &inv.SubscriptionID, &inv.Kind, &inv.Key, &credits, &day,
			&inv.TotalMinor, &inv.Currency, &body); err != nil {
			return nil, fmt.Errorf("store: invoices: %w", err)
		}
		d, err := parseDayText(day)
		if err != nil {
			return nil, err
		}
		inv.IssueDate, inv.Credits, inv.Body = d, credits.String, []byte(body)
		out = append(out, inv)
	}
	return out, rows.Err()
}

// issuedByKey returns the invoices of subscription id by key.
func issuedByKey(ctx context.Context, q querier, id string) (map[string]StoredInvoice, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE subscription_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("store: invoices of %q: %w", id, err)
	}
	list, err := scanInvoices(rows)
	out := make(map[string]StoredInvoice, len(list))
	for _, inv := range list {
		out[inv.Key] = inv
	}
	return out, err
}

// Invoices returns the documents issued to subscription id, invoices and
// credit notes, in issue order.
func (s *Store) Invoices(ctx context.Context, id string) ([]StoredInvoice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+invoiceColumns+` FROM invoices
		WHERE subscription_id = $1 ORDER BY issue_date, series, number`, id)
	if err != nil {
		return nil, fmt.Errorf("store: invoices of %q: %w", id, err)
	}
	return scanInvoices(rows)
}

// SeriesStats is the numbering of one series: how many invoices it has
// and its lowest and highest numbers. Numbers are gap-free when
// Min == 1 and Max == Count.
type SeriesStats struct {
	// Series is the series' name, such as "GYM-2025".
	Series string
	// Count is the number of invoices; Min and Max their extreme numbers.
	Count, Min, Max int64
}

// Series returns the numbering of every series, invoices' and credit
// notes', for reports and tests.
func (s *Store) Series(ctx context.Context) ([]SeriesStats, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT series, count(*), min(number), max(number)
		FROM invoices GROUP BY series ORDER BY series`)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	defer rows.Close()
	var out []SeriesStats
	for rows.Next() {
		var st SeriesStats
		if err := rows.Scan(&st.Series, &st.Count, &st.Min, &st.Max); err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
