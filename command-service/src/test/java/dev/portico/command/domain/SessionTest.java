package dev.portico.command.domain;

import static dev.portico.command.domain.UserTest.EXPIRY;
import static dev.portico.command.domain.UserTest.GOOGLE;
import static dev.portico.command.domain.UserTest.NOW;
import static dev.portico.command.domain.UserTest.SESSION;
import static dev.portico.command.domain.UserTest.USER;
import static dev.portico.command.domain.UserTest.issued;

import dev.portico.command.command.RecordSessionUse;
import dev.portico.command.command.RevokeSession;
import dev.portico.events.DeviceId;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.session.SessionUsed;
import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session ends once: revoked before it expires, never after. Its use is recorded at most once per interval,
 * counted from the login or the last recorded use.
 */
class SessionTest {
    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.givenCurrentTime(NOW);
    }

    @Test
    void endsAnOpenSession() {
        fixture.given(issued(GOOGLE))
                .when(new RevokeSession(SESSION, RevocationReason.LOGGED_OUT))
                .expectEvents(new SessionRevoked(SESSION, USER, RevocationReason.LOGGED_OUT, NOW));
    }

    @Test
    void refusesASessionThatIsAlreadyRevoked() {
        fixture.given(issued(GOOGLE), new SessionRevoked(SESSION, USER, RevocationReason.REVOKED, NOW))
                .when(new RevokeSession(SESSION, RevocationReason.LOGGED_OUT))
                .expectException(SessionNotFound.class)
                .expectNoEvents();
    }

    @Test
    void refusesASessionThatHasExpired() {
        SessionIssued expired = new SessionIssued(SESSION, USER, UserTest.APP, GOOGLE.id(), GOOGLE.providerType(),
                DeviceId.NONE, "hash", UserTest.SEALED, NOW.minusSeconds(60), NOW.minusSeconds(1));
        fixture.given(expired)
                .when(new RevokeSession(SESSION, RevocationReason.LOGGED_OUT))
                .expectException(SessionNotFound.class)
                .expectNoEvents();
    }

    @Test
    void aSessionLastsUntilItsExpiry() {
        fixture.given(issued(GOOGLE))
                .andGivenCurrentTime(EXPIRY.minusSeconds(1))
                .when(new RevokeSession(SESSION, RevocationReason.REVOKED))
                .expectEvents(new SessionRevoked(SESSION, USER, RevocationReason.REVOKED, EXPIRY.minusSeconds(1)));
    }

    @Test
    void aUseAnIntervalAfterTheLoginIsRecorded() {
        fixture.given(issued(GOOGLE))
                .andGivenCurrentTime(NOW.plus(Duration.ofHours(2)))
                .when(new RecordSessionUse(SESSION, Duration.ofHours(1)))
                .expectEvents(new SessionUsed(SESSION, USER, NOW.plus(Duration.ofHours(2))))
                .expectResultMessagePayload(true);
    }

    @Test
    void aUseWithinTheIntervalOfTheLastRecordedOneRecordsNothing() {
        fixture.given(issued(GOOGLE), new SessionUsed(SESSION, USER, NOW.plus(Duration.ofHours(2))))
                .andGivenCurrentTime(NOW.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(59)))
                .when(new RecordSessionUse(SESSION, Duration.ofHours(1)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aUseOfAnEndedSessionIsRefused() {
        fixture.given(issued(GOOGLE), new SessionRevoked(SESSION, USER, RevocationReason.LOGGED_OUT, NOW))
                .andGivenCurrentTime(NOW.plus(Duration.ofHours(2)))
                .when(new RecordSessionUse(SESSION, Duration.ofHours(1)))
                .expectException(SessionNotFound.class)
                .expectNoEvents();
    }
}
