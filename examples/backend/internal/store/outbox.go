package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/rickb777/date/v2"
)

// Message is a domain event in the outbox, for webhooks: it is written in
// the same transaction as the change it announces, so it is sent if and
// only if the change happened.
type Message struct {
	// ID orders the messages; it is set when the message is read.
	ID int64 `json:"id"`
	// SubscriptionID is the subscription concerned.
	SubscriptionID string `json:"subscription_id"`
	// Topic says what happened: "invoice.issued", "state.changed",
	// "attempt.due", "invoice.drift".
	Topic string `json:"topic"`
	// On is the day it happened.
	On date.Date `json:"on"`
	// DedupeKey makes a message unique per subscription: a job that
	// handles a day twice writes it once.
	DedupeKey string `json:"-"`
	// Payload is the message's JSON.
	Payload []byte `json:"payload"`
}

// Outbox writes messages in order, in one statement, skipping those whose
// dedupe key the subscription already has.
func (j *JobTx) Outbox(ctx context.Context, msgs ...Message) error {
	if len(msgs) == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString(`INSERT INTO outbox (subscription_id, topic, on_date, dedupe_key, payload) VALUES `)
	args := make([]any, 0, 5*len(msgs))
	for i, m := range msgs {
		if i > 0 {
			q.WriteString(", ")
		}
		n := len(args)
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
		args = append(args, j.Sub.ID, m.Topic, m.On.String(), m.DedupeKey, string(m.Payload))
	}
	q.WriteString(` ON CONFLICT (subscription_id, dedupe_key) DO NOTHING`)
	if _, err := j.tx.ExecContext(ctx, q.String(), args...); err != nil {
		return fmt.Errorf("store: outbox of %q: %w", j.Sub.ID, err)
	}
	return nil
}

// OutboxAfter returns up to limit undelivered messages with an ID above
// after, in order; subscriptionID, if not empty, keeps that subscription's.
func (s *Store) OutboxAfter(ctx context.Context, after int64, subscriptionID string, limit int) ([]Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, subscription_id, topic, on_date, payload FROM outbox
		WHERE id > $1 AND delivered_at IS NULL AND ($2 = '' OR subscription_id = $2) ORDER BY id LIMIT $3`,
		after, subscriptionID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var (
			m        Message
			on, body string
		)
		if err := rows.Scan(&m.ID, &m.SubscriptionID, &m.Topic, &on, &body); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		d, err := parseDayText(on)
		if err != nil {
			return nil, err
		}
		m.On, m.Payload = d, []byte(body)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkDelivered records that the messages up to and including id were sent.
func (s *Store) MarkDelivered(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET delivered_at = CURRENT_TIMESTAMP
		WHERE id <= $1 AND delivered_at IS NULL`, id)
	if err != nil {
		return fmt.Errorf("store: mark delivered: %w", err)
	}
	return nil
}
