package dev.portico.command.userpass;

import dev.portico.command.store.TimestampParameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brute-force protection for password checks, kept in PostgreSQL ({@code login_failures}) so that it holds
 * across instances. Two budgets apply to every attempt: the account's (its address digest, across all client
 * addresses: slows guessing one password from many places) and the client address's (across all accounts:
 * slows trying one password on many accounts). Each allows a few free failures; after them every attempt
 * must wait a delay that doubles with each further failure, up to a cap, and an attempt within the wait is
 * refused without its password being looked at.
 *
 * <p>An attempt takes its place in both budgets before the password is checked ({@link #tryAttempt}), in one
 * short transaction under the rows' locks, and settles it afterwards ({@link #failed} or {@link #succeeded}).
 * A place taken counts as a possible failure until it is settled, so attempts arriving together cannot all
 * slip through: of fifty at once, exactly the free ones are checked. One that finds the budget full of such
 * places waits for them to settle (their checks take milliseconds), so a user's own simultaneous logins with
 * the right password all get through. A refused attempt takes nothing, so hammering does not lengthen a block:
 * an attacker can keep an account closed only {@code max-delay} past each password it really tries, and the
 * owner ends that at once by resetting the password ({@link #forget}). A right password clears the account's
 * failures; the address's count only failures.
 */
@Component
public class LoginThrottle {
    static final String ACCOUNT = "account";
    static final String ADDRESS = "address";
    /** A place taken by an instance that died before settling it is void after this. */
    static final Duration STALE_ATTEMPT = Duration.ofMinutes(1);
    /** How long an attempt waits for the attempts ahead of it to settle before it is refused. */
    static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PasswordProperties.BruteForce limits;
    private final Clock clock;

    @Autowired
    public LoginThrottle(JdbcClient jdbc, TransactionTemplate transactions, PasswordProperties properties, Clock clock) {
        this(jdbc, transactions, properties.bruteForce(), clock);
    }

    /** With limits of its own, e.g. to try a policy. */
    public LoginThrottle(JdbcClient jdbc, TransactionTemplate transactions, PasswordProperties.BruteForce limits,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
    }

    /** What a budget says to an attempt: admitted, blocked for {@code retryAfter}, or full of attempts in flight. */
    private record Verdict(boolean admitted, Duration retryAfter) {
        static final Verdict ADMITTED = new Verdict(true, null);
        static final Verdict BUSY = new Verdict(false, null);
    }

    /**
     * Takes an attempt's place in both budgets; the caller must settle it with {@link #failed} or
     * {@link #succeeded} once the password is checked.
     *
     * @return empty when the password may be checked; otherwise how long to wait (nothing was taken)
     */
    public Optional<Duration> tryAttempt(String accountKey, String addressKey) {
        long deadline = System.nanoTime() + WAIT_FOR_OTHERS.toNanos();
        while (true) {
            Verdict verdict = transactions.execute(status -> {
                Instant now = clock.instant();
                // Always the address row first, then the account row: no two attempts lock them in opposite orders.
                Verdict address = take(ADDRESS, addressKey, limits.address(), now);
                Verdict result = address.admitted() ? take(ACCOUNT, accountKey, limits.account(), now) : address;
                if (!result.admitted()) {
                    status.setRollbackOnly();
                }
                return result;
            });
            if (verdict.admitted()) {
                return Optional.empty();
            }
            if (verdict.retryAfter() != null) {
                return Optional.of(verdict.retryAfter());
            }
            if (System.nanoTime() > deadline) {
                return Optional.of(Duration.ofSeconds(1));
            }
            pause();
        }
    }

    /** The password was wrong (or the account unknown): the attempt's place becomes a failure in both budgets. */
    public void failed(String accountKey, String addressKey) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            settleAsFailure(ADDRESS, addressKey, limits.address(), now);
            settleAsFailure(ACCOUNT, accountKey, limits.account(), now);
        });
    }

    /** The password was right: the account starts afresh, and the address's place is given back. */
    public void succeeded(String accountKey, String addressKey) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE login_failures SET in_flight = greatest(in_flight - 1, 0) WHERE scope = ? AND key_digest = ?")
                    .params(ADDRESS, addressKey).update();
            jdbc.sql("""
                    UPDATE login_failures SET failures = 0, last_failure_at = NULL, in_flight = greatest(in_flight - 1, 0)
                    WHERE scope = ? AND key_digest = ?""").params(ACCOUNT, accountKey).update();
        });
    }

    /** The owner proved the account is theirs another way (a password reset): its failures are forgotten. */
    public void forget(String accountKey) {
        jdbc.sql("UPDATE login_failures SET failures = 0, last_failure_at = NULL WHERE scope = ? AND key_digest = ?")
                .params(ACCOUNT, accountKey).update();
    }

    /** Rows with nothing left to count: no attempt in flight, every failure forgotten. */
    int purgeForgotten() {
        Instant now = clock.instant();
        int removed = 0;
        for (String scope : new String[] {ACCOUNT, ADDRESS}) {
            OffsetDateTime cutoff = TimestampParameter.of(now.minus(limit(scope).forgetAfter()));
            removed += jdbc.sql("""
                    DELETE FROM login_failures WHERE scope = ? AND last_attempt_at <= ?
                    AND (last_failure_at IS NULL OR last_failure_at <= ?)""")
                    .params(scope, cutoff, cutoff).update();
        }
        return removed;
    }

    /**
     * Takes a place in one budget if it has room now. Failures older than {@code forget-after} and places
     * older than {@link #STALE_ATTEMPT} no longer count. PostgreSQL evaluates the condition on the row it
     * has locked, so concurrent attempts see each other's places.
     */
    private Verdict take(String scope, String key, PasswordProperties.Limit limit, Instant now) {
        OffsetDateTime forgetBefore = TimestampParameter.of(now.minus(limit.forgetAfter()));
        OffsetDateTime staleBefore = TimestampParameter.of(now.minus(STALE_ATTEMPT));
        int taken = jdbc.sql("""
                INSERT INTO login_failures AS f (scope, key_digest, failures, last_failure_at, in_flight, last_attempt_at)
                VALUES (:scope, :key, 0, NULL, 1, :now)
                ON CONFLICT (scope, key_digest) DO UPDATE SET
                    failures = CASE WHEN f.last_failure_at <= :forgetBefore THEN 0 ELSE f.failures END,
                    in_flight = CASE WHEN f.last_attempt_at <= :staleBefore THEN 1 ELSE f.in_flight + 1 END,
                    last_attempt_at = :now
                WHERE (CASE WHEN f.last_failure_at <= :forgetBefore THEN 0 ELSE f.failures END)
                      + (CASE WHEN f.last_attempt_at <= :staleBefore THEN 0 ELSE f.in_flight END) < :free
                   OR (f.failures >= :free AND f.last_failure_at > :forgetBefore
                       AND (f.in_flight = 0 OR f.last_attempt_at <= :staleBefore)
                       AND f.last_failure_at + make_interval(secs => least(:maxSeconds,
                               :firstSeconds * power(2, least(f.failures - :free, 40)))) <= :now)""")
                .param("scope", scope).param("key", key).param("now", TimestampParameter.of(now))
                .param("forgetBefore", forgetBefore).param("staleBefore", staleBefore)
                .param("free", limit.freeFailures())
                .param("maxSeconds", limit.maxDelay().toMillis() / 1000.0)
                .param("firstSeconds", limit.firstDelay().toMillis() / 1000.0)
                .update();
        if (taken == 1) {
            return Verdict.ADMITTED;
        }
        record Row(int failures, Instant lastFailure) {
        }
        Row row = jdbc.sql("SELECT failures, last_failure_at FROM login_failures WHERE scope = ? AND key_digest = ?")
                .params(scope, key)
                .query((rs, n) -> new Row(rs.getInt(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .single();
        if (row.failures() >= limit.freeFailures() && row.lastFailure() != null
                && row.lastFailure().isAfter(forgetBefore.toInstant())) {
            Duration wait = Duration.between(now, row.lastFailure().plus(limit.delayAfter(row.failures())));
            if (wait.compareTo(Duration.ZERO) > 0) {
                return new Verdict(false, wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
            }
        }
        return Verdict.BUSY;
    }

    private void settleAsFailure(String scope, String key, PasswordProperties.Limit limit, Instant now) {
        jdbc.sql("""
                UPDATE login_failures SET
                    failures = CASE WHEN last_failure_at <= ? THEN 1 ELSE failures + 1 END,
                    last_failure_at = ?, in_flight = greatest(in_flight - 1, 0)
                WHERE scope = ? AND key_digest = ?""")
                .params(TimestampParameter.of(now.minus(limit.forgetAfter())), TimestampParameter.of(now), scope, key)
                .update();
    }

    private PasswordProperties.Limit limit(String scope) {
        return ACCOUNT.equals(scope) ? limits.account() : limits.address();
    }

    /** Attempts ahead of this one are being checked; their Argon2 hashes take milliseconds. */
    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other login attempts", e);
        }
    }
}
