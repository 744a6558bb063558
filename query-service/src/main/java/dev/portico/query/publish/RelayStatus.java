package dev.portico.query.publish;

import java.time.Instant;

/**
 * What the relay is doing, for operators.
 *
 * @param leader              whether this instance is the one that sends
 * @param failedRounds        rounds that failed since start, e.g. while the broker was away
 * @param consecutiveFailures failed rounds since the last one that worked
 * @param lastFailure         the most recent failure, or null
 * @param lastSentAt          when a batch last went out, or null
 */
public record RelayStatus(boolean leader, long failedRounds, int consecutiveFailures, String lastFailure,
        Instant lastSentAt) {
}
