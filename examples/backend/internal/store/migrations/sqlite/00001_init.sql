-- The backend's schema on SQLite: the same tables and keys as on
-- PostgreSQL. Dates are ISO 'YYYY-MM-DD' text; JSON is text.

-- +goose Up
CREATE TABLE subscriptions (
    id                TEXT PRIMARY KEY,
    series            TEXT NOT NULL,
    terms             TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 0,
    next_action_on    TEXT,
    processed_through TEXT,
    job_error         TEXT,
    job_error_on      TEXT,
    idempotency_key   TEXT UNIQUE,
    created_at        TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX subscriptions_next_action_on ON subscriptions (next_action_on, id)
    WHERE next_action_on IS NOT NULL;

CREATE TABLE events (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    event           TEXT NOT NULL,
    recorded_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    idempotency_key TEXT,
    request_hash    TEXT,
    PRIMARY KEY (subscription_id, seq)
);
CREATE UNIQUE INDEX events_idempotency_key ON events (subscription_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE TABLE invoice_series (
    series      TEXT PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE invoices (
    series          TEXT NOT NULL,
    number          INTEGER NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    invoice_key     TEXT NOT NULL,
    issue_date      TEXT NOT NULL,
    total_minor     INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    body            TEXT NOT NULL,
    issued_at       TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (series, number),
    UNIQUE (subscription_id, invoice_key)
);

-- +goose StatementBegin
CREATE TRIGGER invoices_frozen_update BEFORE UPDATE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'invoices are frozen once issued');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER invoices_frozen_delete BEFORE DELETE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'invoices are frozen once issued');
END;
-- +goose StatementEnd

CREATE TABLE charges (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    due             TEXT NOT NULL,
    attempt         INTEGER NOT NULL,
    charged_on      TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    psp_reference   TEXT NOT NULL,
    PRIMARY KEY (subscription_id, due, attempt)
);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL,
    topic           TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    dedupe_key      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    delivered_at    TEXT,
    UNIQUE (subscription_id, dedupe_key)
);
CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_at IS NULL;

CREATE TABLE passes (
    id              TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    version         INTEGER NOT NULL,
    body            TEXT NOT NULL
);
CREATE INDEX passes_subscription ON passes (subscription_id);

-- +goose Down
DROP TABLE passes;
DROP TABLE outbox;
DROP TABLE charges;
DROP TRIGGER invoices_frozen_delete;
DROP TRIGGER invoices_frozen_update;
DROP TABLE invoices;
DROP TABLE invoice_series;
DROP TABLE events;
DROP TABLE subscriptions;
