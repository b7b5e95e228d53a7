package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"
)

// JobTx is the transaction in which the daily job handles one due
// subscription: the subscription's row is locked until Commit or Rollback,
// so no other worker and no command changes it meanwhile.
type JobTx struct {
	tx *sql.Tx
	// Sub is the claimed subscription with its log.
	Sub Row
	// Issued are its stored invoices by key.
	Issued map[string]StoredInvoice
	// Charges are the charges already made for it.
	Charges map[ChargeKey]Charge
}

// Claim begins a transaction and locks one subscription due on day — its
// next_action_on on or before day — that no other worker holds, skipping
// those whose job failed on day. It returns false when none is left.
//
// On PostgreSQL the lock is FOR UPDATE SKIP LOCKED: workers never wait for
// each other, and a worker that dies releases its row with its connection.
// On SQLite the write transaction itself is exclusive.
func (s *Store) Claim(ctx context.Context, day date.Date) (*JobTx, bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, fmt.Errorf("store: claim: %w", err)
	}
	q := `SELECT ` + rowColumns + ` FROM subscriptions
		WHERE next_action_on <= $1 AND (job_error_on IS NULL OR job_error_on <> $1)
		ORDER BY next_action_on, id LIMIT 1`
	if s.dialect == Postgres {
		q += ` FOR UPDATE SKIP LOCKED`
	}
	r, err := scanRow(tx.QueryRowContext(ctx, q, day.String()))
	if errors.Is(err, ErrNotFound) {
		rollback(tx)
		return nil, false, nil
	}
	if err != nil {
		rollback(tx)
		return nil, false, err
	}
	j := &JobTx{tx: tx, Sub: r}
	if err := j.load(ctx); err != nil {
		rollback(tx)
		return nil, false, err
	}
	return j, true, nil
}

// load reads the claimed subscription's log, invoices and charges.
func (j *JobTx) load(ctx context.Context) error {
	var err error
	if j.Sub.Events, err = loadEvents(ctx, j.tx, j.Sub.ID); err != nil {
		return err
	}
	j.Sub.Version = int64(len(j.Sub.Events))
	if j.Issued, err = issuedByKey(ctx, j.tx, j.Sub.ID); err != nil {
		return err
	}
	j.Charges, err = charges(ctx, j.tx, j.Sub.ID)
	return err
}

// AppendEvents adds events to the log after the ones loaded.
func (j *JobTx) AppendEvents(ctx context.Context, evs []NewEvent) error {
	for i, e := range evs {
		if err := insertEvent(ctx, j.tx, j.Sub.ID, j.Sub.Version+int64(i)+1, e); err != nil {
			return err
		}
	}
	return nil
}

// Update records the subscription's new version, the next day the job must
// look at it and the last day it handled. Call it before IssueInvoice, so
// that the series lock is held for as little as possible.
func (j *JobTx) Update(ctx context.Context, version int64, next date.Date, hasNext bool, through date.Date) error {
	_, err := j.tx.ExecContext(ctx, `UPDATE subscriptions
		SET version = $2, next_action_on = $3, processed_through = $4, job_error = NULL, job_error_on = NULL
		WHERE id = $1`, j.Sub.ID, version, dayText(next, hasNext), through.String())
	if err != nil {
		return fmt.Errorf("store: update %q: %w", j.Sub.ID, err)
	}
	return nil
}

// Commit ends the transaction.
func (j *JobTx) Commit() error {
	if err := j.tx.Commit(); err != nil {
		return fmt.Errorf("store: commit %q: %w", j.Sub.ID, err)
	}
	return nil
}

// Finish is Update then Commit.
func (j *JobTx) Finish(ctx context.Context, version int64, next date.Date, hasNext bool, through date.Date) error {
	if err := j.Update(ctx, version, next, hasNext, through); err != nil {
		return err
	}
	return j.Commit()
}

// Rollback abandons the transaction and releases the subscription.
func (j *JobTx) Rollback() { rollback(j.tx) }

// MarkJobError records that the job failed on day for subscription id, so
// that the run goes on without it; the next day's run tries it again.
func (s *Store) MarkJobError(ctx context.Context, id string, day date.Date, msg string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET job_error = $2, job_error_on = $3 WHERE id = $1`,
		id, msg, day.String())
	if err != nil {
		return fmt.Errorf("store: mark job error of %q: %w", id, err)
	}
	return nil
}

// ChargeKey identifies a charge: the invoice's due date and the attempt,
// 0 for the charge on the due date and 1… for the retries.
type ChargeKey struct {
	// Due is the issue date of the invoices charged.
	Due date.Date
	// Attempt is 0 for the first charge, then the retry's number.
	Attempt int
}

// Charge is a charge made through the PSP and its outcome.
type Charge struct {
	ChargeKey
	// On is the day of the charge.
	On date.Date
	// AmountMinor and Currency are the amount charged.
	AmountMinor int64
	Currency    string
	// Succeeded reports whether the PSP accepted the charge.
	Succeeded bool
	// Reference is the PSP's reference of the charge.
	Reference string
}

// HasCharge reports whether subscription id was charged for the invoices
// issued on due: whether the job made their first charge.
func (s *Store) HasCharge(ctx context.Context, id string, due date.Date) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM charges WHERE subscription_id = $1 AND due = $2 AND attempt = 0`,
		id, due.String()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: charges of %q: %w", id, err)
	}
	return n > 0, nil
}

// RecordCharge files a charge; a second charge with the same key is
// ErrDuplicate.
func (j *JobTx) RecordCharge(ctx context.Context, c Charge) error {
	outcome := "failed"
	if c.Succeeded {
		outcome = "succeeded"
	}
	_, err := j.tx.ExecContext(ctx, `INSERT INTO charges
		(subscription_id, due, attempt, charged_on, amount_minor, currency, outcome, psp_reference)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, j.Sub.ID, c.Due.String(), c.Attempt, c.On.String(),
		c.AmountMinor, c.Currency, outcome, c.Reference)
	if isUnique(err) {
		return fmt.Errorf("%w: charge %s #%d of %q", ErrDuplicate, c.Due, c.Attempt, j.Sub.ID)
	}
	if err != nil {
		return fmt.Errorf("store: record charge of %q: %w", j.Sub.ID, err)
	}
	j.Charges[c.ChargeKey] = c
	return nil
}

// charges returns the charges made for subscription id by key.
func charges(ctx context.Context, q querier, id string) (map[ChargeKey]Charge, error) {
	rows, err := q.QueryContext(ctx, `SELECT due, attempt, charged_on, amount_minor, currency, outcome, psp_reference
		FROM charges WHERE subscription_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("store: charges of %q: %w", id, err)
	}
	defer rows.Close()
	out := map[ChargeKey]Charge{}
	for rows.Next() {
		var (
			c           Charge
			due, on, oc string
		)
		if err := rows.Scan(&due, &c.Attempt, &on, &c.AmountMinor, &c.Currency, &oc, &c.Reference); err != nil {
			return nil, fmt.Errorf("store: charges of %q: %w", id, err)
		}
		var err1, err2 error
		c.Due, err1 = parseDayText(due)
		c.On, err2 = parseDayText(on)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		c.Succeeded = oc == "succeeded"
		out[c.ChargeKey] = c
	}
	return out, rows.Err()
}
