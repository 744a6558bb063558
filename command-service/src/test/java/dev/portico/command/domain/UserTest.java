package dev.portico.command.domain;

import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.IssueSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.RevokeSession;
import dev.portico.command.command.SessionGrant;
import dev.portico.events.AppId;
import dev.portico.events.DeletionReason;
import dev.portico.events.DeviceId;
import dev.portico.events.Identity;
import dev.portico.events.IdentityLinked;
import dev.portico.events.ProviderType;
import dev.portico.events.RevocationReason;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.SessionIssued;
import dev.portico.events.SessionRevoked;
import dev.portico.events.UserDeleted;
import dev.portico.events.UserId;
import dev.portico.events.UserRegistered;
import dev.portico.events.UserType;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UserTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final UserId USER = new UserId("65aa00000000000000000001");
    private static final AppId APP = new AppId("test-app");
    private static final Identity ANONYMOUS = new Identity(ProviderType.ANONYMOUS, "anon-provider", "65aa00000000000000000001-abc");
    private static final Identity GOOGLE = new Identity(ProviderType.GOOGLE, "google-provider", "1234567890");
    private static final SessionId SESSION = new SessionId("65aa000000000000000000a1");
    private static final SealedData CLIENT = new SealedData("c2VhbGVk");
    private static final Instant EXPIRY = NOW.plus(Duration.ofDays(60));

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.givenCurrentTime(NOW);
    }

    private static SessionGrant grant(Instant expiresAt) {
        return new SessionGrant(SESSION, DeviceId.NONE, "hash", CLIENT, expiresAt);
    }

    private static UserRegistered registered() {
        return new UserRegistered(USER, APP, UserType.NORMAL, NOW);
    }

    private static IdentityLinked linked(Identity identity) {
        return new IdentityLinked(USER, APP, identity, null, NOW);
    }

    private static SessionIssued issued(Identity identity, SessionId session, Instant expiresAt) {
        return new SessionIssued(USER, APP, session, identity, DeviceId.NONE, "hash", CLIENT, NOW, expiresAt);
    }

    @Nested
    class Registering {
        @Test
        void recordsTheUserAndItsFirstIdentity() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, APP, UserType.NORMAL, ANONYMOUS, null, grant(EXPIRY)))
                    .expectEvents(registered(), linked(ANONYMOUS), issued(ANONYMOUS, SESSION, EXPIRY));
        }

        @Test
        void refusesAFirstSessionThatWouldAlreadyHaveExpired() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, APP, UserType.NORMAL, ANONYMOUS, null, grant(NOW)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class IssuingSessions {
        @Test
        void opensASessionThroughALinkedIdentity() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new IssueSession(USER, ANONYMOUS, grant(EXPIRY)))
                    .expectEvents(issued(ANONYMOUS, SESSION, EXPIRY));
        }

        @Test
        void refusesAnIdentityThatIsNotTheUsers() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new IssueSession(USER, GOOGLE, grant(EXPIRY)))
                    .expectException(IdentityNotLinked.class)
                    .expectNoEvents();
        }

        @Test
        void refusesASessionThatWouldAlreadyHaveExpired() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new IssueSession(USER, ANONYMOUS, grant(NOW)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class RevokingSessions {
        @Test
        void endsAnOpenSession() {
            fixture.given(registered(), linked(GOOGLE), issued(GOOGLE, SESSION, EXPIRY))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.LOGGED_OUT))
                    .expectEvents(new SessionRevoked(USER, SESSION, RevocationReason.LOGGED_OUT, NOW));
        }

        @Test
        void refusesASessionThatWasNeverOpened() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.LOGGED_OUT))
                    .expectException(SessionNotFound.class)
                    .expectNoEvents();
        }

        @Test
        void refusesASessionThatIsAlreadyRevoked() {
            fixture.given(registered(), linked(GOOGLE), issued(GOOGLE, SESSION, EXPIRY),
                            new SessionRevoked(USER, SESSION, RevocationReason.REVOKED, NOW))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.LOGGED_OUT))
                    .expectException(SessionNotFound.class);
        }

        @Test
        void refusesASessionThatHasExpired() {
            fixture.given(registered(), linked(GOOGLE), issued(GOOGLE, SESSION, NOW.minusSeconds(1)))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.LOGGED_OUT))
                    .expectException(SessionNotFound.class);
        }

        @Test
        void deletesAnAnonymousUserThatLogsOut() {
            fixture.given(registered(), linked(ANONYMOUS), issued(ANONYMOUS, SESSION, EXPIRY))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.LOGGED_OUT))
                    .expectEvents(new SessionRevoked(USER, SESSION, RevocationReason.LOGGED_OUT, NOW),
                            new UserDeleted(USER, APP, DeletionReason.ANONYMOUS_LOGOUT, NOW));
        }

        @Test
        void keepsAnAnonymousUserWhoseSessionIsRevokedRatherThanLoggedOut() {
            fixture.given(registered(), linked(ANONYMOUS), issued(ANONYMOUS, SESSION, EXPIRY))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.REVOKED))
                    .expectEvents(new SessionRevoked(USER, SESSION, RevocationReason.REVOKED, NOW));
        }

        @Test
        void keepsAFormerlyAnonymousUserThatLinkedAnotherIdentity() {
            fixture.given(registered(), linked(ANONYMOUS), linked(GOOGLE), issued(ANONYMOUS, SESSION, EXPIRY))
                    .when(new RevokeSession(USER, SESSION, RevocationReason.LOGGED_OUT))
                    .expectEvents(new SessionRevoked(USER, SESSION, RevocationReason.LOGGED_OUT, NOW));
        }
    }

    @Nested
    class Deleting {
        @Test
        void recordsTheDeletion() {
            fixture.given(registered(), linked(GOOGLE), issued(GOOGLE, SESSION, EXPIRY))
                    .when(new DeleteUser(USER, DeletionReason.USER_REQUEST))
                    .expectEvents(new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW));
        }

        @Test
        void aDeletedUserAcceptsNoFurtherCommands() {
            fixture.given(registered(), linked(GOOGLE), new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW))
                    .when(new IssueSession(USER, GOOGLE, grant(EXPIRY)))
                    .expectException(AggregateDeletedException.class);
        }

        @Test
        void aDeletedUserCannotBeDeletedAgain() {
            fixture.given(registered(), linked(GOOGLE), new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW))
                    .when(new DeleteUser(USER, DeletionReason.USER_REQUEST))
                    .expectException(AggregateDeletedException.class);
        }
    }
}
