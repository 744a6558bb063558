package dev.portico.events.store;

import java.time.Duration;

/**
 * How a service waits for the event store's database at start-up, in the terms of Flyway's connection
 * retries: Flyway waits 1 s after the first refused attempt, doubles the wait up to {@code intervalSeconds},
 * and gives up after {@code retries} retries. Both services migrate on start, so Flyway's is the first
 * connection either makes, and its retries are the whole wait.
 *
 * @param retries retries after the first attempt
 * @param intervalSeconds the longest wait between two attempts, which is also how often the wait is logged
 */
public record ConnectRetries(int retries, int intervalSeconds) {

    /** The fewest retries whose waits add up to at least {@code atMost}; none for a zero duration. */
    public static ConnectRetries within(Duration atMost, Duration interval) {
        int cap = (int) Math.max(1, interval.toSeconds());
        long waited = 0;
        int retries = 0;
        for (int wait = 1; waited < atMost.toSeconds(); wait = Math.min(wait * 2, cap)) {
            waited += wait;
            retries++;
        }
        return new ConnectRetries(retries, cap);
    }
}
