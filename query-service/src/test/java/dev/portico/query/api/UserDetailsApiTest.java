package dev.portico.query.api;

import static dev.portico.query.support.ProblemAssertions.assertProblem;
import static dev.portico.query.support.ServiceSettingsInitializer.AUDITOR_TOKEN;
import static dev.portico.query.support.ServiceSettingsInitializer.OPERATOR_TOKEN;
import static dev.portico.query.support.ServiceSettingsInitializer.SERVICE_TOKEN;
import static dev.portico.query.support.ServiceSettingsInitializer.USERS_READER_TOKEN;
import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.SessionId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.query.support.KeyStore;
import dev.portico.query.support.QueryServiceTest;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user's profile, identities, sessions and custom data over HTTP, opened per request with the user's key. */
@QueryServiceTest
class UserDetailsApiTest {
    private static final Duration PROJECTED = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    private ClientApi api;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
    }

    @Test
    void theProfileMergesTheProvidersMetadataFirstLinkedFirst() {
        UserHistory user = new UserHistory(newApp());
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Identity password = Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass");
        Identity google = Identity.of(ProviderType.GOOGLE, "oauth2-google");
        Instant at = now();
        eventStore.publish(user.register(password, key.sealText("ada@example.com"),
                key.sealJson("{\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"}"), at));
        eventStore.publish(user.link(google, key.sealText("1234"),
                key.sealJson("{\"name\":\"A. Lovelace\",\"picture_url\":\"https://example.com/ada.png\"}"),
                at.plusSeconds(1)));

        JsonNode profile = await().atMost(PROJECTED).until(() -> api.get(profilePath(user), SERVICE_TOKEN),
                r -> r.status() == 200 && r.json().get("identities").size() == 2).json();

        assertThat(profile.get("user_id").asText()).isEqualTo(user.userId().value());
        assertThat(profile.get("type").asText()).isEqualTo("normal");
        assertThat(profile.get("erased").asBoolean()).isFalse();
        assertThat(profile.get("data").get("email").asText()).isEqualTo("ada@example.com");
        assertThat(profile.get("data").get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(profile.get("data").get("picture_url").asText()).isEqualTo("https://example.com/ada.png");
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(password.id().value());
        assertThat(profile.get("identities").get(1).get("provider_type").asText()).isEqualTo("oauth2-google");
        assertThat(profile.toString()).as("the subject is never served").doesNotContain("1234");
    }

    @Test
    void anUpdatedProfileReplacesTheIdentitysEarlierOne() {
        UserHistory user = new UserHistory(newApp());
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Identity jwt = Identity.of(ProviderType.CUSTOM_JWT, "custom-token");
        Instant at = now();
        eventStore.publish(user.register(jwt, key.sealText("sub-1"), key.sealJson("{\"name\":\"Old\"}"), at));
        eventStore.publish(user.updateProfile(jwt, key.sealJson("{\"name\":\"New\"}"), at.plusSeconds(5)));

        await().atMost(PROJECTED).untilAsserted(() -> assertThat(api.get(profilePath(user), SERVICE_TOKEN).json()
                .at("/data/name").asText()).isEqualTo("New"));
    }

    @Test
    void onceTheKeyIsDestroyedTheProfileIsErased() {
        UserHistory user = new UserHistory(newApp());
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Identity jwt = Identity.of(ProviderType.CUSTOM_JWT, "custom-token");
        eventStore.publish(user.register(jwt, key.sealText("sub-1"), key.sealJson("{\"name\":\"Gone\"}"), now()));
        await().atMost(PROJECTED).until(() -> api.get(profilePath(user), SERVICE_TOKEN).status() == 200);

        KeyStore.destroyKey(jdbc, user.userId());

        JsonNode profile = api.get(profilePath(user), SERVICE_TOKEN).json();
        assertThat(profile.get("erased").asBoolean()).isTrue();
        assertThat(profile.get("data")).isEmpty();
    }

    @Test
    void sessionsShowTheDeviceTheSdkDescribedAndHowTheyEnded() {
        UserHistory user = new UserHistory(newApp());
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Identity identity = anonymous();
        Instant at = now();
        eventStore.publish(user.register(identity, key.sealText("anon"), null, at));
        DomainEventMessage<?> first = user.login(identity, key.sealJson(
                "{\"platform\":\"chrome\",\"platformVersion\":\"120\",\"sdkVersion\":\"2.0.1\",\"appVersion\":\"3\"}"),
                at.plusSeconds(1));
        DomainEventMessage<?> second = user.login(identity, null, at.plusSeconds(2));
        eventStore.publish(first, second);
        SessionId ended = ((SessionIssued) first.getPayload()).sessionId();
        eventStore.publish(user.revoke(ended, RevocationReason.LOGGED_OUT, at.plusSeconds(3)));

        JsonNode sessions = await().atMost(PROJECTED).until(
                () -> api.get("/api/v1/users/" + user.userId() + "/sessions", SERVICE_TOKEN),
                r -> r.status() == 200 && r.json().get("sessions").size() == 2
                        && r.json().at("/sessions/1/revoked_at").isTextual()).json().get("sessions");

        JsonNode newest = sessions.get(0);
        assertThat(newest.get("id").asText()).isEqualTo(((SessionIssued) second.getPayload()).sessionId().value());
        assertThat(newest.get("platform").isNull()).isTrue();
        assertThat(newest.get("revoked_at").isNull()).isTrue();
        JsonNode older = sessions.get(1);
        assertThat(older.get("id").asText()).isEqualTo(ended.value());
        assertThat(older.get("platform").asText()).isEqualTo("chrome");
        assertThat(older.get("platform_version").asText()).isEqualTo("120");
        assertThat(older.get("sdk_version").asText()).isEqualTo("2.0.1");
        assertThat(older.get("app_version").asText()).isEqualTo("3");
        assertThat(older.get("provider_type").asText()).isEqualTo("anon-user");
        assertThat(older.get("issued_at").asText()).isEqualTo(at.plusSeconds(1).toString());
        assertThat(older.get("revoked_at").asText()).isEqualTo(at.plusSeconds(3).toString());
        assertThat(older.get("revocation_reason").asText()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void sessionsShowWhenTheyWereLastUsedTheLoginUntilARefreshIsRecorded() {
        UserHistory user = new UserHistory(newApp());
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Identity identity = anonymous();
        Instant at = now();
        eventStore.publish(user.register(identity, key.sealText("anon"), null, at));
        DomainEventMessage<?> used = user.login(identity, null, at.plusSeconds(1));
        DomainEventMessage<?> unused = user.login(identity, null, at.plusSeconds(2));
        SessionId usedSession = ((SessionIssued) used.getPayload()).sessionId();
        eventStore.publish(used, unused);
        eventStore.publish(user.use(usedSession, 1, at.plus(Duration.ofHours(2))));
        eventStore.publish(user.use(usedSession, 2, at.plus(Duration.ofHours(3))));

        JsonNode sessions = await().atMost(PROJECTED).until(
                () -> api.get("/api/v1/users/" + user.userId() + "/sessions", SERVICE_TOKEN),
                r -> r.status() == 200 && r.json().get("sessions").size() == 2
                        && r.json().at("/sessions/1/last_used_at").asText().equals(at.plus(Duration.ofHours(3)).toString()))
                .json().get("sessions");

        assertThat(sessions.get(0).get("last_used_at").asText()).as("never refreshed: its login")
                .isEqualTo(at.plusSeconds(2).toString());
        assertThat(sessions.get(1).get("id").asText()).isEqualTo(usedSession.value());
    }

    @Test
    void customDataIsTheLatestDocumentAndNullOnceDeleted() {
        UserHistory user = new UserHistory(newApp());
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Instant at = now();
        eventStore.publish(user.register(anonymous(), key.sealText("anon"), null, at));
        String path = "/api/v1/users/" + user.userId() + "/custom-data";
        assertThat(await().atMost(PROJECTED).until(() -> api.get(path, SERVICE_TOKEN), r -> r.status() == 200)
                .json().get("document").isNull()).isTrue();

        eventStore.publish(user.customData(key.sealJson("{\"color\":\"blue\"}"), at.plusSeconds(1)));
        JsonNode data = await().atMost(PROJECTED).until(() -> api.get(path, SERVICE_TOKEN),
                r -> r.json().get("document").isObject()).json();
        assertThat(data.at("/document/color").asText()).isEqualTo("blue");
        assertThat(data.get("changed_at").asText()).isEqualTo(at.plusSeconds(1).toString());

        eventStore.publish(user.customData(null, at.plusSeconds(2)));
        await().atMost(PROJECTED).until(() -> api.get(path, SERVICE_TOKEN).json().get("document").isNull());
    }

    @Test
    void identitiesAreListedWithTheirOpaqueIdsInLinkOrder() {
        UserHistory user = new UserHistory(newApp());
        Identity first = anonymous();
        Identity second = Identity.of(ProviderType.API_KEY, "api-key");
        Instant at = now();
        eventStore.publish(user.register(dev.portico.events.user.UserType.NORMAL, first, at));
        eventStore.publish(user.link(second, at.plusSeconds(1)));

        JsonNode identities = await().atMost(PROJECTED).until(
                () -> api.get("/api/v1/users/" + user.userId() + "/identities", USERS_READER_TOKEN),
                r -> r.status() == 200 && r.json().get("identities").size() == 2).json().get("identities");

        assertThat(identities.get(0).get("id").asText()).isEqualTo(first.id().value());
        assertThat(identities.get(0).get("linked_at").asText()).isEqualTo(at.toString());
        assertThat(identities.get(1).get("provider_type").asText()).isEqualTo("api-key");
    }

    @Test
    void aClientReadsOnlyWhatItsScopesAllow() {
        UserHistory user = new UserHistory(newApp());
        eventStore.publish(user.register(now()));
        String userPath = "/api/v1/users/" + user.userId();
        await().atMost(PROJECTED).until(() -> api.get(userPath, USERS_READER_TOKEN).status() == 200);

        assertThat(api.get("/api/v1/users?app_id=" + user.appId(), USERS_READER_TOKEN).status()).isEqualTo(200);
        assertProblem(api.get(userPath + "/profile", USERS_READER_TOKEN), 403, "Forbidden");
        assertProblem(api.get(userPath + "/sessions", USERS_READER_TOKEN), 403, "Forbidden");
        assertProblem(api.get(userPath + "/custom-data", USERS_READER_TOKEN), 403, "Forbidden");
        assertProblem(api.get(userPath + "/history", USERS_READER_TOKEN), 403, "Forbidden");
        assertProblem(api.get("/api/v1/admin/rebuild", USERS_READER_TOKEN), 403, "Forbidden");

        assertProblem(api.get(userPath, AUDITOR_TOKEN), 403, "Forbidden");
        assertProblem(api.get("/api/v1/users", AUDITOR_TOKEN), 403, "Forbidden");
        assertProblem(api.get("/api/v1/admin/rebuild", AUDITOR_TOKEN), 403, "Forbidden");
        assertThat(api.get(userPath + "/history", AUDITOR_TOKEN).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/chain", AUDITOR_TOKEN).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/rebuild", OPERATOR_TOKEN).status()).isEqualTo(200);
        assertProblem(api.get(userPath, OPERATOR_TOKEN), 403, "Forbidden");
        assertProblem(api.get(userPath + "/state?at=2026-01-01T00:00:00Z", SERVICE_TOKEN), 403, "Forbidden");
    }

    @Test
    void theDetailsOfAnUnknownUserAreNotFound() {
        String unknown = "/api/v1/users/" + new UserHistory(newApp()).userId();
        for (String part : new String[] {"/profile", "/sessions", "/custom-data", "/identities"}) {
            assertProblem(api.get(unknown + part, SERVICE_TOKEN), 404, "UserNotFound");
        }
    }

    private static String profilePath(UserHistory user) {
        return "/api/v1/users/" + user.userId() + "/profile";
    }

}
