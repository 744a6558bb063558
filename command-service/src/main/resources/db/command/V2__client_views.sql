-- Views the client API answers from, kept in the same transaction as the events that change them, so a
-- login is visible to the next request (realm-web fetches the profile right after logging in). Each can be
-- rebuilt from the event store: personal data stays sealed here exactly as in the events, and is opened with
-- the user's key when a request needs it.

CREATE TABLE accounts (
    user_id       CHAR(24)     NOT NULL PRIMARY KEY,
    app_id        VARCHAR(255) NOT NULL,
    user_type     VARCHAR(16)  NOT NULL,
    disabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    registered_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE account_identities (
    user_id        CHAR(24)     NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    identity_id    CHAR(32)     NOT NULL,
    provider_type  VARCHAR(32)  NOT NULL,
    provider_id    VARCHAR(255) NOT NULL,
    sealed_subject TEXT         NOT NULL,
    sealed_profile TEXT,
    linked_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, identity_id)
);

-- Refresh tokens are stored only as SHA-256 hashes.
CREATE TABLE sessions (
    session_id         CHAR(24)     NOT NULL PRIMARY KEY,
    user_id            CHAR(24)     NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    app_id             VARCHAR(255) NOT NULL,
    refresh_token_hash VARCHAR(64)  NOT NULL UNIQUE,
    device_id          CHAR(24)     NOT NULL,
    identity_id        CHAR(32)     NOT NULL,
    provider_type      VARCHAR(32)  NOT NULL,
    issued_at          TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Set-based uniqueness, named: an identity (app, provider, subject) is claimed by at most one living user.
-- The claim is a keyed digest (claim_digest_keys in the key store), never the subject itself, and it goes
-- with its user, so nothing here outlives a deleted user. Written by IdentityClaims in the transaction of the
-- IdentityLinked event that makes it (and released with UserDeleted); the primary key refuses the loser of
-- a race.
CREATE TABLE identity_claims (
    claim_digest CHAR(64)     NOT NULL PRIMARY KEY,
    app_id       VARCHAR(255) NOT NULL,
    user_id      CHAR(24)     NOT NULL,
    identity_id  CHAR(32)     NOT NULL
);
CREATE INDEX identity_claims_by_user ON identity_claims (user_id);
