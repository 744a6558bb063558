-- The email/password provider's own records. They are the provider's state, like the user store of an
-- external identity provider: an address that registered (confirmed or not yet), its password hash, the
-- links sent to it, and failed logins. None of it names a person: addresses appear only as the keyed claim
-- digest of identity_claims (the same digest, so a credential and the claim its first login makes match),
-- client addresses only as a keyed digest, passwords only as Argon2id hashes, tokens only as SHA-256 hashes.

-- One row per registered address of an app; the primary key on address_digest is the rule "an address
-- registers once per app", for pending and confirmed registrations alike. pending_until is set while the
-- address is unconfirmed: past it, the registration no longer holds the address. user_id is the user the
-- identity logs in as once it has logged in or been linked (until then no user exists for it).
CREATE TABLE userpass_credentials (
    address_digest      CHAR(64)     NOT NULL PRIMARY KEY,
    credential_id       CHAR(24)     NOT NULL UNIQUE,
    app_id              VARCHAR(255) NOT NULL,
    password_hash       VARCHAR(255) NOT NULL,
    pending_until       TIMESTAMPTZ,
    user_id             CHAR(24),
    registered_at       TIMESTAMPTZ  NOT NULL,
    password_changed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX userpass_credentials_by_user ON userpass_credentials (user_id);
CREATE INDEX userpass_credentials_pending ON userpass_credentials (pending_until) WHERE pending_until IS NOT NULL;

-- Confirmation and reset links: single use (a use deletes the row) and valid until expires_at (30 minutes).
CREATE TABLE userpass_tokens (
    token_id      CHAR(24)    NOT NULL PRIMARY KEY,
    credential_id CHAR(24)    NOT NULL REFERENCES userpass_credentials (credential_id) ON DELETE CASCADE,
    purpose       VARCHAR(16) NOT NULL,
    token_hash    CHAR(64)    NOT NULL,
    issued_at     TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX userpass_tokens_by_credential ON userpass_tokens (credential_id);
CREATE INDEX userpass_tokens_by_expiry ON userpass_tokens (expires_at);

-- Failed password logins, per account (the address digest) and per client address (a keyed digest of it),
-- shared by every instance of the service. The row is the budget: a login takes its place in it (in_flight)
-- under the row's lock before the password is looked at, and turns it into a failure or gives it back once
-- the password is checked. A place taken by an instance that died is void after a minute (last_attempt_at).
CREATE TABLE login_failures (
    scope           VARCHAR(8)  NOT NULL,
    key_digest      CHAR(64)    NOT NULL,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMPTZ,
    in_flight       INTEGER     NOT NULL,
    last_attempt_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key_digest)
);
CREATE INDEX login_failures_by_age ON login_failures (last_attempt_at);
