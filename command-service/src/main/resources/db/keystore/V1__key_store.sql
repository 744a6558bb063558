-- The key store: every key that makes personal data in the event store readable. It can live in a database
-- of its own (portico.key-store.*); its migrations have their own history table, key_store_schema_history.

-- One AES key per user for the personal data sealed inside its events. Deleting the row is what erases that
-- data from the immutable log (crypto-shredding). key_id is named inside every value sealed with the key.
CREATE TABLE personal_data_keys (
    user_id    CHAR(24)    NOT NULL PRIMARY KEY,
    key_id     VARCHAR(16) NOT NULL,
    key_bytes  BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The key of the identity-claim digests (HMAC-SHA256): without it, a claim digest cannot be tested against a
-- guessed e-mail address or subject. One row; every instance uses the same.
CREATE TABLE claim_digest_keys (
    key_id     VARCHAR(16) NOT NULL PRIMARY KEY,
    key_bytes  BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- How far ErasureReplay has re-applied the deletions recorded in the event store to this key store. Kept
-- here, not beside the events, so that restoring an older backup of the key store rewinds it too and the
-- deletions since that backup are applied again at the next start.
CREATE TABLE erasure_checkpoint (
    id                INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_global_index BIGINT  NOT NULL
);
INSERT INTO erasure_checkpoint (id, last_global_index) VALUES (1, -1);
