package dev.portico.command.userpass;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * <p>An attempt takes its place in both budgets before the password is checked, in one short transaction
 * under the rows' locks, so parallel attempts cannot all slip through on the same count: of fifty at once,
 * exactly the free ones are checked. A refused attempt takes nothing (it tested nothing), so hammering does
 * not lengthen a block: an attacker can keep an account closed only {@code max-delay} past each password it
 * really tries, and the owner ends that at once by resetting the password. A correct password clears the
 * account's failures and gives back the address's place.
 */
@Component
public class LoginThrottle {
    static final String ACCOUNT = "account";
    static final String ADDRESS = "address";

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

    /**
     * Takes an attempt from both budgets.
     *
     * @return empty when the password may be checked; otherwise how long to wait (nothing was taken)
     */
    public Optional<Duration> tryAttempt(String accountKey, String addressKey) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            // Always the address row first, then the account row: no two attempts lock them in opposite orders.
            Optional<Duration> wait = take(ADDRESS, addressKey, limits.address(), now)
                    .or(() -> take(ACCOUNT, accountKey, limits.account(), now));
            if (wait.isPresent()) {
                status.setRollbackOnly();
            }
            return wait;
        });
    }

    /** The password was right: the account starts afresh and the address gets its attempt back. */
    public void succeeded(String accountKey, String addressKey) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE login_failures SET failures = greatest(failures - 1, 0) WHERE scope = ? AND key_digest = ?")
                    .params(ADDRESS, addressKey).update();
            forget(accountKey);
        });
    }

    /** The owner proved the account is theirs another way (a password reset): its failures are forgotten. */
    public void forget(String accountKey) {
        jdbc.sql("DELETE FROM login_failures WHERE scope = ? AND key_digest = ?").params(ACCOUNT, accountKey).update();
    }

    /** Rows whose failures are all forgotten. */
    int purgeForgotten() {
        Instant now = clock.instant();
        return jdbc.sql("DELETE FROM login_failures WHERE (scope = ? AND last_failure_at <= ?) OR (scope = ? AND last_failure_at <= ?)")
                .params(ACCOUNT, Timestamp.from(now.minus(limits.account().forgetAfter())),
                        ADDRESS, Timestamp.from(now.minus(limits.address().forgetAfter())))
                .update();
    }

    /**
     * Counts the attempt as a failure in advance, if the budget allows one now; PostgreSQL re-checks the
     * condition on the row it has locked, so concurrent attempts see each other's counts.
     */
    private Optional<Duration> take(String scope, String key, PasswordProperties.Limit limit, Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp forgetBefore = Timestamp.from(now.minus(limit.forgetAfter()));
        int taken = jdbc.sql("""
                INSERT INTO login_failures AS f (scope, key_digest, failures, last_failure_at) VALUES (:scope, :key, 1, :now)
                ON CONFLICT (scope, key_digest) DO UPDATE SET
                    failures = CASE WHEN f.last_failure_at <= :forgetBefore THEN 1 ELSE f.failures + 1 END,
                    last_failure_at = :now
                WHERE f.last_failure_at <= :forgetBefore OR f.failures < :free
                   OR f.last_failure_at + make_interval(secs => least(:maxSeconds,
                          :firstSeconds * power(2, least(f.failures - :free, 40)))) <= :now""")
                .param("scope", scope).param("key", key).param("now", at).param("forgetBefore", forgetBefore)
                .param("free", limit.freeFailures())
                .param("maxSeconds", limit.maxDelay().toMillis() / 1000.0)
                .param("firstSeconds", limit.firstDelay().toMillis() / 1000.0)
                .update();
        if (taken == 1) {
            return Optional.empty();
        }
        record Row(int failures, Instant last) {
        }
        Row row = jdbc.sql("SELECT failures, last_failure_at FROM login_failures WHERE scope = ? AND key_digest = ?")
                .params(scope, key).query((rs, n) -> new Row(rs.getInt(1), rs.getTimestamp(2).toInstant())).single();
        Duration wait = Duration.between(now, row.last().plus(limit.delayAfter(row.failures())));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }
}
