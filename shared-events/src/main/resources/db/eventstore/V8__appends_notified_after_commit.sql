-- The readers of the event store are no longer notified from inside the appending transaction: one that
-- notifies holds PostgreSQL's notification lock until its commit is flushed, so appending commits queued one
-- behind the other. command-service sends the NOTIFY on EventTables.APPENDED_CHANNEL itself, after the commit
-- (decision 0028).
DROP TRIGGER events_appended ON domain_event_entry;
DROP FUNCTION notify_events_appended();
