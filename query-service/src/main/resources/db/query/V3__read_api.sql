-- The read API's models. Personal data stays sealed under the user's key exactly as the events carry it; the
-- only derived values are the search terms' keyed digests, which cannot be turned back into the terms.

ALTER TABLE users ADD COLUMN state_changed_at TIMESTAMPTZ;
-- Filters on state and on provider type, within an app, keep the keyset order.
CREATE INDEX users_by_app_state ON users (app_id, state, created_at, user_id);
CREATE INDEX user_identities_by_provider ON user_identities (provider_type, user_id);

ALTER TABLE user_identities ADD COLUMN profile_updated_at TIMESTAMPTZ;

-- One row per session a login opened. The client context (device details the SDK sent) is sealed.
CREATE TABLE user_sessions (
    session_id        CHAR(24)    NOT NULL PRIMARY KEY,
    user_id           CHAR(24)    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    identity_id       CHAR(32)    NOT NULL,
    provider_type     VARCHAR(32) NOT NULL,
    device_id         CHAR(24)    NOT NULL,
    sealed_client     TEXT,
    issued_at         TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason VARCHAR(32)
);
CREATE INDEX user_sessions_by_user ON user_sessions (user_id, issued_at DESC);

-- The user's custom data document, sealed; no row when it has none.
CREATE TABLE user_custom_data (
    user_id         CHAR(24)    NOT NULL PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    sealed_document TEXT        NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL
);

-- Blind index of personal fields for exact-match filters: HMAC-SHA256 of the normalised value under the
-- search-index key (see docs/decisions/0007-search-index-key.md). One row per value an identity gives.
CREATE TABLE user_search_terms (
    user_id     CHAR(24)    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    identity_id CHAR(32)    NOT NULL,
    field       VARCHAR(16) NOT NULL CHECK (field IN ('email', 'name')),
    digest      CHAR(64)    NOT NULL,
    PRIMARY KEY (user_id, identity_id, field, digest)
);
CREATE INDEX user_search_terms_by_digest ON user_search_terms (field, digest);

-- The search-index key when none is configured (portico.query.search-index-key): made once, shared by every
-- instance. Weaker than a configured key, which a copy of the database does not contain.
CREATE TABLE search_index_key (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    key_bytes BYTEA   NOT NULL
);
