package dev.portico.command.domain;

import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.DisableUser;
import dev.portico.command.command.EnableUser;
import dev.portico.command.command.LinkIdentity;
import dev.portico.command.command.OpenSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.SealedIdentity;
import dev.portico.command.command.SessionGrant;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of a user, given its past events, when a command arrives, then the events it records. */
class UserTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final UserId USER = new UserId("65aa00000000000000000001");
    static final AppId APP = new AppId("test-app");
    static final SessionId SESSION = new SessionId("65aa000000000000000000a1");
    static final SealedData SEALED = new SealedData("a1.k1.c2VhbGVk");
    static final Instant EXPIRY = NOW.plus(Duration.ofDays(60));

    static final SealedIdentity ANONYMOUS = identity("0000000000000000000000000000000a", ProviderType.ANONYMOUS, "anon-user");
    static final SealedIdentity GOOGLE = identity("0000000000000000000000000000000b", ProviderType.GOOGLE, "oauth2-google");
    static final SealedIdentity PASSWORD = identity("0000000000000000000000000000000c", ProviderType.EMAIL_PASSWORD,
            "local-userpass");
    static final SealedIdentity OTHER_PASSWORD = identity("0000000000000000000000000000000d",
            ProviderType.EMAIL_PASSWORD, "local-userpass");

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.givenCurrentTime(NOW);
    }

    static SealedIdentity identity(String id, ProviderType type, String providerId) {
        return new SealedIdentity(new IdentityId(id), type, providerId, SEALED, null);
    }

    static SessionGrant grant(Instant expiresAt) {
        return new SessionGrant(SESSION, DeviceId.NONE, "hash", SEALED, expiresAt);
    }

    static UserRegistered registered() {
        return new UserRegistered(USER, APP, UserType.NORMAL, NOW);
    }

    static IdentityLinked linked(SealedIdentity identity) {
        return new IdentityLinked(USER, APP, identity.id(), identity.providerType(), identity.providerId(),
                identity.subject(), identity.profile(), NOW);
    }

    static SessionIssued issued(SealedIdentity identity) {
        return new SessionIssued(SESSION, USER, APP, identity.id(), identity.providerType(), DeviceId.NONE, "hash",
                SEALED, NOW, EXPIRY);
    }

    @Nested
    class Registering {
        @Test
        void recordsTheUserItsFirstIdentityAndItsFirstSession() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, APP, UserType.NORMAL, ANONYMOUS, grant(EXPIRY)))
                    .expectEvents(registered(), linked(ANONYMOUS), issued(ANONYMOUS));
        }

        @Test
        void refusesAFirstSessionThatWouldAlreadyHaveExpired() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, APP, UserType.NORMAL, ANONYMOUS, grant(NOW)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class OpeningSessions {
        @Test
        void opensASessionThroughALinkedIdentity() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new OpenSession(USER, GOOGLE.id(), grant(EXPIRY)))
                    .expectEvents(issued(GOOGLE));
        }

        @Test
        void refusesAnIdentityThatIsNotTheUsers() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new OpenSession(USER, GOOGLE.id(), grant(EXPIRY)))
                    .expectException(IdentityNotLinked.class)
                    .expectNoEvents();
        }

        @Test
        void refusesASessionThatWouldAlreadyHaveExpired() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new OpenSession(USER, GOOGLE.id(), grant(NOW)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Linking {
        @Test
        void addsANewIdentity() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new LinkIdentity(USER, GOOGLE))
                    .expectEvents(linked(GOOGLE));
        }

        @Test
        void linkingTheSameIdentityAgainChangesNothing() {
            fixture.given(registered(), linked(ANONYMOUS), linked(GOOGLE))
                    .when(new LinkIdentity(USER, GOOGLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnAnonymousIdentity() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new LinkIdentity(USER, ANONYMOUS))
                    .expectException(IdentityNotLinkable.class)
                    .expectExceptionMessage("linking an anonymous identity is not allowed")
                    .expectNoEvents();
        }

        @Test
        void refusesASecondEmailPasswordIdentity() {
            fixture.given(registered(), linked(PASSWORD))
                    .when(new LinkIdentity(USER, OTHER_PASSWORD))
                    .expectException(IdentityNotLinkable.class)
                    .expectExceptionMessage(
                            "linking a local-userpass identity is not allowed when one is already linked")
                    .expectNoEvents();
        }

        @Test
        void acceptsAFirstEmailPasswordIdentity() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new LinkIdentity(USER, PASSWORD))
                    .expectEvents(linked(PASSWORD));
        }
    }

    @Nested
    class Deleting {
        @Test
        void recordsTheDeletion() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new DeleteUser(USER, DeletionReason.USER_REQUEST))
                    .expectEvents(new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW));
        }

        @Test
        void anAnonymousUserEndsWhenItLogsOut() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new DeleteUser(USER, DeletionReason.ANONYMOUS_LOGOUT))
                    .expectEvents(new UserDeleted(USER, APP, DeletionReason.ANONYMOUS_LOGOUT, NOW));
        }

        @Test
        void aUserThatLinkedAnotherIdentityOutlivesItsLogout() {
            fixture.given(registered(), linked(ANONYMOUS), linked(GOOGLE))
                    .when(new DeleteUser(USER, DeletionReason.ANONYMOUS_LOGOUT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aDeletedUserAcceptsNoFurtherCommands() {
            fixture.given(registered(), linked(GOOGLE), new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW))
                    .when(new OpenSession(USER, GOOGLE.id(), grant(EXPIRY)))
                    .expectException(AggregateDeletedException.class);
        }

        @Test
        void aDeletedUserCannotBeDeletedAgain() {
            fixture.given(registered(), linked(GOOGLE), new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW))
                    .when(new DeleteUser(USER, DeletionReason.USER_REQUEST))
                    .expectException(AggregateDeletedException.class);
        }
    }

    @Nested
    class Disabling {
        @Test
        void recordsThatTheUserIsDisabled() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new DisableUser(USER))
                    .expectEvents(new UserDisabled(USER, NOW))
                    .expectResultMessagePayload(true);
        }

        @Test
        void disablingADisabledUserChangesNothing() {
            fixture.given(registered(), linked(GOOGLE), new UserDisabled(USER, NOW))
                    .when(new DisableUser(USER))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aDisabledUserOpensNoSession() {
            fixture.given(registered(), linked(GOOGLE), new UserDisabled(USER, NOW))
                    .when(new OpenSession(USER, GOOGLE.id(), grant(EXPIRY)))
                    .expectException(UserIsDisabled.class)
                    .expectNoEvents();
        }

        @Test
        void aDisabledUserLinksNothing() {
            fixture.given(registered(), linked(ANONYMOUS), new UserDisabled(USER, NOW))
                    .when(new LinkIdentity(USER, GOOGLE))
                    .expectException(UserIsDisabled.class)
                    .expectNoEvents();
        }

        @Test
        void enablingLetsTheUserLogInAgain() {
            fixture.given(registered(), linked(GOOGLE), new UserDisabled(USER, NOW), new UserEnabled(USER, NOW))
                    .when(new OpenSession(USER, GOOGLE.id(), grant(EXPIRY)))
                    .expectEvents(issued(GOOGLE));
        }

        @Test
        void recordsThatADisabledUserIsEnabled() {
            fixture.given(registered(), linked(GOOGLE), new UserDisabled(USER, NOW))
                    .when(new EnableUser(USER))
                    .expectEvents(new UserEnabled(USER, NOW))
                    .expectResultMessagePayload(true);
        }

        @Test
        void enablingAnEnabledUserChangesNothing() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new EnableUser(USER))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aDeletedUserIsNotFound() {
            fixture.given(registered(), linked(GOOGLE), new UserDeleted(USER, APP, DeletionReason.ADMINISTRATIVE, NOW))
                    .when(new DisableUser(USER))
                    .expectException(AggregateDeletedException.class);
        }
    }

    @Nested
    class CleaningUpInactiveAnonymousUsers {
        @Test
        void anAnonymousUserIsDeleted() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new DeleteUser(USER, DeletionReason.ANONYMOUS_INACTIVE))
                    .expectEvents(new UserDeleted(USER, APP, DeletionReason.ANONYMOUS_INACTIVE, NOW));
        }

        @Test
        void aUserThatLinkedAnotherIdentityIsPermanent() {
            fixture.given(registered(), linked(ANONYMOUS), linked(PASSWORD))
                    .when(new DeleteUser(USER, DeletionReason.ANONYMOUS_INACTIVE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
