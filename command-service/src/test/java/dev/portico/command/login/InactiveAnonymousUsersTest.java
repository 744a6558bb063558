package dev.portico.command.login;

import static dev.portico.command.support.KeysAndTokensApps.AUDIENCE;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.privacy.PersonalDataVault;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.Jwts;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.command.store.RecordingClock;
import dev.portico.command.support.MutableClock;
import dev.portico.events.UserId;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Anonymous users nobody used for 90 days are deleted by the service; activity is a login or a refresh. The
 * service's clock, and the one its events are stamped with, is this test's (in a context, and database, of
 * its own), so days pass at a word.
 */
@CommandServiceTest
@WithKeysAndTokens
@Import(InactiveAnonymousUsersTest.Time.class)
@TestPropertySource(properties = "portico.anonymous.batch-size=2")
class InactiveAnonymousUsersTest {
    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @AfterAll
    static void stampEventsWithTheServicesClock() {
        GenericEventMessage.clock = RecordingClock.UTC_MICROSECONDS;
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InactiveAnonymousUsers cleanup;
    @Autowired
    PersonalDataVault vault;
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        // Here, once the context is up: its configuration sets the services' own clock.
        GenericEventMessage.clock = CLOCK;
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
        // Whatever earlier tests left is out of the way: each test starts with no inactive users.
        CLOCK.advance(Duration.ofDays(365));
        cleanup.deleteInactive();
    }

    @Test
    void anAnonymousUserNobodyUsedFor90DaysIsDeletedWithItsPersonalData() {
        Response idle = api.anonymousLogin(KEYS_APP);
        CLOCK.advance(Duration.ofDays(89));

        assertThat(cleanup.deleteInactive()).isZero();

        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(cleanup.deleteInactive()).isEqualTo(1);

        String user = idle.text("user_id");
        assertThat(events.typesOf(user)).last().isEqualTo("UserDeleted");
        assertThat(deletion(user)).isEqualTo("ANONYMOUS_INACTIVE system");
        assertThat(vault.findKey(new UserId(user))).isEmpty();
        assertThat(count("SELECT count(*) FROM accounts WHERE user_id = ?", user)).isZero();
    }

    @Test
    void aRefreshIsActivity() {
        Response used = api.anonymousLogin(KEYS_APP);
        CLOCK.advance(Duration.ofDays(50));
        assertThat(api.post("/api/client/v2.0/auth/session", used.text("refresh_token"), null).status()).isEqualTo(201);
        CLOCK.advance(Duration.ofDays(89));

        assertThat(cleanup.deleteInactive()).isZero();

        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(cleanup.deleteInactive()).isEqualTo(1);
        assertThat(deletion(used.text("user_id"))).isEqualTo("ANONYMOUS_INACTIVE system");
    }

    @Test
    void aUserThatLinkedAnotherIdentityIsPermanent() {
        Response anonymous = api.anonymousLogin(KEYS_APP);
        String token = Jwts.hs256(SIGNING_KEY, new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
                .audience(AUDIENCE).claim("email", "linked@example.test").issueTime(Date.from(CLOCK.instant()))
                .expirationTime(Date.from(CLOCK.instant().plus(Duration.ofHours(1)))).build());
        Response linked = api.post("/api/client/v2.0/app/" + KEYS_APP + "/auth/providers/custom-token/login?link=true",
                anonymous.text("access_token"), "{\"token\":\"" + token + "\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(400));

        assertThat(cleanup.deleteInactive()).isZero();
        assertThat(count("SELECT count(*) FROM accounts WHERE user_id = ?", anonymous.text("user_id"))).isEqualTo(1);
    }

    /** Batches of two, two instances at once: each user is deleted once, and every one of them. */
    @Test
    void twoInstancesCleaningUpAtOnceDeleteEachUserOnce() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            users.add(api.anonymousLogin(KEYS_APP).text("user_id"));
        }
        CLOCK.advance(Duration.ofDays(91));

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(cleanup::deleteInactive);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(cleanup::deleteInactive);

        assertThat(one.join() + two.join()).isEqualTo(9);
        for (String user : users) {
            assertThat(events.typesOf(user)).filteredOn("UserDeleted"::equals).hasSize(1);
        }
    }

    private String deletion(String user) {
        return jdbc.sql("SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'reason') || ' '"
                        + " || (convert_from(meta_data, 'UTF8')::jsonb ->> 'actor') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type LIKE '%.UserDeleted'")
                .param(user).query(String.class).single();
    }

    private long count(String sql, String user) {
        return jdbc.sql(sql).param(user).query(Long.class).single();
    }
}
