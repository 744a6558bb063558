package dev.portico.command.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.Races;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An identity belongs to at most one user of an app, also when many requests race for it. The custom-function
 * provider's auth function here answers with the subject it is sent ({@code StandIns}), so that one person can
 * log in many times at once.
 */
@CommandServiceTest
class IdentityClaimsTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/custom-function/login";
    private static final String PROFILE = "/api/client/v2.0/auth/profile";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    private ClientApi api;
    private StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    @Test
    void fiftyParallelFirstLoginsOfOneIdentityMakeOneUser() throws Exception {
        String subject = "person-" + UUID.randomUUID() + "@example.com";
        long accountsBefore = countAccounts();

        List<Response> logins = Races.inParallel(50, i -> () -> api.post(LOGIN, null, body(subject)));

        assertThat(logins).allSatisfy(login -> assertThat(login.status()).as(login.body()).isEqualTo(200));
        List<String> users = logins.stream().map(login -> login.text("user_id")).distinct().toList();
        assertThat(users).hasSize(1);
        String user = users.get(0);
        assertThat(countAccounts()).isEqualTo(accountsBefore + 1);
        assertThat(events.typesOf(user)).filteredOn("UserRegistered"::equals).hasSize(1);
        assertThat(events.typesOf(user)).filteredOn("IdentityLinked"::equals).hasSize(1);
        assertThat(events.typesOf(user)).filteredOn("SessionIssued"::equals).hasSize(50);
        assertThat(count("SELECT count(*) FROM identity_claims WHERE user_id = ?", user)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM account_identities WHERE user_id = ?", user)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ?", user)).isEqualTo(50);
    }

    @Test
    void theSameIdentityInAnotherAppIsAnotherUser() {
        String subject = "person-" + UUID.randomUUID();
        String inTestApp = api.post(LOGIN, null, body(subject)).text("user_id");

        assertThat(api.post(LOGIN, null, body(subject)).text("user_id")).isEqualTo(inTestApp);
        assertThat(api.post(LOGIN, null, body("someone-else-" + subject)).text("user_id")).isNotEqualTo(inTestApp);
    }

    @Test
    void anAnonymousUserLinksAnIdentityAndKeepsItsIdAndSession() {
        Response anonymous = api.anonymousLogin("test-app");
        String subject = "person-" + UUID.randomUUID();

        Response link = api.post(LOGIN + "?link=true", anonymous.text("access_token"), body(subject));

        assertThat(link.status()).as(link.body()).isEqualTo(200);
        assertThat(link.text("user_id")).isEqualTo(anonymous.text("user_id"));
        assertThat(link.json().get("refresh_token").isNull()).isTrue();
        var identities = api.get(PROFILE, link.text("access_token")).json().get("identities");
        assertThat(identities).hasSize(2);
        assertThat(identities.get(1).get("id").asText()).isEqualTo(subject);
        assertThat(identities.get(1).get("provider_type").asText()).isEqualTo("custom-function");
        assertThat(api.post("/api/client/v2.0/auth/session", anonymous.text("refresh_token"), null).status())
                .isEqualTo(201);
        assertThat(api.post(LOGIN, null, body(subject)).text("user_id")).isEqualTo(anonymous.text("user_id"));
    }

    @Test
    void linkingTheSameIdentityTwiceChangesNothing() {
        Response anonymous = api.anonymousLogin("test-app");
        String subject = "person-" + UUID.randomUUID();
        api.post(LOGIN + "?link=true", anonymous.text("access_token"), body(subject));
        long stored = events.count();

        Response again = api.post(LOGIN + "?link=true", anonymous.text("access_token"), body(subject));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("user_id")).isEqualTo(anonymous.text("user_id"));
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void anIdentityOfAnotherUserIsAConflictThatRealmWebDoesNotRetry() {
        String subject = "person-" + UUID.randomUUID();
        api.post(LOGIN, null, body(subject));
        Response anonymous = api.anonymousLogin("test-app");
        long stored = events.count();

        Response link = api.post(LOGIN + "?link=true", anonymous.text("access_token"), body(subject));

        assertThat(link.status()).isEqualTo(409);
        assertThat(link.text("error_code")).isEqualTo("InvalidSession");
        assertThat(link.text("error")).isEqualTo("a user already exists with the specified provider");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aUserThatLinkedAnotherIdentityOutlivesItsAnonymousLogout() {
        Response anonymous = api.anonymousLogin("test-app");
        api.post(LOGIN + "?link=true", anonymous.text("access_token"), body("person-" + UUID.randomUUID()));

        assertThat(api.delete("/api/client/v2.0/auth/session", anonymous.text("refresh_token")).status()).isEqualTo(204);

        assertThat(events.typesOf(anonymous.text("user_id"))).containsExactly(
                "UserRegistered", "IdentityLinked", "SessionIssued", "IdentityLinked", "SessionRevoked");
        assertThat(count("SELECT count(*) FROM accounts WHERE user_id = ?", anonymous.text("user_id"))).isEqualTo(1);
    }

    /** Ten runs in a row, each a new race (about a second each). */
    @RepeatedTest(10)
    void fiftyUsersRacingToLinkOneIdentityLeaveItWithExactlyOne() throws Exception {
        String subject = "person-" + UUID.randomUUID();
        List<Response> users = Races.inParallel(50, i -> () -> api.anonymousLogin("test-app"));

        List<Response> links = Races.inParallel(users.stream().<Callable<Response>>map(user -> () ->
                api.post(LOGIN + "?link=true", user.text("access_token"), body(subject))).toList());

        assertThat(links).filteredOn(link -> link.status() == 200).hasSize(1);
        assertThat(links).filteredOn(link -> link.status() == 409).hasSize(49)
                .allSatisfy(link -> assertThat(link.text("error_code")).isEqualTo("InvalidSession"));
        String winner = links.stream().filter(link -> link.status() == 200).findFirst().orElseThrow().text("user_id");
        assertThat(api.post(LOGIN, null, body(subject)).text("user_id")).isEqualTo(winner);
        for (Response user : users) {
            long expectedLinks = user.text("user_id").equals(winner) ? 2 : 1;
            assertThat(events.typesOf(user.text("user_id"))).filteredOn("IdentityLinked"::equals).hasSize((int) expectedLinks);
            assertThat(count("SELECT count(*) FROM account_identities WHERE user_id = ?", user.text("user_id")))
                    .isEqualTo(expectedLinks);
        }
    }

    private static String body(String subject) {
        return "{\"subject\":\"" + subject + "\"}";
    }

    private long countAccounts() {
        return jdbc.sql("SELECT count(*) FROM accounts").query(Long.class).single();
    }

    private long count(String sql, String user) {
        return jdbc.sql(sql).param(user).query(Long.class).single();
    }

}
