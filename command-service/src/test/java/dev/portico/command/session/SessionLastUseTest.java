package dev.portico.command.session;

import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.command.store.RecordingClock;
import dev.portico.command.support.MutableClock;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * A refresh records that its session was used ({@code SessionUsed}) when the last recorded use, or the login, is
 * at least {@code portico.sessions.use-interval} (1 hour) old, and records nothing otherwise: refreshes do not
 * grow the history. The service's clock, and its events', is this test's.
 */
@CommandServiceTest
@WithKeysAndTokens
@Import(SessionLastUseTest.Time.class)
class SessionLastUseTest {
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
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        // Here, once the context is up: its configuration sets the services' own clock.
        GenericEventMessage.clock = CLOCK;
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    @Test
    void aRefreshTwoHoursAfterTheLastUseRecordsTheUse() {
        Response login = api.anonymousLogin(KEYS_APP);
        CLOCK.advance(Duration.ofHours(2));

        assertThat(refresh(login)).isEqualTo(201);

        String user = login.text("user_id");
        assertThat(events.typesOf(user)).filteredOn("SessionUsed"::equals).hasSize(1);
        assertThat(lastUsedAt(user)).isEqualTo(CLOCK.instant());
    }

    @Test
    void aRefreshAMinuteAfterARecordedUseRecordsNothing() {
        Response login = api.anonymousLogin(KEYS_APP);
        CLOCK.advance(Duration.ofHours(2));
        assertThat(refresh(login)).isEqualTo(201);
        Instant recorded = CLOCK.instant();
        CLOCK.advance(Duration.ofMinutes(1));

        assertThat(refresh(login)).isEqualTo(201);
        assertThat(refresh(login)).isEqualTo(201);

        String user = login.text("user_id");
        assertThat(events.typesOf(user)).filteredOn("SessionUsed"::equals).hasSize(1);
        assertThat(lastUsedAt(user)).isEqualTo(recorded);
    }

    @Test
    void aRefreshRightAfterTheLoginRecordsNothing() {
        Response login = api.anonymousLogin(KEYS_APP);
        CLOCK.advance(Duration.ofMinutes(1));

        assertThat(refresh(login)).isEqualTo(201);

        assertThat(events.typesOf(login.text("user_id"))).doesNotContain("SessionUsed");
    }

    private int refresh(Response login) {
        return api.post("/api/client/v2.0/auth/session", login.text("refresh_token"), null).status();
    }

    private Instant lastUsedAt(String user) {
        return jdbc.sql("SELECT last_used_at FROM sessions WHERE user_id = ?").param(user)
                .query(Timestamp.class).single().toInstant();
    }
}
