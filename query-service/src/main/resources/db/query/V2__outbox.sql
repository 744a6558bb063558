-- Lifecycle messages waiting for (or done with) Kafka. Rows are written in the same transaction as the read
-- model and the processor's token, so a message exists exactly when its read model change committed.
-- event_id is the domain event's identifier: one domain event can never yield two messages.
CREATE TABLE outbox (
    id           BIGSERIAL    NOT NULL PRIMARY KEY,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    message_key  VARCHAR(255) NOT NULL,
    message_type VARCHAR(64)  NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
-- The relay scans only what is still to be sent, in id order.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
-- Pruning removes sent rows once they are older than the retention.
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
