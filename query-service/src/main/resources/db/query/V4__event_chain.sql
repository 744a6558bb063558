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

-- Chains the events already in the store that are not chained yet, user by user in global-index order: the
-- events a deployment had before this version (the "users" processor has handled them already, so
-- ChainProjection never sees them). The hash is EventChain.hash's, byte for byte: each part length-prefixed
-- (4 bytes, big-endian; -1 for null), numbers as 8 bytes big-endian. Every stored event names its user as
-- "userId" in its payload (dev.portico.events.UserEvent).
CREATE FUNCTION chain_unchained_events() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    e        record;
    previous bytea;
    next     bigint;
    chained  bigint := 0;
BEGIN
    IF to_regclass('domain_event_entry') IS NULL THEN
        RETURN 0;
    END IF;
    FOR e IN
        SELECT d.*, convert_from(d.payload, 'UTF8')::jsonb ->> 'userId' AS user_id
        FROM domain_event_entry d
        WHERE NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.event_identifier = d.event_identifier)
        ORDER BY d.global_index
    LOOP
        CONTINUE WHEN e.user_id IS NULL;
        previous := NULL;
        next := 0;
        SELECT c.hash, c.position + 1 INTO previous, next
        FROM event_chain c WHERE c.user_id = e.user_id ORDER BY c.position DESC LIMIT 1;
        IF NOT FOUND THEN
            previous := NULL;
            next := 0;
        END IF;
        INSERT INTO event_chain (user_id, position, global_index, event_identifier, previous_hash, hash)
        VALUES (e.user_id, next, e.global_index, e.event_identifier, previous, sha256(
            chain_part(e.payload) || chain_part(e.meta_data)
            || chain_part(convert_to(e.payload_type, 'UTF8')) || chain_part(convert_to(e.payload_revision, 'UTF8'))
            || chain_part(convert_to(e.time_stamp, 'UTF8')) || chain_part(int8send(e.global_index))
            || chain_part(convert_to(e.event_identifier, 'UTF8')) || chain_part(convert_to(e.type, 'UTF8'))
            || chain_part(convert_to(e.aggregate_identifier, 'UTF8')) || chain_part(int8send(e.sequence_number))
            || chain_part(previous)));
        chained := chained + 1;
    END LOOP;
    RETURN chained;
END $$;

CREATE FUNCTION chain_part(part bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN part IS NULL THEN int4send(-1) ELSE int4send(length(part)) || part END
$$;

SELECT chain_unchained_events();
