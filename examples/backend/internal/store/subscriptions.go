package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"
)

// Row is a subscription as stored: its terms, its log and the daily job's
// bookkeeping.
type Row struct {
	// ID identifies the subscription.
	ID string
	// Series is the prefix of its invoice numbers, such as "GYM".
	Series string
	// Terms is the terms' JSON.
	Terms []byte
	// Version is the number of events in the log.
	Version int64
	// NextActionOn is the first day the daily job must look at it; HasNext
	// is false when nothing will happen without a new command.
	NextActionOn date.Date
	HasNext      bool
	// ProcessedThrough is the last day the daily job handled; HasProcessed
	// is false before its first run.
	ProcessedThrough date.Date
	HasProcessed     bool
	// Events are the log's events, in order, as JSON.
	Events [][]byte
}

// NewSubscription is what CreateSubscription files.
type NewSubscription struct {
	// ID identifies the subscription.
	ID string
	// Series is the prefix of its invoice numbers.
	Series string
	// Terms is the canonical terms' JSON.
	Terms []byte
	// NextActionOn is the first day something happens, if any.
	NextActionOn date.Date
	HasNext      bool
	// IdempotencyKey, if not empty, makes a retried creation return the
	// subscription the first one made.
	IdempotencyKey string
}

// CreateSubscription files a new subscription and returns its ID, and true
// when the idempotency key had already created one (whose ID it returns,
// filing nothing). It returns ErrDuplicate for an ID already taken.
func (s *Store) CreateSubscription(ctx context.Context, n NewSubscription) (string, bool, error) {
	key := sql.NullString{String: n.IdempotencyKey, Valid: n.IdempotencyKey != ""}
	if key.Valid {
		if id, ok, err := s.subscriptionByKey(ctx, n.IdempotencyKey); err != nil || ok {
			return id, ok, err
		}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO subscriptions (id, series, terms, next_action_on, idempotency_key)
		VALUES ($1, $2, $3, $4, $5)`, n.ID, n.Series, string(n.Terms), dayText(n.NextActionOn, n.HasNext), key)
	if isUnique(err) {
		if key.Valid {
			if id, ok, err := s.subscriptionByKey(ctx, n.IdempotencyKey); err != nil || ok {
				return id, ok, err
			}
		}
		return "", false, fmt.Errorf("%w: subscription %q exists", ErrDuplicate, n.ID)
	}
	if err != nil {
		return "", false, fmt.Errorf("store: create subscription %q: %w", n.ID, err)
	}
	return n.ID, false, nil
}

// subscriptionByKey returns the subscription an idempotency key created.
func (s *Store) subscriptionByKey(ctx context.Context, key string) (string, bool, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM subscriptions WHERE idempotency_key = $1`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: idempotency key: %w", err)
	}
	return id, true, nil
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

const rowColumns = `id, series, terms, next_action_on, processed_through`

// Load returns the subscription with its log; Version is the number of
// events read. It returns ErrNotFound for an unknown ID.
func (s *Store) Load(ctx context.Context, id string) (Row, error) {
	r, err := scanRow(s.db.QueryRowContext(ctx, `SELECT `+rowColumns+` FROM subscriptions WHERE id = $1`, id))
	if err != nil {
		return r, err
	}
	r.Events, err = loadEvents(ctx, s.db, id)
	r.Version = int64(len(r.Events))
	return r, err
}

// scanRow reads one row of rowColumns.
func scanRow(row *sql.Row) (Row, error) {
	var (
		r          Row
		terms      string
		next, done sql.NullString
	)
	err := row.Scan(&r.ID, &r.Series, &terms, &next, &done)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("store: load subscription: %w", err)
	}
	r.Terms = []byte(terms)
	if r.NextActionOn, r.HasNext, err = parseDay(next); err != nil {
		return r, err
	}
	r.ProcessedThrough, r.HasProcessed, err = parseDay(done)
	return r, err
}

// loadEvents returns the log of subscription id, in order.
func loadEvents(ctx context.Context, q querier, id string) ([][]byte, error) {
	rows, err := q.QueryContext(ctx, `SELECT event FROM events WHERE subscription_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("store: load events of %q: %w", id, err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, fmt.Errorf("store: load events of %q: %w", id, err)
		}
		out = append(out, []byte(e))
	}
	return out, rows.Err()
}

// NewEvent is an event to append, with the request that made it.
type NewEvent struct {
	// Kind, On and JSON are the event.
	Kind string
	On   date.Date
	JSON []byte
	// IdempotencyKey and RequestHash identify the request, if it gave a key.
	IdempotencyKey, RequestHash string
}

// StoredEvent is an event of the log with the request that made it.
type StoredEvent struct {
	// Seq is the event's position in the log, from 1: the version after it.
	Seq int64
	// JSON is the event as stored.
	JSON []byte
	// RequestHash identifies the request that made it.
	RequestHash string
}

// Append adds e to the log of subscription id if its version is still
// expect, and sets next_action_on. It returns the new version, ErrConflict
// when another command got there first, ErrDuplicate when the idempotency
// key was just used by a concurrent request, and ErrNotFound.
func (s *Store) Append(ctx context.Context, id string, expect int64, e NewEvent, next date.Date, hasNext bool) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: append: %w", err)
	}
	defer rollback(tx)
	// The row is locked first, by the update, as the daily job locks it:
	// both take their locks in the same order.
	res, err := tx.ExecContext(ctx, `UPDATE subscriptions SET version = $3, next_action_on = $4
		WHERE id = $1 AND version = $2`, id, expect, expect+1, dayText(next, hasNext))
	if err != nil {
		return 0, fmt.Errorf("store: append to %q: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		var v int64
		if err := tx.QueryRowContext(ctx, `SELECT version FROM subscriptions WHERE id = $1`, id).Scan(&v); err != nil {
			return 0, ErrNotFound
		}
		return 0, fmt.Errorf("%w: subscription %q is at version %d, not %d", ErrConflict, id, v, expect)
	}
	if err := insertEvent(ctx, tx, id, expect+1, e); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: append to %q: %w", id, err)
	}
	return expect + 1, nil
}

// insertEvent files event seq of subscription id.
func insertEvent(ctx context.Context, q querier, id string, seq int64, e NewEvent) error {
	key := sql.NullString{String: e.IdempotencyKey, Valid: e.IdempotencyKey != ""}
	_, err := q.ExecContext(ctx, `INSERT INTO events (subscription_id, seq, kind, on_date, event, idempotency_key, request_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, seq, e.Kind, e.On.String(), string(e.JSON), key,
		sql.NullString{String: e.RequestHash, Valid: key.Valid})
	if isUnique(err) {
		return fmt.Errorf("%w: event %d or idempotency key %q of %q", ErrDuplicate, seq, e.IdempotencyKey, id)
	}
	if err != nil {
		return fmt.Errorf("store: insert event %d of %q: %w", seq, id, err)
	}
	return nil
}

// EventByKey returns the event that the request with idempotency key key
// appended to subscription id, and false if there is none.
func (s *Store) EventByKey(ctx context.Context, id, key string) (StoredEvent, bool, error) {
	var (
		e         StoredEvent
		body, sum string
	)
	err := s.db.QueryRowContext(ctx, `SELECT seq, event, request_hash FROM events
		WHERE subscription_id = $1 AND idempotency_key = $2`, id, key).Scan(&e.Seq, &body, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("store: idempotency key of %q: %w", id, err)
	}
	e.JSON, e.RequestHash = []byte(body), sum
	return e, true, nil
}

// CreateMany files new subscriptions in transactions of a thousand, for
// seeding and benchmarks; idempotency keys are not looked at.
func (s *Store) CreateMany(ctx context.Context, subs []NewSubscription) error {
	for len(subs) > 0 {
		n := min(len(subs), 1000)
		if err := s.createChunk(ctx, subs[:n]); err != nil {
			return err
		}
		subs = subs[n:]
	}
	return nil
}

// createChunk files subs in one transaction.
func (s *Store) createChunk(ctx context.Context, subs []NewSubscription) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: create: %w", err)
	}
	defer rollback(tx)
	for _, n := range subs {
		_, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (id, series, terms, next_action_on) VALUES ($1, $2, $3, $4)`,
			n.ID, n.Series, string(n.Terms), dayText(n.NextActionOn, n.HasNext))
		if err != nil {
			return fmt.Errorf("store: create subscription %q: %w", n.ID, err)
		}
	}
	return tx.Commit()
}
