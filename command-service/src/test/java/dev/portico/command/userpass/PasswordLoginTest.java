package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.userpass.UserpassAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassApps;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassRows;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Password logins go through the same claim, user and session steps as every provider: the first login makes
 * the user, later ones open sessions of it, and a user can link the credentials instead. Wrong password and
 * unknown address answer alike, in alike time, and write nothing.
 */
@CommandServiceTest
class PasswordLoginTest {
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityClaims claims;
    private ClientApi api;
    private UserpassClient userpass;
    private UserpassRows rows;
    private StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        userpass = new UserpassClient(api);
        rows = new UserpassRows(jdbc, claims);
        events = new StoredEvents(jdbc);
    }

    @Test
    void theFirstLoginMakesTheUserAndLaterOnesOpenSessionsOfIt() {
        String email = "Judy." + UUID.randomUUID() + "@Example.test";
        userpass.register(AUTO, email, PASSWORD);

        Response first = userpass.logIn(AUTO, email, PASSWORD);
        Response second = userpass.logIn(AUTO, email.toLowerCase(Locale.ROOT), PASSWORD);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.text("device_id")).matches("[0-9a-f]{24}");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        String user = first.text("user_id");
        assertThat(second.text("user_id")).isEqualTo(user);
        assertThat(events.typesOf(user)).containsExactly("UserRegistered", "IdentityLinked", "SessionIssued",
                "SessionIssued");
        assertThat(jdbc.sql("SELECT user_id FROM userpass_credentials WHERE address_digest = ?")
                .param(rows.digest(AUTO, email)).query(String.class).single()).isEqualTo(user);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswerAndWriteNothing() {
        String email = "mallory." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        String before = rows.snapshot(AUTO, email);
        long eventsBefore = events.count();

        assertError(userpass.logIn(AUTO, email, "wrong password"), 401, "InvalidPassword", "invalid username/password");
        assertError(userpass.logIn(AUTO, "nobody." + UUID.randomUUID() + "@example.test", PASSWORD), 401,
                "InvalidPassword", "invalid username/password");
        assertError(userpass.logIn(AUTO, email, PASSWORD.toUpperCase(Locale.ROOT)), 401, "InvalidPassword",
                "invalid username/password");
        assertError(api.post(UserpassClient.path(AUTO, "login"), null, "{\"username\": \"" + email + "\"}"), 401,
                "InvalidPassword", "invalid username/password");
        assertError(api.post(UserpassClient.path(AUTO, "login"), null,
                "{\"username\": \"" + email + "\", \"password\": {\"$numberInt\": \"7\"}}"), 401,
                "InvalidPassword", "invalid username/password");

        assertThat(events.count()).isEqualTo(eventsBefore);
        assertThat(rows.snapshot(AUTO, email)).isEqualTo(before);
    }

    /**
     * An unknown address is checked against a decoy hash of the same cost. Medians of alternating attempts,
     * so that the machine's load affects both alike; without the decoy the unknown address would answer in a
     * small fraction of the time.
     */
    @Test
    void anUnknownAddressTakesAsLongAsAWrongPassword() {
        String email = "trent." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            // From addresses of their own, so that the attempts do not use up the loopback's budget.
            String address = "198.51.100." + i;
            String other = "198.51.100." + (100 + i);
            known.add(timed(() -> userpass.logInFrom(address, AUTO, email, "wrong password")));
            unknown.add(timed(() -> userpass.logInFrom(other, AUTO, "nobody." + UUID.randomUUID() + "@example.test",
                    "wrong password")));
            // The right password clears the account's failures, so none of these attempts is ever blocked.
            assertThat(userpass.logInFrom(address, AUTO, email, PASSWORD).status()).isEqualTo(200);
        }

        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        assertThat(unknownMedian).as("unknown %s ms vs known %s ms", unknownMedian / 1_000_000, knownMedian / 1_000_000)
                .isBetween(knownMedian / 2, knownMedian * 2);
    }

    @Test
    void anAnonymousUserLinksEmailPasswordCredentialsAndKeepsItsId() {
        Response anonymous = api.anonymousLogin(UserpassApps.AUTO);
        String email = "oscar." + UUID.randomUUID() + "@example.test";
        assertThat(userpass.register(AUTO, email, PASSWORD).status()).isEqualTo(201);

        Response link = userpass.link(AUTO, anonymous.text("access_token"), email, PASSWORD);

        assertThat(link.status()).as(link.body()).isEqualTo(200);
        String user = anonymous.text("user_id");
        assertThat(link.text("user_id")).isEqualTo(user);
        var identities = api.get("/api/client/v2.0/auth/profile", link.text("access_token")).json().get("identities");
        assertThat(identities).hasSize(2);
        assertThat(identities.get(1).get("provider_type").asText()).isEqualTo("local-userpass");
        assertThat(identities.get(1).get("id").asText()).isEqualTo(email);
        Response later = userpass.logIn(AUTO, email, PASSWORD);
        assertThat(later.text("user_id")).as("the credentials log in as the user that linked them").isEqualTo(user);
        assertThat(api.delete("/api/client/v2.0/auth/session", anonymous.text("refresh_token")).status())
                .isEqualTo(204);
        assertThat(userpass.logIn(AUTO, email, PASSWORD).text("user_id"))
                .as("a user with a password outlives the anonymous session's logout").isEqualTo(user);
    }

    @Test
    void credentialsAnotherUserLoggedInWithCannotBeLinked() {
        String email = "peggy." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        userpass.logIn(AUTO, email, PASSWORD);
        Response anonymous = api.anonymousLogin(UserpassApps.AUTO);

        assertError(userpass.link(AUTO, anonymous.text("access_token"), email, PASSWORD), 409, "InvalidSession",
                "a user already exists with the specified provider");
        assertError(userpass.link(AUTO, anonymous.text("access_token"), email, "wrong password"), 401,
                "InvalidPassword", "invalid username/password");
    }

    @Test
    void deletingTheUserDeletesItsCredentialsAndFreesTheAddress() {
        String email = "victor." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        Response login = userpass.logIn(AUTO, email, PASSWORD);

        assertThat(api.delete("/api/client/v2.0/auth/delete", login.text("access_token")).status()).isEqualTo(204);

        assertThat(rows.credentials(AUTO, email)).isZero();
        assertError(userpass.logIn(AUTO, email, PASSWORD), 401, "InvalidPassword", "invalid username/password");
        assertThat(userpass.register(AUTO, email, "another password").status()).isEqualTo(201);
        Response again = userpass.logIn(AUTO, email, "another password");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("user_id")).isNotEqualTo(login.text("user_id"));
    }

    @Test
    void aDisabledOrAbsentProviderIsNotFound() {
        for (String operation : List.of("register", "login", "confirm", "confirm/send", "confirm/call", "reset",
                "reset/send", "reset/call")) {
            assertError(api.post(UserpassClient.path(UserpassApps.DISABLED, operation), null,
                    "{\"email\": \"a@b.test\", \"username\": \"a@b.test\", \"password\": \"secret1\"}"), 404,
                    "AuthProviderNotFound", "authentication provider not found: 'local-userpass'");
            assertError(api.post(UserpassClient.path("test-app", operation), null, "{}"), 404,
                    "AuthProviderNotFound", "authentication provider not found: 'local-userpass'");
        }
    }

    private static long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
