package dev.portico.events;

/**
 * The metadata every event of the identity history carries, for auditors: who caused it and in which
 * request. Values are strings; {@link #CLIENT} is {@link SealedData} (the client's address and user agent
 * are personal data) under the key of the user the event is about.
 */
public final class EventMetadata {
    /** Who caused the event: {@code user:<userId>}, {@code operator:<name>}, {@code service:<name>} or {@code system}. */
    public static final String ACTOR = "actor";
    /**
     * The correlation id of the request the event came from: the caller's {@code X-Request-Id}, or one made up
     * for the request.
     */
    public static final String REQUEST_ID = "requestId";
    /** The sealed JSON object {@code {"ip": …, "userAgent": …}} of the request; absent for the system. */
    public static final String CLIENT = "client";

    private EventMetadata() {
    }
}
