package dev.portico.command.domain;

import static dev.portico.command.domain.UserTest.ANONYMOUS;
import static dev.portico.command.domain.UserTest.APP;
import static dev.portico.command.domain.UserTest.EXPIRY;
import static dev.portico.command.domain.UserTest.GOOGLE;
import static dev.portico.command.domain.UserTest.NOW;
import static dev.portico.command.domain.UserTest.SEALED;
import static dev.portico.command.domain.UserTest.SESSION;
import static dev.portico.command.domain.UserTest.USER;
import static dev.portico.command.domain.UserTest.grant;
import static dev.portico.command.domain.UserTest.linked;
import static dev.portico.command.domain.UserTest.registered;

import dev.portico.command.command.CreateApiKey;
import dev.portico.command.command.DeleteApiKey;
import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.DisableApiKey;
import dev.portico.command.command.EnableApiKey;
import dev.portico.command.command.OpenApiKeySession;
import dev.portico.command.command.RegisterServerUser;
import dev.portico.command.command.SealedApiKey;
import dev.portico.command.command.SealedIdentity;
import dev.portico.command.command.UpdateIdentityProfile;
import dev.portico.events.ApiKeyId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.apikey.ApiKeyCreated;
import dev.portico.events.apikey.ApiKeyDeleted;
import dev.portico.events.apikey.ApiKeyDisabled;
import dev.portico.events.apikey.ApiKeyEnabled;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The user's rules about its API keys and its identities' profiles: given its events, when a command, then. */
class UserApiKeyTest {
    static final ApiKeyId KEY = new ApiKeyId("65aa0000000000000000c001");
    static final ApiKeyId OTHER_KEY = new ApiKeyId("65aa0000000000000000c002");
    static final SealedData HASH = new SealedData("a1.k1.aGFzaA==");
    static final SealedIdentity KEY_IDENTITY = new SealedIdentity(new IdentityId("000000000000000000000000000000e1"),
            ProviderType.API_KEY, "api-key", SEALED, null);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.givenCurrentTime(NOW);
    }

    static String digest(int n) {
        return String.format("%032x", n);
    }

    static SealedApiKey key(ApiKeyId id, String nameDigest) {
        return new SealedApiKey(id, nameDigest, SEALED, HASH);
    }

    static ApiKeyCreated created(ApiKeyId id, String nameDigest) {
        return new ApiKeyCreated(USER, APP, id, nameDigest, SEALED, HASH, NOW);
    }

    static SessionIssued issuedThroughKey() {
        return new SessionIssued(SESSION, USER, APP, KEY_IDENTITY.id(), ProviderType.API_KEY, DeviceId.NONE, "hash",
                SEALED, NOW, EXPIRY);
    }

    @Nested
    class Creating {
        @Test
        void recordsTheKeyWithItsSealedNameAndHash() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new CreateApiKey(USER, key(KEY, digest(1))))
                    .expectEvents(created(KEY, digest(1)));
        }

        @Test
        void refusesAnAnonymousUser() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new CreateApiKey(USER, key(KEY, digest(1))))
                    .expectException(ApiKeyRefused.class)
                    .expectExceptionMessage("anonymous users cannot create API keys")
                    .expectNoEvents();
        }

        @Test
        void acceptsAUserThatBeganAnonymousAndLinkedAnotherIdentity() {
            fixture.given(registered(), linked(ANONYMOUS), linked(GOOGLE))
                    .when(new CreateApiKey(USER, key(KEY, digest(1))))
                    .expectEvents(created(KEY, digest(1)));
        }

        @Test
        void refusesANameTheUserAlreadyHas() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)))
                    .when(new CreateApiKey(USER, key(OTHER_KEY, digest(1))))
                    .expectException(ApiKeyRefused.class)
                    .expectExceptionMessage("an API key with this name already exists")
                    .expectNoEvents();
        }

        @Test
        void takesTheNameOfADeletedKeyAgain() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)),
                            new ApiKeyDeleted(USER, KEY, NOW))
                    .when(new CreateApiKey(USER, key(OTHER_KEY, digest(1))))
                    .expectEvents(created(OTHER_KEY, digest(1)));
        }

        @Test
        void refusesTheTwentyFirstKey() {
            List<Object> history = new ArrayList<>(List.of(registered(), linked(GOOGLE)));
            for (int i = 0; i < User.MAX_API_KEYS; i++) {
                history.add(created(new ApiKeyId(String.format("65aa00000000000000%06x", i)), digest(i)));
            }

            fixture.given(history)
                    .when(new CreateApiKey(USER, key(KEY, digest(99))))
                    .expectException(ApiKeyRefused.class)
                    .expectExceptionMessage("a user can have at most 20 API keys")
                    .expectNoEvents();
        }

        @Test
        void aDeletedKeyNoLongerCountsTowardsTheLimit() {
            List<Object> history = new ArrayList<>(List.of(registered(), linked(GOOGLE)));
            for (int i = 0; i < User.MAX_API_KEYS; i++) {
                history.add(created(new ApiKeyId(String.format("65aa00000000000000%06x", i)), digest(i)));
            }
            history.add(new ApiKeyDeleted(USER, new ApiKeyId("65aa00000000000000000000"), NOW));

            fixture.given(history)
                    .when(new CreateApiKey(USER, key(KEY, digest(99))))
                    .expectEvents(created(KEY, digest(99)));
        }

        @Test
        void aServerUserComesIntoBeingWithItsKey() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterServerUser(USER, APP, key(KEY, digest(1))))
                    .expectEvents(new UserRegistered(USER, APP, UserType.SERVER, NOW), created(KEY, digest(1)));
        }

        @Test
        void aServerUserWithoutIdentitiesMayHaveMoreKeys() {
            fixture.given(new UserRegistered(USER, APP, UserType.SERVER, NOW), created(KEY, digest(1)))
                    .when(new CreateApiKey(USER, key(OTHER_KEY, digest(2))))
                    .expectEvents(created(OTHER_KEY, digest(2)));
        }
    }

    @Nested
    class EnablingDisablingDeleting {
        @Test
        void disablesAnEnabledKey() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)))
                    .when(new DisableApiKey(USER, KEY))
                    .expectEvents(new ApiKeyDisabled(USER, KEY, NOW));
        }

        @Test
        void disablingADisabledKeyChangesNothing() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)), new ApiKeyDisabled(USER, KEY, NOW))
                    .when(new DisableApiKey(USER, KEY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void enablesADisabledKey() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)), new ApiKeyDisabled(USER, KEY, NOW))
                    .when(new EnableApiKey(USER, KEY))
                    .expectEvents(new ApiKeyEnabled(USER, KEY, NOW));
        }

        @Test
        void enablingAnEnabledKeyChangesNothing() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)))
                    .when(new EnableApiKey(USER, KEY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void deletesAKey() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)))
                    .when(new DeleteApiKey(USER, KEY))
                    .expectEvents(new ApiKeyDeleted(USER, KEY, NOW));
        }

        @Test
        void aDeletedKeyIsNotFound() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)), new ApiKeyDeleted(USER, KEY, NOW))
                    .when(new DeleteApiKey(USER, KEY))
                    .expectException(ApiKeyNotFound.class)
                    .expectNoEvents();
        }

        @Test
        void aKeyTheUserNeverHadIsNotFound() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)))
                    .when(new EnableApiKey(USER, OTHER_KEY))
                    .expectException(ApiKeyNotFound.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class LoggingIn {
        @Test
        void theFirstLoginLinksTheKeysIdentityAndOpensASession() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)))
                    .when(new OpenApiKeySession(USER, KEY, KEY_IDENTITY, grant(EXPIRY)))
                    .expectEvents(linked(KEY_IDENTITY), issuedThroughKey());
        }

        @Test
        void laterLoginsOnlyOpenASession() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)), linked(KEY_IDENTITY))
                    .when(new OpenApiKeySession(USER, KEY, KEY_IDENTITY, grant(EXPIRY)))
                    .expectEvents(issuedThroughKey());
        }

        @Test
        void aDisabledKeyDoesNotLogIn() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)), new ApiKeyDisabled(USER, KEY, NOW))
                    .when(new OpenApiKeySession(USER, KEY, KEY_IDENTITY, grant(EXPIRY)))
                    .expectException(ApiKeyNotUsable.class)
                    .expectNoEvents();
        }

        @Test
        void aKeyOfADisabledUserDoesNotLogIn() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)),
                            new dev.portico.events.user.UserDisabled(USER, NOW))
                    .when(new OpenApiKeySession(USER, KEY, KEY_IDENTITY, grant(EXPIRY)))
                    .expectException(UserIsDisabled.class)
                    .expectNoEvents();
        }

        @Test
        void aDeletedKeyDoesNotLogIn() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)), new ApiKeyDeleted(USER, KEY, NOW))
                    .when(new OpenApiKeySession(USER, KEY, KEY_IDENTITY, grant(EXPIRY)))
                    .expectException(ApiKeyNotUsable.class)
                    .expectNoEvents();
        }

        @Test
        void aKeyOfADeletedUserDoesNotLogIn() {
            fixture.given(registered(), linked(GOOGLE), created(KEY, digest(1)),
                            new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW))
                    .when(new OpenApiKeySession(USER, KEY, KEY_IDENTITY, grant(EXPIRY)))
                    .expectException(AggregateDeletedException.class);
        }

        @Test
        void aServerUserIsNotEndedByLoggingOut() {
            fixture.given(new UserRegistered(USER, APP, UserType.SERVER, NOW), created(KEY, digest(1)))
                    .when(new DeleteUser(USER, DeletionReason.ANONYMOUS_LOGOUT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Profiles {
        @Test
        void recordsTheNewProfileOfALinkedIdentity() {
            fixture.given(registered(), linked(GOOGLE))
                    .when(new UpdateIdentityProfile(USER, GOOGLE.id(), SEALED))
                    .expectEvents(new IdentityProfileUpdated(USER, GOOGLE.id(), SEALED, NOW));
        }

        @Test
        void refusesAnIdentityThatIsNotTheUsers() {
            fixture.given(registered(), linked(ANONYMOUS))
                    .when(new UpdateIdentityProfile(USER, GOOGLE.id(), SEALED))
                    .expectException(IdentityNotLinked.class)
                    .expectNoEvents();
        }
    }
}
