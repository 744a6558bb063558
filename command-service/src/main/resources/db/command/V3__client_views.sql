-- Views the client API answers from, kept in the same transaction as the events that change them, so a
-- login is visible to the next request (realm-web fetches the profile right after logging in).

CREATE TABLE accounts (
    user_id       CHAR(24)     NOT NULL PRIMARY KEY,
    app_id        VARCHAR(255) NOT NULL,
    user_type     VARCHAR(16)  NOT NULL,
    disabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    registered_at TIMESTAMPTZ  NOT NULL
);

-- Set-based uniqueness: an identity of a provider belongs to at most one user of an app.
CREATE TABLE account_identities (
    app_id        VARCHAR(255) NOT NULL,
    provider_type VARCHAR(32)  NOT NULL,
    provider_id   VARCHAR(255) NOT NULL,
    subject       VARCHAR(512) NOT NULL,
    user_id       CHAR(24)     NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    profile       TEXT,
    linked_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (app_id, provider_id, subject)
);
CREATE INDEX account_identities_by_user ON account_identities (user_id, linked_at);

-- Refresh tokens are stored only as SHA-256 hashes.
CREATE TABLE sessions (
    session_id         CHAR(24)     NOT NULL PRIMARY KEY,
    user_id            CHAR(24)     NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    app_id             VARCHAR(255) NOT NULL,
    refresh_token_hash VARCHAR(64)  NOT NULL UNIQUE,
    device_id          CHAR(24)     NOT NULL,
    provider_type      VARCHAR(32)  NOT NULL,
    issued_at          TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
