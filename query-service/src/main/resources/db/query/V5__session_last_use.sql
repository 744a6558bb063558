-- When each session was last used: its login, then its refreshes as SessionUsed records them (at most once an
-- interval per session, an hour by default). Sessions from before this column have only their login to go by.
ALTER TABLE user_sessions ADD COLUMN last_used_at TIMESTAMPTZ;
UPDATE user_sessions SET last_used_at = issued_at;
ALTER TABLE user_sessions ALTER COLUMN last_used_at SET NOT NULL;
