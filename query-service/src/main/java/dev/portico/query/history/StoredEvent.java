package dev.portico.query.history;

/**
 * An event exactly as the event store holds it: the bytes and strings of its row in {@code domain_event_entry},
 * not yet deserialized, so that a hash over them changes when anything stored changes.
 */
public record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String payloadType,
        String payloadRevision,
        String timestamp,
        byte[] payload,
        byte[] metadata,
        String aggregateType) {
}
