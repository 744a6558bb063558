package dev.portico.command.userpass;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the email/password provider ({@code portico.passwords}): the cost of the password hash, how
 * long an unconfirmed registration holds its address, and the brute-force limits on password logins. Each
 * has a default, so none needs to be set; see the module README.
 */
@ConfigurationProperties("portico.passwords")
public record PasswordProperties(Argon2 argon2, Duration pendingRegistrationLifetime, BruteForce bruteForce) {
    public PasswordProperties {
        argon2 = argon2 == null ? new Argon2(null, null, null, null) : argon2;
        pendingRegistrationLifetime = pendingRegistrationLifetime == null ? Duration.ofDays(7)
                : pendingRegistrationLifetime;
        bruteForce = bruteForce == null ? new BruteForce(null, null) : bruteForce;
        if (pendingRegistrationLifetime.compareTo(EmailPasswordAccounts.TOKEN_LIFETIME) < 0) {
            throw new IllegalArgumentException("portico.passwords.pending-registration-lifetime must be at least "
                    + "the 30 minutes a confirmation link lives");
        }
    }

    /** The defaults. */
    public static PasswordProperties defaults() {
        return new PasswordProperties(null, null, null);
    }

    /**
     * Argon2id's cost. The default is Keycloak's (t=5, m=7 MiB, p=1), so that the two compare fairly.
     * {@code maxConcurrent} bounds how many hashes run at once (each holds {@code memoryKib} of memory); 0 means
     * one per processor.
     */
    public record Argon2(Integer iterations, Integer memoryKib, Integer parallelism, Integer maxConcurrent) {
        public Argon2 {
            iterations = iterations == null ? 5 : iterations;
            memoryKib = memoryKib == null ? 7168 : memoryKib;
            parallelism = parallelism == null ? 1 : parallelism;
            maxConcurrent = maxConcurrent == null || maxConcurrent <= 0
                    ? Runtime.getRuntime().availableProcessors() : maxConcurrent;
            if (iterations < 1 || parallelism < 1 || parallelism > 64 || memoryKib < 8 * parallelism) {
                throw new IllegalArgumentException("portico.passwords.argon2 needs iterations >= 1, parallelism 1 to 64"
                        + " and memory-kib >= 8 x parallelism");
            }
        }
    }

    /**
     * Limits on failed password logins, counted per account (e-mail address) across all client addresses, and
     * per client address across all accounts.
     */
    public record BruteForce(Limit account, Limit address) {
        public BruteForce {
            account = account == null ? new Limit(5, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1))
                    : account.orDefaults(5, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1));
            address = address == null ? new Limit(50, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(1))
                    : address.orDefaults(50, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    /**
     * {@code freeFailures} failed attempts cost nothing; after that, each further attempt must wait
     * {@code firstDelay}, doubled with every further failure, at most {@code maxDelay}, after the last failure.
     * Failures are forgotten once the last one is {@code forgetAfter} old.
     */
    public record Limit(Integer freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
        public Limit {
            if (freeFailures != null && freeFailures < 1) {
                throw new IllegalArgumentException("portico.passwords.brute-force: free-failures must be at least 1");
            }
            if (firstDelay != null && maxDelay != null && maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("portico.passwords.brute-force: max-delay must be at least first-delay");
            }
            if (maxDelay != null && forgetAfter != null && forgetAfter.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("portico.passwords.brute-force: forget-after must be at least "
                        + "max-delay, or a block would outlast the failures behind it");
            }
        }

        Limit orDefaults(int free, Duration first, Duration max, Duration forget) {
            return new Limit(freeFailures == null ? free : freeFailures, firstDelay == null ? first : firstDelay,
                    maxDelay == null ? max : maxDelay, forgetAfter == null ? forget : forgetAfter);
        }

        /** How long an attempt must wait after the last of {@code failures} failures. */
        Duration delayAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - freeFailures, 40);
            double seconds = Math.min(maxDelay.toMillis() / 1000.0, firstDelay.toMillis() / 1000.0 * Math.pow(2, doublings));
            return Duration.ofMillis((long) (seconds * 1000));
        }
    }
}
