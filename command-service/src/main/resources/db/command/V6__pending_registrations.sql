-- Pending registrations become visible to operators (the operator API lists, confirms, resends and deletes
-- them). sealed_address is the address as it was registered, AES-GCM sealed under a key derived from the key
-- store's claim-digest key and bound to the credential_id, so this database alone opens nothing. It exists only
-- while the registration waits: confirming it (by any path) sets it to NULL, and a lapsed, withdrawn or deleted
-- registration loses its row. Rows from before this migration have none ("address unavailable").
-- confirmation_sent_at is when the last confirmation e-mail went out.
ALTER TABLE userpass_credentials
    ADD COLUMN sealed_address       TEXT,
    ADD COLUMN confirmation_sent_at TIMESTAMPTZ,
    ADD CONSTRAINT userpass_credentials_address_only_while_pending
        CHECK (sealed_address IS NULL OR pending_until IS NOT NULL);

-- The operator's listing: an app's waiting registrations in creation order, then id (the cursor's order).
CREATE INDEX userpass_credentials_pending_by_app ON userpass_credentials (app_id, registered_at, credential_id)
    WHERE pending_until IS NOT NULL;
