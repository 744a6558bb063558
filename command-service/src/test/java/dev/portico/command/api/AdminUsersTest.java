package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.api.ApiKeysTest.login;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The operator API on users: disable, enable, revoke sessions, delete, and what it refuses. */
@CommandServiceTest
@WithKeysAndTokens
class AdminUsersTest {
    static final String PROFILE = "/api/client/v2.0/auth/profile";
    static final String SESSION = "/api/client/v2.0/auth/session";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    static String user(String app, String userId) {
        return "/api/admin/v1/apps/" + app + "/users/" + userId;
    }

    /** A custom-function login of the subject: the same subject logs in as the same user again. */
    Response logIn(String subject) {
        Response login = api.post(login(KEYS_APP, "custom-function"), null, "{\"subject\":\"" + subject + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login;
    }

    List<String> actorsOf(String userId, String eventType) {
        return jdbc.sql("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry"
                        + " WHERE payload_type LIKE ? AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ?"
                        + " ORDER BY global_index")
                .params("%." + eventType, userId).query(String.class).list();
    }

    List<String> revocationReasonsOf(String userId) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry"
                        + " WHERE payload_type LIKE '%.SessionRevoked'"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ? ORDER BY global_index")
                .param(userId).query(String.class).list();
    }

    @Nested
    class Disabling {
        @Test
        void endsEverySessionAtOnceAndRecordsTheOperator() {
            String subject = UUID.randomUUID().toString();
            Response first = logIn(subject);
            Response second = logIn(subject);
            String userId = first.text("user_id");
            // a token verified before the disabling is ended all the same
            assertThat(api.get(PROFILE, second.text("access_token")).status()).isEqualTo(200);

            Response disabled = api.post(user(KEYS_APP, userId) + "/disable", OPERATOR_TOKEN, "{}");

            assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
            assertThat(disabled.json().toString()).isEqualTo("{\"user_id\":\"" + userId
                    + "\",\"disabled\":true,\"changed\":true,\"sessions_ended\":2}");
            assertThat(events.typesOf(userId)).endsWith("UserDisabled", "SessionRevoked", "SessionRevoked");
            assertThat(revocationReasonsOf(userId)).containsExactly("USER_DISABLED", "USER_DISABLED");
            assertThat(actorsOf(userId, "UserDisabled")).containsExactly("operator:ops-team");
            assertThat(actorsOf(userId, "SessionRevoked")).containsOnly("operator:ops-team");
            assertThat(jdbc.sql("SELECT disabled FROM accounts WHERE user_id = ?").param(userId)
                    .query(Boolean.class).single()).isTrue();
            assertError(api.get(PROFILE, second.text("access_token")), 401, "InvalidSession",
                    "invalid session: session has ended");
        }

        @Test
        void aDisabledUsersRefreshIsAnsweredUserDisabledAndItsLogoutAsAnUnknownSession() {
            Response login = logIn(UUID.randomUUID().toString());
            api.post(user(KEYS_APP, login.text("user_id")) + "/disable", OPERATOR_TOKEN, "");

            assertError(api.post(SESSION, login.text("refresh_token"), null), 401, "UserDisabled", "user disabled");
            assertError(api.delete(SESSION, login.text("refresh_token")), 401, "InvalidSession",
                    "invalid session: failed to find refresh token");
        }

        @Test
        void aDisabledUserCannotLogInAndNothingIsWritten() {
            String subject = UUID.randomUUID().toString();
            String userId = logIn(subject).text("user_id");
            api.post(user(KEYS_APP, userId) + "/disable", OPERATOR_TOKEN, "");
            long before = events.count();

            assertError(api.post(login(KEYS_APP, "custom-function"), null, "{\"subject\":\"" + subject + "\"}"), 401,
                    "UserDisabled", "user disabled");

            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void disablingADisabledUserChangesNothing() {
            String userId = logIn(UUID.randomUUID().toString()).text("user_id");
            api.post(user(KEYS_APP, userId) + "/disable", OPERATOR_TOKEN, "");
            long before = events.count();

            Response again = api.post(user(KEYS_APP, userId) + "/disable", OPERATOR_TOKEN, "");

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("changed").asBoolean()).isFalse();
            assertThat(again.json().get("sessions_ended").asInt()).isZero();
            assertThat(events.count()).isEqualTo(before);
        }
    }

    @Nested
    class Enabling {
        @Test
        void letsTheUserLogInAgainWhileItsEndedSessionsStayEnded() {
            String subject = UUID.randomUUID().toString();
            Response before = logIn(subject);
            String userId = before.text("user_id");
            api.post(user(KEYS_APP, userId) + "/disable", OPERATOR_TOKEN, "");

            Response enabled = api.post(user(KEYS_APP, userId) + "/enable", OPERATOR_TOKEN, "");

            assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
            assertThat(enabled.json().toString()).isEqualTo("{\"user_id\":\"" + userId
                    + "\",\"disabled\":false,\"changed\":true,\"sessions_ended\":0}");
            assertThat(actorsOf(userId, "UserEnabled")).containsExactly("operator:ops-team");
            assertThat(logIn(subject).text("user_id")).isEqualTo(userId);
            assertError(api.post(SESSION, before.text("refresh_token"), null), 401, "InvalidSession",
                    "invalid session: failed to find refresh token");
        }

        @Test
        void enablingAnEnabledUserChangesNothing() {
            String userId = logIn(UUID.randomUUID().toString()).text("user_id");
            long before = events.count();

            Response enabled = api.post(user(KEYS_APP, userId) + "/enable", OPERATOR_TOKEN, "");

            assertThat(enabled.json().get("changed").asBoolean()).isFalse();
            assertThat(events.count()).isEqualTo(before);
        }
    }

    @Test
    void revokingEndsEverySessionAndTheUserLogsInAgain() {
        String subject = UUID.randomUUID().toString();
        Response first = logIn(subject);
        logIn(subject);
        String userId = first.text("user_id");

        Response revoked = api.delete(user(KEYS_APP, userId) + "/sessions", OPERATOR_TOKEN);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().toString()).isEqualTo("{\"user_id\":\"" + userId
                + "\",\"changed\":true,\"sessions_ended\":2}");
        assertThat(revocationReasonsOf(userId)).containsExactly("REVOKED", "REVOKED");
        assertThat(actorsOf(userId, "SessionRevoked")).containsOnly("operator:ops-team");
        assertError(api.post(SESSION, first.text("refresh_token"), null), 401, "InvalidSession",
                "invalid session: failed to find refresh token");
        assertThat(logIn(subject).text("user_id")).isEqualTo(userId);
    }

    @Test
    void deletingWorksLikeTheUsersOwnDeletion() {
        String subject = UUID.randomUUID().toString();
        Response login = logIn(subject);
        String userId = login.text("user_id");

        Response deleted = api.delete(user(KEYS_APP, userId), OPERATOR_TOKEN);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(events.typesOf(userId)).last().isEqualTo("UserDeleted");
        assertThat(actorsOf(userId, "UserDeleted")).containsExactly("operator:ops-team");
        assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry"
                + " WHERE payload_type LIKE '%.UserDeleted' AND aggregate_identifier = ?").param(userId)
                .query(String.class).single()).isEqualTo("ADMINISTRATIVE");
        assertError(api.get(PROFILE, login.text("access_token")), 401, "InvalidSession",
                "invalid session: session has ended");
        assertThat(logIn(subject).text("user_id")).isNotEqualTo(userId);
        assertError(api.delete(user(KEYS_APP, userId), OPERATOR_TOKEN), 404, "UserNotFound", "user not found");
    }

    @Nested
    class Refusals {
        @Test
        void onlyAnOperatorTokenIsAccepted() {
            Response login = logIn(UUID.randomUUID().toString());
            String path = user(KEYS_APP, login.text("user_id")) + "/disable";
            long before = events.count();

            assertError(api.post(path, null, ""), 401, "MissingAuthReq", "must authenticate first");
            assertError(api.post(path, login.text("access_token"), ""), 401, "AuthError", "invalid operator token");
            assertError(api.post(path, login.text("refresh_token"), ""), 401, "AuthError", "invalid operator token");
            assertError(api.post(path, OPERATOR_TOKEN + "x", ""), 401, "AuthError", "invalid operator token");
            assertError(api.delete(user(KEYS_APP, login.text("user_id")), login.text("access_token")), 401,
                    "AuthError", "invalid operator token");
            assertError(api.delete(user(KEYS_APP, login.text("user_id")) + "/sessions", null), 401,
                    "MissingAuthReq", "must authenticate first");

            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void unknownAppsUsersAndMalformedIdsAreRefusedBeforeAnyWork() {
            String userId = logIn(UUID.randomUUID().toString()).text("user_id");
            long before = events.count();

            assertError(api.post(user("no-such-app", userId) + "/disable", OPERATOR_TOKEN, ""), 404, "AppNotFound",
                    "cannot find app using Client App ID 'no-such-app'");
            // The user exists, but in another app.
            assertError(api.post(user("test-app", userId) + "/disable", OPERATOR_TOKEN, ""), 404, "UserNotFound",
                    "user not found");
            assertError(api.post(user(KEYS_APP, "65aa00000000000000000099") + "/enable", OPERATOR_TOKEN, ""), 404,
                    "UserNotFound", "user not found");
            for (String bad : List.of("xyz", "65AA00000000000000000099", "65aa000000000000000000990", "%27%3B--")) {
                assertError(api.post(user(KEYS_APP, bad) + "/disable", OPERATOR_TOKEN, ""), 400, "InvalidParameter",
                        "userId must be 24 lower-case hex digits");
            }
            assertError(api.delete(user(KEYS_APP, "nope"), OPERATOR_TOKEN), 400, "InvalidParameter",
                    "userId must be 24 lower-case hex digits");

            assertThat(events.count()).isEqualTo(before);
        }
    }
}
