-- Axon's token store for this service's event processors, in PostgresTokenTableFactory's layout with
-- snake_case names. It is separate from command-service's token_entry so that neither service ever sees
-- (or steals) the other's segment claims. The token is advanced in the same transaction as the tables
-- below, which is what makes the read model exactly as current as its token.
CREATE TABLE query_token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- One row per user that exists; deleting a user removes its row. No personal data in clear: subjects and
-- profiles are kept sealed exactly as the events have them, and open only with the user's key.
CREATE TABLE users (
    user_id       CHAR(24)     NOT NULL PRIMARY KEY,
    app_id        VARCHAR(255) NOT NULL,
    user_type     VARCHAR(16)  NOT NULL CHECK (user_type IN ('normal', 'server')),
    state         VARCHAR(16)  NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
    created_at    TIMESTAMPTZ  NOT NULL,
    last_login_at TIMESTAMPTZ
);
-- The listing pages by (created_at, user_id), within an app or across all of them.
CREATE INDEX users_by_app ON users (app_id, created_at, user_id);
CREATE INDEX users_by_creation ON users (created_at, user_id);

CREATE TABLE user_identities (
    user_id        CHAR(24)     NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    identity_id    CHAR(32)     NOT NULL,
    provider_type  VARCHAR(32)  NOT NULL,
    provider_id    VARCHAR(255) NOT NULL,
    sealed_subject TEXT         NOT NULL,
    sealed_profile TEXT,
    linked_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, identity_id)
);
