-- The backend's schema on PostgreSQL. Dates are ISO 'YYYY-MM-DD' text, as
-- on SQLite, so that both dialects share every query; ISO text sorts as
-- dates do. An event and an issued invoice are text, byte for byte what the
-- library wrote (jsonb would reorder keys); other JSON is jsonb.

-- +goose Up
CREATE TABLE subscriptions (
    id                TEXT PRIMARY KEY,
    series            TEXT NOT NULL,
    terms             JSONB NOT NULL,
    version           BIGINT NOT NULL DEFAULT 0,
    next_action_on    TEXT,
    processed_through TEXT,
    job_error         TEXT,
    job_error_on      TEXT,
    idempotency_key   TEXT UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_next_action_on ON subscriptions (next_action_on, id)
    WHERE next_action_on IS NOT NULL;

CREATE TABLE events (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    seq             BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    event           TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    idempotency_key TEXT,
    request_hash    TEXT,
    PRIMARY KEY (subscription_id, seq)
);
CREATE UNIQUE INDEX events_idempotency_key ON events (subscription_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE TABLE invoice_series (
    series      TEXT PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE invoices (
    series          TEXT NOT NULL,
    number          BIGINT NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    invoice_key     TEXT NOT NULL,
    issue_date      TEXT NOT NULL,
    total_minor     BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    body            TEXT NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (series, number),
    UNIQUE (subscription_id, invoice_key)
);

-- +goose StatementBegin
CREATE FUNCTION invoices_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'invoice % % is frozen once issued', OLD.series, OLD.number;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER invoices_frozen BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_frozen();

CREATE TABLE charges (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    due             TEXT NOT NULL,
    attempt         INTEGER NOT NULL,
    charged_on      TEXT NOT NULL,
    amount_minor    BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    psp_reference   TEXT NOT NULL,
    PRIMARY KEY (subscription_id, due, attempt)
);

CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    topic           TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    dedupe_key      TEXT NOT NULL,
    payload         JSONB NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    UNIQUE (subscription_id, dedupe_key)
);
CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_at IS NULL;

CREATE TABLE passes (
    id              TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    version         BIGINT NOT NULL,
    body            JSONB NOT NULL
);
CREATE INDEX passes_subscription ON passes (subscription_id);

-- +goose Down
DROP TABLE passes;
DROP TABLE outbox;
DROP TABLE charges;
DROP TRIGGER invoices_frozen ON invoices;
DROP FUNCTION invoices_frozen();
DROP TABLE invoices;
DROP TABLE invoice_series;
DROP TABLE events;
DROP TABLE subscriptions;
