package dev.portico.query.publish;

import java.time.Instant;

/**
 * A message as it waits in the outbox.
 *
 * @param id      the row's position: the relay sends in this order
 * @param eventId the identifier of the domain event the message announces, also the CloudEvent id
 * @param key     the Kafka record key, the user id, so that one user's messages share a partition
 * @param type    the CloudEvent type
 * @param payload the Kafka record value, a structured CloudEvent
 * @param eventTime when the domain event was recorded (null for rows written before it was kept), for the lag
 */
public record OutboxMessage(long id, String eventId, String key, String type, String payload, Instant eventTime) {
}
