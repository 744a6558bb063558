-- Readers of the event store in other processes (query-service) are told the moment a transaction that
-- appended events commits, instead of finding out at their next poll. NOTIFY is delivered at commit and only
-- then, and once per transaction however many events (or insert statements) it held; a rolled-back append
-- tells nobody. The channel is dev.portico.events.store.EventTables.APPENDED_CHANNEL.
-- (Versions of the event store and of command-service share one history table; each new migration of either
-- takes the next free number of both.)
CREATE FUNCTION notify_events_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('portico_events_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER events_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended();
