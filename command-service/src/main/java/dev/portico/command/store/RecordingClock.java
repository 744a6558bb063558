package dev.portico.command.store;

import java.time.Clock;
import java.time.Duration;

/**
 * The clock of everything the command-service records, the events' own times among them: UTC to the
 * microsecond, the precision PostgreSQL keeps. Finer instants would be rounded in the read models and kept whole
 * in the event store, and the history and the read API would then name one moment two ways.
 */
public final class RecordingClock {
    public static final Clock UTC_MICROSECONDS = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private RecordingClock() {
    }
}
