-- API keys, the client view behind /auth/api_keys and the look-up of an API-key login, which any instance can
-- make. Written in the transaction of the key's events and rebuilt from them: the secret's SHA-256 is sealed
-- in ApiKeyCreated and opened with the user's key to fill secret_hash; the name stays sealed as the event has
-- it. A key goes with its user (ON DELETE CASCADE).
CREATE TABLE api_keys (
    api_key_id  CHAR(24)     NOT NULL PRIMARY KEY,
    user_id     CHAR(24)     NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    app_id      VARCHAR(255) NOT NULL,
    secret_hash VARCHAR(64)  NOT NULL UNIQUE,
    sealed_name TEXT         NOT NULL,
    disabled    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX api_keys_by_user ON api_keys (user_id, created_at);
