-- Credit notes are filed beside the invoices, frozen like them, in series
-- of their own ("GYM-CN-2025"): a document has a kind, and a credit note
-- the key of the invoice it credits.

-- +goose Up
ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT 'invoice';
ALTER TABLE invoices ADD COLUMN credits_key TEXT;

-- +goose Down
ALTER TABLE invoices DROP COLUMN credits_key;
ALTER TABLE invoices DROP COLUMN kind;
