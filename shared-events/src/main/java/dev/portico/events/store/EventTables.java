package dev.portico.events.store;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Where the event store keeps events: snake_case tables that command-service creates with Flyway and
 * query-service reads. Both sides take the layout from here so that it cannot drift apart; the same goes for
 * the column names of each service's own table of processor tokens.
 */
public final class EventTables {
    public static final String EVENTS = "domain_event_entry";
    public static final String SNAPSHOTS = "snapshot_event_entry";
    /**
     * The PostgreSQL channel notified (empty payload) when a transaction that appended events commits; the
     * trigger is in the event store's migrations (V7).
     */
    public static final String APPENDED_CHANNEL = "portico_events_appended";

    private EventTables() {
    }

    public static EventSchema schema() {
        return EventSchema.builder()
                .eventTable(EVENTS)
                .snapshotTable(SNAPSHOTS)
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .build();
    }

    /** Axon's token table layout with snake_case columns, under the name the owning service gives it. */
    public static TokenSchema tokenSchema(String table) {
        return TokenSchema.builder()
                .setTokenTable(table)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
