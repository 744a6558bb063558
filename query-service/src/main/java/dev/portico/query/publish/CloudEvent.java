package dev.portico.query.publish;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole event is the Kafka record's value. The fields are
 * named and ordered as the specification's attributes; times are ISO-8601 instants in UTC.
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        String time,
        String datacontenttype,
        Object data) {
    public static final String SPEC_VERSION = "1.0";
    /** The Kafka {@code content-type} header of a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String DATA_CONTENT_TYPE = "application/json";
}
