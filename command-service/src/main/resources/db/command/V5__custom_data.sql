-- Each user's custom data document, sealed under the user's key exactly as the last CustomDataChanged event
-- holds it, written in that event's transaction. A refresh reads it with the session (one round trip) to put
-- it into the new access token. It goes with its account (ON DELETE CASCADE) when the user is deleted.
CREATE TABLE custom_data (
    user_id         CHAR(24)    NOT NULL PRIMARY KEY REFERENCES accounts (user_id) ON DELETE CASCADE,
    sealed_document TEXT        NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL
);
