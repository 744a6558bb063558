package dev.portico.command.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An instant as a statement parameter of a type the PostgreSQL driver names ({@code timestamptz}). The driver
 * binds a {@code java.sql.Timestamp} without a type, and a prepared statement with an untyped parameter is
 * described by the server; from then on, every execution of it whose result has a variable-length column
 * costs an extra round trip (a lone {@code Sync} the driver sends and waits for). Every time the
 * command-service binds goes through here (decision 0023).
 */
public final class TimestampParameter {
    private TimestampParameter() {
    }

    /** @return {@code instant} as a {@code timestamptz} parameter; null for null */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
