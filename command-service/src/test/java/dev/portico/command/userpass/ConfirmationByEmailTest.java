package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.MAIL;
import static dev.portico.command.userpass.UserpassAssertions.assertError;
import static dev.portico.command.userpass.UserpassAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassApps;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.command.support.UserpassRows;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An app that confirms new accounts by e-mail: registering sends a link through a real SMTP server, the link
 * confirms the account once, within 30 minutes, and only then can the account log in.
 */
@CommandServiceTest
class ConfirmationByEmailTest {
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMail mail;
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
    void registeringMailsALinkThatConfirmsTheAccountOnce() {
        String email = "Alice." + UUID.randomUUID() + "@Example.test";
        long eventsBefore = events.count();

        Response registered = userpass.register(MAIL, email, PASSWORD);

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.contentType()).isEmpty();
        assertThat(registered.body()).isEmpty();
        assertThat(events.count()).as("a registration is no user yet").isEqualTo(eventsBefore);
        EmbeddedMail.Mail confirmation = UserpassAssertions.onlyMailTo(mail, email);
        assertThat(confirmation.subject()).isEqualTo(UserpassApps.MAIL_CONFIRM_SUBJECT);
        assertThat(confirmation.from()).isEqualTo("Portico Tests <no-reply@portico.test>");
        Link link = Link.in(confirmation);
        assertThat(link.token()).matches("[0-9a-f]{64}");
        assertThat(link.tokenId()).matches("[0-9a-f]{24}");
        assertThat(link.url()).isEqualTo(UserpassApps.MAIL_CONFIRM_URL + "?token=" + link.token() + "&tokenId="
                + link.tokenId());

        assertError(userpass.logIn(MAIL, email, PASSWORD), 401, "AuthError", "confirmation required");

        assertNoContent(userpass.confirm(MAIL, link));

        Response login = userpass.logIn(MAIL, email, PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        var profile = api.get("/api/client/v2.0/auth/profile", login.text("access_token")).json();
        String name = email.toLowerCase(java.util.Locale.ROOT);
        assertThat(profile.get("identities")).hasSize(1);
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(name);
        assertThat(profile.get("identities").get(0).get("provider_type").asText()).isEqualTo("local-userpass");
        assertThat(profile.get("identities").get(0).get("provider_id").asText()).isEqualTo(UserpassApps.providerId(MAIL));
        assertThat(profile.get("data").toString()).isEqualTo("{\"email\":\"" + name + "\"}");
        assertThat(events.typesOf(login.text("user_id")))
                .containsExactly("UserRegistered", "IdentityLinked", "SessionIssued");

        String before = rows.snapshot(MAIL, email);
        long eventsAfter = events.count();
        assertError(userpass.confirm(MAIL, link), 400, "UserpassTokenInvalid", "invalid token data");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
        assertThat(events.count()).isEqualTo(eventsAfter);
    }

    @Test
    void anAddressRegistersOncePerAppWhateverItsCaseAndWhetherOrNotItIsConfirmed() {
        String email = "bob." + UUID.randomUUID() + "@example.test";
        assertThat(userpass.register(MAIL, email, PASSWORD).status()).isEqualTo(201);
        Link link = Link.in(UserpassAssertions.onlyMailTo(mail, email));
        String pending = rows.snapshot(MAIL, email);

        assertError(userpass.register(MAIL, email.toUpperCase(java.util.Locale.ROOT), "another password"), 409,
                "AccountNameInUse", "name already in use");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(pending);

        assertNoContent(userpass.confirm(MAIL, link));
        String confirmed = rows.snapshot(MAIL, email);
        assertError(userpass.register(MAIL, email, PASSWORD), 409, "AccountNameInUse", "name already in use");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(confirmed);
        assertThat(mail.receivedBy(email)).hasSize(1);
        assertThat(userpass.register(UserpassApps.AUTO, email, PASSWORD).status())
                .as("another app has accounts of its own").isEqualTo(201);
    }

    @Test
    void aLinkOlderThanThirtyMinutesConfirmsNothing() {
        String email = "carol." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(UserpassAssertions.onlyMailTo(mail, email));
        assertThat(jdbc.sql("SELECT expires_at - issued_at FROM userpass_tokens WHERE token_id = ?")
                .param(link.tokenId()).query(String.class).single()).isEqualTo("00:30:00");

        rows.expireLinks(MAIL, email);
        String before = rows.snapshot(MAIL, email);

        assertError(userpass.confirm(MAIL, link), 400, "UserpassTokenInvalid", "invalid token data");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
        assertError(userpass.logIn(MAIL, email, PASSWORD), 401, "AuthError", "confirmation required");
    }

    @Test
    void resendingMailsANewLinkAndOnlyTheNewestConfirms() {
        String email = "dave." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link first = Link.in(UserpassAssertions.onlyMailTo(mail, email));

        assertNoContent(userpass.resendConfirmation(MAIL, email));

        Link second = Link.in(UserpassAssertions.mailsTo(mail, email, 2).get(1));
        assertThat(second.tokenId()).isNotEqualTo(first.tokenId());
        assertError(userpass.confirm(MAIL, first), 400, "UserpassTokenInvalid", "invalid token data");
        assertNoContent(userpass.confirm(MAIL, second));
        assertThat(userpass.logIn(MAIL, email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aGuessedOrMalformedTokenConfirmsNothing() {
        String email = "erin." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(UserpassAssertions.onlyMailTo(mail, email));
        String before = rows.snapshot(MAIL, email);

        assertError(userpass.confirm(MAIL, link.withToken("0".repeat(64))), 400, "UserpassTokenInvalid", "invalid token data");
        assertError(userpass.confirm(MAIL, link.withToken("not a token")), 400, "UserpassTokenInvalid", "invalid token data");
        assertError(userpass.confirm(MAIL, new Link(link.url(), link.token(), "ffffffffffffffffffffffff")), 400,
                "UserpassTokenInvalid", "invalid token data");
        assertError(api.post(UserpassClient.path(MAIL, "confirm"), null, "{\"token\": 7}"), 400,
                "UserpassTokenInvalid", "invalid token data");
        assertError(userpass.confirm(UserpassApps.FUNCTION, link), 400, "UserpassTokenInvalid", "invalid token data");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
        assertNoContent(userpass.confirm(MAIL, link));
    }

    @Test
    void passwordsHaveSixToOneHundredTwentyEightCharacters() {
        String tooShort = "five5";
        String longest = "\uD83D\uDD11".repeat(128); // 128 characters, 256 UTF-16 units
        for (String password : new String[] {tooShort, "x".repeat(129)}) {
            String email = "frank." + UUID.randomUUID() + "@example.test";
            assertError(userpass.register(MAIL, email, password), 400, "BadRequest",
                    "password must be between 6 and 128 characters");
            assertThat(rows.credentials(MAIL, email)).isZero();
        }
        assertThat(userpass.register(UserpassApps.AUTO, "grace." + UUID.randomUUID() + "@example.test", "six666")
                .status()).isEqualTo(201);
        String email = "heidi." + UUID.randomUUID() + "@example.test";
        assertThat(userpass.register(UserpassApps.AUTO, email, longest).status()).isEqualTo(201);
        assertThat(userpass.logIn(UserpassApps.AUTO, email, longest).status()).isEqualTo(200);
    }

    @Test
    void anAppThatConfirmsByMailWantsAnAddressMailCanReach() {
        for (String email : new String[] {"not an address", "Alice <alice@example.test>", "alice@example.test\r\nBcc: x@y.z", "@example.test"}) {
            assertError(userpass.register(MAIL, email, PASSWORD), 400, "InvalidParameter",
                    "email must be a valid e-mail address");
        }
        assertThat(userpass.register(UserpassApps.AUTO, "my-very-own-username-" + UUID.randomUUID(), PASSWORD).status())
                .as("any username where no mail is sent, as App Services allowed").isEqualTo(201);
    }

    @Test
    void aRegistrationNeverConfirmedLetsItsAddressGoWhenItsTimeIsUp() {
        String email = "ivan." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link stale = Link.in(UserpassAssertions.onlyMailTo(mail, email));
        assertThat(jdbc.sql("SELECT pending_until - registered_at FROM userpass_credentials WHERE address_digest = ?")
                .param(rows.digest(MAIL, email)).query(String.class).single()).isEqualTo("7 days");

        jdbc.sql("UPDATE userpass_credentials SET pending_until = now() - interval '1 second' WHERE address_digest = ?")
                .param(rows.digest(MAIL, email)).update();

        assertError(userpass.logIn(MAIL, email, PASSWORD), 401, "InvalidPassword", "invalid username/password");
        assertThat(userpass.register(MAIL, email, "a new password").status()).isEqualTo(201);
        assertError(userpass.confirm(MAIL, stale), 400, "UserpassTokenInvalid", "invalid token data");
        assertNoContent(userpass.confirm(MAIL, Link.in(UserpassAssertions.mailsTo(mail, email, 2).get(1))));
        assertThat(userpass.logIn(MAIL, email, "a new password").status()).isEqualTo(200);
    }
}
