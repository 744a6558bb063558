-- Every event of every user, in the order the "users" processor handled the user's events (position 0, 1, …),
-- each chained by hash to the user's previous event (see dev.portico.query.history.EventChain). It is also the
-- index of a user's history: sessions are streams of their own, and this finds them by user. Written once per
-- event and never rebuilt: a chain recomputed from the event store would vouch for whatever the store holds.
CREATE TABLE event_chain (
    user_id          CHAR(24)     NOT NULL,
    position         BIGINT       NOT NULL,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL UNIQUE,
    previous_hash    BYTEA,
    hash             BYTEA        NOT NULL,
    chained_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, position),
    CHECK ((position = 0) = (previous_hash IS NULL))
);

-- A rebuild of the read models (dev.portico.query.projection.ReadModels) builds copies of their tables in the
-- first schema and then swaps them with the live tables, which it keeps in the second until the next rebuild.
CREATE SCHEMA read_model_rebuild;
CREATE SCHEMA read_model_retired;

-- When the announced event was recorded, so that the relay can measure the lag from there to Kafka.
ALTER TABLE outbox ADD COLUMN event_time TIMESTAMPTZ;
