package dev.portico.command.userpass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.testsupport.Races;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The brute-force budgets as PostgreSQL keeps them, on a clock the test moves: free failures, then a wait that
 * doubles up to a cap; refused attempts take nothing; failures are forgotten; the budget holds when many
 * attempts arrive at once, and right passwords arriving at once all get through.
 */
@CommandServiceTest
class LoginThrottleTest {
    /** Account: 3 free failures, then 10 s, 20 s, 40 s (the cap); forgotten after an hour. */
    private static final PasswordProperties.Limit ACCOUNT =
            new PasswordProperties.Limit(3, Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofHours(1));
    private static final PasswordProperties.Limit ADDRESS =
            new PasswordProperties.Limit(6, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(1));

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private LoginThrottle throttle;
    private String account;
    private String address;

    @BeforeEach
    void setUp() {
        throttle = new LoginThrottle(jdbc, transactions, new PasswordProperties.BruteForce(ACCOUNT, ADDRESS), clock);
        account = randomKey();
        address = randomKey();
    }

    @Test
    void freeFailuresThenAWaitThatDoublesUpToItsCap() {
        spend(account, 3);
        assertThat(throttle.tryAttempt(account, randomKey())).hasValue(Duration.ofSeconds(10));

        for (Duration wait : List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(40))) {
            clock.advance(wait.minusSeconds(1));
            assertThat(throttle.tryAttempt(account, randomKey())).hasValue(Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            spend(account, 1);
        }
        assertThat(throttle.tryAttempt(account, randomKey())).hasValue(Duration.ofSeconds(40));
    }

    @Test
    void refusedAttemptsTakeNothingAndDoNotLengthenTheWait() {
        spend(account, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.tryAttempt(account, address)).isPresent();
        }
        assertThat(failures(LoginThrottle.ACCOUNT, account)).isEqualTo(3);
        assertThat(failures(LoginThrottle.ADDRESS, address)).as("a refused attempt takes nothing of the address")
                .isNull();

        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.tryAttempt(account, address)).isEmpty();
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLast() {
        spend(account, 3);
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(throttle.tryAttempt(account, randomKey())).isEmpty();
        throttle.failed(account, randomKey());
        assertThat(throttle.tryAttempt(account, randomKey())).hasValue(Duration.ofSeconds(20));

        clock.advance(Duration.ofHours(1));

        spend(account, 3);
        assertThat(throttle.tryAttempt(account, randomKey())).hasValue(Duration.ofSeconds(10));
    }

    @Test
    void theRightPasswordClearsTheAccountAndGivesTheAddressItsPlaceBack() {
        spend(account, 2);
        assertThat(throttle.tryAttempt(account, address)).isEmpty();

        throttle.succeeded(account, address);

        assertThat(failures(LoginThrottle.ACCOUNT, account)).isZero();
        assertThat(failures(LoginThrottle.ADDRESS, address)).isZero();
        assertThat(inFlight(LoginThrottle.ADDRESS, address)).isZero();
        spend(account, 3);
        assertThat(throttle.tryAttempt(account, randomKey())).isPresent();
        throttle.forget(account);
        assertThat(throttle.tryAttempt(account, randomKey())).isEmpty();
    }

    @Test
    void anAddressIsLimitedAcrossAccounts() {
        for (int i = 0; i < 6; i++) {
            String someAccount = randomKey();
            assertThat(throttle.tryAttempt(someAccount, address)).isEmpty();
            throttle.failed(someAccount, address);
        }
        String untouched = randomKey();
        assertThat(throttle.tryAttempt(untouched, address)).hasValue(Duration.ofSeconds(30));
        assertThat(failures(LoginThrottle.ACCOUNT, untouched)).as("a refused attempt takes nothing of the account")
                .isNull();
    }

    @Test
    void ofFiftyWrongPasswordsAtOnceExactlyTheFreeOnesAreChecked() throws Exception {
        List<Optional<Duration>> outcomes = Races.inParallel(50, i -> () -> {
            String from = randomKey();
            Optional<Duration> wait = throttle.tryAttempt(account, from);
            if (wait.isEmpty()) {
                throttle.failed(account, from);
            }
            return wait;
        });

        assertThat(outcomes.stream().filter(Optional::isEmpty)).hasSize(3);
        assertThat(outcomes.stream().filter(Optional::isPresent)).hasSize(47)
                .allSatisfy(wait -> assertThat(wait).hasValue(Duration.ofSeconds(10)));
        assertThat(failures(LoginThrottle.ACCOUNT, account)).isEqualTo(3);
        assertThat(inFlight(LoginThrottle.ACCOUNT, account)).isZero();

        List<Optional<Duration>> fromOneAddress = Races.inParallel(50, i -> () -> {
            String someAccount = randomKey();
            Optional<Duration> wait = throttle.tryAttempt(someAccount, address);
            if (wait.isEmpty()) {
                throttle.failed(someAccount, address);
            }
            return wait;
        });
        assertThat(fromOneAddress.stream().filter(Optional::isEmpty)).hasSize(6);
        assertThat(failures(LoginThrottle.ADDRESS, address)).isEqualTo(6);
    }

    @Test
    void rightPasswordsArrivingAtOnceAllGetThrough() throws Exception {
        List<Optional<Duration>> outcomes = Races.inParallel(30, i -> () -> {
            Optional<Duration> wait = throttle.tryAttempt(account, address);
            if (wait.isEmpty()) {
                throttle.succeeded(account, address);
            }
            return wait;
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEmpty());
        assertThat(failures(LoginThrottle.ACCOUNT, account)).isZero();
        assertThat(failures(LoginThrottle.ADDRESS, address)).isZero();
    }

    @Test
    void aPlaceTakenByAnInstanceThatDiedIsVoidAfterAMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt(account, randomKey())).isEmpty(); // never settled
        }
        clock.advance(LoginThrottle.STALE_ATTEMPT);

        assertThat(throttle.tryAttempt(account, randomKey())).isEmpty();
    }

    @Test
    void forgottenFailuresAreRemoved() {
        spend(account, 1);
        clock.advance(Duration.ofHours(1));
        String recent = randomKey();
        spend(recent, 1);

        throttle.purgeForgotten();

        assertThat(failures(LoginThrottle.ACCOUNT, account)).isNull();
        assertThat(failures(LoginThrottle.ACCOUNT, recent)).isEqualTo(1);
    }

    /** Wrong passwords, each from an address of its own. */
    private void spend(String accountKey, int attempts) {
        for (int i = 0; i < attempts; i++) {
            String from = randomKey();
            assertThat(throttle.tryAttempt(accountKey, from)).isEmpty();
            throttle.failed(accountKey, from);
        }
    }

    private Integer inFlight(String scope, String key) {
        return jdbc.sql("SELECT in_flight FROM login_failures WHERE scope = ? AND key_digest = ?").params(scope, key)
                .query(Integer.class).optional().orElse(null);
    }

    private Integer failures(String scope, String key) {
        return jdbc.sql("SELECT failures FROM login_failures WHERE scope = ? AND key_digest = ?").params(scope, key)
                .query(Integer.class).optional().orElse(null);
    }


    private static String randomKey() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
