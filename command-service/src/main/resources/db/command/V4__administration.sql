-- Administration and the clean-up of anonymous users.
--
-- A session that ended because its user was disabled stays in the view, marked, until the user is enabled
-- again (then it goes): the only way its refresh token can be answered "user disabled" instead of "failed to
-- find refresh token". Every look-up of a live session skips it.
ALTER TABLE sessions ADD COLUMN ended_by_disabling BOOLEAN NOT NULL DEFAULT FALSE;

-- When the session last refreshed an access token, written at most once an hour per session (see
-- SessionStore.recordUse), so that a refresh costs no write as a rule. Null: not since it was issued. Not in
-- the events (a refresh records none): a rebuilt view starts again from the issue times.
ALTER TABLE sessions ADD COLUMN last_used_at TIMESTAMPTZ;

-- The clean-up of inactive anonymous users walks normal users by age.
CREATE INDEX accounts_by_age ON accounts (registered_at) WHERE user_type = 'NORMAL';
