package dev.portico.command.audit;

import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Runs a transaction of commands again when a concurrent one got there first: another command appended to the
 * same user's stream (Axon's {@link ConcurrencyException}), a racing claim or first login took a key, or
 * PostgreSQL chose the transaction as a deadlock's or lock wait's loser. The failed attempt is void, events
 * included, and the next one decides on the winner's work. After {@link #MAX_ATTEMPTS} the conflict goes to
 * the caller, which refuses the request cleanly (409) rather than failing it.
 */
public final class Conflicts {
    public static final int MAX_ATTEMPTS = 5;

    private Conflicts() {
    }

    /** @param attempt one whole transaction, safe to run again */
    public static <T> T retrying(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (n == MAX_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    public static void retrying(Runnable attempt) {
        retrying(() -> {
            attempt.run();
            return null;
        });
    }

    public static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DuplicateKeyException || t instanceof ConcurrencyException
                    || t instanceof AggregateStreamCreationException || t instanceof ConcurrencyFailureException) {
                return true;
            }
        }
        return false;
    }
}
