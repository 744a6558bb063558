package dev.portico.query.api;

import static dev.portico.query.support.ProblemAssertions.assertProblem;
import static dev.portico.query.support.ServiceSettingsInitializer.SERVICE_TOKEN;
import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.SessionId;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserType;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.TestAccessTokens;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.testsupport.ClientApi;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** End users with their own access tokens (verified against the JWKS): themselves, and nobody else. */
@QueryServiceTest
class EndUserAccessTest {
    private static final Duration PROJECTED = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    private ClientApi api;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
    }

    /** A user with one open session, projected; answers the session's id. */
    private SessionId loggedIn(UserHistory user) {
        Identity identity = anonymous();
        Instant at = now();
        eventStore.publish(user.register(UserType.NORMAL, identity, at));
        DomainEventMessage<?> login = user.login(identity, at.plusSeconds(1));
        eventStore.publish(login);
        SessionId session = ((SessionIssued) login.getPayload()).sessionId();
        await().atMost(PROJECTED).until(() -> api.get("/api/v1/users/" + user.userId() + "/sessions", SERVICE_TOKEN)
                .json().path("sessions").size() == 1);
        return session;
    }

    @Test
    void meIsTheCallersOwnUser() {
        UserHistory user = new UserHistory(newApp());
        String token = TestAccessTokens.valid(user.userId(), loggedIn(user), user.appId());

        ClientApi.Response me = api.get("/api/v1/me", token);

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(user.userId().value());
        assertThat(me.json().get("app_id").asText()).isEqualTo(user.appId().value());
    }

    @Test
    void anEndUserReadsItsOwnDetails() {
        UserHistory user = new UserHistory(newApp());
        String token = TestAccessTokens.valid(user.userId(), loggedIn(user), user.appId());
        String own = "/api/v1/users/" + user.userId();

        for (String part : new String[] {"", "/identities", "/profile", "/sessions", "/custom-data"}) {
            assertThat(api.get(own + part, token).status()).as(own + part).isEqualTo(200);
        }
    }

    @Test
    void anEndUserCannotReadAnotherUserNorList() {
        UserHistory user = new UserHistory(newApp());
        UserHistory other = new UserHistory(user.appId());
        String token = TestAccessTokens.valid(user.userId(), loggedIn(user), user.appId());
        loggedIn(other);
        String theirs = "/api/v1/users/" + other.userId();

        for (String part : new String[] {"", "/identities", "/profile", "/sessions", "/custom-data"}) {
            assertProblem(api.get(theirs + part, token), 403, "Forbidden");
        }
        assertProblem(api.get("/api/v1/users?app_id=" + user.appId(), token), 403, "Forbidden");
        assertProblem(api.get("/api/v1/users/" + user.userId() + "/history", token), 403, "Forbidden");
    }

    @Test
    void meNeedsAnEndUsersToken() {
        assertProblem(api.get("/api/v1/me", SERVICE_TOKEN), 403, "Forbidden");
        assertProblem(api.get("/api/v1/me", null), 401, "MissingAuthReq");
    }

    @Test
    void expiredForeignOrForgedTokensAreRefused() {
        UserHistory user = new UserHistory(newApp());
        SessionId session = loggedIn(user);

        assertProblem(api.get("/api/v1/me", TestAccessTokens.expired(user.userId(), session, user.appId())), 401,
                "InvalidSession");
        assertProblem(api.get("/api/v1/me", TestAccessTokens.fromAnotherIssuer(user.userId(), session, user.appId())),
                401, "InvalidSession");
        assertProblem(api.get("/api/v1/me", TestAccessTokens.signedByAStranger(user.userId(), session, user.appId())),
                401, "InvalidSession");
        assertProblem(api.get("/api/v1/me", "not.a.jwt"), 401, "InvalidSession");
    }

    @Test
    void aTokenOfAnEndedSessionIsRefused() {
        UserHistory user = new UserHistory(newApp());
        SessionId session = loggedIn(user);
        String token = TestAccessTokens.valid(user.userId(), session, user.appId());
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);

        eventStore.publish(user.revoke(session, RevocationReason.REVOKED, now()));

        await().atMost(PROJECTED).untilAsserted(() -> assertProblem(api.get("/api/v1/me", token), 401,
                "InvalidSession"));
    }

    @Test
    void aDeletedUserIsNotFound() {
        UserHistory user = new UserHistory(newApp());
        String token = TestAccessTokens.valid(user.userId(), loggedIn(user), user.appId());

        eventStore.publish(user.delete(DeletionReason.USER_REQUEST, now()));

        await().atMost(PROJECTED).untilAsserted(() -> assertProblem(api.get("/api/v1/me", token), 404,
                "UserNotFound"));
    }
}
