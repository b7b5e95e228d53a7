package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// PassRow is a prepaid pass or class card sold beside a subscription.
type PassRow struct {
	// ID identifies the pass.
	ID string
	// SubscriptionID is the subscription it belongs to.
	SubscriptionID string
	// Version counts the changes made to it, from 1.
	Version int64
	// Body is the pass's JSON.
	Body []byte
}

// CreatePass files a new pass at version 1. It returns ErrDuplicate for an
// ID already taken and ErrNotFound for an unknown subscription.
func (s *Store) CreatePass(ctx context.Context, p PassRow) error {
	if _, err := s.Load(ctx, p.SubscriptionID); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO passes (id, subscription_id, version, body) VALUES ($1, $2, 1, $3)`,
		p.ID, p.SubscriptionID, string(p.Body))
	if isUnique(err) {
		return fmt.Errorf("%w: pass %q exists", ErrDuplicate, p.ID)
	}
	if err != nil {
		return fmt.Errorf("store: create pass %q: %w", p.ID, err)
	}
	return nil
}

// Pass returns pass id of subscription sub, or ErrNotFound.
func (s *Store) Pass(ctx context.Context, sub, id string) (PassRow, error) {
	p := PassRow{ID: id, SubscriptionID: sub}
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT version, body FROM passes WHERE id = $1 AND subscription_id = $2`,
		id, sub).Scan(&p.Version, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("%w: pass %q of %q", ErrNotFound, id, sub)
	}
	if err != nil {
		return p, fmt.Errorf("store: pass %q: %w", id, err)
	}
	p.Body = []byte(body)
	return p, nil
}

// UpdatePass replaces the body of pass p if it is still at version expect,
// and returns the new version; otherwise it returns ErrConflict.
func (s *Store) UpdatePass(ctx context.Context, p PassRow, expect int64) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE passes SET version = $4, body = $3
		WHERE id = $1 AND subscription_id = $2 AND version = $5`, p.ID, p.SubscriptionID, string(p.Body), expect+1, expect)
	if err != nil {
		return 0, fmt.Errorf("store: update pass %q: %w", p.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, fmt.Errorf("%w: pass %q is not at version %d", ErrConflict, p.ID, expect)
	}
	return expect + 1, nil
}

// Passes returns the passes of subscription sub, by ID.
func (s *Store) Passes(ctx context.Context, sub string) ([]PassRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, version, body FROM passes WHERE subscription_id = $1 ORDER BY id`, sub)
	if err != nil {
		return nil, fmt.Errorf("store: passes of %q: %w", sub, err)
	}
	defer rows.Close()
	var out []PassRow
	for rows.Next() {
		p := PassRow{SubscriptionID: sub}
		var body string
		if err := rows.Scan(&p.ID, &p.Version, &body); err != nil {
			return nil, fmt.Errorf("store: passes of %q: %w", sub, err)
		}
		p.Body = []byte(body)
		out = append(out, p)
	}
	return out, rows.Err()
}
